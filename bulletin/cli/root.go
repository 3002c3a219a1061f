// Package cli holds bulletin's commands. Each command is built by a
// constructor (NewCmdX) from the shared Factory, so tests can run commands
// in-process with buffers for their input and output.
package cli

import (
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/spf13/cobra"
	"golang.org/x/term"
)

// Exit codes of the bulletin command.
const (
	ExitOK       = 0
	ExitData     = 1 // bad data, configuration or usage
	ExitInternal = 2 // a fault of bulletin itself
)

// IOStreams are the command's standard streams.
type IOStreams struct {
	In     io.Reader
	Out    io.Writer
	ErrOut io.Writer
	// Terminal reports whether ErrOut is a terminal (progress bars go there).
	Terminal bool
}

// System returns the process's own streams.
func System() *IOStreams {
	return &IOStreams{In: os.Stdin, Out: os.Stdout, ErrOut: os.Stderr, Terminal: term.IsTerminal(int(os.Stderr.Fd()))}
}

// Factory is what every command shares: the streams and the global flags.
type Factory struct {
	IO      *IOStreams
	Globals *Globals
}

// NewCmdRoot builds the bulletin command with all its subcommands.
func NewCmdRoot(io *IOStreams) *cobra.Command {
	f := &Factory{IO: io, Globals: &Globals{}}
	cmd := &cobra.Command{
		Use:   "bulletin",
		Short: "Press notes and certificates for the monthly IGRS ranking",
		Long: `bulletin turns the monthly IGRS (जनसुनवाई समाधान प्रणाली) ranking results into the
announcements of a police PRO office: Hindi and English press notes and
appreciation certificates, for the office's own unit and the units under it.

It reads units.csv and the rankings named in config.toml (or by flags),
works out the facts a journalist would print and writes them from templates
and message catalogs that the office can edit.

Exit codes: 0 ok, 1 bad data, configuration or usage, 2 internal error.`,
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	cmd.SetIn(io.In)
	cmd.SetOut(io.Out)
	cmd.SetErr(io.ErrOut)
	f.Globals.register(cmd)
	cmd.AddCommand(
		NewCmdFacts(f, nil),
		NewCmdPress(f, nil),
		NewCmdValidate(f, nil),
		NewCmdBuild(f, nil),
		NewCmdCertificates(f, nil),
		NewCmdCard(f, nil),
		NewCmdNote(f, nil),
		NewCmdRegister(f),
		NewCmdVerify(f),
		NewCmdServe(f),
		NewCmdVersion(f),
	)
	return cmd
}

// internalError marks a fault of bulletin itself rather than of its input.
type internalError struct{ err error }

func (e internalError) Error() string { return e.err.Error() }
func (e internalError) Unwrap() error { return e.err }

// Main runs bulletin with args and returns the process exit code.
func Main(io *IOStreams, args []string) (code int) {
	defer func() {
		if r := recover(); r != nil {
			fmt.Fprintf(io.ErrOut, "bulletin: internal error: %v\n", r)
			code = ExitInternal
		}
	}()
	// Every write to standard output is checked: output that did not
	// arrive (a full disk, a closed pipe) is a failure, not exit 0.
	out := &checkedWriter{w: io.Out}
	streams := *io
	streams.Out = out
	cmd := NewCmdRoot(&streams)
	cmd.SetArgs(args)
	err := cmd.Execute()
	if out.err != nil { // the first failure, whatever the command made of it
		err = fmt.Errorf("writing to standard output: %w", out.err)
	}
	if err == nil {
		return ExitOK
	}
	fmt.Fprintln(io.ErrOut, "bulletin: "+indentLines(err.Error()))
	var ie internalError
	if errors.As(err, &ie) {
		return ExitInternal
	}
	return ExitData
}

// checkedWriter keeps the first error of its writes.
type checkedWriter struct {
	w   io.Writer
	err error
}

func (c *checkedWriter) Write(p []byte) (int, error) {
	if c.err != nil {
		return 0, c.err
	}
	n, err := c.w.Write(p)
	if err == nil && n < len(p) {
		err = io.ErrShortWrite
	}
	if err != nil {
		c.err = err
	}
	return n, err
}

// indentLines puts every line after the first of a multi-line message on a
// line of its own, below the "bulletin:" prefix.
func indentLines(s string) string {
	for i := 0; i < len(s); i++ {
		if s[i] == '\n' {
			return "\n" + s
		}
	}
	return s
}
