package facts_test

import (
	"errors"
	"fmt"
	"reflect"
	"testing"

	"github.com/igrs-pro/bulletin/bulletin/dataset"
	"github.com/igrs-pro/bulletin/bulletin/facts"
)

// world is a small hierarchy: zone z1 with range r1 (districts d1, d2; thanas
// t1, t2 under d1 and t3 under d2), a second zone z2 with range r2, district
// d3 and thana t4, and a commissionerate c1 with no parent and thana t5.
func world() []dataset.Unit {
	rows := [][3]string{
		{"up", "state", ""},
		{"z1", "zone", "up"}, {"z2", "zone", "up"},
		{"r1", "range", "z1"}, {"r2", "range", "z2"},
		{"d1", "district", "r1"}, {"d2", "district", "r1"}, {"d3", "district", "r2"},
		{"c1", "district", ""},
		{"t1", "thana", "d1"}, {"t2", "thana", "d1"}, {"t3", "thana", "d2"}, {"t4", "thana", "d3"}, {"t5", "thana", "c1"},
	}
	var us []dataset.Unit
	for i, r := range rows {
		l, _ := dataset.ParseLevel(r[1])
		us = append(us, dataset.Unit{ID: r[0], Level: l, Parent: r[2], NameHi: r[0] + "-hi", NameEn: r[0] + "-en", Index: i})
	}
	return us
}

func month(s string) dataset.Month {
	m, err := dataset.ParseMonth(s)
	if err != nil {
		panic(err)
	}
	return m
}

