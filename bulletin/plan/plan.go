// Package plan composes everything a month's outputs hold, before anything
// is drawn or written: the facts, the press notes in every language and
// text format (with the PDF document of each), and the certificates with
// their numbers and bundles. `bulletin press`, `build`, `certificates` and
// `validate` all plan through it, so each output carries one wording.
//
// The CLI loads the inputs (settings, data, catalogs, templates, layout)
// and reports; this package decides what to write; package build draws and
// writes it.
package plan

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/igrs-pro/bulletin/bulletin/build"
	"github.com/igrs-pro/bulletin/bulletin/card"
	"github.com/igrs-pro/bulletin/bulletin/certificate"
	"github.com/igrs-pro/bulletin/bulletin/config"
	"github.com/igrs-pro/bulletin/bulletin/dataset"
	"github.com/igrs-pro/bulletin/bulletin/facts"
	"github.com/igrs-pro/bulletin/bulletin/l10n"
	"github.com/igrs-pro/bulletin/bulletin/notedoc"
	"github.com/igrs-pro/bulletin/bulletin/output"
	"github.com/igrs-pro/bulletin/bulletin/press"
	"github.com/igrs-pro/bulletin/bulletin/register"
	"github.com/igrs-pro/bulletin/bulletin/trend"
	"github.com/igrs-pro/bulletin/bulletin/typeset"
)

// Inputs are what a month is planned from, loaded and checked.
type Inputs struct {
	Config    config.Config
	Data      *dataset.Data
	Catalog   *l10n.Catalog
	Templates *press.Templates
	// Emblem reads the letterhead's emblem (office.emblem) and tells its
	// type, "png" or "jpg"; called only when office.emblem is set and a
	// PDF press note is planned. Nil: no emblem.
	Emblem func() (data []byte, typ string, err error)
}

// TemplateError is an error met while composing or rendering with the
// templates and catalogs: a fault of bulletin with the bundled ones, most
// likely of the office with its own.
type TemplateError struct{ Err error }

func (e *TemplateError) Error() string { return e.Err.Error() }
func (e *TemplateError) Unwrap() error { return e.Err }

func templateErr(err error) error {
	if err == nil {
		return nil
	}
	var te *TemplateError
	if errors.As(err, &te) {
		return err
	}
	return &TemplateError{err}
}

// Lang returns the writer of language tag with the office's conventions.
func (in *Inputs) Lang(tag string) (*l10n.Lang, error) {
	h := in.Config.Hindi
	return in.Catalog.Lang(tag, l10n.Options{MonthSpelling: h.MonthSpelling, Digits: h.Digits, PadCounts: h.PadCounts})
}

// Facts works out what the notes of month m may claim for the scope.
func (in *Inputs) Facts(m dataset.Month) (*facts.Facts, error) {
	var o facts.Options
	if h := in.Config.HistoryFrom; h != "" {
		var err error
		if o.HistoryFrom, err = dataset.ParseMonth(h); err != nil {
			return nil, fmt.Errorf("history_from: %v", err)
		}
	}
	return facts.ComputeWith(in.Data, in.Config.Scope, m, o)
}

// Notices are what the office should know about f's notes that is not an
// error: sentences left out because the history is too short, with the
// setting that would let them in. The CLI prints them on stderr.
func Notices(f *facts.Facts) []string {
	var ns []string
	s := f.Scope
	jan := dataset.Month{Year: f.Month.Year, Month: time.January}
	if s.Rank != nil && !s.Year.Whole && f.Month != jan && s.Year.MonthsFirst > 0 {
		ns = append(ns, fmt.Sprintf("notice: the tally of %d (\"first N times in the M rankings of the year\") is left out of the %s note: the rankings are known from %s only (history_from); if no ranking of %d was published before %s, set history_from = \"%s\" in config.toml or pass --set history_from=%s",
			f.Month.Year, f.Month, f.HistoryFrom, f.Month.Year, f.HistoryFrom, jan, jan))
	}
	return ns
}

// Options say what Month plans.
type Options struct {
	Month dataset.Month
	Date  time.Time // the documents' date
	// Notes plans the press notes too (build); without it only the
	// certificates (`bulletin certificates`).
	Notes bool
	// Layout is the certificates' page design.
	Layout *certificate.Layout
	// Cards is the design of the cards and the trend chart; with it (and
	// Notes) the month's Word notes, WhatsApp messages, trend charts and
	// cards are planned too, and the trend page of the PDF notes when
	// press.trend_page is set.
	Cards *card.Layout
	// Register gives the certificates their numbers and verification
	// codes, and records the files build writes. Nil plans a preview
	// (validate): serials counted in this month's order, placeholder codes,
	// nothing written.
	Register *register.Register
}

