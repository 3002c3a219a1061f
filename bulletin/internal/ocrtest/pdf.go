package ocrtest

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/igrs-pro/bulletin/bulletin/internal/testtools"
)

// PDFResult is what CheckPDF measured of a PDF against the text it should
// show.
type PDFResult struct {
	// ExtractCER is the character error rate of the text that copies out
	// (pdftotext) against the text expected, InfixCER-style: the expected
	// text may sit anywhere in the page text.
	ExtractCER float64
	// OCRCER is the same rate for what tesseract (hin+eng) reads from the
	// pages rendered by pdftoppm: Devanagari drawn wrong reads back wrong.
	OCRCER float64
	Pages  int
	// NotEmbedded lists the fonts that the PDF uses without embedding.
	NotEmbedded []string
	// Extracted and Read are the page texts: copied out and read by OCR.
	Extracted, Read string
}

func (r PDFResult) String() string {
	return fmt.Sprintf("extract CER %.4f, OCR CER %.4f over %d pages", r.ExtractCER, r.OCRCER, r.Pages)
}

// Tools are the programs CheckPDF needs (Debian: poppler-utils,
// tesseract-ocr, tesseract-ocr-hin, tesseract-ocr-eng).
var Tools = []string{"pdftotext", "pdftoppm", "pdffonts", "tesseract"}

// RequireLanguages skips the test when tesseract lacks the hin or eng
// language data, or fails it under BULLETIN_REQUIRE_TOOLS=1.
func RequireLanguages(t testing.TB) {
	t.Helper()
	out, err := exec.Command(testtools.RequireTool(t, "tesseract"), "--list-langs").CombinedOutput()
	if err != nil {
		t.Fatalf("tesseract --list-langs: %v: %s", err, out)
	}
	langs := strings.Fields(string(out))
	for _, l := range []string{"hin", "eng"} {
		if !slices.Contains(langs, l) {
			testtools.Missing(t, "tesseract has no "+l+" language data (Debian: tesseract-ocr-"+l+")")
		}
	}
}

// CheckPDF renders the PDF at path with pdftoppm (300 dpi, grey), reads
// every page with tesseract (hin+eng) and copies its text out with
// pdftotext, and measures both against want. It skips the test when a tool
// is missing, or fails it under BULLETIN_REQUIRE_TOOLS=1.
func CheckPDF(t testing.TB, path, want string) PDFResult {
	t.Helper()
	RequireTools(t)
	r, err := MeasurePDF(path, want)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// RequireTools skips the test when a program or language CheckPDF needs
// is missing, or fails it under BULLETIN_REQUIRE_TOOLS=1.
func RequireTools(t testing.TB) {
	t.Helper()
	for _, tool := range Tools {
		testtools.RequireTool(t, tool)
	}
	RequireLanguages(t)
}

// MeasurePDF is CheckPDF for a caller that has checked the tools
// (RequireTools) and may run from any goroutine.
func MeasurePDF(path, want string) (PDFResult, error) {
	var r PDFResult
	fonts, err := exec.Command("pdffonts", path).Output()
	if err != nil {
		return r, fmt.Errorf("pdffonts %s: %v", path, err)
	}
	for i, line := range strings.Split(string(fonts), "\n") {
		// name type [type…] encoding emb sub uni object ID, below two header lines
		if f := strings.Fields(line); i >= 2 && len(f) >= 7 && f[len(f)-5] != "yes" {
			r.NotEmbedded = append(r.NotEmbedded, f[0])
		}
	}
	text, err := exec.Command("pdftotext", "-enc", "UTF-8", path, "-").Output()
	if err != nil {
		return r, fmt.Errorf("pdftotext %s: %v", path, err)
	}
	r.Extracted = string(text)
	r.ExtractCER = InfixCER(want, r.Extracted)

	dir, err := os.MkdirTemp("", "ocrtest-")
	if err != nil {
		return r, err
	}
	defer os.RemoveAll(dir)
	if out, err := exec.Command("pdftoppm", "-r", "300", "-gray", "-png", path, filepath.Join(dir, "page")).CombinedOutput(); err != nil {
		return r, fmt.Errorf("pdftoppm %s: %v: %s", path, err, out)
	}
	pages, _ := filepath.Glob(filepath.Join(dir, "page*.png"))
	slices.Sort(pages) // pdftoppm pads the page numbers to one width
	r.Pages = len(pages)
	var read []string
	for _, p := range pages {
		cmd := exec.Command("tesseract", p, "stdout", "-l", "hin+eng")
		cmd.Env = append(os.Environ(), "OMP_THREAD_LIMIT=1")
		out, err := cmd.Output()
		if err != nil {
			return r, fmt.Errorf("tesseract %s: %v", p, err)
		}
		read = append(read, string(out))
	}
	r.Read = strings.Join(read, "\n")
	r.OCRCER = InfixCER(want, r.Read)
	return r, nil
}

// InfixCER is the character error rate of want against the stretch of got
// that matches it best (after Norm): the edit distance over the length of
// want, where the text before and after the stretch costs nothing (a
// letterhead above the text, a page number below it).
func InfixCER(want, got string) float64 {
	w, g := []rune(Norm(want)), []rune(Norm(got))
	if len(w) == 0 {
		return 0
	}
	// Sellers' algorithm: the edit distance with a free start and end in g.
	prev := make([]int, len(g)+1) // row 0: starting anywhere in g is free
	cur := make([]int, len(g)+1)
	for i := 1; i <= len(w); i++ {
		cur[0] = i
		for j := 1; j <= len(g); j++ {
			d := prev[j-1]
			if w[i-1] != g[j-1] {
				d++
			}
			cur[j] = min(d, prev[j]+1, cur[j-1]+1)
		}
		prev, cur = cur, prev
	}
	return float64(slices.Min(prev)) / float64(len(w))
}
