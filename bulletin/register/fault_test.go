package register_test

import (
	"bufio"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/igrs-pro/bulletin/bulletin/internal/testtools"
	"github.com/igrs-pro/bulletin/bulletin/register"
)

// batch is the number of files one helper "run" records in a transaction.
const batch = 300

// TestMain lets the test binary be a process that records runs into a
// register until it is killed (REGISTER_TEST_HELPER=record PATH).
func TestMain(m *testing.M) {
	if os.Getenv("REGISTER_TEST_HELPER") == "record" {
		recordForever(os.Getenv("REGISTER_TEST_PATH"))
		return
	}
	os.Exit(m.Run())
}

// recordForever records run after run of batch new revisions, printing
// "ready" once the first run is recorded.
func recordForever(path string) {
	r, err := register.Open(path)
	if err != nil {
		fmt.Println(err)
		os.Exit(2)
	}
	var units []string
	for i := range batch {
		units = append(units, fmt.Sprintf("t-%03d", i))
	}
	as, err := r.Assign(ctx, "z", "2024-11", claims(units...), format("2024-11"))
	if err != nil {
		fmt.Println(err)
		os.Exit(2)
	}
	for run := 0; ; run++ {
		var is []register.Issue
		for j, a := range as {
			is = append(is, issue(a, units[j], fmt.Sprintf("%d-%d-%d", os.Getpid(), run, j)))
		}
		if _, err := r.Record(ctx, is); err != nil {
			fmt.Println(err)
			os.Exit(2)
		}
		if run == 0 {
			fmt.Println("ready")
		}
	}
}

// A process killed (SIGKILL) while it records leaves the register
// consistent: each run is recorded whole or not at all, and the register
// opens and records again.
func TestKilledWhileRecording(t *testing.T) {
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "register.db")
	for _, after := range []time.Duration{0, 7 * time.Millisecond, 23 * time.Millisecond, 61 * time.Millisecond} {
		cmd := exec.Command(exe)
		cmd.Env = append(os.Environ(), "REGISTER_TEST_HELPER=record", "REGISTER_TEST_PATH="+path)
		stdout, _ := cmd.StdoutPipe()
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		line, _ := bufio.NewReader(stdout).ReadString('\n')
		if strings.TrimSpace(line) != "ready" {
			cmd.Process.Kill()
			cmd.Wait()
			t.Fatalf("helper: %q", line)
		}
		time.Sleep(after)
		cmd.Process.Signal(syscall.SIGKILL)
		cmd.Wait()

		r := open(t, path)
		if err := r.Check(ctx); err != nil {
			t.Fatalf("killed after %v: %v", after, err)
		}
		var revs, numbers int
		r.DB().QueryRow("SELECT COUNT(*) FROM revisions").Scan(&revs)
		r.DB().QueryRow("SELECT COUNT(*) FROM certificates").Scan(&numbers)
		if revs%batch != 0 || numbers != batch {
			t.Errorf("killed after %v: %d revisions of %d numbers; a run was recorded in part", after, revs, numbers)
		}
		t.Logf("killed after %v: %d runs recorded", after, revs/batch)
		r.Close()
	}
}

// fullDiskRun fills the file system of dir up to a few KB, then records a
// run of 2,000 files: it must fail naming the full disk, record nothing of
// the run, leave what was there, and succeed once there is room again.
func fullDiskRun(t *testing.T, dir string, fill func(r *register.Register) (release func())) {
	path := filepath.Join(dir, "register.db")
	r := open(t, path)
	var units []string
	for i := range 2000 {
		units = append(units, fmt.Sprintf("t-%04d", i))
	}
	as, err := r.Assign(ctx, "z", "2024-11", claims(units[:10]...), format("2024-11"))
	if err != nil {
		t.Fatal(err)
	}
	var first []register.Issue
	for j, a := range as {
		first = append(first, issue(a, units[j], fmt.Sprintf("first-%d", j)))
	}
	if _, err := r.Record(ctx, first); err != nil {
		t.Fatal(err)
	}
	release := fill(r)
	as, err = r.Assign(ctx, "z", "2024-11", claims(units...), format("2024-11"))
	if err == nil {
		var is []register.Issue
		for j, a := range as {
			is = append(is, issue(a, units[j], strings.Repeat(fmt.Sprintf("%d", j), 30)))
		}
		_, err = r.Record(ctx, is)
	}
	if err == nil || !strings.Contains(err.Error(), "the disk is full") {
		t.Fatalf("a run on a full disk: err = %v", err)
	}
	r.Close()
	release()
	r = open(t, path)
	if err := r.Check(ctx); err != nil {
		t.Fatal(err)
	}
	var revs int
	r.DB().QueryRow("SELECT COUNT(*) FROM revisions").Scan(&revs)
	if revs != len(first) {
		t.Errorf("%d revisions after the failed run, want the %d before it", revs, len(first))
	}
	as, err = r.Assign(ctx, "z", "2024-11", claims(units...), format("2024-11"))
	if err != nil {
		t.Fatal(err)
	}
	var is []register.Issue
	for j, a := range as {
		is = append(is, issue(a, units[j], fmt.Sprintf("again-%d", j)))
	}
	if res, err := r.Record(ctx, is); err != nil || res.New+res.Revised != len(units) {
		t.Errorf("the run again with room: %+v %v", res, err)
	}
}

// A full disk, for real: the register on a 4 MB tmpfs, filled up.
// Mounting needs root (CI runs as root); TestFullDiskPageLimit covers the
// same path everywhere else.
func TestFullDiskTmpfs(t *testing.T) {
	if os.Geteuid() != 0 {
		if testtools.Required() {
			t.Fatal("mounting a tmpfs needs root, and CI runs the tests as root")
		}
		t.Skip("mounting a tmpfs needs root; TestFullDiskPageLimit covers a full disk here")
	}
	dir := t.TempDir()
	if out, err := exec.Command("mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", dir).CombinedOutput(); err != nil {
		if testtools.Required() {
			t.Fatalf("mount tmpfs: %v %s", err, out)
		}
		t.Skipf("cannot mount a tmpfs: %v %s", err, out)
	}
	t.Cleanup(func() { exec.Command("umount", dir).Run() }) // after the register is closed
	fullDiskRun(t, dir, func(*register.Register) func() {
		filler := filepath.Join(dir, "filler")
		f, _ := os.Create(filler)
		buf := make([]byte, 4096)
		for {
			if _, err := f.Write(buf); err != nil {
				break
			}
		}
		f.Close()
		// Leave a little room, so the failure comes inside the transaction.
		st, _ := os.Stat(filler)
		os.Truncate(filler, st.Size()-16<<10)
		return func() { os.Remove(filler) }
	})
}

// A full disk as SQLite sees it (SQLITE_FULL), made by capping the number
// of pages the database may grow to: the same failure, without root.
func TestFullDiskPageLimit(t *testing.T) {
	fullDiskRun(t, t.TempDir(), func(r *register.Register) func() {
		if err := register.LimitPages(r, 4); err != nil {
			t.Fatal(err)
		}
		return func() {}
	})
}
