package certificate_test

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/igrs-pro/bulletin/bulletin/certificate"
	"github.com/igrs-pro/bulletin/bulletin/internal/testtools"
	"github.com/igrs-pro/bulletin/templates"
)

// decodeQR renders page 1 of pdf at 150 dpi and returns what zbarimg
// reads from it.
func decodeQR(t *testing.T, pdf []byte) string {
	t.Helper()
	pdftoppm := testtools.RequireTool(t, "pdftoppm")
	zbarimg := testtools.RequireTool(t, "zbarimg")
	dir := t.TempDir()
	path := filepath.Join(dir, "c.pdf")
	os.WriteFile(path, pdf, 0o644)
	if out, err := exec.Command(pdftoppm, "-r", "150", "-gray", "-png", "-singlefile", path, filepath.Join(dir, "page")).CombinedOutput(); err != nil {
		t.Fatalf("pdftoppm: %v %s", err, out)
	}
	out, err := exec.Command(zbarimg, "-q", "--raw", filepath.Join(dir, "page.png")).Output()
	if err != nil {
		t.Fatalf("zbarimg found no code: %v", err)
	}
	return strings.TrimSpace(string(out))
}

// The QR code reads back, from a 150-dpi render, as the verification
// address with the certificate's number and code, in every preset.
func TestQRCodeDecodes(t *testing.T) {
	bundled, _ := templates.FS.ReadFile("certificate-layout.toml")
	for _, preset := range certificate.Presets {
		t.Run(preset, func(t *testing.T) {
			f := load(t, "2024-11")
			var err error
			if f.layout, err = certificate.ParseLayout(bundled, []byte("preset = \""+preset+"\"\n[offset]\nx = 2\ny = -1.5\n"), "office.toml"); err != nil {
				t.Fatal(err)
			}
			pdf, cs := render(t, f, "t-auraiya-bidhuna")
			got := decodeQR(t, pdf)
			want := "https://pro.example.org/verify?n=KZ%2FIGRS%2F2024-11%2FTHANA%2F0023&c=TEST000023"
			if got != want || cs[0].Verification.Payload != want {
				t.Errorf("QR code reads %q, want %q", got, want)
			}
		})
	}
	if p := certificate.QRPayload("", "KZ/1", "ABC"); p != "n=KZ/1;c=ABC" {
		t.Errorf("payload without a verification page: %q", p)
	}
}

// The QR code is at least 18 mm with its quiet zone: a layout asking for
// less is refused.
func TestQRCodeSize(t *testing.T) {
	bundled, _ := templates.FS.ReadFile("certificate-layout.toml")
	if _, err := certificate.ParseLayout(bundled, []byte("[qr]\nsize = 15\n"), "office.toml"); err == nil || !strings.Contains(err.Error(), "qr.size is 15") {
		t.Errorf("qr.size 15: %v", err)
	}
	l, _ := certificate.ParseLayout(bundled, nil, "")
	if l.QR.Size < 18 {
		t.Errorf("bundled qr.size %g", l.QR.Size)
	}
}

// The head shows the organisation and the office (and the emblem, when
// set); the preprinted preset draws none of them, nor the frame.
func TestIdentityAndPresets(t *testing.T) {
	pdftotext := testtools.RequireTool(t, "pdftotext")
	bundled, _ := templates.FS.ReadFile("certificate-layout.toml")
	emblem, err := os.ReadFile("../../examples/emblem.png")
	if err != nil {
		t.Fatal(err)
	}
	text := func(pdf []byte) string {
		path := filepath.Join(t.TempDir(), "c.pdf")
		os.WriteFile(path, pdf, 0o644)
		out, err := exec.Command(pdftotext, path, "-").Output()
		if err != nil {
			t.Fatal(err)
		}
		return strings.Join(strings.Fields(string(out)), " ")
	}
	for _, tc := range []struct {
		preset string
		head   bool
	}{{"ornate", true}, {"plain", true}, {"preprinted", false}} {
		f := load(t, "2024-11")
		f.id.Emblem, f.id.EmblemType = emblem, "png"
		if f.layout, err = certificate.ParseLayout(bundled, []byte("preset = \""+tc.preset+"\"\n"), "office.toml"); err != nil {
			t.Fatal(err)
		}
		pdf, cs := render(t, f, "t-auraiya-bidhuna", "z-kanpur")
		got := text(pdf)
		for _, s := range []string{"उत्तर प्रदेश पुलिस", "Uttar Pradesh Police", "कार्यालय पुलिस महानिरीक्षक, कानपुर जोन, कानपुर", "Office of the Inspector General of Police, Kanpur Zone, Kanpur"} {
			if strings.Contains(got, s) != tc.head {
				t.Errorf("%s: head line %q drawn: %v, want %v", tc.preset, s, !tc.head, tc.head)
			}
		}
		if !strings.Contains(got, cs[0].CodeLine) || !strings.Contains(got, "Verification code / सत्यापन कोड: TEST000023") {
			t.Errorf("%s: the code line is missing: %s", tc.preset, got)
		}
		// The emblem is an image of the page (and of its copy in another document).
		if n := bytes.Count(pdf, []byte("/Subtype /Image")); (n > 0) != tc.head {
			t.Errorf("%s: %d images", tc.preset, n)
		}
	}
	if _, err := certificate.ParseLayout(bundled, []byte("preset = \"fancy\"\n"), "office.toml"); err == nil || !strings.Contains(err.Error(), `preset is "fancy"; use ornate, plain, preprinted`) {
		t.Errorf("unknown preset: %v", err)
	}
	if _, err := certificate.ParseLayout(bundled, []byte("[presets.plain]\nborder.widht = 1\n"), "office.toml"); err == nil || !strings.Contains(err.Error(), "unknown setting presets.plain.border.widht") {
		t.Errorf("misspelt preset setting: %v", err)
	}
	l, err := certificate.ParseLayout(bundled, []byte("preset = \"plain\"\n[border]\ncolor = [1, 2, 3]\n"), "office.toml")
	if err != nil || l.Border.Color != [3]uint8{1, 2, 3} || l.Border.Corner != 0 || l.TitleHi.Color != [3]uint8{} {
		t.Errorf("plain with the office's colour: %+v %v", l.Border, err)
	}
}

// The single certificate PDF carries its number and code, which verify
// reads back from a file that was changed.
func TestVerificationMark(t *testing.T) {
	f := load(t, "2024-11")
	c := f.compose(t, f.awards[0])
	pdf := certificate.NewDocument(c.Number, date)
	certificate.MarkVerification(pdf, c)
	pdf.AddPage()
	var b bytes.Buffer
	if err := pdf.Output(&b); err != nil {
		t.Fatal(err)
	}
	n, code, ok := certificate.ReadVerification(b.Bytes())
	if !ok || n != c.Number || code != c.Verification.Code {
		t.Errorf("read %q %q %v, want %q %q", n, code, ok, c.Number, c.Verification.Code)
	}
	if _, _, ok := certificate.ReadVerification([]byte("%PDF-1.4 nothing")); ok {
		t.Error("found a mark in a PDF without one")
	}
}
