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
	d.all("CheckRanks")
	type group struct {
		m int32 // index in d.months
		l Level
	}
	groups := map[group][]int32{} // indexes of d.rows
	var keys []group
	for i, r := range d.rows {
		g := group{r.month, d.Units[r.unit].Level}
		if groups[g] == nil {
			keys = append(keys, g)
		}
		groups[g] = append(groups[g], int32(i))
	}
	for _, g := range keys {
		rows := groups[g]
		for _, i := range rows {
			if r := d.ranking(int(i)); r.Rank > len(rows) {
				errs.add(r.Pos.At("rank"), "rank %d for %s %q in %s, but only %d %s units were ranked that month; correct the rank (or add the missing rows)",
					r.Rank, g.l, r.Unit, r.Month, len(rows), g.l)
			}
		}
		warns = append(warns, d.inversions(g.l, rows)...)
	}
	if len(warns) > maxWarnings {
		n := len(warns) - maxWarnings
		warns = append(warns[:maxWarnings:maxWarnings], Problem{Pos: warns[maxWarnings].Pos, Msg: fmt.Sprintf("... and %d more units whose marks and rank disagree", n)})
	}
	return errs.sorted(), warns
}

// inversions warns of each unit of rows (indexes of d.rows of one level,
// one month) that has fewer marks than another with the same max_score
// but a better rank, naming the other row: the worst-ranked one with more
// marks.
func (d *Data) inversions(l Level, rows []int32) Problems {
	// Grouped by max_score ("-" for none), in the order of the keys'
	// text; each group's rows by score, best first, in file order among
	// equals.
	type maxKey struct {
		has bool
		max float64
	}
	byMax := map[maxKey][]int32{}
	for _, i := range rows {
		if r := &d.rows[i]; r.hasScore {
			k := maxKey{r.hasMax, r.max}
			if !r.hasMax {
				k.max = 0
			}
			byMax[k] = append(byMax[k], i)
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
		score := func(i int) float64 { return d.rows[rs[i]].score }
		rank := func(i int32) int { return d.rows[i].rank }
		sort.SliceStable(rs, func(i, j int) bool { return score(i) > score(j) })
		worst := int32(-1) // the row of the worst rank among units with more marks
		for i := 0; i < len(rs); {
			j := i
			for j < len(rs) && score(j) == score(i) {
				if worst >= 0 && rank(rs[j]) < rank(worst) {
					r, w := d.ranking(int(rs[j])), d.ranking(int(worst))
					ps.add(r.Pos.At("rank"), "%s %q has rank %d with %g marks, better than %q (%s) with more marks, %g, and rank %d; check the two rows",
						l, r.Unit, r.Rank, r.Score, w.Unit, w.Pos, w.Score, w.Rank)
				}
				j++
			}
			for ; i < j; i++ {
				if worst < 0 || rank(rs[i]) > rank(worst) {
					worst = rs[i]
				}
			}
		}
	}
	return ps
}
