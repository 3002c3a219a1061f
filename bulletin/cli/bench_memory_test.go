//go:build linux

package cli

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"syscall"
	"testing"

	"github.com/igrs-pro/bulletin/bulletin/synth"
)

// BenchmarkCertificatesMemory runs `bulletin certificates` as its own
// process, as an office runs it, on the synthetic state and on states
// twice and four times as big, and reports the command's peak memory
// (peak-RSS-MB, the kernel's high-water mark), its CPU (user+sys) and the
// most live data the collector found (max-live-MB, from GODEBUG=gctrace):
// the figures issue 14 wants flat as the count grows.
//
//	go test ./bulletin/cli -run '^$' -bench CertificatesMemory -benchtime 1x
func BenchmarkCertificatesMemory(b *testing.B) {
	// Every folder is removed only at the end: removing thousands of files
	// just before a run makes ext4 slower to create the next run's.
	tmp := b.TempDir()
	bin := filepath.Join(tmp, "bulletin")
	if out, err := exec.Command("go", "build", "-o", bin, "../../cmd/bulletin").CombinedOutput(); err != nil {
		b.Fatalf("go build: %v\n%s", err, out)
	}
	for _, k := range []int{1, 2, 4} {
		b.Run(fmt.Sprintf("scale=%d", k), func(b *testing.B) {
			data := filepath.Join(tmp, fmt.Sprintf("data-%d", k))
			if err := synth.Generate(synth.State.Scale(k), 1).Write(data); err != nil {
				b.Fatal(err)
			}
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				out, err := os.MkdirTemp(tmp, "out-*") // a new folder each run: a month's first build
				if err != nil {
					b.Fatal(err)
				}
				runMeasured(b, bin, data, out)
			}
		})
	}
}

// runMeasured runs the state's certificates from data into the fresh
// folder out and reports the process's peak RSS, CPU and largest live heap.
func runMeasured(b *testing.B, bin, data, out string) {
	b.Helper()
	cmd := exec.Command(bin, "certificates", "-q", "--config", repoConfig,
		"--units", filepath.Join(data, "units.csv"), "--rankings", filepath.Join(data, "rankings"),
		"--scope", "up", "--out", out, "--set", "certificates.best_rank=1000000")
	cmd.Env = append(withoutEnv(os.Environ(), "GOMEMLIMIT", "GOGC", "GODEBUG"), "GODEBUG=gctrace=1")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Run(); err != nil {
		b.Fatalf("%v\n%s", err, lastLines(stderr.String(), 20))
	}
	ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage)
	if !ok {
		b.Fatal("no resource usage for the command")
	}
	b.ReportMetric(float64(ru.Maxrss)/1024, "peak-RSS-MB") // Linux: kilobytes
	cpu := cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()
	b.ReportMetric(cpu.Seconds(), "cpu-s")
	live, gcs := maxLive(stderr.String())
	b.ReportMetric(live, "max-live-MB")
	b.ReportMetric(float64(gcs), "collections")
}

// gcLine matches a gctrace line's heap sizes: at start, at end, live (MB).
var gcLine = regexp.MustCompile(`(?m)^gc \d+ .* (\d+)->(\d+)->(\d+) MB`)

// maxLive returns the largest live heap of a gctrace log and its count of
// collections.
func maxLive(log string) (float64, int) {
	var most float64
	ms := gcLine.FindAllStringSubmatch(log, -1)
	for _, m := range ms {
		if v, err := strconv.ParseFloat(m[3], 64); err == nil && v > most {
			most = v
		}
	}
	return most, len(ms)
}

func withoutEnv(env []string, names ...string) []string {
	var out []string
	for _, e := range env {
		k, _, _ := strings.Cut(e, "=")
		keep := true
		for _, n := range names {
			keep = keep && k != n
		}
		if keep {
			out = append(out, e)
		}
	}
	return out
}

func lastLines(s string, n int) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	return strings.Join(lines[max(0, len(lines)-n):], "\n")
}
