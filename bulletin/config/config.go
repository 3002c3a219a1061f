// Package config reads config.toml, the office's settings: which unit it
// announces, its names and signatory, where the data is and how Hindi is
// written. Relative paths in the file are taken from the file's folder.
package config

import (
	"errors"
	"fmt"
	"net/url"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/BurntSushi/toml"

	"github.com/igrs-pro/bulletin/bulletin/internal/readfile"
)

// Config is the whole of config.toml.
type Config struct {
	Scope    string `toml:"scope"`    // id of the unit whose results the office announces
	Units    string `toml:"units"`    // units.csv
	Rankings string `toml:"rankings"` // a rankings CSV or xlsx file, or a folder of them
	// Sheets of the workbooks to read when units or rankings are .xlsx
	// files; empty reads the first sheet.
	UnitsSheet    string `toml:"units_sheet"`
	RankingsSheet string `toml:"rankings_sheet"`
	Out           string `toml:"out"` // output folder
	// HistoryFrom (YYYY-MM) is the month from which the office's rankings
	// are complete: a month missing from the data after it was not
	// published. Empty: the first month in the data.
	HistoryFrom string `toml:"history_from"`
	// Register is the certificate register (SQLite); empty: <out>/register.db.
	Register string `toml:"register"`

	// Folders whose files replace the bundled templates, add to or replace
	// the bundled catalog messages, and replace the bundled fonts.
	Templates string `toml:"templates"`
	Locales   string `toml:"locales"`
	Fonts     string `toml:"fonts"`

	Office    Office    `toml:"office"`
	Signatory Signatory `toml:"signatory"`
	Hindi     Hindi     `toml:"hindi"`
	Press     Press     `toml:"press"`
	Certs     Certs     `toml:"certificates"`
}

// Office is the announcing office, as printed on the letterhead.
type Office struct {
	NameHi string `toml:"name_hi"`
	NameEn string `toml:"name_en"`
	// OrgHi and OrgEn name the organisation at the head of a certificate
	// (उत्तर प्रदेश पुलिस, Uttar Pradesh Police); empty: no line.
	OrgHi   string `toml:"org_hi"`
	OrgEn   string `toml:"org_en"`
	PlaceHi string `toml:"place_hi"`
	PlaceEn string `toml:"place_en"`
	Phone   string `toml:"phone"`
	Email   string `toml:"email"`
	Emblem  string `toml:"emblem"` // optional PNG or JPEG
}

// Signatory signs the press note and the certificates.
type Signatory struct {
	NameHi        string `toml:"name_hi"`
	NameEn        string `toml:"name_en"`
	DesignationHi string `toml:"designation_hi"`
	DesignationEn string `toml:"designation_en"`
}

// Hindi holds the writing conventions of the office.
type Hindi struct {
	// MonthSpelling is "office" (नवम्बर, दिसम्बर, अक्टूबर, as UP offices
	// write them) or "cldr" (नवंबर, दिसंबर, अक्तूबर).
	MonthSpelling string `toml:"month_spelling"`
	// Digits is "latin" (0-9) or "devanagari" (०-९) in Hindi text.
	Digits string `toml:"digits"`
	// PadCounts writes counts below ten with a leading zero ("07 बार").
	PadCounts bool `toml:"pad_counts"`
}

// Press holds the defaults of `bulletin press`.
type Press struct {
	Languages []string `toml:"languages"`
	Formats   []string `toml:"formats"`
	// Joint says that the scope shares its rank with other units
	// ("संयुक्त रूप से प्रथम") when it does.
	Joint bool `toml:"joint"`
	// ListThanas names the thanas that came first in a range or district
	// note when there are at most this many (0: never).
	ListThanas int `toml:"list_thanas"`
	// TrendPage adds the trend chart of the scope's rank as a second page
	// of the PDF press note.
	TrendPage bool `toml:"trend_page"`
}

// historyFrom is the form of history_from: YYYY-MM, 2000-01 to 2099-12.
var historyFrom = regexp.MustCompile(`^20[0-9]{2}-(0[1-9]|1[0-2])$`)

