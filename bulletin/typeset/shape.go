package typeset

import (
	"fmt"
	"sync"
	"unicode/utf8"

	"github.com/go-text/typesetting/font"
	"github.com/go-text/typesetting/harfbuzz"
	"github.com/go-text/typesetting/language"
	"github.com/go-text/typesetting/segmenter"
)

// Color is an RGB text colour; the zero value is black.
type Color struct{ R, G, B uint8 }

// Style is how a run of text is drawn.
type Style struct {
	Family Family
	Weight Weight
	Size   float64 // font size in points (1/72 in), whatever the document unit
	Color  Color
}

// Run is text in one style. Paragraphs are made of runs.
type Run struct {
	Text  string
	Style Style
}

// glyph is one shaped glyph; positions in font units (upem 1000 for Noto),
// exactly what HarfBuzz reports for an unscaled font.
type glyph struct {
	gid     uint16
	cluster int32 // rune index of its cluster within the piece
	adv     int32
	dx, dy  int32
}

// piece is a maximal part of a word in one face and style, or one space.
type piece struct {
	text   string
	face   faceID
	style  int32 // index into the paragraph's runs
	size   float64
	glyphs []glyph // shared with the shaping cache: read only
	units  float64 // advance in font units
	space  bool
	// glue: a space where the line may break (a space before a danda or a
	// closing mark is not glue).
	glue bool
	// wordEnd: last piece of a word (next piece is a space or the end).
	wordEnd bool
}

func (p *piece) width(set *FontSet) float64 { // points
	return p.units * p.size / set.faces[p.face].upem
}

// shaped is a word's text and its glyphs, as the shaping cache holds them.
type shaped struct {
	text   string
	glyphs []glyph
}

// maxCache bounds the per-Typesetter shaping cache (entries, ~250 bytes
// each); when full it is simply emptied. A batch's Typesetters find the
// words its texts share in the restricted set (Restrict) and shape the
// rest (names, numbers, codes), which they will not draw again: 16,384
// of those were ~4 MB a worker (issue 14).
const maxCache = 1 << 12

// Typesetter shapes, lays out and draws text. It owns HarfBuzz state and
// font faces, which are not safe for concurrent use: create one per
// goroutine (it is cheap: no font is parsed) and share the FontSet.
type Typesetter struct {
	set   *FontSet
	k     float64 // points per user unit
	unit  string
	share *shapeShare // shared with other Typesetters, or nil
	faces [numFaces]*font.Face
	hb    [numFaces]*harfbuzz.Font
	buf   *harfbuzz.Buffer
	seg   segmenter.Segmenter
	// The shaping cache: by face, the shaped words by text.
	cache  [numFaces]map[string]shaped
	cached int
	spaces [numFaces][]glyph // a face's space as a piece's glyphs

	// Buffers reused from one paragraph to the next.
	runes    []rune
	styles   []int32
	ids      []faceID
	next     []class
	word     []byte // a word's text, for looking it up in the cache
	opp      []bool // breakAfterSpaces of oppRunes
	oppRunes []rune
	tmp      []piece   // pieces not kept past the call (tmpPieces)
	gl       []glyph   // a word and the space drawn with it (drawer.line)
	xs       []float64 // DrawLine's piece positions
	dr       drawer    // the drawer of DrawLine and Paragraph.Draw

	// The words drawn so far: their uses and slots (see drawer.slots).
	drawn map[drawnKey]drawnWord
	// The pieces of the lines drawn or measured so far (see linePieces).
	lines map[lineKey][]piece
}

// UnitScale returns the number of points in one fpdf user unit: "pt", "mm",
// "cm", "in" or "inch", as given to fpdf.New.
func UnitScale(unit string) (float64, error) {
	switch unit {
	case "pt", "point":
		return 1, nil
	case "mm":
		return 72 / 25.4, nil
	case "cm":
		return 72 / 2.54, nil
	case "in", "inch":
		return 72, nil
	}
	return 0, fmt.Errorf("typeset: unknown unit %q (want pt, mm, cm or in)", unit)
}

// NewTypesetter returns a Typesetter for documents whose fpdf user unit is
// unit ("mm", "pt", "cm" or "in", as given to fpdf.New). All lengths it takes
// and returns (widths, heights, positions) are in that unit; font sizes are
// always in points.
func NewTypesetter(set *FontSet, unit string) (*Typesetter, error) {
	k, err := UnitScale(unit)
	if err != nil {
		return nil, err
	}
	return &Typesetter{set: set, k: k, unit: unit, buf: harfbuzz.NewBuffer()}, nil
}

