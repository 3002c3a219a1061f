// Package dataset reads and validates the office's data: the unit hierarchy
// (units.csv) and the IGRS ranking results (one CSV file or a folder of them).
//
// Reading never formats and never computes facts: it turns files into a
// validated Data value, or into Problems that name the file, the line and
// the fix.
package dataset

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode"
)

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

// Pos is a place in an input file, for error messages: a line of a CSV
// file, or a row (and cell) of a worksheet.
type Pos struct {
	File  string
	Line  int    // the CSV line, or the worksheet row; 0 for the file as a whole
	Sheet string // the worksheet of an .xlsx file; empty for CSV
	Col   int    // the worksheet column of the cell meant (1 is A); 0 for the whole row

	hdr *header // the worksheet's columns by name, for At
}

// header maps the column names of a worksheet to their positions.
type header struct{ cols map[string]int }

// At returns the position of column col in p's worksheet row. A CSV
// position, or a column the worksheet lacks, is returned unchanged.
func (p Pos) At(col string) Pos {
	if p.Sheet == "" || p.hdr == nil || p.Line == 0 {
		return p
	}
	if i, ok := p.hdr.cols[col]; ok {
		p.Col = i + 1
	}
	return p
}

// String writes the position as file:line for CSV and as Excel writes a
// reference for a worksheet: file!Sheet1!C17 for a cell, file!Sheet1!17:17
// for a row, with the sheet name quoted when it holds other characters than
// letters, digits and '_'.
func (p Pos) String() string {
	if p.Sheet != "" {
		s := p.File + "!" + sheetRef(p.Sheet)
		switch {
		case p.Line > 0 && p.Col > 0:
			return s + "!" + columnName(p.Col) + strconv.Itoa(p.Line)
		case p.Line > 0:
			return fmt.Sprintf("%s!%d:%d", s, p.Line, p.Line)
		}
		return s
	}
	if p.Line > 0 {
		return fmt.Sprintf("%s:%d", p.File, p.Line)
	}
	return p.File
}

func sheetRef(name string) string {
	for _, r := range name {
		if !(r == '_' || unicode.IsLetter(r) || unicode.IsDigit(r)) {
			return "'" + strings.ReplaceAll(name, "'", "''") + "'"
		}
	}
	return name
}

// columnName writes column number n (1 is A) as Excel letters.
func columnName(n int) string {
	var b []byte
	for n > 0 {
		n--
		b = append([]byte{byte('A' + n%26)}, b...)
		n /= 26
	}
	return string(b)
}

// Unit is one police unit of units.csv.
type Unit struct {
	ID     string
	Level  Level
	Parent string // id of the unit above; empty for the state, a zone without a state row, or a commissionerate
	NameHi string
	NameEn string
	Index  int // position in units.csv, the order in which units are listed
	Pos    Pos // the unit's row; Pos.At("parent") is its parent cell in a worksheet
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
	Units []Unit

	byID   map[string]int
	months []Month   // oldest first
	rows   []rankRow // the rankings, in the order read (see Rankings)
	spans  []span    // where the rows of each file begin, for their positions
	byUnit []int32   // indexes of rows, by unit and month (see rankRows.index)
	first  []int32   // byUnit[first[u]:first[u+1]] are unit u's
	ranked [][]int32 // ranked[l][month]: how many units of level l were ranked
	only   *only     // the rankings For kept; nil: all of them
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
	u, ok := d.byID[id]
	if !ok {
		return Ranking{}, false
	}
	i, ok := d.row(m, u)
	if !ok {
		return Ranking{}, false
	}
	return d.ranking(i), true
}

// For returns d with only the rankings that the documents of month m for
// unit scope are made from (facts.ComputeWith, facts.Awards, trend.Of):
// those of m and of the month before it in Months, and every one of
// scope. The units, Months and Ranked are d's. What a build holds while it
// plans is then two months of rankings, not all of them. Asking it for
// another ranking (Rank), or for all of them (Rankings, NumRankings,
// CheckRanks), is a bug and panics.
func (d *Data) For(scope string, m Month) *Data {
	o := &only{unit: -1}
	if u, ok := d.byID[scope]; ok {
		o.unit = u
	}
	if mi, ok := slices.BinarySearchFunc(d.months, m, compareMonths); ok {
		o.months = append(o.months, int32(mi))
		if mi > 0 {
			o.months = append(o.months, int32(mi-1))
		}
	}
	t := &rankRows{months: d.months}
	for s, sp := range d.spans {
		end := len(d.rows)
		if s+1 < len(d.spans) {
			end = d.spans[s+1].start
		}
		start := len(t.rows)
		for _, r := range d.rows[sp.start:end] {
			if o.has(r.month, int(r.unit)) {
				t.rows = append(t.rows, r)
			}
		}
		if len(t.rows) > start {
			t.spans = append(t.spans, span{start: start, pos: sp.pos})
		}
	}
	t.rows = slices.Clip(t.rows)
	byUnit, first := t.index(len(d.Units))
	kept := newData(d.Units, d.byID, t, byUnit, first)
	kept.ranked, kept.only = d.ranked, o
	return kept
}

// only is what For kept: the rankings of some months and of one unit.
type only struct {
	months []int32 // indexes in Data.months
	unit   int     // index in Data.Units; -1 for none
}

func (o *only) has(month int32, unit int) bool {
	return o == nil || unit == o.unit || slices.Contains(o.months, month)
}

// all panics when d was made by For: what asks for every ranking would
// get only some.
func (d *Data) all(what string) {
	if d.only != nil {
		panic("dataset: " + what + " of a Data made by For, which holds some rankings only")
	}
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

// New indexes units and rankings that have already been validated. A
// ranking of a unit that units lacks is left out.
func New(units []Unit, rankings []Ranking) *Data {
	byID := make(map[string]int, len(units))
	for i, u := range units {
		byID[u.ID] = i
	}
	t := newRankRows(func(id string) (int32, bool) { i, ok := byID[id]; return int32(i), ok })
	for _, r := range rankings {
		t.add(r)
	}
	t = mergeRows([]*rankRows{t})
	byUnit, first := t.index(len(units))
	return newData(units, byID, t, byUnit, first)
}
