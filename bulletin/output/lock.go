package output

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// LockName is the lock file of a folder being written.
const LockName = ".bulletin.lock"

// ErrLocked says another run holds the folder's lock.
var ErrLocked = errors.New("locked")

// Lock takes the lock of dir (creating dir), so that two runs never write
// the same folder at once. The lock is held by the open file (flock on Unix,
// LockFileEx on Windows): it is released when unlock is called or the
// process ends, however it ends, so a killed run never leaves a stale lock.
// When another run holds it, the error says which process and since when.
func Lock(dir string) (unlock func(), err error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("cannot create output folder: %w", err)
	}
	path := filepath.Join(dir, LockName)
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return nil, fmt.Errorf("cannot create the lock file: %w", err)
	}
	if err := lockFile(f); err != nil {
		holder, _ := os.ReadFile(path)
		f.Close()
		if errors.Is(err, ErrLocked) {
			who := strings.TrimSpace(string(holder))
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
