package dataset

import (
	"cmp"
	"fmt"
	"iter"
	"slices"
	"sort"
	"strings"
)

// rankRow is a ranking as Data keeps it: 40 bytes where a Ranking takes
// 120, and no text of the file it was read from (a substring would keep
// the file's whole line alive). The state's year is ~22,000 rows; Data
// holds them for as long as the facts and the plan are worked out.
type rankRow struct {
	score, max       float64
	rank             int
	unit             int32 // index in Data.Units
	month            int32 // index in the months of its rankRows (Data.months once merged)
	line             int32 // Pos.Line: rows come from files of at most readfile.MaxData bytes
	hasScore, hasMax bool
}

// span is where a run of rows with the same position but for the line
// begins: a file's rows, or a worksheet's. A row's position is its
// span's, at the row's line.
type span struct {
	start int
	pos   Pos // Line 0
}

// stray is a ranking of a unit that is not in units.csv: kept, with its
// id, only to be reported.
type stray struct {
	unit string
	pos  Pos
}

// rankRows gathers rankings as rows, resolving each unit id to its
// index: those of one file, or all of them once merged (mergeRows).
type rankRows struct {
	unitOf func(id string) (int32, bool) // nil: keep no row (the units could not be read)
	rows   []rankRow
	months []Month // by rankRow.month; oldest first once merged
	spans  []span
	strays []stray

	monthIdx map[Month]int32
}

func newRankRows(unitOf func(id string) (int32, bool)) *rankRows {
	return &rankRows{unitOf: unitOf, monthIdx: map[Month]int32{}}
}

// add keeps ranking r as a row, or as a stray when its unit is unknown.
func (t *rankRows) add(r Ranking) {
	if t.unitOf == nil {
		return
	}
	u, ok := t.unitOf(r.Unit)
	if !ok {
		t.strays = append(t.strays, stray{unit: strings.Clone(r.Unit), pos: r.Pos})
		return
	}
	at := r.Pos
	at.Line = 0
	if n := len(t.spans); n == 0 || t.spans[n-1].pos != at {
		t.spans = append(t.spans, span{start: len(t.rows), pos: at})
	}
	m, ok := t.monthIdx[r.Month]
	if !ok {
		m = int32(len(t.months))
		t.months = append(t.months, r.Month)
		t.monthIdx[r.Month] = m
	}
	t.rows = append(t.rows, rankRow{score: r.Score, max: r.MaxScore, rank: r.Rank, unit: u, month: m,
		line: int32(r.Pos.Line), hasScore: r.HasScore, hasMax: r.HasMax})
}

// mergeRows joins the rows of parts, in order, into one rankRows whose
// months are sorted, oldest first.
func mergeRows(parts []*rankRows) *rankRows {
	all := &rankRows{}
	n, seen := 0, map[Month]bool{}
	for _, p := range parts {
		n += len(p.rows)
		for _, m := range p.months {
			if !seen[m] {
				seen[m] = true
				all.months = append(all.months, m)
			}
		}
	}
	slices.SortFunc(all.months, compareMonths)
	all.rows = make([]rankRow, 0, n)
	for _, p := range parts {
		to := make([]int32, len(p.months))
		for i, m := range p.months {
			j, _ := slices.BinarySearchFunc(all.months, m, compareMonths)
			to[i] = int32(j)
		}
		for _, s := range p.spans {
			all.spans = append(all.spans, span{start: len(all.rows) + s.start, pos: s.pos})
		}
		for _, r := range p.rows {
			r.month = to[r.month]
			all.rows = append(all.rows, r)
		}
		all.strays = append(all.strays, p.strays...)
	}
	return all
}

func compareMonths(a, b Month) int {
	return cmp.Or(cmp.Compare(a.Year, b.Year), cmp.Compare(a.Month, b.Month))
}

// index returns the rows of t by unit and month: byUnit[first[u]:first[u+1]]
// are the indexes of unit u's rows, by month, in the order read among
// rows of the same month. nunits is the number of units.
func (t *rankRows) index(nunits int) (byUnit, first []int32) {
	first = make([]int32, nunits+1)
	for _, r := range t.rows {
		first[r.unit+1]++
	}
	for u := range nunits {
		first[u+1] += first[u]
	}
	next := slices.Clone(first[:nunits])
	byUnit = make([]int32, len(t.rows))
	for i, r := range t.rows {
		byUnit[next[r.unit]] = int32(i)
		next[r.unit]++
	}
	for u := range nunits {
		slices.SortStableFunc(byUnit[first[u]:first[u+1]], func(a, b int32) int {
			return cmp.Compare(t.rows[a].month, t.rows[b].month)
		})
	}
	return byUnit, first
}

// newData makes the Data of units (byID their indexes) and the merged
// rows t, indexed by index.
func newData(units []Unit, byID map[string]int, t *rankRows, byUnit, first []int32) *Data {
	d := &Data{Units: units, byID: byID, months: t.months, rows: t.rows, spans: t.spans, byUnit: byUnit, first: first}
	d.ranked = make([][]int32, len(Levels))
	for l := range d.ranked {
		d.ranked[l] = make([]int32, len(d.months))
	}
	for _, r := range d.rows {
		if l := units[r.unit].Level; l >= 0 && int(l) < len(d.ranked) {
			d.ranked[l][r.month]++
		}
	}
	return d
}

// ranking returns row i as a Ranking.
func (d *Data) ranking(i int) Ranking {
	r := &d.rows[i]
	return Ranking{Month: d.months[r.month], Unit: d.Units[r.unit].ID, Rank: r.rank,
		Score: r.score, MaxScore: r.max, HasScore: r.hasScore, HasMax: r.hasMax, Pos: d.pos(i)}
}

// pos returns the position of row i.
func (d *Data) pos(i int) Pos {
	s := sort.Search(len(d.spans), func(j int) bool { return d.spans[j].start > i }) - 1
	p := d.spans[s].pos
	p.Line = int(d.rows[i].line)
	return p
}

// row returns the index of unit u's row of month m, if it has one.
func (d *Data) row(m Month, u int) (int, bool) {
	mi, ok := slices.BinarySearchFunc(d.months, m, compareMonths)
	if !ok {
		return 0, false
	}
	if !d.only.has(int32(mi), u) {
		panic(fmt.Sprintf("dataset: the ranking of %q in %s was left out by For", d.Units[u].ID, m))
	}
	rows := d.byUnit[d.first[u]:d.first[u+1]]
	j, ok := slices.BinarySearchFunc(rows, int32(mi), func(r, mi int32) int { return cmp.Compare(d.rows[r].month, mi) })
	if !ok {
		return 0, false
	}
	return int(rows[j]), true
}

// Rankings returns the rankings in the order read: the files in name
// order, each file's rows in order.
func (d *Data) Rankings() iter.Seq[Ranking] {
	d.all("Rankings")
	return func(yield func(Ranking) bool) {
		for i := range d.rows {
			if !yield(d.ranking(i)) {
				return
			}
		}
	}
}

// NumRankings returns the number of rankings.
func (d *Data) NumRankings() int {
	d.all("NumRankings")
	return len(d.rows)
}

// Ranked counts the units of level l ranked in each month (months with
// none are left out).
func (d *Data) Ranked(l Level) map[Month]int {
	n := map[Month]int{}
	if l < 0 || int(l) >= len(d.ranked) {
		return n
	}
	for m, c := range d.ranked[l] {
		if c > 0 {
			n[d.months[m]] = int(c)
		}
	}
	return n
}
