//go:build unix

package testtools

import (
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"
)

// envChild marks the child process that RunUnprivileged starts.
const envChild = "BULLETIN_UNPRIVILEGED_CHILD"

// nobody is the user and group a test runs as when it must not be root.
const nobody = 65534

// RunUnprivileged makes a test that needs an ordinary user's permissions
// (a read-only folder, an unreadable file) run where the tests run as root
// (CI): there it runs the test again in a child process with the
// credentials of nobody (uid and gid 65534), reports the child's failure
// as the test's, and returns true: the caller then returns at once. Run by
// an ordinary user, or in the child, it returns false and the caller
// carries on with the test.
//
//	if testtools.RunUnprivileged(t) {
//		return
//	}
func RunUnprivileged(t *testing.T) bool {
	t.Helper()
	if os.Geteuid() != 0 {
		return false
	}
	if os.Getenv(envChild) == "1" {
		t.Fatal("the unprivileged child still runs as root")
	}
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	// The test binary sits in a folder only root may enter: copy it to one
	// nobody may read.
	dir, err := os.MkdirTemp("", "bulletin-unprivileged-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	if err := os.Chmod(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	bin := filepath.Join(dir, filepath.Base(exe))
	if err := copyFile(exe, bin); err != nil {
		t.Fatal(err)
	}
	var parts []string
	for _, p := range strings.Split(t.Name(), "/") {
		parts = append(parts, "^"+regexp.QuoteMeta(p)+"$")
	}
	cmd := exec.Command(bin, "-test.run", strings.Join(parts, "/"), "-test.v", "-test.count=1")
	cmd.Env = append(os.Environ(), envChild+"=1", "TMPDIR="+os.TempDir())
	cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: nobody, Gid: nobody, NoSetGroups: true}}
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("as user nobody: %v\n%s", err, out)
	}
	if !strings.Contains(string(out), "--- PASS: "+t.Name()) {
		t.Fatalf("as user nobody, the test did not pass (skipped?):\n%s", out)
	}
	t.Logf("ran as user nobody (uid %d):\n%s", nobody, out)
	return true
}

func copyFile(from, to string) error {
	in, err := os.Open(from)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(to, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o755)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}
