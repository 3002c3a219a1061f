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
	sh := shared{d: d, parents: map[string]*UnitRef{}, marks: map[float64]*float64{}}
	for _, u := range d.Units {
		seq[u.Level]++
		if !want[u.Level] || !d.Contains(scope, u.ID) {
			continue
		}
		r, ok := d.Rank(m, u.ID)
		if !ok || r.Rank > rule.BestRank {
			continue
		}
		a := Award{Unit: ref(u), Parent: sh.parent(u.Parent), Month: m, Rank: r.Rank, Seq: seq[u.Level],
			Score: sh.mark(r.Score, r.HasScore), MaxScore: sh.mark(r.MaxScore, r.HasMax)}
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

// shared gives a month's awards one Parent a parent and one Score or
// MaxScore a value (most units have 125 of 125), not one an award: the
// plan holds the awards while the certificates are drawn. Nothing writes
// through these pointers.
type shared struct {
	d       *dataset.Data
	parents map[string]*UnitRef
	marks   map[float64]*float64
}

// parent returns the unit id as a UnitRef; nil when it is no unit.
func (s *shared) parent(id string) *UnitRef {
	p, seen := s.parents[id]
	if !seen {
		if u, ok := s.d.Unit(id); ok {
			p = &UnitRef{}
			*p = ref(u)
		}
		s.parents[id] = p
	}
	return p
}

// mark returns v, when the rankings give it (has).
func (s *shared) mark(v float64, has bool) *float64 {
	if !has {
		return nil
	}
	p, ok := s.marks[v]
	if !ok {
		p = new(float64)
		*p = v
		s.marks[v] = p
	}
	return p
}
