package cli

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/csv"
	"encoding/hex"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/igrs-pro/bulletin/bulletin/output"
)

// TestMain lets the test binary stand in for the bulletin command, so that
// tests can run it as a process and kill it.
func TestMain(m *testing.M) {
	if os.Getenv("BULLETIN_TEST_MAIN") == "1" {
		if at, err := strconv.Atoi(os.Getenv("BULLETIN_TEST_PAUSE_AT")); err == nil {
			pauseAfter = func(ctx context.Context, files int) {
				if files == at {
					fmt.Fprintf(os.Stderr, "paused after %d files\n", at)
					<-ctx.Done()
				}
			}
		}
		os.Exit(Main(System(), os.Args[1:]))
	}
	dir, err := os.MkdirTemp("", "bulletin-register-")
	if err != nil {
		panic(err)
	}
	sharedRegister = filepath.Join(dir, "register.db")
	code := m.Run()
	if reference.dir != "" {
		os.RemoveAll(reference.dir)
	}
	os.RemoveAll(dir)
	os.Exit(code)
}

// files returns every file under dir (relative path -> content).
func files(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(path)
		rel, _ := filepath.Rel(dir, path)
		out[rel] = b
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// sharedRegister is the certificate register of the builds that tests
// compare byte for byte: one register gives every build the same numbers
// and verification codes (its secret keys the codes).
var sharedRegister string

func buildMonth(t *testing.T, out string, extra ...string) {
	t.Helper()
	args := append([]string{"build", "--config", repoConfig, "--month", "2024-11", "--out", out, "--quiet", "--set", "register=" + sharedRegister}, extra...)
	if code, _, stderr := run(t, args...); code != 0 {
		t.Fatalf("build: exit %d: %s", code, stderr)
	}
}

var reference struct {
	dir   string
	files map[string][]byte
}

// referenceBuild is one complete build of the example month, shared by tests.
func referenceBuild(t *testing.T) map[string][]byte {
	t.Helper()
	if reference.files == nil {
		dir, err := os.MkdirTemp("", "bulletin-reference-")
		if err != nil {
			t.Fatal(err)
		}
		buildMonth(t, dir)
		reference.dir = dir
		reference.files = files(t, filepath.Join(dir, "2024-11"))
	}
	return reference.files
}

func TestBuildWritesTheMonth(t *testing.T) {
	got := referenceBuild(t)
	var names []string
	for n := range got {
		names = append(names, n)
	}
	sort.Strings(names)
	count := map[string]int{}
	for _, n := range names {
		count[strings.SplitN(n, "/", 2)[0]]++
	}
	// 2 ranges + 5 districts + 125 thanas (not the zone itself); bundles: the zone (its
	// ranges), 2 ranges (their districts), 8 districts (their thanas).
	if count["certificates"] != 132 || count["by-unit"] != 11 {
		t.Errorf("certificates %d, bundles %d; want 132, 11", count["certificates"], count["by-unit"])
	}
	for _, n := range []string{"certificates-2024-11.pdf", "manifest.csv",
		"press-note.hi.txt", "press-note.hi.md", "press-note.hi.html", "press-note.en.txt", "press-note.en.md", "press-note.en.html",
		"press-note.hi.docx", "press-note.en.docx", "press-note.hi.whatsapp.txt", "press-note.en.whatsapp.txt",
		"card.hi.square.png", "card.hi.wide.png", "card.en.square.png", "card.en.wide.png",
		"trend.hi.png", "trend.hi.svg", "trend.en.png", "trend.en.svg", "annexure.pdf", "annexure.xlsx"} {
		if _, ok := got[n]; !ok {
			t.Errorf("%s is missing", n)
		}
	}
	// The text notes are the ones `bulletin press` writes.
	if want, _ := os.ReadFile("testdata/golden/2024-11/press-note.hi.txt"); !bytes.Equal(got["press-note.hi.txt"], want) {
		t.Error("press-note.hi.txt differs from the press command's golden file")
	}

	// Every manifest row names a file on disk with its SHA-256, and every
	// single certificate is in the manifest.
	rows, err := csv.NewReader(bytes.NewReader(got["manifest.csv"])).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(rows[0], ",") != "number,unit,level,name_hi,name_en,rank,score,max_score,file,sha256" {
		t.Errorf("manifest header = %v", rows[0])
	}
	listed := map[string]bool{}
	for _, r := range rows[1:] {
		b, ok := got[r[8]]
		if !ok {
			t.Errorf("manifest names %s, which is not on disk", r[8])
			continue
		}
		sum := sha256.Sum256(b)
		if hex.EncodeToString(sum[:]) != r[9] {
			t.Errorf("%s: SHA-256 differs from the manifest", r[8])
		}
		if r[8] != filepath.ToSlash(filepath.Join("certificates", r[2], r[1]+".pdf")) {
			t.Errorf("manifest row %v: file is not certificates/<level>/<unit>.pdf", r)
		}
		listed[r[8]] = true
	}
	for n := range got {
		if strings.HasPrefix(n, "certificates/") && !listed[n] {
			t.Errorf("%s is not in the manifest", n)
		}
		if !strings.HasSuffix(n, ".pdf") {
			continue
		}
		if b := got[n]; !bytes.HasPrefix(b, []byte("%PDF-")) || !bytes.HasSuffix(bytes.TrimSpace(b), []byte("%%EOF")) {
			t.Errorf("%s is not a whole PDF", n)
		}
		// About 6 KB of content (text, QR code) and 25 of fonts: since issue 11
		// each certificate embeds two sub-fonts a weight with their
		// /ToUnicode maps (the month's certificates need 285 glyph uses a
		// weight, 224 fit in one), so that it copies out right in pdf.js,
		// pdfminer and pypdf too (bulletin/typeset's TestCopyOut).
		if strings.HasPrefix(n, "certificates/") && len(got[n]) > 48<<10 {
			t.Errorf("%s is %d bytes, over 48 KB", n, len(got[n]))
		}
	}
}

func TestBuildTwiceSameBytes(t *testing.T) {
	want := referenceBuild(t)
	out := t.TempDir()
	buildMonth(t, out, "--workers", "1")
	got := files(t, filepath.Join(out, "2024-11"))
	if len(got) != len(want) {
		t.Fatalf("%d files, want %d", len(got), len(want))
	}
	for n, b := range want {
		if !bytes.Equal(got[n], b) {
			t.Errorf("%s differs between two runs", n)
		}
	}
}

func TestBuildRejectsUnsafeUnitIDs(t *testing.T) {
	dir := t.TempDir()
	units := filepath.Join(dir, "units.csv")
	os.WriteFile(units, []byte("id,level,parent,name_hi,name_en\nz1,zone,,कानपुर,Kanpur\n../../evil,range,z1,बुरा,Evil\n"), 0o644)
	rankings := filepath.Join(dir, "r.csv")
	os.WriteFile(rankings, []byte("month,unit,rank\n2024-11,z1,1\n2024-11,../../evil,1\n"), 0o644)
	out := filepath.Join(dir, "out")
	code, _, stderr := run(t, "build", "--config", repoConfig, "--units", units, "--rankings", rankings, "--scope", "z1", "--out", out)
	if code != 1 || !strings.Contains(stderr, units+`:3: unit id "../../evil" cannot be used in file names`) {
		t.Errorf("exit %d, stderr %q", code, stderr)
	}
	if _, err := os.Stat(out); !os.IsNotExist(err) {
		t.Error("the output folder was created")
	}
}

// startBuild runs the test binary as `bulletin build` in the background,
// with env added to its environment, and returns its standard error.
func startBuild(t *testing.T, out string, env ...string) (*exec.Cmd, *syncBuffer) {
	t.Helper()
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(exe, "build", "--config", repoConfig, "--month", "2024-11", "--out", out, "--workers", "1", "--set", "register="+sharedRegister)
	cmd.Env = append(append(os.Environ(), "BULLETIN_TEST_MAIN=1"), env...)
	stderr := new(syncBuffer)
	cmd.Stderr = stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	return cmd, stderr
}

// checkComplete asserts that every file in dir is a complete output (equal
// to the reference build's) or, when temps is true, a temporary file.
func checkComplete(t *testing.T, dir string, temps bool) int {
	t.Helper()
	want := referenceBuild(t)
	n := 0
	for name, b := range files(t, dir) {
		base := filepath.Base(name)
		if base == output.LockName {
			continue // not an output; a killed run leaves its holder's name in it
		}
		if strings.HasPrefix(base, ".") && strings.HasSuffix(base, ".bulletin-tmp") {
			if !temps {
				t.Errorf("temporary file %s left behind", name)
			}
			continue
		}
		n++
		if !bytes.Equal(b, want[name]) {
			t.Errorf("%s is not the complete file (%d bytes, want %d)", name, len(b), len(want[name]))
		}
	}
	return n
}

// A run killed at any point leaves only complete files, and a new run
// completes the month. The run is paused (pauseAfter) after a known number
// of files and signalled there, so the signal always comes mid-batch.
func TestBuildKilledMidBatch(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the build several times")
	}
	referenceBuild(t)
	for _, at := range []int{1, 30, 90} {
		for _, sig := range []syscall.Signal{syscall.SIGKILL, syscall.SIGINT, syscall.SIGTERM} {
			out := t.TempDir()
			month := filepath.Join(out, "2024-11")
			cmd, stderr := startBuild(t, out, "BULLETIN_TEST_PAUSE_AT="+strconv.Itoa(at))
			waitForPause(t, stderr, at)
			start := time.Now()
			cmd.Process.Signal(sig)
			err := cmd.Wait()
			if err == nil {
				t.Fatalf("%v after %d files: the build finished", sig, at)
			}
			if d := time.Since(start); d > time.Second {
				t.Errorf("%v after %d files: the run took %v to stop, over a second", sig, at, d)
			}
			// SIGKILL may leave temporary files (a rerun removes them); an
			// interrupt removes its own.
			kept := checkComplete(t, month, sig == syscall.SIGKILL)
			if kept < at-1 { // the files but the manifest, or all but the one being written
				t.Errorf("%v after %d files: %d complete files kept", sig, at, kept)
			}
			if sig != syscall.SIGKILL {
				if ee, ok := err.(*exec.ExitError); !ok || ee.ExitCode() != 1 || !strings.Contains(stderr.String(), "interrupted after") {
					t.Errorf("%v after %d: %v, stderr %q; want exit 1 saying the run was interrupted", sig, at, err, stderr)
				}
			}
			buildMonth(t, out)
			outputs := len(referenceBuild(t)) - 1 // all but the lock file
			if n := checkComplete(t, month, false); n != outputs {
				t.Errorf("%v after %d: rerun has %d files, want %d (kept %d)", sig, at, n, outputs, kept)
			}
		}
	}
}

