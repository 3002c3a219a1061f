package synth_test

import (
	"bytes"
	"testing"

	"github.com/igrs-pro/bulletin/bulletin/dataset"
	"github.com/igrs-pro/bulletin/bulletin/synth"
)

func TestStateDataIsValidAndDeterministic(t *testing.T) {
	a := synth.Generate(synth.State, 1)
	b := synth.Generate(synth.State, 1)
	if !bytes.Equal(a.Units, b.Units) || !bytes.Equal(a.Rankings[a.LastMonth+".csv"], b.Rankings[b.LastMonth+".csv"]) {
		t.Fatal("same seed, different data")
	}
	checkLevels(t, a, map[dataset.Level]int{dataset.State: 1, dataset.Zone: 8, dataset.Range: 18, dataset.District: 75, dataset.Thana: 1750})
	if len(a.Rankings) != 12 {
		t.Errorf("%d months, want 12", len(a.Rankings))
	}
	dir := t.TempDir()
	if err := a.Write(dir); err != nil {
		t.Fatal(err)
	}
	d, err := dataset.Load(dir+"/units.csv", dir+"/rankings")
	if err != nil {
		t.Fatal(err)
	}
	if r, ok := d.Rank(d.Months()[11], a.FirstZone); !ok || r.Rank != 1 {
		t.Errorf("first zone rank = %+v", r)
	}
}

// A scaled state has k times the units of each level, all valid.
func TestScaledState(t *testing.T) {
	a := synth.Generate(synth.State.Scale(2), 1)
	checkLevels(t, a, map[dataset.Level]int{dataset.State: 1, dataset.Zone: 16, dataset.Range: 36, dataset.District: 150, dataset.Thana: 3500})
	dir := t.TempDir()
	if err := a.Write(dir); err != nil {
		t.Fatal(err)
	}
	if _, err := dataset.Load(dir+"/units.csv", dir+"/rankings"); err != nil {
		t.Fatal(err)
	}
}

// checkLevels checks that a's units read without problems and that each
// level has the number of units want says.
func checkLevels(t *testing.T, a *synth.Data, want map[dataset.Level]int) {
	t.Helper()
	units, ps := dataset.ReadUnits("units.csv", a.Units)
	if len(ps) > 0 {
		t.Fatal(ps)
	}
	counts := map[dataset.Level]int{}
	for _, u := range units {
		counts[u.Level]++
	}
	for l, n := range want {
		if counts[l] != n {
			t.Errorf("%s: %d units, want %d", l, counts[l], n)
		}
	}
}
