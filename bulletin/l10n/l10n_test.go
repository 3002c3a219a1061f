package l10n_test

import (
	"fmt"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/igrs-pro/bulletin/bulletin/dataset"
	"github.com/igrs-pro/bulletin/bulletin/facts"
	"github.com/igrs-pro/bulletin/bulletin/l10n"
	"github.com/igrs-pro/bulletin/locales"
)

var office = l10n.Options{MonthSpelling: "office", Digits: "latin", PadCounts: true}

func lang(t testing.TB, tag string, opts l10n.Options) *l10n.Lang {
	t.Helper()
	c, err := l10n.Load(locales.FS, nil)
	if err != nil {
		t.Fatal(err)
	}
	l, err := c.Lang(tag, opts)
	if err != nil {
		t.Fatal(err)
	}
	return l
}

// Hindi's CLDR "one" covers 0 and 1; English's only 1.
func ExampleLang_Plural() {
	c, _ := l10n.Load(locales.FS, nil)
	for _, tag := range []string{"hi", "en"} {
		l, _ := c.Lang(tag, l10n.Options{MonthSpelling: "office", Digits: "latin"})
		for _, n := range []int{0, 1, 2} {
			s, _ := l.Plural("Press.ThanaCount", n)
			fmt.Println(tag, n, s)
		}
	}
	// Output:
	// hi 0 0 थाने
	// hi 1 1 थाने
	// hi 2 2 थानों
	// en 0 0 police stations
	// en 1 1 police station
	// en 2 2 police stations
}

func ExampleLang_Ordinal() {
	c, _ := l10n.Load(locales.FS, nil)
	hi, _ := c.Lang("hi", l10n.Options{MonthSpelling: "office", Digits: "latin"})
	en, _ := c.Lang("en", l10n.Options{MonthSpelling: "office", Digits: "latin"})
	for _, n := range []int{1, 2, 3, 4, 5, 10, 11, 12, 13, 21, 22, 23, 101, 111} {
		h, _ := hi.Ordinal(n)
		hm, _ := hi.Ordinal(n, "m")
		e, _ := en.Ordinal(n)
		fmt.Println(n, h, hm, e)
	}
	// Output:
	// 1 प्रथम प्रथम first
	// 2 द्वितीय द्वितीय second
	// 3 तृतीय तृतीय third
	// 4 चतुर्थ चतुर्थ fourth
	// 5 पंचम पंचम fifth
	// 10 दशम दशम tenth
	// 11 11वीं 11वां 11th
	// 12 12वीं 12वां 12th
	// 13 13वीं 13वां 13th
	// 21 21वीं 21वां 21st
	// 22 22वीं 22वां 22nd
	// 23 23वीं 23वां 23rd
	// 101 101वीं 101वां 101st
	// 111 111वीं 111वां 111th
}

func TestMonthSpellingAndDigits(t *testing.T) {
	nov := dataset.Month{Year: 2024, Month: time.November}
	cases := []struct {
		tag  string
		opts l10n.Options
		want string
	}{
		{"hi", office, "नवम्बर-2024"},
		{"hi", l10n.Options{MonthSpelling: "cldr", Digits: "latin"}, "नवंबर-2024"},
		{"hi", l10n.Options{MonthSpelling: "office", Digits: "devanagari"}, "नवम्बर-२०२४"},
		{"en", l10n.Options{MonthSpelling: "cldr", Digits: "devanagari"}, "November 2024"},
	}
	for _, c := range cases {
		got, err := lang(t, c.tag, c.opts).MonthYear(nov)
		if err != nil || got != c.want {
			t.Errorf("%s %+v: MonthYear = %q, %v; want %q", c.tag, c.opts, got, err, c.want)
		}
	}
	for m, want := range map[time.Month][2]string{time.October: {"अक्टूबर", "अक्तूबर"}, time.December: {"दिसम्बर", "दिसंबर"}} {
		for i, sp := range []string{"office", "cldr"} {
			got, _ := lang(t, "hi", l10n.Options{MonthSpelling: sp, Digits: "latin"}).Month(m)
			if got != want[i] {
				t.Errorf("%s %v = %q, want %q", sp, m, got, want[i])
			}
		}
	}
}

