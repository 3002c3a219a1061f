package typeset

import (
	"math"
	"strconv"
)

// writeText writes the glyphs gl (with their slots) of piece p as one text
// object, starting at pen position x on the baseline y (points from the top
// of the page). The text goes on by the /Widths, which (see use) put each
// glyph where the shaper does, to 0.01 pt, but where a glyph is raised or
// lowered (a mark placed by GPOS) or its advance is negative. There it
// moves on with a text rise (Ts) and a TJ adjustment, never with a Td.
//
// Why: pdf.js takes a glyph whose text holds a nonspacing mark (a virama,
// ु) for a zero-width diacritic and does not move on by its width; a Td,
// placed from the start of the text line, then looks to it like a gap as
// wide: it copied "कु मार" and "कार्य ालय" with a space. pypdf, which does
// not move on by widths at all, saw a gap at a long Td ("ललितप ुर"). A Ts
// or a TJ moves from where the viewer's pen is, so neither sees one.
//
// The glyphs land where the Td that used to be written put them, to the
// last bit of poppler's arithmetic (see pen): the pages render as before.
func (d *drawer) writeText(p *piece, fd *faceData, gl []glyph, slots []uint16, x, y float64) error {
	scale := p.size / fd.upem // points per font unit
	wscale := p.size / 1000   // points per /Widths unit
	pen := x
	var lineX, lineY, predicted float64 // the text line's origin as a Td would set it, rounded
	var x0, y0 float64                  // the text object's start
	var at textPen                      // followed from the first move on (most words have none)
	inText, moved := false, false
	for i, g := range gl {
		sf := fd.plan.Sub(slots[i])
		if err := d.switchFont(sf, p.size, inText); err != nil {
			return err
		}
		b := d.buf
		gx := round2(pen + float64(g.dx)*scale)
		gy := round2(d.pageH - (y - float64(g.dy)*scale))
		if !inText {
			b = append(b, "BT "...)
			b = appendNum(b, gx)
			b = append(b, ' ')
			b = appendNum(b, gy)
			b = append(b, " Td ("...)
			x0, y0 = gx, gy
			lineX, lineY, predicted, inText = gx, gy, gx, true
		} else if math.Abs(gx-predicted) > posTolerance || gy != lineY {
			if !moved {
				at = newTextPen(x0, y0, p.size)
				for j := range i {
					at.advance(fd.plan.Sub(slots[j]).Width(byte(slots[j])))
				}
				moved = true
			}
			b = append(b, ") Tj "...)
			b = at.move(b, round2(gx-lineX), round2(gy-lineY))
			b = append(b, '(')
			lineX, lineY, predicted = gx, gy, gx
		}
		code := byte(slots[i])
		switch code {
		case '(', ')', '\\':
			b = append(b, '\\')
		}
		d.buf = append(b, code)
		d.font.Mark(code)
		w := sf.Width(code)
		predicted += float64(w) * wscale
		if moved {
			at.advance(w)
		}
		pen += float64(g.adv) * scale
	}
	if inText {
		d.buf = append(d.buf, ") Tj "...)
		if moved && at.rise != 0 { // the text state outlives the text object
			d.buf = append(d.buf, "0 Ts "...)
		}
		d.buf = append(d.buf, "ET\n"...)
	}
	return nil
}

// textPen follows a text object's pen as poppler computes it (Gfx.cc,
// GfxState.cc, Lexer.cc): numbers read as its lexer reads them (digits
// after the point added one by one, times a scale 0.1, 0.01, ...), a
// /Widths entry w as w*0.001, a glyph's advance as that times the font
// size, a Td as the line's origin plus its operands, a TJ number n as
// -n*0.001*size, a rise added to the line's y. It follows both the pen of
// the old content (a Td at each move) and of the one written (a Ts and a
// TJ), and makes the second land on the very numbers of the first.
type textPen struct {
	size               float64 // as read
	oldLineX, oldLineY float64 // the line's origin after the old Tds
	oldX, x            float64 // the pen, old and new
	baseY, rise        float64 // the new line's y and the rise in force
	riseText           []byte  // the rise in force, as written
}

