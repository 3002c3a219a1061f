package typeset

import (
	"errors"
	"math"
	"runtime"
	"sort"
	"sync"

	"codeberg.org/go-pdf/fpdf"
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
// for every glyph, the texts that use it. The restricted set's sub-fonts
// (see simple.go) hold only those glyphs, the most used first, so that a
// document of the batch needs about one sub-font per weight, each cut to
// what the document draws. Shaping, layout, positions, outlines and
// extracted text are those of s.
//
// The result is immutable and safe for concurrent use like s; Check,
// Metrics, Measure and layout behave as with s. Drawing text that needs a
// glyph outside the set is an error wrapping ErrNotRestricted (never a
// wrong or missing glyph). The same texts (in any order, with any
// repetition) give the same sub-fonts, so the same PDF bytes. Its
// sub-fonts have names of their own, so a document may use s and a
// restricted set side by side.
func (s *FontSet) Restrict(texts []string) (*FontSet, error) {
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
	counts := make([][numFaces]map[use]int32, parts)
	errs := make([]error, parts)
	var wg sync.WaitGroup
	for k := range parts {
		wg.Add(1)
		go func() {
			defer wg.Done()
			counts[k], errs[k] = s.countUses(distinct[k*len(distinct)/parts : (k+1)*len(distinct)/parts])
		}()
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	count := counts[0]
	for _, c := range counts[1:] {
		for id := range count {
			for u, n := range c[id] {
				count[id][u] += n
			}
		}
	}
	for id, fd := range s.faces {
		if fd != nil { // spaces are drawn whatever the texts
			count[id][use{fd.space, " ", int16(fd.pdfWidth[fd.space])}] = math.MaxInt32
		}
	}
	return s.restricted(func(fd *faceData, fid faceID) map[use]int32 { return count[fid] })
}

// RestrictDrawn returns a FontSet restricted (see Restrict) to the glyphs
// drawn with s so far into pdf, which is then only a draft: drawing the
// same document again with the result gives a PDF whose sub-fonts hold
// just its glyphs, the fewest per family and weight. A document whose text
// is not known before it is laid out (a press note) is drawn that way.
func (s *FontSet) RestrictDrawn(pdf *fpdf.Fpdf) (*FontSet, error) {
	if err := s.build(); err != nil { // sets the plans read below
		return nil, err
	}
	d := fontsOf(pdf)
	return s.restricted(func(fd *faceData, _ faceID) map[use]int32 {
		n := map[use]int32{}
		lo, hi := uint16(fd.dOff), uint16(fd.dOff+len(fd.pdfWidth))
		for u := range d.wanted[fd.plan] {
			if u.dg >= lo && u.dg < hi {
				n[use{u.dg - lo, u.text, u.w}] = 1
			}
		}
		return n
	})
}

// restricted returns a copy of s whose faces draw only the uses (glyph
// ids of the face, and texts) with count(face)[use] > 0, the most counted
// first in its sub-fonts.
func (s *FontSet) restricted(count func(fd *faceData, id faceID) map[use]int32) (*FontSet, error) {
	if err := s.build(); err != nil { // sets codes and dOff
		return nil, err
	}
	r := &FontSet{isRestricted: true}
	for id, fd := range s.faces {
		if fd != nil {
			c := *fd
			c.plan, c.slot = nil, nil
			r.faces[id] = &c
		}
	}
	for id, fd := range s.faces {
		if fd == nil || r.faces[id].plan != nil {
			continue
		}
		pf := fd.pdf
		type counted struct {
			u use
			n int32
		}
		var uses []counted
		var faces []*faceData
		for fid, f := range s.faces {
			if f == nil || f.pdf != pf {
				continue
			}
			faces = append(faces, r.faces[fid])
			for u, n := range count(f, faceID(fid)) {
				if n > 0 {
					uses = append(uses, counted{use{uint16(f.dOff) + u.dg, u.text, u.w}, n})
				}
			}
		}
		sort.Slice(uses, func(i, j int) bool {
			a, b := uses[i], uses[j]
			if a.n != b.n {
				return a.n > b.n
			}
			if a.u.dg != b.u.dg {
				return a.u.dg < b.u.dg
			}
			if a.u.text != b.u.text {
				return a.u.text < b.u.text
			}
			return a.u.w < b.u.w
		})
		order := make([]use, len(uses))
		for i, u := range uses {
			order[i] = u.u
		}
		newPlan(pf, order, true, faces)
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

// countUses shapes every text in every family and weight of s and counts,
// for each use (glyph id of a face, and the text it is drawn for; see
// glyphTexts) of each face, the texts that need it.
func (s *FontSet) countUses(texts []string) ([numFaces]map[use]int32, error) {
	var count [numFaces]map[use]int32
	ts, err := NewTypesetter(s, "pt")
	if err != nil {
		return count, err
	}
	for id, fd := range s.faces {
		if fd != nil {
			count[id] = map[use]int32{}
		}
	}
	for _, text := range texts {
		seen := map[faceID]map[use]bool{}
		for f := Sans; f <= Serif; f++ {
			for w := Regular; w <= Bold; w++ {
				if s.faces[makeFaceID(f, w, deva)] == nil && s.faces[makeFaceID(f, w, latn)] == nil {
					continue
				}
				ps, _, err := ts.pieces([]Run{{Text: text, Style: Style{Family: f, Weight: w, Size: 10}}})
				if err != nil {
					return count, err
				}
				for i := range ps {
					s.countPiece(&ps[i], ps[i+1:], count[ps[i].face], seen)
				}
			}
		}
	}
	return count, nil
}

// countPiece counts the uses of a piece, as drawn (with the space after it
// when the drawing merges them; at the end of a line when it ends a word),
// once per text.
func (s *FontSet) countPiece(p *piece, next []piece, count map[use]int32, seen map[faceID]map[use]bool) {
	gl, src := p.glyphs, p.text
	if !p.space && len(next) > 0 && next[0].space && next[0].face == p.face && next[0].style == p.style {
		gl = append(gl[:len(gl):len(gl)], glyph{gid: next[0].glyphs[0].gid, adv: next[0].glyphs[0].adv, cluster: int32(len([]rune(src)))})
		src += " "
	}
	if seen[p.face] == nil {
		seen[p.face] = map[use]bool{}
	}
	fd := s.faces[p.face]
	uses := fd.glyphUses(src, gl, false)
	if p.wordEnd && !p.space { // the line may end after it
		uses = append(uses, fd.glyphUses(p.text, p.glyphs, true)...)
	}
	for _, u := range uses {
		if !seen[p.face][u] {
			seen[p.face][u] = true
			count[u]++
		}
	}
}
