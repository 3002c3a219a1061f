// Package testtools helps tests that need programs from outside Go
// (poppler's pdftotext and pdftoppm, tesseract, HarfBuzz's hb-shape). Tests
// never use files beside the repository (a fresh clone has none): the OCR
// check of PDFs is package ocrtest.
//
// A test calls RequireTool(t, "pdftotext"): when the program is missing the
// test is skipped with a message saying so, unless the environment variable
// BULLETIN_REQUIRE_TOOLS=1 is set (CI sets it), in which case the test fails.
package testtools

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// EnvRequire is the environment variable that turns a missing tool into a
// test failure.
const EnvRequire = "BULLETIN_REQUIRE_TOOLS"

// Required reports whether missing tools must fail tests.
func Required() bool { return os.Getenv(EnvRequire) == "1" }

// RequireTool returns the path of the named program, found with
// exec.LookPath. If it is missing the test is skipped, or fails when
// BULLETIN_REQUIRE_TOOLS=1.
func RequireTool(t testing.TB, name string) string {
	t.Helper()
	p, err := exec.LookPath(name)
	if err != nil {
		missing(t, "program "+name+" not found in PATH (Debian: poppler-utils, tesseract-ocr, libharfbuzz-bin)")
	}
	return p
}

// RequireFile is RequireTool for a program or data file at a known path.
func RequireFile(t testing.TB, path string) string {
	t.Helper()
	if _, err := os.Stat(path); err != nil {
		missing(t, path+" not found")
	}
	return path
}

// Missing skips the test with msg, or fails it when
// BULLETIN_REQUIRE_TOOLS=1: for a tool's part that is missing (a language
// of tesseract, say).
func Missing(t testing.TB, msg string) {
	t.Helper()
	missing(t, msg)
}

func missing(t testing.TB, msg string) {
	t.Helper()
	if Required() {
		t.Fatalf("%s, and %s=1 requires it", msg, EnvRequire)
	}
	t.Skipf("skipping: %s (set %s=1 to make this a failure)", msg, EnvRequire)
}

// RepoRoot returns the directory holding go.mod, walking up from the
// working directory (a test's working directory is its package directory).
func RepoRoot(t testing.TB) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatal("testtools: no go.mod above the working directory")
		}
		dir = parent
	}
}
