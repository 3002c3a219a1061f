// Package facts works out what a press note may claim about a scope unit in
// a month: its rank, whether it was also first the month before, its
// first-rank streak, its tally for the calendar year, and which units under
// it came first. It is pure: no I/O, no formatting.
package facts

import (
	"fmt"
	"time"

	"github.com/igrs-pro/bulletin/bulletin/dataset"
)

// SchemaVersion is the version of the facts' JSON form (`bulletin facts
// --json`), raised when a field changes meaning or is removed.
const SchemaVersion = 2

// Facts is everything a press note for one scope and month may say.
type Facts struct {
	SchemaVersion int           `json:"schema_version"`
	Month         dataset.Month `json:"month"`
	// HistoryFrom is the month from which the rankings are complete (the
	// setting history_from, or the first month in the data): a month
	// missing after it was not published.
	HistoryFrom dataset.Month `json:"history_from"`
	Scope       Scope         `json:"scope"`
	Levels      []LevelFacts  `json:"levels"`
}

// UnitRef names a unit.
type UnitRef struct {
	ID     string        `json:"id"`
	Level  dataset.Level `json:"level"`
	NameHi string        `json:"name_hi"`
	NameEn string        `json:"name_en"`
}

// Scope is the office's own unit and its standing this month.
type Scope struct {
	UnitRef
	// Rank is nil for the state, which has no ranking of its own.
	Rank     *int     `json:"rank"`
	Score    *float64 `json:"score"`
	MaxScore *float64 `json:"max_score"`
	// UnitsRanked is how many units of the scope's level were ranked this month.
	UnitsRanked int `json:"units_ranked"`
	// SharingRank is how many units of the scope's level hold its rank
	// this month, the scope included (1: it holds it alone; 0: unranked).
	SharingRank int `json:"sharing_rank"`
	// PreviousMonth is the month of the previous published ranking (the
	// month before, unless months in between were not published), nil
	// when it is not known; PreviousRank is the scope's rank in it, nil
	// when unknown or unranked.
	PreviousMonth *dataset.Month `json:"previous_month"`
	PreviousRank  *int           `json:"previous_rank"`
	// FirstStreak counts the published rankings up to this one in a row
	// at rank 1; StreakSkips is true when months that were not published
	// lie inside the streak.
	FirstStreak int  `json:"first_streak"`
	StreakSkips bool `json:"streak_skips_unpublished"`
	Year        Year `json:"year"`
}

// Year is the scope's tally for the calendar year, January (or
// history_from, when later) up to the month.
type Year struct {
	Year int `json:"year"`
	// MonthsPublished counts the rankings of the scope's level published
	// in the year (a month in the data with a unit of that level in it);
	// MonthsRanked those in which the scope itself was ranked. A note
	// says "first N times in the M rankings of the year" with
	// M = MonthsPublished: a ranking that left the scope out is one it
	// did not come first in.
	MonthsPublished int `json:"months_published"`
	MonthsRanked    int `json:"months_ranked"`
	MonthsFirst     int `json:"months_first"`
	// Whole is true when the history reaches back to January of the year,
	// so the tally covers every ranking published in the year so far; when
	// it begins later, months before it are unknown, not unpublished.
	Whole bool `json:"whole"`
}

// LevelFacts is how the units of one level under the scope fared.
type LevelFacts struct {
	Level      dataset.Level `json:"level"`
	Evaluated  int           `json:"evaluated"`
	First      int           `json:"first"`
	FirstUnits []UnitRef     `json:"first_units"`
	// Units are every evaluated unit of the level under the scope, in
	// units.csv order.
	Units []UnitResult `json:"units"`
}

// UnitResult is one evaluated unit's result in the month.
type UnitResult struct {
	UnitRef
	Rank     int      `json:"rank"`
	Score    *float64 `json:"score"`
	MaxScore *float64 `json:"max_score"`
	// PreviousRank is its rank in the previous published ranking, nil when
	// unknown or unranked.
	PreviousRank *int `json:"previous_rank"`
}

// First reports whether the scope ranked first this month.
func (s Scope) First() bool { return s.Rank != nil && *s.Rank == 1 }

