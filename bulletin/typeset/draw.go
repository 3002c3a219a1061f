package typeset

import (
	"bytes"
	"fmt"
	"math"
	"strconv"
	"unicode/utf16"

	"codeberg.org/go-pdf/fpdf"
	"github.com/igrs-pro/bulletin/bulletin/pdffont"
)

func (ts *Typesetter) checkUnit(pdf *fpdf.Fpdf) error {
	if k := pdf.GetConversionRatio(); math.Abs(k-ts.k) > 1e-9 {
		return fmt.Errorf("typeset: the document's unit is %g pt but the Typesetter was made for %q (%g pt)", k, ts.unit, ts.k)
	}
	return nil
}

// Draw draws the paragraph with its top-left corner at (x, y) in user units
// (y grows down the page, as everywhere in fpdf). It sets the current
// font of pdf and leaves the text and fill colours as it found them.
func (p *Paragraph) Draw(pdf *fpdf.Fpdf, x, y float64) error {
	ts := p.ts
	if err := ts.checkUnit(pdf); err != nil {
		return err
	}
	d := newDrawer(ts, pdf, p.runs)
	defer d.done()
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
	d := newDrawer(ts, pdf, p.runs)
	defer d.done()
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
	ps, err := ts.linePieces(runs)
	if err != nil {
		return 0, err
	}
	xs := ts.xs[:0]
	w := 0.0
	for i := range ps {
		xs = append(xs, w)
		w += ps[i].width(ts.set)
	}
	ts.xs = xs
	x0 := x * ts.k
	switch align {
	case Center:
		x0 -= w / 2
	case Right:
		x0 -= w
	}
	d := newDrawer(ts, pdf, runs)
	defer d.done()
	if err := d.line(ps, xs, x0, y*ts.k); err != nil {
		return 0, err
	}
	return w / ts.k, pdf.Error()
}

type drawer struct {
	ts     *Typesetter
	pdf    *fpdf.Fpdf
	doc    *pdffont.Doc
	colors []Color // of the runs drawn, by style index (a buffer kept: the runs are not)
	buf    []byte  // content being written
	rd     bytes.Reader
	// current font and colour set on pdf by this drawer
	font              *pdffont.DocFont
	size              float64
	color             Color
	fontSet, colorSet bool
	synced            bool // fpdf's current font is font at size
	// the caller's colours, restored by done
	text, fill [3]int
	// direct: the drawer writes its colours itself (see setColor)
	direct bool
	pageH  float64 // points
}

func newDrawer(ts *Typesetter, pdf *fpdf.Fpdf, runs []Run) *drawer {
	d := &ts.dr // one drawing at a time: the Typesetter's, with its buffer
	*d = drawer{ts: ts, pdf: pdf, doc: pdffont.DocOf(pdf), colors: d.colors[:0], buf: d.buf[:0]}
	for _, r := range runs {
		d.colors = append(d.colors, r.Style.Color)
	}
	d.text[0], d.text[1], d.text[2] = pdf.GetTextColor()
	d.fill[0], d.fill[1], d.fill[2] = pdf.GetFillColor()
	spotText, _, _, _, _ := pdf.GetTextSpotColor()
	spotFill, _, _, _, _ := pdf.GetFillSpotColor()
	d.direct = pdf.PageNo() > 0 && spotText == "" && spotFill == ""
	_, h := pdf.GetPageSize()
	d.pageH = h * ts.k
	return d
}

// done writes what is left of the drawing and gives pdf back the caller's
// colours.
func (d *drawer) done() {
	if d.colorSet && d.direct {
		d.buf = appendFillColor(d.buf, d.fill)
	}
	d.write()
	if d.colorSet && !d.direct {
		d.pdf.SetTextColor(d.text[0], d.text[1], d.text[2])
		d.pdf.SetFillColor(d.fill[0], d.fill[1], d.fill[2])
	}
}

