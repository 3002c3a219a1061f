// Package notedoc turns a plain UTF-8 text into an A4 PDF press note, with
// Hindi and English shaped and drawn by bulletin/typeset. It is what
// `bulletin note FILE.txt --out FILE.pdf` calls: the caller reads the file
// and writes the output (atomically); Render does no file I/O.
//
// Text format: paragraphs are separated by blank lines; the lines of a
// paragraph are joined (white space folds to one space). If the first line
// starts with "# ", the rest of it is a title, centred in bold above the
// body. Body paragraphs are justified (last line flush left) and flow onto
// new pages as needed.
package notedoc

import (
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"codeberg.org/go-pdf/fpdf"
	"github.com/igrs-pro/bulletin/bulletin/typeset"
)

// Options controls Render. Zero values take the defaults shown. Lengths are
// in millimetres, font sizes in points.
type Options struct {
	Family       typeset.Family // body and title family (default Sans)
	FontSize     float64        // body text size (12)
	TitleSize    float64        // title size (16)
	LineSpacing  float64        // multiple of the font's natural line height (1)
	Margin       float64        // page margin on every side (20)
	ParagraphGap float64        // space between paragraphs (half a body line)
	// CreationDate is written as the PDF's creation and modification date.
	// The zero value writes 2000-01-01 00:00 UTC, so that the same text
	// always gives the same bytes; pass the real date if wanted.
	CreationDate time.Time
	// PageNumbers adds "n / N" centred in the bottom margin of every page.
	PageNumbers bool
}

func (o *Options) defaults() {
	if o.FontSize <= 0 {
		o.FontSize = 12
	}
	if o.TitleSize <= 0 {
		o.TitleSize = 16
	}
	if o.LineSpacing <= 0 {
		o.LineSpacing = 1
	}
	if o.Margin <= 0 {
		o.Margin = 20
	}
	if o.CreationDate.IsZero() {
		o.CreationDate = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)
	}
}

// Parse splits a note into its title ("" if none) and body paragraphs.
func Parse(text string) (title string, paragraphs []string) {
	text = strings.ReplaceAll(text, "\r\n", "\n")
	text = strings.TrimPrefix(text, "\uFEFF")
	lines := strings.Split(text, "\n")
	// Skip leading blank lines.
	for len(lines) > 0 && strings.TrimSpace(lines[0]) == "" {
		lines = lines[1:]
	}
	if len(lines) > 0 && strings.HasPrefix(lines[0], "# ") {
		title = strings.TrimSpace(lines[0][2:])
		lines = lines[1:]
	}
	var cur []string
	flush := func() {
		if len(cur) > 0 {
			paragraphs = append(paragraphs, strings.Join(cur, " "))
			cur = nil
		}
	}
	for _, l := range lines {
		if strings.TrimSpace(l) == "" {
			flush()
			continue
		}
		cur = append(cur, strings.TrimSpace(l))
	}
	flush()
	return title, paragraphs
}

// placed is lines [from, to) of a paragraph with their top at y.
type placed struct {
	p        *typeset.Paragraph
	from, to int
	y        float64
}

// paginate places paragraphs (each followed by its gap) on pages whose text
// area runs from top to bottom (mm from the top edge). A paragraph's first
// line is not left alone at the bottom of a page (orphan) nor its last line
// alone at the top of the next (widow) when that can be avoided.
func paginate(ps []*typeset.Paragraph, gaps []float64, top, bottom float64) [][]placed {
	var pages [][]placed
	var page []placed
	y := top
	for i, p := range ps {
		n := len(p.Lines)
		from := 0
		for from < n {
			to := from
			h := 0.0
			for to < n && y+h+p.Lines[to].Height <= bottom+1e-9 {
				h += p.Lines[to].Height
				to++
			}
			switch {
			case to == from && len(page) == 0: // a line taller than the page: draw it anyway
				to, h = from+1, p.Lines[from].Height
			case to == from,
				// Orphan: only the first line of a paragraph would fit.
				from == 0 && to == 1 && n > 1 && len(page) > 0:
				pages = append(pages, page)
				page, y = nil, top
				continue
			case to == n-1 && to-from >= 3:
				// Widow: the last line alone would go to the next page;
				// send the line before it along.
				to--
				h -= p.Lines[to].Height
			}
			page = append(page, placed{p, from, to, y})
			y += h
			from = to
		}
		y += gaps[i]
	}
	if len(page) > 0 {
		pages = append(pages, page)
	}
	return pages
}

