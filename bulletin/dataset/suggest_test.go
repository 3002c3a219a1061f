package dataset

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

// bruteNearest is the suggestion by comparing with every id.
func bruteNearest(q string, ids []string) (string, bool) {
	best, bestD := "", -1
	for _, c := range ids {
		d := editDistance([]rune(q), []rune(c))
		if bestD < 0 || d < bestD || (d == bestD && c < best) {
			best, bestD = c, d
		}
	}
	return best, bestD >= 0 && bestD <= max(2, len([]rune(q))/3)
}

// The index suggests what comparing with every id suggests.
func TestSuggesterMatchesBruteForce(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	letters := []rune("abcdeकखग-")
	word := func(n int) string {
		var b strings.Builder
		for range n {
			b.WriteRune(letters[r.IntN(len(letters))])
		}
		return b.String()
	}
	var ids []string
	for range 400 {
		ids = append(ids, "t-"+word(1+r.IntN(12)))
	}
	slices.Sort(ids)
	ids = slices.Compact(ids)
	s := newSuggester(ids)
	for i := range 3000 {
		q := ids[r.IntN(len(ids))]
		rs := []rune(q)
		for range r.IntN(4) { // a few typos
			p := r.IntN(len(rs) + 1)
			switch r.IntN(3) {
			case 0:
				rs = slices.Insert(rs, p, letters[r.IntN(len(letters))])
			case 1:
				if p < len(rs) {
					rs = slices.Delete(rs, p, p+1)
				}
			case 2:
				if p < len(rs) {
					rs[p] = letters[r.IntN(len(letters))]
				}
			}
		}
		q = string(rs)
		if i%3 == 0 {
			q = word(1 + r.IntN(15))
		}
		gw, gok := s.nearest(q)
		ww, wok := bruteNearest(q, ids)
		if gok != wok || (wok && gw != ww) {
			t.Fatalf("nearest(%q) = %q, %v; comparing with every id gives %q, %v", q, gw, gok, ww, wok)
		}
	}
}

// Only the printed problems get a suggestion, so a million unknown rows
// take about as long as reading them.
func BenchmarkUnknownRows(b *testing.B) {
	units := []Unit{{ID: "up", Level: State}}
	for i := range 200 {
		units = append(units, Unit{ID: fmt.Sprintf("t-unit-%03d", i), Level: Zone, Parent: "up"})
	}
	var rs []Ranking
	for i := range 1_250_000 {
		rs = append(rs, Ranking{Unit: fmt.Sprintf("t-unknown-%d", i), Month: Month{Year: 2024, Month: 11}, Rank: 1, Pos: Pos{File: "r.csv", Line: i + 2}})
	}
	b.ResetTimer()
	for range b.N {
		if _, err := Validate(units, rs); err == nil {
			b.Fatal("no problems")
		}
	}
}

// 20,000 unknown ids against 200,000 units.
func BenchmarkUnknownRowsManyUnits(b *testing.B) {
	units := []Unit{{ID: "up", Level: State}}
	for i := range 200_000 {
		units = append(units, Unit{ID: fmt.Sprintf("t-district-%06d", i), Level: Zone, Parent: "up"})
	}
	var rs []Ranking
	for i := range 20_000 {
		rs = append(rs, Ranking{Unit: fmt.Sprintf("t-distrct-%06d", i*7), Month: Month{Year: 2024, Month: 11}, Rank: 1, Pos: Pos{File: "r.csv", Line: i + 2}})
	}
	b.ResetTimer()
	for range b.N {
		_, err := Validate(units, rs)
		if err == nil || !strings.Contains(err.Error(), `did you mean "t-district-000000"`) {
			b.Fatalf("%.400v", err)
		}
	}
}

func editDistance(a, b []rune) int {
	prev := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur := make([]int, len(b)+1)
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev = cur
	}
	return prev[len(b)]
}