// write hands the content in d.buf to pdf. The drawer gathers its
// operators in d.buf and writes them before anything that fpdf writes
// (a font or colour set through it) and when done: one write for many
// words, rather than one each.
func (d *drawer) write() {
	if len(d.buf) > 0 {
		d.rd.Reset(d.buf[:len(d.buf)-1]) // fpdf adds the final newline
		d.pdf.RawWriteBuf(&d.rd)
		d.buf = d.buf[:0]
	}
}

// posTolerance: a glyph starts a new Tj when its position differs from the
// one a viewer computes from the /Widths by more than this (points).
// Positions are written rounded to 0.01 pt.
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
			if err := d.glyphs(p, p.glyphs, x0+xs[i], y, false, false); err != nil {
				return err
			}
			continue
		}
		px := x0 + xs[i]
		gl := p.glyphs
		// Merge the following space into this word's span when it is in the
		// same face and style: one text object instead of two, and the
		// span's ActualText ends with the space.
		if mergesSpace(ps, i) {
			// withSpace, in a buffer of the Typesetter (slots keeps
			// nothing of gl).
			gl = append(append(d.ts.gl[:0], p.glyphs...), spaceAfter(p, &ps[i+1], i+1 == len(ps)-1))
			d.ts.gl = gl
			i++
		}
		// The last word of a line that does not end with a space stands
		// for a space too (see glyphUses).
		if err := d.glyphs(p, gl, px, y, true, i == len(ps)-1 && !ps[i].space); err != nil {
			return err
		}
	}
	return nil
}

// glyphs draws a glyph sequence of one face and style starting at pen
// position x (points). A word (and the space drawn with it) is wrapped in
// a marked-content span whose /ActualText is its text, so that text
// extraction returns the logical text instead of the glyphs' code points
// (which are in visual order and partly Private Use).
func (d *drawer) glyphs(p *piece, gl []glyph, x, y float64, word, eol bool) error {
	fd := d.ts.set.faces[p.face]
	if err := fd.pdf.build(); err != nil {
		return err
	}
	slots, err := d.slots(p, fd, gl, eol)
	if err != nil {
		return err
	}
	d.setColor(d.colors[p.style])
	actual, spaced := "", false // spaced: actual and a space
	switch {
	case word:
		actual, spaced = p.text, len(gl) > len(p.glyphs)
	case len(gl) == 1 && p.space && fd.codes[gl[0].gid] != ' ':
		// A lone space whose glyph has no U+0020 in the merged font (the
		// other face's space differs): say that it is a space.
		actual = " "
	}
	if actual != "" {
		d.buf = append(d.buf, "/Span <</ActualText "...)
		d.buf = appendTextString(d.buf, actual, spaced)
		d.buf = append(d.buf, ">> BDC\n"...)
	}
	if err := d.writeText(p, fd, gl, slots, x, y); err != nil {
		return err
	}
	if actual != "" {
		d.buf = append(d.buf, "EMC\n"...)
	}
	if !d.synced { // fpdf's current font is the one now in force
		return d.setFont(d.font.Sub(), d.size)
	}
	return nil
}

// slots returns the sub-font and code (index<<8 | code) that draw each
// glyph of gl, a word (and its space) of piece p in face fd, and records
// the word's uses for RestrictDrawn. A batch draws the same words again
// and again: the Typesetter keeps what it worked out for each.
func (d *drawer) slots(p *piece, fd *faceData, gl []glyph, eol bool) ([]uint16, error) {
	k := drawnKey{face: p.face, text: p.text, space: -1, eol: eol}
	if len(gl) > len(p.glyphs) { // the space merged into the span
		k.space = gl[len(gl)-1].adv // 0 where the line breaks at it
	}
	ts := d.ts
	w, ok := ts.drawn[k]
	if !ok {
		var err error
		if w, err = wordSlots(p, fd, gl, eol); err != nil {
			d.doc.WantWord(fd.plan, w.word) // drawn or not
			return nil, err
		}
		if ts.drawn == nil || len(ts.drawn) >= maxDrawn {
			ts.drawn = make(map[drawnKey]drawnWord)
		}
		ts.drawn[k] = w
	}
	d.doc.WantWord(fd.plan, w.word)
	return w.slots, nil
}