// waitForPause waits until the build started by startBuild says it paused
// after n files.
func waitForPause(t *testing.T, stderr *syncBuffer, n int) {
	t.Helper()
	want := fmt.Sprintf("paused after %d files", n)
	deadline := time.Now().Add(60 * time.Second)
	for time.Now().Before(deadline) {
		if strings.Contains(stderr.String(), want) {
			return
		}
		time.Sleep(2 * time.Millisecond)
	}
	t.Fatalf("no %q after 60 s; stderr %q", want, stderr)
}

// syncBuffer is a bytes.Buffer that a process writes while a test reads it.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// A character that no font has is found before anything is written.
func TestBuildRefusesUndrawableNames(t *testing.T) {
	dir := t.TempDir()
	units := filepath.Join(dir, "units.csv")
	os.WriteFile(units, []byte("id,level,parent,name_hi,name_en\nz1,zone,,कानपुर 😀,Kanpur\n"), 0o644)
	rankings := filepath.Join(dir, "r.csv")
	os.WriteFile(rankings, []byte("month,unit,rank\n2024-11,z1,1\n"), 0o644)
	out := filepath.Join(dir, "out")
	for _, cmd := range []string{"build", "validate"} {
		code, _, stderr := run(t, cmd, "--config", repoConfig, "--units", units, "--rankings", rankings, "--scope", "z1", "--out", out)
		if code != 1 || !strings.Contains(stderr, units+`:2: name_hi of unit "z1" has U+1F600 "😀", which no bundled font can draw`) {
			t.Errorf("%s: exit %d, stderr %q", cmd, code, stderr)
		}
	}
	if _, err := os.Stat(out); !os.IsNotExist(err) {
		t.Error("the output folder was created")
	}
}

