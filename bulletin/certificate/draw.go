package certificate

import (
	"fmt"
	"time"

	"codeberg.org/go-pdf/fpdf"

	"github.com/igrs-pro/bulletin/bulletin/typeset"
)

// The page: A4 landscape, in mm.
const (
	pageW = 297.0
	pageH = 210.0
)

// NewDocument returns an empty certificate document (A4 landscape, mm)
// whose bytes depend only on what is drawn on it: its dates are date (the
// certificates' date, not the clock), the catalog is sorted, streams are
// compressed.
func NewDocument(title string, date time.Time) *fpdf.Fpdf {
	pdf := fpdf.New("L", "mm", "A4", "")
	pdf.SetCompression(true)
	pdf.SetCatalogSort(true)
	pdf.SetCreationDate(date)
	pdf.SetModificationDate(date)
	pdf.SetTitle(title, true)
	pdf.SetCreator("bulletin", false)
	pdf.SetAutoPageBreak(false, 0)
	pdf.SetMargins(0, 0, 0)
	return pdf
}

// Draw adds a page to pdf (made by NewDocument) with the certificate on it.
func Draw(ts *typeset.Typesetter, pdf *fpdf.Fpdf, c Certificate, l *Layout) error {
	pdf.AddPage()
	drawBorder(pdf, l)
	left := l.Content.Left
	width := pageW - l.Content.Left - l.Content.Right
	cx := left + width/2
	y := l.Content.Top

	styles := func(lang string, hi, en TextStyle) TextStyle {
		if lang == "hi" {
			return hi
		}
		return en
	}
	// oneLine draws text centred with the top of its line at y and returns
	// the y below it.
	oneLine := func(text string, ts0 TextStyle, y float64) (float64, error) {
		st := ts0.Style()
		asc, _, lh, err := ts.Metrics(st)
		if err != nil {
			return y, err
		}
		_, err = ts.DrawLine(pdf, cx, y+asc, typeset.Center, typeset.Run{Text: text, Style: st})
		return y + lh, err
	}
	// paragraph draws text centred in the content width, top at y.
	paragraph := func(text string, ts0 TextStyle, y float64) (float64, error) {
		p, err := ts.LayoutText(text, ts0.Style(), typeset.Options{Width: width, Align: typeset.Center, LineSpacing: ts0.LineSpacing})
		if err != nil {
			return y, err
		}
		return y + p.Height, p.Draw(pdf, left, y)
	}
	var err error
	for i, t := range c.Texts {
		if i > 0 {
			y += l.Gaps.BetweenLanguages
		}
		if y, err = oneLine(t.Title, styles(t.Lang, l.TitleHi, l.TitleEn), y); err != nil {
			return err
		}
	}
	y += l.Gaps.AfterTitle
	for i, t := range c.Texts {
		if i > 0 {
			y += l.Gaps.BetweenLanguages
		}
		// The unit's name shrinks to fit one line; a name too long even at
		// the smallest size wraps onto a second line rather than being cut.
		s := styles(t.Lang, l.UnitHi, l.UnitEn)
		size, fits, err := ts.FitSize(t.Unit, s.Style(), width, s.Size, s.MinSize)
		if err != nil {
			return err
		}
		s.Size = size
		if fits {
			y, err = oneLine(t.Unit, s, y)
		} else {
			y, err = paragraph(t.Unit, s, y)
		}
		if err != nil {
			return err
		}
	}
	y += l.Gaps.AfterUnit
	for i, t := range c.Texts {
		if i > 0 {
			y += l.Gaps.BetweenLanguages * 2
		}
		if y, err = paragraph(t.Citation, styles(t.Lang, l.CitationHi, l.CitationEn), y); err != nil {
			return err
		}
	}
	footTop, err := drawFoot(ts, pdf, c, l, left, width)
	if err != nil {
		return err
	}
	if y > footTop {
		return fmt.Errorf("certificate of %s: the text runs %.1f mm into the foot; make the fonts of certificate-layout.toml smaller", c.Award.Unit.ID, y-footTop)
	}
	return pdf.Error()
}

// drawFoot draws the number and date (left) and the signature (right) up
// from the bottom margin, and returns the y of the foot's top.
func drawFoot(ts *typeset.Typesetter, pdf *fpdf.Fpdf, c Certificate, l *Layout, left, width float64) (float64, error) {
	type line struct {
		text string
		st   typeset.Style
	}
	var leftLines, rightLines []line
	for _, t := range c.Texts {
		s := l.FootEn
		if t.Lang == "hi" {
			s = l.FootHi
		}
		st := s.Style()
		bold := st
		bold.Weight = typeset.Bold
		leftLines = append(leftLines, line{t.Number, st}, line{t.Date, st})
		rightLines = append(rightLines, line{t.Name, bold}, line{t.Designation, st})
	}
	// The signatory's name is written once per language only when it differs.
	if len(c.Texts) == 2 && c.Texts[0].Name == c.Texts[1].Name {
		rightLines = append(rightLines[:2], rightLines[3])
	}
	bottom := pageH - l.Content.Bottom
	top := bottom
	draw := func(lines []line, x float64, align typeset.Align) (float64, error) {
		y := bottom
		for i := len(lines) - 1; i >= 0; i-- {
			_, desc, lh, err := ts.Metrics(lines[i].st)
			if err != nil {
				return 0, err
			}
			if _, err := ts.DrawLine(pdf, x, y-desc, align, typeset.Run{Text: lines[i].text, Style: lines[i].st}); err != nil {
				return 0, err
			}
			y -= lh
		}
		return y, nil
	}
	yl, err := draw(leftLines, left, typeset.Left)
	if err != nil {
		return 0, err
	}
	right := left + width
	yr, err := draw(rightLines, right-l.Gaps.SignatureRule/2, typeset.Center)
	if err != nil {
		return 0, err
	}
	// The line the signatory signs above.
	pdf.SetDrawColor(60, 60, 60)
	pdf.SetLineWidth(0.3)
	pdf.Line(right-l.Gaps.SignatureRule, yr-1, right, yr-1)
	top = min(yl, yr-12) // room above the rule for the signature itself
	return top, nil
}

func drawBorder(pdf *fpdf.Fpdf, l *Layout) {
	b := l.Border
	pdf.SetDrawColor(int(b.Color[0]), int(b.Color[1]), int(b.Color[2]))
	pdf.SetFillColor(int(b.Color[0]), int(b.Color[1]), int(b.Color[2]))
	pdf.SetLineWidth(b.Width)
	m := b.Margin
	pdf.Rect(m, m, pageW-2*m, pageH-2*m, "D")
	pdf.SetLineWidth(b.InnerWidth)
	in := m + b.Gap
	pdf.Rect(in, in, pageW-2*in, pageH-2*in, "D")
	if b.Corner <= 0 {
		return
	}
	// A diamond in each corner, inside the inner frame.
	k := b.Corner
	for _, c := range [][2]float64{{in, in}, {pageW - in, in}, {in, pageH - in}, {pageW - in, pageH - in}} {
		sx, sy := 1.0, 1.0
		if c[0] > pageW/2 {
			sx = -1
		}
		if c[1] > pageH/2 {
			sy = -1
		}
		cx, cy := c[0]+sx*k*0.8, c[1]+sy*k*0.8
		pdf.Polygon([]fpdf.PointType{{X: cx, Y: cy - k/2}, {X: cx + k/2, Y: cy}, {X: cx, Y: cy + k/2}, {X: cx - k/2, Y: cy}}, "F")
	}
}