// FirstAgain reports whether the scope ranked first this month and the month before.
func (s Scope) FirstAgain() bool {
	return s.First() && s.PreviousRank != nil && *s.PreviousRank == 1
}

// PreviousNamed reports whether the previous published ranking is known
// and is not the calendar month before: a note then names its month.
func (f *Facts) PreviousNamed() bool {
	p := f.Scope.PreviousMonth
	return p != nil && *p != f.Month.Prev()
}

// FirstBelow is how many units under the scope, of every level, ranked
// first.
func (f *Facts) FirstBelow() int {
	n := 0
	for _, l := range f.Levels {
		n += l.First
	}
	return n
}

// At returns the facts for the level named name (zone, range, district,
// thana), or nil when that level is not below the scope. Templates use it.
func (f *Facts) At(name string) *LevelFacts {
	l, ok := dataset.ParseLevel(name)
	if !ok {
		return nil
	}
	for i := range f.Levels {
		if f.Levels[i].Level == l {
			return &f.Levels[i]
		}
	}
	return nil
}

// NoRankingError says the scope unit has no ranking in the month asked for
// (for the state, which is never ranked: no unit has).
type NoRankingError struct {
	Scope  string
	Month  dataset.Month
	Months []dataset.Month // months in which the scope is ranked (the state: any unit)
	State  bool            // Scope is the state
}

func (e *NoRankingError) Error() string {
	if n := len(e.Months); e.State && n > 0 {
		return fmt.Sprintf("no unit is ranked in %s: the rankings hold %s to %s; pass --month %s or add the rankings of %s",
			e.Month, e.Months[0], e.Months[n-1], e.Months[n-1], e.Month)
	}
	hint := "check --month and the rankings files"
	if n := len(e.Months); n > 0 {
		hint = fmt.Sprintf("its latest ranked month is %s; pass --month %s or add its row for %s", e.Months[n-1], e.Months[n-1], e.Month)
	}
	return fmt.Sprintf("scope unit %q has no ranking for %s; %s", e.Scope, e.Month, hint)
}

// Options are the office's settings that facts depend on.
type Options struct {
	// HistoryFrom is the month from which the rankings are complete; zero:
	// the first month in the data.
	HistoryFrom dataset.Month
}

// Compute works out the facts for scope in month m, with the history
// starting at the first month in the data.
func Compute(d *dataset.Data, scopeID string, m dataset.Month) (*Facts, error) {
	return ComputeWith(d, scopeID, m, Options{})
}

// ComputeWith works out the facts for scope in month m.
func ComputeWith(d *dataset.Data, scopeID string, m dataset.Month, o Options) (*Facts, error) {
	scope, ok := d.Unit(scopeID)
	if !ok {
		return nil, fmt.Errorf("scope unit %q is not in units.csv; set scope in config.toml or --scope to a unit id", scopeID)
	}
	h := newHistory(d, o.HistoryFrom)
	f := &Facts{SchemaVersion: SchemaVersion, Month: m, HistoryFrom: h.from, Scope: Scope{UnitRef: ref(scope)}}
	f.Scope.Year.Year = m.Year
	if scope.Level != dataset.State {
		r, ok := d.Rank(m, scope.ID)
		if !ok {
			return nil, &NoRankingError{Scope: scope.ID, Month: m, Months: rankedMonths(d, scope.ID)}
		}
		scopeFacts(&f.Scope, d, h, m, r)
	} else if !h.published[m] {
		// The state is never ranked: its month is one the rankings hold,
		// or its notes would announce a ranking no one published.
		return nil, &NoRankingError{Scope: scope.ID, Month: m, Months: d.Months(), State: true}
	}
	prev, prevKnown := h.previous(m)
	for _, l := range dataset.Levels {
		if l > scope.Level {
			f.Levels = append(f.Levels, LevelFacts{Level: l, FirstUnits: []UnitRef{}, Units: []UnitResult{}})
		}
	}
	perLevel := map[dataset.Level]*LevelFacts{}
	for i := range f.Levels {
		perLevel[f.Levels[i].Level] = &f.Levels[i]
	}
	for _, u := range d.Units {
		r, ranked := d.Rank(m, u.ID)
		if !ranked {
			continue
		}
		if u.Level == scope.Level {
			f.Scope.UnitsRanked++
			if f.Scope.Rank != nil && r.Rank == *f.Scope.Rank {
				f.Scope.SharingRank++
			}
		}
		lf := perLevel[u.Level]
		if lf == nil || !d.Contains(scope, u.ID) {
			continue
		}
		lf.Evaluated++
		if r.Rank == 1 {
			lf.First++
			lf.FirstUnits = append(lf.FirstUnits, ref(u))
		}
		res := UnitResult{UnitRef: ref(u), Rank: r.Rank, Score: score(r), MaxScore: maxScore(r)}
		if p, ok := d.Rank(prev, u.ID); ok && prevKnown {
			pr := p.Rank // not &p.Rank, which would keep all of p
			res.PreviousRank = &pr
		}
		lf.Units = append(lf.Units, res)
	}
	return f, nil
}

