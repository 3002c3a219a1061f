package testtools

import (
	"os"
	"path/filepath"
	"testing"
)

func TestRepoRoot(t *testing.T) {
	root := RepoRoot(t)
	if _, err := os.Stat(filepath.Join(root, "go.mod")); err != nil {
		t.Fatalf("RepoRoot %s has no go.mod", root)
	}
	if _, err := os.Stat(filepath.Join(root, "bulletin", "internal", "testtools")); err != nil {
		t.Fatalf("RepoRoot %s is not this repository", root)
	}
}

func TestRequireTool(t *testing.T) {
	if p := RequireTool(t, "sh"); p == "" {
		t.Fatal("no path for sh")
	}
	// A missing tool skips (or fails under BULLETIN_REQUIRE_TOOLS=1); run it
	// in a subtest and check which.
	t.Setenv(EnvRequire, "")
	ok := t.Run("missing", func(t *testing.T) {
		RequireTool(t, "no-such-program-bulletin")
		t.Error("RequireTool returned for a missing program")
	})
	if !ok {
		t.Error("missing tool without " + EnvRequire + " should skip, not fail")
	}
}