// FontSet returns the font set the Typesetter draws from.
func (ts *Typesetter) FontSet() *FontSet { return ts.set }

func (ts *Typesetter) hbFont(id faceID) *harfbuzz.Font {
	if ts.hb[id] == nil {
		ts.faces[id] = font.NewFace(ts.set.faces[id].font)
		ts.hb[id] = harfbuzz.NewFont(ts.faces[id])
	}
	return ts.hb[id]
}

var (
	langHindi   = language.NewLanguage("hi")
	langEnglish = language.NewLanguage("en")
)

// shape returns the text and glyphs of the word runes in face id, from the
// cache when possible. Devanagari faces shape with script Deva and
// language hi, Latin faces with Latn and en, left to right, cluster level
// 0: the same as `hb-shape --script=deva --language=hi` (see
// testdata/regen.sh).
func (ts *Typesetter) shape(id faceID, runes []rune) (string, []glyph) {
	ts.word = ts.word[:0]
	for _, r := range runes {
		ts.word = utf8.AppendRune(ts.word, r)
	}
	m := ts.cache[id]
	if m == nil {
		m = map[string]shaped{}
		ts.cache[id] = m
	}
	if w, ok := m[string(ts.word)]; ok { // no copy of the word to look it up
		return w.text, w.glyphs
	}
	if w, ok := ts.set.shapes[id][string(ts.word)]; ok {
		return w.text, w.glyphs
	}
	if w, ok := ts.share.get(id, ts.word); ok {
		m[w.text] = w
		ts.cached++
		return w.text, w.glyphs
	}
	text := string(ts.word)
	f := ts.hbFont(id)
	b := ts.buf
	b.Clear()
	b.Props.Direction = harfbuzz.LeftToRight
	if id.script() == deva {
		b.Props.Script, b.Props.Language = language.Devanagari, langHindi
	} else {
		b.Props.Script, b.Props.Language = language.Latin, langEnglish
	}
	b.AddRunes(runes, 0, len(runes))
	b.Shape(f, nil)
	out := make([]glyph, len(b.Info))
	for i, inf := range b.Info {
		p := b.Pos[i]
		out[i] = glyph{gid: uint16(inf.Glyph), cluster: int32(inf.Cluster), adv: p.XAdvance, dx: p.XOffset, dy: p.YOffset}
	}
	if ts.cached >= maxCache {
		ts.clearCache()
	}
	m[text] = shaped{text, out}
	ts.cached++
	ts.share.put(id, shaped{text, out})
	return text, out
}

// shapeShare is a shaping cache that Typesetters on several goroutines
// share (Restrict's): a word is shaped once for all of them.
type shapeShare struct {
	mu sync.RWMutex
	m  [numFaces]map[string]shaped
}

func (sh *shapeShare) get(id faceID, word []byte) (shaped, bool) {
	if sh == nil {
		return shaped{}, false
	}
	sh.mu.RLock()
	defer sh.mu.RUnlock()
	w, ok := sh.m[id][string(word)]
	return w, ok
}

func (sh *shapeShare) put(id faceID, w shaped) {
	if sh == nil {
		return
	}
	sh.mu.Lock()
	defer sh.mu.Unlock()
	if sh.m[id] == nil {
		sh.m[id] = map[string]shaped{}
	}
	sh.m[id][w.text] = w
}

// clearCache empties the shaping cache.
func (ts *Typesetter) clearCache() {
	for _, m := range ts.cache {
		clear(m)
	}
	ts.cached = 0
}

// spaceGlyphs returns the glyphs of a space piece in face id.
func (ts *Typesetter) spaceGlyphs(id faceID) []glyph {
	if ts.spaces[id] == nil {
		fd := ts.set.faces[id]
		ts.spaces[id] = []glyph{{gid: fd.space, adv: int32(fd.spaceW)}}
	}
	return ts.spaces[id][:1:1]
}

// pieces segments, shapes and splits runs into words and spaces.
func (ts *Typesetter) pieces(runs []Run) ([]piece, text, error) {
	return ts.piecesTo(nil, runs)
}

// tmpPieces is pieces into a buffer of the Typesetter: the result is good
// until its next call.
func (ts *Typesetter) tmpPieces(runs []Run) ([]piece, error) {
	ps, _, err := ts.piecesTo(ts.tmp[:0], runs)
	if ps != nil {
		ts.tmp = ps
	}
	return ps, err
}

// lineKey is what the pieces of a text in one style depend on, but for
// their size.
type lineKey struct {
	text   string
	family Family
	weight Weight
}

// maxLines bounds the Typesetter's lines (entries); when full it is
// emptied.
const maxLines = 1 << 10

