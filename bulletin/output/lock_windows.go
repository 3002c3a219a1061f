//go:build windows

package output

import (
	"errors"
	"fmt"
	"os"

	"golang.org/x/sys/windows"
)

// openLock opens (or creates) the lock file without following a reparse
// point (a symbolic link or junction), and refuses anything but a regular
// file with one name.
func openLock(path string) (*os.File, error) {
	p, err := windows.UTF16PtrFromString(path)
	if err != nil {
		return nil, err
	}
	h, err := windows.CreateFile(p, windows.GENERIC_READ|windows.GENERIC_WRITE,
		windows.FILE_SHARE_READ|windows.FILE_SHARE_WRITE|windows.FILE_SHARE_DELETE, nil,
		windows.OPEN_ALWAYS, windows.FILE_ATTRIBUTE_NORMAL|windows.FILE_FLAG_OPEN_REPARSE_POINT, 0)
	if err != nil {
		return nil, &os.PathError{Op: "open", Path: path, Err: err}
	}
	if err := plainHandle(h); err != nil {
		windows.CloseHandle(h)
		return nil, err
	}
	return os.NewFile(uintptr(h), path), nil
}

// plainHandle refuses a reparse point, a folder, a device and a file with
// other names (a hard link).
func plainHandle(h windows.Handle) error {
	var info windows.ByHandleFileInformation
	if err := windows.GetFileInformationByHandle(h, &info); err != nil {
		return err
	}
	switch {
	case info.FileAttributes&windows.FILE_ATTRIBUTE_REPARSE_POINT != 0:
		return fmt.Errorf("it is a link (reparse point): %w", ErrNotPlain)
	case info.FileAttributes&(windows.FILE_ATTRIBUTE_DIRECTORY|windows.FILE_ATTRIBUTE_DEVICE) != 0:
		return fmt.Errorf("it is not a regular file: %w", ErrNotPlain)
	case info.NumberOfLinks > 1:
		return fmt.Errorf("it is a hard link of another file (%d names): %w", info.NumberOfLinks, ErrNotPlain)
	}
	if t, err := windows.GetFileType(h); err == nil && t != windows.FILE_TYPE_DISK {
		return fmt.Errorf("it is not a regular file: %w", ErrNotPlain)
	}
	return nil
}

func lockFile(f *os.File) error {
	ol := new(windows.Overlapped)
	err := windows.LockFileEx(windows.Handle(f.Fd()), windows.LOCKFILE_EXCLUSIVE_LOCK|windows.LOCKFILE_FAIL_IMMEDIATELY, 0, 1, 0, ol)
	if errors.Is(err, windows.ERROR_LOCK_VIOLATION) {
		return ErrLocked
	}
	return err
}

func unlockFile(f *os.File) {
	windows.UnlockFileEx(windows.Handle(f.Fd()), 0, 1, 0, new(windows.Overlapped))
}