// Month composes everything for a month: the press notes in every
// language of press.languages and every format (when o.Notes), and the
// certificates, numbered and bundled, ready to draw. The files' paths are
// relative to the month's folder, OUT/<month>.
func (in *Inputs) Month(o Options) (build.Plan, error) {
	c := in.Config
	p := build.Plan{Dir: filepath.Join(c.Out, o.Month.String()), Scope: c.Scope, Month: o.Month.String(), Date: o.Date, Layout: o.Layout}
	f, err := in.Facts(o.Month)
	if err != nil {
		return p, err
	}
	if o.Notes {
		p.Notices = Notices(f)
		notes, err := in.Notes(f, o.Date, c.Press.Languages)
		if err != nil {
			return p, err
		}
		var hist trend.History
		if o.Cards != nil {
			if hist, err = in.History(f); err != nil {
				return p, err
			}
		}
		for _, n := range notes {
			for _, format := range press.Formats {
				p.Files = append(p.Files, output.File{Path: n.FileName(format), Data: n.Text[format]})
			}
			pdf, err := in.PDF(n)
			if err != nil {
				return p, err
			}
			if o.Cards != nil {
				a, err := in.Announce(f, n, hist, o.Cards)
				if err != nil {
					return p, err
				}
				p.Files = append(p.Files, a.Files...)
				p.PDFs = append(p.PDFs, a.Draws...)
				if c.Press.TrendPage && len(hist.Months) > 0 {
					if pdf, err = in.TrendPDF(n, f, hist, o.Cards); err != nil {
						return p, err
					}
				}
			}
			p.PDFs = append(p.PDFs, pdf)
		}
		x, pdf, err := in.Annexure(f, o.Date)
		if err != nil {
			return p, err
		}
		p.Files = append(p.Files, x)
		p.PDFs = append(p.PDFs, pdf)
	}
	if p.Certificates, p.Bundles, err = in.Certificates(o); err != nil {
		return p, err
	}
	if p.Composer, err = in.Composer(o); err != nil {
		return p, err
	}
	p.Register = o.Register
	return p, nil
}

// Note is a month's press note in one language, composed, with its text
// formats rendered.
type Note struct {
	press.Note
	// Text holds the note rendered in each of press.Formats.
	Text map[string][]byte
	// Date is the note's date (also its PDF's creation date).
	Date time.Time
}

// FileName is the name of the note's file in format, e.g. press-note.hi.txt.
func (n Note) FileName(format string) string {
	return fmt.Sprintf("press-note.%s.%s", n.Lang, format)
}

// Notes composes the press note from f in each language of tags and
// renders it in every text format.
func (in *Inputs) Notes(f *facts.Facts, date time.Time, tags []string) ([]Note, error) {
	var notes []Note
	for _, tag := range tags {
		lang, err := in.Lang(tag)
		if err != nil {
			return nil, err
		}
		c := in.Config
		pn, err := in.Templates.Compose(lang, press.Input{Facts: f, Office: c.Office, Signatory: c.Signatory, Date: date,
			Joint: c.Press.Joint, ListThanas: c.Press.ListThanas})
		if err != nil {
			return nil, templateErr(err)
		}
		n := Note{Note: pn, Text: map[string][]byte{}, Date: date}
		for _, format := range press.Formats {
			b, err := in.Templates.Render(format, pn)
			if err != nil {
				return nil, templateErr(err)
			}
			n.Text[format] = b
		}
		notes = append(notes, n)
	}
	return notes, nil
}

// Document is the PDF document of a press note: the note on the office's
// letterhead, with its emblem when office.emblem names one.
func (in *Inputs) Document(n press.Note) (notedoc.Document, error) {
	doc := notedoc.FromPress(n)
	if in.Config.Office.Emblem != "" && in.Emblem != nil && doc.Letterhead != nil {
		var err error
		if doc.Letterhead.Emblem, doc.Letterhead.EmblemType, err = in.Emblem(); err != nil {
			return doc, err
		}
	}
	return doc, nil
}

// PDF is the press note's PDF, to be drawn: its document (and emblem) is
// read now, before anything is drawn.
func (in *Inputs) PDF(n Note) (build.PDF, error) {
	doc, err := in.Document(n.Note)
	if err != nil {
		return build.PDF{}, err
	}
	return build.PDF{
		Path: n.FileName("pdf"),
		Draw: func(ts *typeset.Typesetter) ([]byte, error) {
			return notedoc.Draw(ts, doc, notedoc.Options{CreationDate: n.Date})
		},
	}, nil
}

