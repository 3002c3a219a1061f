package typeset

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"codeberg.org/go-pdf/fpdf"
	"github.com/go-text/typesetting/font"
	"github.com/igrs-pro/bulletin/bulletin/internal/testtools"
	"golang.org/x/text/unicode/norm"
)

var fixedDate = time.Date(2024, 11, 25, 10, 0, 0, 0, time.UTC)

func newPDF() *fpdf.Fpdf {
	pdf := fpdf.New("P", "mm", "A4", "")
	pdf.SetCompression(true)
	pdf.SetCatalogSort(true)
	pdf.SetCreationDate(fixedDate)
	pdf.SetModificationDate(fixedDate)
	return pdf
}

// corpusPDF draws every corpus item in every style, one item per line, in
// the order of the golden file.
func corpusPDF(t testing.TB, ts *Typesetter, items []string) []byte {
	t.Helper()
	pdf := newPDF()
	pdf.AddPage()
	y := 20.0
	for _, cs := range corpusStyles {
		_, _, lh, err := ts.Metrics(cs.st)
		if err != nil {
			t.Fatal(err)
		}
		for i, item := range items {
			if y+lh > 282 {
				pdf.AddPage()
				y = 20
			}
			if _, err := ts.DrawLine(pdf, 15, y, Left, Run{Text: item, Style: cs.st}); err != nil {
				t.Fatalf("item %d %q: %v", i, item, err)
			}
			y += lh
		}
	}
	var b bytes.Buffer
	if err := pdf.Output(&b); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

var (
	corpusOnce sync.Once
	corpusPDFb []byte
)

func sharedCorpusPDF(t testing.TB) []byte {
	corpusOnce.Do(func() { corpusPDFb = corpusPDF(t, newTS(t), readCorpus(t)) })
	if corpusPDFb == nil {
		t.Fatal("corpus PDF not built")
	}
	return corpusPDFb
}

// TestPDFGlyphsAreShapedGlyphs reads the corpus PDF back: every code shown
// by a Tj is mapped, as a viewer does for a symbolic TrueType font, through
// the (3,0) cmap of the embedded font program (and its (1,0) cmap, which
// must agree) to a glyph, and that glyph's outline and advance must be those
// of the glyph hb-shape gave for the same place in the text (the sub-fonts
// renumber glyphs, so glyphs are compared by outline; glyphs with identical
// outlines are interchangeable on the page).
func TestPDFGlyphsAreShapedGlyphs(t *testing.T) {
	golden := readGolden(t)
	b := sharedCorpusPDF(t)
	shown := pdfGlyphs(t, b)

	type want struct {
		file string
		gid  uint16
	}
	var expected []want
	for _, cs := range corpusStyles {
		for _, g := range golden {
			if g.style != cs.name {
				continue
			}
			for _, gl := range g.glyphs {
				expected = append(expected, want{g.font, gl.gid})
			}
		}
	}
	if len(shown) != len(expected) {
		t.Fatalf("PDF shows %d glyphs, hb-shape gave %d for the corpus", len(shown), len(expected))
	}
	// A sub-font holds glyphs of both faces of a family and weight (see
	// simple.go): the glyph shown must be the hb-shape glyph of the face of
	// that run and its /Widths entry the glyph's advance; the font has no
	// /Encoding (a symbolic font: code c is glyph c of its cmaps).
	set := fontSet(t)
	byBase := map[string]map[string]faceID{} // base font -> face file -> face
	for id := range faceID(numFaces) {
		for _, sf := range set.faces[id].plan.Subs() {
			if byBase[sf.Name()] == nil {
				byBase[sf.Name()] = map[string]faceID{}
			}
			byBase[sf.Name()][faceFiles[id]] = id
		}
	}
	orig := map[faceID]*font.Face{}
	subs := map[*pdfFont]*font.Face{}
	bad := 0
	for i, s := range shown {
		faces, ok := byBase[s.font.baseFont]
		if !ok {
			t.Fatalf("unknown font %s", s.font.baseFont)
		}
		id, ok := faces[expected[i].file]
		if !ok {
			t.Fatalf("glyph %d: shown in %s, which does not hold %s of the hb-shape run", i, s.font.baseFont, expected[i].file)
		}
		if orig[id] == nil {
			orig[id] = font.NewFace(set.faces[id].font)
		}
		if subs[s.font] == nil {
			f, err := font.ParseTTF(bytes.NewReader(s.font.fontFile))
			if err != nil {
				t.Fatalf("embedded font %s: %v", s.font.baseFont, err)
			}
			subs[s.font] = f
			if s.font.length1 != len(s.font.fontFile) || s.font.flags&4 == 0 || s.font.flags&32 != 0 || s.font.encoding {
				t.Errorf("%s: /Length1 %d for %d bytes, /Flags %d, /Encoding %v", s.font.baseFont, s.font.length1, len(s.font.fontFile), s.font.flags, s.font.encoding)
			}
		}
		sg, err := s.font.gid(s.code)
		if err != nil {
			t.Fatal(err)
		}
		wantG := font.GID(expected[i].gid)
		fd := set.faces[id]
		gotOutline := subs[s.font].GlyphData(font.GID(sg))
		wantOutline := orig[id].GlyphData(wantG)
		gotAdv := subs[s.font].HorizontalAdvance(font.GID(sg))
		wantAdv := orig[id].HorizontalAdvance(wantG)
		if !reflect.DeepEqual(gotOutline, wantOutline) || gotAdv != wantAdv ||
			float64(s.font.widths[s.code-s.font.first]) != fd.pdfWidth[wantG] {
			bad++
			if bad < 10 {
				t.Errorf("glyph %d (code %d in %s, width %d): subset glyph %d is not original glyph %d (width %g)",
					i, s.code, s.font.baseFont, s.font.widths[s.code-s.font.first], sg, wantG, fd.pdfWidth[wantG])
			}
		}
	}
	t.Logf("%d glyphs shown in the corpus PDF (%d bytes), %d differ from hb-shape's", len(shown), len(b), bad)
	if bad > 0 {
		t.Errorf("%d of %d glyphs differ", bad, len(shown))
	}
}

func foldSpace(s string) string {
	return strings.Join(strings.Fields(norm.NFC.String(s)), " ")
}

// TestCorpusTextExtraction: pdftotext gives back exactly the corpus text.
func TestCorpusTextExtraction(t *testing.T) {
	pdftotext := testtools.RequireTool(t, "pdftotext")
	items := readCorpus(t)
	b := sharedCorpusPDF(t)
	dir := t.TempDir()
	pdfPath := filepath.Join(dir, "corpus.pdf")
	if err := os.WriteFile(pdfPath, b, 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(pdftotext, "-enc", "UTF-8", pdfPath, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	var want []string
	for range corpusStyles {
		want = append(want, items...)
	}
	got := strings.Split(strings.TrimSpace(strings.ReplaceAll(string(out), "\f", "\n")), "\n")
	if g, w := foldSpace(strings.Join(got, " ")), foldSpace(strings.Join(want, " ")); g != w {
		// Find the first differing line for a readable message.
		var gl []string
		for _, l := range got {
			if strings.TrimSpace(l) != "" {
				gl = append(gl, foldSpace(l))
			}
		}
		for i := range want {
			if i >= len(gl) || gl[i] != foldSpace(want[i]) {
				var gi string
				if i < len(gl) {
					gi = gl[i]
				}
				t.Fatalf("pdftotext differs at line %d:\n got %q\nwant %q", i, gi, foldSpace(want[i]))
			}
		}
		t.Fatalf("pdftotext output differs (%d chars vs %d)", len(g), len(w))
	}
	t.Logf("pdftotext returned all %d lines exactly", len(want))

}
