// Package l10n holds the words of bulletin: the hi and en message catalogs
// (go-i18n, CLDR plurals) and the template functions that write what Hindi
// needs: month names in the office's spelling, Devanagari or Latin digits,
// ordinals, zero-padded counts, lists and date lines. Every word comes from a
// catalog; the Go code only chooses and assembles.
package l10n

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"sort"
	"strings"
	"sync"

	"github.com/BurntSushi/toml"
	"github.com/nicksnyder/go-i18n/v2/i18n"
	"golang.org/x/text/language"
)

// Languages are the languages bulletin writes, primary first.
var Languages = []string{"hi", "en"}

// Options are the office's writing conventions.
type Options struct {
	// MonthSpelling is "office" (नवम्बर) or "cldr" (नवंबर).
	MonthSpelling string
	// Digits is "latin" or "devanagari"; it applies to Hindi only.
	Digits string
	// PadCounts writes Hindi counts below ten with a leading zero ("07 बार").
	PadCounts bool
}

// Catalog is the loaded message catalogs of every language.
type Catalog struct {
	bundle *i18n.Bundle
	ids    map[string][]string                 // language -> sorted message ids
	msgs   map[string]map[string]*i18n.Message // language -> id -> message (the override's, if any)
}

// catalogFile is the catalog file of a language, as go-i18n names it.
func catalogFile(lang string) string { return "active." + lang + ".toml" }

// Load reads the catalogs active.<lang>.toml of every language from base
// and then, when override is not nil, the same files from override: their
// messages replace the bundled ones with the same id. Every language must
// define the same message ids; a missing one is an error listing each id.
func Load(base, override fs.FS) (*Catalog, error) {
	b := i18n.NewBundle(language.Hindi)
	b.RegisterUnmarshalFunc("toml", toml.Unmarshal)
	c := &Catalog{bundle: b, ids: map[string][]string{}, msgs: map[string]map[string]*i18n.Message{}}
	bundled := map[string]map[string]bool{} // id -> fields the bundled messages use
	var overrides []overrideMsg
	for _, lang := range Languages {
		seen := map[string]bool{}
		c.msgs[lang] = map[string]*i18n.Message{}
		for i, fsys := range []fs.FS{base, override} {
			if fsys == nil {
				continue
			}
			name := catalogFile(lang)
			buf, err := fs.ReadFile(fsys, name)
			if errors.Is(err, fs.ErrNotExist) && i == 1 {
				continue
			}
			if err != nil {
				return nil, fmt.Errorf("catalog %s: %w", name, err)
			}
			mf, err := b.ParseMessageFileBytes(buf, name)
			if err != nil {
				return nil, fmt.Errorf("catalog %s: %v; fix the TOML there", describe(fsys, name, i), err)
			}
			for _, m := range mf.Messages {
				seen[m.ID] = true
				c.msgs[lang][m.ID] = m
				if i == 1 {
					overrides = append(overrides, overrideMsg{file: describe(fsys, name, i), msg: m})
					continue
				}
				fields, err := messageFields(m)
				if err != nil {
					return nil, fmt.Errorf("catalog %s: message %s: %v", describe(fsys, name, i), m.ID, err)
				}
				if bundled[m.ID] == nil {
					bundled[m.ID] = map[string]bool{}
				}
				for f := range fields {
					bundled[m.ID][f] = true
				}
			}
		}
		for id := range seen {
			c.ids[lang] = append(c.ids[lang], id)
		}
		sort.Strings(c.ids[lang])
	}
	if err := checkFields(bundled, overrides); err != nil {
		return nil, err
	}
	return c, c.complete()
}

func describe(fsys fs.FS, name string, layer int) string {
	if layer == 0 {
		return "bundled " + name
	}
	return name + " in the locales override folder"
}

// complete checks that every language defines every message id that any
// language defines, so a note never falls back to another language.
func (c *Catalog) complete() error {
	all := map[string]bool{}
	for _, ids := range c.ids {
		for _, id := range ids {
			all[id] = true
		}
	}
	var msgs []string
	for _, lang := range Languages {
		have := map[string]bool{}
		for _, id := range c.ids[lang] {
			have[id] = true
		}
		var missing []string
		for id := range all {
			if !have[id] {
				missing = append(missing, id)
			}
		}
		sort.Strings(missing)
		if len(missing) > 0 {
			msgs = append(msgs, fmt.Sprintf("%s lacks %s; add them to that catalog", catalogFile(lang), strings.Join(missing, ", ")))
		}
	}
	if len(msgs) > 0 {
		return errors.New(strings.Join(msgs, "\n"))
	}
	return nil
}

