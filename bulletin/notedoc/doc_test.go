package notedoc

import (
	"bytes"
	"errors"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/igrs-pro/bulletin/bulletin/config"
	"github.com/igrs-pro/bulletin/bulletin/dataset"
	"github.com/igrs-pro/bulletin/bulletin/facts"
	"github.com/igrs-pro/bulletin/bulletin/internal/testtools"
	"github.com/igrs-pro/bulletin/bulletin/l10n"
	"github.com/igrs-pro/bulletin/bulletin/press"
	"github.com/igrs-pro/bulletin/bulletin/typeset"
	"github.com/igrs-pro/bulletin/locales"
	"github.com/igrs-pro/bulletin/templates"
)

// noteDate is the date printed on the example month's press notes.
var noteDate = time.Date(2024, 12, 1, 0, 0, 0, 0, time.UTC)

var (
	notesOnce sync.Once
	notes     map[string]press.Note
	notesErr  error
)

// exampleNote composes the press note of the bundled example office for
// 2024-11 (the zone first for the fifth month running) in lang, from the
// repository's config.toml, data, catalogs and templates.
func exampleNote(t testing.TB, lang string) press.Note {
	t.Helper()
	notesOnce.Do(func() {
		notes, notesErr = composeNotes()
	})
	if notesErr != nil {
		t.Fatal(notesErr)
	}
	return notes[lang]
}

func composeNotes() (map[string]press.Note, error) {
	c, err := config.Load("../../config.toml")
	if err != nil {
		return nil, err
	}
	data, err := dataset.Load(c.Units, c.Rankings)
	if err != nil {
		return nil, err
	}
	m, err := dataset.ParseMonth("2024-11")
	if err != nil {
		return nil, err
	}
	f, err := facts.Compute(data, c.Scope, m)
	if err != nil {
		return nil, err
	}
	cat, err := l10n.Load(locales.FS, nil)
	if err != nil {
		return nil, err
	}
	tmpl, err := press.LoadTemplates(templates.FS)
	if err != nil {
		return nil, err
	}
	out := map[string]press.Note{}
	for _, tag := range l10n.Languages {
		lang, err := cat.Lang(tag, l10n.Options{MonthSpelling: c.Hindi.MonthSpelling, Digits: c.Hindi.Digits, PadCounts: c.Hindi.PadCounts})
		if err != nil {
			return nil, err
		}
		n, err := tmpl.Compose(lang, press.Input{Facts: f, Office: c.Office, Signatory: c.Signatory, Date: noteDate})
		if err != nil {
			return nil, err
		}
		out[tag] = n
	}
	return out, nil
}

func typesetter(t testing.TB) *typeset.Typesetter {
	t.Helper()
	ts, err := typeset.NewTypesetter(fontSet(t), "mm")
	if err != nil {
		t.Fatal(err)
	}
	return ts
}

