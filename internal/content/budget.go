package content

import "sync"

// parseBudget is how many bytes of Markdown may be parsed at once. Parsing
// takes tens to hundreds of bytes of memory per byte of text, so bounding
// the bytes in flight, not only the number of files, bounds the memory of
// the whole load: files of the largest size allowed are parsed one at a
// time, while small files still keep every core busy.
const parseBudget = MaxFileSize

// budget is a weighted semaphore that serves waiters in arrival order, so
// a large file is not starved by a stream of small ones.
type budget struct {
	mu      sync.Mutex
	free    int64
	size    int64
	waiting []waiter
}

type waiter struct {
	n     int64
	ready chan struct{}
}

func newBudget(size int64) *budget { return &budget{free: size, size: size} }

// weight is what a text of n bytes takes from the budget: at least one, and
// at most the whole budget, so that every text can be parsed.
func (b *budget) weight(n int) int64 { return min(max(int64(n), 1), b.size) }

// acquire blocks until n (from weight) is free and takes it.
func (b *budget) acquire(n int64) {
	b.mu.Lock()
	if len(b.waiting) == 0 && b.free >= n {
		b.free -= n
		b.mu.Unlock()
		return
	}
	w := waiter{n: n, ready: make(chan struct{})}
	b.waiting = append(b.waiting, w)
	b.mu.Unlock()
	<-w.ready
}

// release gives back n and wakes the waiters, first come first served,
// for as long as the one at the head fits.
func (b *budget) release(n int64) {
	b.mu.Lock()
	b.free += n
	for len(b.waiting) > 0 && b.free >= b.waiting[0].n {
		w := b.waiting[0]
		b.waiting = b.waiting[1:]
		b.free -= w.n
		close(w.ready)
	}
	b.mu.Unlock()
}
