package typeset

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"slices"
	"sync"
	"testing"

	"github.com/go-text/typesetting/font"
	"github.com/igrs-pro/bulletin/bulletin/internal/testtools"
)

var (
	restrictOnce sync.Once
	restrictSet  *FontSet
	restrictErr  error
)

// corpusRestricted is the font set restricted to the corpus.
func corpusRestricted(t testing.TB) *FontSet {
	t.Helper()
	restrictOnce.Do(func() { restrictSet, restrictErr = fontSet(t).Restrict(readCorpus(t)) })
	if restrictErr != nil {
		t.Fatal(restrictErr)
	}
	return restrictSet
}

// TestRestrictedFontsHoldTheGlyphs reads each restricted derived font: it is
// small, and the code point drawn for every glyph the corpus uses reaches a
// glyph with the original's outline (composite glyphs' components
// renumbered) and advance.
func TestRestrictedFontsHoldTheGlyphs(t *testing.T) {
	full, r := fontSet(t), corpusRestricted(t)
	if full.Restricted() || !r.Restricted() {
		t.Fatal("Restricted() is wrong")
	}
	parsed := map[*pdfFontFile]*font.Face{}
	for id, fd := range r.faces {
		if fd == nil {
			continue
		}
		pf := fd.pdf
		if parsed[pf] == nil {
			f, err := font.ParseTTF(bytes.NewReader(pf.data))
			if err != nil {
				t.Fatalf("%s: %v", pf.family, err)
			}
			parsed[pf] = f
			fullSize := len(full.faces[id].pdf.data)
			t.Logf("%s%s: %d bytes (full: %d bytes)", pf.family, pf.style, len(pf.data), fullSize)
			if len(pf.data)*4 > fullSize {
				t.Errorf("%s: restricted font is %d bytes, the full one %d", pf.family, len(pf.data), fullSize)
			}
		}
		rf := parsed[pf]
		orig := font.NewFace(full.faces[id].font)
		n := 0
		for g, cp := range fd.codes {
			if cp == 0 {
				continue
			}
			n++
			if cp != full.faces[id].codes[g] {
				t.Errorf("%s glyph %d: code point U+%04X, full set U+%04X", fd.file, g, cp, full.faces[id].codes[g])
			}
			rg, ok := rf.NominalGlyph(rune(cp))
			if !ok {
				t.Errorf("%s glyph %d: U+%04X not in the restricted cmap", fd.file, g, cp)
				continue
			}
			if !reflect.DeepEqual(rf.GlyphData(rg), orig.GlyphData(font.GID(g))) || rf.HorizontalAdvance(rg) != orig.HorizontalAdvance(font.GID(g)) {
				t.Errorf("%s glyph %d (U+%04X): restricted glyph %d differs", fd.file, g, cp, rg)
			}
		}
		if n == 0 {
			t.Errorf("%s: no glyph kept", fd.file)
		}
	}
}

// TestRestrictedDrawsTheSame: the corpus drawn with the restricted set
// shows, at the same positions, the same CIDs mapped to glyphs of the same
// outline and advance as with the full set, and copies out the same text.
func TestRestrictedDrawsTheSame(t *testing.T) {
	items := readCorpus(t)
	fullPDF := sharedCorpusPDF(t)
	ts, err := NewTypesetter(corpusRestricted(t), "mm")
	if err != nil {
		t.Fatal(err)
	}
	rPDF := corpusPDF(t, ts, items)
	t.Logf("corpus PDF: %d bytes with the full set, %d restricted", len(fullPDF), len(rPDF))
	fg, rg := pdfGlyphs(t, fullPDF), pdfGlyphs(t, rPDF)
	if len(fg) != len(rg) {
		t.Fatalf("%d glyphs shown, %d with the full set", len(rg), len(fg))
	}
	faces := map[*pdfFont]*font.Face{}
	face := func(f *pdfFont) *font.Face {
		if faces[f] == nil {
			ff, err := font.ParseTTF(bytes.NewReader(f.fontFile))
			if err != nil {
				t.Fatalf("embedded font %s: %v", f.baseFont, err)
			}
			faces[f] = ff
		}
		return faces[f]
	}
	bad := 0
	for i := range fg {
		a, b := fg[i], rg[i]
		ga, err := a.font.gid(a.cid)
		if err != nil {
			t.Fatal(err)
		}
		gb, err := b.font.gid(b.cid)
		if err != nil {
			t.Fatal(err)
		}
		fa, fb := face(a.font), face(b.font)
		if a.cid != b.cid || a.x != b.x || a.y != b.y ||
			!reflect.DeepEqual(fa.GlyphData(font.GID(ga)), fb.GlyphData(font.GID(gb))) ||
			fa.HorizontalAdvance(font.GID(ga)) != fb.HorizontalAdvance(font.GID(gb)) {
			bad++
			if bad < 10 {
				t.Errorf("glyph %d: CID U+%04X at (%g, %g) glyph %d, full set CID U+%04X at (%g, %g) glyph %d",
					i, b.cid, b.x, b.y, gb, a.cid, a.x, a.y, ga)
			}
		}
	}
	if bad > 0 {
		t.Fatalf("%d of %d glyphs differ", bad, len(fg))
	}

	pdftotext := testtools.RequireTool(t, "pdftotext")
	dir := t.TempDir()
	var texts [2][]byte
	for i, b := range [][]byte{fullPDF, rPDF} {
		p := filepath.Join(dir, "c.pdf")
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
		out, err := exec.Command(pdftotext, "-enc", "UTF-8", p, "-").Output()
		if err != nil {
			t.Fatalf("pdftotext: %v", err)
		}
		texts[i] = out
	}
	if !bytes.Equal(texts[0], texts[1]) {
		t.Error("pdftotext gives other text for the restricted set")
	}
}

