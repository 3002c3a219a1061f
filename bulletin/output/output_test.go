package output

import (
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/igrs-pro/bulletin/bulletin/internal/testtools"
)

func TestWriteFileReplacesAtomically(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "sub", "a.txt")
	if err := WriteFile(path, []byte("one")); err != nil {
		t.Fatal(err)
	}
	if err := WriteFile(path, []byte("two")); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(path); string(b) != "two" {
		t.Errorf("content = %q", b)
	}
	entries, _ := os.ReadDir(filepath.Dir(path))
	if len(entries) != 1 {
		t.Errorf("folder holds %d entries, want only a.txt", len(entries))
	}
	if st, _ := os.Stat(path); st.Mode().Perm() != 0o644 {
		t.Errorf("mode = %v", st.Mode())
	}
}

// TestBatch: a batch writes and replaces files like WriteFile, from several
// goroutines, and Sync syncs the folder's file system (and fails for a
// folder that is not there, where the system has syncfs).
func TestBatch(t *testing.T) {
	dir := t.TempDir()
	var b Batch
	done := make(chan error)
	for g := range 4 {
		go func() {
			var err error
			for i := range 25 {
				p := filepath.Join(dir, "sub", strconv.Itoa(g*25+i)+".txt")
				if err = b.WriteFile(p, []byte("old")); err == nil {
					err = b.WriteFile(p, []byte(p))
				}
				if err != nil {
					break
				}
			}
			done <- err
		}()
	}
	for range 4 {
		if err := <-done; err != nil {
			t.Fatal(err)
		}
	}
	if err := b.Sync(dir); err != nil {
		t.Fatal(err)
	}
	entries, _ := os.ReadDir(filepath.Join(dir, "sub"))
	if len(entries) != 100 {
		t.Errorf("folder holds %d entries, want the 100 files", len(entries))
	}
	for _, e := range entries {
		p := filepath.Join(dir, "sub", e.Name())
		if b, _ := os.ReadFile(p); string(b) != p {
			t.Errorf("%s holds %q", e.Name(), b)
		}
	}
	err := b.Sync(filepath.Join(dir, "missing"))
	if haveSyncfs && err == nil {
		t.Error("Sync of a missing folder gave no error")
	}
}

func TestWriteFileFailureLeavesOldFile(t *testing.T) {
	if testtools.RunUnprivileged(t) {
		return // root can write in a read-only folder: run as nobody
	}
	dir := t.TempDir()
	path := filepath.Join(dir, "a.txt")
	WriteFile(path, []byte("old"))
	os.Chmod(dir, 0o555)
	defer os.Chmod(dir, 0o755)
	if err := WriteFile(path, []byte("new")); err == nil {
		t.Fatal("no error writing in a read-only folder")
	}
	if b, _ := os.ReadFile(path); string(b) != "old" {
		t.Errorf("content = %q", b)
	}
}

func TestLockExcludesASecondRun(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "2024-11")
	unlock, err := Lock(dir)
	if err != nil {
		t.Fatal(err)
	}
	_, err = Lock(dir)
	if !errors.Is(err, ErrLocked) || !strings.Contains(err.Error(), "is being written by bulletin (pid ") {
		t.Fatalf("second lock: %v", err)
	}
	unlock()
	unlock2, err := Lock(dir)
	if err != nil {
		t.Fatalf("lock after unlock: %v", err)
	}
	unlock2()
}

func TestIsTemp(t *testing.T) {
	for name, want := range map[string]bool{".a.pdf.123.bulletin-tmp": true, "a.pdf": false, ".bulletin.lock": false, "a.bulletin-tmp": false} {
		if IsTemp(name) != want {
			t.Errorf("IsTemp(%q) = %v", name, !want)
		}
	}
}