// ranks builds rankings from month -> unit -> rank.
func build(t *testing.T, ranks map[string]map[string]int) *dataset.Data {
	t.Helper()
	var rs []dataset.Ranking
	for m, units := range ranks {
		for id, r := range units {
			rs = append(rs, dataset.Ranking{Month: month(m), Unit: id, Rank: r, Score: 100, MaxScore: 125, HasScore: true, HasMax: true})
		}
	}
	d, err := dataset.Validate(world(), rs)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func intp(n int) *int { return &n }

func TestScopeRankPreviousStreakYear(t *testing.T) {
	d := build(t, map[string]map[string]int{
		"2023-11": {"z1": 1, "z2": 1},
		"2023-12": {"z1": 1, "z2": 3},
		"2024-01": {"z1": 1, "z2": 1}, // streak crosses the year boundary
		"2024-02": {"z1": 2, "z2": 1}, // not first: breaks the streak
		"2024-03": {"z1": 1, "z2": 1},
		// 2024-04 missing after the history's start: not published, so it
		// neither breaks the streak nor is "the previous month"
		"2024-05": {"z1": 1, "z2": 2},
		"2024-06": {"z1": 1, "z2": 1},
	})
	tests := []struct {
		month        string
		rank         int
		prev         *int
		streak       int
		year         facts.Year
		unitsRanked  int
		first, again bool
	}{
		// The data begins in 2023-11: the tally of 2023 is not whole.
		{"2023-11", 1, nil, 1, facts.Year{Year: 2023, MonthsPublished: 1, MonthsRanked: 1, MonthsFirst: 1}, 2, true, false},
		{"2023-12", 1, intp(1), 2, facts.Year{Year: 2023, MonthsPublished: 2, MonthsRanked: 2, MonthsFirst: 2}, 2, true, true},
		{"2024-01", 1, intp(1), 3, facts.Year{Year: 2024, MonthsPublished: 1, MonthsRanked: 1, MonthsFirst: 1, Whole: true}, 2, true, true},
		{"2024-02", 2, intp(1), 0, facts.Year{Year: 2024, MonthsPublished: 2, MonthsRanked: 2, MonthsFirst: 1, Whole: true}, 2, false, false},
		{"2024-03", 1, intp(2), 1, facts.Year{Year: 2024, MonthsPublished: 3, MonthsRanked: 3, MonthsFirst: 2, Whole: true}, 2, true, false},
		{"2024-05", 1, intp(1), 2, facts.Year{Year: 2024, MonthsPublished: 4, MonthsRanked: 4, MonthsFirst: 3, Whole: true}, 2, true, true},
		{"2024-06", 1, intp(1), 3, facts.Year{Year: 2024, MonthsPublished: 5, MonthsRanked: 5, MonthsFirst: 4, Whole: true}, 2, true, true},
	}
	for _, tt := range tests {
		t.Run(tt.month, func(t *testing.T) {
			f, err := facts.Compute(d, "z1", month(tt.month))
			if err != nil {
				t.Fatal(err)
			}
			s := f.Scope
			if s.Rank == nil || *s.Rank != tt.rank {
				t.Errorf("rank = %v, want %d", s.Rank, tt.rank)
			}
			if !reflect.DeepEqual(s.PreviousRank, tt.prev) {
				t.Errorf("previous rank = %v, want %v", deref(s.PreviousRank), deref(tt.prev))
			}
			if s.FirstStreak != tt.streak {
				t.Errorf("streak = %d, want %d", s.FirstStreak, tt.streak)
			}
			if s.Year != tt.year {
				t.Errorf("year = %+v, want %+v", s.Year, tt.year)
			}
			if s.UnitsRanked != tt.unitsRanked {
				t.Errorf("units ranked = %d, want %d", s.UnitsRanked, tt.unitsRanked)
			}
			if s.First() != tt.first || s.FirstAgain() != tt.again {
				t.Errorf("First, FirstAgain = %v, %v; want %v, %v", s.First(), s.FirstAgain(), tt.first, tt.again)
			}
		})
	}
}

// TestHistoryFrom: rankings that start in April. By default the history
// starts there and the year's tally is not whole; declared complete from
// January (history_from), January to March were not published and the
// tally covers the year. The previous published ranking of April is then
// December, named as such.
func TestHistoryFrom(t *testing.T) {
	d := build(t, map[string]map[string]int{
		"2023-12": {"z1": 1, "z2": 2},
		"2024-04": {"z1": 1, "z2": 2},
		"2024-05": {"z1": 1, "z2": 2},
		"2024-06": {"z1": 2, "z2": 1},
		"2024-07": {"z1": 1, "z2": 2},
	})
	tests := []struct {
		name, month, from string
		year              facts.Year
		prevMonth         string // "" for unknown
		streak            int
		skips             bool
	}{
		{"default: the data's first month", "2024-07", "", facts.Year{Year: 2024, MonthsPublished: 4, MonthsRanked: 4, MonthsFirst: 3, Whole: true}, "2024-06", 1, false},
		{"history from April", "2024-07", "2024-04", facts.Year{Year: 2024, MonthsPublished: 4, MonthsRanked: 4, MonthsFirst: 3}, "2024-06", 1, false},
		{"history from January", "2024-07", "2024-01", facts.Year{Year: 2024, MonthsPublished: 4, MonthsRanked: 4, MonthsFirst: 3, Whole: true}, "2024-06", 1, false},
		{"April after unpublished months", "2024-05", "2024-01", facts.Year{Year: 2024, MonthsPublished: 2, MonthsRanked: 2, MonthsFirst: 2, Whole: true}, "2024-04", 3, true},
		{"April, history from January", "2024-04", "2024-01", facts.Year{Year: 2024, MonthsPublished: 1, MonthsRanked: 1, MonthsFirst: 1, Whole: true}, "2023-12", 2, true},
		{"April, history from April", "2024-04", "2024-04", facts.Year{Year: 2024, MonthsPublished: 1, MonthsRanked: 1, MonthsFirst: 1}, "", 1, false},
		{"December, nothing before", "2023-12", "2024-01", facts.Year{Year: 2023, MonthsPublished: 0, MonthsRanked: 0, MonthsFirst: 0}, "", 1, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var o facts.Options
			if tt.from != "" {
				o.HistoryFrom = month(tt.from)
			}
			f, err := facts.ComputeWith(d, "z1", month(tt.month), o)
			if err != nil {
				t.Fatal(err)
			}
			s := f.Scope
			if s.Year != tt.year {
				t.Errorf("year = %+v, want %+v", s.Year, tt.year)
			}
			got := ""
			if s.PreviousMonth != nil {
				got = s.PreviousMonth.String()
			}
			if got != tt.prevMonth {
				t.Errorf("previous published month = %q, want %q", got, tt.prevMonth)
			}
			if s.FirstStreak != tt.streak || s.StreakSkips != tt.skips {
				t.Errorf("streak = %d (skips unpublished: %v), want %d (%v)", s.FirstStreak, s.StreakSkips, tt.streak, tt.skips)
			}
		})
	}
}

