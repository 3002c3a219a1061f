package raster

import (
	"bytes"
	"fmt"
	"html"
	"image/color"
	"strconv"
	"strings"

	"github.com/igrs-pro/bulletin/bulletin/typeset"
)

// SVG draws the same shapes and shaped text as a Canvas into an SVG
// document. Text becomes the outlines of its shaped glyphs (so it looks
// the same in every viewer, whatever fonts it has), each paragraph one
// path labelled with its text (aria-label) for screen readers and search.
type SVG struct {
	w, h int
	body bytes.Buffer
	outlines
}

// NewSVG returns a w×h SVG with a bg background.
func NewSVG(w, h int, bg color.RGBA) *SVG {
	s := &SVG{w: w, h: h, outlines: newOutlines()}
	s.Fill(RectPath(0, 0, float64(w), float64(h)), bg)
	return s
}

// Fill adds the path filled in col.
func (s *SVG) Fill(p *Path, col color.RGBA) { s.path(p, col, "") }

func (s *SVG) path(p *Path, col color.RGBA, label string) {
	if p.none {
		return
	}
	b := &s.body
	b.WriteString(`<path`)
	if label != "" {
		fmt.Fprintf(b, ` aria-label="%s"`, html.EscapeString(label))
	}
	fmt.Fprintf(b, ` fill="#%02x%02x%02x"`, col.R, col.G, col.B)
	if col.A != 255 {
		fmt.Fprintf(b, ` fill-opacity="%s"`, num(float64(col.A)/255))
	}
	b.WriteString(` d="`)
	for i, op := range p.ops {
		if op.mv && i > 0 {
			b.WriteString("Z")
		}
		switch {
		case op.mv:
			b.WriteString("M")
		case op.n == 1:
			b.WriteString("L")
		case op.n == 2:
			b.WriteString("Q")
		default:
			b.WriteString("C")
		}
		for j, q := range op.pts[:op.n] {
			if j > 0 {
				b.WriteByte(' ')
			}
			b.WriteString(num(q.X))
			b.WriteByte(',')
			b.WriteString(num(q.Y))
		}
	}
	b.WriteString("Z\"/>\n")
}

// num writes v with at most two decimals.
func num(v float64) string {
	s := strconv.FormatFloat(v, 'f', 2, 64)
	s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	if s == "-0" || s == "" {
		return "0"
	}
	return s
}

// Text adds a laid-out paragraph (unit "pt") with its top-left at (x, y):
// one path per line and colour, labelled with the line's text.
func (s *SVG) Text(p *typeset.Paragraph, x, y float64) {
	gs := p.Glyphs()
	i := 0
	for li, l := range p.Lines {
		var path *Path
		var col typeset.Color
		label := l.Text
		for ; i < len(gs) && gs[i].Line == li; i++ {
			g := gs[i]
			if path != nil && g.Color != col {
				s.path(path, color.RGBA{col.R, col.G, col.B, 255}, label)
				path, label = nil, ""
			}
			if path == nil {
				path, col = NewPath(), g.Color
			}
			s.glyphPath(path, g, x, y)
		}
		if path != nil {
			s.path(path, color.RGBA{col.R, col.G, col.B, 255}, label)
		}
	}
}

// Bytes returns the SVG document, with title as its <title>.
func (s *SVG) Bytes(title string) []byte {
	var b bytes.Buffer
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" viewBox="0 0 %d %d" role="img">`+"\n", s.w, s.h, s.w, s.h)
	fmt.Fprintf(&b, "<title>%s</title>\n", html.EscapeString(title))
	b.Write(s.body.Bytes())
	b.WriteString("</svg>\n")
	return b.Bytes()
}
