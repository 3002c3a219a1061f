package cli

import (
	"fmt"
	"runtime"
	"runtime/debug"
	"strings"

	"github.com/spf13/cobra"
)

// version and commit name the build. The release script sets them with
// -ldflags "-X github.com/igrs-pro/bulletin/bulletin/cli.version=v1.2.0
// -X github.com/igrs-pro/bulletin/bulletin/cli.commit=<hash>"; otherwise
// they come from the build information Go records (the module's version
// for go install module@version, the commit for a build in a clone).
var version, commit string

// NewCmdVersion builds `bulletin version`.
func NewCmdVersion(f *Factory) *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "Print bulletin's version and the commit it was built from",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			_, err := fmt.Fprintln(f.IO.Out, VersionLine())
			return err
		},
	}
}

// VersionLine is what `bulletin version` prints: bulletin v1.2.0 (commit
// 0123abcd, 2024-12-01T10:00:00Z, go1.26.8 windows/amd64).
func VersionLine() string {
	v, c, when, dirty := version, commit, "", false
	if info, ok := debug.ReadBuildInfo(); ok {
		if v == "" {
			v = info.Main.Version
		}
		for _, s := range info.Settings {
			switch s.Key {
			case "vcs.revision":
				if c == "" {
					c = s.Value
				}
			case "vcs.time":
				when = s.Value
			case "vcs.modified":
				dirty = s.Value == "true" && commit == ""
			}
		}
	}
	if v == "" || v == "(devel)" {
		v = "devel"
	}
	if c == "" {
		c = "unknown"
	}
	if hash, rest, _ := strings.Cut(c, "+"); len(hash) > 12 {
		c = hash[:12]
		if rest != "" {
			c += "+" + rest
		}
	}
	if dirty {
		c += "+changes"
	}
	details := "commit " + c
	if when != "" {
		details += ", " + when
	}
	return fmt.Sprintf("bulletin %s (%s, %s %s/%s)", v, details, runtime.Version(), runtime.GOOS, runtime.GOARCH)
}
