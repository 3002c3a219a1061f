// Package press writes the press note: it composes a Note (title, date
// line, paragraphs, signature) from the facts with the body template and
// the catalogs, and renders a Note as plain text, Markdown or HTML. The PDF
// press note renders the same Note, so every format carries one wording.
package press

import (
	"bytes"
	"fmt"
	htmltemplate "html/template"
	"io/fs"
	"regexp"
	"strings"
	"text/template"
	"time"

	"github.com/igrs-pro/bulletin/bulletin/config"
	"github.com/igrs-pro/bulletin/bulletin/dataset"
	"github.com/igrs-pro/bulletin/bulletin/facts"
	"github.com/igrs-pro/bulletin/bulletin/l10n"
)

// Formats are the text formats Render writes.
var Formats = []string{"txt", "md", "html"}

// Template file names.
const (
	bodyFile = "press-body.tmpl"
	txtFile  = "press.txt.tmpl"
	mdFile   = "press.md.tmpl"
	htmlFile = "press.html.tmpl"
)

// Note is a press note in one language, ready to be laid out.
type Note struct {
	Lang     string
	Month    dataset.Month
	Title    string
	DocTitle string
	DateLine string
	// Headline is the note's first line after the date line: the
	// strongest true fact ("आईजीआरएस रैंकिंग नवम्बर-2024: कानपुर जोन प्रदेश
	// में प्रथम; ..."), from the template "headline" of press-body.tmpl.
	// Cards and messages that carry one line of the note use it. Empty when
	// an office's body template defines no headline.
	Headline   string
	Office     Office
	Paragraphs []string
	Signatory  Signatory
}

// Office is the letterhead of the note, in the note's language.
type Office struct {
	Name, Place, Phone, Email string
}

// Signatory signs the note, in the note's language.
type Signatory struct {
	Name, Designation string
}

// Templates are the parsed press note templates.
type Templates struct {
	body *template.Template
	txt  *template.Template
	md   *template.Template
	html *htmltemplate.Template
}

// LoadTemplates parses the press note templates from fsys. Errors name the
// template file and line.
func LoadTemplates(fsys fs.FS) (*Templates, error) {
	// Parse with stand-in functions of the right names; Compose binds the
	// language's own.
	names := template.FuncMap{}
	for k := range bodyFuncs(&l10n.Lang{}) {
		names[k] = func(...any) string { return "" }
	}
	var t Templates
	var err error
	parse := func(name string, funcs template.FuncMap) *template.Template {
		if err != nil {
			return nil
		}
		var b []byte
		if b, err = fs.ReadFile(fsys, name); err != nil {
			err = fmt.Errorf("template %s: %w", name, err)
			return nil
		}
		var tt *template.Template
		tt, err = template.New(name).Funcs(funcs).Parse(string(b))
		return tt
	}
	t.body = parse(bodyFile, names)
	t.txt = parse(txtFile, nil)
	t.md = parse(mdFile, template.FuncMap{"md": markdownEscape})
	if err != nil {
		return nil, err
	}
	b, err := fs.ReadFile(fsys, htmlFile)
	if err != nil {
		return nil, fmt.Errorf("template %s: %w", htmlFile, err)
	}
	if t.html, err = htmltemplate.New(htmlFile).Parse(string(b)); err != nil {
		return nil, err
	}
	return &t, nil
}

// Input is what a press note is made of besides the facts.
type Input struct {
	Facts     *facts.Facts
	Office    config.Office
	Signatory config.Signatory
	Date      time.Time // the date printed on the note
	// Joint says so when the scope shares its rank (press.joint).
	Joint bool
	// ListThanas names the thanas that came first when there are at most
	// this many (press.list_thanas).
	ListThanas int
}

// bodyData is what press-body.tmpl sees.
type bodyData struct {
	Facts     *facts.Facts
	Office    Office
	Signatory Signatory
	Date      time.Time
	// Joint is true when the scope shares its rank and the office says so.
	Joint      bool
	ListThanas int
}

