package notedoc

import (
	"bytes"
	"errors"
	"fmt"
	"math"
	"strings"

	"codeberg.org/go-pdf/fpdf"
	"github.com/igrs-pro/bulletin/bulletin/typeset"
)

// Layout constants, in mm unless said otherwise.
const (
	emblemHeight   = 20   // the emblem's height on the letterhead
	emblemMaxWidth = 40   // and its greatest width
	emblemGap      = 4    // between the emblem and the letterhead's text
	contactSize    = 10   // pt, the letterhead's contact line
	pageNumberSize = 9    // pt
	ruleWidth      = 0.5  // the rule under the letterhead
	itemIndent     = 7    // the least hanging indent of a list item, per level
	markerGap      = 2    // between a list marker and its item's text
	itemGapFactor  = 0.35 // the gap between list items, as part of the paragraph gap
)

// headingScale is a heading's size as a multiple of the body size, by level.
var headingScale = [...]float64{1: 1.25, 2: 1.12, 3: 1}

// item is one laid-out paragraph of the flow.
type item struct {
	p      *typeset.Paragraph
	x      float64     // left edge, from the left margin
	marker typeset.Run // drawn flush right markerGap before x on the first line
	gap    float64     // space below it
	// keep keeps the item whole and on the page of the start of the next
	// one (headings, the title, the date line, signature lines).
	keep bool
}

// placed is lines [from, to) of item it (paragraph p) with their top at y.
type placed struct {
	p        *typeset.Paragraph
	it       int
	from, to int
	y        float64
}

// paginate places items (each followed by its gap) on pages whose text area
// runs from top to bottom (mm from the top edge); on the first page it
// starts at firstTop (below the letterhead). A paragraph's first line is
// not left alone at the bottom of a page (orphan) nor its last line alone
// at the top of the next (widow) when that can be avoided, and a keep item
// goes to the next page unless it, the keep items after it and the first
// two lines of the item after those fit.
func paginate(items []item, firstTop, top, bottom float64) [][]placed {
	var pages [][]placed
	var page []placed
	y := firstTop
	for i, it := range items {
		p := it.p
		n := len(p.Lines)
		if it.keep && len(page) > 0 {
			need, j := 0.0, i
			for ; j < len(items) && items[j].keep; j++ {
				need += items[j].p.Height + items[j].gap
			}
			if j < len(items) {
				for k := 0; k < min(2, len(items[j].p.Lines)); k++ {
					need += items[j].p.Lines[k].Height
				}
			} else {
				need -= items[j-1].gap
			}
			if y+need > bottom+1e-9 && need <= bottom-top {
				pages = append(pages, page)
				page, y = nil, top
			}
		}
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
			page = append(page, placed{p, i, from, to, y})
			y += h
			from = to
		}
		y += it.gap
	}
	if len(page) > 0 {
		pages = append(pages, page)
	}
	return pages
}

// ErrEmpty is Draw's error for a document with no title and no text.
var ErrEmpty = errors.New("notedoc: the document has no title and no text")

// check finds a character no font has in any text of doc.
func check(set *typeset.FontSet, doc Document) error {
	texts := []string{doc.Title, doc.DateLine}
	if lh := doc.Letterhead; lh != nil {
		texts = append(texts, lh.Name, lh.Place, lh.Phone, lh.Email)
	}
	for _, b := range doc.Blocks {
		texts = append(texts, b.Marker)
		for _, s := range b.Spans {
			texts = append(texts, s.Text)
		}
	}
	if s := doc.Signature; s != nil {
		texts = append(append(texts, s.Name), s.Lines...)
	}
	for _, t := range texts {
		if err := set.Check(t); err != nil {
			return err
		}
	}
	return nil
}

func empty(doc Document) bool {
	if strings.TrimSpace(doc.Title) != "" {
		return false
	}
	for _, b := range doc.Blocks {
		if strings.TrimSpace(b.Text()) != "" {
			return false
		}
	}
	return true
}

