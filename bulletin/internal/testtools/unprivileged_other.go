//go:build !unix

package testtools

import "testing"

// RunUnprivileged returns false: where there is no root user (Windows),
// the test runs as it is.
func RunUnprivileged(t *testing.T) bool { return false }
