package readfile

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"testing"
	"time"
)

func TestRead(t *testing.T) {
	dir := t.TempDir()
	small := filepath.Join(dir, "small.csv")
	os.WriteFile(small, []byte("id\n"), 0o644)
	if b, err := Read(small, 3); err != nil || string(b) != "id\n" {
		t.Errorf("Read = %q, %v", b, err)
	}
	if _, err := Read(small, 2); !errors.Is(err, ErrTooLarge) {
		t.Errorf("over the cap: %v", err)
	}
	if _, err := Read(dir, 100); !errors.Is(err, ErrNotRegular) {
		t.Errorf("a folder: %v", err)
	}
	if runtime.GOOS == "windows" {
		return
	}
	// Neither a FIFO without a writer nor an endless device hangs or
	// fills the memory.
	fifo := filepath.Join(dir, "fifo.csv")
	if err := mkfifo(fifo); err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{fifo, "/dev/zero"} {
		done := make(chan error)
		go func() { _, err := Read(p, 1<<20); done <- err }()
		select {
		case err := <-done:
			if !errors.Is(err, ErrNotRegular) {
				t.Errorf("%s: %v", p, err)
			}
		case <-time.After(5 * time.Second):
			t.Fatalf("%s: Read hangs", p)
		}
	}
}

func TestDir(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "a.toml"), []byte("x = 1\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "big.toml"), make([]byte, 100), 0o644)
	if runtime.GOOS != "windows" {
		mkfifo(filepath.Join(dir, "fifo.toml"))
	}
	fsys, err := Dir(dir, 10)
	if err != nil {
		t.Fatal(err)
	}
	if b, err := fs.ReadFile(fsys, "a.toml"); err != nil || string(b) != "x = 1\n" {
		t.Errorf("a.toml: %q, %v", b, err)
	}
	if _, err := fs.ReadFile(fsys, "big.toml"); !errors.Is(err, ErrTooLarge) {
		t.Errorf("big.toml: %v", err)
	}
	if runtime.GOOS != "windows" {
		if _, err := fs.ReadFile(fsys, "fifo.toml"); !errors.Is(err, ErrNotRegular) {
			t.Errorf("fifo.toml: %v", err)
		}
	}
	if entries, err := fs.ReadDir(fsys, "."); err != nil || len(entries) < 2 {
		t.Errorf("ReadDir: %v, %v", entries, err)
	}
	if _, err := Dir(filepath.Join(dir, "a.toml"), 10); err == nil {
		t.Error("Dir of a file gave no error")
	}
}