// Draw lays doc out on A4 portrait pages with ts and returns the PDF (see
// the package doc). ts must not be in use by another goroutine. Nothing is
// returned but the error when a character has no font (*typeset.CharError),
// the emblem cannot be read or the document has no title and no text.
//
// The document is drawn twice: once with ts's fonts as a draft, then with
// them restricted to the glyphs the draft drew (typeset.RestrictDrawn), so
// that the PDF embeds the fewest font subsets.
func Draw(ts *typeset.Typesetter, doc Document, opts Options) ([]byte, error) {
	if ts == nil {
		return nil, errors.New("notedoc: nil typesetter")
	}
	opts.defaults()
	return typeset.DrawRestricted(ts, func(t *typeset.Typesetter) (*fpdf.Fpdf, error) {
		return drawPages(t, doc, opts)
	})
}

// drawPages lays doc out and draws it with ts into a new document.
func drawPages(ts *typeset.Typesetter, doc Document, opts Options) (*fpdf.Fpdf, error) {
	lo, err := layout(ts, doc, opts)
	if err != nil {
		return nil, err
	}
	pdf, m := lo.pdf, opts.Margin
	pageW, _ := pdf.GetPageSize()
	for n, pg := range lo.pages {
		pdf.AddPage()
		if n == 0 && lo.drawLetterhead != nil {
			if err := lo.drawLetterhead(); err != nil {
				return nil, err
			}
		}
		for _, pl := range pg {
			it := &lo.items[pl.it]
			if _, err := pl.p.DrawLines(pdf, m+it.x, pl.y, pl.from, pl.to); err != nil {
				return nil, err
			}
			if pl.from == 0 && it.marker.Text != "" {
				if _, err := ts.DrawLine(pdf, m+it.x-markerGap, pl.y+pl.p.Lines[0].Baseline, typeset.Right, it.marker); err != nil {
					return nil, err
				}
			}
		}
		if err := drawPageLabel(pdf, ts, opts, n, len(lo.pages)+len(doc.Figures)); err != nil {
			return nil, err
		}
	}
	for i, f := range doc.Figures {
		pdf.AddPage()
		if err := f.Draw(pdf, ts, m, m, pageW-2*m); err != nil {
			return nil, fmt.Errorf("notedoc: figure %d: %w", i+1, err)
		}
		if err := drawPageLabel(pdf, ts, opts, len(lo.pages)+i, len(lo.pages)+len(doc.Figures)); err != nil {
			return nil, err
		}
	}
	return pdf, pdf.Error()
}

// drawPageLabel writes the number of page n (from 0) of count at its foot.
func drawPageLabel(pdf *fpdf.Fpdf, ts *typeset.Typesetter, opts Options, n, count int) error {
	label := pageLabel(n, count)
	if label == "" {
		return nil
	}
	pageW, pageH := pdf.GetPageSize()
	st := typeset.Style{Family: opts.Family, Size: pageNumberSize, Color: typeset.Color{R: 80, G: 80, B: 80}}
	_, err := ts.DrawLine(pdf, pageW/2, pageH-opts.Margin/2, typeset.Center, typeset.Run{Text: label, Style: st})
	return err
}

// pageLabel is the number at the foot of page n (from 0) of count pages:
// "n / N", or none for a one-page document.
func pageLabel(n, count int) string {
	if count < 2 {
		return ""
	}
	return fmt.Sprintf("%d / %d", n+1, count)
}

// laidOut is a document laid out and paginated, ready to draw into pdf.
type laidOut struct {
	pdf            *fpdf.Fpdf
	items          []item
	pages          [][]placed
	drawLetterhead func() error // nil without a letterhead
}

