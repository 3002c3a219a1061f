package l10n

import (
	"fmt"
	"reflect"
	"strconv"
	"strings"
	"text/template"
	"time"

	"golang.org/x/text/unicode/norm"

	"github.com/igrs-pro/bulletin/bulletin/dataset"
	"github.com/igrs-pro/bulletin/bulletin/facts"
)

// Month returns the name of month m (a dataset.Month or time.Month) in the
// office's spelling.
func (l *Lang) Month(m any) (string, error) {
	var mon time.Month
	switch x := m.(type) {
	case dataset.Month:
		mon = x.Month
	case time.Month:
		mon = x
	case time.Time:
		mon = x.Month()
	default:
		return "", fmt.Errorf("month: cannot name %T", m)
	}
	id := fmt.Sprintf("Month.%02d", int(mon))
	if l.opts.MonthSpelling == "cldr" {
		id += ".cldr"
	}
	return l.Msg(id)
}

// MonthYear writes a ranking month such as "नवम्बर-2024" or "November 2024".
func (l *Lang) MonthYear(m dataset.Month) (string, error) {
	name, err := l.Month(m)
	if err != nil {
		return "", err
	}
	return l.Msg("MonthYear", "Month", name, "Year", l.Num(m.Year))
}

// Date writes a calendar date such as "02 दिसम्बर, 2024" or "2 December 2024".
func (l *Lang) Date(t time.Time) (string, error) {
	name, err := l.Month(t.Month())
	if err != nil {
		return "", err
	}
	return l.Msg("Date", "Day", l.Num(t.Day()), "Day2", l.digits(fmt.Sprintf("%02d", t.Day())),
		"Month", name, "Year", l.Num(t.Year()))
}

// Ordinal writes rank n as an ordinal: a word where the catalog has one
// (प्रथम, द्वितीय, ...; first, second, ...), else the number with the
// suffix that agrees with the noun: gender "f" (the default; रैंक: 21वीं)
// or "m" (स्थान: 21वां).
func (l *Lang) Ordinal(v any, gender ...string) (string, error) {
	n, err := toInt(v)
	if err != nil {
		return "", err
	}
	g := "f"
	if len(gender) > 0 {
		g = gender[0]
	}
	if g != "f" && g != "m" {
		return "", fmt.Errorf("ordinal: gender %q is not f or m", g)
	}
	if n >= 1 && n <= 10 {
		return l.Msg(fmt.Sprintf("Ordinal.%02d.%s", n, g))
	}
	return l.Msg("OrdinalNumber."+g+"."+ordinalCategory(n), "N", l.Num(n))
}

// ordinalCategory is CLDR's English ordinal plural category (1st, 2nd,
// 3rd, 4th; 11th, 12th, 13th). Languages whose ordinal suffix does not
// change, like Hindi, give every category the same text.
func ordinalCategory(n int) string {
	switch {
	case n%10 == 1 && n%100 != 11:
		return "one"
	case n%10 == 2 && n%100 != 12:
		return "two"
	case n%10 == 3 && n%100 != 13:
		return "few"
	}
	return "other"
}

// List joins items the language's way: "क, ख, ग व घ"; "A, B and C".
func (l *Lang) List(items []string) (string, error) {
	switch len(items) {
	case 0:
		return "", nil
	case 1:
		return items[0], nil
	}
	sep, err := l.Msg("List.Separator")
	if err != nil {
		return "", err
	}
	return l.Msg("List.And", "Head", strings.Join(items[:len(items)-1], sep), "Last", items[len(items)-1])
}

// Name returns the unit's name in the language.
func (l *Lang) Name(u facts.UnitRef) string {
	if l.Tag == "hi" {
		return u.NameHi
	}
	return u.NameEn
}

// Names returns the names of units in the language.
func (l *Lang) Names(us []facts.UnitRef) []string {
	out := make([]string, len(us))
	for i, u := range us {
		out[i] = l.Name(u)
	}
	return out
}

// Unit names a unit with its level as the language writes it: "कानपुर जोन",
// "जनपद औरैया", "थाना बिधूना"; "Kanpur Zone", "Auraiya District".
// A name that already says its level ("झाँसी परिक्षेत्र", "महिला थाना
// कोतवाली नगर", "Kanpur Nagar Commissionerate": one of the words of the
// message Unit.<level>.Named, as whole words) is written as it is.
func (l *Lang) Unit(u facts.UnitRef) (string, error) {
	name := l.Name(u)
	words, err := l.levelWords(u.Level)
	if err != nil {
		return "", err
	}
	padded := " " + fold(name) + " "
	for _, w := range words {
		if strings.Contains(padded, " "+w+" ") {
			return name, nil
		}
	}
	return l.Msg("Unit."+u.Level.String(), "Name", name)
}

// Bare returns the names of units in the language without their level
// word, for a message that adds the level word once for the whole list:
// "कानपुर व झाँसी परिक्षेत्र", "the Kanpur and Jhansi Ranges", from names
// typed "कानपुर परिक्षेत्र", "Jhansi Range". The words are those of the
// message Unit.<level>.Word, left out only where Unit.<level> puts the
// level word (after the name for a range, before it for a thana in Hindi),
// so "महिला थाना" stays whole.
func (l *Lang) Bare(us []facts.UnitRef) ([]string, error) {
	out := make([]string, len(us))
	for i, u := range us {
		before, after, err := l.wordPlace(u.Level)
		if err != nil {
			return nil, err
		}
		out[i] = l.Name(u)
		if !before && !after {
			continue
		}
		msg, err := l.Msg("Unit." + u.Level.String() + ".Word")
		if err != nil {
			return nil, err
		}
		out[i] = bare(out[i], splitWords(msg), before, after)
	}
	return out, nil
}