// typeErr matches the TOML library's message for a value of the wrong type.
var typeErr = regexp.MustCompile(`^toml: (?:line \d+ )?\(last key "([^"]*)"\): (?:incompatible types: )?(.*)$`)

// Certs says who earns a certificate and how certificates are written.
type Certs struct {
	// Levels that earn certificates (zone, range, district, thana); empty
	// means every level below the scope's (the scope's own level only when
	// named here).
	Levels []string `toml:"levels"`
	// BestRank is the worst rank that still earns a certificate (1: firsts).
	BestRank int `toml:"best_rank"`
	// Languages of a certificate, top to bottom: ["hi", "en"], ["hi"] or ["en"].
	Languages []string `toml:"languages"`
	// Number is the certificate number, a Go template over .Month
	// (2024-11), .Level (thana), .LEVEL (THANA), .Serial (the register's
	// serial of the certificate in its month and level, in issue order)
	// and .Unit (its id).
	Number string `toml:"number"`
	// VerifyBase is the address of the office's verification page
	// (https://pro.example.org): the QR code then opens
	// <verify_base>/verify?n=...&c=...; empty: it holds n=...;c=... only.
	VerifyBase string `toml:"verify_base"`
}

// Default is the configuration used for settings that config.toml leaves out.
func Default() Config {
	return Config{
		Out:   "out",
		Hindi: Hindi{MonthSpelling: "office", Digits: "latin", PadCounts: true},
		Press: Press{Languages: []string{"hi", "en"}, Formats: []string{"txt", "md", "html", "pdf"}, ListThanas: 10},
		Certs: Certs{BestRank: 1, Languages: []string{"hi", "en"}, Number: `IGRS/{{.Month}}/{{.LEVEL}}/{{printf "%04d" .Serial}}`},
	}
}

// Load reads the config file at path over the defaults. Unknown keys are
// errors naming their line and column. Relative paths are made relative to
// the file's folder.
func Load(path string) (Config, error) {
	c := Default()
	b, err := readfile.Read(path, readfile.MaxConfig)
	if err != nil {
		return c, fmt.Errorf("%s: cannot read the config file: %w; pass --config with the path of config.toml", path, errors.Unwrap(err))
	}
	md, err := toml.Decode(string(b), &c)
	if err != nil {
		var pe toml.ParseError
		if errors.As(err, &pe) {
			return c, fmt.Errorf("%s:%d:%d: %s; fix the TOML syntax there", path, pe.Position.Line, pe.Position.Col, strings.ReplaceAll(pe.Message, "\n", `\n`))
		}
		// A value of the wrong type: "toml: line N (last key "a.b"): incompatible types: ...".
		if m := typeErr.FindStringSubmatch(err.Error()); m != nil {
			at := path
			if line, col := keyPosition(string(b), toml.Key(strings.Split(m[1], "."))); line > 0 {
				at = fmt.Sprintf("%s:%d:%d", path, line, col)
			}
			return c, fmt.Errorf("%s: setting %q has the wrong type (%s); write it as in the bundled config.toml", at, m[1], m[2])
		}
		return c, fmt.Errorf("%s: %v", path, err)
	}
	if und := md.Undecoded(); len(und) > 0 {
		var msgs []string
		for _, k := range und {
			at := path
			if line, col := keyPosition(string(b), k); line > 0 {
				at = fmt.Sprintf("%s:%d:%d", path, line, col)
			}
			msgs = append(msgs, fmt.Sprintf("%s: unknown setting %q; check its spelling against the bundled config.toml, or remove it", at, k.String()))
		}
		return c, errors.New(strings.Join(msgs, "\n"))
	}
	dir := filepath.Dir(path)
	for _, p := range []*string{&c.Units, &c.Rankings, &c.Out, &c.Register, &c.Templates, &c.Locales, &c.Fonts, &c.Office.Emblem} {
		if *p != "" && !filepath.IsAbs(*p) {
			*p = filepath.Join(dir, *p)
		}
	}
	return c, c.Check(path)
}