// layout lays doc out in a new fpdf document (opts have their defaults).
func layout(ts *typeset.Typesetter, doc Document, opts Options) (*laidOut, error) {
	if empty(doc) {
		return nil, ErrEmpty
	}
	if err := check(ts.FontSet(), doc); err != nil {
		return nil, err
	}
	pdf := newPDF(doc, opts)
	pageW, pageH := pdf.GetPageSize()
	m := opts.Margin
	width := pageW - 2*m
	bottom := pageH - m
	if width <= 40 || bottom <= m+40 {
		return nil, fmt.Errorf("notedoc: margin %v mm leaves no room on A4", m)
	}
	fl, err := newFlow(ts, opts, width)
	if err != nil {
		return nil, err
	}

	// The letterhead is drawn on the first page; the flow starts below it.
	firstTop := m
	var drawLetterhead func() error
	if lh := doc.Letterhead; lh != nil {
		h, draw, err := letterhead(pdf, ts, lh, opts, pageW)
		if err != nil {
			return nil, err
		}
		firstTop, drawLetterhead = m+h, draw
	}

	// Lay everything out first, so that the page count is known for the
	// page numbers.
	if err := fl.addTitle(doc.Title, doc.DateLine); err != nil {
		return nil, err
	}
	if err := fl.addBlocks(doc.Blocks); err != nil {
		return nil, err
	}
	if err := fl.addSignature(doc.Signature); err != nil {
		return nil, err
	}
	return &laidOut{pdf: pdf, items: fl.items, pages: paginate(fl.items, firstTop, m, bottom), drawLetterhead: drawLetterhead}, nil
}

// newPDF returns an empty A4 document with doc's title and language, dated
// opts.CreationDate.
func newPDF(doc Document, opts Options) *fpdf.Fpdf {
	pdf := fpdf.New("P", "mm", "A4", "")
	pdf.SetCompression(true)
	pdf.SetCatalogSort(true)
	pdf.SetCreationDate(opts.CreationDate)
	pdf.SetModificationDate(opts.CreationDate)
	pdf.SetMargins(opts.Margin, opts.Margin, opts.Margin)
	pdf.SetAutoPageBreak(false, opts.Margin)
	if t := firstOf(doc.DocTitle, doc.Title); t != "" {
		pdf.SetTitle(t, true)
	}
	if doc.Lang != "" {
		pdf.SetLang(doc.Lang)
	}
	return pdf
}

// flow is a document's text laid out as items, in order, in a text area
// width wide.
type flow struct {
	ts         *typeset.Typesetter
	opts       Options
	width      float64
	body, bold typeset.Style
	bodyLine   float64 // a body line's height, with the line spacing
	gap        float64 // between paragraphs
	items      []item
}

func newFlow(ts *typeset.Typesetter, opts Options, width float64) (*flow, error) {
	body := typeset.Style{Family: opts.Family, Size: opts.FontSize}
	bold := body
	bold.Weight = typeset.Bold
	_, _, bodyLine, err := ts.Metrics(body)
	if err != nil {
		return nil, err
	}
	bodyLine *= opts.LineSpacing
	gap := opts.ParagraphGap
	if gap <= 0 {
		gap = bodyLine / 2
	}
	return &flow{ts: ts, opts: opts, width: width, body: body, bold: bold, bodyLine: bodyLine, gap: gap}, nil
}

// add lays runs out as a paragraph x from the left margin, followed by gap,
// and returns its item.
func (f *flow) add(runs []typeset.Run, x float64, align typeset.Align, gap float64, keep bool) (*item, error) {
	p, err := f.ts.Layout(runs, typeset.Options{Width: f.width - x, Align: align, LineSpacing: f.opts.LineSpacing})
	if err != nil {
		return nil, err
	}
	f.items = append(f.items, item{p: p, x: x, gap: gap, keep: keep})
	return &f.items[len(f.items)-1], nil
}

// space makes the gap above the next item at least g.
func (f *flow) space(g float64) {
	if n := len(f.items); n > 0 {
		f.items[n-1].gap = math.Max(f.items[n-1].gap, g)
	}
}

