package cli

import (
	"math"
	"runtime/debug"
	"testing"
)

// The batch's memory ceiling leaves room for every worker (a ceiling below
// the live data makes the collector work far more), does not grow with
// the batch, and never raises a limit the operator set (GOMEMLIMIT).
func TestMemoryLimit(t *testing.T) {
	const MiB = 1 << 20
	for _, c := range []struct {
		prev    int64
		workers int
		want    int64
	}{
		{math.MaxInt64, 1, 62 * MiB},
		{math.MaxInt64, 2, 70 * MiB},   // 2 cores: the state, or four times it
		{math.MaxInt64, 64, 566 * MiB}, // 8 MiB a worker
		{100 * MiB, 64, 100 * MiB},     // GOMEMLIMIT=100MiB holds
		{32 * MiB, 1, 32 * MiB},        // even below the ceiling
	} {
		if got := memoryLimit(c.prev, c.workers); got != c.want {
			t.Errorf("memoryLimit(%d, %d) = %d MiB, want %d MiB", c.prev, c.workers, got/MiB, c.want/MiB)
		}
	}
}

// limitMemory sets the ceiling and restores the limit it found.
func TestLimitMemoryRestores(t *testing.T) {
	const MiB = 1 << 20
	before := debug.SetMemoryLimit(500 * MiB)
	defer debug.SetMemoryLimit(before)
	restore := limitMemory(2)
	if got := debug.SetMemoryLimit(-1); got != 70*MiB {
		t.Errorf("while building: limit %d MiB, want 70 MiB", got/MiB)
	}
	restore()
	if got := debug.SetMemoryLimit(-1); got != 500*MiB {
		t.Errorf("after: limit %d MiB, want the 500 MiB set before", got/MiB)
	}
}
