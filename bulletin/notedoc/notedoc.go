// Package notedoc draws the office's A4 portrait documents (press notes,
// notes written as plain text or Markdown) as PDF, with Hindi and English
// shaped and drawn by bulletin/typeset. It does no file I/O: callers read
// their inputs (an emblem image is passed as bytes) and write the output
// (atomically, with bulletin/output).
//
// # Document model
//
// A Document is, top to bottom: an optional Letterhead (the office's name
// centred in bold, a contact line of place, phone and e-mail below it, the
// emblem at the left when given, and a rule under it), a title (centred,
// bold), a date line (flush right), the blocks — headings of levels 1 to 3,
// paragraphs and list items, each made of Spans of regular or bold text —
// and an optional Signature (flush right: the name in bold, then the
// designation lines). Paragraphs and list items are justified (the last
// line flush left); list items hang from their marker. Blocks flow over as
// many pages as needed, keeping a paragraph's first and last lines off lone
// page ends and headings with what follows them; a document of more than one
// page has "n / N" centred at the foot of every page.
//
// Documents come from FromText (the plain-text format, see Parse),
// FromMarkdown (see its doc for what it takes) and FromPress (a composed
// press note), or are built directly. Draw lays one out with the caller's
// Typesetter (one per goroutine) and returns the PDF bytes; Render is the
// one-call form for plain text.
//
// # Output
//
// The same document and options give the same bytes: compression on,
// catalog sorted, creation and modification dates from Options.CreationDate
// (the document's own date; 2000-01-01 when zero). A character no font has
// is a *typeset.CharError, found before anything is drawn.
package notedoc

import (
	"errors"
	"io"
	"strings"
	"time"

	"codeberg.org/go-pdf/fpdf"

	"github.com/igrs-pro/bulletin/bulletin/typeset"
)

// Document is what Draw lays out. Empty parts are left out.
type Document struct {
	// Lang is the document's main language ("hi", "en"), written to the
	// PDF catalog for screen readers and search; "" writes none.
	Lang string
	// DocTitle is the PDF's /Title (shown by viewers in their title bar);
	// "" takes Title.
	DocTitle   string
	Letterhead *Letterhead
	Title      string // centred in bold above everything else but the letterhead
	DateLine   string // flush right below the title
	Blocks     []Block
	Signature  *Signature
	// Figures are drawn each on a page of its own after the text (the
	// press note's trend chart, press.trend_page), as wide as the text.
	Figures []Figure
}

// Figure is a picture drawn on a page of its own.
type Figure struct {
	// Draw draws the figure with its top-left corner at (x, y), width
	// wide, in the document's unit (mm), with ts (as vectors and text that
	// copies out). It is called once for the draft and once for the final
	// drawing of the document.
	Draw func(pdf *fpdf.Fpdf, ts *typeset.Typesetter, x, y, width float64) error
}

// Letterhead is the office's heading on the first page.
type Letterhead struct {
	Name                string // centred in bold
	Place, Phone, Email string // the contact line under the name, those given, in this order
	// Emblem is an optional image drawn at the left of the letterhead, 20 mm
	// high; EmblemType says what it is: "png" or "jpg".
	Emblem     []byte
	EmblemType string
}

// Signature closes the document, flush right: Name in bold, then Lines.
type Signature struct {
	Name  string
	Lines []string
}

// Kind is the kind of a Block.
type Kind uint8

const (
	Para    Kind = iota // a justified paragraph
	Heading             // a bold heading; Level 1, 2 or 3
	Item                // a list item; Level is its nesting depth from 0
)

// Block is a heading, paragraph or list item.
type Block struct {
	Kind Kind
	// Level is a heading's level (1 largest, to 3) or a list item's depth
	// (0 for a top-level list, 1 for a list inside an item, ...).
	Level int
	// Marker is drawn before the first line of an Item, flush right against
	// its text: "•" for a bullet, "3." for an ordered list. An Item with no
	// marker continues the item before it (a second paragraph in an item).
	Marker string
	Spans  []Span
}

// Span is text in one weight. Spans of a block are run together as they
// are; put the spaces between words in the spans' text.
type Span struct {
	Text string
	Bold bool
}

// Text returns the block's text: its spans run together.
func (b Block) Text() string {
	var s strings.Builder
	for _, sp := range b.Spans {
		s.WriteString(sp.Text)
	}
	return s.String()
}

// Options controls Draw. Zero values take the defaults shown. Lengths are
// in millimetres, font sizes in points.
type Options struct {
	Family       typeset.Family // every text's family (default Sans)
	FontSize     float64        // body text size (12)
	TitleSize    float64        // title size (16)
	LineSpacing  float64        // multiple of the font's natural line height (1)
	Margin       float64        // page margin on every side (20)
	ParagraphGap float64        // space between paragraphs (half a body line)
	// CreationDate is written as the PDF's creation and modification date:
	// pass the document's date. The zero value writes 2000-01-01 00:00 UTC,
	// so that the same input always gives the same bytes.
	CreationDate time.Time
}

// DefaultDate is the creation date written when Options.CreationDate is zero.
var DefaultDate = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)

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
		o.CreationDate = DefaultDate
	}
}

// Parse splits a plain-text note into its title ("" if none) and body
// paragraphs. Paragraphs are separated by blank lines; the lines of a
// paragraph are joined with spaces. If the first non-blank line starts
// with "# ", the rest of it is the title.
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

// FromText makes a Document of a plain-text note (see Parse): its title and
// one paragraph block per paragraph.
func FromText(text string) Document {
	title, paras := Parse(text)
	doc := Document{Title: title}
	for _, p := range paras {
		doc.Blocks = append(doc.Blocks, Block{Kind: Para, Spans: []Span{{Text: p}}})
	}
	return doc
}

// Render draws a plain-text note (see Parse) with a Typesetter of its own
// and writes the PDF to w; nothing is written on error. Callers that make
// many documents should keep a Typesetter per goroutine and call Draw.
func Render(w io.Writer, text string, set *typeset.FontSet, opts Options) error {
	if set == nil {
		return errors.New("notedoc: nil font set")
	}
	ts, err := typeset.NewTypesetter(set, "mm")
	if err != nil {
		return err
	}
	b, err := Draw(ts, FromText(text), opts)
	if err != nil {
		return err
	}
	_, err = w.Write(b)
	return err
}
