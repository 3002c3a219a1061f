package dataset_test

import (
	"strings"
	"testing"
	"time"
	"unsafe"

	"github.com/igrs-pro/bulletin/bulletin/dataset"
)

// TestDataFor: For keeps the rankings of a month, of the month before it
// in the data and of the scope; asking it for any other panics, and what
// it keeps of the whole (Months, Ranked) is the whole's.
func TestDataFor(t *testing.T) {
	units := []dataset.Unit{
		{ID: "z1", Level: dataset.Zone}, {ID: "z2", Level: dataset.Zone}, {ID: "d1", Level: dataset.District},
	}
	mon := func(m time.Month) dataset.Month { return dataset.Month{Year: 2024, Month: m} }
	var rs []dataset.Ranking
	for _, m := range []time.Month{1, 2, 4, 5} { // March not published
		for i, u := range units {
			rs = append(rs, dataset.Ranking{Month: mon(m), Unit: u.ID, Rank: 1 + (i+int(m))%2, Pos: dataset.Pos{File: mon(m).String() + ".csv", Line: 2 + i}})
		}
	}
	full := dataset.New(units, rs)
	d := full.For("z1", mon(4))
	for _, m := range []time.Month{2, 4} { // April and the month before it in the data
		for _, u := range units {
			got, ok := d.Rank(mon(m), u.ID)
			want, _ := full.Rank(mon(m), u.ID)
			if !ok || got != want {
				t.Errorf("Rank(%s, %s) = %+v, %v; want %+v", mon(m), u.ID, got, ok, want)
			}
		}
	}
	for _, m := range []time.Month{1, 5} {
		if got, _ := d.Rank(mon(m), "z1"); got.Rank == 0 || got.Pos.String() != mon(m).String()+".csv:2" {
			t.Errorf("Rank(%s, z1) of the scope = %+v", mon(m), got)
		}
	}
	if _, ok := d.Rank(mon(3), "z2"); ok {
		t.Error("a ranking in a month that was not published")
	}
	if len(d.Months()) != 4 || len(d.Ranked(dataset.Zone)) != 4 || d.Ranked(dataset.Zone)[mon(1)] != 2 {
		t.Errorf("Months %v, Ranked %v; want the whole's", d.Months(), d.Ranked(dataset.Zone))
	}
	mustPanic := func(what string, f func()) {
		t.Helper()
		defer func() {
			if r := recover(); r == nil || !strings.Contains(r.(string), "For") {
				t.Errorf("%s: recovered %v, want a panic naming For", what, r)
			}
		}()
		f()
	}
	mustPanic("Rank of another month", func() { d.Rank(mon(1), "z2") })
	mustPanic("Rank of a month after", func() { d.Rank(mon(5), "d1") })
	mustPanic("Rankings", func() { d.Rankings() })
	mustPanic("NumRankings", func() { d.NumRankings() })
	mustPanic("CheckRanks", func() { dataset.CheckRanks(d) })
}

// TestRankingsKeepNoLine: a loaded Data keeps no text of the rankings
// files (a unit id cut from a CSV line keeps the whole line alive): the
// unit of every ranking is the unit's own id, from units.csv.
func TestRankingsKeepNoLine(t *testing.T) {
	d, msg := load(t, map[string]string{"units.csv": goodUnits, "r.csv": goodRankings}, "r.csv")
	if msg != "" {
		t.Fatal(msg)
	}
	n := 0
	for r := range d.Rankings() {
		u, _ := d.Unit(r.Unit)
		if unsafe.StringData(r.Unit) != unsafe.StringData(u.ID) {
			t.Errorf("%s: the ranking's unit %q is not the unit's id", r.Pos, r.Unit)
		}
		n++
	}
	if n == 0 {
		t.Fatal("no rankings")
	}
}