func deref(p *int) any {
	if p == nil {
		return nil
	}
	return *p
}

func TestLevelsBelowScopeTiesAndOrder(t *testing.T) {
	d := build(t, map[string]map[string]int{
		"2024-11": {
			"z1": 1, "z2": 1, "r1": 1, "r2": 1,
			// ties: d2 and d3 share rank 1; d1 is 3rd; the commissionerate is first too
			"d1": 3, "d2": 1, "d3": 1, "c1": 1,
			// t2 not evaluated this month
			"t1": 1, "t3": 1, "t4": 1, "t5": 4,
		},
	})
	f, err := facts.Compute(d, "z1", month("2024-11"))
	if err != nil {
		t.Fatal(err)
	}
	got := map[string][3]any{}
	var order []string
	for _, l := range f.Levels {
		var ids []string
		for _, u := range l.FirstUnits {
			ids = append(ids, u.ID)
		}
		got[l.Level.String()] = [3]any{l.Evaluated, l.First, ids}
		order = append(order, l.Level.String())
	}
	if want := []string{"range", "district", "thana"}; !reflect.DeepEqual(order, want) {
		t.Fatalf("levels = %v, want %v", order, want)
	}
	want := map[string][3]any{
		"range":    {1, 1, []string{"r1"}},
		"district": {2, 1, []string{"d2"}}, // d3 and c1 are outside z1
		"thana":    {2, 2, []string{"t1", "t3"}},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("levels = %v, want %v", got, want)
	}
	if f.At("zone") != nil || f.At("district").First != 1 || f.At("bogus") != nil {
		t.Errorf("At gives the wrong level")
	}
}

func TestStateScopeHasNoRankAndSeesEveryUnit(t *testing.T) {
	d := build(t, map[string]map[string]int{
		"2024-11": {"z1": 1, "z2": 2, "r1": 1, "r2": 1, "d1": 1, "d2": 5, "d3": 1, "c1": 1, "t1": 1, "t2": 1, "t3": 1, "t4": 9, "t5": 1},
	})
	f, err := facts.Compute(d, "up", month("2024-11"))
	if err != nil {
		t.Fatal(err)
	}
	if f.Scope.Rank != nil || f.Scope.First() || f.Scope.FirstStreak != 0 {
		t.Errorf("state scope has a rank: %+v", f.Scope)
	}
	dl := f.At("district")
	if dl.Evaluated != 4 || dl.First != 3 {
		t.Errorf("districts = %d evaluated, %d first; want 4, 3 (commissionerate included)", dl.Evaluated, dl.First)
	}
	if z := f.At("zone"); z.Evaluated != 2 || z.First != 1 {
		t.Errorf("zones = %+v", z)
	}
	if th := f.At("thana"); th.Evaluated != 5 || th.First != 4 {
		t.Errorf("thanas = %+v", th)
	}
}

func TestScopeWithoutRankingIsAnError(t *testing.T) {
	d := build(t, map[string]map[string]int{
		"2024-10": {"z1": 1},
		"2024-11": {"z2": 1},
	})
	_, err := facts.Compute(d, "z1", month("2024-11"))
	var nr *facts.NoRankingError
	if !errors.As(err, &nr) {
		t.Fatalf("err = %v, want NoRankingError", err)
	}
	want := `scope unit "z1" has no ranking for 2024-11; its latest ranked month is 2024-10; pass --month 2024-10 or add its row for 2024-11`
	if err.Error() != want {
		t.Errorf("err = %q\nwant %q", err, want)
	}
	if _, err := facts.Compute(d, "nope", month("2024-11")); err == nil {
		t.Error("unknown scope: no error")
	}
}

