package watch

import (
	"context"
	"fmt"
	"slices"
	"sync"
	"testing"
	"testing/synctest"
	"time"
)

// harness runs a batcher inside a synctest bubble with an identity resolve
// (or the one given), recording when each change set is delivered.
type harness struct {
	t     *testing.T
	in    chan notice
	out   chan []string
	start time.Time

	mu       sync.Mutex
	resolved [][]string // what resolve was asked, in order
	fulls    int
}

const (
	quiet   = 15 * time.Millisecond
	maxWait = 250 * time.Millisecond
)

func newHarness(t *testing.T, resolve func([]string, bool) []string) *harness {
	h := &harness{t: t, in: make(chan notice, 1024), out: make(chan []string), start: time.Now()}
	if resolve == nil {
		resolve = func(p []string, _ bool) []string { return p }
	}
	b := &batcher{quiet: quiet, maxWait: maxWait, resolve: func(p []string, full bool) []string {
		h.mu.Lock()
		h.resolved = append(h.resolved, slices.Clone(p))
		if full {
			h.fulls++
		}
		h.mu.Unlock()
		return resolve(p, full)
	}}
	go b.run(t.Context(), h.in, h.out)
	return h
}

func (h *harness) send(paths ...string) {
	for _, p := range paths {
		h.in <- notice{path: p}
	}
}

// poll returns the change set waiting on out, or nil when none is, once
// every goroutine in the bubble is blocked.
func (h *harness) poll() []string {
	synctest.Wait()
	select {
	case c := <-h.out:
		return c
	default:
		return nil
	}
}

func (h *harness) calls() int {
	h.mu.Lock()
	defer h.mu.Unlock()
	return len(h.resolved)
}

func (h *harness) fullScans() int {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.fulls
}

func (h *harness) elapsed() time.Duration { return time.Since(h.start) }

func TestBatchTrailingDebounce(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		h := newHarness(t, nil)
		h.send("content/a.md")
		time.Sleep(quiet - time.Millisecond)
		if c := h.poll(); c != nil {
			t.Fatalf("delivered %v before the quiet time passed", c)
		}
		time.Sleep(time.Millisecond)
		if c := h.poll(); !slices.Equal(c, []string{"content/a.md"}) {
			t.Fatalf("after quiet: got %v, want [content/a.md]", c)
		}
		if e := h.elapsed(); e != quiet {
			t.Errorf("delivered after %v, want exactly %v", e, quiet)
		}
	})
}

// Events 5 ms apart keep postponing the batch: it comes once, quiet after
// the last one, holding everything.
func TestBatchBurstIsOneChangeSet(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		h := newHarness(t, nil)
		var want []string
		for i := range 20 {
			p := fmt.Sprintf("content/demands/d%02d.md", 19-i)
			h.send(p, p) // duplicates collapse
			want = append(want, p)
			time.Sleep(5 * time.Millisecond)
			if c := h.poll(); c != nil {
				t.Fatalf("event %d: delivered %v mid-burst", i, c)
			}
		}
		slices.Sort(want)
		time.Sleep(quiet)
		got := h.poll()
		if !slices.Equal(got, want) {
			t.Fatalf("got %v\nwant %v (sorted, deduplicated)", got, want)
		}
		if h.calls() != 1 {
			t.Errorf("resolve called %d times, want 1", h.calls())
		}
	})
}

// A stream that never pauses is still delivered, at most maxWait apart.
func TestBatchMaxWaitBoundsEndlessStream(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		h := newHarness(t, nil)
		var sets int
		var last time.Time = h.start
		for i := range 400 { // 2 s of an event every 5 ms
			h.send(fmt.Sprintf("content/x%d.md", i%7))
			time.Sleep(5 * time.Millisecond)
			if c := h.poll(); c != nil {
				sets++
				if gap := time.Since(last); gap > maxWait+5*time.Millisecond {
					t.Errorf("change set %d came %v after the previous one, want at most %v", sets, gap, maxWait)
				}
				last = time.Now()
			}
		}
		if sets < 6 || sets > 9 {
			t.Errorf("got %d change sets over 2 s, want about 2s/maxWait = 8", sets)
		}
	})
}

