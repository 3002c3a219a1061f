package certificate

import (
	"bytes"
	"compress/zlib"
	"fmt"
	"io"
	"strings"
	"sync"
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

// a4 is the page size of NewDocument's documents in mm, portrait (as fpdf
// takes it, whatever the orientation).
var a4 = sync.OnceValue(func() fpdf.SizeType { return fpdf.New("L", "mm", "A4", "").GetPageSizeStr("A4") })

// Page is a certificate drawn once (by Record), to be added to any number
// of documents made by NewDocument: a batch draws each certificate once for
// its own PDF, the print file and its bundle.
type Page struct {
	// The page's content stream, compressed: a batch keeps thousands of
	// pages (about 12 KB each, 3 KB compressed) until the print file and
	// the bundles are made.
	content []byte
	size    int
	fonts   typeset.FontUse
}

var (
	zWriters = sync.Pool{New: func() any { w, _ := zlib.NewWriterLevel(io.Discard, zlib.BestSpeed); return w }}
	zReaders sync.Pool
)

// Record draws c as Draw does, into a Page.
func Record(ts *typeset.Typesetter, c Certificate, l *Layout) (*Page, error) {
	var pg Page
	var err error
	// An fpdf template is a document whose page content can be read back.
	tpl := fpdf.CreateTpl(fpdf.PointType{}, a4(), "L", "mm", "", func(t *fpdf.Tpl) {
		pdf := &t.Fpdf
		if err = Draw(ts, pdf, c, l); err == nil {
			pg.fonts = typeset.FontsUsed(pdf)
		}
	})
	if err != nil {
		return nil, err
	}
	raw := bytes.TrimSuffix(tpl.Bytes(), []byte("\n")) // fpdf adds one
	var buf bytes.Buffer
	w := zWriters.Get().(*zlib.Writer)
	defer zWriters.Put(w)
	w.Reset(&buf)
	if _, err := w.Write(raw); err != nil {
		return nil, err
	}
	if err := w.Close(); err != nil {
		return nil, err
	}
	pg.content, pg.size = buf.Bytes(), len(raw)
	return &pg, nil
}

// Add adds the page to pdf (made by NewDocument).
func (pg *Page) Add(pdf *fpdf.Fpdf) error {
	src := bytes.NewReader(pg.content)
	r, _ := zReaders.Get().(io.ReadCloser)
	var err error
	if r == nil {
		r, err = zlib.NewReader(src)
	} else {
		err = r.(zlib.Resetter).Reset(src, nil)
	}
	if err != nil {
		return err
	}
	defer zReaders.Put(r)
	var sb strings.Builder
	sb.Grow(pg.size)
	if _, err := io.Copy(&sb, r); err != nil {
		return err
	}
	pdf.AddPage()
	pdf.RawWriteStr(sb.String()) // fpdf copies a string with no slack
	if err := typeset.UseFonts(pdf, pg.fonts); err != nil {
		return err
	}
	return pdf.Error()
}

// Draw adds a page to pdf (made by NewDocument) with the certificate on it.
func Draw(ts *typeset.Typesetter, pdf *fpdf.Fpdf, c Certificate, l *Layout) error {
	pdf.AddPage()
	drawBorder(pdf, l)
	left := l.Content.Left
	width := pageW - l.Content.Left - l.Content.Right
	cx := left + width/2
	y := l.Content.Top
	if err := drawMeta(ts, pdf, c, l, left, left+width); err != nil {
		return err
	}

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

// footCell is one line of the signature block, in its style.
type footCell struct {
	text string
	st   typeset.Style
}

// signature lists the lines of the signature block: the signatory's name
// (once when it reads the same in every language) and designation.
func signature(c Certificate, l *Layout) []footCell {
	var out []footCell
	for i, t := range c.Texts {
		s := l.FootEn
		if t.Lang == "hi" {
			s = l.FootHi
		}
		st := s.Style()
		bold := st
		bold.Weight = typeset.Bold
		if i == 0 || t.Name != c.Texts[0].Name {
			out = append(out, footCell{t.Name, bold})
		}
		out = append(out, footCell{t.Designation, st})
	}
	return out
}

// Lines returns the certificate's text in reading order, a line per line
// drawn: what a reader, OCR or pdftotext finds on the page.
func (c Certificate) Lines(l *Layout) []string {
	out := []string{c.NumberLine, c.DateLine}
	for _, t := range c.Texts {
		out = append(out, t.Title)
	}
	for _, t := range c.Texts {
		out = append(out, t.Unit)
	}
	for _, t := range c.Texts {
		out = append(out, t.Citation)
	}
	for _, f := range signature(c, l) {
		out = append(out, f.text)
	}
	return out
}

// drawMeta draws the certificate number (left) and date (right) on one
// line at the head of the page.
func drawMeta(ts *typeset.Typesetter, pdf *fpdf.Fpdf, c Certificate, l *Layout, left, right float64) error {
	st := l.Meta.Style()
	y := l.Content.Meta
	if _, err := ts.DrawLine(pdf, left, y, typeset.Left, typeset.Run{Text: c.NumberLine, Style: st}); err != nil {
		return err
	}
	_, err := ts.DrawLine(pdf, right, y, typeset.Right, typeset.Run{Text: c.DateLine, Style: st})
	return err
}

// drawFoot draws the signature block, flush with the bottom margin and
// centred under its rule at the right, and returns the y of its top.
func drawFoot(ts *typeset.Typesetter, pdf *fpdf.Fpdf, c Certificate, l *Layout, left, width float64) (float64, error) {
	right := left + width
	lines := signature(c, l)
	// The block is centred under the rule, and moves left so that its
	// longest line ends at the right edge of the text area.
	span := l.Gaps.SignatureRule
	for _, f := range lines {
		w, err := ts.Measure(typeset.Run{Text: f.text, Style: f.st})
		if err != nil {
			return 0, err
		}
		span = max(span, w)
	}
	x := right - span/2
	// The baselines, from the bottom of the last line up; the lines are
	// drawn top down, in reading order, as extractors that follow the
	// drawing order (PDFium) copy them out.
	y := pageH - l.Content.Bottom // bottom of the last line
	base := make([]float64, len(lines))
	for i := len(lines) - 1; i >= 0; i-- {
		_, desc, lh, err := ts.Metrics(lines[i].st)
		if err != nil {
			return 0, err
		}
		base[i] = y - desc
		y -= lh
	}
	for i, f := range lines {
		if _, err := ts.DrawLine(pdf, x, base[i], typeset.Center, typeset.Run{Text: f.text, Style: f.st}); err != nil {
			return 0, err
		}
	}
	// The line the signatory signs above, clear of the name's matras.
	pdf.SetDrawColor(60, 60, 60)
	pdf.SetLineWidth(0.3)
	pdf.Line(x-l.Gaps.SignatureRule/2, y-2, x+l.Gaps.SignatureRule/2, y-2)
	return y - 14, nil // room above the rule for the signature itself
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
