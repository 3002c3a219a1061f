// Package certificate makes the appreciation certificates (प्रशस्ति पत्र):
// it composes a certificate's wording from the catalogs (Compose), reads
// the page layout the office can edit (ParseLayout) and draws a
// certificate as one A4 landscape page with the typesetting engine (Draw).
package certificate

import (
	"bytes"
	"fmt"
	"net/url"
	"strings"
	"text/template"
	"time"

	"github.com/igrs-pro/bulletin/bulletin/config"
	"github.com/igrs-pro/bulletin/bulletin/dataset"
	"github.com/igrs-pro/bulletin/bulletin/facts"
	"github.com/igrs-pro/bulletin/bulletin/l10n"
)

// Text is a certificate's wording in one language.
type Text struct {
	Lang        string
	Title       string // प्रशस्ति पत्र
	Unit        string // थाना बिधूना, जनपद औरैया
	Citation    string // why it is awarded
	Name        string // the signatory
	Designation string
}

// Identity is the issuing office as the head of a certificate shows it.
type Identity struct {
	Emblem     []byte // PNG or JPEG (office.emblem); nil for none
	EmblemType string // "png" or "jpg"
	// Org is the organisation line and Office the office's name, by
	// language tag ("hi", "en"): office.org_hi, office.name_hi, ...
	Org, Office map[string]string
}

// Verification is what a certificate carries to be checked against the
// register: the code printed on it and the text of its QR code.
type Verification struct {
	Code    string // register.CodeLen characters
	Payload string // <verify_base>/verify?n=...&c=..., or n=...;c=...
}

// QRPayload is the text of a certificate's QR code: the verification
// page's address with the number and code, URL-escaped, when the office
// publishes one (base), else "n=<number>;c=<code>".
func QRPayload(base, number, code string) string {
	if base == "" {
		return "n=" + number + ";c=" + code
	}
	return strings.TrimRight(base, "/") + "/verify?n=" + url.QueryEscape(number) + "&c=" + url.QueryEscape(code)
}

// Certificate is one unit's certificate, in one or more languages.
type Certificate struct {
	Award  facts.Award
	Number string
	// Identity is the issuer at the head of the page (shared by a month's
	// certificates); nil draws none.
	Identity *Identity
	// Verification is the code and QR code; CodeLine is the code with its
	// labels, as NumberLine.
	Verification Verification
	CodeLine     string
	// NumberLine and DateLine are written once for all languages, their
	// labels joined: "प्रमाण पत्र संख्या / Certificate No.: KZ/IGRS/2024-11/THANA/0042",
	// "दिनांक / Date: 01.12.2024".
	NumberLine string
	DateLine   string
	Texts      []Text
}

// Numberer formats certificate numbers from a template such as
// KZ/IGRS/{{.Month}}/{{.LEVEL}}/{{printf "%04d" .Serial}}.
type Numberer struct{ t *template.Template }

// NumberData is what a certificate number template sees.
type NumberData struct {
	Month string // 2024-11
	Level string // thana
	LEVEL string // THANA
	// Serial is the register's serial of the certificate: its place among
	// the month's certificates of its level, in the order they were first
	// issued, from 1. It never changes once given.
	Serial int
	Unit   string // the unit's id
}

const numberHint = `write it like KZ/IGRS/{{.Month}}/{{.LEVEL}}/{{printf "%04d" .Serial}}`

// NewNumberer parses a certificate number template.
func NewNumberer(tmpl string) (*Numberer, error) {
	if strings.Contains(tmpl, ".Seq") {
		return nil, fmt.Errorf("certificates.number %q uses .Seq, the unit's place in units.csv, which shifts when a unit is added; use .Serial, the register's serial, which never changes: %s", tmpl, numberHint)
	}
	t, err := template.New("number").Option("missingkey=error").Parse(tmpl)
	if err != nil {
		return nil, fmt.Errorf("certificates.number %q: %v; %s", tmpl, err, numberHint)
	}
	return &Numberer{t: t}, nil
}

// Number formats the number of a's certificate, the serial-th of its
// month and level.
func (n *Numberer) Number(a facts.Award, serial int) (string, error) {
	var b bytes.Buffer
	lv := a.Unit.Level.String()
	err := n.t.Execute(&b, NumberData{Month: a.Month.String(), Level: lv, LEVEL: strings.ToUpper(lv), Serial: serial, Unit: a.Unit.ID})
	if err != nil {
		return "", fmt.Errorf("certificates.number: %v; %s", err, numberHint)
	}
	return b.String(), nil
}

