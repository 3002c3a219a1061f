package typeset

import "github.com/go-text/typesetting/font"

// Glyph is one shaped glyph of a laid-out paragraph, placed, for drawers
// other than a PDF (bulletin/raster fills its outline into an image, the
// trend chart's SVG writes it as a path). These are the glyphs and
// positions Draw writes into a PDF.
type Glyph struct {
	Font *font.Font // immutable and shared; outlines through font.NewFace(Font)
	ID   font.GID
	// X, Y: the glyph's origin in user units from the paragraph's
	// top-left corner, y down: the pen position plus the GPOS offset, on
	// the line's baseline.
	X, Y float64
	// Scale is user units per font unit (size / units per em / unit).
	Scale float64
	Color Color
	Line  int // index of its line in Paragraph.Lines
}

// Glyphs returns the paragraph's glyphs, line by line in drawing order,
// without the spaces.
func (p *Paragraph) Glyphs() []Glyph {
	ts := p.ts
	var out []Glyph
	for li := range p.Lines {
		l := &p.Lines[li]
		for i := range l.pieces {
			pc := &l.pieces[i]
			if pc.space {
				continue
			}
			fd := ts.set.faces[pc.face]
			scale := pc.size / fd.upem // points per font unit
			pen := l.xs[i]
			c := p.runs[pc.style].Style.Color
			for _, g := range pc.glyphs {
				out = append(out, Glyph{
					Font:  fd.font,
					ID:    font.GID(g.gid),
					X:     (pen + float64(g.dx)*scale) / ts.k,
					Y:     l.Baseline - float64(g.dy)*scale/ts.k,
					Scale: scale / ts.k,
					Color: c,
					Line:  li,
				})
				pen += float64(g.adv) * scale
			}
		}
	}
	return out
}
