package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A unit with more marks than another but a worse rank is a warning that
// names both rows, from validate and build, and never stops the run.
func TestRankWarningsDoNotStop(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(malformedDir, "_good")
	units, err := os.ReadFile(filepath.Join(good, "units.csv"))
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(dir, "units.csv"), units, 0o644)
	os.WriteFile(filepath.Join(dir, "rankings.csv"), []byte("month,unit,rank,score,max_score\n"+
		"2024-11,z-kanpur,1,124.5,125\n2024-11,r-kanpur,1,124,125\n2024-11,d-auraiya,1,120,125\n"+
		"2024-11,t-bidhuna,2,125,125\n2024-11,t-dibiyapur,1,80,125\n"), 0o644)
	want := `warning: ` + filepath.Join(dir, "rankings.csv") + `:6: thana "t-dibiyapur" has rank 1 with 80 marks, better than "t-bidhuna" (` +
		filepath.Join(dir, "rankings.csv") + `:5) with more marks, 125, and rank 2; check the two rows`
	for _, cmd := range [][]string{{"validate"}, {"build", "--out", filepath.Join(dir, "out")}} {
		args := append([]string{"--config", repoConfig, "--units", filepath.Join(dir, "units.csv"),
			"--rankings", filepath.Join(dir, "rankings.csv"), "--scope", "z-kanpur"}, cmd...)
		code, _, stderr := run(t, args...)
		if code != 0 || !strings.Contains(stderr, want+"\n") {
			t.Errorf("%s: exit %d, stderr:\n%s\nwant exit 0 and\n%s", cmd[0], code, stderr, want)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "out", "2024-11", "press-note.hi.txt")); err != nil {
		t.Errorf("build with a warning wrote no note: %v", err)
	}
}
