package dataset_test

import (
	"strings"
	"testing"

	"github.com/igrs-pro/bulletin/bulletin/dataset"
)

// rankWorld: three zones and two districts; rows are "unit rank score max"
// of 2024-11, "-" for a missing score or max.
func rankData(t *testing.T, rows ...string) *dataset.Data {
	t.Helper()
	units := []dataset.Unit{
		{ID: "z1", Level: dataset.Zone, NameHi: "क", NameEn: "a"},
		{ID: "z2", Level: dataset.Zone, NameHi: "ख", NameEn: "b"},
		{ID: "z3", Level: dataset.Zone, NameHi: "ग", NameEn: "c"},
		{ID: "d1", Level: dataset.District, NameHi: "घ", NameEn: "d"},
		{ID: "d2", Level: dataset.District, NameHi: "ङ", NameEn: "e"},
	}
	m, _ := dataset.ParseMonth("2024-11")
	var rs []dataset.Ranking
	for i, row := range rows {
		f := strings.Fields(row)
		r := dataset.Ranking{Month: m, Unit: f[0], Pos: dataset.Pos{File: "r.csv", Line: i + 2}}
		r.Rank = atoi(f[1])
		if f[2] != "-" {
			r.Score, r.HasScore = float64(atoi(f[2])), true
		}
		if f[3] != "-" {
			r.MaxScore, r.HasMax = float64(atoi(f[3])), true
		}
		rs = append(rs, r)
	}
	d, err := dataset.Validate(units, rs)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func atoi(s string) int {
	n := 0
	for _, c := range s {
		n = n*10 + int(c-'0')
	}
	return n
}

func TestCheckRanks(t *testing.T) {
	for _, c := range []struct {
		name        string
		rows        []string
		errs, warns []string // parts of each message, in order
	}{
		{"consistent, ties share a rank", []string{"z1 1 125 125", "z2 1 125 125", "z3 3 120 125", "d1 1 90 100", "d2 2 80 100"}, nil, nil},
		{"rank larger than the units ranked", []string{"z1 1 125 125", "z2 4 110 125", "z3 2 120 125"},
			[]string{`r.csv:3: rank 4 for zone "z2" in 2024-11, but only 3 zone units were ranked`}, nil},
		{"each level counts its own units", []string{"z1 3 100 125", "z2 2 110 125", "z3 1 120 125", "d1 3 90 100"},
			[]string{`r.csv:5: rank 3 for district "d1" in 2024-11, but only 1 district units`}, nil},
		{"more marks, worse rank", []string{"z1 1 80 125", "z2 2 97 125", "z3 3 60 125"}, nil,
			[]string{`r.csv:2: zone "z1" has rank 1 with 80 marks, better than "z2" (r.csv:3) with more marks, 97, and rank 2`}},
		{"another max_score is another scale", []string{"z1 1 80 100", "z2 2 97 125", "z3 3 60 125"}, nil, nil},
		{"no marks, no warning", []string{"z1 1 - -", "z2 2 97 125", "z3 3 - 125"}, nil, nil},
		{"two inverted", []string{"z1 3 120 125", "z2 2 110 125", "z3 1 100 125"}, nil,
			[]string{`r.csv:3: zone "z2" has rank 2 with 110 marks, better than "z1" (r.csv:2)`, `r.csv:4: zone "z3" has rank 1 with 100 marks, better than "z1" (r.csv:2)`}},
	} {
		t.Run(c.name, func(t *testing.T) {
			errs, warns := dataset.CheckRanks(rankData(t, c.rows...))
			check := func(what string, got dataset.Problems, want []string) {
				if len(got) != len(want) {
					t.Fatalf("%s = %q, want %d like %q", what, got, len(want), want)
				}
				for i := range want {
					if !strings.Contains(got[i].String(), want[i]) {
						t.Errorf("%s %d = %q, want %q in it", what, i, got[i], want[i])
					}
				}
			}
			check("errors", errs, c.errs)
			check("warnings", warns, c.warns)
		})
	}
}