// addTitle adds the title, centred, and the date line, flush right; either
// may be "".
func (f *flow) addTitle(title, dateLine string) error {
	if title != "" {
		st := f.bold
		st.Size = f.opts.TitleSize
		g := f.bodyLine
		if dateLine != "" {
			g = f.gap
		}
		if _, err := f.add([]typeset.Run{{Text: title, Style: st}}, 0, typeset.Center, g, true); err != nil {
			return err
		}
	}
	if dateLine != "" {
		if _, err := f.add([]typeset.Run{{Text: dateLine, Style: f.body}}, 0, typeset.Right, f.bodyLine, true); err != nil {
			return err
		}
	}
	return nil
}

// addBlocks adds the paragraphs, headings and list items.
func (f *flow) addBlocks(blocks []Block) error {
	indent, err := listIndent(f.ts, blocks, f.body)
	if err != nil {
		return err
	}
	for i, b := range blocks {
		switch b.Kind {
		case Heading:
			level := min(max(b.Level, 1), 3)
			st := f.bold
			st.Size = f.opts.FontSize * headingScale[level]
			f.space(f.bodyLine * 0.9)
			_, err = f.add(runs(b.Spans, st, st), 0, typeset.Left, f.gap*0.6, true)
		case Item:
			err = f.addItem(b, indent, i+1 < len(blocks) && blocks[i+1].Kind == Item)
		default:
			_, err = f.add(runs(b.Spans, f.body, f.bold), 0, typeset.Justify, f.gap, false)
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// addItem adds list item b, indented by indent per level; items closer
// together when another item follows it.
func (f *flow) addItem(b Block, indent float64, itemNext bool) error {
	x := float64(max(b.Level, 0)+1) * indent
	g := f.gap
	if itemNext {
		g = f.gap * itemGapFactor
	}
	it, err := f.add(runs(b.Spans, f.body, f.bold), x, typeset.Justify, g, false)
	if err != nil {
		return err
	}
	if b.Marker != "" {
		it.marker = typeset.Run{Text: b.Marker, Style: f.body}
	}
	return nil
}

// addSignature adds the signature, if any, flush right, kept whole.
func (f *flow) addSignature(s *Signature) error {
	if s == nil || (s.Name == "" && len(s.Lines) == 0) {
		return nil
	}
	f.space(2 * f.bodyLine) // room to sign
	lines := []typeset.Run{{Text: s.Name, Style: f.bold}}
	for _, l := range s.Lines {
		lines = append(lines, typeset.Run{Text: l, Style: f.body})
	}
	added := 0
	for _, l := range lines {
		if strings.TrimSpace(l.Text) == "" {
			continue
		}
		// Every line but the last keeps with the next: the block stays whole.
		if _, err := f.add([]typeset.Run{l}, 0, typeset.Right, 0, true); err != nil {
			return err
		}
		added++
	}
	if added > 0 {
		f.items[len(f.items)-1].keep = false
	}
	return nil
}

// runs turns spans into runs of the regular or bold style.
func runs(spans []Span, regular, bold typeset.Style) []typeset.Run {
	rs := make([]typeset.Run, 0, len(spans))
	for _, s := range spans {
		st := regular
		if s.Bold {
			st = bold
		}
		rs = append(rs, typeset.Run{Text: s.Text, Style: st})
	}
	return rs
}

// listIndent is the hanging indent of list items per level: itemIndent, or
// more when a marker ("10.") needs it.
func listIndent(ts *typeset.Typesetter, blocks []Block, st typeset.Style) (float64, error) {
	indent := float64(itemIndent)
	for _, b := range blocks {
		if b.Kind != Item || b.Marker == "" {
			continue
		}
		w, err := ts.Measure(typeset.Run{Text: b.Marker, Style: st})
		if err != nil {
			return 0, err
		}
		indent = math.Max(indent, w+markerGap+1)
	}
	return indent, nil
}

func firstOf(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// letterhead lays out the letterhead and returns its height down to where
// the flow starts (from the top margin) and a function that draws it on the
// current page.
func letterhead(pdf *fpdf.Fpdf, ts *typeset.Typesetter, lh *Letterhead, opts Options, pageW float64) (float64, func() error, error) {
	m := opts.Margin
	width := pageW - 2*m
	ew, eh, err := emblem(pdf, lh)
	if err != nil {
		return 0, nil, err
	}
	// The text is centred on the page, clear of the emblem on both sides.
	avail := width
	if ew > 0 {
		avail = width - 2*(ew+emblemGap)
	}
	paras, err := letterheadText(ts, lh, opts, avail)
	if err != nil {
		return 0, nil, err
	}
	textH := 0.0
	for _, p := range paras {
		textH += p.Height
	}
	h := math.Max(textH, eh)
	ruleY := m + h + 2
	draw := func() error {
		if ew > 0 {
			pdf.ImageOptions("emblem", m, m+(h-eh)/2, ew, eh, false, fpdf.ImageOptions{}, 0, "")
		}
		y := m + (h-textH)/2
		for _, p := range paras {
			if err := p.Draw(pdf, m+(width-avail)/2, y); err != nil {
				return err
			}
			y += p.Height
		}
		pdf.SetDrawColor(0, 0, 0)
		pdf.SetLineWidth(ruleWidth)
		pdf.Line(m, ruleY, pageW-m, ruleY)
		return pdf.Error()
	}
	return ruleY + 6 - m, draw, nil
}

// emblem registers the letterhead's emblem, if any, in pdf as "emblem" and
// returns the width and height it is drawn at (0, 0 without one).
func emblem(pdf *fpdf.Fpdf, lh *Letterhead) (ew, eh float64, err error) {
	if len(lh.Emblem) == 0 {
		return 0, 0, nil
	}
	var typ string
	switch strings.ToLower(lh.EmblemType) {
	case "png":
		typ = "PNG"
	case "jpg", "jpeg":
		typ = "JPG"
	default:
		return 0, 0, fmt.Errorf("notedoc: letterhead emblem type %q; use \"png\" or \"jpg\"", lh.EmblemType)
	}
	info := pdf.RegisterImageOptionsReader("emblem", fpdf.ImageOptions{ImageType: typ}, bytes.NewReader(lh.Emblem))
	if err := pdf.Error(); err != nil || info == nil || info.Width() <= 0 || info.Height() <= 0 {
		if err == nil {
			err = errors.New("empty image")
		}
		return 0, 0, fmt.Errorf("notedoc: letterhead emblem (%s): %w", strings.ToLower(typ), err)
	}
	eh = emblemHeight
	ew = eh * info.Width() / info.Height()
	if ew > emblemMaxWidth {
		ew, eh = emblemMaxWidth, emblemMaxWidth*info.Height()/info.Width()
	}
	return ew, eh, nil
}

// letterheadText lays out the letterhead's name, in bold as large as fits
// avail, and its contact line, centred in avail.
func letterheadText(ts *typeset.Typesetter, lh *Letterhead, opts Options, avail float64) ([]*typeset.Paragraph, error) {
	var paras []*typeset.Paragraph
	if lh.Name != "" {
		st := typeset.Style{Family: opts.Family, Weight: typeset.Bold}
		size, _, err := ts.FitSize(lh.Name, st, avail, opts.TitleSize, opts.FontSize)
		if err != nil {
			return nil, err
		}
		st.Size = size
		p, err := ts.LayoutText(lh.Name, st, typeset.Options{Width: avail, Align: typeset.Center})
		if err != nil {
			return nil, err
		}
		paras = append(paras, p)
	}
	var contact []string
	for _, s := range []string{lh.Place, lh.Phone, lh.Email} {
		if s = strings.TrimSpace(s); s != "" {
			contact = append(contact, s)
		}
	}
	if len(contact) > 0 {
		st := typeset.Style{Family: opts.Family, Size: contactSize, Color: typeset.Color{R: 60, G: 60, B: 60}}
		p, err := ts.LayoutText(strings.Join(contact, "  |  "), st, typeset.Options{Width: avail, Align: typeset.Center})
		if err != nil {
			return nil, err
		}
		paras = append(paras, p)
	}
	return paras, nil
}
