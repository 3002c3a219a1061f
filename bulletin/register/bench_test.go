package register_test

import (
	"fmt"
	"path/filepath"
	"testing"

	"github.com/igrs-pro/bulletin/bulletin/register"
)

// A state's month in a register new to it: 1,851 numbers given, then
// their files recorded, as a month's first build does.
func BenchmarkAssignRecord(b *testing.B) {
	var units []string
	for i := range 1851 {
		units = append(units, fmt.Sprintf("t-%04d", i))
	}
	dir := b.TempDir()
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		i++
		r, err := register.Open(filepath.Join(dir, fmt.Sprintf("register-%d.db", i)))
		if err != nil {
			b.Fatal(err)
		}
		as, err := r.Assign(ctx, "z", "2024-11", claims(units...), format("2024-11"))
		if err != nil {
			b.Fatal(err)
		}
		var is []register.Issue
		for j, a := range as {
			is = append(is, issue(a, units[j], fmt.Sprint(j)))
		}
		if _, err := r.Record(ctx, is); err != nil {
			b.Fatal(err)
		}
		r.Close()
	}
}