// TestRestrictedRejectsOtherText: text the set was not restricted to is an
// error wrapping ErrNotRestricted, and nothing is drawn wrong.
func TestRestrictedRejectsOtherText(t *testing.T) {
	r, err := fontSet(t).Restrict([]string{"नमस्ते India"})
	if err != nil {
		t.Fatal(err)
	}
	ts, err := NewTypesetter(r, "mm")
	if err != nil {
		t.Fatal(err)
	}
	pdf := newPDF()
	pdf.AddPage()
	for _, st := range []Style{{Family: Sans, Size: 12}, {Family: Serif, Weight: Bold, Size: 20}} {
		for _, ok := range []string{"नमस्ते India", "India नमस्ते", "नमस्ते", "India"} {
			if _, err := ts.DrawLine(pdf, 10, 20, Left, Run{Text: ok, Style: st}); err != nil {
				t.Errorf("%q: %v", ok, err)
			}
		}
		for _, bad := range []string{"क्षत्रिय", "Indigo", "नमस्ते!"} {
			_, err := ts.DrawLine(pdf, 10, 40, Left, Run{Text: bad, Style: st})
			if !errors.Is(err, ErrNotRestricted) {
				t.Errorf("%q: got %v, want ErrNotRestricted", bad, err)
			}
		}
	}
	// Checking and measuring are those of the full set.
	if err := r.Check("क्षत्रिय ☃"); err == nil {
		t.Error("Check of an undrawable character passed")
	}
	if err := r.Check("क्षत्रिय Indiana"); err != nil {
		t.Error(err)
	}
}

// TestRestrictDeterministic: the same texts, in any order and with
// repetitions, give the same font files and the same PDF bytes; and a
// document may use the full and a restricted set together.
func TestRestrictDeterministic(t *testing.T) {
	items := readCorpus(t)
	other := slices.Clone(items)
	slices.Reverse(other)
	other = append(other, items[:10]...)
	a := corpusRestricted(t)
	b, err := fontSet(t).Restrict(other)
	if err != nil {
		t.Fatal(err)
	}
	for id := range a.faces {
		if a.faces[id] == nil {
			continue
		}
		pa, pb := a.faces[id].pdf, b.faces[id].pdf
		if pa.family != pb.family || !bytes.Equal(pa.data, pb.data) {
			t.Errorf("face %d: restricted fonts differ", id)
		}
	}
	tsA, _ := NewTypesetter(a, "mm")
	tsB, _ := NewTypesetter(b, "mm")
	if !bytes.Equal(corpusPDF(t, tsA, items[:40]), corpusPDF(t, tsB, items[:40])) {
		t.Error("PDFs differ")
	}

	full := newTS(t)
	pdf := newPDF()
	pdf.AddPage()
	st := Style{Family: Sans, Size: 12}
	for i, ts := range []*Typesetter{full, tsA, full} {
		if _, err := ts.DrawLine(pdf, 10, 20+10*float64(i), Left, Run{Text: items[0], Style: st}); err != nil {
			t.Fatal(err)
		}
	}
	var buf bytes.Buffer
	if err := pdf.Output(&buf); err != nil {
		t.Fatal(err)
	}
	shown := pdfGlyphs(t, buf.Bytes())
	if len(shown)%3 != 0 {
		t.Fatalf("%d glyphs shown for 3 lines", len(shown))
	}
	n := len(shown) / 3
	if shown[0].font.baseFont == shown[n].font.baseFont || shown[0].font.baseFont != shown[2*n].font.baseFont {
		t.Errorf("fonts %s, %s, %s: want the full set's, the restricted one's, the full set's", shown[0].font.baseFont, shown[n].font.baseFont, shown[2*n].font.baseFont)
	}
}
