// Package output writes files atomically: each file is written to a
// temporary name in its folder, synced and renamed over the final name, so
// a reader, a crash or an interrupt never sees a half-written file.
package output

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// WriteFile writes data to path atomically, creating its folder if needed.
func WriteFile(path string, data []byte) (err error) {
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("cannot create output folder: %w", err)
	}
	f, err := os.CreateTemp(dir, "."+filepath.Base(path)+".*"+tempSuffix)
	if err != nil {
		return fmt.Errorf("cannot write in %s: %w", dir, err)
	}
	tmp := f.Name()
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(tmp)
		}
	}()
	if _, err = f.Write(data); err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	if err = f.Sync(); err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	if err = f.Close(); err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	if err = os.Chmod(tmp, 0o644); err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	if err = os.Rename(tmp, path); err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	return nil
}

// tempSuffix ends the names of files being written.
const tempSuffix = ".bulletin-tmp"

// IsTemp reports whether name is a temporary file of WriteFile, which a
// killed run may leave behind.
func IsTemp(name string) bool {
	return strings.HasPrefix(name, ".") && strings.HasSuffix(name, tempSuffix)
}

// File is one output file's path and content.
type File struct {
	Path string
	Data []byte
}

// WriteAll writes every file atomically, in order, stopping at the first error.
func WriteAll(files []File) error {
	for _, f := range files {
		if err := WriteFile(f.Path, f.Data); err != nil {
			return err
		}
	}
	return nil
}
