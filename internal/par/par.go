// Package par runs independent pieces of work on all cores. Work item i is
// handled by exactly one goroutine, so callers write results[i] without
// locks and the output order never depends on scheduling.
package par

import (
	"context"
	"runtime"
	"sync"
	"sync/atomic"
)

// For calls f(i) for every i in [0, n), on up to GOMAXPROCS goroutines, and
// returns ctx.Err() if the context was cancelled before all were done.
func For(ctx context.Context, n int, f func(i int)) error {
	workers := min(runtime.GOMAXPROCS(0), n)
	if workers <= 1 {
		for i := 0; i < n; i++ {
			if i%64 == 0 && ctx.Err() != nil {
				return ctx.Err()
			}
			f(i)
		}
		return ctx.Err()
	}
	// Small chunks keep cores busy when item costs vary (a glossary page
	// next to a one-line event).
	const chunk = 8
	var next atomic.Int64
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for ctx.Err() == nil {
				i := int(next.Add(chunk)) - chunk
				if i >= n {
					return
				}
				for j := i; j < min(i+chunk, n); j++ {
					f(j)
				}
			}
		}()
	}
	wg.Wait()
	return ctx.Err()
}
