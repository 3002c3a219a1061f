package plan

import (
	"runtime"
	"sync"
	"sync/atomic"
)

// each calls fn(i) for i from 0 to n-1, on as many goroutines as there
// are CPUs, and returns the error of the smallest i that failed (the one
// a loop would have stopped at), so that the outcome does not depend on
// the order the goroutines run in. fn must write only what is its i's.
func each(n int, fn func(i int) error) error {
	workers := min(runtime.GOMAXPROCS(0), (n+15)/16)
	if workers <= 1 {
		for i := range n {
			if err := fn(i); err != nil {
				return err
			}
		}
		return nil
	}
	var next atomic.Int64
	var mu sync.Mutex
	failed, first := n, error(nil) // the smallest i that failed, and its error
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := int(next.Add(1) - 1)
				mu.Lock()
				stop := i >= failed
				mu.Unlock()
				if stop {
					return
				}
				if err := fn(i); err != nil {
					mu.Lock()
					if i < failed {
						failed, first = i, err
					}
					mu.Unlock()
				}
			}
		}()
	}
	wg.Wait()
	return first
}