// maxDrawn bounds the Typesetter's drawn words (entries, ~700 bytes
// each); when full they are let go. A batch draws the words every
// certificate has (a hundred or two) again and again, and each unit's
// names, numbers and codes once: a bound of 16,384 kept ~11 MB of those
// per worker at four times the state, for nothing (issue 14). Working
// out the common words again after each emptying costs well under a
// millisecond.
const maxDrawn = 1 << 11

// drawnKey is what the uses of a word drawn depend on (see slots): its
// face and text (so its glyphs), the advance of the space drawn with it
// (-1: none) and whether it ends a line.
type drawnKey struct {
	face  faceID
	text  string
	space int32
	eol   bool
}

// drawnWord is a word as drawn: its uses (derived glyph ids) and the slot
// of each. Both are read only.
type drawnWord struct {
	word  pdffont.Word
	slots []uint16
}

// wordSlots works out the drawnWord of gl, a word (and its space) of piece
// p in face fd.
func wordSlots(p *piece, fd *faceData, gl []glyph, eol bool) (drawnWord, error) {
	src := p.text
	if len(gl) > len(p.glyphs) { // the space merged into the span
		src += " "
	}
	uses := fd.glyphUses(src, gl, eol)
	word := make([]pdffont.Use, len(uses))
	for i, u := range uses {
		word[i] = fd.derivedUse(u)
	}
	w := drawnWord{word: pdffont.NewWord(word), slots: make([]uint16, len(uses))}
	for i, u := range uses {
		if w.slots[i] = fd.plan.Slot(word[i]); w.slots[i] != 0 {
			continue
		}
		if fd.plan.Restricted() {
			return w, fmt.Errorf("typeset: %q needs glyph %d of %s: %w (FontSet.Restrict was not given this text)", p.text, u.dg, fd.file, ErrNotRestricted)
		}
		return w, fmt.Errorf("typeset: %q needs glyph %d of %s, which has no sub-font", p.text, u.dg, fd.file)
	}
	return w, nil
}

// setFont makes sf at size the font in force, through fpdf so that fpdf
// knows it.
func (d *drawer) setFont(sf *pdffont.SubFont, size float64) error {
	pdf := d.pdf
	d.synced = true
	if pt, u := pdf.GetFontSize(); pt == size && u == size/pdf.GetConversionRatio() &&
		pdf.GetFontFamily() == sf.Family() && pdf.GetFontStyle() == sf.Style() && pdf.Error() == nil {
		// fpdf's font is sf at size already (the last line's): SetFont
		// would change nothing and write what this writes.
		if pdf.PageNo() > 0 {
			b := append(d.buf, "BT /F"...)
			b = append(b, sf.Resource()...)
			b = append(b, ' ')
			b = strconv.AppendFloat(b, size, 'f', 2, 64)
			d.buf = append(b, " Tf ET\n"...)
		}
		return nil
	}
	d.write()
	pdf.SetFont(sf.Family(), sf.Style(), size)
	return pdf.Error()
}

// setColor makes c the colour text is painted with (the fill colour).
// fpdf writes a colour as the operator that sets the fill colour, and
// done gives it back the caller's colours: so, on a page and with RGB
// colours (direct), the drawer writes the operators fpdf would, and
// fpdf's colours are the caller's all along (nothing the drawer asks of
// fpdf reads them). Otherwise it sets both through fpdf.
func (d *drawer) setColor(c Color) {
	if d.colorSet && d.color == c {
		return
	}
	if d.direct {
		d.buf = appendFillColor(d.buf, [3]int{int(c.R), int(c.G), int(c.B)})
	} else {
		d.write()
		d.pdf.SetTextColor(int(c.R), int(c.G), int(c.B))
		d.pdf.SetFillColor(int(c.R), int(c.G), int(c.B))
	}
	d.color, d.colorSet = c, true
}