func TestCountsDatesAndLists(t *testing.T) {
	hi := lang(t, "hi", office)
	hiDeva := lang(t, "hi", l10n.Options{MonthSpelling: "office", Digits: "devanagari", PadCounts: true})
	hiNoPad := lang(t, "hi", l10n.Options{MonthSpelling: "office", Digits: "latin"})
	en := lang(t, "en", office)
	check := func(name, got string, err error, want string) {
		t.Helper()
		if err != nil || got != want {
			t.Errorf("%s = %q, %v; want %q", name, got, err, want)
		}
	}
	s, err := hi.Count(7)
	check("hi count 7", s, err, "07")
	s, err = hiDeva.Count(7)
	check("hi devanagari count 7", s, err, "०७")
	s, err = hiNoPad.Count(7)
	check("hi unpadded count 7", s, err, "7")
	s, err = en.Count(7)
	check("en count 7", s, err, "7")
	s, err = hi.Count(139)
	check("hi count 139", s, err, "139")
	check("hi num 124.5", hiDeva.Num(124.5), nil, "१२४.५")

	d := time.Date(2024, time.December, 2, 0, 0, 0, 0, time.UTC)
	s, err = hi.Date(d)
	check("hi date", s, err, "02 दिसम्बर, 2024")
	s, err = en.Date(d)
	check("en date", s, err, "2 December 2024")
	s, err = hi.Msg("Press.DateLine", "Place", "कानपुर", "Date", "02 दिसम्बर, 2024")
	check("hi dateline", s, err, "कानपुर, दिनांक 02 दिसम्बर, 2024")

	for _, c := range []struct {
		items  []string
		hi, en string
	}{
		{nil, "", ""},
		{[]string{"क"}, "क", "क"},
		{[]string{"क", "ख"}, "क व ख", "क and ख"},
		{[]string{"क", "ख", "ग", "घ"}, "क, ख, ग व घ", "क, ख, ग and घ"},
	} {
		s, err = hi.List(c.items)
		check("hi list", s, err, c.hi)
		s, err = en.List(c.items)
		check("en list", s, err, c.en)
	}

	u := facts.UnitRef{Level: dataset.District, NameHi: "औरैया", NameEn: "Auraiya"}
	s, err = hi.Unit(u)
	check("hi unit", s, err, "जनपद औरैया")
	s, err = en.Unit(u)
	check("en unit", s, err, "Auraiya District")
	for _, c := range []struct {
		level          dataset.Level
		nameHi, nameEn string
		hi, en         string
	}{
		{dataset.Thana, "बिधूना", "Bidhuna", "थाना बिधूना", "Bidhuna Police Station"},
		{dataset.Thana, "महिला थाना कोतवाली नगर", "Mahila Thana Kotwali Nagar", "महिला थाना कोतवाली नगर", "Mahila Thana Kotwali Nagar"},
		{dataset.Thana, "साइबर क्राइम पुलिस स्टेशन", "Cyber Crime Police Station", "साइबर क्राइम पुलिस स्टेशन", "Cyber Crime Police Station"},
		{dataset.District, "कानपुर नगर कमिश्नरेट", "Kanpur Nagar Commissionerate", "कानपुर नगर कमिश्नरेट", "Kanpur Nagar Commissionerate"},
		{dataset.Range, "झांसी", "Jhansi", "झांसी परिक्षेत्र", "Jhansi Range"},
	} {
		u := facts.UnitRef{Level: c.level, NameHi: c.nameHi, NameEn: c.nameEn}
		s, err = hi.Unit(u)
		check("hi unit", s, err, c.hi)
		s, err = en.Unit(u)
		check("en unit", s, err, c.en)
	}
}

