package output

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// OwnerName is the file that names the scope a month folder belongs to.
const OwnerName = ".bulletin-scope"

// ErrOwned says a folder belongs to another scope.
var ErrOwned = errors.New("the folder belongs to another scope")

// Claim makes dir the folder of scope: the first run in a folder writes
// the scope's id into it (OwnerName), and a run for another scope is
// refused, since a run deletes the certificates it does not write and
// would delete the first scope's. An empty scope claims nothing. Call it with the folder's lock held.
func Claim(dir, scope string) error {
	if scope == "" {
		return nil
	}
	path := filepath.Join(dir, OwnerName)
	if err := CheckFile(path); err != nil {
		return err
	}
	b, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return WriteFile(path, []byte(scope+"\n"))
	}
	if err != nil {
		return err
	}
	owner := string(bytes.TrimSpace(b))
	if owner == scope {
		return nil
	}
	return fmt.Errorf("%s holds the outputs of scope %s, and this run is for scope %s: %w; write the outputs of %s into a folder of their own with --out (e.g. --out %s), or delete %s to make the month again for %s",
		dir, owner, scope, ErrOwned, scope, filepath.Join(filepath.Dir(filepath.Dir(dir)), "out-"+scope), dir, scope)
}