// A second build of the same month while one is running stops at once.
func TestBuildLockedByAnotherRun(t *testing.T) {
	out := t.TempDir()
	unlock, err := output.Lock(filepath.Join(out, "2024-11"))
	if err != nil {
		t.Fatal(err)
	}
	defer unlock()
	code, _, stderr := run(t, "build", "--config", repoConfig, "--month", "2024-11", "--out", out)
	if code != 1 || !strings.Contains(stderr, "2024-11 is being written by bulletin (pid ") {
		t.Errorf("exit %d, stderr %q", code, stderr)
	}
	if _, err := os.Stat(filepath.Join(out, "2024-11", "manifest.csv")); !os.IsNotExist(err) {
		t.Error("the second run wrote files")
	}
}

// A disk that fills up mid-batch (here a file size limit) stops the run
// with the reason; every file is then either the earlier run's or the new
// run's, complete; no partial file is left, and a new run completes the month.
func TestBuildDiskFull(t *testing.T) {
	if _, err := exec.LookPath("sh"); err != nil {
		t.Skip("needs sh for ulimit")
	}
	want := referenceBuild(t)
	out := t.TempDir()
	buildMonth(t, out, "--date", "2024-12-05") // an earlier complete run, with other dates in every file
	before := files(t, filepath.Join(out, "2024-11"))
	exe, _ := os.Executable()
	// ulimit -f counts 1024-byte blocks in bash and 512 in POSIX sh: either
	// way 64 blocks is less than the combined print file.
	cmd := exec.Command("sh", "-c", `ulimit -f 64 && exec "$0" "$@"`, exe,
		"build", "--config", repoConfig, "--month", "2024-11", "--out", out, "--quiet", "--set", "register="+sharedRegister)
	cmd.Env = append(os.Environ(), "BULLETIN_TEST_MAIN=1")
	msg, err := cmd.CombinedOutput()
	ee, ok := err.(*exec.ExitError)
	if !ok || ee.ExitCode() != 1 || !strings.Contains(string(msg), "file too large") {
		t.Fatalf("err %v, output %q; want exit 1 naming the failed write", err, msg)
	}
	after := files(t, filepath.Join(out, "2024-11"))
	for name, b := range after {
		if output.IsTemp(filepath.Base(name)) {
			t.Errorf("temporary file %s left behind", name)
		} else if name != output.LockName && !bytes.Equal(b, before[name]) && !bytes.Equal(b, want[name]) {
			t.Errorf("%s is neither the earlier file nor the new one", name)
		}
	}
	buildMonth(t, out)
	if n := checkComplete(t, filepath.Join(out, "2024-11"), false); n != len(want)-1 {
		t.Errorf("rerun: %d files, want %d", n, len(want)-1)
	}
}

// A rerun after a corrected ranking leaves no certificate of the earlier
// run for a unit that no longer earns one.
func TestBuildRemovesCertificatesNoLongerEarned(t *testing.T) {
	out := t.TempDir()
	buildMonth(t, out)
	month := filepath.Join(out, "2024-11")
	stale := []string{"certificates/thana/t-gone.pdf", "by-unit/d-gone.pdf"}
	for _, name := range stale {
		os.WriteFile(filepath.Join(month, name), []byte("%PDF- an earlier run's"), 0o644)
	}
	buildMonth(t, out)
	for _, name := range stale {
		if _, err := os.Stat(filepath.Join(month, name)); !os.IsNotExist(err) {
			t.Errorf("%s is still there", name)
		}
	}
	if n := checkComplete(t, month, false); n != len(referenceBuild(t))-1 {
		t.Errorf("%d files, want %d", n, len(referenceBuild(t))-1)
	}
}