// Certificates lists the certificates of month o.Month, numbered, in
// order, and groups them by the unit in scope that forwards them (see
// build.Plan.Bundles). Their wording is composed when needed (Composer).
func (in *Inputs) Certificates(o Options) ([]certificate.Ref, map[string][]int, error) {
	c := in.Config
	var levels []dataset.Level
	for _, name := range c.Certs.Levels {
		l, _ := dataset.ParseLevel(name)
		levels = append(levels, l)
	}
	awards, err := facts.Awards(in.Data, c.Scope, o.Month, facts.AwardRule{Levels: levels, BestRank: c.Certs.BestRank})
	if err != nil {
		return nil, nil, err
	}
	refs, err := in.refs(awards, o)
	if err != nil {
		return nil, nil, err
	}
	scope, _ := in.Data.Unit(c.Scope)
	bundles := map[string][]int{}
	for i, a := range awards {
		if a.Parent != nil && in.Data.Contains(scope, a.Parent.ID) {
			bundles[a.Parent.ID] = append(bundles[a.Parent.ID], i)
		}
	}
	return refs, bundles, nil
}

// refs numbers awards (see numbers) and gives them their codes: the
// register's, or a preview's placeholder.
func (in *Inputs) refs(awards []facts.Award, o Options) ([]certificate.Ref, error) {
	numbers, err := in.numbers(awards, o)
	if err != nil {
		return nil, err
	}
	refs := make([]certificate.Ref, len(awards))
	for i, a := range awards {
		code := strings.Repeat("0", register.CodeLen) // a preview's
		if o.Register != nil {
			code = o.Register.Code(numbers[i], a.Unit.ID, a.Month.String(), a.Rank)
		}
		refs[i] = certificate.Ref{Award: a, Number: numbers[i], Code: code}
	}
	return refs, nil
}

// Composer writes the certificates of month o.Month (see Certificates) in
// the languages of certificates.languages.
func (in *Inputs) Composer(o Options) (*certificate.Composer, error) {
	var langs []*l10n.Lang
	for _, tag := range in.Config.Certs.Languages {
		l, err := in.Lang(tag)
		if err != nil {
			return nil, err
		}
		langs = append(langs, l)
	}
	id, err := in.identity(o.Layout)
	if err != nil {
		return nil, err
	}
	return certificate.NewComposer(certificate.Batch{Langs: langs, Month: o.Month, Date: o.Date, Signatory: in.Config.Signatory,
		Identity: id, VerifyBase: in.Config.Certs.VerifyBase}), nil
}

// Register numbers the certificates of p (planned with o, without a
// register) from o.Register and gives them its verification codes, and
// has build record their files in it. The CLI plans and checks a month
// first and opens the register only then, so that bad input writes
// nothing. The certificates are composed with their numbers when drawn.
func (in *Inputs) Register(p *build.Plan, o Options) error {
	if o.Register == nil {
		return fmt.Errorf("plan: Register without a register")
	}
	awards := make([]facts.Award, len(p.Certificates))
	for i, c := range p.Certificates {
		awards[i] = c.Award
	}
	refs, err := in.refs(awards, o)
	if err != nil {
		return err
	}
	p.Certificates, p.Register = refs, o.Register
	return nil
}

// FixedRuns returns the texts certificates lo to hi-1 of p are drawn with
// (see certificate.Certificate.Runs) but those their numbers and codes
// make (Certificate.NumberRuns), which are all that Register changes: the
// texts that can be counted for the batch's fonts (see
// typeset.Restrictor) before the register gives the numbers.
func FixedRuns(p build.Plan, lo, hi int) ([]string, error) {
	var out []string
	for _, r := range p.Certificates[lo:hi] {
		c, err := p.Composer.Compose(r)
		if err != nil {
			return nil, templateErr(err)
		}
		numbers := c.NumberRuns() // these runs exactly: a piece of the code line is not one
		for _, r := range c.Runs(p.Layout) {
			if !slices.Contains(numbers, r) {
				out = append(out, r)
			}
		}
	}
	return out, nil
}

// numbers gives each award its certificate number: the register's (given
// once per scope, month and unit, kept for good), or for a preview the
// number the award would have in a register new to the month.
func (in *Inputs) numbers(awards []facts.Award, o Options) ([]string, error) {
	num, err := certificate.NewNumberer(in.Config.Certs.Number)
	if err != nil {
		return nil, err
	}
	byUnit := map[string]facts.Award{}
	claims := make([]register.Claim, len(awards))
	for i, a := range awards {
		byUnit[a.Unit.ID] = a
		claims[i] = register.Claim{Unit: a.Unit.ID, Level: a.Unit.Level.String()}
	}
	format := func(cl register.Claim, serial int) (string, error) { return num.Number(byUnit[cl.Unit], serial) }
	out := make([]string, len(awards))
	if o.Register != nil {
		as, err := o.Register.Assign(context.Background(), in.Config.Scope, o.Month.String(), claims, format)
		for i, a := range as {
			out[i] = a.Number
		}
		return out, err
	}
	serials := map[string]int{}
	given := map[string]string{}
	for i, cl := range claims {
		serials[cl.Level]++
		if out[i], err = format(cl, serials[cl.Level]); err != nil {
			return nil, err
		}
		if other, dup := given[out[i]]; dup {
			return nil, fmt.Errorf("certificates.number gives %s to both %s and %s; include .Serial or .Unit in it", out[i], other, cl.Unit)
		}
		given[out[i]] = cl.Unit
	}
	return out, nil
}

