package cli

import (
	"bytes"
	"encoding/csv"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/igrs-pro/bulletin/bulletin/internal/copyout"
	"github.com/igrs-pro/bulletin/bulletin/internal/testtools"
)

// pageTexts extracts the PDF at path with extractor name (pages separated
// by form feeds) and returns each page's text, normalized.
func pageTexts(t *testing.T, name, path string) []string {
	t.Helper()
	pages := strings.Split(strings.TrimSuffix(copyout.Extract(t, name, path), "\f"), "\f")
	for i := range pages {
		pages[i] = copyout.Normalize(pages[i])
	}
	return pages
}

func pdfPages(t *testing.T, path string) int {
	t.Helper()
	out, err := exec.Command(testtools.RequireTool(t, "pdfinfo"), path).CombinedOutput()
	m := regexp.MustCompile(`(?m)^Pages:\s+(\d+)$`).FindSubmatch(out)
	if err != nil || m == nil || bytes.Contains(out, []byte("Syntax Error")) {
		t.Fatalf("pdfinfo %s: %v\n%s", path, err, out)
	}
	n, _ := strconv.Atoi(string(m[1]))
	return n
}

// referenceCertificates builds the example month once (referenceBuild)
// and returns its month folder and its manifest's rows, one a certificate.
func referenceCertificates(t *testing.T) (dir string, rows [][]string) {
	t.Helper()
	referenceBuild(t)
	rows, err := csv.NewReader(bytes.NewReader(reference.files["manifest.csv"])).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	return filepath.Join(reference.dir, "2024-11"), rows[1:]
}

// The print file and the bundles, written as their pages come
// (bulletin/pdfjoin), hold every certificate's page in the manifest's
// order, and their text copies out as each certificate's own PDF does, in
// every extractor: same pages, same fonts, same /ToUnicode maps.
func TestBuildPrintFileAndBundles(t *testing.T) {
	if testing.Short() {
		t.Skip("extracts the text of every certificate")
	}
	dir, rows := referenceCertificates(t)
	own := make([]string, len(rows)) // pdftotext of each certificate's own PDF
	place := map[string]int{}        // its place in the manifest, by that text
	for i, r := range rows {
		own[i] = pageTexts(t, "pdftotext", filepath.Join(dir, r[8]))[0]
		if !strings.Contains(own[i], r[0]) {
			t.Fatalf("%s: its text does not hold its number %s", r[8], r[0])
		}
		place[own[i]] = i
	}

	print := filepath.Join(dir, "certificates-2024-11.pdf")
	if n := pdfPages(t, print); n != len(rows) {
		t.Errorf("the print file has %d pages, want %d", n, len(rows))
	}
	if got := pageTexts(t, "pdftotext", print); !slices.Equal(got, own) {
		t.Errorf("the print file's pages (%d) do not read as the certificates, in order", len(got))
	}

	bundles, _ := filepath.Glob(filepath.Join(dir, "by-unit", "*.pdf"))
	if len(bundles) == 0 {
		t.Fatal("no bundles")
	}
	seen := map[int]string{}
	smallest := ""
	for _, b := range bundles {
		pages := pageTexts(t, "pdftotext", b)
		if n := pdfPages(t, b); n != len(pages) {
			t.Errorf("%s: pdfinfo says %d pages, pdftotext found %d", b, n, len(pages))
		}
		last := -1
		for k, p := range pages {
			i, ok := place[p]
			switch {
			case !ok:
				t.Errorf("%s: page %d reads as no certificate: %.80q", b, k+1, p)
			case i <= last:
				t.Errorf("%s: page %d (%s) out of the manifest's order", b, k+1, rows[i][0])
			case seen[i] != "":
				t.Errorf("%s: page %d (%s) is in %s too", b, k+1, rows[i][0], seen[i])
			}
			last, seen[i] = i, b
		}
		if smallest == "" || len(pages) < pdfPages(t, smallest) {
			smallest = b
		}
	}
	if len(seen) != len(rows) {
		t.Errorf("the bundles hold %d certificates of %d", len(seen), len(rows))
	}

	// The other extractors (PDFium, pdf.js, pdfminer, pypdf) read the
	// print file and a bundle as the certificates' own PDFs.
	sample := []int{0, len(rows) - 1}
	for _, name := range copyout.Extractors[1:] {
		got := pageTexts(t, name, print)
		if len(got) != len(rows) {
			t.Errorf("%s: the print file has %d pages, want %d", name, len(got), len(rows))
			continue
		}
		for _, i := range sample {
			if want := pageTexts(t, name, filepath.Join(dir, rows[i][8]))[0]; got[i] != want {
				t.Errorf("%s: page %d of the print file reads\n%s\nits certificate\n%s", name, i+1, got[i], want)
			}
		}
		var in []int // the certificates of the smallest bundle, in order
		for i := range rows {
			if seen[i] == smallest {
				in = append(in, i)
			}
		}
		pages := pageTexts(t, name, smallest)
		if len(pages) != len(in) {
			t.Errorf("%s: %s has %d pages, want %d", name, smallest, len(pages), len(in))
			continue
		}
		for k, i := range in {
			if want := pageTexts(t, name, filepath.Join(dir, rows[i][8]))[0]; pages[k] != want {
				t.Errorf("%s: page %d of %s reads\n%s\nits certificate\n%s", name, k+1, smallest, pages[k], want)
			}
		}
	}
}

// With an emblem (a PNG with an alpha channel, which makes fpdf write PDF
// 1.4 and a transparency group in each page) the print file and the
// bundles show it on every page, as the certificates' own PDFs do.
func TestCertificatesPrintFileWithEmblem(t *testing.T) {
	if testing.Short() {
		t.Skip("draws the month's certificates")
	}
	out := t.TempDir()
	emblem := filepath.Join(testtools.RepoRoot(t), "examples", "emblem.png")
	code, _, stderr := run(t, "certificates", "--config", repoConfig, "--month", "2024-11", "--out", out, "--quiet",
		"--set", "register="+filepath.Join(out, "register.db"), "--set", "office.emblem="+emblem)
	if code != 0 {
		t.Fatalf("certificates: exit %d: %s", code, stderr)
	}
	dir := filepath.Join(out, "2024-11")
	bundles, _ := filepath.Glob(filepath.Join(dir, "by-unit", "*.pdf"))
	files := append([]string{filepath.Join(dir, "certificates-2024-11.pdf")}, bundles...)
	own, _ := filepath.Glob(filepath.Join(dir, "certificates", "*", "*.pdf"))
	if len(bundles) == 0 || len(own) == 0 {
		t.Fatalf("%d bundles, %d certificates", len(bundles), len(own))
	}
	files = append(files, own[0])
	for _, f := range files {
		pages := pdfPages(t, f)
		info, _ := exec.Command(testtools.RequireTool(t, "pdfinfo"), f).Output()
		if !regexp.MustCompile(`(?m)^PDF version:\s+1\.4$`).Match(info) {
			t.Errorf("%s is not PDF 1.4:\n%s", f, info)
		}
		list, err := exec.Command(testtools.RequireTool(t, "pdfimages"), "-list", f).CombinedOutput()
		if err != nil {
			t.Fatalf("pdfimages %s: %v\n%s", f, err, list)
		}
		// A line per image and per soft mask: the emblem on every page.
		lines := strings.Split(strings.TrimSpace(string(list)), "\n")[2:]
		if n := len(lines); n != 2*pages || strings.Count(string(list), " smask ") != pages {
			t.Errorf("%s: %d pages, %d images and masks:\n%s", f, pages, n, list)
		}
	}
}
