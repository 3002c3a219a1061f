package facts

import (
	"fmt"

	"github.com/igrs-pro/bulletin/bulletin/dataset"
)

// Award is a unit that earned a certificate for a month.
type Award struct {
	Unit   UnitRef
	Parent *UnitRef // the unit above, when there is one (thana -> district)
	Month  dataset.Month
	Rank   int
	// Score and MaxScore are nil when the rankings do not give them.
	Score    *float64
	MaxScore *float64
	// Seq is the unit's position among the units of its level in
	// units.csv, from 1: with the month and level it numbers the certificate.
	Seq int
}

// AwardRule says who earns a certificate.
type AwardRule struct {
	// Levels that earn certificates; empty means every level below the
	// scope's: the office does not award itself unless Levels names its
	// level.
	Levels []dataset.Level
	// BestRank is the worst rank that still earns one (1: firsts only).
	BestRank int
}

// Awards lists the units in scope (the scope itself only when rule.Levels
// names its level) that earned
// a certificate in month m, by level from the top and in units.csv order
// within a level.
func Awards(d *dataset.Data, scopeID string, m dataset.Month, rule AwardRule) ([]Award, error) {
	scope, ok := d.Unit(scopeID)
	if !ok {
		return nil, fmt.Errorf("scope unit %q is not in units.csv; set scope in config.toml or --scope to a unit id", scopeID)
	}
	if rule.BestRank < 1 {
		return nil, fmt.Errorf("the best rank that earns a certificate must be 1 or more, not %d", rule.BestRank)
	}
	want := map[dataset.Level]bool{}
	for _, l := range rule.Levels {
		want[l] = true
	}
	if len(rule.Levels) == 0 {
		for _, l := range dataset.Levels {
			want[l] = l > scope.Level
		}
	}
	seq := map[dataset.Level]int{}
	byLevel := map[dataset.Level][]Award{}
	parents := map[string]*UnitRef{} // one for the units of a parent: ~1,900 a state
	parent := func(id string) *UnitRef {
		p, seen := parents[id]
		if !seen {
			if u, ok := d.Unit(id); ok {
				p = &UnitRef{}
				*p = ref(u)
			}
			parents[id] = p
		}
		return p
	}
	for _, u := range d.Units {
		seq[u.Level]++
		if !want[u.Level] || !d.Contains(scope, u.ID) {
			continue
		}
		r, ok := d.Rank(m, u.ID)
		if !ok || r.Rank > rule.BestRank {
			continue
		}
		a := Award{Unit: ref(u), Parent: parent(u.Parent), Month: m, Rank: r.Rank, Seq: seq[u.Level],
			Score: score(r), MaxScore: maxScore(r)}
		byLevel[u.Level] = append(byLevel[u.Level], a)
	}
	n := 0
	for _, as := range byLevel {
		n += len(as)
	}
	if n == 0 {
		return nil, nil
	}
	out := make([]Award, 0, n) // the plan keeps them: no room to spare
	for _, l := range dataset.Levels {
		out = append(out, byLevel[l]...)
	}
	return out, nil
}
