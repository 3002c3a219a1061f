//go:build !unix

package certificate_test

import "time"

var start = time.Now()

// cpuTime stands in for the CPU time where there is no getrusage
// (Windows): the wall time since the tests started.
func cpuTime() time.Duration { return time.Since(start) }