func draw(t testing.TB, doc Document, opts Options) []byte {
	t.Helper()
	b, err := Draw(typesetter(t), doc, opts)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func pdftotext(t *testing.T, pdf []byte) string {
	t.Helper()
	tool := testtools.RequireTool(t, "pdftotext")
	p := writeTemp(t, "doc.pdf", pdf)
	out, err := exec.Command(tool, "-enc", "UTF-8", p, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	return string(out)
}

// readingText is the text a reader sees in the laid-out document, in
// order: the letterhead's lines, then every line of the flow (a list item's
// first line after its marker) and each page's number.
func readingText(t testing.TB, doc Document, opts Options) string {
	t.Helper()
	opts.defaults()
	lo, err := layout(typesetter(t), doc, opts)
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	if lh := doc.Letterhead; lh != nil {
		b.WriteString(lh.Name + "\n")
		var contact []string
		for _, s := range []string{lh.Place, lh.Phone, lh.Email} {
			if s != "" {
				contact = append(contact, s)
			}
		}
		b.WriteString(strings.Join(contact, " | ") + "\n")
	}
	for n, pg := range lo.pages {
		for _, pl := range pg {
			if it := lo.items[pl.it]; pl.from == 0 && it.marker.Text != "" {
				b.WriteString(it.marker.Text + " ")
			}
			for k := pl.from; k < pl.to; k++ {
				b.WriteString(pl.p.Lines[k].Text + "\n")
			}
		}
		b.WriteString(pageLabel(n, len(lo.pages)) + "\n")
	}
	return b.String()
}

// firstDiff reports where got and want (folded) differ.
func firstDiff(t *testing.T, what, got, want string) {
	t.Helper()
	got, want = fold(got), fold(want)
	if got == want {
		return
	}
	i := 0
	for i < len(got) && i < len(want) && got[i] == want[i] {
		i++
	}
	t.Errorf("%s differs at byte %d:\n got …%q\nwant …%q", what, i, got[i:min(len(got), i+100)], want[i:min(len(want), i+100)])
}

func TestFromPress(t *testing.T) {
	n := exampleNote(t, "hi")
	doc := FromPress(n)
	if doc.Title != n.Title || doc.DocTitle != n.DocTitle || doc.DateLine != n.DateLine || doc.Lang != "hi" {
		t.Errorf("FromPress heading: %+v", doc)
	}
	if lh := doc.Letterhead; lh == nil || lh.Name != n.Office.Name || lh.Place != n.Office.Place || lh.Phone != n.Office.Phone || lh.Email != n.Office.Email {
		t.Errorf("FromPress letterhead: %+v", doc.Letterhead)
	}
	if n.Headline == "" || len(doc.Blocks) != 1+len(n.Paragraphs) || len(n.Paragraphs) < 2 {
		t.Fatalf("FromPress: %d blocks of a headline (%q) and %d paragraphs", len(doc.Blocks), n.Headline, len(n.Paragraphs))
	}
	if h := doc.Blocks[0]; h.Kind != Para || len(h.Spans) != 1 || !h.Spans[0].Bold || h.Text() != n.Headline {
		t.Errorf("first block %+v, want the headline %q in bold", h, n.Headline)
	}
	for i, b := range doc.Blocks[1:] {
		if b.Kind != Para || b.Text() != n.Paragraphs[i] {
			t.Errorf("block %d = %+v, want paragraph %q", i, b, n.Paragraphs[i])
		}
	}
	if s := doc.Signature; s == nil || s.Name != n.Signatory.Name || len(s.Lines) != 1 || s.Lines[0] != n.Signatory.Designation {
		t.Errorf("FromPress signature: %+v", doc.Signature)
	}
	n.Signatory.Designation = "पुलिस महानिरीक्षक\nकानपुर जोन\n"
	if s := FromPress(n).Signature; len(s.Lines) != 2 || s.Lines[1] != "कानपुर जोन" {
		t.Errorf("designation on two lines: %q", s.Lines)
	}
	n.Office, n.Signatory = press.Office{}, press.Signatory{}
	if d := FromPress(n); d.Letterhead != nil || d.Signature != nil {
		t.Error("empty office and signatory give a letterhead or signature")
	}
}

// TestPressNotePDF: the example month's press notes are one page each (no
// page number), the same bytes every time, dated as asked, titled with the
// note's DocTitle, and their text copies out: the letterhead, title, date
// line, every paragraph and the signature, in that order.
func TestPressNotePDF(t *testing.T) {
	for _, lang := range []string{"hi", "en"} {
		t.Run(lang, func(t *testing.T) {
			n := exampleNote(t, lang)
			doc := FromPress(n)
			opts := Options{CreationDate: noteDate}
			a := draw(t, doc, opts)
			if pc := pageCount(a); pc != 1 {
				t.Errorf("%d pages, want 1", pc)
			}
			if b := draw(t, doc, opts); !bytes.Equal(a, b) {
				t.Error("same note, different PDF bytes")
			}
			if !bytes.Contains(a, []byte("D:20241201000000")) {
				t.Error("creation date not written")
			}
			text := pdftotext(t, a)
			if regexp.MustCompile(`\d+ / \d+`).MatchString(text) {
				t.Error("a one-page note has a page number")
			}
			want := []string{n.Office.Name, n.Office.Phone, n.Office.Email, n.Title, n.DateLine,
				strings.Join(n.Paragraphs, "\n"), n.Signatory.Name, n.Signatory.Designation}
			got := fold(text)
			at := 0
			for _, w := range want {
				i := strings.Index(got[at:], fold(w))
				if i < 0 {
					t.Fatalf("pdftotext lacks, after byte %d, %q\ngot %q", at, fold(w), got)
				}
				at += i + len(fold(w))
			}
			firstDiff(t, "pdftotext", text, readingText(t, doc, opts))
			info := testtools.RequireTool(t, "pdfinfo")
			out, err := exec.Command(info, writeTemp(t, "note.pdf", a)).Output()
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(fold(string(out)), "Title: "+fold(n.DocTitle)) {
				t.Errorf("pdfinfo: no title %q:\n%s", n.DocTitle, out)
			}
		})
	}
}

// TestPressNotePdfcheck: the paragraphs of the hi and en press notes must
// copy out exactly and OCR must read them back with at most 2% character
// errors (see checkPDF).
func TestPressNotePdfcheck(t *testing.T) {
	if testing.Short() {
		t.Skip("OCR takes a while; skipped in -short mode")
	}
	for _, lang := range []string{"hi", "en"} {
		t.Run(lang, func(t *testing.T) {
			n := exampleNote(t, lang)
			pdfPath := filepath.Join(t.TempDir(), "press-note."+lang+".pdf")
			if err := os.WriteFile(pdfPath, draw(t, FromPress(n), Options{CreationDate: noteDate}), 0o644); err != nil {
				t.Fatal(err)
			}
			checkPDF(t, pdfPath, strings.Join(n.Paragraphs, "\n")+"\n", 0.02)
		})
	}
}

const markdownNote = `# प्रेस विज्ञप्ति: **IGRS** रैंकिंग

जनपद पुलिस ने **जनसुनवाई समाधान प्रणाली** की रैंकिंग में *लगातार* प्रथम स्थान
प्राप्त किया है। विवरण [IGRS पोर्टल](https://jansunwai.up.nic.in) पर तथा ` + "`igrs/2024-11`" + ` में है।

## मुख्य बिन्दु

- शिकायतों का **समय से** निस्तारण
- संतुष्टि सर्वे में 100% अंक
  1. पहला उप-बिन्दु
  2. दूसरा उप-बिन्दु
- अन्तिम बिन्दु, जो इतना लम्बा है कि वह एक पंक्ति में नहीं समाता और अगली पंक्ति में लटकते हुए हाशिये के साथ आगे बढ़ता है।

### English heading

The **Inspector General** thanked the officers  
\*and\* staff &amp; said\
so.
`

func TestFromMarkdown(t *testing.T) {
	doc, err := FromMarkdown([]byte(markdownNote))
	if err != nil {
		t.Fatal(err)
	}
	if doc.Title != "प्रेस विज्ञप्ति: IGRS रैंकिंग" {
		t.Errorf("title %q", doc.Title)
	}
	type want struct {
		kind   Kind
		level  int
		marker string
		spans  []Span
	}
	wants := []want{
		{Para, 0, "", []Span{{"जनपद पुलिस ने ", false}, {"जनसुनवाई समाधान प्रणाली", true}, {" की रैंकिंग में लगातार प्रथम स्थान प्राप्त किया है। विवरण IGRS पोर्टल पर तथा igrs/2024-11 में है।", false}}},
		{Heading, 2, "", []Span{{"मुख्य बिन्दु", false}}},
		{Item, 0, "•", []Span{{"शिकायतों का ", false}, {"समय से", true}, {" निस्तारण", false}}},
		{Item, 0, "•", []Span{{"संतुष्टि सर्वे में 100% अंक", false}}},
		{Item, 1, "1.", []Span{{"पहला उप-बिन्दु", false}}},
		{Item, 1, "2.", []Span{{"दूसरा उप-बिन्दु", false}}},
		{Item, 0, "•", []Span{{"अन्तिम बिन्दु, जो इतना लम्बा है कि वह एक पंक्ति में नहीं समाता और अगली पंक्ति में लटकते हुए हाशिये के साथ आगे बढ़ता है।", false}}},
		{Heading, 3, "", []Span{{"English heading", false}}},
		{Para, 0, "", []Span{{"The ", false}, {"Inspector General", true}, {" thanked the officers *and* staff & said so.", false}}},
	}
	if len(doc.Blocks) != len(wants) {
		t.Fatalf("%d blocks, want %d: %+v", len(doc.Blocks), len(wants), doc.Blocks)
	}
	for i, w := range wants {
		b := doc.Blocks[i]
		b.Spans[len(b.Spans)-1].Text = strings.TrimRight(b.Spans[len(b.Spans)-1].Text, " ")
		if b.Kind != w.kind || b.Level != w.level || b.Marker != w.marker || len(b.Spans) != len(w.spans) {
			t.Errorf("block %d = %+v, want %+v", i, b, w)
			continue
		}
		for k := range w.spans {
			if b.Spans[k] != w.spans[k] {
				t.Errorf("block %d span %d = %+v, want %+v", i, k, b.Spans[k], w.spans[k])
			}
		}
	}
	// A first heading of level 2 is no title; headings deeper than 3 are 3.
	doc, err = FromMarkdown([]byte("## Not a title\n\n#### Deep\n\ntext\n"))
	if err != nil || doc.Title != "" || doc.Blocks[0].Kind != Heading || doc.Blocks[0].Level != 2 || doc.Blocks[1].Level != 3 {
		t.Errorf("headings: %+v, %v", doc, err)
	}
	// Ordered lists count from their start; a second paragraph of an item
	// has no marker.
	doc, err = FromMarkdown([]byte("7) seven\n\n   more of seven\n8) eight\n"))
	if err != nil || len(doc.Blocks) != 3 || doc.Blocks[0].Marker != "7)" || doc.Blocks[1].Marker != "" || doc.Blocks[1].Kind != Item || doc.Blocks[2].Marker != "8)" {
		t.Errorf("ordered list: %+v, %v", doc.Blocks, err)
	}
}

func TestFromMarkdownErrors(t *testing.T) {
	for _, c := range []struct {
		src  string
		line int
		msg  string
	}{
		{"# T\n\ntext\n\n![emblem](x.png)\n", 5, "image"},
		{"text\n\nmore text with an ![image](x.png) inside\n", 3, "image"},
		{"para\n\n<div>\nhi\n</div>\n", 3, "HTML"},
		{"para with <b>html</b>\n", 1, "HTML"},
		{"a\n\n| x | y |\n|---|---|\n| 1 | 2 |\n", 4, "table"},
		{"a\n\n```\ncode\n```\n", 3, "code block"},
		{"a\n\n    indented code\n", 3, "code block"},
		{"a\n\n***\n\nb\n", 3, "horizontal rule"},
		{"a\n\n> quoted\n", 3, "block quote"},
		{"- item\n\n  > quoted in an item\n", 3, "block quote"},
	} {
		_, err := FromMarkdown([]byte(c.src))
		var me *MarkdownError
		if !errors.As(err, &me) || me.Line != c.line || !strings.Contains(me.Msg, c.msg) {
			t.Errorf("FromMarkdown(%q) = %v; want line %d, %q", c.src, err, c.line, c.msg)
		}
	}
}

// TestMarkdownPDF: a Markdown note with headings, bold text and nested
// lists copies out as laid out (markers before their items) and holds the
// bold face.
func TestMarkdownPDF(t *testing.T) {
	doc, err := FromMarkdown([]byte(markdownNote))
	if err != nil {
		t.Fatal(err)
	}
	pdf := draw(t, doc, Options{})
	if pageCount(pdf) != 1 {
		t.Errorf("%d pages", pageCount(pdf))
	}
	text := pdftotext(t, pdf)
	firstDiff(t, "pdftotext", text, readingText(t, doc, Options{}))
	for _, w := range []string{doc.Title, "मुख्य बिन्दु", "• शिकायतों का समय से निस्तारण", "1. पहला उप-बिन्दु", "thanked the officers *and* staff & said so."} {
		if !strings.Contains(fold(text), fold(w)) {
			t.Errorf("pdftotext lacks %q", w)
		}
	}
	// Bold text is drawn in bold fonts: the same document with no bold
	// (no title, headings as paragraphs) uses fewer fonts, all embedded.
	plain := Document{}
	for _, b := range doc.Blocks {
		if b.Kind == Heading {
			b.Kind = Para
		}
		var spans []Span
		for _, s := range b.Spans {
			spans = append(spans, Span{Text: s.Text})
		}
		b.Spans = spans
		plain.Blocks = append(plain.Blocks, b)
	}
	if a, b := fontCount(t, pdf), fontCount(t, draw(t, plain, Options{})); a <= b || b == 0 {
		t.Errorf("%d fonts with bold, %d without", a, b)
	}
}

// fontCount is the number of fonts pdffonts lists, failing on one not
// embedded.
func fontCount(t *testing.T, pdf []byte) int {
	t.Helper()
	tool := testtools.RequireTool(t, "pdffonts")
	out, err := exec.Command(tool, writeTemp(t, "f.pdf", pdf)).Output()
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(string(out)), "\n")[2:]
	for _, l := range lines {
		if f := strings.Fields(l); len(f) < 5 || f[len(f)-5] != "yes" {
			t.Errorf("font not embedded: %s", l)
		}
	}
	return len(lines)
}

// TestKeepHeadings: however the text falls, no page ends with a heading,
// and the signature's lines stay together.
func TestKeepHeadings(t *testing.T) {
	_, paras := Parse(pressNote(t))
	var doc Document
	for i, p := range paras {
		doc.Blocks = append(doc.Blocks, Block{Kind: Heading, Level: 1 + i%3, Spans: []Span{{Text: "शीर्षक"}}}, Block{Kind: Para, Spans: []Span{{Text: p}}})
	}
	doc.Signature = &Signature{Name: "नाम", Lines: []string{"पद", "कार्यालय"}}
	ts := typesetter(t)
	pages := 0
	for gap := 1.0; gap < 12; gap += 0.5 {
		opts := Options{ParagraphGap: gap}
		opts.defaults()
		lo, err := layout(ts, doc, opts)
		if err != nil {
			t.Fatal(err)
		}
		pages = max(pages, len(lo.pages))
		for pn, pg := range lo.pages {
			last := pg[len(pg)-1]
			if pn < len(lo.pages)-1 && lo.items[last.it].keep {
				t.Errorf("gap %v: page %d ends with a heading or signature line", gap, pn+1)
			}
			for _, pl := range pg {
				if lo.items[pl.it].keep && (pl.from != 0 || pl.to != len(pl.p.Lines)) {
					t.Errorf("gap %v: page %d splits a heading", gap, pn+1)
				}
			}
		}
		lastPage := lo.pages[len(lo.pages)-1]
		if len(lastPage) < 3 || lastPage[len(lastPage)-3].p.Lines[0].Text != "नाम" {
			t.Errorf("gap %v: the signature is split over pages", gap)
		}
	}
	if pages < 2 {
		t.Errorf("the test document has %d pages; it needs more to test anything", pages)
	}
}

// TestLongDocument: a document over several pages numbers them "n / N" and
// copies out in order.
func TestLongDocument(t *testing.T) {
	n := exampleNote(t, "en")
	for range 3 {
		n.Paragraphs = append(n.Paragraphs, n.Paragraphs...)
	}
	doc := FromPress(n)
	pdf := draw(t, doc, Options{})
	pc := pageCount(pdf)
	if pc < 3 {
		t.Fatalf("%d pages", pc)
	}
	text := pdftotext(t, pdf)
	for i := 1; i <= pc; i++ {
		if !strings.Contains(text, pageLabel(i-1, pc)) {
			t.Errorf("no page number %q", pageLabel(i-1, pc))
		}
	}
	firstDiff(t, "pdftotext", text, readingText(t, doc, Options{}))
}

func pngBytes(t *testing.T, w, h int) []byte {
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			img.Set(x, y, color.RGBA{uint8(x * 255 / w), 40, 120, 255})
		}
	}
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestLetterheadEmblem(t *testing.T) {
	n := exampleNote(t, "hi")
	doc := FromPress(n)
	plain := draw(t, doc, Options{})
	doc.Letterhead.Emblem, doc.Letterhead.EmblemType = pngBytes(t, 60, 80), "png"
	with := draw(t, doc, Options{})
	if bytes.Contains(plain, []byte("/Subtype /Image")) || !bytes.Contains(with, []byte("/Subtype /Image")) {
		t.Error("the emblem is not (only) in the document with one")
	}
	if !bytes.Equal(with, draw(t, doc, Options{})) {
		t.Error("same emblem, different bytes")
	}
	doc.Letterhead.EmblemType = "gif"
	if _, err := Draw(typesetter(t), doc, Options{}); err == nil || !strings.Contains(err.Error(), "gif") {
		t.Errorf("gif emblem: %v", err)
	}
	doc.Letterhead.Emblem, doc.Letterhead.EmblemType = []byte("not a png"), "png"
	if _, err := Draw(typesetter(t), doc, Options{}); err == nil || !strings.Contains(err.Error(), "emblem") {
		t.Errorf("broken emblem: %v", err)
	}
}

