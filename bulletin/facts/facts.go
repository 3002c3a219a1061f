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

// Facts is everything a press note for one scope and month may say.
type Facts struct {
	Month  dataset.Month `json:"month"`
	Scope  Scope         `json:"scope"`
	Levels []LevelFacts  `json:"levels"`
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
	UnitsRanked  int  `json:"units_ranked"`
	PreviousRank *int `json:"previous_rank"`
	// FirstStreak counts consecutive calendar months up to this one at rank 1.
	FirstStreak int  `json:"first_streak"`
	Year        Year `json:"year"`
}

// Year is the scope's tally for the calendar year, January up to the month.
type Year struct {
	Year         int `json:"year"`
	MonthsRanked int `json:"months_ranked"`
	MonthsFirst  int `json:"months_first"`
	// Whole is true when the data reaches back to January of the year, so
	// the tally covers every ranking of the year so far; when the data
	// begins later, months before it are unknown, not unranked.
	Whole bool `json:"whole"`
}

// LevelFacts is how the units of one level under the scope fared.
type LevelFacts struct {
	Level      dataset.Level `json:"level"`
	Evaluated  int           `json:"evaluated"`
	First      int           `json:"first"`
	FirstUnits []UnitRef     `json:"first_units"`
}

// First reports whether the scope ranked first this month.
func (s Scope) First() bool { return s.Rank != nil && *s.Rank == 1 }

// FirstAgain reports whether the scope ranked first this month and the month before.
func (s Scope) FirstAgain() bool {
	return s.First() && s.PreviousRank != nil && *s.PreviousRank == 1
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

// NoRankingError says the scope unit has no ranking in the month asked for.
type NoRankingError struct {
	Scope  string
	Month  dataset.Month
	Months []dataset.Month // months in which the scope is ranked
}

func (e *NoRankingError) Error() string {
	hint := "check --month and the rankings files"
	if n := len(e.Months); n > 0 {
		hint = fmt.Sprintf("its latest ranked month is %s; pass --month %s or add its row for %s", e.Months[n-1], e.Months[n-1], e.Month)
	}
	return fmt.Sprintf("scope unit %q has no ranking for %s; %s", e.Scope, e.Month, hint)
}

// Compute works out the facts for scope in month m.
func Compute(d *dataset.Data, scopeID string, m dataset.Month) (*Facts, error) {
	scope, ok := d.Unit(scopeID)
	if !ok {
		return nil, fmt.Errorf("scope unit %q is not in units.csv; set scope in config.toml or --scope to a unit id", scopeID)
	}
	f := &Facts{Month: m, Scope: Scope{UnitRef: ref(scope)}}
	if scope.Level != dataset.State {
		r, ok := d.Rank(m, scope.ID)
		if !ok {
			return nil, &NoRankingError{Scope: scope.ID, Month: m, Months: rankedMonths(d, scope.ID)}
		}
		s := &f.Scope
		s.Rank = &r.Rank
		if r.HasScore {
			s.Score = &r.Score
		}
		if r.HasMax {
			s.MaxScore = &r.MaxScore
		}
		if p, ok := d.Rank(m.Prev(), scope.ID); ok {
			s.PreviousRank = &p.Rank
		}
		for mm := m; ; mm = mm.Prev() {
			p, ok := d.Rank(mm, scope.ID)
			if !ok || p.Rank != 1 {
				break
			}
			s.FirstStreak++
		}
		s.Year.Year = m.Year
		if first, ok := firstMonth(d); ok {
			s.Year.Whole = !(dataset.Month{Year: m.Year, Month: time.January}).Before(first)
		}
		for mm := m; mm.Year == m.Year; mm = mm.Prev() {
			if p, ok := d.Rank(mm, scope.ID); ok {
				s.Year.MonthsRanked++
				if p.Rank == 1 {
					s.Year.MonthsFirst++
				}
			}
		}
	} else {
		f.Scope.Year.Year = m.Year
	}

	perLevel := map[dataset.Level]*LevelFacts{}
	for _, l := range dataset.Levels {
		if l > scope.Level {
			f.Levels = append(f.Levels, LevelFacts{Level: l, FirstUnits: []UnitRef{}})
		}
	}
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
	}
	return f, nil
}

func ref(u dataset.Unit) UnitRef {
	return UnitRef{ID: u.ID, Level: u.Level, NameHi: u.NameHi, NameEn: u.NameEn}
}

func firstMonth(d *dataset.Data) (dataset.Month, bool) {
	ms := d.Months()
	if len(ms) == 0 {
		return dataset.Month{}, false
	}
	return ms[0], true
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