// identity is the issuer at the head of the certificates: the names of
// config.toml's office and, when the layout draws it, its emblem.
func (in *Inputs) identity(l *certificate.Layout) (*certificate.Identity, error) {
	o := in.Config.Office
	id := &certificate.Identity{
		Org:    map[string]string{"hi": o.OrgHi, "en": o.OrgEn},
		Office: map[string]string{"hi": o.NameHi, "en": o.NameEn},
	}
	if o.Emblem != "" && in.Emblem != nil && l != nil && l.Head.Emblem {
		var err error
		if id.Emblem, id.EmblemType, err = in.Emblem(); err != nil {
			return nil, err
		}
	}
	return id, nil
}

// drawableCertificates composes p's certificates in order and returns the
// first character of them that no font of set can draw (charErr), or the
// first error composing one (err).
func drawableCertificates(set *typeset.Checker, p build.Plan) (charErr, err error) {
	for _, r := range p.Certificates {
		c, err := p.Composer.Compose(r)
		if err != nil {
			return nil, templateErr(err)
		}
		if charErr != nil {
			continue
		}
		for _, s := range c.Lines(p.Layout) {
			if charErr = drawable(set, "certificate of "+c.Award.Unit.ID, s); charErr != nil {
				break
			}
		}
	}
	return charErr, nil
}

// drawable returns an error naming where, the character and the text when
// a character of text is in no font of set. The unit names are checked
// first, so such a character comes from a catalog, a template or a setting.
func drawable(set *typeset.Checker, where, text string) error {
	var ce *typeset.CharError
	if err := set.Check(text); errors.As(err, &ce) {
		return fmt.Errorf("%s: %U %q in %q: no bundled font can draw it; it comes from the message catalogs or templates (the office's, in the folders named by locales and templates in config.toml, or the bundled ones) or from config.toml: replace it with a character the fonts have", where, ce.Char, string(ce.Char), text)
	} else if err != nil {
		return fmt.Errorf("%s: %w", where, err)
	}
	return nil
}

// Drawable finds, before anything is written, any character of the unit
// names or of p's notes, certificates and drawn words (the annexure's
// headings, the cards' lines, the charts' labels) that no font of set can
// draw. Each character is looked up in the fonts once (typeset.Checker);
// each certificate is composed (p.Composer), checked and let go. An error
// composing one comes first, as when planning composed them all: the
// first certificate's by index that fails (then the unit names, the
// notes, the certificates' characters, the drawn words).
func Drawable(fonts *typeset.FontSet, d *dataset.Data, p build.Plan) error {
	set := fonts.Checker()
	certErr, err := drawableCertificates(set, p)
	if err != nil {
		return err
	}
	var ps dataset.Problems
	for _, u := range d.Units {
		for _, n := range []struct{ col, name string }{{"name_hi", u.NameHi}, {"name_en", u.NameEn}} {
			var ce *typeset.CharError
			if err := set.Check(n.name); errors.As(err, &ce) {
				ps = append(ps, dataset.Problem{Pos: u.Pos.At(n.col), Msg: fmt.Sprintf("%s of unit %q has %U %q, which no bundled font can draw; remove it or replace it with a letter the fonts have", n.col, u.ID, ce.Char, string(ce.Char))})
			}
		}
	}
	if len(ps) > 0 {
		return ps
	}
	for _, f := range p.Files {
		// The text notes carry the words of the PDF notes; a WhatsApp
		// message is not drawn (an emoji there is the office's choice).
		if strings.HasSuffix(f.Path, ".txt") && !strings.HasSuffix(f.Path, ".whatsapp.txt") {
			for i, line := range strings.Split(string(f.Data), "\n") {
				if err := drawable(set, fmt.Sprintf("%s, line %d", f.Path, i+1), line); err != nil {
					return err
				}
			}
		}
	}
	if certErr != nil {
		return certErr
	}
	for _, d := range p.PDFs {
		for _, s := range d.Texts {
			if err := drawable(set, d.Path, s); err != nil {
				return err
			}
		}
	}
	return nil
}