// Compose writes a's certificate in each of langs (Composer.Compose, for
// one certificate).
func Compose(langs []*l10n.Lang, a facts.Award, number string, date time.Time, sig config.Signatory, id *Identity, v Verification) (Certificate, error) {
	return NewComposer(Batch{Langs: langs, Month: a.Month, Date: date, Signatory: sig, Identity: id}).compose(a, number, v)
}

// Ref is a certificate as a batch holds it until it is drawn: its award,
// number and verification code. Its wording is composed from them each
// time it is needed (Composer), so that what a batch holds per
// certificate is small whatever its size (issue 14).
type Ref struct {
	Award  facts.Award
	Number string
	Code   string // register.CodeLen characters
}

// Batch is what a month's certificates share.
type Batch struct {
	Langs      []*l10n.Lang  // the first writes the lines shared by all languages
	Month      dataset.Month // the month most are awarded for (their citations')
	Date       time.Time     // the certificates' date
	Signatory  config.Signatory
	Identity   *Identity // the issuer; nil for none
	VerifyBase string    // certificates.verify_base (see QRPayload)
}

// Composer writes the certificates of a batch. What they all print alike
// (the titles, the date line, the labels) is composed once; each
// certificate's own lines when it is composed. It is immutable and safe
// for concurrent use.
//
// An error composing a shared line is that of every certificate, and
// each reports it as composing it alone would (Compose): where that
// composing meets it first, and as it names it (a title or month in a
// language's text, "certificate of <unit>: ..."; the date, number and code
// lines as they are), so that a bad catalog message reads the same
// whichever certificate meets it.
type Composer struct {
	b     Batch
	noQR  bool
	langs []sharedText // by language of b.Langs
	// The lines every certificate prints alike, or their errors.
	dateLine    string
	dateErr     error
	numberLabel string // the labels of a labelled line, joined (see labelLine)
	numberErr   error
	codeLabel   string
	codeErr     error
}

// sharedText is what the texts of a language print alike: the title and
// the batch's month, or their errors.
type sharedText struct {
	title, month       string
	titleErr, monthErr error
}

// NewComposer returns the Composer of batch b.
func NewComposer(b Batch) *Composer {
	c := &Composer{b: b}
	if len(b.Langs) == 0 {
		return c
	}
	c.langs = make([]sharedText, len(b.Langs))
	for i, l := range b.Langs {
		st := &c.langs[i]
		st.title, st.titleErr = l.Msg("Cert.Title")
		if b.Month != (dataset.Month{}) {
			st.month, st.monthErr = l.MonthYear(b.Month)
		}
	}
	c.dateLine, c.dateErr = c.composeDateLine()
	c.numberLabel, c.numberErr = labels(b.Langs, "Cert.NumberLabel")
	c.codeLabel, c.codeErr = labels(b.Langs, "Cert.CodeLabel")
	return c
}

// composeDateLine writes the date line, in the first language's words.
func (c *Composer) composeDateLine() (string, error) {
	first, date := c.b.Langs[0], c.b.Date
	d, err := first.Msg("Cert.NumericDate", "Day2", first.Num2(date.Day()), "Month2", first.Num2(int(date.Month())), "Year", first.Num(date.Year()))
	if err != nil {
		return "", err
	}
	label, err := labels(c.b.Langs, "Cert.DateLabel")
	if err != nil {
		return "", err
	}
	return labelLine(c.b.Langs, label, d)
}

// WithoutQR returns c composing certificates without their QR codes (a
// benchmark's baseline).
func (c *Composer) WithoutQR() *Composer {
	d := *c
	d.noQR = true
	return &d
}

// Identity is the issuer at the head of the batch's certificates.
func (c *Composer) Identity() *Identity { return c.b.Identity }

// Compose writes r's certificate in each language of the batch.
func (c *Composer) Compose(r Ref) (Certificate, error) {
	return c.compose(r.Award, r.Number, c.verification(r))
}

// NumberRuns returns the texts r's certificate draws its number and code
// with (see Certificate.NumberRuns), composing those lines only.
func (c *Composer) NumberRuns(r Ref) ([]string, error) {
	cert := Certificate{Award: r.Award}
	if err := c.number(&cert, r.Number, c.verification(r)); err != nil {
		return nil, err
	}
	return cert.NumberRuns(), nil
}

func (c *Composer) verification(r Ref) Verification {
	v := Verification{Code: r.Code}
	if !c.noQR {
		v.Payload = QRPayload(c.b.VerifyBase, r.Number, r.Code)
	}
	return v
}