// OwnLevel reports whether a name of us, its level word left out (Bare),
// still says a level (a word of Unit.<level>.Named, such as कमिश्नरेट):
// such a list cannot add the level word once, and names every unit with
// its level instead (ListNames).
func (l *Lang) OwnLevel(us []facts.UnitRef) (bool, error) {
	names, err := l.Bare(us)
	if err != nil {
		return false, err
	}
	for i, u := range us {
		words, err := l.levelWords(u.Level)
		if err != nil {
			return false, err
		}
		padded := " " + fold(names[i]) + " "
		for _, w := range words {
			if strings.Contains(padded, " "+w+" ") {
				return true, nil
			}
		}
	}
	return false, nil
}

// ListNames returns the names of us for a list of units that came first:
// without their level word (Bare) when the message adds it once, or each
// with its level (Unit) when a name says a level of its own (OwnLevel).
func (l *Lang) ListNames(us []facts.UnitRef) ([]string, error) {
	own, err := l.OwnLevel(us)
	if err != nil || !own {
		return l.Bare(us)
	}
	out := make([]string, len(us))
	for i, u := range us {
		if out[i], err = l.Unit(u); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// wordPlace tells where Unit.<level> puts the level word: before the name
// ("जनपद औरैया") or after it ("Auraiya District").
func (l *Lang) wordPlace(lv dataset.Level) (before, after bool, err error) {
	const mark = "\x00"
	s, err := l.Msg("Unit."+lv.String(), "Name", mark)
	if err != nil {
		return false, false, err
	}
	s = strings.TrimSpace(s)
	return strings.HasSuffix(s, mark) && s != mark, strings.HasPrefix(s, mark) && s != mark, nil
}

// bare strips one of words (folded) from the start (before) or end
// (after) of name, when something is left.
func bare(name string, words []string, before, after bool) string {
	fs := strings.Fields(name)
	for _, w := range words {
		n := len(strings.Fields(w))
		if len(fs) <= n {
			continue
		}
		if after && fold(strings.Join(fs[len(fs)-n:], " ")) == w {
			return strings.Join(fs[:len(fs)-n], " ")
		}
		if before && fold(strings.Join(fs[:n], " ")) == w {
			return strings.Join(fs[n:], " ")
		}
	}
	return name
}

// splitWords splits a catalog's list of words at | and folds each.
func splitWords(msg string) []string {
	var words []string
	for _, w := range strings.Split(msg, "|") {
		if w = fold(strings.TrimSpace(w)); w != "" {
			words = append(words, w)
		}
	}
	return words
}

// levelWords are the words that say a unit's level, from the catalog
// (Unit.<level>.Named, separated by |), folded for comparison.
func (l *Lang) levelWords(lv dataset.Level) ([]string, error) {
	if words, ok := l.levels.Load(lv); ok {
		return words.([]string), nil
	}
	msg, err := l.Msg("Unit." + lv.String() + ".Named")
	if err != nil {
		return nil, err
	}
	words, _ := l.levels.LoadOrStore(lv, splitWords(msg))
	return words.([]string), nil
}

// fold prepares a name for comparing words: NFC, lower case (English),
// single spaces.
func fold(s string) string {
	return strings.ToLower(strings.Join(strings.Fields(norm.NFC.String(s)), " "))
}

// Funcs returns the template functions of the language.
func (l *Lang) Funcs() template.FuncMap {
	return template.FuncMap{
		"t":         l.Msg,
		"tn":        l.Plural,
		"num":       l.Num,
		"count":     l.Count,
		"month":     l.Month,
		"monthyear": l.MonthYear,
		"date":      l.Date,
		"ordinal":   l.Ordinal,
		"list":      l.List,
		"name":      l.Name,
		"names":     l.Names,
		"unit":      l.Unit,
		"bare":      l.Bare,
		"ownlevel":  l.OwnLevel,
		"listnames": l.ListNames,
		"lang":      func() string { return l.Tag },
		"deref":     deref,
	}
}

// deref returns the value a pointer points to (or nil), so that templates
// can test and print optional facts such as the previous month's rank.
func deref(v any) any {
	rv := reflect.ValueOf(v)
	if rv.Kind() != reflect.Pointer {
		return v
	}
	if rv.IsNil() {
		return nil
	}
	return rv.Elem().Interface()
}

func toInt(v any) (int, error) {
	switch x := v.(type) {
	case int:
		return x, nil
	case *int:
		if x == nil {
			return 0, fmt.Errorf("no number (nil)")
		}
		return *x, nil
	case int64:
		return int(x), nil
	case float64:
		if x == float64(int(x)) {
			return int(x), nil
		}
	}
	return 0, fmt.Errorf("%v (%T) is not a whole number", v, v)
}

func formatFloat(f float64) string { return strconv.FormatFloat(f, 'f', -1, 64) }