// Check reports settings whose values are not allowed.
func (c Config) Check(path string) error {
	var msgs []string
	if c.Hindi.MonthSpelling != "office" && c.Hindi.MonthSpelling != "cldr" {
		msgs = append(msgs, fmt.Sprintf("%s: hindi.month_spelling is %q; use \"office\" (नवम्बर) or \"cldr\" (नवंबर)", path, c.Hindi.MonthSpelling))
	}
	if c.Hindi.Digits != "latin" && c.Hindi.Digits != "devanagari" {
		msgs = append(msgs, fmt.Sprintf("%s: hindi.digits is %q; use \"latin\" (0-9) or \"devanagari\" (०-९)", path, c.Hindi.Digits))
	}
	for _, l := range c.Certs.Levels {
		if l != "zone" && l != "range" && l != "district" && l != "thana" {
			msgs = append(msgs, fmt.Sprintf("%s: certificates.levels names %q; use zone, range, district or thana", path, l))
		}
	}
	if c.HistoryFrom != "" && !historyFrom.MatchString(c.HistoryFrom) {
		msgs = append(msgs, fmt.Sprintf("%s: history_from is %q; write the first month of complete rankings as YYYY-MM with a year from 2000 to 2099, e.g. history_from = \"2024-01\"", path, c.HistoryFrom))
	}
	if c.Press.ListThanas < 0 {
		msgs = append(msgs, fmt.Sprintf("%s: press.list_thanas is %d; use 0 (never name them) or more", path, c.Press.ListThanas))
	}
	if c.Certs.BestRank < 1 {
		msgs = append(msgs, fmt.Sprintf("%s: certificates.best_rank is %d; use 1 for firsts only, 3 for the top three, ...", path, c.Certs.BestRank))
	}
	if len(c.Certs.Languages) == 0 {
		msgs = append(msgs, fmt.Sprintf("%s: certificates.languages is empty; use [\"hi\", \"en\"], [\"hi\"] or [\"en\"]", path))
	}
	for _, l := range append(append([]string(nil), c.Certs.Languages...), c.Press.Languages...) {
		if l != "hi" && l != "en" {
			msgs = append(msgs, fmt.Sprintf("%s: language %q is not one bulletin writes; use \"hi\" or \"en\"", path, l))
		}
	}
	msgs = append(msgs, checkLengths(path, reflect.ValueOf(c), "")...)
	if b := c.Certs.VerifyBase; b != "" {
		if u, err := url.Parse(b); err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" || u.RawQuery != "" || u.Fragment != "" {
			msgs = append(msgs, fmt.Sprintf("%s: certificates.verify_base is %q; write the address of the office's verification server, e.g. \"https://pro.example.org\" (no query)", path, b))
		}
	}
	if len(msgs) > 0 {
		return errors.New(strings.Join(msgs, "\n"))
	}
	return nil
}

// keyPosition finds where key k is written in a TOML text: the line and
// column of its last part, inside the table that holds it. A table header
// may be followed by a comment, and a key may be dotted (office.name_hi).
func keyPosition(text string, k toml.Key) (int, int) {
	want := strings.Join(k, ".")
	name := k[len(k)-1]
	cur := ""
	for i, line := range strings.Split(text, "\n") {
		t := strings.TrimSpace(line)
		if strings.HasPrefix(t, "[") {
			h, _, _ := strings.Cut(strings.TrimLeft(t, "["), "]")
			cur = dottedKey(h)
			if cur == want {
				return i + 1, strings.Index(line, name) + 1
			}
			continue
		}
		key, _, ok := strings.Cut(line, "=")
		if !ok {
			continue
		}
		full := dottedKey(key)
		if cur != "" {
			full = cur + "." + full
		}
		if full == want {
			return i + 1, strings.LastIndex(key, name) + 1
		}
	}
	return 0, 0
}

// dottedKey writes a TOML key as written (spaces around dots, quoted
// parts) in the form toml.Key.String uses for plain keys.
func dottedKey(s string) string {
	parts := strings.Split(s, ".")
	for i, p := range parts {
		parts[i] = strings.Trim(strings.TrimSpace(p), `"'`)
	}
	return strings.Join(parts, ".")
}