// TestStateScopeInAMonthWithoutRankings: the state is never ranked, so
// its month is one that some unit was ranked in; a month the rankings do
// not hold (not published, a mistyped --month) is an error, not a press
// note announcing "the IGRS ranking for February 2025" with no result.
func TestStateScopeInAMonthWithoutRankings(t *testing.T) {
	d := build(t, map[string]map[string]int{
		"2024-10": {"z1": 1, "z2": 2},
		"2024-12": {"z1": 2, "z2": 1},
	})
	for _, m := range []string{"2024-11", "2025-02", "2024-09"} {
		f, err := facts.Compute(d, "up", month(m))
		var nr *facts.NoRankingError
		if !errors.As(err, &nr) {
			t.Fatalf("%s: facts %+v, err = %v; want NoRankingError", m, f, err)
		}
		want := `no unit is ranked in ` + m + `: the rankings hold 2024-10 to 2024-12; pass --month 2024-12 or add the rankings of ` + m
		if err.Error() != want {
			t.Errorf("err = %q\nwant %q", err, want)
		}
	}
	if _, err := facts.Compute(d, "up", month("2024-12")); err != nil {
		t.Errorf("a month the rankings hold: %v", err)
	}
}

func TestDistrictScopeOnlyHasThanas(t *testing.T) {
	d := build(t, map[string]map[string]int{"2024-11": {"d1": 2, "t1": 1, "t2": 1, "t3": 1}})
	f, err := facts.Compute(d, "d1", month("2024-11"))
	if err != nil {
		t.Fatal(err)
	}
	if len(f.Levels) != 1 || f.Levels[0].Level != dataset.Thana || f.Levels[0].First != 2 {
		t.Errorf("levels = %+v", f.Levels)
	}
}

func TestAwards(t *testing.T) {
	d := build(t, map[string]map[string]int{
		"2024-11": {"z1": 1, "z2": 1, "r1": 2, "r2": 1, "d1": 1, "d2": 3, "d3": 1, "c1": 1, "t1": 1, "t2": 2, "t3": 1, "t4": 1, "t5": 1},
	})
	ids := func(as []facts.Award) []string {
		var s []string
		for _, a := range as {
			p := "-"
			if a.Parent != nil {
				p = a.Parent.ID
			}
			s = append(s, fmt.Sprintf("%s<%s#%d@%d", a.Unit.ID, p, a.Seq, a.Rank))
		}
		return s
	}
	firsts, err := facts.Awards(d, "z1", month("2024-11"), facts.AwardRule{BestRank: 1})
	if err != nil {
		t.Fatal(err)
	}
	// The office does not award itself by default.
	if got, want := ids(firsts), []string{"d1<r1#1@1", "t1<d1#1@1", "t3<d2#3@1"}; !reflect.DeepEqual(got, want) {
		t.Errorf("firsts = %v, want %v", got, want)
	}
	self, _ := facts.Awards(d, "z1", month("2024-11"), facts.AwardRule{Levels: []dataset.Level{dataset.Zone, dataset.District}, BestRank: 1})
	if got, want := ids(self), []string{"z1<up#1@1", "d1<r1#1@1"}; !reflect.DeepEqual(got, want) {
		t.Errorf("with the zone named = %v, want %v", got, want)
	}
	top3, _ := facts.Awards(d, "z1", month("2024-11"), facts.AwardRule{Levels: []dataset.Level{dataset.District, dataset.Thana}, BestRank: 3})
	if got, want := ids(top3), []string{"d1<r1#1@1", "d2<r1#2@3", "t1<d1#1@1", "t2<d1#2@2", "t3<d2#3@1"}; !reflect.DeepEqual(got, want) {
		t.Errorf("top 3 = %v, want %v", got, want)
	}
	if _, err := facts.Awards(d, "z1", month("2024-11"), facts.AwardRule{BestRank: 0}); err == nil {
		t.Error("best rank 0: no error")
	}
	// The plan holds the awards while drawing: siblings share their
	// parent, and equal marks one value.
	for _, a := range top3 {
		if a.Score == nil || *a.Score != 100 || a.MaxScore == nil || *a.MaxScore != 125 {
			t.Errorf("%s: marks %v of %v, want 100 of 125", a.Unit.ID, a.Score, a.MaxScore)
		}
	}
	if t1, t2 := top3[2], top3[3]; t1.Parent != t2.Parent || t1.Score != t2.Score || t1.MaxScore != top3[0].MaxScore {
		t.Errorf("t1 and t2 hold their parent d1 or their marks apart")
	}
}

