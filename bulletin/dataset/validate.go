package dataset

import (
	"fmt"
	"strings"
)

// parentLevel is the level a unit's parent must have.
var parentLevel = map[Level]Level{Zone: State, Range: Zone, District: Range, Thana: District}

// Validate checks units and rankings against each other: unique ids,
// parents of the right level and no cycles, rankings only for known units
// and at most one row per unit and month. It returns the indexed Data or
// every problem found.
func Validate(units []Unit, rankings []Ranking) (*Data, error) {
	c := checkUnits(units)
	t := newRankRows(c.unit)
	for _, r := range rankings {
		t.add(r)
	}
	d, ps := c.data(mergeRows([]*rankRows{t}))
	if len(ps) > 0 {
		return nil, ps
	}
	return d, nil
}

// checker is a validation under way: the units, checked, which the
// rankings are then checked against, and the problems found so far.
type checker struct {
	units []Unit
	byID  map[string]int
	ids   *idIndex
	ps    Problems
}

// checkUnits checks units against each other (see Validate).
func checkUnits(units []Unit) *checker {
	c := &checker{}
	c.units, c.byID = uniqueUnits(units, &c.ps)
	c.ids = &idIndex{units: c.units, byLevel: map[Level]*suggester{}}
	checkParents(c.units, c.byID, c.ids, &c.ps)
	return c
}

// unit returns the index of the unit with id (rankRows' unitOf).
func (c *checker) unit(id string) (int32, bool) {
	i, ok := c.byID[id]
	return int32(i), ok
}

// data checks the rankings t, merged, against the units and returns the
// Data, or every problem found, sorted.
func (c *checker) data(t *rankRows) (*Data, Problems) {
	byUnit, first := t.index(len(c.units))
	c.checkRankings(t, byUnit, first)
	if len(c.ps) > 0 {
		return nil, c.ps.sorted().resolveHints()
	}
	return newData(c.units, c.byID, t, byUnit, first), nil
}

// uniqueUnits returns units without those whose id was used before, even
// in other capitals, each with its Index, and the index of each id.
func uniqueUnits(units []Unit, ps *Problems) ([]Unit, map[string]int) {
	byID := make(map[string]int, len(units))
	byFold := make(map[string]int, len(units)) // ids as Windows and macOS compare file names
	kept := make([]Unit, 0, len(units))
	for _, u := range units {
		if j, dup := byID[u.ID]; dup {
			ps.add(u.Pos.At("id"), "duplicate unit id %q, first used at %s; give each unit its own id", u.ID, kept[j].Pos.At("id"))
			continue
		}
		if j, dup := byFold[strings.ToLower(u.ID)]; dup {
			ps.add(u.Pos.At("id"), "unit id %q differs from %q (at %s) only in capitals, and their files would be one on Windows; give each unit its own id", u.ID, kept[j].ID, kept[j].Pos.At("id"))
			continue
		}
		byFold[strings.ToLower(u.ID)] = len(kept)
		byID[u.ID] = len(kept)
		u.Index = len(kept)
		kept = append(kept, u)
	}
	return kept, byID
}

// checkParents reports units in a cycle of parents, without a parent they
// need, with an unknown parent or one of the wrong level, and a second
// state.
func checkParents(units []Unit, byID map[string]int, ids *idIndex, ps *Problems) {
	inCycle := cycles(units, byID)
	var states []Unit
	for _, u := range units {
		if u.Level == State {
			states = append(states, u)
		}
		if inCycle[u.ID] {
			ps.add(u.Pos.At("parent"), "unit %q is its own ancestor (%s); fix the parent column so that each unit points to the unit above it",
				u.ID, cyclePath(u, units, byID))
			continue
		}
		checkParent(u, units, byID, ids, ps)
	}
	if len(states) > 1 {
		ps.add(states[1].Pos.At("level"), "a second state row %q (the first is %q at %s); keep one state row", states[1].ID, states[0].ID, states[0].Pos.At("level"))
	}
}

