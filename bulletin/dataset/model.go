// Package dataset reads and validates the office's data: the unit hierarchy
// (units.csv) and the IGRS ranking results (one CSV file or a folder of them).
//
// Reading never formats and never computes facts: it turns files into a
// validated Data value, or into Problems that name the file, the line and
// the fix.
package dataset

import "fmt"

// Level is a tier of the police hierarchy, from the state down to the thana.
type Level int

// The levels, in order from the top.
const (
	State Level = iota
	Zone
	Range
	District
	Thana
)

var levelNames = [...]string{"state", "zone", "range", "district", "thana"}

// Levels lists every level from the top down.
var Levels = []Level{State, Zone, Range, District, Thana}

// ParseLevel reads a level name as written in units.csv.
func ParseLevel(s string) (Level, bool) {
	for i, n := range levelNames {
		if n == s {
			return Level(i), true
		}
	}
	return 0, false
}

// String returns the level's name as written in units.csv.
func (l Level) String() string {
	if l < 0 || int(l) >= len(levelNames) {
		return fmt.Sprintf("level(%d)", int(l))
	}
	return levelNames[l]
}

// MarshalText writes the level's name (used by JSON).
func (l Level) MarshalText() ([]byte, error) { return []byte(l.String()), nil }

// Pos is a place in an input file, for error messages.
type Pos struct {
	File string
	Line int
}

func (p Pos) String() string {
	if p.Line > 0 {
		return fmt.Sprintf("%s:%d", p.File, p.Line)
	}
	return p.File
}

// Unit is one police unit of units.csv.
type Unit struct {
	ID     string
	Level  Level
	Parent string // id of the unit above; empty for the state, a zone without a state row, or a commissionerate
	NameHi string
	NameEn string
	Index  int // position in units.csv, the order in which units are listed
	Pos    Pos
}

// Ranking is one row of the ranking results: a unit's rank in a month.
type Ranking struct {
	Month    Month
	Unit     string
	Rank     int
	Score    float64
	MaxScore float64
	HasScore bool
	HasMax   bool
	Pos      Pos
}

// Data is the validated input: units in file order and their rankings.
type Data struct {
	Units    []Unit
	Rankings []Ranking

	byID   map[string]int
	byPair map[pair]int
	months []Month
}

type pair struct {
	m  Month
	id string
}

// Unit returns the unit with the given id.
func (d *Data) Unit(id string) (Unit, bool) {
	i, ok := d.byID[id]
	if !ok {
		return Unit{}, false
	}
	return d.Units[i], true
}

// Rank returns the ranking of unit id in month m.
func (d *Data) Rank(m Month, id string) (Ranking, bool) {
	i, ok := d.byPair[pair{m, id}]
	if !ok {
		return Ranking{}, false
	}
	return d.Rankings[i], true
}

// Months returns the months that have rankings, oldest first.
func (d *Data) Months() []Month { return d.months }

// Latest returns the newest month with rankings.
func (d *Data) Latest() (Month, bool) {
	if len(d.months) == 0 {
		return Month{}, false
	}
	return d.months[len(d.months)-1], true
}

// Contains reports whether unit id lies under scope (or is scope itself).
// Every unit lies under a state scope, commissionerates included.
func (d *Data) Contains(scope Unit, id string) bool {
	if scope.Level == State {
		_, ok := d.byID[id]
		return ok
	}
	for steps := 0; id != "" && steps <= len(levelNames); steps++ {
		if id == scope.ID {
			return true
		}
		u, ok := d.Unit(id)
		if !ok {
			return false
		}
		id = u.Parent
	}
	return false
}

// New indexes units and rankings that have already been validated.
func New(units []Unit, rankings []Ranking) *Data {
	d := &Data{Units: units, Rankings: rankings, byID: make(map[string]int, len(units)), byPair: make(map[pair]int, len(rankings))}
	for i, u := range units {
		d.byID[u.ID] = i
	}
	for i, r := range rankings {
		d.byPair[pair{r.Month, r.Unit}] = i
	}
	d.months = sortedMonths(rankings)
	return d
}