func (c *Composer) compose(a facts.Award, number string, v Verification) (Certificate, error) {
	b := c.b
	cert := Certificate{Award: a, Identity: b.Identity, Texts: make([]Text, 0, len(b.Langs))}
	if len(b.Langs) == 0 {
		return cert, fmt.Errorf("certificate of %s: no language", a.Unit.ID)
	}
	for i, l := range b.Langs {
		t, err := c.composeText(i, l, a)
		if err != nil {
			return cert, fmt.Errorf("certificate of %s: %w", a.Unit.ID, err)
		}
		if l.Tag == "hi" {
			t.Name, t.Designation = b.Signatory.NameHi, b.Signatory.DesignationHi
		} else {
			t.Name, t.Designation = b.Signatory.NameEn, b.Signatory.DesignationEn
		}
		cert.Texts = append(cert.Texts, t)
	}
	if c.dateErr != nil {
		return cert, c.dateErr
	}
	cert.DateLine = c.dateLine
	return cert, c.number(&cert, number, v)
}

// monthYear is month m in language i of the batch.
func (c *Composer) monthYear(i int, m dataset.Month) (string, error) {
	if m == c.b.Month && m != (dataset.Month{}) {
		return c.langs[i].month, c.langs[i].monthErr
	}
	return c.b.Langs[i].MonthYear(m)
}

// number gives cert its number and verification, and writes the lines
// that show them.
func (c *Composer) number(cert *Certificate, number string, v Verification) error {
	cert.Number, cert.Verification = number, v
	if len(c.b.Langs) == 0 {
		return fmt.Errorf("certificate of %s: no language", cert.Award.Unit.ID)
	}
	var err error
	if c.numberErr != nil {
		return c.numberErr
	}
	if cert.NumberLine, err = labelLine(c.b.Langs, c.numberLabel, number); err != nil {
		return err
	}
	if c.codeErr != nil {
		return c.codeErr
	}
	cert.CodeLine, err = labelLine(c.b.Langs, c.codeLabel, v.Code)
	return err
}

// labels returns the label id in each of langs, joined last language
// first (see labelLine).
func labels(langs []*l10n.Lang, id string) (string, error) {
	out := make([]string, len(langs))
	for i, l := range langs {
		label, err := l.Msg(id)
		if err != nil {
			return "", err
		}
		out[len(langs)-1-i] = label
	}
	return strings.Join(out, " / "), nil
}

// labelLine is a labelled line (Cert.Label): the labels (see labels) and
// the value, in the first language's words. The labels are joined last
// language first, so that the label next to the value (Latin letters and
// figures) is the one in its script: "Certificate No. / प्रमाण पत्र
// संख्या: KZ/IGRS/...". OCR and readers alike then take the number as one
// run of Latin text.
func labelLine(langs []*l10n.Lang, labels, value string) (string, error) {
	return langs[0].Msg("Cert.Label", "Label", labels, "Value", value)
}

// composeText writes a's wording in language i of the batch (l) but its
// signature.
func (c *Composer) composeText(i int, l *l10n.Lang, a facts.Award) (Text, error) {
	t := Text{Lang: l.Tag}
	unit, err := l.Unit(a.Unit)
	if err != nil {
		return t, err
	}
	t.Unit = unit
	if a.Parent != nil {
		parent, err := l.Unit(*a.Parent)
		if err != nil {
			return t, err
		}
		if t.Unit, err = l.Msg("Cert.UnitLine", "Unit", unit, "Parent", parent); err != nil {
			return t, err // not the unit alone, without its parent: no line at all
		}
	}
	month, err := c.monthYear(i, a.Month)
	if err != nil {
		return t, err
	}
	ord, err := l.Ordinal(a.Rank)
	if err != nil {
		return t, err
	}
	if t.Title, err = c.langs[i].title, c.langs[i].titleErr; err != nil {
		return t, err
	}
	switch {
	case a.Score != nil && a.MaxScore != nil:
		t.Citation, err = l.Msg("Cert.Citation", "Month", month, "Ordinal", ord, "Score", l.Num(a.Score), "Max", l.Num(a.MaxScore))
	default:
		t.Citation, err = l.Msg("Cert.Citation.NoScore", "Month", month, "Ordinal", ord)
	}
	return t, err
}

// String writes the certificate's wording as plain text, one field a line:
// what golden tests compare and what a reviewer reads.
func (c Certificate) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "[%s] %s %s rank %d\n  %s\n  %s\n  %s\n  qr: %s\n", c.Number, c.Award.Unit.Level, c.Award.Unit.ID, c.Award.Rank,
		c.NumberLine, c.DateLine, c.CodeLine, c.Verification.Payload)
	for _, t := range c.Texts {
		for _, f := range []string{t.Title, t.Unit, t.Citation, t.Name, t.Designation} {
			fmt.Fprintf(&b, "  %s: %s\n", t.Lang, f)
		}
	}
	return b.String()
}
