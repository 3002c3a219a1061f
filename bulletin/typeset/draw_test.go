package typeset

import (
	"math"
	"math/rand/v2"
	"strconv"
	"testing"
)

// appendNum writes what strconv.AppendFloat(v, 'f', 2) writes for every
// position the drawer rounds with round2 (and 0 as "0"), and falls back to
// it for any other value.
func TestAppendNumIsAppendFloat(t *testing.T) {
	want := func(v float64) string {
		if v == 0 {
			return "0"
		}
		return string(strconv.AppendFloat(nil, v, 'f', 2, 64))
	}
	r := rand.New(rand.NewPCG(1, 2))
	vals := []float64{0.004, -0.004, 0.005, -0.005, 0.01, -0.01, 0.995, -0.995, 1, -1, 841.89, 595.28,
		1e12, -1e12, 1e15, 1e300, math.Inf(1), math.Inf(-1), math.NaN(), 0.1 + 0.2, 123.456789, -7.125}
	for range 200000 {
		vals = append(vals, (r.Float64()-0.5)*2000, (r.Float64()-0.5)*2, float64(r.IntN(200000)-100000)/100)
	}
	for _, x := range vals {
		for _, v := range []float64{round2(x), x} {
			if got := string(appendNum(nil, v)); got != want(v) {
				t.Fatalf("appendNum(%v) = %q, want %q", v, got, want(v))
			}
		}
	}
}

// A face's coverage table below U+1000 is what its cmap says.
func TestCoversTableIsCmap(t *testing.T) {
	for id, fd := range fontSet(t).faces {
		if fd == nil {
			continue
		}
		n := 0
		for r := rune(-1); r < 0x1100; r++ {
			if got, want := fd.covers(r), fd.lookupCovers(r); got != want {
				t.Fatalf("face %d (%s): covers(%U) = %v, the cmap says %v", id, fd.file, r, got, want)
			}
			if fd.covers(r) {
				n++
			}
		}
		if n < 90 {
			t.Errorf("face %d (%s) covers only %d runes below U+1100", id, fd.file, n)
		}
	}
}