// Names that carry their level word are not given it again, in either
// language; in lists that add the level word once, it is left out of each
// name.
func TestLevelWordsNotDoubled(t *testing.T) {
	hi := lang(t, "hi", l10n.Options{MonthSpelling: "office", Digits: "latin"})
	en := lang(t, "en", l10n.Options{MonthSpelling: "office", Digits: "latin"})
	for _, c := range []struct {
		level          dataset.Level
		nameHi, nameEn string
		unitHi, unitEn string
		bareHi, bareEn string
	}{
		{dataset.Range, "झाँसी परिक्षेत्र", "Jhansi Range", "झाँसी परिक्षेत्र", "Jhansi Range", "झाँसी", "Jhansi"},
		// The word is left out only where Unit.range puts it (after the name).
		{dataset.Range, "परिक्षेत्र झाँसी", "Range Jhansi", "परिक्षेत्र झाँसी", "Range Jhansi", "परिक्षेत्र झाँसी", "Range Jhansi"},
		{dataset.Range, "कानपुर रेंज", "kanpur range", "कानपुर रेंज", "kanpur range", "कानपुर", "kanpur"},
		{dataset.Zone, "कानपुर जोन", "Kanpur Zone", "कानपुर जोन", "Kanpur Zone", "कानपुर", "Kanpur"},
		{dataset.Zone, "कानपुर ज़ोन", "Kanpur  ZONE", "कानपुर ज़ोन", "Kanpur  ZONE", "कानपुर", "Kanpur"},
		{dataset.Zone, "कानपुर", "Kanpur", "कानपुर जोन", "Kanpur Zone", "कानपुर", "Kanpur"},
		{dataset.District, "जनपद औरैया", "Auraiya District", "जनपद औरैया", "Auraiya District", "औरैया", "Auraiya"},
		{dataset.District, "कानपुर नगर पुलिस कमिश्नरेट", "Kanpur Nagar Police Commissionerate", "कानपुर नगर पुलिस कमिश्नरेट", "Kanpur Nagar Police Commissionerate", "कानपुर नगर पुलिस कमिश्नरेट", "Kanpur Nagar Police Commissionerate"},
		// महिला थाना (a women's police station) is a name, not a level word.
		{dataset.Thana, "महिला थाना", "Mahila Thana", "महिला थाना", "Mahila Thana", "महिला थाना", "Mahila Thana"},
		{dataset.Thana, "थाना बिधूना", "Bidhuna PS", "थाना बिधूना", "Bidhuna PS", "बिधूना", "Bidhuna"},
		{dataset.Thana, "महिला थाना कोतवाली नगर", "Mahila Thana Kotwali Nagar", "महिला थाना कोतवाली नगर", "Mahila Thana Kotwali Nagar", "महिला थाना कोतवाली नगर", "Mahila Thana Kotwali Nagar"},
		// A name that is only the word keeps it.
		{dataset.Thana, "थाना", "Thana", "थाना", "Thana", "थाना", "Thana"},
		// A word inside another word is not the level word.
		{dataset.Zone, "जोनपुर", "Zonepur", "जोनपुर जोन", "Zonepur Zone", "जोनपुर", "Zonepur"},
	} {
		u := facts.UnitRef{Level: c.level, NameHi: c.nameHi, NameEn: c.nameEn}
		for _, x := range []struct {
			l          *l10n.Lang
			unit, bare string
		}{{hi, c.unitHi, c.bareHi}, {en, c.unitEn, c.bareEn}} {
			got, err := x.l.Unit(u)
			if err != nil || got != x.unit {
				t.Errorf("%s Unit(%s %q) = %q, %v; want %q", x.l.Tag, c.level, x.l.Name(u), got, err, x.unit)
			}
			b, err := x.l.Bare([]facts.UnitRef{u})
			if err != nil || len(b) != 1 || b[0] != x.bare {
				t.Errorf("%s Bare(%s %q) = %q, %v; want %q", x.l.Tag, c.level, x.l.Name(u), b, err, x.bare)
			}
		}
	}
}

