package config_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/igrs-pro/bulletin/bulletin/config"
)

// FuzzLoad reads arbitrary text as config.toml: it must give a checked
// configuration or an error that names the file, never a panic.
func FuzzLoad(f *testing.F) {
	if b, err := os.ReadFile(filepath.Join("..", "..", "config.toml")); err == nil {
		f.Add(string(b))
	}
	for _, s := range []string{
		"scope = \"z-kanpur\"\n[hindi]\ndigits = \"devanagari\"\n",
		"[office]\nnmae_hi = \"x\"\n",
		"[certificates]\nbest_rank = \"one\"\n",
		"a.b.c = 1\n[a]\n",
		"scope = \"z\n",
		"[[press]]\n",
		"a = 0b\n", // the TOML library's message holds a line break
		"office.name_hi = 'x' # c\n[ \"hindi\" ]\npad_counts = true\n",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		path := filepath.Join(t.TempDir(), "config.toml")
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		c, err := config.Load(path)
		if err != nil {
			for _, line := range strings.Split(err.Error(), "\n") {
				if !strings.HasPrefix(line, path) {
					t.Fatalf("error line without the file: %q", line)
				}
			}
			return
		}
		if err := c.Check(path); err != nil {
			t.Fatalf("Load accepted a configuration that Check refuses: %v", err)
		}
		for _, p := range []string{c.Units, c.Rankings, c.Out, c.Templates, c.Locales, c.Fonts, c.Office.Emblem} {
			if p != "" && !filepath.IsAbs(p) {
				t.Fatalf("path %q left relative", p)
			}
		}
	})
}
