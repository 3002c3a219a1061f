package typeset

import (
	"errors"
	"fmt"
	"math"
	"runtime"
	"slices"
	"sort"
	"sync"
	"unicode/utf8"

	"codeberg.org/go-pdf/fpdf"
	"github.com/igrs-pro/bulletin/bulletin/pdffont"
)

// ErrNotRestricted is wrapped by the error of drawing, with a FontSet made
// by Restrict, a glyph that the texts given to Restrict did not need.
var ErrNotRestricted = errors.New("glyph not in the restricted font set")

// Restrict returns a FontSet for drawing exactly the given texts (each as
// it will be drawn: one Run's text, in any family and weight of s) and no
// other: a batch whose every line is known before drawing (a month's
// certificates) draws with it at a fraction of the PDF size and cost.
//
// Restrict shapes every text in every family and weight of s and counts,
// for every use (a glyph with the text it stands for and its width where
// drawn; see pdffont.Use), the texts that need it. The restricted set's
// sub-fonts (see pdffont.Plan) hold only those uses, the most used first, so
// that a document of the batch needs few sub-fonts per weight (the example
// month's certificates two), each cut to what the document draws. Shaping,
// layout, positions and outlines are those of s; unlike s, the restricted
// set gives every extractor the text (see Copy-out in the package doc).
//
// The result is immutable and safe for concurrent use like s; Check,
// Metrics, Measure and layout behave as with s. Drawing text that needs a
// glyph outside the set is an error wrapping ErrNotRestricted (never a
// wrong or missing glyph). The same texts (in any order, with any
// repetition) give the same sub-fonts, so the same PDF bytes. Its
// sub-fonts have names of their own, so a document may use s and a
// restricted set side by side.
func (s *FontSet) Restrict(texts []string) (*FontSet, error) { return s.RestrictTo(texts, nil) }

