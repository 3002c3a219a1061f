//go:build !linux

package output

// Without syncfs(2), a Batch syncs each file as it writes it.
const haveSyncfs = false

func syncfs(string) error { return nil }
