package whatsapp_test

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/igrs-pro/bulletin/bulletin/card"
	"github.com/igrs-pro/bulletin/bulletin/config"
	"github.com/igrs-pro/bulletin/bulletin/dataset"
	"github.com/igrs-pro/bulletin/bulletin/l10n"
	"github.com/igrs-pro/bulletin/bulletin/plan"
	"github.com/igrs-pro/bulletin/bulletin/press"
	"github.com/igrs-pro/bulletin/bulletin/whatsapp"
	"github.com/igrs-pro/bulletin/locales"
	"github.com/igrs-pro/bulletin/templates"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// The example's WhatsApp messages for the golden months of the press
// notes (zone first with a streak, zone not first, first again), as build
// plans them, against testdata/<month>/press-note.<lang>.whatsapp.txt.
func TestGolden(t *testing.T) {
	c, err := config.Load("../../config.toml")
	if err != nil {
		t.Fatal(err)
	}
	d, err := dataset.Load(c.Units, c.Rankings)
	if err != nil {
		t.Fatal(err)
	}
	cat, err := l10n.Load(locales.FS, nil)
	if err != nil {
		t.Fatal(err)
	}
	tm, err := press.LoadTemplates(templates.FS)
	if err != nil {
		t.Fatal(err)
	}
	lb, _ := templates.FS.ReadFile(card.LayoutFile)
	layout, err := card.ParseLayout(lb, nil, "")
	if err != nil {
		t.Fatal(err)
	}
	in := &plan.Inputs{Config: c, Data: d, Catalog: cat, Templates: tm}
	for _, ms := range []string{"2024-11", "2024-06", "2024-08"} {
		m, err := dataset.ParseMonth(ms)
		if err != nil {
			t.Fatal(err)
		}
		date, _ := plan.Date("", m)
		p, err := in.Month(plan.Options{Month: m, Date: date, Notes: true, Cards: layout})
		if err != nil {
			t.Fatal(err)
		}
		n := 0
		for _, f := range p.Files {
			if !strings.HasSuffix(f.Path, ".whatsapp.txt") {
				continue
			}
			n++
			if l := whatsapp.Length(string(f.Data)); l > whatsapp.MaxChars {
				t.Errorf("%s %s: %d characters", ms, f.Path, l)
			}
			if !strings.HasPrefix(string(f.Data), "*") {
				t.Errorf("%s %s does not start with the bold headline", ms, f.Path)
			}
			golden(t, filepath.Join("testdata", ms, f.Path), f.Data)
		}
		if n != 2 {
			t.Errorf("%s: %d WhatsApp messages, want 2", ms, n)
		}
	}
}

func golden(t *testing.T, path string, got []byte) {
	t.Helper()
	if *update {
		os.MkdirAll(filepath.Dir(path), 0o755)
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./bulletin/whatsapp -update to create it)", err)
	}
	if string(got) != string(want) {
		t.Errorf("%s differs (go test ./bulletin/whatsapp -update rewrites it):\n--- got\n%s\n--- want\n%s", path, got, want)
	}
}
