//go:build unix

package output

import (
	"errors"
	"fmt"
	"os"
	"syscall"

	"golang.org/x/sys/unix"

	"github.com/igrs-pro/bulletin/bulletin/internal/readfile"
)

// openLock opens (or creates) the lock file without following a link and
// without waiting on a FIFO, and refuses anything but a regular file with
// one name.
func openLock(path string) (*os.File, error) {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE|unix.O_NOFOLLOW|unix.O_NONBLOCK|unix.O_CLOEXEC, 0o644)
	if errors.Is(err, unix.ELOOP) || errors.Is(err, unix.EMLINK) {
		return nil, fmt.Errorf("it is a symbolic link: %w", ErrNotPlain)
	}
	if errors.Is(err, unix.EISDIR) {
		return nil, fmt.Errorf("it is a folder: %w", ErrNotPlain)
	}
	if err != nil {
		return nil, err
	}
	if err := plainFile(f); err != nil {
		f.Close()
		return nil, err
	}
	return f, nil
}

// plainFile refuses an open file that is not a regular file, or that has
// other names (a hard link), whose content is not bulletin's to change.
func plainFile(f *os.File) error {
	st, err := f.Stat()
	if err != nil {
		return err
	}
	if !st.Mode().IsRegular() {
		return fmt.Errorf("it is %s: %w", readfile.Kind(st.Mode()), ErrNotPlain)
	}
	if s, ok := st.Sys().(*syscall.Stat_t); ok && s.Nlink > 1 {
		return fmt.Errorf("it is a hard link of another file (%d names): %w", s.Nlink, ErrNotPlain)
	}
	return nil
}

func lockFile(f *os.File) error {
	err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB)
	if errors.Is(err, syscall.EWOULDBLOCK) {
		return ErrLocked
	}
	return err
}

func unlockFile(f *os.File) { syscall.Flock(int(f.Fd()), syscall.LOCK_UN) }
