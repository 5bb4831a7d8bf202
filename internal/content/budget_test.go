package content

import (
	"bytes"
	"fmt"
	"sync"
	"sync/atomic"
	"testing"
	"testing/fstest"
	"time"

	"github.com/counterpoint-ssg/counterpoint/internal/site"
)

// TestParseBudget loads a site of large files among small ones with a Parse
// that records the bytes being parsed at once: they must never exceed the
// budget, however the files fall to the workers. The large files sit a
// work chunk apart, so that without a budget two workers would parse two
// of them at the same time; a large file's Parse waits (briefly) for
// another to start, to give that overlap every chance to happen.
func TestParseBudget(t *testing.T) {
	const big = parseBudget/2 + 1 // two do not fit at once
	fsys := fstest.MapFS{"content/_index.md": {Data: []byte("---\ntitle: Home\n---\nHome.\n")}}
	bigBody := bytes.Repeat([]byte("Some prose.\n"), big/12+1)
	for i := range 40 {
		body := []byte(fmt.Sprintf("Small page %d.\n", i))
		if i%8 == 0 {
			body = bigBody
		}
		fsys[fmt.Sprintf("content/p-%02d.md", i)] = &fstest.MapFile{Data: append([]byte(fmt.Sprintf("---\ntitle: P%d\n---\n", i)), body...)}
	}
	var inFlight, most atomic.Int64
	var mu sync.Mutex
	parsed := map[string]bool{}
	parse := func(_ *site.Site, b Body) any {
		n := int64(len(b.Text))
		now := inFlight.Add(n)
		for m := most.Load(); now > m && !most.CompareAndSwap(m, now); m = most.Load() {
		}
		if n >= big {
			for deadline := time.Now().Add(50 * time.Millisecond); inFlight.Load() == n && time.Now().Before(deadline); {
				time.Sleep(time.Millisecond)
			}
		}
		inFlight.Add(-n)
		mu.Lock()
		parsed[b.Page.Path] = true
		mu.Unlock()
		return true
	}
	res, errs := Load(fsys, Options{Parse: parse})
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	if got := most.Load(); got > parseBudget {
		t.Errorf("%d bytes parsed at once, budget %d", got, parseBudget)
	}
	if len(parsed) != 41 || len(res.Bodies) != 41 {
		t.Errorf("parsed %d bodies and kept %d, want 41", len(parsed), len(res.Bodies))
	}
}

// TestBudgetOrder checks that a waiter too large for what is free is
// served before smaller ones that come after it, so a stream of small
// files cannot starve a large one.
func TestBudgetOrder(t *testing.T) {
	b := newBudget(10)
	b.acquire(b.weight(4))
	done := make(chan int, 2)
	go func() { b.acquire(b.weight(100)); done <- 1 }() // weighs the whole budget
	for waiting := false; !waiting; {
		b.mu.Lock()
		waiting = len(b.waiting) == 1
		b.mu.Unlock()
		if !waiting {
			time.Sleep(time.Millisecond)
		}
	}
	go func() { b.acquire(b.weight(1)); done <- 2 }()
	for waiting := false; !waiting; {
		b.mu.Lock()
		waiting = len(b.waiting) == 2
		b.mu.Unlock()
		if !waiting {
			time.Sleep(time.Millisecond)
		}
	}
	b.release(4)
	if got := <-done; got != 1 {
		t.Fatalf("waiter %d served first, want the large one", got)
	}
	b.release(10)
	if got := <-done; got != 2 {
		t.Fatalf("waiter %d served, want 2", got)
	}
	if b.free != 9 {
		t.Errorf("free %d after all but one released, want 9", b.free)
	}
}
