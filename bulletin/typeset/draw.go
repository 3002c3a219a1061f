package typeset

import (
	"fmt"
	"math"
	"strings"
	"unicode/utf16"

	"codeberg.org/go-pdf/fpdf"
)

// register adds the font file of face id (see pdfFontFile) to pdf unless it
// is there already (fpdf ignores a second AddUTF8FontFromBytes of the same
// family and style), and returns it.
func (ts *Typesetter) register(pdf *fpdf.Fpdf, id faceID) (*pdfFontFile, error) {
	fd, err := ts.set.face(id)
	if err != nil {
		return nil, err
	}
	pf := fd.pdf
	if err := pf.build(); err != nil {
		return nil, err
	}
	pdf.AddUTF8FontFromBytes(pf.family, pf.style, pf.data)
	return pf, pdf.Error()
}

// Register adds the font of a family and weight (one font file holding its
// Devanagari and Latin faces) to pdf. It is optional: Draw and DrawLine
// register, once per document, exactly the fonts they use, which keeps
// unused fonts out of the PDF and saves fpdf's per-font work (a few ms).
func (ts *Typesetter) Register(pdf *fpdf.Fpdf, f Family, w Weight) error {
	for _, sc := range []script{deva, latn} {
		id := makeFaceID(f, w, sc)
		if ts.set.faces[id] == nil && ts.set.faces[makeFaceID(f, w, 1-sc)] != nil {
			continue
		}
		if _, err := ts.register(pdf, id); err != nil {
			return err
		}
	}
	return nil
}

func (ts *Typesetter) checkUnit(pdf *fpdf.Fpdf) error {
	if k := pdf.GetConversionRatio(); math.Abs(k-ts.k) > 1e-9 {
		return fmt.Errorf("typeset: the document's unit is %g pt but the Typesetter was made for %q (%g pt)", k, ts.unit, ts.k)
	}
	return nil
}

// Draw draws the paragraph with its top-left corner at (x, y) in user units
// (y grows down the page, as everywhere in fpdf). It sets the current
// font of pdf and leaves the text colour as it found it.
func (p *Paragraph) Draw(pdf *fpdf.Fpdf, x, y float64) error {
	ts := p.ts
	if err := ts.checkUnit(pdf); err != nil {
		return err
	}
	r, g, b := pdf.GetTextColor()
	defer pdf.SetTextColor(r, g, b)
	d := drawer{ts: ts, pdf: pdf, runs: p.runs}
	for i := range p.Lines {
		l := &p.Lines[i]
		if err := d.line(l.pieces, l.xs, x*ts.k, (y+l.Baseline)*ts.k); err != nil {
			return err
		}
	}
	return pdf.Error()
}

// DrawLines draws lines [from, to) of the paragraph with the top of line
// from at (x, y): a way to flow a paragraph over pages. It returns the
// height drawn (the sum of those lines' heights).
func (p *Paragraph) DrawLines(pdf *fpdf.Fpdf, x, y float64, from, to int) (float64, error) {
	if from < 0 || to > len(p.Lines) || from > to {
		return 0, fmt.Errorf("typeset: DrawLines(%d, %d) of %d lines", from, to, len(p.Lines))
	}
	ts := p.ts
	if err := ts.checkUnit(pdf); err != nil {
		return 0, err
	}
	if from == to {
		return 0, nil
	}
	r, g, b := pdf.GetTextColor()
	defer pdf.SetTextColor(r, g, b)
	d := drawer{ts: ts, pdf: pdf, runs: p.runs}
	top := p.Lines[from].Top
	for i := from; i < to; i++ {
		l := &p.Lines[i]
		if err := d.line(l.pieces, l.xs, x*ts.k, (y-top+l.Baseline)*ts.k); err != nil {
			return 0, err
		}
	}
	last := &p.Lines[to-1]
	return last.Top + last.Height - top, pdf.Error()
}

// DrawLine draws the runs on one line (no wrapping) with its baseline at y.
// x is the line's left end for Left (and Justify), its centre for Center and
// its right end for Right. It returns the line's width in user units.
func (ts *Typesetter) DrawLine(pdf *fpdf.Fpdf, x, y float64, align Align, runs ...Run) (float64, error) {
	if err := ts.checkUnit(pdf); err != nil {
		return 0, err
	}
	ps, _, err := ts.pieces(runs)
	if err != nil {
		return 0, err
	}
	xs := make([]float64, len(ps))
	w := 0.0
	for i := range ps {
		xs[i] = w
		w += ps[i].width(ts.set)
	}
	x0 := x * ts.k
	switch align {
	case Center:
		x0 -= w / 2
	case Right:
		x0 -= w
	}
	r, g, b := pdf.GetTextColor()
	defer pdf.SetTextColor(r, g, b)
	d := drawer{ts: ts, pdf: pdf, runs: runs}
	if err := d.line(ps, xs, x0, y*ts.k); err != nil {
		return 0, err
	}
	return w / ts.k, pdf.Error()
}

