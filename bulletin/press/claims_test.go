package press_test

import (
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/igrs-pro/bulletin/bulletin/card"
	"github.com/igrs-pro/bulletin/bulletin/dataset"
	"github.com/igrs-pro/bulletin/bulletin/facts"
	"github.com/igrs-pro/bulletin/bulletin/l10n"
	"github.com/igrs-pro/bulletin/bulletin/press"
	"github.com/igrs-pro/bulletin/locales"
	"github.com/igrs-pro/bulletin/templates"
)

// claimsWorld: zone z1 (कानपुर) with ranges r1 (कानपुर: districts d1 औरैया,
// d2 इटावा) and r3 (झाँसी: d4 ललितपुर), zone z2 (आगरा) with range r2 and
// district d3; thanas t1, t2 under d1, t3 under d2, t4 under d3, t5 under d4.
func claimsWorld() []dataset.Unit {
	rows := []struct{ id, level, parent, hi, en string }{
		{"up", "state", "", "उत्तर प्रदेश", "Uttar Pradesh"},
		{"z1", "zone", "up", "कानपुर", "Kanpur"}, {"z2", "zone", "up", "आगरा", "Agra"},
		{"r1", "range", "z1", "कानपुर", "Kanpur"}, {"r2", "range", "z2", "आगरा", "Agra"}, {"r3", "range", "z1", "झाँसी", "Jhansi"},
		{"d1", "district", "r1", "औरैया", "Auraiya"}, {"d2", "district", "r1", "इटावा", "Etawah"},
		{"d3", "district", "r2", "मथुरा", "Mathura"}, {"d4", "district", "r3", "ललितपुर", "Lalitpur"},
		{"t1", "thana", "d1", "बिधूना", "Bidhuna"}, {"t2", "thana", "d1", "अजीतमल", "Ajitmal"},
		{"t3", "thana", "d2", "जसवंतनगर", "Jaswantnagar"}, {"t4", "thana", "d3", "कोसी", "Kosi"}, {"t5", "thana", "d4", "तालबेहट", "Talbehat"},
	}
	var us []dataset.Unit
	for i, r := range rows {
		l, _ := dataset.ParseLevel(r.level)
		us = append(us, dataset.Unit{ID: r.id, Level: l, Parent: r.parent, NameHi: r.hi, NameEn: r.en, Index: i})
	}
	return us
}