func newTextPen(x0, y0, size float64) textPen {
	var buf [24]byte
	s := buf[:0]
	if size == round2(size) {
		s = appendNum(s, size) // as AppendFloat, without its slow fixed-precision path
	} else {
		s = strconv.AppendFloat(s, size, 'f', 2, 64) // as the Tf
	}
	t := textPen{size: popplerNum(s)}
	t.oldLineX = popplerNum(appendNum(buf[:0], x0))
	t.oldLineY = popplerNum(appendNum(buf[:0], y0))
	t.oldX, t.x, t.baseY = t.oldLineX, t.oldLineX, t.oldLineY
	return t
}

// advance moves both pens on by a glyph of width w (1/1000 em).
func (t *textPen) advance(w int16) {
	dx := float64(float64(float64(w)*0.001) * t.size)
	t.oldX = float64(t.oldX + dx)
	t.x = float64(t.x + dx)
}

// move appends what stands for the old "tx ty Td" (tx, ty rounded to
// 0.01): a TJ that brings the pen to where the Td put it, if it is not
// there, and a Ts that raises the text as high, if the rise in force does
// not; each followed by a space.
func (t *textPen) move(b []byte, tx, ty float64) []byte {
	var buf [24]byte
	t.oldLineX = float64(t.oldLineX + popplerNum(appendNum(buf[:0], tx)))
	t.oldLineY = float64(t.oldLineY + popplerNum(appendNum(buf[:0], ty)))
	t.oldX = t.oldLineX
	if t.x != t.oldX {
		// -n*0.001*size = oldX - x
		n := (t.x - t.oldX) * 1000 / t.size
		b = append(b, '[')
		b = appendExact(b, n, func(v float64) bool {
			return float64(t.x+float64(float64(float64(-v*0.001)*t.size)*1)) == t.oldX
		})
		b = append(b, "] TJ "...)
		t.x = t.oldX // appendExact checked it, or came as near as it could
	}
	if float64(t.baseY+t.rise) != t.oldLineY {
		start := len(b)
		b = appendExact(b, t.oldLineY-t.baseY, func(v float64) bool {
			return float64(t.baseY+v) == t.oldLineY
		})
		t.rise = popplerNum(b[start:])
		b = append(b, " Ts "...)
	}
	return b
}

// appendExact appends v as a decimal that poppler reads as a number for
// which ok holds, with as few digits after the point (up to 17) as it
// can: digit by digit, each the largest that keeps the number read (as
// poppler's lexer adds it up) at most |v|, or one more. No strconv: its
// fixed-precision formatting is slow, and any digits that poppler reads
// right will do.
func appendExact(b []byte, v float64, ok func(float64) bool) []byte {
	sign := 1.0
	if math.Signbit(v) {
		b = append(b, '-')
		sign, v = -1, -v
	}
	xf := math.Floor(v)
	b = strconv.AppendInt(b, int64(xf), 10)
	if ok(sign * xf) {
		return b
	}
	b = append(b, '.')
	scale := 0.1
	for range 17 {
		d := min(9, max(0, math.Floor((v-xf)/scale)))
		if next := float64(xf + float64(scale*d)); ok(sign * next) {
			return append(b, byte('0'+d))
		} else if up := float64(xf + float64(scale*(d+1))); d < 9 && ok(sign*up) {
			return append(b, byte('0'+d+1))
		} else {
			xf = next
		}
		b = append(b, byte('0'+d))
		scale = float64(scale * 0.1)
	}
	return b
}

// popplerNum returns the number poppler's lexer reads from s, a decimal
// ([-]digits[.digits]).
func popplerNum(s []byte) float64 {
	neg := len(s) > 0 && s[0] == '-'
	if neg {
		s = s[1:]
	}
	var xi int64
	i := 0
	for ; i < len(s) && s[i] != '.'; i++ {
		xi = xi*10 + int64(s[i]-'0')
	}
	xf := float64(xi)
	scale := 0.1
	for i++; i < len(s); i++ {
		xf = float64(xf + float64(scale*float64(s[i]-'0')))
		scale = float64(scale * 0.1)
	}
	if neg {
		xf = -xf
	}
	return xf
}
