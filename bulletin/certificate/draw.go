package certificate

import (
	"bytes"
	"crypto/sha256"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"codeberg.org/go-pdf/fpdf"
	qrcode "github.com/skip2/go-qrcode"

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

// Page is a certificate drawn once, by Record (to be added to any number
// of documents made by NewDocument) or by DrawPage (into its own
// document): a batch draws each certificate once for its own PDF, and
// copies its compressed content stream (Stream) into the print file and
// its bundle.
type Page struct {
	raw    string // the content stream as drawn (Record), else ""
	fonts  typeset.FontUse
	emblem *Identity // whose emblem the page draws, registered in each document

	// The page's whole content stream in a document (what AddPage writes,
	// then raw) as fpdf compresses it, made when the first document
	// holding the page is written and given to the others (see compressed).
	mu     sync.Mutex
	stream []byte
	sum    [sha256.Size]byte // of the uncompressed stream
}

// Record draws c as Draw does, into a Page.
func Record(ts *typeset.Typesetter, c Certificate, l *Layout) (*Page, error) {
	var pg Page
	var err error
	// An fpdf template is a document whose page content can be read back.
	tpl := fpdf.CreateTpl(fpdf.PointType{}, a4(), "L", "mm", "", func(t *fpdf.Tpl) {
		pdf := &t.Fpdf
		if err = Draw(ts, pdf, c, l); err == nil {
			pg.fonts = typeset.FontsUsed(pdf)
			if drawsEmblem(c, l) {
				pg.emblem = c.Identity
			}
		}
	})
	if err != nil {
		return nil, err
	}
	pg.raw = string(bytes.TrimSuffix(tpl.Bytes(), []byte("\n"))) // fpdf adds one
	return &pg, nil
}

// DrawPage draws c into pdf (made by NewDocument, with no page yet) as
// Draw does, and returns its page for the documents that copy it (the
// print file and bundles): the fonts and emblem it needs and, once pdf is
// written, its compressed content stream (Stream). Unlike Record it
// keeps no copy of the content: a batch's own PDF of each certificate is
// drawn straight into its document.
func DrawPage(ts *typeset.Typesetter, pdf *fpdf.Fpdf, c Certificate, l *Layout) (*Page, error) {
	if pdf.PageNo() != 0 {
		return nil, fmt.Errorf("certificate of %s: DrawPage needs a document with no page", c.Award.Unit.ID)
	}
	if err := Draw(ts, pdf, c, l); err != nil {
		return nil, err
	}
	pg := &Page{}
	pg.fonts.Merge(typeset.FontsUsed(pdf)) // the fonts and codes, not the words
	if drawsEmblem(c, l) {
		pg.emblem = c.Identity
	}
	pdf.SetPageStream(pg.compressed)
	return pg, nil
}

// Add adds the page to pdf (made by NewDocument). The page must come from
// Record: one from DrawPage is in its document already (its Stream is
// what other documents copy).
func (pg *Page) Add(pdf *fpdf.Fpdf) error {
	if pg.raw == "" {
		return fmt.Errorf("certificate: only a recorded page can be added to a document")
	}
	pdf.AddPage()
	if pg.emblem != nil {
		// The recorded page names the image by a hash of its data, which
		// is the name it gets in any document.
		registerEmblem(pdf, pg.emblem)
	}
	pdf.RawWriteStr(pg.raw) // fpdf copies a string with no slack
	pdf.SetPageStream(pg.compressed)
	if err := typeset.UseFonts(pdf, pg.fonts); err != nil {
		return err
	}
	return pdf.Error()
}

// compressed returns the compressed stream of a document's page holding pg,
// whose content is content: compressed once, by the first document written,
// and the same bytes in every other. Content other than the first
// document's (never, for documents made by NewDocument) is compressed anew.
func (pg *Page) compressed(content []byte) []byte {
	sum := sha256.Sum256(content)
	pg.mu.Lock()
	defer pg.mu.Unlock()
	if pg.stream != nil {
		if sum == pg.sum {
			return pg.stream
		}
		return nil // fpdf compresses it
	}
	var buf bytes.Buffer
	buf.Grow(len(content) / 3)
	w := fpdf.ZlibWriter(&buf)
	defer fpdf.PutZlibWriter(w)
	w.Write(content)
	if w.Close() != nil {
		return nil
	}
	pg.stream, pg.sum = buf.Bytes(), sum
	return pg.stream
}

// Draw adds a page to pdf (made by NewDocument) with the certificate on it.
func Draw(ts *typeset.Typesetter, pdf *fpdf.Fpdf, c Certificate, l *Layout) error {
	pdf.AddPage()
	if l.Offset.X != 0 || l.Offset.Y != 0 {
		pdf.TransformBegin()
		pdf.TransformTranslate(l.Offset.X, l.Offset.Y)
		defer pdf.TransformEnd()
	}
	if l.Border.Draw {
		drawBorder(pdf, l)
	}
	d := &drawer{ts: ts, pdf: pdf, l: l, left: l.Content.Left, width: pageW - l.Content.Left - l.Content.Right}
	if err := drawMeta(ts, pdf, c, l, d.left, d.left+d.width); err != nil {
		return err
	}
	y, err := d.head(c)
	if err != nil {
		return err
	}
	if y, err = d.body(c, max(y, l.Content.Top)); err != nil {
		return err
	}
	footTop, err := drawFoot(ts, pdf, c, l, d.left, d.width)
	if err != nil {
		return err
	}
	if y > footTop {
		return fmt.Errorf("certificate of %s: the text runs %.1f mm into the foot; make the fonts of certificate-layout.toml smaller", c.Award.Unit.ID, y-footTop)
	}
	return pdf.Error()
}

// drawer draws the centred blocks of a certificate, top down.
type drawer struct {
	ts          *typeset.Typesetter
	pdf         *fpdf.Fpdf
	l           *Layout
	left, width float64
}

func styleFor(lang string, hi, en TextStyle) TextStyle {
	if lang == "hi" {
		return hi
	}
	return en
}

// line draws text centred with the top of its line at y and returns the y
// below it.
func (d *drawer) line(text string, s TextStyle, y float64) (float64, error) {
	st := s.Style()
	asc, _, lh, err := d.ts.Metrics(st)
	if err != nil {
		return y, err
	}
	_, err = d.ts.DrawLine(d.pdf, d.left+d.width/2, y+asc, typeset.Center, typeset.Run{Text: text, Style: st})
	return y + lh, err
}

// paragraph draws text centred in the content width, top at y.
func (d *drawer) paragraph(text string, s TextStyle, y float64) (float64, error) {
	p, err := d.ts.LayoutText(text, s.Style(), typeset.Options{Width: d.width, Align: typeset.Center, LineSpacing: s.LineSpacing})
	if err != nil {
		return y, err
	}
	return y + p.Height, p.Draw(d.pdf, d.left, y)
}

// head draws the issuer, from head.top down: the emblem, the organisation
// line and the office's name in each language; it returns where the title
// may begin.
func (d *drawer) head(c Certificate) (float64, error) {
	l := d.l
	y := l.Head.Top
	if drawsEmblem(c, l) {
		registerEmblem(d.pdf, c.Identity)
		info := d.pdf.GetImageInfo(emblemName(c.Identity))
		w := l.Head.EmblemHeight
		if info != nil && info.Height() > 0 {
			w = l.Head.EmblemHeight * info.Width() / info.Height()
		}
		d.pdf.ImageOptions(emblemName(c.Identity), pageW/2-w/2, y, w, l.Head.EmblemHeight, false, fpdf.ImageOptions{}, 0, "")
		y += l.Head.EmblemHeight + 1
	}
	var err error
	for i, h := range headLines(c, l) {
		if i == 0 {
			y = max(y, l.Content.Meta+3) // text starts below the number and date
		}
		if y, err = d.line(h.text, styleFor(h.lang, h.hi, h.en), y); err != nil {
			return y, err
		}
	}
	return y + l.Head.Gap, nil
}

// body draws the titles, the unit lines and the citations from y down and
// returns the y below them.
func (d *drawer) body(c Certificate, y float64) (float64, error) {
	l := d.l
	var err error
	for i, t := range c.Texts {
		if i > 0 {
			y += l.Gaps.BetweenLanguages
		}
		if y, err = d.line(t.Title, styleFor(t.Lang, l.TitleHi, l.TitleEn), y); err != nil {
			return y, err
		}
	}
	y += l.Gaps.AfterTitle
	for i, t := range c.Texts {
		if i > 0 {
			y += l.Gaps.BetweenLanguages
		}
		// The unit's name shrinks to fit one line; a name too long even at
		// the smallest size wraps onto a second line rather than being cut.
		s := styleFor(t.Lang, l.UnitHi, l.UnitEn)
		size, fits, err := d.ts.FitSize(t.Unit, s.Style(), d.width, s.Size, s.MinSize)
		if err != nil {
			return y, err
		}
		s.Size = size
		if fits {
			y, err = d.line(t.Unit, s, y)
		} else {
			y, err = d.paragraph(t.Unit, s, y)
		}
		if err != nil {
			return y, err
		}
	}
	y += l.Gaps.AfterUnit
	for i, t := range c.Texts {
		if i > 0 {
			y += l.Gaps.BetweenLanguages * 2
		}
		if y, err = d.paragraph(t.Citation, styleFor(t.Lang, l.CitationHi, l.CitationEn), y); err != nil {
			return y, err
		}
	}
	return y, nil
}

// headText is one line of the head in its language.
type headText struct {
	lang, text string
	hi, en     TextStyle
}

// headLines lists the lines of the head the layout draws: the organisation
// line in each language, then the office's name in each.
func headLines(c Certificate, l *Layout) []headText {
	var out []headText
	if c.Identity == nil {
		return nil
	}
	for _, part := range []struct {
		on     bool
		m      map[string]string
		hi, en TextStyle
	}{{l.Head.Org, c.Identity.Org, l.OrgHi, l.OrgEn}, {l.Head.Office, c.Identity.Office, l.OfficeHi, l.OfficeEn}} {
		if !part.on {
			continue
		}
		for _, t := range c.Texts {
			if s := part.m[t.Lang]; s != "" {
				out = append(out, headText{t.Lang, s, part.hi, part.en})
			}
		}
	}
	return out
}

func drawsEmblem(c Certificate, l *Layout) bool {
	return l.Head.Emblem && c.Identity != nil && len(c.Identity.Emblem) > 0
}

func emblemName(id *Identity) string { return "emblem." + id.EmblemType }

func registerEmblem(pdf *fpdf.Fpdf, id *Identity) {
	if pdf.GetImageInfo(emblemName(id)) == nil {
		pdf.RegisterImageOptionsReader(emblemName(id), fpdf.ImageOptions{ImageType: id.EmblemType}, bytes.NewReader(id.Emblem))
	}
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
	return c.lines(l, []string{c.CodeLine})
}

// Runs returns the texts the certificate is drawn with, each the text of
// one typeset.Run (its lines, the code line in its runs): what
// typeset.FontSet.Restrict must be given to draw it.
func (c Certificate) Runs(l *Layout) []string {
	return c.lines(l, codeRuns(c))
}

// NumberRuns returns the texts of Runs that show the certificate's number
// and code (its number line, the code line's runs): all that numbering
// changes.
func (c Certificate) NumberRuns() []string {
	return append([]string{c.NumberLine}, codeRuns(c)...)
}

func (c Certificate) lines(l *Layout, code []string) []string {
	out := []string{c.NumberLine, c.DateLine}
	for _, h := range headLines(c, l) {
		out = append(out, h.text)
	}
	for _, t := range c.Texts {
		out = append(out, t.Title)
	}
	for _, t := range c.Texts {
		out = append(out, t.Unit)
	}
	for _, t := range c.Texts {
		out = append(out, t.Citation)
	}
	out = append(out, code...)
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

// drawFoot draws the foot: the signature block, flush with the bottom
// margin and centred under its rule at the right; the seal's place beside
// it; the QR code and the verification code at the left. It returns the y
// of the foot's top.
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
	bottom := pageH - l.Content.Bottom // bottom of the last line
	y := bottom
	base := make([]float64, len(lines))
	for i := len(lines) - 1; i >= 0; i-- {
		_, desc, lh, err := ts.Metrics(lines[i].st)
		if err != nil {
			return 0, err
		}
		base[i] = y - desc
		y -= lh
	}
	// The verification code reads before the signature block, so it is
	// drawn first.
	codeTop, err := drawQR(ts, pdf, c, l, y-2, bottom)
	if err != nil {
		return 0, err
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
	top := y - 2 - l.Gaps.SignatureRoom // room above the rule for the signature itself
	if l.Seal.Draw {
		// The seal goes left of the signature, level with its lines.
		r := l.Seal.Diameter / 2
		drawSeal(pdf, l, x-span/2-6-r, (y-2+bottom)/2)
		top = min(top, (y-2+bottom)/2-r)
	}
	return min(top, codeTop), nil
}

// drawSeal marks the seal's place: a dashed circle. It holds no words, so
// that the page's text reads in one order: the signature block is the
// last text on the right.
func drawSeal(pdf *fpdf.Fpdf, l *Layout, cx, cy float64) {
	col := l.Seal.Color
	pdf.SetDrawColor(int(col[0]), int(col[1]), int(col[2]))
	pdf.SetLineWidth(0.35)
	pdf.SetDashPattern([]float64{1.2, 1.2}, 0)
	pdf.Circle(cx, cy, l.Seal.Diameter/2, "D")
	pdf.SetDashPattern(nil, 0)
}

// drawQR draws the QR code of the certificate's verification payload as
// vector squares, qr.size mm with its quiet zone, its bottom at bottom,
// and the verification code above it and above the signature's rule
// (rule), centred: so the code reads after the text and before the
// signature block, by eye, by pdftotext and by OCR. It returns the top of
// the code's line.
func drawQR(ts *typeset.Typesetter, pdf *fpdf.Fpdf, c Certificate, l *Layout, rule, bottom float64) (float64, error) {
	if c.Verification.Payload == "" {
		return rule, nil // no QR code (the state benchmark's baseline)
	}
	q, err := qrcode.New(c.Verification.Payload, qrcode.Medium)
	if err != nil {
		return 0, fmt.Errorf("certificate of %s: QR code: %v", c.Award.Unit.ID, err)
	}
	bits := q.Bitmap() // with its 4-module quiet zone
	m := l.QR.Size / float64(len(bits))
	x0, y0 := QRArea(l)
	x0, y0 = x0-l.Offset.X, y0-l.Offset.Y
	pdf.SetFillColor(int(l.QR.Color[0]), int(l.QR.Color[1]), int(l.QR.Color[2]))
	buf := qrBufs.Get().(*[]byte)
	*buf = qrPath((*buf)[:0], bits, x0, y0, m, pdf.GetConversionRatio())
	pdf.RawWriteBuf(bytes.NewReader(*buf)) // as RawWriteStr, without a string
	qrBufs.Put(buf)
	// The code is centred on the page in a band of its own, above the
	// signature's rule and below the text: a line at the left edge would
	// make OCR see a column there and read the lines above across it.
	st := l.Code.Style()
	asc, _, _, err := ts.Metrics(st)
	if err != nil {
		return 0, err
	}
	base := min(rule, y0) - 4
	var runs []typeset.Run
	for _, t := range codeRuns(c) {
		runs = append(runs, typeset.Run{Text: t, Style: st})
	}
	_, err = ts.DrawLine(pdf, pageW/2, base, typeset.Center, runs...)
	return base - asc, err
}

// codeRuns is the code line cut before and after the code, the texts it
// is drawn in (in one style, so drawn as the one text would be): the label
// is then one text for every certificate of a batch and only the code is
// new to each, which is what Restrict shapes (it shapes every distinct
// text in every family and weight).
func codeRuns(c Certificate) []string {
	line, code := c.CodeLine, c.Verification.Code
	i := strings.LastIndex(line, code)
	if code == "" || i < 0 {
		return []string{line}
	}
	var out []string
	for _, t := range []string{line[:i], code, line[i+len(code):]} {
		if t != "" {
			out = append(out, t)
		}
	}
	return out
}

// qrBufs hold the bytes of a QR code's path while it is written.
var qrBufs = sync.Pool{New: func() any { b := make([]byte, 0, 8192); return &b }}

// qrPath appends to b the PDF content that fills the dark modules of bits,
// in module units (one cm maps them to the page, x0, y0 the top left in
// mm, m the module in mm, k points per mm): a rectangle per horizontal run
// of dark modules, merged with the same run in the rows below it. That is
// about a third of the bytes of a rectangle per run in page units, which
// every document holding the page compresses again; the fill is the same
// union of squares.
func qrPath(b []byte, bits [][]bool, x0, y0, m, k float64) []byte {
	b = fmt.Appendf(b, "q %.4f 0 0 %.4f %.3f %.3f cm\n", m*k, -m*k, x0*k, (pageH-y0)*k)
	rect := func(r qrRun, bottom int) {
		for _, v := range [4]int{r.x, r.y, r.w, bottom - r.y} {
			b = strconv.AppendInt(b, int64(v), 10)
			b = append(b, ' ')
		}
		b = append(b, "re\n"...)
	}
	var open, next, row []qrRun // runs still growing down, left to right
	for y := 0; y <= len(bits); y++ {
		next, row = next[:0], qrRuns(row[:0], bits, y)
		o := 0
		for _, r := range row {
			for o < len(open) && open[o].x < r.x {
				rect(open[o], y) // ended in the row above
				o++
			}
			if o < len(open) && open[o].x == r.x && open[o].w == r.w {
				r.y = open[o].y // the same run: the rectangle grows
				o++
			}
			next = append(next, r)
		}
		for ; o < len(open); o++ {
			rect(open[o], y)
		}
		open, next = next, open
	}
	return append(b, "f Q\n"...)
}

// qrRun is a horizontal run of w dark modules from column x, in a
// rectangle whose top row is y.
type qrRun struct{ x, y, w int }

// qrRuns appends to out the runs of dark modules of row y of bits, left
// to right; none past the last row.
func qrRuns(out []qrRun, bits [][]bool, y int) []qrRun {
	if y >= len(bits) {
		return out
	}
	row := bits[y]
	for i := 0; i < len(row); {
		if !row[i] {
			i++
			continue
		}
		j := i
		for j < len(row) && row[j] {
			j++
		}
		out = append(out, qrRun{x: i, y: y, w: j - i})
		i = j
	}
	return out
}

// QRArea is the top left corner of the QR code (its quiet zone) on a page
// drawn with l, in mm from the page's top left; its side is l.QR.Size.
func QRArea(l *Layout) (x, y float64) {
	return l.QR.Left + l.Offset.X, pageH - l.Content.Bottom - l.QR.Size + l.Offset.Y
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

// Stream returns the page's compressed content stream as every document
// made by NewDocument holds it (fpdf's page prologue, then what was
// drawn), or nil until the first document holding the page is written.
func (pg *Page) Stream() []byte {
	pg.mu.Lock()
	defer pg.mu.Unlock()
	return pg.stream
}

// Resources is what a document of pages needs besides their content
// streams: the fonts they draw with (and the codes drawn of each) and the
// emblems they show. It stays small however many pages it gathers.
type Resources struct {
	fonts   typeset.FontUse
	emblems []*Identity
}

// Add gathers what pg needs.
func (r *Resources) Add(pg *Page) {
	r.fonts.Merge(pg.fonts)
	r.addEmblem(pg.emblem)
}

// Expect gathers, before certificates of issuer id are drawn with l, what
// their pages will need but for the fonts: the emblem. A prototype of a document of pages not yet
// drawn (for pdfjoin.New) is made of the Resources of its certificates:
// an emblem with an alpha channel makes fpdf write PDF 1.4, with a
// transparency group in each page.
func (r *Resources) Expect(id *Identity, l *Layout) {
	if drawsEmblem(Certificate{Identity: id}, l) {
		r.addEmblem(id)
	}
}

func (r *Resources) addEmblem(id *Identity) {
	if id != nil && !slices.Contains(r.emblems, id) {
		r.emblems = append(r.emblems, id)
	}
}

// Emblems returns the emblems gathered, in the order first gathered.
func (r *Resources) Emblems() []*Identity { return r.emblems }

// Document returns a document made by NewDocument(title, date) with one
// blank page and the resources: the objects that a document of the pages
// gathered shares (pdfjoin.Writer.Close), written by typeset.Output.
func (r *Resources) Document(title string, date time.Time) ([]byte, error) {
	pdf := NewDocument(title, date)
	pdf.AddPage()
	for _, id := range r.emblems {
		registerEmblem(pdf, id)
	}
	if err := typeset.UseFonts(pdf, r.fonts); err != nil {
		return nil, err
	}
	var b bytes.Buffer
	if err := typeset.Output(pdf, &b); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}
