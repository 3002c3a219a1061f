package output

import (
	"os"

	"golang.org/x/sys/unix"
)

const haveSyncfs = true

// syncfs syncs the file system holding dir (syncfs(2)).
func syncfs(dir string) error {
	f, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer f.Close()
	return unix.Syncfs(int(f.Fd()))
}
