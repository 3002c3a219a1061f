package typeset

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"
)

// ErrNotRestricted is wrapped by the error of drawing, with a FontSet made
// by Restrict, a glyph that the texts given to Restrict did not need.
var ErrNotRestricted = errors.New("glyph not in the restricted font set")

// Restrict returns a FontSet for drawing exactly the given texts (each as
// it will be drawn: one Run's text, in any family and weight of s) and no
// other: a batch whose every line is known before drawing (a month's
// certificates) draws with it at a fraction of fpdf's per-document font
// cost.
//
// fpdf's work per registered font and document (and the memory it holds)
// grows with the font's cmap and glyph count: it turns every cmap entry into
// Go maps, twice, and reads every horizontal metric. Restrict shapes every
// text in every family and weight of s, collects the glyphs used per face,
// and builds derived fonts (see derive.go) holding only those glyphs and
// the components of composite ones, renumbered densely, whose cmap maps only
// the code point drawn for each (the same as with s: real where the glyph
// has one, Private Use otherwise). Shaping still uses the original fonts, so
// layout, positions and outlines are those of s, and text extraction is the
// same.
//
// The result is immutable and safe for concurrent use like s; Check,
// Metrics, Measure and layout behave as with s. Drawing text that needs a
// glyph outside the set is an error wrapping ErrNotRestricted (never a
// wrong or missing glyph). The same texts (in any order, with any
// repetition) give the same font files, so the same PDF bytes. Its fonts are
// registered with fpdf under names of their own, so a document may use s
// and a restricted set side by side.
func (s *FontSet) Restrict(texts []string) (*FontSet, error) {
	ts, err := NewTypesetter(s, "pt")
	if err != nil {
		return nil, err
	}
	var drawn [numFaces][]bool
	for id, fd := range s.faces {
		if fd != nil {
			drawn[id] = make([]bool, len(fd.pdfWidth))
			drawn[id][fd.space] = true // spaces are drawn whatever the texts
		}
	}
	seen := make(map[string]struct{}, len(texts))
	for _, text := range texts {
		if _, ok := seen[text]; ok {
			continue
		}
		seen[text] = struct{}{}
		for f := Sans; f <= Serif; f++ {
			for w := Regular; w <= Bold; w++ {
				if s.faces[makeFaceID(f, w, deva)] == nil && s.faces[makeFaceID(f, w, latn)] == nil {
					continue
				}
				ps, _, err := ts.pieces([]Run{{Text: text, Style: Style{Family: f, Weight: w, Size: 10}}})
				if err != nil {
					return nil, err
				}
				for i := range ps {
					d := drawn[ps[i].face]
					for _, g := range ps[i].glyphs {
						d[g.gid] = true
					}
				}
			}
		}
	}

	r := &FontSet{}
	for id, fd := range s.faces {
		if fd != nil {
			c := *fd
			c.pdf, c.codes = nil, nil
			r.faces[id] = &c
		}
	}
	for id, fd := range s.faces {
		if fd == nil || r.faces[id].pdf != nil {
			continue
		}
		pf := fd.pdf
		if err := pf.build(); err != nil {
			return nil, err
		}
		parts := make([]fontPart, len(pf.faces))
		used := make([][]bool, len(pf.faces))
		codes := make([][]uint16, len(pf.faces))
		faces := make([]*faceData, len(pf.faces))
		var names []string
		for i, f := range pf.faces {
			parts[i] = fontPart{name: f.file, raw: f.raw, numGlyphs: len(f.pdfWidth)}
			used[i] = drawn[s.faceID(f)]
			codes[i] = f.codes
			faces[i] = r.faces[s.faceID(f)]
			names = append(names, f.file)
		}
		data, rcodes, err := deriveRestricted(parts, pf.prio, used, codes)
		if err != nil {
			return nil, fmt.Errorf("typeset: deriving %s: %w", strings.Join(names, " + "), err)
		}
		sum := sha256.Sum256(data)
		rf := &pdfFontFile{
			// A name of its own: fpdf keeps the first font registered under
			// a family and style, and code points differ between sets.
			family:     pf.family + "r" + hex.EncodeToString(sum[:5]),
			style:      pf.style,
			faces:      faces,
			prio:       pf.prio,
			data:       data,
			restricted: true,
		}
		rf.once.Do(func() {}) // built
		for i, f := range faces {
			f.pdf, f.codes = rf, rcodes[i]
		}
	}
	return r, nil
}

// faceID returns the id of one of the set's faces.
func (s *FontSet) faceID(fd *faceData) faceID {
	for id, f := range s.faces {
		if f == fd {
			return faceID(id)
		}
	}
	panic("typeset: face not in its set")
}

// Restricted reports whether the set was made by Restrict.
func (s *FontSet) Restricted() bool {
	for _, fd := range s.faces {
		if fd != nil {
			return fd.pdf.restricted
		}
	}
	return false
}
