package cli

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/igrs-pro/bulletin/bulletin/internal/testtools"
	"golang.org/x/text/unicode/norm"
)

const (
	noteText = `# जनपद पुलिस की अपील

जनपद पुलिस आम जनमानस से अपील करती है कि अपनी शिकायतें
जनसुनवाई समाधान प्रणाली (IGRS) पर दर्ज करें।

शिकायतों का निस्तारण समय से किया जाएगा।
`
	noteMarkdown = `# Appeal of the District Police

The police ask everyone to register complaints on **IGRS**:

- online, at any hour;
- by phone, on *1076*.

## Disposal

Every complaint is disposed of in time.
`
)

func writeNote(t *testing.T, name, text string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func foldText(s string) string { return strings.Join(strings.Fields(norm.NFC.String(s)), " ") }

func pdfText(t *testing.T, path string) string {
	t.Helper()
	tool := testtools.RequireTool(t, "pdftotext")
	out, err := exec.Command(tool, "-enc", "UTF-8", path, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	return foldText(string(out))
}

func TestNoteText(t *testing.T) {
	in := writeNote(t, "appeal.txt", noteText)
	code, _, stderr := run(t, "note", in, "--config", repoConfig)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	out := strings.TrimSuffix(in, ".txt") + ".pdf"
	if !strings.Contains(stderr, "wrote "+out) {
		t.Errorf("stderr %q does not name %s", stderr, out)
	}
	a, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(a, []byte("%PDF")) || !bytes.Contains(a, []byte("D:20000101000000")) {
		t.Error("not a PDF dated 2000-01-01")
	}
	// The same note again: the same bytes, here on standard output.
	code, stdout, stderr := run(t, "note", in, "--config", repoConfig, "--out", "-")
	if code != 0 || stdout != string(a) {
		t.Errorf("--out -: exit %d (%s), same bytes %v", code, stderr, stdout == string(a))
	}
	text := pdfText(t, out)
	for _, w := range []string{"कार्यालय पुलिस महानिरीक्षक, कानपुर जोन, कानपुर", "0512-2304545", "जनपद पुलिस की अपील",
		"जनपद पुलिस आम जनमानस से अपील करती है कि अपनी शिकायतें जनसुनवाई समाधान प्रणाली (IGRS) पर दर्ज करें। शिकायतों का निस्तारण समय से किया जाएगा।",
		"राजेश कुमार सिंह पुलिस महानिरीक्षक, कानपुर जोन"} {
		if !strings.Contains(text, w) {
			t.Errorf("the PDF lacks %q:\n%s", w, text)
		}
	}
	if strings.Contains(text, "दिनांक") {
		t.Error("a date line without --date")
	}
}

func TestNoteMarkdown(t *testing.T) {
	in := writeNote(t, "appeal.md", noteMarkdown)
	out := filepath.Join(t.TempDir(), "sub", "appeal.en.pdf")
	code, _, stderr := run(t, "note", in, "--config", repoConfig, "--lang", "en", "--date", "2024-12-02", "--out", out)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	text := pdfText(t, out)
	for _, w := range []string{"Office of the Inspector General of Police, Kanpur Zone, Kanpur", "Appeal of the District Police",
		"The police ask everyone to register complaints on IGRS:", "• online, at any hour;", "• by phone, on 1076.",
		"Disposal Every complaint", "Rajesh Kumar Singh Inspector General of Police, Kanpur Zone"} {
		if !strings.Contains(text, w) {
			t.Errorf("the PDF lacks %q:\n%s", w, text)
		}
	}
	if !strings.Contains(text, "Appeal of the District Police Kanpur, 2 December 2024 The police") {
		t.Errorf("no date line after the title: %s", text)
	}
	b, _ := os.ReadFile(out)
	if !bytes.Contains(b, []byte("D:20241202000000")) {
		t.Error("the PDF is not dated 2024-12-02")
	}
	// Without letterhead and signature.
	code, _, stderr = run(t, "note", in, "--config", repoConfig, "--lang", "en", "--letterhead=false", "--signature=false", "--out", out)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if text := pdfText(t, out); strings.Contains(text, "Office of the Inspector") || strings.Contains(text, "Rajesh") || !strings.Contains(text, "Disposal") {
		t.Errorf("--letterhead=false --signature=false: %s", text)
	}
}

func TestNoteErrors(t *testing.T) {
	dir := t.TempDir()
	md := writeNote(t, "bad.md", "# Title\n\ntext\n\n![emblem](x.png)\n")
	snow := writeNote(t, "snow.txt", "# शीर्षक\n\nपहली पंक्ति\nयह ☃ नहीं छपेगा\n")
	missing := filepath.Join(dir, "no-emblem.png")
	for _, c := range []struct {
		args []string
		want []string
	}{
		{[]string{md}, []string{md + ":5:", "image"}},
		{[]string{snow}, []string{snow + ":4:", "U+2603"}},
		{[]string{snow, "--set", "office.emblem=" + missing}, []string{missing, "office.emblem"}},
		{[]string{snow, "--set", "office.emblem=" + snow}, []string{snow, "office.emblem", "PNG"}},
		{[]string{filepath.Join(dir, "absent.txt")}, []string{"absent.txt", "cannot read"}},
		{[]string{snow, "--lang", "fr"}, []string{"--lang", "fr"}},
		{[]string{snow, "--date", "2024-13-01"}, []string{"--date"}},
		{[]string{writeNote(t, "empty.txt", "\n \n")}, []string{"empty.txt", "no text"}},
	} {
		code, _, stderr := run(t, append([]string{"note", "--config", repoConfig}, c.args...)...)
		if code != ExitData {
			t.Errorf("%v: exit %d, want %d: %s", c.args, code, ExitData, stderr)
		}
		for _, w := range c.want {
			if !strings.Contains(stderr, w) {
				t.Errorf("%v: stderr %q lacks %q", c.args, stderr, w)
			}
		}
	}
	if _, err := os.Stat(strings.TrimSuffix(md, ".md") + ".pdf"); err == nil {
		t.Error("a PDF was written for a note that failed")
	}
}

// TestNoteEmblemAndOfficeConfig: the note needs only the office settings;
// a config.toml without units, rankings and scope will do, and its emblem
// (relative to it) is drawn.
func TestNoteEmblemAndOfficeConfig(t *testing.T) {
	dir := t.TempDir()
	img := image.NewRGBA(image.Rect(0, 0, 40, 40))
	for i := range 40 {
		img.Set(i, i, color.RGBA{200, 0, 0, 255})
	}
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "emblem.png"), b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	cfg := filepath.Join(dir, "office.toml")
	if err := os.WriteFile(cfg, []byte("[office]\nname_hi = \"थाना कोतवाली\"\nemblem = \"emblem.png\"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	in := writeNote(t, "n.txt", noteText)
	code, _, stderr := run(t, "note", in, "--config", cfg)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	pdf, err := os.ReadFile(strings.TrimSuffix(in, ".txt") + ".pdf")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(pdf, []byte("/Subtype /Image")) {
		t.Error("no emblem in the PDF")
	}
	if text := pdfText(t, strings.TrimSuffix(in, ".txt")+".pdf"); !strings.HasPrefix(text, "थाना कोतवाली") {
		t.Errorf("letterhead: %s", text)
	}
}