// TestYearCountsRankingsThatLeftTheScopeOut: in February the zones'
// ranking was published without z1. The year has three rankings, in two of
// which z1 came first: "first in all 2 rankings of 2024" would be false.
// A month with no zone in it (only a thana) is not a ranking of zones.
func TestYearCountsRankingsThatLeftTheScopeOut(t *testing.T) {
	d := build(t, map[string]map[string]int{
		"2024-01": {"z1": 1, "z2": 2},
		"2024-02": {"z2": 1},
		"2024-03": {"t1": 1},
		"2024-04": {"z1": 1, "z2": 2},
	})
	f, err := facts.Compute(d, "z1", month("2024-04"))
	if err != nil {
		t.Fatal(err)
	}
	want := facts.Year{Year: 2024, MonthsPublished: 3, MonthsRanked: 2, MonthsFirst: 2, Whole: true}
	if f.Scope.Year != want {
		t.Errorf("year = %+v, want %+v", f.Scope.Year, want)
	}
	// The streak stops at March, where z1's rank is not known.
	if f.Scope.FirstStreak != 1 {
		t.Errorf("streak = %d, want 1", f.Scope.FirstStreak)
	}
}

// TestFactsOfDataFor: the facts and awards of a month worked out from the
// data a build keeps (dataset.Data.For) are those worked out from all of
// it, for every scope, month and history_from; a ranking they would need
// and For left out would panic.
func TestFactsOfDataFor(t *testing.T) {
	ranks := map[string]map[string]int{}
	months := []string{"2023-11", "2023-12", "2024-01", "2024-02", "2024-03", "2024-05", "2024-06"} // 2024-04 not published
	for i, m := range months {
		ranks[m] = map[string]int{}
		for j, u := range world()[1:] {
			if (i+j)%5 != 3 { // some units unranked in some months
				ranks[m][u.ID] = 1 + (i*j+j)%3
			}
		}
	}
	full := build(t, ranks)
	for _, scope := range []string{"up", "z1", "r1", "d1", "c1", "t1", "t3"} {
		for _, m := range append(months, "2024-04", "2024-07") {
			d := full.For(scope, month(m))
			for _, from := range []string{"", "2024-01", "2024-05"} {
				var o facts.Options
				if from != "" {
					o.HistoryFrom = month(from)
				}
				want, werr := facts.ComputeWith(full, scope, month(m), o)
				got, gerr := facts.ComputeWith(d, scope, month(m), o)
				if !reflect.DeepEqual(got, want) || fmt.Sprint(gerr) != fmt.Sprint(werr) {
					t.Errorf("%s %s from %q: facts of For differ:\n got %+v, %v\nwant %+v, %v", scope, m, from, got, gerr, want, werr)
				}
			}
			for _, best := range []int{1, 3} {
				rule := facts.AwardRule{BestRank: best}
				want, werr := facts.Awards(full, scope, month(m), rule)
				got, gerr := facts.Awards(d, scope, month(m), rule)
				if !reflect.DeepEqual(got, want) || fmt.Sprint(gerr) != fmt.Sprint(werr) {
					t.Errorf("%s %s best %d: awards of For differ:\n got %+v\nwant %+v", scope, m, best, got, want)
				}
			}
		}
	}
}
