package output

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// LockName is the lock file of a folder being written.
const LockName = ".bulletin.lock"

// ErrLocked says another run holds the folder's lock.
var ErrLocked = errors.New("locked")

// ErrNotPlain says a file or folder bulletin would write is a link, a
// device, a FIFO or another thing that is not a plain file or folder.
var ErrNotPlain = errors.New("not a plain file or folder")

// Lock takes the lock of dir (creating dir), so that two runs never write
// the same folder at once. The lock is held by the open file (flock on Unix,
// LockFileEx on Windows): it is released when unlock is called or the
// process ends, however it ends, so a killed run never leaves a stale lock.
// When another run holds it, the error says which process and since when.
//
// dir must be a folder, not a link to one (see CheckDir), and the lock file
// is opened without following a link (O_NOFOLLOW; on Windows a reparse
// point is refused): a lock file that is a link, a hard link of another
// file or not a regular file is refused, so locking never empties a file
// outside dir.
func Lock(dir string) (unlock func(), err error) {
	if _, err := os.Lstat(dir); err != nil {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return nil, fmt.Errorf("cannot create output folder: %w", err)
		}
	}
	if err := CheckDir(dir); err != nil {
		return nil, err
	}
	path := filepath.Join(dir, LockName)
	f, err := openLock(path)
	if err != nil {
		if errors.Is(err, ErrNotPlain) {
			return nil, fmt.Errorf("%s: %w; bulletin keeps its lock there as a plain file: delete %s and run again", path, err, LockName)
		}
		return nil, fmt.Errorf("cannot create the lock file: %w", err)
	}
	if err := lockFile(f); err != nil {
		holder := make([]byte, 200)
		n, _ := f.ReadAt(holder, 0)
		f.Close()
		if errors.Is(err, ErrLocked) {
			who := strings.TrimSpace(string(holder[:n]))
			if who == "" {
				who = "another run"
			}
			return nil, fmt.Errorf("%s is being written by %s; wait for it to finish: %w", dir, who, ErrLocked)
		}
		return nil, fmt.Errorf("cannot lock %s: %w", path, err)
	}
	host, _ := os.Hostname()
	f.Truncate(0)
	fmt.Fprintf(f, "bulletin (pid %d on %s, started %s)\n", os.Getpid(), host, time.Now().Format("2006-01-02 15:04:05"))
	f.Sync()
	return func() {
		f.Truncate(0)
		unlockFile(f)
		f.Close()
	}, nil
}

// CheckDir returns an error unless dir is a folder itself: a symbolic link
// (or, on Windows, a junction) to a folder elsewhere is refused, so that a
// run never deletes or writes files through it.
func CheckDir(dir string) error {
	st, err := os.Lstat(dir)
	if err != nil {
		return err
	}
	if st.Mode().Type() == fs.ModeDir {
		return nil
	}
	what := "not a folder"
	if st.Mode()&fs.ModeSymlink != 0 {
		what = "a symbolic link"
		if to, err := os.Readlink(dir); err == nil {
			what += " to " + to
		}
	} else if st.Mode()&fs.ModeIrregular != 0 {
		what = "a link (junction or reparse point)"
	}
	return fmt.Errorf("%s is %s: %w; bulletin writes a month only into a folder of its own: remove the link, or name the real folder with --out", dir, what, ErrNotPlain)
}
