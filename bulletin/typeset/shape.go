package typeset

import (
	"fmt"

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

type cacheKey struct {
	face faceID
	text string
}

// maxCache bounds the per-Typesetter shaping cache (entries); when full it
// is simply emptied.
const maxCache = 1 << 14

// Typesetter shapes, lays out and draws text. It owns HarfBuzz state and
// font faces, which are not safe for concurrent use: create one per
// goroutine (it is cheap: no font is parsed) and share the FontSet.
type Typesetter struct {
	set   *FontSet
	k     float64 // points per user unit
	unit  string
	faces [numFaces]*font.Face
	hb    [numFaces]*harfbuzz.Font
	buf   *harfbuzz.Buffer
	seg   segmenter.Segmenter
	cache map[cacheKey][]glyph

	runes  []rune
	styles []int32
	ids    []faceID
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
	return &Typesetter{set: set, k: k, unit: unit, buf: harfbuzz.NewBuffer(), cache: make(map[cacheKey][]glyph)}, nil
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

// shape returns the glyphs of text in face id, from the cache when possible.
// Devanagari faces shape with script Deva and language hi, Latin faces with
// Latn and en, left to right, cluster level 0: the same as
// `hb-shape --script=deva --language=hi` (see testdata/regen.sh).
func (ts *Typesetter) shape(id faceID, text string, runes []rune) []glyph {
	key := cacheKey{id, text}
	if g, ok := ts.cache[key]; ok {
		return g
	}
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
	if len(ts.cache) >= maxCache {
		clear(ts.cache)
	}
	ts.cache[key] = out
	return out
}

// pieces segments, shapes and splits runs into words and spaces.
func (ts *Typesetter) pieces(runs []Run) ([]piece, text, error) {
	for _, r := range runs {
		if r.Style.Size <= 0 {
			return nil, text{}, fmt.Errorf("typeset: font size %v for %q is not positive", r.Style.Size, r.Text)
		}
		if r.Style.Family > Serif || r.Style.Weight > Bold {
			return nil, text{}, fmt.Errorf("typeset: bad style %+v", r.Style)
		}
	}
	t := prepare(runs, ts.runes, ts.styles)
	ts.runes, ts.styles = t.runes, t.styles
	ids, err := ts.set.assignFaces(t, ts.ids)
	if err != nil {
		return nil, t, err
	}
	ts.ids = ids
	var out []piece
	n := len(t.runes)
	opp := ts.breakAfterSpaces(t.runes)
	for i := 0; i < n; {
		j := i + 1
		if t.runes[i] != ' ' {
			for j < n && t.runes[j] != ' ' && ids[j] == ids[i] && t.styles[j] == t.styles[i] {
				j++
			}
		}
		seg := t.runes[i:j]
		p := piece{text: string(seg), face: ids[i], style: t.styles[i], size: runs[t.styles[i]].Style.Size}
		fd := ts.set.faces[p.face]
		if t.runes[i] == ' ' {
			p.space = true
			p.glyphs = []glyph{{gid: fd.space, adv: int32(fd.spaceW)}}
			p.units = fd.spaceW
			p.glue = isGlue(t.runes, i, opp)
		} else {
			p.glyphs = ts.shape(p.face, p.text, seg)
			for _, g := range p.glyphs {
				p.units += float64(g.adv)
			}
			p.wordEnd = j == n || t.runes[j] == ' '
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
