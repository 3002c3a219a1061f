package cli

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/igrs-pro/bulletin/bulletin/register"
)

// registerPath returns the register's file from the settings.
func registerPath(register, out string) string {
	if register != "" {
		return register
	}
	return filepath.Join(out, "register.db")
}

// OpenRegister opens (and when new, creates) the certificate register for
// writing.
func (e *Env) OpenRegister() (*register.Register, error) {
	path := registerPath(e.Config.Register, e.Config.Out)
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return nil, fmt.Errorf("register %s: cannot create its folder: %v", path, errText(err))
	}
	return register.Open(path)
}