// scopeFacts fills in the scope's standing: its rank r in m, the previous
// published ranking, its first-rank streak and the year's tally.
func scopeFacts(s *Scope, d *dataset.Data, h history, m dataset.Month, r dataset.Ranking) {
	s.Rank = &r.Rank
	s.Score, s.MaxScore = score(r), maxScore(r)
	if pm, ok := h.previous(m); ok {
		s.PreviousMonth = &pm
		if p, ok := d.Rank(pm, s.ID); ok {
			s.PreviousRank = &p.Rank
		}
	}
	gap := false
	for mm := m; ; mm = mm.Prev() {
		if !h.published[mm] {
			if mm.Before(h.from) || mm.Before(h.first) {
				break
			}
			gap = true // not published: the streak goes on past it
			continue
		}
		if p, ok := d.Rank(mm, s.ID); !ok || p.Rank != 1 {
			break
		}
		s.FirstStreak++
		s.StreakSkips = s.StreakSkips || (gap && s.FirstStreak > 1)
		gap = false
	}
	jan := dataset.Month{Year: m.Year, Month: time.January}
	s.Year.Whole = !jan.Before(h.from)
	levelMonths := d.Ranked(s.Level) // the rankings of its level published
	for mm := m; mm.Year == m.Year && !mm.Before(h.from); mm = mm.Prev() {
		if levelMonths[mm] > 0 {
			s.Year.MonthsPublished++
		}
		if p, ok := d.Rank(mm, s.ID); ok {
			s.Year.MonthsRanked++
			if p.Rank == 1 {
				s.Year.MonthsFirst++
			}
		}
	}
}

// history is what is known of the published rankings: every month in the
// data was published, and so was no month missing from it after from.
type history struct {
	from, first dataset.Month
	published   map[dataset.Month]bool
}

func newHistory(d *dataset.Data, from dataset.Month) history {
	h := history{from: from, published: map[dataset.Month]bool{}}
	ms := d.Months()
	if len(ms) > 0 {
		h.first = ms[0]
		if h.from.IsZero() {
			h.from = ms[0]
		}
	}
	for _, m := range ms {
		h.published[m] = true
	}
	return h
}

// previous returns the month of the published ranking before m, and
// whether it is known.
func (h history) previous(m dataset.Month) (dataset.Month, bool) {
	for mm := m.Prev(); ; mm = mm.Prev() {
		if h.published[mm] {
			return mm, true
		}
		if mm.Before(h.from) || mm.Before(h.first) {
			return dataset.Month{}, false
		}
	}
}

func score(r dataset.Ranking) *float64 {
	if !r.HasScore {
		return nil
	}
	v := r.Score
	return &v
}

func maxScore(r dataset.Ranking) *float64 {
	if !r.HasMax {
		return nil
	}
	v := r.MaxScore
	return &v
}

func ref(u dataset.Unit) UnitRef {
	return UnitRef{ID: u.ID, Level: u.Level, NameHi: u.NameHi, NameEn: u.NameEn}
}

func rankedMonths(d *dataset.Data, id string) []dataset.Month {
	var ms []dataset.Month
	for _, m := range d.Months() {
		if _, ok := d.Rank(m, id); ok {
			ms = append(ms, m)
		}
	}
	return ms
}
