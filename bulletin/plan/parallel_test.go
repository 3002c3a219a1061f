package plan

import (
	"errors"
	"fmt"
	"testing"
)

// each calls fn once for every index and returns the error of the
// smallest failing one, however the goroutines interleave.
func TestEach(t *testing.T) {
	for _, n := range []int{0, 1, 15, 16, 17, 1000} {
		got := make([]int, n)
		if err := each(n, func(i int) error { got[i]++; return nil }); err != nil {
			t.Fatalf("n=%d: %v", n, err)
		}
		for i, c := range got {
			if c != 1 {
				t.Fatalf("n=%d: fn(%d) called %d times", n, i, c)
			}
		}
	}
	for range 50 {
		err := each(1000, func(i int) error {
			if i == 700 || i == 333 || i == 999 {
				return fmt.Errorf("at %d", i)
			}
			return nil
		})
		if err == nil || err.Error() != "at 333" {
			t.Fatalf("each = %v, want the error at 333", err)
		}
	}
	if err := each(3, func(i int) error { return errors.New("x") }); err == nil {
		t.Fatal("a failing fn on few indexes gave no error")
	}
}
