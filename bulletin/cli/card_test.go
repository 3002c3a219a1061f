package cli

import (
	"bytes"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/igrs-pro/bulletin/bulletin/internal/testtools"
)

func TestCardCommand(t *testing.T) {
	out := t.TempDir()
	code, _, stderr := run(t, "card", "--config", repoConfig, "--month", "2024-11", "--lang", "hi", "--out", out)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	ents, err := os.ReadDir(filepath.Join(out, "2024-11"))
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range ents {
		if e.Name()[0] != '.' {
			names = append(names, e.Name())
		}
	}
	if len(names) != 2 || names[0] != "card.hi.square.png" || names[1] != "card.hi.wide.png" {
		t.Fatalf("wrote %v", names)
	}
	b, _ := os.ReadFile(filepath.Join(out, "2024-11", "card.hi.square.png"))
	cfg, err := png.DecodeConfig(bytes.NewReader(b))
	if err != nil || cfg.Width != 1080 || cfg.Height != 1080 {
		t.Errorf("square card: %v %+v", err, cfg)
	}
	if code, _, _ := run(t, "card", "--config", repoConfig, "--lang", "fr", "--out", out); code != 1 {
		t.Errorf("--lang fr: exit %d, want 1", code)
	}
	if code, _, _ := run(t, "card", "--config", repoConfig, "--out", "-"); code != 1 {
		t.Errorf("--out -: exit %d, want 1", code)
	}
}

// An office's card-layout.toml with an unknown setting is refused at start,
// naming the file, and nothing is written.
func TestCardLayoutOverrideChecked(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "card-layout.toml"), []byte("[square]\nwidht = 1080\n"), 0o644)
	out := t.TempDir()
	code, _, stderr := run(t, "card", "--config", repoConfig, "--set", "templates="+dir, "--out", out)
	if code != 1 || !bytes.Contains([]byte(stderr), []byte("card-layout.toml")) || !bytes.Contains([]byte(stderr), []byte("widht")) {
		t.Errorf("exit %d: %s", code, stderr)
	}
	if ents, _ := os.ReadDir(out); len(ents) != 0 {
		t.Errorf("wrote %d entries", len(ents))
	}
}

// A layout whose facts cannot fit a card is found by validate (exit 1,
// naming the card and the setting), so that build never meets it.
func TestValidateDrawsTheCards(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "card-layout.toml"), []byte("[square]\nfact_size = 120\nmin_fact_size = 110\n"), 0o644)
	code, _, stderr := run(t, "validate", "--config", repoConfig, "--set", "templates="+dir)
	if code != 1 || !bytes.Contains([]byte(stderr), []byte("card.hi.square.png")) || !bytes.Contains([]byte(stderr), []byte("min_fact_size")) {
		t.Errorf("exit %d: %s", code, stderr)
	}
	if code, out, stderr := run(t, "validate", "--config", repoConfig); code != 0 {
		t.Errorf("bundled layout: exit %d: %s %s", code, out, stderr)
	}
}

// press.trend_page gives `bulletin press` the same two-page PDF as build.
func TestPressTrendPage(t *testing.T) {
	out := t.TempDir()
	code, _, stderr := run(t, "press", "--config", repoConfig, "--format", "pdf", "--lang", "en", "--set", "press.trend_page=true", "--out", out)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	info, err := exec.Command(testtools.RequireTool(t, "pdfinfo"), filepath.Join(out, "2024-11", "press-note.en.pdf")).Output()
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(info, []byte("Pages:           2")) {
		t.Errorf("pdfinfo:\n%s", info)
	}
}

// bulletin card and bulletin press --format pdf check the words they draw
// as build does, naming the file, and write nothing.
func TestCardAndPressPDFCheckTheirWords(t *testing.T) {
	loc := filepath.Join(t.TempDir(), "locales")
	os.MkdirAll(loc, 0o755)
	os.WriteFile(filepath.Join(loc, "active.hi.toml"), []byte("[\"Card.Kicker\"]\nother = \"आईजीआरएस ☎ {{.Month}}\"\n\n[\"Press.Closing\"]\nother = \"निर्देश ☎ {{.Officer}} {{.Hundred}}\"\n"), 0o644)
	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{"card", "--lang", "hi"}, `card.hi.square.png: U+260E "☎" in "आईजीआरएस ☎ नवम्बर-2024"`},
		{[]string{"press", "--lang", "hi", "--format", "pdf"}, `press-note.hi.txt, line 14: U+260E "☎"`},
	} {
		out := filepath.Join(t.TempDir(), "out")
		args := append(tt.args, "--config", repoConfig, "--month", "2024-11", "--out", out, "--set", "locales="+loc)
		code, _, stderr := run(t, args...)
		if code != 1 || !strings.Contains(stderr, tt.want) {
			t.Errorf("%s: exit %d, stderr %q; want 1 and %q", tt.args[0], code, stderr, tt.want)
		}
		if _, err := os.Stat(out); !os.IsNotExist(err) {
			t.Errorf("%s: the output folder was created", tt.args[0])
		}
	}
}