// Require checks, at start, that every language has each message a
// template uses (ids), with both plural forms (one and other, which Hindi
// and English need) for those it uses with a count (plural). The error
// lists each missing id per language.
func (c *Catalog) Require(ids, plural []string) error {
	var msgs []string
	for _, lang := range Languages {
		var missing []string
		for _, id := range ids {
			if c.msgs[lang][id] == nil {
				missing = append(missing, id)
			}
		}
		for _, id := range plural {
			m := c.msgs[lang][id]
			switch {
			case m == nil:
				missing = append(missing, id)
			case m.One == "" || m.Other == "":
				missing = append(missing, id+" (plural forms one and other)")
			}
		}
		if len(missing) > 0 {
			msgs = append(msgs, fmt.Sprintf("%s lacks %s, which the templates use; add them", catalogFile(lang), strings.Join(missing, ", ")))
		}
	}
	if len(msgs) > 0 {
		return errors.New(strings.Join(msgs, "\n"))
	}
	return nil
}

// Lang writes one language with the office's conventions.
type Lang struct {
	Tag  string
	loc  *i18n.Localizer
	opts Options
	// levels holds levelWords' words by level, read from the catalog once
	// (a batch's certificates write thousands of unit lines).
	levels sync.Map
}

// Lang returns the writer of language tag (hi or en).
func (c *Catalog) Lang(tag string, opts Options) (*Lang, error) {
	if _, ok := c.ids[tag]; !ok {
		return nil, fmt.Errorf("unknown language %q; use one of %s", tag, strings.Join(Languages, ", "))
	}
	return &Lang{Tag: tag, loc: i18n.NewLocalizer(c.bundle, tag), opts: opts}, nil
}

// Msg returns message id filled with data given as key, value pairs.
func (l *Lang) Msg(id string, kv ...any) (string, error) {
	return l.localize(id, nil, kv)
}

// Plural returns the plural form of message id for count, filled with
// data given as key, value pairs; the data also holds Count, written as
// the office writes counts (see Count).
func (l *Lang) Plural(id string, count any, kv ...any) (string, error) {
	n, err := toInt(count)
	if err != nil {
		return "", fmt.Errorf("message %s: %v", id, err)
	}
	c, _ := l.Count(n)
	return l.localize(id, n, append([]any{"Count", c}, kv...))
}

func (l *Lang) localize(id string, count any, kv []any) (string, error) {
	if len(kv)%2 != 0 {
		return "", fmt.Errorf("message %s: data must come in key, value pairs", id)
	}
	data := make(map[string]any, len(kv)/2)
	for i := 0; i < len(kv); i += 2 {
		k, ok := kv[i].(string)
		if !ok {
			return "", fmt.Errorf("message %s: data key %v is not a string", id, kv[i])
		}
		data[k] = kv[i+1]
	}
	s, tag, err := l.loc.LocalizeWithTag(&i18n.LocalizeConfig{MessageID: id, TemplateData: data, PluralCount: count})
	if err != nil {
		return "", fmt.Errorf("message %s (%s): %v", id, l.Tag, err)
	}
	if tag.String() != l.Tag {
		return "", fmt.Errorf("message %s is missing from %s", id, catalogFile(l.Tag))
	}
	return s, nil
}

// Num writes a number with the language's digits: integers as they are,
// other numbers with as many decimals as they need (124.5).
func (l *Lang) Num(v any) string {
	var s string
	switch x := v.(type) {
	case float64:
		s = formatFloat(x)
	case *float64:
		if x == nil {
			return ""
		}
		s = formatFloat(*x)
	default:
		n, err := toInt(v)
		if err != nil {
			return fmt.Sprint(v)
		}
		s = fmt.Sprint(n)
	}
	return l.digits(s)
}

// Num2 writes a day or month number with two digits ("01"), in the
// language's digits.
func (l *Lang) Num2(n int) string { return l.digits(fmt.Sprintf("%02d", n)) }

// Count writes a count as the office writes it: in Hindi, with a leading
// zero below ten when PadCounts is set ("07 बार").
func (l *Lang) Count(v any) (string, error) {
	n, err := toInt(v)
	if err != nil {
		return "", err
	}
	if l.Tag == "hi" && l.opts.PadCounts && n >= 0 && n < 10 {
		return l.digits(fmt.Sprintf("%02d", n)), nil
	}
	return l.digits(fmt.Sprint(n)), nil
}

func (l *Lang) digits(s string) string {
	if l.Tag != "hi" || l.opts.Digits != "devanagari" {
		return s
	}
	var b bytes.Buffer
	for _, r := range s {
		if r >= '0' && r <= '9' {
			r = '०' + (r - '0')
		}
		b.WriteRune(r)
	}
	return b.String()
}