// rankings reads "2024-04:z1=1,z2=2;2024-05:..." (every row scores 100 of 125).
func rankings(t *testing.T, spec string) *dataset.Data {
	t.Helper()
	var rs []dataset.Ranking
	for _, part := range strings.Split(spec, ";") {
		ms, units, _ := strings.Cut(part, ":")
		m, err := dataset.ParseMonth(ms)
		if err != nil {
			t.Fatal(err)
		}
		for _, u := range strings.Split(units, ",") {
			id, r, _ := strings.Cut(u, "=")
			n, err := strconv.Atoi(r)
			if err != nil {
				t.Fatal(err)
			}
			rs = append(rs, dataset.Ranking{Month: m, Unit: id, Rank: n, Score: 100, MaxScore: 125, HasScore: true, HasMax: true})
		}
	}
	d, err := dataset.Validate(claimsWorld(), rs)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// written is a note and a card of one language as one text: "H: " the
// headline, "P: " each paragraph of the body, "C: " the card's lines after
// the office and kicker, joined by " | ". The note's first and last
// paragraphs (the IGRS and the officer's direction) say nothing of the data
// and are left out.
func written(t *testing.T, f *facts.Facts, tag string, joint bool) string {
	t.Helper()
	tm, err := press.LoadTemplates(templates.FS)
	if err != nil {
		t.Fatal(err)
	}
	cat, err := l10n.Load(locales.FS, nil)
	if err != nil {
		t.Fatal(err)
	}
	lang, err := cat.Lang(tag, l10n.Options{MonthSpelling: "office", Digits: "latin", PadCounts: true})
	if err != nil {
		t.Fatal(err)
	}
	n, err := tm.Compose(lang, press.Input{Facts: f, Date: time.Date(2024, 12, 1, 0, 0, 0, 0, time.UTC), Joint: joint, ListThanas: 10})
	if err != nil {
		t.Fatal(err)
	}
	out := []string{"H: " + n.Headline}
	for _, p := range n.Paragraphs[1 : len(n.Paragraphs)-1] {
		out = append(out, "P: "+p)
	}
	c, err := card.Compose(lang, card.Input{Facts: f, Joint: joint})
	if err != nil {
		t.Fatal(err)
	}
	out = append(out, "C: "+strings.Join(c.Lines()[2:], " | "))
	return strings.Join(out, "\n")
}

// claimCase is a month of small rankings (spec, see rankings) and what the
// note and the card of scope must say about it, and must not, by language.
type claimCase struct {
	name, spec, month, scope, from string
	joint                          bool
	want, not                      map[string][]string // language -> texts
}

// claimCases are the cases of TestNotesAndCardsClaimOnlyWhatTheDataSays.
var claimCases = []claimCase{
	{
		name: "a ranking that left the scope out counts in the year",
		spec: "2024-01:z1=1,z2=2;2024-02:z2=1;2024-03:z1=1,z2=2;2024-04:z1=1,z2=2", month: "2024-04", scope: "z1",
		want: map[string][]string{
			"hi": {"वर्ष 2024 में 04 में से 03 बार प्रथम", "वर्ष 2024 में जारी 04 माह की रैंकिंग में कानपुर जोन 03 बार प्रदेश में प्रथम"},
			"en": {"first 3 times in the 4 rankings of 2024", "In the 4 monthly rankings for 2024, Kanpur Zone ranked first in the state 3 times.", "First in 3 of 4 rankings in 2024"},
		},
		not: map[string][]string{"hi": {"सभी", "03 में से 03"}, "en": {"all 3", "3 of 3"}},
	},
	{
		name: "first in every ranking of the year",
		spec: "2024-01:z1=1,z2=2;2024-02:z1=1,z2=2;2024-03:z1=1,z2=2", month: "2024-03", scope: "z1",
		want: map[string][]string{
			"hi": {"वर्ष 2024 में जारी सभी 03 माह की रैंकिंग में कानपुर जोन प्रदेश में प्रथम स्थान पर रहा है।", "लगातार 03 माह से प्रथम"},
			"en": {"Kanpur Zone ranked first in the state in all 3 monthly rankings for 2024.", "for 3 months in a row"},
		},
	},
	{
		name: "one thana of three came first: singular noun",
		spec: "2024-04:r1=1,r2=2,r3=3,t1=1,t2=2,t3=3", month: "2024-04", scope: "r1",
		want: map[string][]string{
			"hi": {"कानपुर परिक्षेत्र के मूल्यांकित 03 थानों में से 01 थाने (बिधूना) ने प्रथम रैंक प्राप्त की है।", "C: कानपुर परिक्षेत्र | प्रदेश में प्रथम | 125 में से 100 अंक | 03 में से 01 थाना प्रथम"},
			"en": {"Of the 3 police stations of Kanpur Range evaluated this month, 1 ranked first: Bidhuna.", "1 of 3 thanas first"},
		},
		not: map[string][]string{"hi": {"01 थाने प्रथम"}},
	},
	{
		name: "two thanas of three: plural noun",
		spec: "2024-04:r1=1,r2=2,r3=3,t1=1,t2=1,t3=3", month: "2024-04", scope: "r1",
		want: map[string][]string{"hi": {"03 थानों में से 02 थानों (बिधूना व अजीतमल) ने", "03 में से 02 थाने प्रथम"}, "en": {"2 of 3 thanas first"}},
	},
	{
		name: "scope not first: no also on the first level below, also after it",
		spec: "2024-05:z1=1,z2=2;2024-06:z1=2,z2=1,r1=1,r2=2,r3=1,d1=1,d2=2,d3=1,d4=4", month: "2024-06", scope: "z1",
		want: map[string][]string{
			"hi": {"H: आईजीआरएस रैंकिंग जून-2024: कानपुर जोन को प्रदेश में द्वितीय रैंक", "कानपुर जोन के अंतर्गत कानपुर व झाँसी परिक्षेत्र ने प्रदेश में प्रथम रैंक", "इसी प्रकार कानपुर जोन के जनपद औरैया ने भी प्रदेश में प्रथम रैंक"},
			"en": {"Kanpur Zone ranked second in the state.", "the Kanpur and Jhansi Ranges ranked first", "The Auraiya District of Kanpur Zone also ranked first", "Kanpur Zone | Ranked second in the state"},
		},
		not: map[string][]string{"hi": {"परिक्षेत्र ने भी", "पूर्व माह", "वर्ष 2024"}, "en": {"Ranges also", "previous month", "rankings of 2024"}},
	},
	{
		name: "scope not first, only districts first: no also",
		spec: "2024-06:z1=2,z2=1,r1=2,r2=1,r3=3,d1=1,d2=2,d3=3,d4=4", month: "2024-06", scope: "z1",
		want: map[string][]string{"hi": {"कानपुर जोन के जनपद औरैया ने प्रदेश में प्रथम रैंक"}, "en": {"The Auraiya District of Kanpur Zone ranked first"}},
		not:  map[string][]string{"hi": {"भी", "इसी प्रकार"}, "en": {"also"}},
	},
	{
		name: "streak over an unpublished month: said in published rankings, not in the headline",
		spec: "2024-01:z1=1,z2=2;2024-02:z1=1,z2=2;2024-04:z1=1,z2=2", month: "2024-04", scope: "z1", from: "2024-02",
		want: map[string][]string{
			"hi": {"माह फरवरी-2024 की रैंकिंग की भांति", "कानपुर जोन जारी की गई लगातार 03 मासिक रैंकिंग में प्रदेश में प्रथम स्थान पर रहा है।"},
			"en": {"as in the ranking for February 2024", "in 3 published monthly rankings in a row", "First in 3 published rankings in a row"},
		},
		// history_from after January: no tally of the year, and no
		// "months in a row" in the headline.
		not: map[string][]string{"hi": {"वर्ष 2024", "लगातार 03 माह"}, "en": {"rankings of 2024", "rankings for 2024", "months in a row", "previous month"}},
	},
	{
		name: "a month missing inside the data was not published: the previous ranking is named",
		spec: "2024-01:z1=1,z2=2;2024-03:z1=1,z2=2", month: "2024-03", scope: "z1",
		want: map[string][]string{"hi": {"माह जनवरी-2024 की रैंकिंग की भांति"}, "en": {"as in the ranking for January 2024"}},
		not:  map[string][]string{"hi": {"पूर्व माह"}, "en": {"previous month"}},
	},
	{
		name: "scope unranked the month before",
		spec: "2024-03:z2=1;2024-04:z1=1,z2=1", month: "2024-04", scope: "z1", joint: true,
		want: map[string][]string{
			"hi": {"कानपुर जोन ने प्रदेश में संयुक्त रूप से प्रथम स्थान प्राप्त किया है।", "H: आईजीआरएस रैंकिंग अप्रैल-2024: कानपुर जोन प्रदेश में संयुक्त रूप से प्रथम", "प्रदेश में संयुक्त रूप से प्रथम | 125 में से 100 अंक"},
			"en": {"Kanpur Zone ranked joint first in the state.", "Joint first in the state"},
		},
		not: map[string][]string{"hi": {"भांति", "लगातार", "सभी"}, "en": {"as in", "in a row", "in all"}},
	},
	{
		name: "first alone last month, joint now: 'as in the previous month' does not carry 'joint'",
		spec: "2024-10:z1=1,z2=3;2024-11:z1=1,z2=1", month: "2024-11", scope: "z1", joint: true,
		want: map[string][]string{
			"hi": {"माह नवम्बर-2024 की आईजीआरएस रैंकिंग में पूर्व माह में प्रथम रहे कानपुर जोन ने प्रदेश में संयुक्त रूप से प्रथम स्थान प्राप्त किया है।"},
			"en": {"In the IGRS ranking for November 2024, Kanpur Zone, first in the previous month, ranked joint first in the state."},
		},
		not: map[string][]string{"hi": {"भांति"}, "en": {"as in the previous month"}},
	},
	{
		name: "joint now, first in the previous published ranking",
		spec: "2024-09:z1=1,z2=3;2024-11:z1=1,z2=1", month: "2024-11", scope: "z1", joint: true,
		want: map[string][]string{
			"hi": {"माह नवम्बर-2024 की आईजीआरएस रैंकिंग में माह सितम्बर-2024 की रैंकिंग में प्रथम रहे कानपुर जोन ने प्रदेश में संयुक्त रूप से प्रथम स्थान प्राप्त किया है।"},
			"en": {"In the IGRS ranking for November 2024, Kanpur Zone, first in the ranking for September 2024, ranked joint first in the state."},
		},
		not: map[string][]string{"hi": {"भांति"}, "en": {"as in the"}},
	},
	{
		name: "tied last month and this, without press.joint",
		spec: "2024-10:z1=1,z2=1;2024-11:z1=1,z2=1", month: "2024-11", scope: "z1",
		want: map[string][]string{"hi": {"पूर्व माह की भांति कानपुर जोन ने प्रदेश में प्रथम स्थान"}, "en": {"ranked first in the state, as in the previous month."}},
	},
	{
		name: "joint is said only with press.joint",
		spec: "2024-04:z1=1,z2=1", month: "2024-04", scope: "z1",
		not: map[string][]string{"hi": {"संयुक्त"}, "en": {"joint", "Joint"}},
	},
	{
		name: "the state: no rank, units counted",
		spec: "2024-04:z1=1,z2=1,r1=1,r2=1,r3=3,d1=2,d2=1,d3=3,d4=4,t1=1,t2=2,t3=3,t4=4,t5=5", month: "2024-04", scope: "up",
		want: map[string][]string{
			"hi": {"H: आईजीआरएस रैंकिंग अप्रैल-2024: उत्तर प्रदेश की 06 इकाइयाँ प्रदेश में प्रथम", "उत्तर प्रदेश के अंतर्गत कानपुर व आगरा जोन ने प्रदेश में प्रथम", "उत्तर प्रदेश के मूल्यांकित 05 थानों में से 01 थाने ने"},
			"en": {"6 units of Uttar Pradesh first in the state", "the Kanpur and Agra Zones ranked first"},
		},
		not: map[string][]string{"hi": {"स्थान प्राप्त किया", "अंकों में से"}, "en": {"scored", "Uttar Pradesh ranked"}},
	},
	{
		name: "a district whose thanas all came first",
		spec: "2024-04:d1=3,d2=1,t1=1,t2=1", month: "2024-04", scope: "d1",
		want: map[string][]string{
			"hi": {"जनपद औरैया को प्रदेश में तृतीय रैंक प्राप्त हुई है।", "जनपद औरैया के सभी 02 मूल्यांकित थानों (बिधूना व अजीतमल) ने प्रथम रैंक", "सभी 02 मूल्यांकित थाने प्रथम"},
			"en": {"Auraiya District ranked third in the state.", "ranked first: Bidhuna and Ajitmal."},
		},
	},
}

// TestNotesAndCardsClaimOnlyWhatTheDataSays composes the note and the card
// from small rankings, in Hindi and English, and looks for the sentences
// each must carry and those it must not.
func TestNotesAndCardsClaimOnlyWhatTheDataSays(t *testing.T) {
	for _, tt := range claimCases {
		t.Run(tt.name, func(t *testing.T) { checkClaims(t, tt) })
	}
}

// checkClaims writes the note and the card of tt in Hindi and English and
// looks in them for tt.want and tt.not.
func checkClaims(t *testing.T, tt claimCase) {
	d := rankings(t, tt.spec)
	var o facts.Options
	if tt.from != "" {
		o.HistoryFrom, _ = dataset.ParseMonth(tt.from)
	}
	m, _ := dataset.ParseMonth(tt.month)
	f, err := facts.ComputeWith(d, tt.scope, m, o)
	if err != nil {
		t.Fatal(err)
	}
	for _, tag := range []string{"hi", "en"} {
		text := written(t, f, tag, tt.joint)
		for _, w := range tt.want[tag] {
			if !strings.Contains(text, w) {
				t.Errorf("%s: missing %q in\n%s", tag, w, text)
			}
		}
		for _, w := range tt.not[tag] {
			if strings.Contains(text, w) {
				t.Errorf("%s: must not say %q in\n%s", tag, w, text)
			}
		}
	}
}
