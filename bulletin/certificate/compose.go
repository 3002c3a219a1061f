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

// Compose writes a's certificate in each of langs.
func Compose(langs []*l10n.Lang, a facts.Award, number string, date time.Time, sig config.Signatory, id *Identity, v Verification) (Certificate, error) {
	c := Certificate{Award: a, Number: number, Identity: id, Verification: v}
	if len(langs) == 0 {
		return c, fmt.Errorf("certificate of %s: no language", a.Unit.ID)
	}
	for _, l := range langs {
		t, err := composeText(l, a)
		if err != nil {
			return c, fmt.Errorf("certificate of %s: %w", a.Unit.ID, err)
		}
		if l.Tag == "hi" {
			t.Name, t.Designation = sig.NameHi, sig.DesignationHi
		} else {
			t.Name, t.Designation = sig.NameEn, sig.DesignationEn
		}
		c.Texts = append(c.Texts, t)
	}
	// The first language writes the shared lines.
	first := langs[0]
	d, err := first.Msg("Cert.NumericDate", "Day2", first.Num2(date.Day()), "Month2", first.Num2(int(date.Month())), "Year", first.Num(date.Year()))
	if err != nil {
		return c, err
	}
	if c.DateLine, err = labelLine(langs, "Cert.DateLabel", d); err != nil {
		return c, err
	}
	return Renumber(langs, c, number, v)
}

// Renumber returns c (composed in langs) with another number and
// verification: the lines that show them written anew, the rest as it was
// (the same as Compose with that number and verification).
func Renumber(langs []*l10n.Lang, c Certificate, number string, v Verification) (Certificate, error) {
	c.Number, c.Verification = number, v
	var err error
	if c.NumberLine, err = labelLine(langs, "Cert.NumberLabel", number); err != nil {
		return c, err
	}
	if c.CodeLine, err = labelLine(langs, "Cert.CodeLabel", v.Code); err != nil {
		return c, err
	}
	return c, nil
}

// labelLine is a labelled line (Cert.Label): the label id in each of langs
// and the value, in the first language's words. The labels are joined last
// language first, so that the label next to the value (Latin letters and
// figures) is the one in its script: "Certificate No. / प्रमाण पत्र
// संख्या: KZ/IGRS/...". OCR and readers alike then take the number as one
// run of Latin text.
func labelLine(langs []*l10n.Lang, id, value string) (string, error) {
	labels := make([]string, len(langs))
	for i, l := range langs {
		label, err := l.Msg(id)
		if err != nil {
			return "", err
		}
		labels[len(langs)-1-i] = label
	}
	return langs[0].Msg("Cert.Label", "Label", strings.Join(labels, " / "), "Value", value)
}

func composeText(l *l10n.Lang, a facts.Award) (Text, error) {
	t := Text{Lang: l.Tag}
	var err error
	msg := func(dst *string, id string, kv ...any) {
		if err == nil {
			*dst, err = l.Msg(id, kv...)
		}
	}
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
		msg(&t.Unit, "Cert.UnitLine", "Unit", unit, "Parent", parent)
	}
	month, err := l.MonthYear(a.Month)
	if err != nil {
		return t, err
	}
	ord, err := l.Ordinal(a.Rank)
	if err != nil {
		return t, err
	}
	msg(&t.Title, "Cert.Title")
	switch {
	case a.Score != nil && a.MaxScore != nil:
		msg(&t.Citation, "Cert.Citation", "Month", month, "Ordinal", ord, "Score", l.Num(a.Score), "Max", l.Num(a.MaxScore))
	default:
		msg(&t.Citation, "Cert.Citation.NoScore", "Month", month, "Ordinal", ord)
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
