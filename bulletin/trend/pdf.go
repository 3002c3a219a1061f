package trend

import (
	"image/color"

	"codeberg.org/go-pdf/fpdf"

	"github.com/igrs-pro/bulletin/bulletin/raster"
	"github.com/igrs-pro/bulletin/bulletin/typeset"
)

// DrawPDF draws the chart into a PDF page at (x, y), width wide (in the
// document's unit), as vectors: shapes as filled paths, words as shaped
// text that copies out (typeset draws it, as in the rest of the note).
// ts is a Typesetter for the document's unit; unit is that unit ("mm").
func DrawPDF(pdf *fpdf.Fpdf, ts *typeset.Typesetter, unit string, h History, t Texts, st Style, x, y, width float64) error {
	k, err := typeset.UnitScale(unit)
	if err != nil {
		return err
	}
	// The chart is drawn in its own pixels, one pixel a user unit, and
	// scaled into place.
	s := &pdfSurface{pdf: pdf}
	pdf.TransformBegin()
	pdf.TransformTranslate(x, y)
	pdf.TransformScale(100*width/ChartW, 100*width/ChartW, 0, 0)
	s.Fill(raster.RectPath(0, 0, ChartW, ChartH), st.Background.RGBA())
	err = draw(s, ts, h, t, st, k)
	pdf.TransformEnd()
	if err != nil {
		return err
	}
	if s.err != nil {
		return s.err
	}
	return pdf.Error()
}

// pdfSurface draws a chart's shapes and text into an fpdf document.
type pdfSurface struct {
	pdf *fpdf.Fpdf
	err error
}

func (s *pdfSurface) Fill(p *raster.Path, col color.RGBA) {
	pdf := s.pdf
	pdf.SetFillColor(int(col.R), int(col.G), int(col.B))
	if col.A != 255 {
		pdf.SetAlpha(float64(col.A)/255, "Normal")
		defer pdf.SetAlpha(1, "Normal")
	}
	open := false
	p.Walk(func(op byte, pts []raster.Point) {
		switch op {
		case 'M':
			if open {
				pdf.ClosePath()
			}
			pdf.MoveTo(pts[0].X, pts[0].Y)
			open = true
		case 'L':
			pdf.LineTo(pts[0].X, pts[0].Y)
		case 'Q':
			pdf.CurveTo(pts[0].X, pts[0].Y, pts[1].X, pts[1].Y)
		case 'C':
			pdf.CurveBezierCubicTo(pts[0].X, pts[0].Y, pts[1].X, pts[1].Y, pts[2].X, pts[2].Y)
		}
	})
	if open {
		pdf.ClosePath()
		pdf.DrawPath("F")
	}
}

func (s *pdfSurface) Text(p *typeset.Paragraph, x, y float64) {
	if err := p.Draw(s.pdf, x, y); err != nil && s.err == nil {
		s.err = err
	}
}