func TestOverrideReplacesOneMessage(t *testing.T) {
	over := fstest.MapFS{"active.hi.toml": {Data: []byte("[\"Press.Title\"]\ndescription = \"x\"\nother = \"प्रेस विज्ञप्ति\"\n")}}
	c, err := l10n.Load(locales.FS, over)
	if err != nil {
		t.Fatal(err)
	}
	hi, _ := c.Lang("hi", office)
	if s, _ := hi.Msg("Press.Title"); s != "प्रेस विज्ञप्ति" {
		t.Errorf("overridden title = %q", s)
	}
	if s, _ := hi.Msg("Press.DocTitle", "Month", "नवम्बर-2024"); !strings.HasPrefix(s, "प्रेस नोट") {
		t.Errorf("a message the override does not name changed: %q", s)
	}
}

func TestCatalogsMustDefineTheSameMessages(t *testing.T) {
	over := fstest.MapFS{"active.en.toml": {Data: []byte("[\"Press.Extra\"]\ndescription = \"x\"\nother = \"extra\"\n")}}
	_, err := l10n.Load(locales.FS, over)
	want := "active.hi.toml lacks Press.Extra; add them to that catalog"
	if err == nil || err.Error() != want {
		t.Errorf("err = %v, want %q", err, want)
	}
	bad := fstest.MapFS{"active.hi.toml": {Data: []byte("[oops\n")}}
	if _, err := l10n.Load(locales.FS, bad); err == nil || !strings.Contains(err.Error(), "active.hi.toml in the locales override folder") {
		t.Errorf("broken override: err = %v", err)
	}
}

func TestEveryMessageHasADescription(t *testing.T) {
	for _, tag := range l10n.Languages {
		b, err := locales.FS.ReadFile("active." + tag + ".toml")
		if err != nil {
			t.Fatal(err)
		}
		var ids, descs int
		for _, line := range strings.Split(string(b), "\n") {
			if strings.HasPrefix(line, "[") {
				ids++
			}
			if strings.HasPrefix(line, "description = ") {
				descs++
			}
		}
		if ids == 0 || ids != descs {
			t.Errorf("active.%s.toml: %d messages, %d descriptions", tag, ids, descs)
		}
	}
}

func TestRequireListsMissingMessagesAndPluralForms(t *testing.T) {
	over := fstest.MapFS{"active.en.toml": {Data: []byte("[\"Press.ThanaCount\"]\ndescription = \"x\"\nother = \"{{.Count}} stations\"\n")}}
	c, err := l10n.Load(locales.FS, over)
	if err != nil {
		t.Fatal(err)
	}
	if err := c.Require([]string{"Press.Title"}, []string{"Press.ThanaCount"}); err == nil ||
		err.Error() != "active.en.toml lacks Press.ThanaCount (plural forms one and other), which the templates use; add them" {
		t.Errorf("err = %v", err)
	}
	c, _ = l10n.Load(locales.FS, nil)
	err = c.Require([]string{"Press.Title", "Press.Nope"}, []string{"Press.ThanaCount"})
	want := "active.hi.toml lacks Press.Nope, which the templates use; add them\nactive.en.toml lacks Press.Nope, which the templates use; add them"
	if err == nil || err.Error() != want {
		t.Errorf("err = %v, want %q", err, want)
	}
}

// An office's message may use only the fields the code passes to it
// (issue 10, case 12): {{.Scor}} would print "<no value>".
func TestOverrideFieldsCheckedAtLoad(t *testing.T) {
	bad := fstest.MapFS{"active.en.toml": {Data: []byte("[\"Press.Score\"]\nother = \"{{.Unit}} scored {{.Scor}} of {{if .Max}}{{.Maximum}}{{end}} marks.\"\n")}}
	_, err := l10n.Load(locales.FS, bad)
	want := `active.en.toml in the locales override folder: message Press.Score uses {{.Maximum}}, {{.Scor}}, which bulletin does not pass to it (it would print "<no value>"); it passes {{.Max}}, {{.Score}}, {{.Unit}}`
	if err == nil || err.Error() != want {
		t.Errorf("err = %v\nwant %s", err, want)
	}
	good := fstest.MapFS{"active.en.toml": {Data: []byte("[\"Press.Score\"]\nother = \"{{.Score}}/{{.Max}} marks for {{.Unit}}.\"\n")}}
	if _, err := l10n.Load(locales.FS, good); err != nil {
		t.Errorf("a reworded message with the same fields: %v", err)
	}
}