func TestDrawErrors(t *testing.T) {
	ts := typesetter(t)
	var ce *typeset.CharError
	for _, doc := range []Document{
		{Title: "ठीक", Blocks: []Block{{Spans: []Span{{Text: "यह "}, {Text: "☃", Bold: true}}}}},
		{Title: "ठीक", Letterhead: &Letterhead{Name: "कार्यालय ☃"}},
		{Title: "ठीक", Signature: &Signature{Name: "☃"}},
		{Title: "ठीक", Blocks: []Block{{Kind: Item, Marker: "☃", Spans: []Span{{Text: "x"}}}}},
	} {
		b, err := Draw(ts, doc, Options{})
		if !errors.As(err, &ce) || ce.Char != '☃' || b != nil {
			t.Errorf("Draw with a snowman: %v, %d bytes", err, len(b))
		}
	}
	if _, err := Draw(ts, Document{Blocks: []Block{{Spans: []Span{{Text: "  "}}}}, Signature: &Signature{Name: "x"}}, Options{}); err == nil {
		t.Error("empty document accepted")
	}
	if _, err := Draw(nil, FromText("x"), Options{}); err == nil {
		t.Error("nil typesetter accepted")
	}
}

func TestUnescape(t *testing.T) {
	for in, want := range map[string]string{
		`a \* b`:        "a * b",
		`&amp; &#2325;`: "& क",
		`\&amp;`:        "&amp;",
		`back\slash`:    `back\slash`,
		"plain हिन्दी":  "plain हिन्दी",
	} {
		if got := unescape(in); got != want {
			t.Errorf("unescape(%q) = %q, want %q", in, got, want)
		}
	}
}

