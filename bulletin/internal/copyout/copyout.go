// Package copyout measures how well the text of a PDF copies out: it runs
// the text extractors that journalists' viewers and tools use (poppler's
// pdftotext, PDFium as in Chrome, pdf.js as in Firefox, pdfminer.six and
// pypdf) on a PDF and gives each one's character error rate against the
// text the PDF should hold.
//
// pdftotext comes from poppler-utils, pdfminer and pypdf from Debian's
// python3-pdfminer and python3-pypdf, pdf.js and PDFium from npm
// (pdfjs-dist, @embedpdf/pdfium) installed by .ci/run into .ci/extract and
// run by node with .ci/extract/extract.mjs. A missing extractor skips the
// test, or fails it when BULLETIN_REQUIRE_TOOLS=1 (see testtools).
package copyout

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/igrs-pro/bulletin/bulletin/internal/ocrtest"
	"github.com/igrs-pro/bulletin/bulletin/internal/testtools"
)

// Extractors names the five extractors, in the order reports list them.
var Extractors = []string{"pdftotext", "pdfium", "pdfjs", "pdfminer", "pypdf"}

// Extract returns the text extractor name gives for the PDF at path.
func Extract(t testing.TB, name, path string) string {
	t.Helper()
	var cmd *exec.Cmd
	switch name {
	case "pdftotext":
		cmd = exec.Command(testtools.RequireTool(t, "pdftotext"), "-enc", "UTF-8", path, "-")
	case "pdfjs", "pdfium":
		dir := filepath.Join(testtools.RepoRoot(t), ".ci", "extract")
		testtools.RequireFile(t, filepath.Join(dir, "node_modules", "pdfjs-dist", "package.json"))
		testtools.RequireFile(t, filepath.Join(dir, "node_modules", "@embedpdf", "pdfium", "package.json"))
		cmd = exec.Command(testtools.RequireTool(t, "node"), filepath.Join(dir, "extract.mjs"), name, path)
	case "pdfminer", "pypdf":
		script := filepath.Join(testtools.RepoRoot(t), ".ci", "extract", "extract.py")
		cmd = exec.Command(python(t), script, name, path)
	default:
		t.Fatalf("copyout: unknown extractor %q", name)
	}
	var stderr strings.Builder
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("%s on %s: %v\n%s", name, path, err, stderr.String())
	}
	return string(out)
}

// python returns a Python 3 that has Debian's pdfminer and pypdf:
// /usr/bin/python3 (a python3 earlier in PATH, such as pyenv's, may lack
// them), else python3 from PATH.
func python(t testing.TB) string {
	t.Helper()
	for _, p := range []string{"/usr/bin/python3", "python3"} {
		path, err := exec.LookPath(p)
		if err != nil {
			continue
		}
		if exec.Command(path, "-c", "import pdfminer, pypdf").Run() == nil {
			return path
		}
	}
	testtools.RequireFile(t, "python3 with the modules pdfminer and pypdf (Debian: python3-pdfminer python3-pypdf)")
	return ""
}

// ExtractBytes writes b to a temporary file and extracts it.
func ExtractBytes(t testing.TB, name string, b []byte) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "doc.pdf")
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
	return Extract(t, name, path)
}

// Normalize puts text in the form error rates compare: NFC, every run of
// white space (line and page breaks too) one space, no space at the ends.
// Nothing else is folded: a ligature copied as "ﬁ", a Private Use
// character or a missing space between words counts as an error.
func Normalize(s string) string { return ocrtest.Norm(s) }

// CER is the character error rate of got against want, both normalized:
// the edit distance (insertions, deletions, substitutions of code points)
// divided by the length of want. It is ocrtest.CER, whose arguments come
// the other way round.
func CER(got, want string) float64 { return ocrtest.CER(want, got) }
