package dataset

import (
	"fmt"
	"sort"
)

// maxWarnings caps the rank warnings reported, so that a badly sorted file
// does not bury the rest of the output.
const maxWarnings = 20

// CheckRanks finds rankings that cannot be, as errors: a rank larger than
// the number of units of that level ranked that month. It finds those that
// look wrong, as warnings: a unit with more marks than another of its level
// (with the same max_score) but a worse rank. It assumes, as the bulletin
// commands do, that the rankings hold every ranked unit of a level
// (the published ranking), not a part of it; Validate does not call it.
func CheckRanks(d *Data) (errs, warns Problems) {
	units, rs := d.Units, d.Rankings
	type group struct {
		m Month
		l Level
	}
	groups := map[group][]Ranking{}
	var keys []group
	for _, r := range rs {
		g := group{r.Month, units[d.byID[r.Unit]].Level}
		if groups[g] == nil {
			keys = append(keys, g)
		}
		groups[g] = append(groups[g], r)
	}
	for _, g := range keys {
		rows := groups[g]
		for _, r := range rows {
			if r.Rank > len(rows) {
				errs.add(r.Pos.At("rank"), "rank %d for %s %q in %s, but only %d %s units were ranked that month; correct the rank (or add the missing rows)",
					r.Rank, g.l, r.Unit, g.m, len(rows), g.l)
			}
		}
		warns = append(warns, inversions(g.l, rows)...)
	}
	if len(warns) > maxWarnings {
		n := len(warns) - maxWarnings
		warns = append(warns[:maxWarnings:maxWarnings], Problem{Pos: warns[maxWarnings].Pos, Msg: fmt.Sprintf("... and %d more units whose marks and rank disagree", n)})
	}
	return errs.sorted(), warns
}

// inversions warns of each unit of rows (one level, one month) that has
// fewer marks than another with the same max_score but a better rank,
// naming the other row: the worst-ranked one with more marks.
func inversions(l Level, rows []Ranking) Problems {
	// Grouped by max_score ("-" for none), in the order of the keys'
	// text; each group's rows by score, best first, in file order among
	// equals. Sorted as pointers: a state's ~22,000 rows are ~120 bytes.
	type maxKey struct {
		has bool
		max float64
	}
	byMax := map[maxKey][]*Ranking{}
	for i := range rows {
		if r := &rows[i]; r.HasScore {
			k := maxKey{r.HasMax, r.MaxScore}
			if !r.HasMax {
				k.max = 0
			}
			byMax[k] = append(byMax[k], r)
		}
	}
	keys := make([]maxKey, 0, len(byMax))
	text := map[maxKey]string{}
	for k := range byMax {
		keys = append(keys, k)
		text[k] = "-"
		if k.has {
			text[k] = fmt.Sprint(k.max)
		}
	}
	sort.Slice(keys, func(i, j int) bool { return text[keys[i]] < text[keys[j]] })
	var ps Problems
	for _, k := range keys {
		rs := byMax[k]
		sort.SliceStable(rs, func(i, j int) bool { return rs[i].Score > rs[j].Score })
		var worst *Ranking // the worst rank among units with more marks
		for i := 0; i < len(rs); {
			j := i
			for j < len(rs) && rs[j].Score == rs[i].Score {
				if worst != nil && rs[j].Rank < worst.Rank {
					ps.add(rs[j].Pos.At("rank"), "%s %q has rank %d with %g marks, better than %q (%s) with more marks, %g, and rank %d; check the two rows",
						l, rs[j].Unit, rs[j].Rank, rs[j].Score, worst.Unit, worst.Pos, worst.Score, worst.Rank)
				}
				j++
			}
			for ; i < j; i++ {
				if worst == nil || rs[i].Rank > worst.Rank {
					worst = rs[i]
				}
			}
		}
	}
	return ps
}
