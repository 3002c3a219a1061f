package cli

import (
	"math"
	"testing"
)

// The batch's memory ceiling leaves room for every worker (a ceiling below
// the live data makes the collector run without end) and never raises a
// limit the operator set (GOMEMLIMIT).
func TestMemoryLimit(t *testing.T) {
	const MiB = 1 << 20
	for _, c := range []struct {
		prev       int64
		n, workers int
		want       int64
	}{
		{math.MaxInt64, 0, 1, 72 * MiB},                 // before the plan, or a month without certificates: the floor
		{math.MaxInt64, 0, 2, 72 * MiB},                 // the same on 2 cores
		{math.MaxInt64, 1851, 2, 70*MiB + 1851*2<<10},   // the state on 2 cores: 73.6 MiB
		{math.MaxInt64, 1851, 64, 566*MiB + 1851*2<<10}, // on 64 workers: 8 MiB each
		{math.MaxInt64, 7404, 2, 70*MiB + 7404*2<<10},   // 4x the state: 84.5 MiB
		{100 * MiB, 1851, 64, 100 * MiB},                // GOMEMLIMIT=100MiB holds
		{32 * MiB, 0, 1, 32 * MiB},                      // even below the floor
	} {
		if got := memoryLimit(c.prev, c.n, c.workers); got != c.want {
			t.Errorf("memoryLimit(%d, %d, %d) = %d MiB, want %d MiB", c.prev, c.n, c.workers, got/MiB, c.want/MiB)
		}
	}
}