type drawer struct {
	ts   *Typesetter
	pdf  *fpdf.Fpdf
	runs []Run
	sb   strings.Builder
	hex  strings.Builder
	// current font and colour set on pdf by this drawer
	font  *pdfFontFile
	size  float64
	color Color
	set   bool
}

// posTolerance: a glyph starts a new Tj when its position differs from the
// one a viewer computes from the /W widths by more than this (points).
// fpdf writes positions rounded to 0.01 pt.
const posTolerance = 0.01

func round2(v float64) float64 { return math.Round(v*100) / 100 }

// line draws pieces at x0+xs[i] (points) on the baseline at y (points from
// the top of the page).
func (d *drawer) line(ps []piece, xs []float64, x0, y float64) error {
	for i := 0; i < len(ps); i++ {
		p := &ps[i]
		if p.space {
			// A space not merged into the word before it (e.g. the space
			// has another style): draw it on its own so it copies out.
			if err := d.glyphs(p, p.glyphs, x0+xs[i], y, ""); err != nil {
				return err
			}
			continue
		}
		px := x0 + xs[i]
		actual := p.text
		gl := p.glyphs
		// Merge the following space into this word's span when it is in the
		// same face and style: one text object instead of two, and the
		// span's ActualText ends with the space.
		if i+1 < len(ps) && ps[i+1].space && ps[i+1].face == p.face && ps[i+1].style == p.style {
			sp := ps[i+1]
			gl = append(gl[:len(gl):len(gl)], glyph{gid: sp.glyphs[0].gid, adv: sp.glyphs[0].adv, cluster: int32(len([]rune(p.text)))})
			actual += " "
			i++
		}
		if err := d.glyphs(p, gl, px, y, actual); err != nil {
			return err
		}
	}
	return nil
}

// glyphs draws a glyph sequence of one face and style starting at pen
// position x (points). When actual is not empty the drawing is wrapped in a
// marked-content span whose /ActualText is actual, so that text extraction
// returns the logical text instead of the glyphs' code points (which are in
// visual order and partly Private Use).
func (d *drawer) glyphs(p *piece, gl []glyph, x, y float64, actual string) error {
	pdf, ts := d.pdf, d.ts
	fd := ts.set.faces[p.face]
	if fd.pdf.restricted {
		for _, g := range gl {
			if fd.codes[g.gid] == 0 {
				return fmt.Errorf("typeset: %q needs glyph %d of %s: %w (FontSet.Restrict was not given this text)", p.text, g.gid, fd.file, ErrNotRestricted)
			}
		}
	}
	if !d.set || d.font != fd.pdf || d.size != p.size {
		pf, err := ts.register(pdf, p.face)
		if err != nil {
			return err
		}
		pdf.SetFont(pf.family, pf.style, p.size)
		if err := pdf.Error(); err != nil {
			return err
		}
		d.font, d.size = pf, p.size
	}
	c := d.runs[p.style].Style.Color
	if !d.set || d.color != c {
		pdf.SetTextColor(int(c.R), int(c.G), int(c.B))
		d.color = c
	}
	d.set = true
	if actual == "" && len(gl) == 1 && p.space && fd.codes[gl[0].gid] != ' ' {
		// A lone space whose glyph has no U+0020 in the merged font (the
		// other face's space differs): say that it is a space.
		actual = " "
	}
	if actual != "" {
		pdf.RawWriteStr("/Span <</ActualText <" + utf16Hex(&d.hex, actual) + ">>> BDC")
	}
	scale := p.size / fd.upem // points per font unit
	wscale := p.size / 1000   // points per /W unit
	k := ts.k
	pen := x
	var segX, segY, predicted float64
	open := false
	sb := &d.sb
	sb.Reset()
	flush := func() {
		if sb.Len() > 0 {
			pdf.Text(segX/k, segY/k, sb.String())
			sb.Reset()
		}
	}
	for _, g := range gl {
		gx := pen + float64(g.dx)*scale
		gy := y - float64(g.dy)*scale
		if !open || math.Abs(gx-predicted) > posTolerance || gy != segY {
			flush()
			segX, segY = gx, gy
			predicted = round2(gx)
			open = true
		}
		sb.WriteRune(rune(fd.codes[g.gid]))
		predicted += fd.pdfWidth[g.gid] * wscale
		pen += float64(g.adv) * scale
	}
	flush()
	if actual != "" {
		pdf.RawWriteStr("EMC")
	}
	return nil
}

// utf16Hex returns FEFF followed by the UTF-16BE hex of s.
func utf16Hex(b *strings.Builder, s string) string {
	const hexd = "0123456789ABCDEF"
	b.Reset()
	b.WriteString("FEFF")
	for _, u := range utf16.Encode([]rune(s)) {
		b.WriteByte(hexd[u>>12])
		b.WriteByte(hexd[u>>8&15])
		b.WriteByte(hexd[u>>4&15])
		b.WriteByte(hexd[u&15])
	}
	return b.String()
}