// While the consumer is busy (building), later batches merge into one set.
func TestBatchMergesWhileConsumerBusy(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		h := newHarness(t, nil)
		h.send("content/a.md")
		time.Sleep(quiet)
		synctest.Wait()
		// Nobody reads out: three more batches happen.
		for _, p := range []string{"content/b.md", "layouts/page.html", "content/a.md"} {
			h.send(p)
			time.Sleep(2 * quiet)
		}
		if h.calls() != 4 {
			t.Fatalf("resolve called %d times, want 4 (each batch resolved when quiet)", h.calls())
		}
		got := h.poll()
		want := []string{"content/a.md", "content/b.md", "layouts/page.html"}
		if !slices.Equal(got, want) {
			t.Fatalf("got %v, want %v merged", got, want)
		}
		if c := h.poll(); c != nil {
			t.Fatalf("second set %v; everything was in the first", c)
		}
	})
}

// Batches whose files did not really change (touch, chmod, same content)
// produce nothing.
func TestBatchEmptyResolveSendsNothing(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		h := newHarness(t, func(p []string, _ bool) []string {
			return slices.DeleteFunc(p, func(s string) bool { return s == "content/touched.md" })
		})
		h.send("content/touched.md")
		time.Sleep(time.Second)
		if c := h.poll(); c != nil {
			t.Fatalf("got %v for an unchanged file", c)
		}
		h.send("content/touched.md", "content/edited.md")
		time.Sleep(quiet)
		if c := h.poll(); !slices.Equal(c, []string{"content/edited.md"}) {
			t.Fatalf("got %v, want [content/edited.md]", c)
		}
	})
}

func TestBatchFullScan(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		h := newHarness(t, func(p []string, full bool) []string {
			if full {
				return []string{"content/found-by-scan.md"}
			}
			return p
		})
		h.send("content/a.md")
		h.in <- notice{full: true}
		time.Sleep(quiet)
		if c := h.poll(); !slices.Equal(c, []string{"content/found-by-scan.md"}) {
			t.Fatalf("got %v", c)
		}
		if h.fullScans() != 1 {
			t.Errorf("full scans: %d, want 1", h.fullScans())
		}
		// The flag does not stick to the next batch.
		h.send("content/b.md")
		time.Sleep(quiet)
		if c := h.poll(); !slices.Equal(c, []string{"content/b.md"}) || h.fullScans() != 1 {
			t.Fatalf("got %v with %d full scans", c, h.fullScans())
		}
	})
}

// Closing the input flushes what is pending, then closes the output.
func TestBatchCloseFlushes(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		h := newHarness(t, nil)
		h.send("content/a.md")
		close(h.in)
		got, ok := <-h.out
		if !ok || !slices.Equal(got, []string{"content/a.md"}) {
			t.Fatalf("got %v, %v", got, ok)
		}
		if _, ok := <-h.out; ok {
			t.Fatal("out not closed")
		}
		if e := h.elapsed(); e != 0 {
			t.Errorf("flush on close waited %v", e)
		}
	})
}

// Cancelling stops the batcher even with a change set nobody takes;
// synctest.Test fails if its goroutine is left behind.
func TestBatchStopsOnCancel(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		ctx, cancel := context.WithCancel(t.Context())
		in, out := make(chan notice, 1), make(chan []string)
		b := &batcher{quiet: quiet, maxWait: maxWait, resolve: func(p []string, _ bool) []string { return p }}
		done := make(chan struct{})
		go func() { b.run(ctx, in, out); close(done) }()
		in <- notice{path: "content/a.md"}
		time.Sleep(time.Second)
		cancel()
		<-done
		if _, ok := <-out; ok {
			t.Fatal("out not closed")
		}
	})
}
