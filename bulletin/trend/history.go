// Package trend draws the scope's rank month by month: the trend chart
// (trend.<lang>.png and .svg) and the small trend on the cards. Rank 1 is
// at the top, months it was first are marked, and a month with no
// published ranking is a gap, never a line drawn through.
package trend

import (
	"fmt"

	"github.com/igrs-pro/bulletin/bulletin/dataset"
)

// Month is one month of the history.
type Month struct {
	Month dataset.Month
	// Rank is the scope's rank; 0 when no ranking was published.
	Rank int
	// Units is how many units of the scope's level were ranked.
	Units int
}

// Published reports whether the month has a ranking of the scope.
func (m Month) Published() bool { return m.Rank > 0 }

// History is the scope's ranks over a span of months.
type History struct {
	Months []Month
}

// Of returns the ranks of unit scopeID from month from to month to, both
// included: the known history, where a month without the scope's ranking
// was not published. The state (never ranked) has no history.
func Of(d *dataset.Data, scopeID string, from, to dataset.Month) (History, error) {
	u, ok := d.Unit(scopeID)
	if !ok {
		return History{}, fmt.Errorf("scope unit %q is not in units.csv", scopeID)
	}
	if u.Level == dataset.State {
		return History{}, nil
	}
	if to.Before(from) {
		return History{}, fmt.Errorf("trend: history from %s ends before it starts, at %s", from, to)
	}
	units := d.Ranked(u.Level)
	var h History
	for m := from; !to.Before(m); m = m.Next() {
		hm := Month{Month: m, Units: units[m]}
		if r, ok := d.Rank(m, scopeID); ok {
			hm.Rank = r.Rank
		}
		h.Months = append(h.Months, hm)
	}
	return h, nil
}

// Last returns the last n months of h (all of it when shorter).
func (h History) Last(n int) History {
	if len(h.Months) <= n {
		return h
	}
	return History{Months: h.Months[len(h.Months)-n:]}
}

// Published counts the months with a ranking.
func (h History) Published() int {
	n := 0
	for _, m := range h.Months {
		if m.Published() {
			n++
		}
	}
	return n
}

// Firsts counts the months at rank 1.
func (h History) Firsts() int {
	n := 0
	for _, m := range h.Months {
		if m.Rank == 1 {
			n++
		}
	}
	return n
}

// maxRank is the bottom of the rank axis: the most units ranked in a
// month, or the worst rank if that is more.
func (h History) maxRank() int {
	n := 1
	for _, m := range h.Months {
		n = max(n, m.Units, m.Rank)
	}
	return n
}
