// Package readfile reads the files bulletin is given (data, settings,
// images, notes, an office's templates, catalogs and fonts) safely on a
// shared PC: only regular files are read, never a FIFO, a device or a
// folder, which could hang a run or fill its memory (a FIFO never ends,
// /dev/zero never ends), and each kind of file has a size cap, so that a
// file too large is refused at once with its name and the cap.
package readfile

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"syscall"
)

// Size caps per kind of file, stated in the README.
const (
	MaxData     = 64 << 20 // a units or rankings file (CSV or xlsx)
	MaxConfig   = 1 << 20  // config.toml
	MaxImage    = 4 << 20  // the office's emblem
	MaxNote     = 1 << 20  // the text of `bulletin note`
	MaxTemplate = 1 << 20  // a template, catalog or layout file of the office's
	MaxFont     = 32 << 20 // a font file of the office's
)

// ErrNotRegular says a path is not a regular file.
var ErrNotRegular = errors.New("not a regular file")

// ErrTooLarge says a file is over its kind's size cap.
var ErrTooLarge = errors.New("file too large")

// Read returns the content of the regular file at path, at most max bytes;
// a larger file, or anything but a regular file (a FIFO, a device, a
// folder), is an error that says why. A FIFO is opened without waiting for
// a writer.
func Read(path string, max int64) ([]byte, error) {
	f, err := Open(path, max)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return readAll(f, max)
}

// Open opens the regular file at path for reading, refusing what Read
// refuses.
func Open(path string, max int64) (*os.File, error) {
	f, err := os.OpenFile(path, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		return nil, err
	}
	if err := check(f, path, max); err != nil {
		f.Close()
		return nil, err
	}
	return f, nil
}

func check(f *os.File, path string, max int64) error {
	st, err := f.Stat()
	if err != nil {
		return err
	}
	if !st.Mode().IsRegular() {
		return &fs.PathError{Op: "read", Path: path, Err: fmt.Errorf("%w: it is %s", ErrNotRegular, Kind(st.Mode()))}
	}
	if st.Size() > max {
		return &fs.PathError{Op: "read", Path: path, Err: tooLarge(st.Size(), max)}
	}
	return nil
}

func tooLarge(size, max int64) error {
	return fmt.Errorf("%w: %s, over the limit of %s for this kind of file", ErrTooLarge, Size(size), Size(max))
}

// readAll reads f to its end, failing when it holds more than max bytes
// (a file that grows while it is read).
func readAll(f *os.File, max int64) ([]byte, error) {
	b, err := io.ReadAll(io.LimitReader(f, max+1))
	if err != nil {
		return nil, err
	}
	if int64(len(b)) > max {
		return nil, &fs.PathError{Op: "read", Path: f.Name(), Err: tooLarge(int64(len(b)), max)}
	}
	return b, nil
}

// Size writes a byte count for a message: 64 MB, 900 KB, 12 bytes.
func Size(n int64) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%d MB", (n+1<<19)>>20)
	case n >= 1<<10:
		return fmt.Sprintf("%d KB", (n+1<<9)>>10)
	}
	return fmt.Sprintf("%d bytes", n)
}

// Kind names a file mode's type for a message: "a FIFO (named pipe)".
func Kind(m fs.FileMode) string {
	switch {
	case m&fs.ModeSymlink != 0:
		return "a symbolic link"
	case m&fs.ModeNamedPipe != 0:
		return "a FIFO (named pipe)"
	case m&fs.ModeSocket != 0:
		return "a socket"
	case m&fs.ModeDevice != 0:
		return "a device"
	case m.IsDir():
		return "a folder"
	case m.IsRegular():
		return "a regular file"
	}
	return "a special file"
}

// Dir returns an fs.FS of the files in folder dir that opens only regular
// files of at most max bytes (and folders, to list them), like os.DirFS
// otherwise. It returns an error when dir is not a folder.
func Dir(dir string, max int64) (fs.FS, error) {
	st, err := os.Stat(dir)
	if err != nil {
		return nil, err
	}
	if !st.IsDir() {
		return nil, &fs.PathError{Op: "open", Path: dir, Err: fmt.Errorf("it is %s, not a folder", Kind(st.Mode()))}
	}
	return dirFS{dir: dir, max: max}, nil
}

type dirFS struct {
	dir string
	max int64
}

func (d dirFS) Open(name string) (fs.File, error) {
	if !fs.ValidPath(name) {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrInvalid}
	}
	path := filepath.Join(d.dir, filepath.FromSlash(name))
	f, err := os.OpenFile(path, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		return nil, err
	}
	st, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, err
	}
	if st.IsDir() {
		return f, nil
	}
	if err := check(f, path, d.max); err != nil {
		f.Close()
		return nil, err
	}
	return &limited{File: f, left: d.max + 1}, nil
}

// limited is a file that fails once more than its cap has been read.
type limited struct {
	*os.File
	left int64
}

func (l *limited) Read(p []byte) (int, error) {
	if int64(len(p)) > l.left {
		p = p[:l.left]
	}
	n, err := l.File.Read(p)
	l.left -= int64(n)
	if l.left <= 0 {
		return n, &fs.PathError{Op: "read", Path: l.Name(), Err: fmt.Errorf("%w: it grew while it was read", ErrTooLarge)}
	}
	return n, err
}