// Render lays out text (see the package doc) on A4 portrait pages and
// writes the PDF to w. The output is deterministic: compression on, catalog
// sorted, fixed dates. A character no font has is a *typeset.CharError and
// nothing is written.
func Render(w io.Writer, text string, set *typeset.FontSet, opts Options) error {
	if set == nil {
		return errors.New("notedoc: nil font set")
	}
	opts.defaults()
	title, paras := Parse(text)
	if title == "" && len(paras) == 0 {
		return errors.New("notedoc: the note is empty")
	}
	if err := set.Check(text); err != nil {
		return err
	}
	ts, err := typeset.NewTypesetter(set, "mm")
	if err != nil {
		return err
	}
	pdf := fpdf.New("P", "mm", "A4", "")
	pdf.SetCompression(true)
	pdf.SetCatalogSort(true)
	pdf.SetCreationDate(opts.CreationDate)
	pdf.SetModificationDate(opts.CreationDate)
	pdf.SetMargins(opts.Margin, opts.Margin, opts.Margin)
	pdf.SetAutoPageBreak(false, opts.Margin)
	if title != "" {
		pdf.SetTitle(title, true)
	}
	pageW, pageH := pdf.GetPageSize()
	width := pageW - 2*opts.Margin
	bottom := pageH - opts.Margin
	if width <= 0 || bottom <= opts.Margin {
		return fmt.Errorf("notedoc: margin %v mm leaves no room on A4", opts.Margin)
	}

	body := typeset.Style{Family: opts.Family, Size: opts.FontSize}
	_, _, bodyLine, err := ts.Metrics(body)
	if err != nil {
		return err
	}
	gap := opts.ParagraphGap
	if gap <= 0 {
		gap = bodyLine * opts.LineSpacing / 2
	}

	// Lay out everything first, so that the page count is known for the
	// page numbers.
	var ps []*typeset.Paragraph
	var gaps []float64
	if title != "" {
		st := typeset.Style{Family: opts.Family, Weight: typeset.Bold, Size: opts.TitleSize}
		p, err := ts.LayoutText(title, st, typeset.Options{Width: width, Align: typeset.Center, LineSpacing: opts.LineSpacing})
		if err != nil {
			return err
		}
		ps, gaps = append(ps, p), append(gaps, bodyLine*opts.LineSpacing)
	}
	for _, para := range paras {
		p, err := ts.LayoutText(para, body, typeset.Options{Width: width, Align: typeset.Justify, LineSpacing: opts.LineSpacing})
		if err != nil {
			return err
		}
		ps, gaps = append(ps, p), append(gaps, gap)
	}
	pages := paginate(ps, gaps, opts.Margin, bottom)

	for n, pg := range pages {
		pdf.AddPage()
		for _, pl := range pg {
			if _, err := pl.p.DrawLines(pdf, opts.Margin, pl.y, pl.from, pl.to); err != nil {
				return err
			}
		}
		if opts.PageNumbers {
			st := typeset.Style{Family: opts.Family, Size: 9, Color: typeset.Color{R: 80, G: 80, B: 80}}
			label := fmt.Sprintf("%d / %d", n+1, len(pages))
			if _, err := ts.DrawLine(pdf, pageW/2, pageH-opts.Margin/2, typeset.Center, typeset.Run{Text: label, Style: st}); err != nil {
				return err
			}
		}
	}
	if err := pdf.Error(); err != nil {
		return err
	}
	return pdf.Output(w)
}