// RestrictTo is Restrict for texts that are drawn only in the families and
// weights of styles (their sizes and colours do not matter; nil means
// every family and weight of s, as Restrict). Each text is shaped in those
// alone: a batch set in one family (the certificates) costs half. The
// sub-fonts of those families and weights are Restrict's, byte for byte;
// drawing in any other is an error wrapping ErrNotRestricted.
func (s *FontSet) RestrictTo(texts []string, styles []Style) (*FontSet, error) {
	var in drawnStyles
	for f := Sans; f <= Serif; f++ {
		for w := Regular; w <= Bold; w++ {
			in[f][w] = styles == nil
		}
	}
	for _, st := range styles {
		if st.Family > Serif || st.Weight > Bold {
			return nil, fmt.Errorf("typeset: bad style %+v", st)
		}
		in[st.Family][st.Weight] = true
	}
	var distinct []string
	seen := make(map[string]struct{}, len(texts))
	for _, text := range texts {
		if _, ok := seen[text]; !ok {
			seen[text] = struct{}{}
			distinct = append(distinct, text)
		}
	}
	// Shaping is shared out over the CPUs; the counts add up.
	parts := min(runtime.GOMAXPROCS(0), max(1, len(distinct)/64))
	counts := make([]wordCounts, parts)
	share := new(shapeShare) // each word shaped once, by one of them
	errs := make([]error, parts)
	var wg sync.WaitGroup
	for k := range parts {
		wg.Add(1)
		go func() {
			defer wg.Done()
			counts[k], errs[k] = s.countWords(distinct[k*len(distinct)/parts:(k+1)*len(distinct)/parts], in, share)
		}()
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	count := counts[0]
	for _, c := range counts[1:] {
		for id := range count {
			for k, w := range c[id] {
				count.add(faceID(id), k, w.uses, w.n)
			}
		}
	}
	for id, fd := range s.faces {
		if fd != nil { // spaces are drawn whatever the texts
			sp := []use{{fd.space, " ", int16(fd.pdfWidth[fd.space])}}
			count.add(faceID(id), wordKey(sp), sp, math.MaxInt32)
		}
	}
	r, err := s.restricted(func(_ *faceData, fid faceID) map[string]*counted { return count[fid] })
	if err != nil {
		return nil, err
	}
	// The words shaped here are the words drawn with r: its Typesetters
	// take them from r instead of shaping them again.
	r.shapes = share.m
	return r, nil
}

// counted is a word (the uses of a piece, glyph ids of a face) and the
// number of texts that draw it.
type counted struct {
	uses []use
	n    int32
}

// wordCounts are the words of each face, by wordKey.
type wordCounts [numFaces]map[string]*counted

func (c *wordCounts) add(id faceID, key string, uses []use, n int32) {
	if c[id] == nil {
		c[id] = map[string]*counted{}
	}
	if w := c[id][key]; w != nil {
		w.n = int32(min(int64(w.n)+int64(n), math.MaxInt32))
		return
	}
	c[id][key] = &counted{uses, n}
}

// RestrictDrawn returns a FontSet restricted (see Restrict) to the words
// drawn with s so far into pdf, which is then only a draft: drawing the
// same document again with the result gives a PDF whose sub-fonts hold
// just its glyphs, the fewest per family and weight. A document whose text
// is not known before it is laid out (a press note) is drawn that way.
// A set restricted already is returned as it is (documents drawn with one
// do not record their words: see pdffont.Doc.Want).
func (s *FontSet) RestrictDrawn(pdf *fpdf.Fpdf) (*FontSet, error) {
	if s.isRestricted {
		return s, nil
	}
	if err := s.build(); err != nil { // sets the plans read below
		return nil, err
	}
	d := pdffont.DocOf(pdf)
	return s.restricted(func(fd *faceData, _ faceID) map[string]*counted {
		out := map[string]*counted{}
		lo, hi := uint16(fd.dOff), uint16(fd.dOff+len(fd.pdfWidth))
		for k, w := range d.Words(fd.plan) {
			if w[0].Glyph >= lo && w[0].Glyph < hi { // a word is in one face
				uses := make([]use, len(w))
				for i, u := range w {
					uses[i] = use{u.Glyph - lo, u.Text, u.Width}
				}
				out[k] = &counted{uses, 1}
			}
		}
		return out
	})
}

// restricted returns a copy of s whose faces draw only the words count
// gives for them (uses of glyph ids of the face), the most used uses
// first (see byUse).
func (s *FontSet) restricted(count func(fd *faceData, id faceID) map[string]*counted) (*FontSet, error) {
	if err := s.build(); err != nil { // sets codes and dOff
		return nil, err
	}
	r := &FontSet{isRestricted: true}
	for id, fd := range s.faces {
		if fd != nil {
			c := *fd
			c.plan = nil
			r.faces[id] = &c
		}
	}
	for id, fd := range s.faces {
		if fd == nil || r.faces[id].plan != nil {
			continue
		}
		var words []counted
		var faces []*faceData
		for fid, f := range s.faces {
			if f == nil || f.pdf != fd.pdf {
				continue
			}
			faces = append(faces, r.faces[fid])
			for _, w := range count(f, faceID(fid)) {
				uses := make([]use, len(w.uses))
				for i, u := range w.uses {
					uses[i] = use{uint16(f.dOff) + u.dg, u.text, u.w} // derived glyph ids
				}
				words = append(words, counted{uses, w.n})
			}
		}
		setPlan(fd.pdf, byUse(words), true, faces)
	}
	return r, nil
}

// Restricted reports whether the set was made by Restrict or RestrictDrawn.
func (s *FontSet) Restricted() bool { return s.isRestricted }

// build builds the derived fonts of every face of s (and, for a full set,
// its sub-font plans).
func (s *FontSet) build() error {
	for _, fd := range s.faces {
		if fd != nil {
			if err := fd.pdf.build(); err != nil {
				return err
			}
		}
	}
	return nil
}

// countWords shapes every text in each family and weight of s that in
// holds and counts, for each word (the uses of a piece as drawn: glyph ids
// of a face, the texts and widths they are drawn for; see glyphUses) of
// each face, the texts that draw it. It shapes each word not in share and
// puts it there. The texts of a batch repeat most of their words: the
// words of a piece (its face, text and how it is drawn) are worked out
// once, and a text then costs its shaping (from the Typesetter's cache)
// and a count per word.
func (s *FontSet) countWords(texts []string, in drawnStyles, share *shapeShare) (wordCounts, error) {
	var count wordCounts
	ts, err := NewTypesetter(s, "pt")
	if err != nil {
		return count, err
	}
	ts.keepAll, ts.share = true, share
	memo := map[pieceKey][]*counted{}
	seen := map[*counted]bool{}
	for _, text := range texts {
		clear(seen)
		for f := Sans; f <= Serif; f++ {
			for w := Regular; w <= Bold; w++ {
				if !in[f][w] || s.faces[makeFaceID(f, w, deva)] == nil && s.faces[makeFaceID(f, w, latn)] == nil {
					continue
				}
				ps, err := ts.tmpPieces([]Run{{Text: text, Style: Style{Family: f, Weight: w, Size: 10}}})
				if err != nil {
					return count, err
				}
				for i := range ps {
					k := pieceKeyOf(ps, i)
					words, ok := memo[k]
					if !ok {
						words = count.words(ps[i].face, s.pieceWords(ps, i))
						memo[k] = words
					}
					for _, c := range words {
						if !seen[c] { // once per text
							seen[c] = true
							c.n++
						}
					}
				}
			}
		}
	}
	return count, nil
}

// drawnStyles says which families and weights texts are drawn in.
type drawnStyles [Serif + 1][Bold + 1]bool

// pieceKey is what the words of a piece (see pieceWords) depend on: its
// face and text (so its glyphs), whether the space after it is merged into
// its span and the line may break there, and whether it ends the text.
type pieceKey struct {
	face                 faceID
	text                 string
	merges, glue, ending bool
}

func pieceKeyOf(ps []piece, i int) pieceKey {
	k := pieceKey{face: ps[i].face, text: ps[i].text, merges: mergesSpace(ps, i)}
	if k.merges {
		k.glue = ps[i+1].glue
	} else {
		k.ending = i == len(ps)-1 && !ps[i].space
	}
	return k
}

// words returns the counted entries (made with no texts yet) of the words
// ws of face id.
func (c *wordCounts) words(id faceID, ws [][]use) []*counted {
	if c[id] == nil {
		c[id] = map[string]*counted{}
	}
	out := make([]*counted, 0, len(ws))
	for _, uses := range ws {
		k := wordKey(uses)
		w := c[id][k]
		if w == nil {
			w = &counted{uses: uses}
			c[id][k] = w
		}
		out = append(out, w)
	}
	return out
}

// pieceWords returns the ways piece i of ps may be drawn (see
// drawer.line): with the space after it when the drawing merges them (also
// at the end of a line broken there), and at the end of the text's last
// line.
func (s *FontSet) pieceWords(ps []piece, i int) [][]use {
	p := &ps[i]
	fd := s.faces[p.face]
	if mergesSpace(ps, i) {
		out := [][]use{fd.glyphUses(p.text+" ", withSpace(p, &ps[i+1], false), false)}
		if ps[i+1].glue { // the line may break there
			out = append(out, fd.glyphUses(p.text+" ", withSpace(p, &ps[i+1], true), false))
		}
		return out
	}
	out := [][]use{fd.glyphUses(p.text, p.glyphs, false)}
	if i == len(ps)-1 && !p.space { // the text's last word ends a line
		out = append(out, fd.glyphUses(p.text, p.glyphs, true))
	}
	return out
}

// withSpace returns the glyphs of word p followed by the space sp, drawn
// in one span. A space a line breaks at is drawn after the line's last word
// with no advance, so that it stays inside the line's box.
func withSpace(p, sp *piece, breaks bool) []glyph {
	return append(p.glyphs[:len(p.glyphs):len(p.glyphs)], spaceAfter(p, sp, breaks))
}

// spaceAfter is the last glyph of withSpace.
func spaceAfter(p, sp *piece, breaks bool) glyph {
	g := glyph{gid: sp.glyphs[0].gid, adv: sp.glyphs[0].adv, cluster: int32(utf8.RuneCountInString(p.text))}
	if breaks {
		g.adv = 0
	}
	return g
}

// mergesSpace reports whether piece i of ps is drawn with the space after
// it in one span: a word followed by a space of the same face and style.
func mergesSpace(ps []piece, i int) bool {
	return !ps[i].space && i+1 < len(ps) && ps[i+1].space && ps[i+1].face == ps[i].face && ps[i+1].style == ps[i].style
}

// byUse lists the uses of words (derived glyph ids), each once, the most
// used first, and the uses of one glyph together (in the place of its most
// used one): the uses common to a batch's documents share the first
// sub-font, so that a document needs few sub-fonts, and a glyph's outline
// is in one sub-font, not in each that has a use of it.
func byUse(words []counted) []use {
	n := map[use]int64{}
	for _, w := range words {
		for i, u := range w.uses {
			if !slices.Contains(w.uses[:i], u) { // a word's use counts once
				n[u] += int64(w.n)
			}
		}
	}
	top := map[uint16]int64{} // by glyph: its most used use's count
	out := make([]use, 0, len(n))
	for u, c := range n {
		out = append(out, u)
		top[u.dg] = max(top[u.dg], c)
	}
	sort.Slice(out, func(i, j int) bool {
		a, b := out[i], out[j]
		switch {
		case top[a.dg] != top[b.dg]:
			return top[a.dg] > top[b.dg]
		case a.dg != b.dg:
			return a.dg < b.dg
		case n[a] != n[b]:
			return n[a] > n[b]
		case a.text != b.text:
			return a.text < b.text
		}
		return a.w < b.w
	})
	return out
}