// checkParent reports what is wrong with the parent of u, a unit in no
// cycle.
func checkParent(u Unit, units []Unit, byID map[string]int, ids *idIndex, ps *Problems) {
	if u.Parent == "" {
		switch u.Level {
		case Range:
			ps.add(u.Pos.At("parent"), "range %q has no parent; write the id of its zone in the parent column", u.ID)
		case Thana:
			ps.add(u.Pos.At("parent"), "thana %q has no parent; write the id of its district in the parent column", u.ID)
		}
		return
	}
	if u.Level == State {
		ps.add(u.Pos.At("parent"), "the state %q has parent %q; leave the parent of the state empty", u.ID, u.Parent)
		return
	}
	pi, ok := byID[u.Parent]
	if !ok {
		msg := fmt.Sprintf("parent %q of unit %q is not a unit id in this file; ", u.Parent, u.ID)
		ps.addHinted(u.Pos.At("parent"), msg+"add that unit or correct the parent", u.Parent, ids.of(parentLevel[u.Level]),
			func(s string) string { return msg + fmt.Sprintf("did you mean %q?", s) })
		return
	}
	if p := units[pi]; p.Level != parentLevel[u.Level] {
		ps.add(u.Pos.At("parent"), "%s %q has parent %q, which is a %s; the parent of a %s must be a %s",
			u.Level, u.ID, p.ID, p.Level, u.Level, parentLevel[u.Level])
	}
}

// checkRankings reports the rankings of unknown units (t's strays), of
// the state, and second rows for a unit and month (byUnit and first index
// t's rows, as rankRows.index does).
func (c *checker) checkRankings(t *rankRows, byUnit, first []int32) {
	for _, s := range t.strays {
		unit := s.unit
		c.ps.addHinted(s.pos.At("unit"), fmt.Sprintf("unknown unit %q; add it to units.csv or correct the id", unit), unit, c.ids.of(-1),
			func(s string) string {
				return fmt.Sprintf("unknown unit %q; did you mean %q? (unit ids come from units.csv)", unit, s)
			})
	}
	d := &Data{Units: c.units, months: t.months, rows: t.rows, spans: t.spans} // for positions
	for u, unit := range c.units {
		rows := byUnit[first[u]:first[u+1]]
		if unit.Level == State {
			for _, i := range rows {
				c.ps.add(d.pos(int(i)).At("unit"), "unit %q is the state, which is not ranked; remove this row", unit.ID)
			}
			continue
		}
		month := func(j int) int32 { return t.rows[rows[j]].month }
		for j := 0; j < len(rows); {
			k := j + 1
			for ; k < len(rows) && month(k) == month(j); k++ { // rows of a month: in the order read
				c.ps.add(d.pos(int(rows[k])).At("unit"), "second row for unit %q in %s, the first is at %s; keep one row per unit and month",
					unit.ID, t.months[month(k)], d.pos(int(rows[j])).At("unit"))
			}
			j = k
		}
	}
}

// idIndex makes the suggesters of unit ids when first needed: for all
// units (level -1) or one level's.
type idIndex struct {
	units   []Unit
	byLevel map[Level]*suggester
}

func (x *idIndex) of(level Level) *suggester {
	s, ok := x.byLevel[level]
	if !ok {
		s = newSuggester(idsOf(x.units, level))
		x.byLevel[level] = s
	}
	return s
}

func idsOf(units []Unit, level Level) []string {
	var ids []string
	for _, u := range units {
		if level < 0 || u.Level == level {
			ids = append(ids, u.ID)
		}
	}
	return ids
}

// cycles returns the ids of units whose chain of parents comes back to them.
func cycles(units []Unit, byID map[string]int) map[string]bool {
	in := map[string]bool{}
	for _, u := range units {
		id, steps := u.Parent, 0
		for id != "" && steps <= len(units) {
			if id == u.ID {
				in[u.ID] = true
				break
			}
			i, ok := byID[id]
			if !ok {
				break
			}
			id = units[i].Parent
			steps++
		}
	}
	return in
}

func cyclePath(u Unit, units []Unit, byID map[string]int) string {
	path := []string{u.ID}
	for id := u.Parent; id != u.ID && len(path) <= len(units); id = units[byID[id]].Parent {
		path = append(path, id)
	}
	path = append(path, u.ID)
	return strings.Join(path, " → ")
}