// linePieces is tmpPieces for DrawLine and Measure, which a batch calls
// with the same texts again and again (a certificate's head and
// signature, each measured and then drawn): the pieces of a single run
// are kept, and given again with the run's size. A line is not broken, so
// its spaces are not glue.
func (ts *Typesetter) linePieces(runs []Run) ([]piece, error) {
	if len(runs) != 1 || runs[0].Style.Size <= 0 {
		ps, _, err := ts.piecesOf(ts.tmp[:0], runs, false)
		if ps != nil {
			ts.tmp = ps
		}
		return ps, err
	}
	st := runs[0].Style
	k := lineKey{runs[0].Text, st.Family, st.Weight}
	ps, ok := ts.lines[k]
	if !ok {
		var err error
		if ps, _, err = ts.piecesOf(nil, runs, false); err != nil {
			return nil, err
		}
		if ts.lines == nil || len(ts.lines) >= maxLines {
			ts.lines = make(map[lineKey][]piece)
		}
		ts.lines[k] = ps
	}
	for i := range ps {
		ps[i].size = st.Size
	}
	return ps, nil
}

// piecesTo is pieces appended to out[:0].
func (ts *Typesetter) piecesTo(out []piece, runs []Run) ([]piece, text, error) {
	return ts.piecesOf(out, runs, true)
}

// piecesOf is piecesTo, with the spaces' glue (where a line may break: the
// text's UAX #14 segmentation) worked out only if glue: a line drawn or
// measured as one (linePieces) is never broken, and segmenting its text
// cost as much as the rest of its pieces.
func (ts *Typesetter) piecesOf(out []piece, runs []Run, glue bool) ([]piece, text, error) {
	for _, r := range runs {
		if r.Style.Size <= 0 {
			return nil, text{}, fmt.Errorf("typeset: font size %v for %q is not positive", r.Style.Size, r.Text)
		}
		if r.Style.Family > Serif || r.Style.Weight > Bold {
			return nil, text{}, fmt.Errorf("typeset: bad style %+v", r.Style)
		}
	}
	runes, styles := prepare(runs, ts.runes, ts.styles)
	ts.runes, ts.styles = runes, styles
	// (t made here, not by prepare: runs would escape with the buffers)
	t := text{runes: runes, styles: styles, src: runs}
	ids, next, err := ts.set.assignFaces(t, ts.ids, ts.next)
	ts.next = next
	if err != nil {
		return nil, t, err
	}
	ts.ids = ids
	n := len(runes)
	if out == nil {
		words := 1
		for _, r := range runes {
			if r == ' ' {
				words++
			}
		}
		out = make([]piece, 0, 2*words)
	}
	out = out[:0]
	var opp []bool
	if glue {
		opp = ts.breakAfterSpaces(runes)
	}
	for i := 0; i < n; {
		j := i + 1
		if runes[i] != ' ' {
			for j < n && runes[j] != ' ' && ids[j] == ids[i] && styles[j] == styles[i] {
				j++
			}
		}
		p := piece{face: ids[i], style: styles[i], size: runs[styles[i]].Style.Size}
		if runes[i] == ' ' {
			p.text, p.space = " ", true
			p.glyphs = ts.spaceGlyphs(p.face)
			p.units = ts.set.faces[p.face].spaceW
			p.glue = glue && isGlue(runes, i, opp)
		} else {
			p.text, p.glyphs = ts.shape(p.face, runes[i:j])
			for _, g := range p.glyphs {
				p.units += float64(g.adv)
			}
			p.wordEnd = j == n || runes[j] == ' '
		}
		out = append(out, p)
		i = j
	}
	return out, t, nil
}

// shapedRun is a maximal run of text in one face, spaces included, with the
// glyphs the Typesetter draws for it (clusters relative to the run). It is
// what the golden test compares with hb-shape of the same run text.
type shapedRun struct {
	face   faceID
	text   string
	glyphs []glyph
}

func (ts *Typesetter) shapeRuns(s string, st Style) ([]shapedRun, error) {
	ps, _, err := ts.pieces([]Run{{Text: s, Style: st}})
	if err != nil {
		return nil, err
	}
	var out []shapedRun
	var off int32
	for _, p := range ps {
		if len(out) == 0 || out[len(out)-1].face != p.face {
			out = append(out, shapedRun{face: p.face})
			off = 0
		}
		r := &out[len(out)-1]
		r.text += p.text
		for _, g := range p.glyphs {
			g.cluster += off
			r.glyphs = append(r.glyphs, g)
		}
		off += int32(len([]rune(p.text)))
	}
	return out, nil
}