// Compose writes the note in the language of lang.
func (t *Templates) Compose(lang *l10n.Lang, in Input) (Note, error) {
	n := Note{Lang: lang.Tag, Month: in.Facts.Month}
	hi := lang.Tag == "hi"
	pick := func(h, e string) string {
		if hi {
			return h
		}
		return e
	}
	n.Office = Office{
		Name:  pick(in.Office.NameHi, in.Office.NameEn),
		Place: pick(in.Office.PlaceHi, in.Office.PlaceEn),
		Phone: in.Office.Phone,
		Email: in.Office.Email,
	}
	n.Signatory = Signatory{
		Name:        pick(in.Signatory.NameHi, in.Signatory.NameEn),
		Designation: pick(in.Signatory.DesignationHi, in.Signatory.DesignationEn),
	}
	var err error
	if n.Title, err = lang.Msg("Press.Title"); err != nil {
		return n, err
	}
	month, err := lang.MonthYear(in.Facts.Month)
	if err != nil {
		return n, err
	}
	if n.DocTitle, err = lang.Msg("Press.DocTitle", "Month", month); err != nil {
		return n, err
	}
	date, err := lang.Date(in.Date)
	if err != nil {
		return n, err
	}
	if n.DateLine, err = lang.Msg("Press.DateLine", "Place", n.Office.Place, "Date", date); err != nil {
		return n, err
	}
	body, err := t.body.Clone()
	if err != nil {
		return n, err
	}
	var buf bytes.Buffer
	data := bodyData{Facts: in.Facts, Office: n.Office, Signatory: n.Signatory, Date: in.Date,
		Joint: in.Joint && in.Facts.Scope.SharingRank > 1, ListThanas: in.ListThanas}
	body = body.Funcs(bodyFuncs(lang))
	if err := body.Execute(&buf, data); err != nil {
		return n, fmt.Errorf("%s (%s): %w", bodyFile, lang.Tag, err)
	}
	n.Paragraphs = Paragraphs(buf.String())
	if body.Lookup(headlineTemplate) != nil {
		buf.Reset()
		if err := body.ExecuteTemplate(&buf, headlineTemplate, data); err != nil {
			return n, fmt.Errorf("%s (%s): %w", bodyFile, lang.Tag, err)
		}
		n.Headline = strings.Join(strings.Fields(buf.String()), " ")
	}
	return n, nil
}

// headlineTemplate is the template of press-body.tmpl that writes the
// headline.
const headlineTemplate = "headline"

// paragraphBreak is what {{paragraph}} writes in the body template.
const paragraphBreak = "\f"

// bodyFuncs are the functions of the body template: the language's, and
// paragraph, which ends a paragraph.
func bodyFuncs(lang *l10n.Lang) template.FuncMap {
	fm := lang.Funcs()
	fm["paragraph"] = func() string { return paragraphBreak }
	return fm
}

// Paragraphs splits the body template's output at its paragraph breaks and
// folds the white space inside each paragraph to single spaces, dropping
// empty paragraphs.
func Paragraphs(text string) []string {
	var ps []string
	for _, p := range strings.Split(text, paragraphBreak) {
		if p = strings.Join(strings.Fields(p), " "); p != "" {
			ps = append(ps, p)
		}
	}
	return ps
}

// Render writes the note in format (txt, md or html).
func (t *Templates) Render(format string, n Note) ([]byte, error) {
	var buf bytes.Buffer
	var err error
	switch format {
	case "txt":
		err = t.txt.Execute(&buf, n)
	case "md":
		err = t.md.Execute(&buf, n)
	case "html":
		err = t.html.Execute(&buf, n)
	default:
		return nil, fmt.Errorf("unknown format %q; use one of %s", format, strings.Join(Formats, ", "))
	}
	if err != nil {
		return nil, fmt.Errorf("press.%s.tmpl: %w", format, err)
	}
	return buf.Bytes(), nil
}

var markdownSpecial = strings.NewReplacer(
	`\`, `\\`, "*", `\*`, "_", `\_`, "`", "\\`", "[", `\[`, "]", `\]`,
	"<", `\<`, ">", `\>`, "#", `\#`, "|", `\|`, "&", `\&`,
)

// listStart is what makes a Markdown line a list item: "1." or "1)",
// "-", "+".
var listStart = regexp.MustCompile(`^(\d+)([.)])|^([-+])`)

// markdownEscape escapes the characters that Markdown would read as markup,
// and a start that would make the paragraph a list item.
func markdownEscape(s string) string {
	s = markdownSpecial.Replace(s)
	return listStart.ReplaceAllString(s, `$1\$2$3`)
}