// BenchmarkPressNote: one Hindi press note PDF of the example month, with
// a Typesetter that has drawn it before (as a build worker's would).
func BenchmarkPressNote(b *testing.B) {
	doc := FromPress(exampleNote(b, "hi"))
	ts := typesetter(b)
	size := 0
	for b.Loop() {
		pdf, err := Draw(ts, doc, Options{CreationDate: noteDate})
		if err != nil {
			b.Fatal(err)
		}
		size = len(pdf)
	}
	b.ReportMetric(float64(size)/1024, "pdf-KB")
}

// TestDrawConcurrent: a Typesetter per goroutine, one shared FontSet; every
// goroutine gets the bytes a lone one does.
func TestDrawConcurrent(t *testing.T) {
	docs := []Document{FromPress(exampleNote(t, "hi")), FromPress(exampleNote(t, "en")), FromText(pressNote(t))}
	want := make([][]byte, len(docs))
	for i, d := range docs {
		want[i] = draw(t, d, Options{})
	}
	var wg sync.WaitGroup
	errs := make(chan string, 8)
	for g := range 2 {
		wg.Go(func() {
			ts, err := typeset.NewTypesetter(fontSet(t), "mm")
			if err != nil {
				errs <- err.Error()
				return
			}
			for k := range 3 {
				i := (g + k) % len(docs)
				got, err := Draw(ts, docs[i], Options{})
				if err != nil || !bytes.Equal(got, want[i]) {
					errs <- fmt.Sprintf("goroutine %d, document %d: %v, same bytes %v", g, i, err, bytes.Equal(got, want[i]))
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
}