// Length caps of settings, in characters: a setting is printed in one
// line or a few (the designation), or names a file.
const (
	MaxText = 200  // a name, place, phone, e-mail, template or choice
	MaxLong = 400  // the signatory's designation, which may hold line breaks
	MaxPath = 4096 // a file or folder
)

// capOf is the length cap of the setting key.
func capOf(key string) int {
	switch key {
	case "units", "rankings", "out", "register", "templates", "locales", "fonts", "office.emblem":
		return MaxPath
	case "signatory.designation_hi", "signatory.designation_en":
		return MaxLong
	}
	return MaxText
}

// checkLengths returns a message for every text setting over its cap
// (capOf), found by walking the settings' toml keys, so that a new setting
// is capped too: a name of megabytes would take minutes and gigabytes to
// lay out.
func checkLengths(path string, v reflect.Value, prefix string) []string {
	var msgs []string
	t := v.Type()
	for i := range t.NumField() {
		key, _, _ := strings.Cut(t.Field(i).Tag.Get("toml"), ",")
		if key == "" || key == "-" {
			continue
		}
		if prefix != "" {
			key = prefix + "." + key
		}
		f := v.Field(i)
		var texts []string
		switch f.Kind() {
		case reflect.Struct:
			msgs = append(msgs, checkLengths(path, f, key)...)
		case reflect.String:
			texts = []string{f.String()}
		case reflect.Slice:
			if f.Type().Elem().Kind() == reflect.String {
				texts = f.Interface().([]string)
			}
		}
		for _, s := range texts {
			if n := utf8.RuneCountInString(s); n > capOf(key) {
				msgs = append(msgs, fmt.Sprintf("%s: %s is %d characters long; the most it may have is %d: shorten it", path, key, n, capOf(key)))
				break
			}
		}
	}
	return msgs
}

// Required returns an error naming each setting that the documents in
// languages langs print and that is empty: without the office's place the
// date line reads ", 1 December 2024", without the signatory's name a
// sentence reads "The has directed...".
func (c Config) Required(path string, langs []string) error {
	var missing []string
	for _, l := range []string{"hi", "en"} {
		if !slices.Contains(langs, l) {
			continue
		}
		for _, s := range []struct{ key, hi, en string }{
			{"office.name", c.Office.NameHi, c.Office.NameEn},
			{"office.place", c.Office.PlaceHi, c.Office.PlaceEn},
			{"signatory.name", c.Signatory.NameHi, c.Signatory.NameEn},
			{"signatory.designation", c.Signatory.DesignationHi, c.Signatory.DesignationEn},
		} {
			v := s.en
			if l == "hi" {
				v = s.hi
			}
			if strings.TrimSpace(v) == "" {
				missing = append(missing, s.key+"_"+l)
			}
		}
	}
	if len(missing) == 0 {
		return nil
	}
	if path == "" {
		path = "config.toml"
	}
	return fmt.Errorf("%s: %s not set; the documents print them: set them in config.toml (see the example config.toml) or with --set key=value",
		path, strings.Join(missing, ", ")+map[bool]string{true: " is", false: " are"}[len(missing) == 1])
}

// Setting is one text setting: its toml key and value.
type Setting struct{ Key, Value string }

// Printed returns the settings that the documents print: the office's and
// the signatory's (all but the emblem, a file), in file order.
func (c Config) Printed() []Setting {
	var out []Setting
	for _, part := range []struct {
		prefix string
		v      any
	}{{"office", c.Office}, {"signatory", c.Signatory}} {
		v := reflect.ValueOf(part.v)
		for i := range v.NumField() {
			key, _, _ := strings.Cut(v.Type().Field(i).Tag.Get("toml"), ",")
			if key == "" || key == "emblem" || v.Field(i).Kind() != reflect.String {
				continue
			}
			out = append(out, Setting{Key: part.prefix + "." + key, Value: v.Field(i).String()})
		}
	}
	return out
}
