package typeset

import (
	"bytes"
	"errors"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"

	"codeberg.org/go-pdf/fpdf"
	"github.com/go-text/typesetting/font"
	"github.com/igrs-pro/bulletin/bulletin/internal/testtools"
	"github.com/igrs-pro/bulletin/bulletin/pdffont"
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

// TestSubFontsHoldTheGlyphs reads back every sub-font of the full and of
// a restricted set, with all its glyphs: the code of every glyph of every
// face reaches, through the font program's cmaps, a glyph with the
// original's outline (composite glyphs' components renumbered) and advance,
// and its width in the font definition is the one drawing assumes. The
// restricted set has every glyph the corpus needs and few sub-fonts.
func TestSubFontsHoldTheGlyphs(t *testing.T) {
	full, r := fontSet(t), corpusRestricted(t)
	if full.Restricted() || !r.Restricted() {
		t.Fatal("Restricted() is wrong")
	}
	for _, set := range []*FontSet{full, r} {
		parsed := map[*pdffont.SubFont]*readFont{}
		for id, fd := range set.faces {
			if fd == nil {
				continue
			}
			if err := fd.pdf.build(); err != nil {
				t.Fatal(err)
			}
			orig := font.NewFace(fd.font)
			n := 0
			for g := range fd.pdfWidth {
				slot := fd.plan.GlyphSlot(uint16(fd.dOff + g))
				if slot == 0 {
					continue
				}
				n++
				sf := fd.plan.Sub(slot)
				rd := parsed[sf]
				if rd == nil {
					rd = readSubFont(t, sf)
					parsed[sf] = rd
				}
				code := int(slot & 0xFF)
				sg := font.GID(rd.cmap[code])
				if !reflect.DeepEqual(rd.face.GlyphData(sg), orig.GlyphData(font.GID(g))) || rd.face.HorizontalAdvance(sg) != orig.HorizontalAdvance(font.GID(g)) {
					t.Errorf("%s glyph %d: code %d of %s reaches glyph %d, which differs", fd.file, g, code, sf.Name(), sg)
				}
				// A full set's codes have the glyphs' advances; a restricted
				// set's the advance where the glyph is drawn (see use).
				if want := sf.Width(byte(code)); rd.def.Cw[code] != int(want) || set == full && float64(want) != fd.pdfWidth[g] {
					t.Errorf("%s glyph %d: width %d in %s, drawing assumes %d (advance %g)", fd.file, g, rd.def.Cw[code], sf.Name(), want, fd.pdfWidth[g])
				}
			}
			want := len(fd.pdfWidth) // a full set draws every glyph but the derived font's .notdef
			if fd.dOff == 0 {
				want--
			}
			if set == full && n != want || n == 0 {
				t.Errorf("%s: %d of %d glyphs in sub-fonts", fd.file, n, len(fd.pdfWidth))
			}
			if set == r {
				subs := fd.plan.Subs()
				t.Logf("%s: %d glyphs in %d sub-fonts (full set: %d sub-fonts)", fd.file, n, len(subs), len(full.faces[id].plan.Subs()))
				// Words are kept whole in a sub-font (packWords), which
				// fills each but the last at least half.
				for i, sf := range subs[:len(subs)-1] {
					n := 0
					for _, g := range sf.Glyphs() {
						if g != 0 {
							n++
						}
					}
					if n < pdffont.CodesPerFont/2 {
						t.Errorf("%s: sub-font %d of %d holds %d codes", fd.file, i, len(subs), n)
					}
				}
			}
		}
	}
}

type readFont struct {
	face *font.Face
	cmap map[int]int
	def  pdffont.FontDef
}

// readSubFont reads back the program (with all its glyphs) and definition
// of sf as a document that drew every code would embed them; the program
// is as long as the definition's OriginalSize says (fpdf's /Length1).
func readSubFont(t *testing.T, sf *pdffont.SubFont) *readFont {
	t.Helper()
	var all [256]bool
	for c := range all {
		all[c] = true
	}
	prog, err := sf.Program(&all)
	if err != nil {
		t.Fatal(err)
	}
	def, err := sf.Definition()
	if err != nil {
		t.Fatal(err)
	}
	if len(prog) != def.OriginalSize {
		t.Errorf("%s: %d bytes, OriginalSize %d", sf.Name(), len(prog), def.OriginalSize)
	}
	f, err := font.ParseTTF(bytes.NewReader(prog))
	if err != nil {
		t.Fatalf("%s: %v", sf.Name(), err)
	}
	cm, err := symbolCmapOf(prog)
	if err != nil {
		t.Fatalf("%s: %v", sf.Name(), err)
	}
	return &readFont{face: f, cmap: cm, def: def}
}

// TestRestrictedDrawsTheSame: the corpus drawn with the restricted set
// shows, at the same positions (from the Tj's and the /Widths), glyphs of
// the same outline and advance as with the full set, and copies out the
// same text.
func TestRestrictedDrawsTheSame(t *testing.T) {
	items := readCorpus(t)
	fullPDF := sharedCorpusPDF(t)
	ts, err := NewTypesetter(corpusRestricted(t), "mm")
	if err != nil {
		t.Fatal(err)
	}
	rPDF := corpusPDF(t, ts, items)
	t.Logf("corpus PDF: %d bytes with the full set, %d restricted", len(fullPDF), len(rPDF))
	if n, bad := compareShown(t, pdfGlyphs(t, fullPDF), pdfGlyphs(t, rPDF)); bad > 0 {
		t.Fatalf("%d of %d glyphs differ from the full set's", bad, n)
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
	// The glyphs' /Widths differ (see use), and with them where pdftotext
	// finds paragraph breaks: the text is compared without its layout.
	if strings.Join(strings.Fields(string(texts[0])), " ") != strings.Join(strings.Fields(string(texts[1])), " ") {
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

// TestRestrictToSameSubFonts: a set restricted to texts drawn in serif
// only has, for serif, Restrict's sub-fonts glyph for glyph (so the same
// PDF bytes), and refuses to draw those texts in sans.
func TestRestrictToSameSubFonts(t *testing.T) {
	items := readCorpus(t)
	all := corpusRestricted(t)
	serif, err := fontSet(t).RestrictTo(items, []Style{{Family: Serif}, {Family: Serif, Weight: Bold, Size: 30}})
	if err != nil {
		t.Fatal(err)
	}
	tsB := sameSerif(t, all, serif, items[:40])
	_, err = tsB.DrawLine(newPDFPage(), 10, 20, Left, Run{Text: items[0], Style: Style{Family: Sans, Size: 12}})
	if !errors.Is(err, ErrNotRestricted) {
		t.Errorf("sans: got %v, want ErrNotRestricted", err)
	}
	if _, err := fontSet(t).RestrictTo(items, []Style{{Family: 7}}); err == nil {
		t.Error("a bad family was taken")
	}
}

func newPDFPage() *fpdf.Fpdf {
	pdf := newPDF()
	pdf.AddPage()
	return pdf
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
	sameSubFonts(t, a, b, Sans, Serif)
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

// TestRestrictDrawn: a set restricted to what a draft drew draws the same
// document with the same glyphs at the same places, in the fewest
// sub-fonts (one per 224 glyphs of a family and weight), and refuses text
// the draft did not draw.
func TestRestrictDrawn(t *testing.T) {
	items := readCorpus(t)[:60]
	draw := func(ts *Typesetter) (*fpdf.Fpdf, []byte) {
		pdf := newPDF()
		pdf.AddPage()
		for i, item := range items {
			st := Style{Family: Family(i % 2), Weight: Weight(i / 2 % 2), Size: 11}
			if _, err := ts.DrawLine(pdf, 15, 20+4*float64(i), Left, Run{Text: item, Style: st}); err != nil {
				t.Fatal(err)
			}
		}
		var b bytes.Buffer
		if err := pdf.Output(&b); err != nil {
			t.Fatal(err)
		}
		return pdf, b.Bytes()
	}
	draftPDF, draft := draw(newTS(t))
	r, err := fontSet(t).RestrictDrawn(draftPDF)
	if err != nil {
		t.Fatal(err)
	}
	ts, err := NewTypesetter(r, "mm")
	if err != nil {
		t.Fatal(err)
	}
	_, final := draw(ts)
	t.Logf("draft %d bytes, final %d bytes", len(draft), len(final))
	if len(final) >= len(draft) {
		t.Errorf("final PDF (%d bytes) not smaller than the draft (%d)", len(final), len(draft))
	}
	fg := pdfGlyphs(t, final)
	if n, bad := compareShown(t, pdfGlyphs(t, draft), fg); bad > 0 {
		t.Fatalf("%d of %d glyphs differ from the draft's", bad, n)
	}
	fonts := map[string]bool{}
	for _, g := range fg {
		fonts[g.font.baseFont] = true
	}
	subs := 0
	for id, fd := range r.faces {
		if fd == nil || id%2 == 1 { // count each family and weight once
			continue
		}
		n := 0
		for _, f := range r.faces[id : id+2] {
			for g := range f.pdfWidth {
				if f.plan.GlyphSlot(uint16(f.dOff+g)) != 0 {
					n++
				}
			}
		}
		if want := (n + pdffont.CodesPerFont - 1) / pdffont.CodesPerFont; len(fd.plan.Subs()) != want {
			t.Errorf("%s: %d glyphs in %d sub-fonts, want %d", fd.file, n, len(fd.plan.Subs()), want)
		}
		subs += len(fd.plan.Subs())
	}
	if len(fonts) != subs {
		t.Errorf("the final PDF uses %d fonts, the restricted set has %d sub-fonts", len(fonts), subs)
	}
	if _, err := ts.DrawLine(newPDF(), 10, 10, Left, Run{Text: "ज्ञ Quixotic", Style: Style{Size: 10}}); !errors.Is(err, ErrNotRestricted) {
		t.Errorf("text the draft did not draw: %v, want ErrNotRestricted", err)
	}
	if again, err := r.RestrictDrawn(draftPDF); again != r || err != nil {
		t.Errorf("RestrictDrawn of a restricted set: %p, %v; want the set itself", again, err)
	}
}

// compareShown compares the glyphs two PDFs show, in order: each of got
// must have the outline and advance of want's, at the same place (within
// the 0.01 pt the positions are rounded to). It reports the first
// differences and returns the number of glyphs and of differences.
func compareShown(t *testing.T, want, got []shownGlyph) (n, bad int) {
	t.Helper()
	if len(want) != len(got) {
		t.Fatalf("%d glyphs shown, want %d", len(got), len(want))
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
	for i := range want {
		a, b := want[i], got[i]
		ga, err := a.font.gid(a.code)
		if err != nil {
			t.Fatal(err)
		}
		gb, err := b.font.gid(b.code)
		if err != nil {
			t.Fatal(err)
		}
		fa, fb := face(a.font), face(b.font)
		if math.Abs(a.x-b.x) > 0.015 || math.Abs(a.y-b.y) > 0.005 ||
			!reflect.DeepEqual(fa.GlyphData(font.GID(ga)), fb.GlyphData(font.GID(gb))) ||
			fa.HorizontalAdvance(font.GID(ga)) != fb.HorizontalAdvance(font.GID(gb)) {
			bad++
			if bad < 10 {
				t.Errorf("glyph %d: code %d at (%g, %g) glyph %d, want code %d at (%g, %g) glyph %d",
					i, b.code, b.x, b.y, gb, a.code, a.x, a.y, ga)
			}
		}
	}
	return len(want), bad
}

// TestRestrictKeepsSharedWords: the restricted set keeps the shaped words
// that several texts hold, not those of one text alone (a certificate's
// own names, number and code), which its Typesetters shape again
// (TestRestrictedDrawsTheSame: to the same glyphs).
func TestRestrictKeepsSharedWords(t *testing.T) {
	texts := []string{"प्रशस्ति पत्र Kanpur", "प्रशस्ति पत्र Auraiya", "Kanpur नगर", "Kanpur नगर"}
	r, err := fontSet(t).RestrictTo(texts, []Style{{Family: Serif, Weight: Regular, Size: 10}})
	if err != nil {
		t.Fatal(err)
	}
	kept := func(word string) bool {
		for _, m := range r.shapes {
			if _, ok := m[word]; ok {
				return true
			}
		}
		return false
	}
	for _, w := range []string{"प्रशस्ति", "पत्र", "Kanpur"} {
		if !kept(w) {
			t.Errorf("%q, in several texts, is not kept", w)
		}
	}
	for _, w := range []string{"Auraiya", "नगर"} { // one text (twice)
		if kept(w) {
			t.Errorf("%q, in one text only, is kept", w)
		}
	}
	ts, err := NewTypesetter(r, "mm")
	if err != nil {
		t.Fatal(err)
	}
	for _, text := range texts {
		if _, err := ts.DrawLine(newPDFPage(), 10, 20, Left, Run{Text: text, Style: Style{Family: Serif, Size: 10}}); err != nil {
			t.Errorf("%q: %v", text, err)
		}
	}
}

// TestRestrictorInParts: texts added to a Restrictor in parts (from two
// goroutines at once, overlapping, some twice) give RestrictTo's set of
// all of them: the same sub-fonts and PDF bytes. A Restrictor takes no
// texts once it has made its set.
func TestRestrictorInParts(t *testing.T) {
	items := readCorpus(t)
	styles := []Style{{Family: Serif}, {Family: Serif, Weight: Bold}}
	want, err := fontSet(t).RestrictTo(items, styles)
	if err != nil {
		t.Fatal(err)
	}
	r, err := fontSet(t).Restrictor(styles)
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	for _, part := range [][]string{items[len(items)/3:], items[:len(items)/2]} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if err := r.Add(part); err != nil {
				t.Error(err)
			}
		}()
	}
	wg.Wait()
	if err := r.Add(items[:7]); err != nil {
		t.Fatal(err)
	}
	got, err := r.Restricted()
	if err != nil {
		t.Fatal(err)
	}
	sameSerif(t, want, got, items[:60])
	if err := r.Add(items[:1]); err == nil {
		t.Error("Add after Restricted was taken")
	}
	if _, err := r.Restricted(); err == nil {
		t.Error("a second Restricted was taken")
	}
}

// sameSubFonts checks that b has a's sub-fonts, glyph for glyph, in the
// faces of families.
func sameSubFonts(t *testing.T, a, b *FontSet, families ...Family) {
	t.Helper()
	for id, fd := range a.faces {
		if fd == nil || !slices.Contains(families, faceID(id).family()) {
			continue
		}
		pa, pb := fd.plan.Subs(), b.faces[id].plan.Subs()
		if len(pa) != len(pb) {
			t.Fatalf("face %d: %d and %d sub-fonts", id, len(pa), len(pb))
		}
		for i := range pa {
			if pa[i].Name() != pb[i].Name() || pa[i].Glyphs() != pb[i].Glyphs() {
				t.Errorf("face %d: sub-font %d differs", id, i)
			}
		}
	}
}

// sameSerif checks that b has a's serif sub-fonts, glyph for glyph, and
// draws items in serif (alternately regular and bold) to the same PDF
// bytes; it returns b's Typesetter.
func sameSerif(t *testing.T, a, b *FontSet, items []string) *Typesetter {
	t.Helper()
	sameSubFonts(t, a, b, Serif)
	tsA, _ := NewTypesetter(a, "mm")
	tsB, _ := NewTypesetter(b, "mm")
	draw := func(ts *Typesetter) []byte {
		pdf := newPDFPage()
		for i, item := range items {
			if _, err := ts.DrawLine(pdf, 10, 10+float64(i%25)*7, Left, Run{Text: item, Style: Style{Family: Serif, Weight: Weight(i % 2), Size: 11}}); err != nil {
				t.Fatal(err)
			}
		}
		var buf bytes.Buffer
		if err := Output(pdf, &buf); err != nil {
			t.Fatal(err)
		}
		return buf.Bytes()
	}
	if !bytes.Equal(draw(tsA), draw(tsB)) {
		t.Error("PDFs differ")
	}
	return tsB
}

// TestRestrictorLetsGoOfOwnWords: between parts, a Restrictor keeps the
// shaped words of one text alone no longer (a document's own names); a
// word a later part shares again is shaped again and kept, so a batch
// added one text a part keeps the same words as at once.
func TestRestrictorLetsGoOfOwnWords(t *testing.T) {
	texts := []string{"प्रशस्ति पत्र Kanpur", "प्रशस्ति पत्र Auraiya", "Kanpur नगर", "Kanpur नगर", "Auraiya Etawah"}
	styles := []Style{{Family: Serif, Weight: Regular, Size: 10}}
	want, err := fontSet(t).RestrictTo(texts, styles)
	if err != nil {
		t.Fatal(err)
	}
	r, err := fontSet(t).Restrictor(styles)
	if err != nil {
		t.Fatal(err)
	}
	inShare := func(word string) bool {
		for _, m := range r.share.m {
			if _, ok := m[word]; ok {
				return true
			}
		}
		return false
	}
	err = r.AddEach(2, func(lo, hi int) ([]string, error) { return texts[lo:hi], nil }) // one part
	if err == nil {
		err = r.Add(texts[2:4])
	}
	if err != nil {
		t.Fatal(err)
	}
	if inShare("Auraiya") || inShare("नगर") || !inShare("Kanpur") || !inShare("पत्र") {
		t.Errorf("after three parts, the share keeps the wrong words: %v", r.share.m)
	}
	if err := r.Add(texts[4:]); err != nil { // Auraiya in a second text
		t.Fatal(err)
	}
	got, err := r.Restricted()
	if err != nil {
		t.Fatal(err)
	}
	for id := range want.shapes {
		if len(want.shapes[id]) != len(got.shapes[id]) {
			t.Errorf("face %d: %d words kept, want %d", id, len(got.shapes[id]), len(want.shapes[id]))
		}
		for w, sw := range want.shapes[id] {
			if gw, ok := got.shapes[id][w]; !ok || !slices.Equal(gw.glyphs, sw.glyphs) {
				t.Errorf("face %d: %q not kept the same", id, w)
			}
		}
	}
	if _, ok := got.shapes[makeFaceID(Serif, Regular, latn)]["Auraiya"]; !ok {
		t.Error("Auraiya, in two texts of different parts, is not kept")
	}
	for id, fd := range want.faces {
		if fd != nil && fd.plan != nil {
			pa, pb := fd.plan.Subs(), got.faces[id].plan.Subs()
			if len(pa) != len(pb) {
				t.Fatalf("face %d: %d and %d sub-fonts", id, len(pa), len(pb))
			}
			for i := range pa {
				if pa[i].Name() != pb[i].Name() || pa[i].Glyphs() != pb[i].Glyphs() {
					t.Errorf("face %d: sub-font %d differs", id, i)
				}
			}
		}
	}
}

// A batch with several texts the fonts cannot draw reports the first of
// them, run after run, whichever worker met it (countAll's workers take
// the texts in chunks as they are ready).
func TestRestrictReportsTheFirstBadText(t *testing.T) {
	texts := readCorpus(t)
	texts = append(texts[:len(texts):len(texts)], texts...)
	texts[40] += " 漢" // the earlier bad text
	texts[len(texts)-3] += " ぁ"
	_, first := fontSet(t).RestrictTo(texts[40:41], nil)
	if first == nil {
		t.Fatal("a text with 漢 was restricted")
	}
	for range 10 {
		if _, err := fontSet(t).RestrictTo(texts, nil); err == nil || err.Error() != first.Error() {
			t.Fatalf("got %v, want the first bad text's error %q", err, first)
		}
	}
}

// Stop ends a Restrictor's AddEach at its next part: a batch counted
// ahead stops counting when its command fails.
func TestRestrictorStop(t *testing.T) {
	r, err := fontSet(t).Restrictor(nil)
	if err != nil {
		t.Fatal(err)
	}
	parts := 0
	err = r.AddEach(1000, func(lo, hi int) ([]string, error) {
		if parts++; parts == 2 {
			r.Stop()
		}
		return []string{"part " + strconv.Itoa(lo)}, nil
	})
	if !errors.Is(err, errStopped) || parts != 2 {
		t.Errorf("AddEach after Stop: %v after %d parts, want errStopped after 2", err, parts)
	}
	(*Restrictor)(nil).Stop() // does nothing
	if _, err := r.Restricted(); !errors.Is(err, errStopped) {
		t.Errorf("Restricted after Stop: %v, want errStopped", err)
	}
}

// AddEachAhead counts on a goroutine of its own; Restricted waits for it
// and gives the set of every text added, or the error of making a part's
// texts.
func TestRestrictorAddEachAhead(t *testing.T) {
	texts := readCorpus(t)
	serif := []Style{{Family: Serif}}
	want, err := fontSet(t).RestrictTo(texts, serif)
	if err != nil {
		t.Fatal(err)
	}
	r, err := fontSet(t).Restrictor(serif)
	if err != nil {
		t.Fatal(err)
	}
	half := len(texts) / 2
	r.AddEachAhead(half, func(lo, hi int) ([]string, error) { return texts[lo:hi], nil })
	if err := r.Add(texts[half:]); err != nil {
		t.Fatal(err)
	}
	got, err := r.Restricted()
	if err != nil {
		t.Fatal(err)
	}
	sameSubFonts(t, got, want, Serif)
	bad := errors.New("no texts")
	r, _ = fontSet(t).Restrictor(serif)
	r.AddEachAhead(1000, func(lo, hi int) ([]string, error) {
		if lo > 0 {
			return nil, bad
		}
		return texts[:10], nil
	})
	if _, err := r.Restricted(); err != bad {
		t.Errorf("Restricted after a part's error: %v, want %v", err, bad)
	}
}