// appendFillColor appends the operator with which fpdf's SetFillColor sets
// the fill colour c (components 0-255): "%.3f g" for a grey, else
// "%.3f %.3f %.3f rg", each component /255; and a newline.
func appendFillColor(b []byte, c [3]int) []byte {
	if c[0] == c[1] && c[0] == c[2] {
		return append(append(b, colorComps[c[0]]...), " g\n"...)
	}
	for _, v := range c {
		b = append(append(b, colorComps[v]...), ' ')
	}
	return append(b, "rg\n"...)
}

// colorComps[v] is the colour component v/255 with 3 decimals (read only).
var colorComps = func() (t [256]string) {
	for v := range t {
		t[v] = strconv.FormatFloat(float64(v)/255, 'f', 3, 64)
	}
	return t
}()

// switchFont makes sf at size the font of the next glyph. Inside a text
// object (a word whose glyphs are in two sub-fonts) it writes a Tf there,
// and the text goes on from where the last glyph ended: a new text object
// would be placed absolutely, where pdf.js may then see a gap. Outside one
// it sets the font through fpdf.
func (d *drawer) switchFont(sf *pdffont.SubFont, size float64, inText bool) error {
	if d.fontSet && d.font.Sub() == sf && d.size == size {
		return nil
	}
	df, err := d.doc.Use(sf)
	if err != nil {
		return err
	}
	if inText {
		b := append(d.buf, ") Tj /F"...)
		b = append(b, sf.Resource()...)
		b = append(b, ' ')
		b = strconv.AppendFloat(b, size, 'f', 2, 64)
		d.buf = append(b, " Tf ("...)
		d.synced = false
	} else {
		if err := d.setFont(sf, size); err != nil {
			return err
		}
	}
	d.font, d.size, d.fontSet = df, size, true
	return nil
}

// appendNum appends v, a multiple of 0.01 (see round2), as a PDF number:
// as strconv.AppendFloat(v, 'f', 2), which it writes from the whole number
// of hundredths (v is the double nearest to it, so that is the decimal
// AppendFloat finds), without its general float formatting.
func appendNum(b []byte, v float64) []byte {
	if v == 0 {
		return append(b, '0')
	}
	n := math.Round(v * 100)
	if !(math.Abs(n) < 1e15) || n/100 != v { // not a round2 result (or NaN)
		return strconv.AppendFloat(b, v, 'f', 2, 64)
	}
	h := int64(n)
	if h < 0 {
		b = append(b, '-')
		h = -h
	}
	b = strconv.AppendInt(b, h/100, 10)
	return append(b, '.', byte('0'+h%100/10), byte('0'+h%10))
}

// appendTextString appends s (and a space if spaced) as a PDF literal text
// string in UTF-16BE with a byte order mark.
func appendTextString(b []byte, s string, spaced bool) []byte {
	b = append(b, '(', 0xFE, 0xFF)
	b = appendUTF16(b, s)
	if spaced {
		b = append(b, 0, ' ')
	}
	return append(b, ')')
}

// appendUTF16 appends s in UTF-16BE, escaped for a PDF literal string.
func appendUTF16(b []byte, s string) []byte {
	var units [2]uint16
	for _, r := range s { // as utf16.Encode([]rune(s)), without the copies
		for _, u := range utf16.AppendRune(units[:0], r) {
			for _, c := range [2]byte{byte(u >> 8), byte(u)} {
				switch c {
				case '(', ')', '\\':
					b = append(b, '\\', c)
				case '\r':
					b = append(b, '\\', 'r')
				default:
					b = append(b, c)
				}
			}
		}
	}
	return b
}
