package annexure

import (
	"fmt"
	"strconv"
	"time"

	"codeberg.org/go-pdf/fpdf"

	"github.com/igrs-pro/bulletin/bulletin/typeset"
)

// Page geometry of the PDF, in mm: A4 portrait.
const (
	margin   = 15.0
	rowH     = 6.5  // a unit's row
	headH    = 10.0 // the column headings: a line per language
	groupH   = 7.0  // a level's heading row
	fontSize = 9.0
	headSize = 8.0
)

// widths of the columns (No., Hindi name, English name, rank, marks, max,
// previous rank): 180 mm, the page less its margins.
var widths = []float64{11, 52, 49, 16, 18, 16, 18}

// PDF draws the annexure on A4 pages: the title on the first page, the
// column headings at the top of every page, then each level's heading and
// its units. date is the PDF's creation date. ts is the caller's
// typesetter; the document is drawn again with its fonts restricted to what
// the draft drew, as bulletin/notedoc does, to keep it small.
func (a *Annexure) PDF(ts *typeset.Typesetter, date time.Time) ([]byte, error) {
	return typeset.DrawRestricted(ts, func(t *typeset.Typesetter) (*fpdf.Fpdf, error) {
		return a.draw(t, date)
	})
}

// drawer draws the table into pdf, page after page.
type drawer struct {
	a      *Annexure
	ts     *typeset.Typesetter
	pdf    *fpdf.Fpdf
	y      float64 // top of the next row
	bottom float64 // the lowest y a row may reach
	pages  int
}

func (a *Annexure) draw(ts *typeset.Typesetter, date time.Time) (*fpdf.Fpdf, error) {
	pdf := fpdf.New("P", "mm", "A4", "")
	pdf.SetCompression(true)
	pdf.SetCatalogSort(true)
	pdf.SetCreationDate(date)
	pdf.SetModificationDate(date)
	pdf.SetCreator("bulletin", false)
	pdf.SetAutoPageBreak(false, margin)
	pdf.SetMargins(margin, margin, margin)
	if len(a.Title) > 0 {
		pdf.SetTitle(joined(a.Title), true)
	}
	pdf.SetLang("hi")
	_, pageH := pdf.GetPageSize()
	d := &drawer{a: a, ts: ts, pdf: pdf, bottom: pageH - margin - 6}
	if err := d.page(true); err != nil {
		return nil, err
	}
	for _, g := range a.Groups {
		// A level's heading keeps at least its first row with it.
		if err := d.room(groupH + rowH); err != nil {
			return nil, err
		}
		if err := d.groupRow(joined(g.Heading)); err != nil {
			return nil, err
		}
		for i, u := range g.Rows {
			if err := d.room(rowH); err != nil {
				return nil, err
			}
			cells := []string{strconv.Itoa(i + 1), u.NameHi, u.NameEn, strconv.Itoa(u.Rank), num(u.Score), num(u.MaxScore), intOr(u.PreviousRank)}
			if err := d.row(cells); err != nil {
				return nil, err
			}
		}
	}
	return pdf, d.numberPages()
}

// room starts a new page when h mm do not fit on this one.
func (d *drawer) room(h float64) error {
	if d.y+h <= d.bottom {
		return nil
	}
	return d.page(false)
}

// page starts a page: the title on the first, the column headings on each.
func (d *drawer) page(first bool) error {
	d.pdf.AddPage()
	d.pages++
	d.y = margin
	pageW, _ := d.pdf.GetPageSize()
	if first {
		title := typeset.Style{Family: typeset.Sans, Weight: typeset.Bold, Size: 12}
		for _, t := range d.a.Title {
			size, _, err := d.ts.FitSize(t, title, pageW-2*margin, 12, 8)
			if err != nil {
				return err
			}
			st := title
			st.Size = size
			if _, err := d.ts.DrawLine(d.pdf, pageW/2, d.y+5, typeset.Center, typeset.Run{Text: t, Style: st}); err != nil {
				return err
			}
			d.y += 6.5
		}
		d.y += 3
	}
	return d.headings()
}

// headings draws the column headings: one line per language in each cell.
func (d *drawer) headings() error {
	st := typeset.Style{Family: typeset.Sans, Weight: typeset.Bold, Size: headSize}
	d.pdf.SetFillColor(230, 230, 230)
	x := margin
	for i, w := range widths {
		d.pdf.Rect(x, d.y, w, headH, "FD")
		for j, line := range d.a.Columns[i] {
			if err := d.cell(line, st, x, w, d.y+4+float64(j)*4, typeset.Center); err != nil {
				return err
			}
		}
		x += w
	}
	d.y += headH
	return nil
}

// groupRow draws a level's heading across the table.
func (d *drawer) groupRow(text string) error {
	total := 0.0
	for _, w := range widths {
		total += w
	}
	d.pdf.SetFillColor(245, 245, 245)
	d.pdf.Rect(margin, d.y, total, groupH, "FD")
	st := typeset.Style{Family: typeset.Sans, Weight: typeset.Bold, Size: fontSize}
	if err := d.cell(text, st, margin, total, d.y+groupH-2, typeset.Left); err != nil {
		return err
	}
	d.y += groupH
	return nil
}

// row draws a unit's row: names left, numbers right.
func (d *drawer) row(cells []string) error {
	st := typeset.Style{Family: typeset.Sans, Size: fontSize}
	x := margin
	for i, w := range widths {
		d.pdf.Rect(x, d.y, w, rowH, "D")
		align := typeset.Right
		if i == 1 || i == 2 {
			align = typeset.Left
		}
		if err := d.cell(cells[i], st, x, w, d.y+rowH-1.9, align); err != nil {
			return err
		}
		x += w
	}
	d.y += rowH
	return nil
}

// cell draws text on one line in the cell from x, w mm wide, baseline at
// y, shrunk to fit when it is too long.
func (d *drawer) cell(text string, st typeset.Style, x, w, y float64, align typeset.Align) error {
	if text == "" {
		return nil
	}
	const pad = 1.5
	size, _, err := d.ts.FitSize(text, st, w-2*pad, st.Size, 5)
	if err != nil {
		return err
	}
	st.Size = size
	at := x + pad
	switch align {
	case typeset.Center:
		at = x + w/2
	case typeset.Right:
		at = x + w - pad
	}
	_, err = d.ts.DrawLine(d.pdf, at, y, align, typeset.Run{Text: text, Style: st})
	return err
}

// numberPages writes "n / N" at the foot of every page of a document of
// more than one page.
func (d *drawer) numberPages() error {
	if d.pages < 2 {
		return d.pdf.Error()
	}
	pageW, pageH := d.pdf.GetPageSize()
	st := typeset.Style{Family: typeset.Sans, Size: 8, Color: typeset.Color{R: 80, G: 80, B: 80}}
	for n := 1; n <= d.pages; n++ {
		d.pdf.SetPage(n)
		if _, err := d.ts.DrawLine(d.pdf, pageW/2, pageH-margin/2, typeset.Center, typeset.Run{Text: fmt.Sprintf("%d / %d", n, d.pages), Style: st}); err != nil {
			return err
		}
	}
	return d.pdf.Error()
}

func num(v *float64) string {
	if v == nil {
		return ""
	}
	return strconv.FormatFloat(*v, 'f', -1, 64)
}

func intOr(v *int) string {
	if v == nil {
		return "–"
	}
	return strconv.Itoa(*v)
}
