package pdfjoin_test

import (
	"bytes"
	"compress/zlib"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"codeberg.org/go-pdf/fpdf"

	"github.com/igrs-pro/bulletin/bulletin/internal/testtools"
	"github.com/igrs-pro/bulletin/bulletin/pdfjoin"
)

// newDoc is a document as the certificates' (compressed, sorted catalog,
// fixed dates) with fpdf's core Helvetica.
func newDoc() *fpdf.Fpdf {
	pdf := fpdf.New("L", "mm", "A4", "")
	pdf.SetCompression(true)
	pdf.SetCatalogSort(true)
	pdf.SetCreationDate(time.Unix(0, 0).UTC())
	pdf.SetModificationDate(time.Unix(0, 0).UTC())
	pdf.SetTitle("joined (0 R)", true)
	pdf.SetFont("Helvetica", "", 24)
	return pdf
}

// pageStreams draws n pages, each saying its number, and returns their
// compressed content streams as the document holding them has them.
func pageStreams(t *testing.T, n int) [][]byte {
	t.Helper()
	pdf := newDoc()
	streams := make([][]byte, n)
	for i := range n {
		pdf.AddPage()
		pdf.Text(20, 30, fmt.Sprintf("page %d of the batch", i+1))
		pdf.SetPageStream(func(content []byte) []byte {
			var b bytes.Buffer
			w, _ := zlib.NewWriterLevel(&b, zlib.BestSpeed)
			w.Write(content)
			w.Close()
			streams[i] = b.Bytes()
			return streams[i]
		})
	}
	var out bytes.Buffer
	if err := pdf.Output(&out); err != nil {
		t.Fatal(err)
	}
	return streams
}

// resources is a resource document: blank pages, the font registered;
// with set applied to it, if any, after its pages are added.
func resources(t *testing.T, pages int, set ...func(*fpdf.Fpdf)) []byte {
	t.Helper()
	pdf := newDoc()
	for range pages {
		pdf.AddPage()
	}
	for _, f := range set {
		f(pdf)
	}
	var out bytes.Buffer
	if err := pdf.Output(&out); err != nil {
		t.Fatal(err)
	}
	return out.Bytes()
}

// join writes the pages with New(proto) and Close(res).
func join(t *testing.T, streams [][]byte, proto, res []byte) ([]byte, error) {
	t.Helper()
	var b bytes.Buffer
	w, err := pdfjoin.New(&b, proto)
	if err != nil {
		return nil, err
	}
	for _, s := range streams {
		if err := w.AddPage(s); err != nil {
			t.Fatal(err)
		}
	}
	if w.Pages() != len(streams) {
		t.Errorf("Pages() = %d, want %d", w.Pages(), len(streams))
	}
	err = w.Close(res)
	if err == nil && w.Size() != int64(b.Len()) {
		t.Errorf("Size() = %d, wrote %d", w.Size(), b.Len())
	}
	return b.Bytes(), err
}

// The pages come out in order with their text, in a file that poppler
// reads without a complaint, and the same pages give the same bytes.
func TestJoinedPagesReadBack(t *testing.T) {
	res := resources(t, 1)
	b := readBack(t, res, res)
	again, _ := join(t, pageStreams(t, 5), res, res)
	if !bytes.Equal(b, again) {
		t.Error("the same pages and resources gave different bytes")
	}
	// Pages written by two Writers through one buffer (AddPageBuf, as a
	// batch does): the same bytes.
	var out [2]bytes.Buffer
	var ws [2]*pdfjoin.Writer
	for i := range ws {
		var err error
		if ws[i], err = pdfjoin.New(&out[i], res); err != nil {
			t.Fatal(err)
		}
	}
	var buf []byte
	for _, s := range pageStreams(t, 5) {
		for _, w := range ws {
			var err error
			if buf, err = w.AddPageBuf(buf, s); err != nil {
				t.Fatal(err)
			}
		}
	}
	for i, w := range ws {
		if err := w.Close(res); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(out[i].Bytes(), b) {
			t.Errorf("file %d written through a shared buffer differs", i)
		}
	}
	if !bytes.HasPrefix(b, []byte("%PDF-1.3\n")) {
		t.Errorf("the joined file begins %q, not as its prototype", b[:10])
	}
}

// A document with an image with an alpha channel is PDF 1.4 with a
// transparency group in each page: the pages are written as the prototype
// has them.
func TestJoinedPagesTransparency(t *testing.T) {
	res := resources(t, 1, func(pdf *fpdf.Fpdf) { pdf.SetAlpha(0.5, "Normal") })
	b := readBack(t, res, res)
	if !bytes.HasPrefix(b, []byte("%PDF-1.4\n")) || bytes.Count(b, []byte("/Group <</Type /Group /S /Transparency")) != 5 {
		t.Errorf("the joined file is not PDF 1.4 with a transparency group in each of its 5 pages")
	}
}

// readBack joins 5 pages with proto and res and checks them with poppler.
func readBack(t *testing.T, proto, res []byte) []byte {
	t.Helper()
	b, err := join(t, pageStreams(t, 5), proto, res)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "joined.pdf")
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
	info, err := exec.Command(testtools.RequireTool(t, "pdfinfo"), path).CombinedOutput()
	if err != nil || !regexp.MustCompile(`(?m)^Pages:\s+5$`).Match(info) {
		t.Fatalf("pdfinfo: %v\n%s", err, info)
	}
	if !strings.Contains(string(info), "joined (0 R)") {
		t.Errorf("pdfinfo shows no title:\n%s", info)
	}
	cmd := exec.Command(testtools.RequireTool(t, "pdftotext"), path, "-")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	text, err := cmd.Output()
	if err != nil || stderr.Len() > 0 {
		t.Fatalf("pdftotext: %v\n%s", err, stderr.String())
	}
	pages := strings.Split(strings.TrimSuffix(string(text), "\f"), "\f")
	if len(pages) != 5 {
		t.Fatalf("pdftotext found %d pages: %q", len(pages), text)
	}
	for i, p := range pages {
		if want := fmt.Sprintf("page %d of the batch", i+1); strings.TrimSpace(p) != want {
			t.Errorf("page %d reads %q, want %q", i+1, p, want)
		}
	}
	return b
}

// A resource document that is not one blank page written as the pages
// were is refused, and so is a document without pages.
func TestJoinRefusesOtherResources(t *testing.T) {
	streams := pageStreams(t, 2)
	res := resources(t, 1)
	if _, err := join(t, streams, res, resources(t, 2)); err == nil {
		t.Error("a resource document of two pages was taken")
	}
	if _, err := join(t, streams, resources(t, 2), res); err == nil {
		t.Error("a prototype of two pages was taken")
	}
	if _, err := join(t, nil, res, res); err == nil {
		t.Error("a document without pages was written")
	}
	for name, bad := range map[string][]byte{
		// PDF 1.4, whose pages fpdf gives a transparency group, with a
		// PDF 1.3 prototype
		"transparency":  resources(t, 1, func(pdf *fpdf.Fpdf) { pdf.SetAlpha(0.5, "Normal") }),
		"refers a page": resources(t, 1, func(pdf *fpdf.Fpdf) { pdf.SetDisplayMode("fullpage", "") }),
		"truncated":     res[:len(res)-100],
		"no xref":       bytes.Replace(res, []byte("xref\n"), []byte("xreF\n"), 1),
	} {
		_, err := join(t, streams, res, bad)
		t.Logf("%s: %v", name, err)
		if err == nil {
			t.Errorf("%s: a bad resource document was taken", name)
		}
	}
}