// A lock file that is a link (symbolic or hard) to a file outside the
// folder, or a FIFO, is refused, and the file it points at is untouched;
// so is a month folder that is a link to another folder.
func TestLockRefusesLinks(t *testing.T) {
	base := t.TempDir()
	outside := filepath.Join(base, "outside.txt")
	const content = "a file that is not bulletin's"
	dir := filepath.Join(base, "2024-11")
	lock := filepath.Join(dir, LockName)
	cases := map[string]func() error{
		"symlink to a file":    func() error { return os.Symlink(outside, lock) },
		"symlink to no file":   func() error { return os.Symlink(filepath.Join(base, "made"), lock) },
		"hard link":            func() error { return os.Link(outside, lock) },
		"fifo":                 func() error { return mkfifo(lock) },
		"folder":               func() error { return os.Mkdir(lock, 0o755) },
		"month folder symlink": func() error { os.Remove(dir); return os.Symlink(filepath.Join(base, "other"), dir) },
	}
	for name, setup := range cases {
		t.Run(name, func(t *testing.T) {
			os.RemoveAll(dir)
			os.RemoveAll(filepath.Join(base, "other"))
			os.Remove(filepath.Join(base, "made"))
			os.Mkdir(dir, 0o755)
			os.Mkdir(filepath.Join(base, "other"), 0o755)
			if err := os.WriteFile(outside, []byte(content), 0o644); err != nil {
				t.Fatal(err)
			}
			if err := setup(); err != nil {
				t.Skipf("cannot make a %s here: %v", name, err)
			}
			unlock, err := Lock(dir)
			if err == nil {
				unlock()
				t.Fatal("locked")
			}
			if !errors.Is(err, ErrNotPlain) {
				t.Errorf("error %v does not say ErrNotPlain", err)
			}
			if b, _ := os.ReadFile(outside); string(b) != content {
				t.Errorf("the outside file now holds %q", b)
			}
			if _, err := os.Lstat(filepath.Join(base, "made")); err == nil {
				t.Error("a file was made through the link")
			}
			if entries, _ := os.ReadDir(filepath.Join(base, "other")); len(entries) > 0 {
				t.Error("a file was made in the folder the month folder links to")
			}
		})
	}
}

// A file written as its content comes (Batch.Create) is not at its path
// until Commit, which replaces the old file whole; Abort leaves the old
// file and no temporary one; a link at the path is replaced, not followed.
func TestTempCommitAndAbort(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "print.pdf")
	if err := os.WriteFile(path, []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	var b Batch
	tmp, err := b.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	tmp.Write([]byte("new "))
	tmp.Write([]byte("pages"))
	if got, _ := os.ReadFile(path); string(got) != "old" {
		t.Errorf("before Commit the path holds %q", got)
	}
	if err := tmp.Commit(); err != nil {
		t.Fatal(err)
	}
	tmp.Abort() // after Commit: nothing to remove
	if got, _ := os.ReadFile(path); string(got) != "new pages" {
		t.Errorf("after Commit the path holds %q", got)
	}
	if _, err := tmp.Write([]byte("more")); err == nil {
		t.Error("a committed file took more data")
	}

	tmp, err = b.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	tmp.Write([]byte("half"))
	tmp.Abort()
	if err := tmp.Commit(); err == nil {
		t.Error("an aborted file was committed")
	}
	if got, _ := os.ReadFile(path); string(got) != "new pages" {
		t.Errorf("after Abort the path holds %q", got)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("folder holds %d entries, want only print.pdf", len(entries))
	}

	target := filepath.Join(dir, "target")
	os.WriteFile(target, []byte("keep"), 0o644)
	link := filepath.Join(dir, "link.pdf")
	if err := os.Symlink(target, link); err != nil {
		t.Skip("no symbolic links here:", err)
	}
	tmp, err = b.Create(link)
	if err != nil {
		t.Fatal(err)
	}
	tmp.Write([]byte("pages"))
	if err := tmp.Commit(); err != nil {
		t.Fatal(err)
	}
	if got, _ := os.ReadFile(target); string(got) != "keep" {
		t.Errorf("the link's target was written: %q", got)
	}
	if st, _ := os.Lstat(link); st.Mode()&os.ModeSymlink != 0 {
		t.Error("the link is still a link")
	}
}
