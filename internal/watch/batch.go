package watch

import (
	"context"
	"slices"
	"time"
)

// notice says that path (site-relative, slash-separated; a file or a
// directory, existing or not) may have changed. full asks for a rescan of
// every watched tree instead, after lost events or on a poll tick.
type notice struct {
	path string
	full bool
}

// batcher turns a stream of notices into change sets. It waits until no
// notice has arrived for quiet (a trailing debounce, so an editor's
// write-temp-then-rename or a git checkout becomes one batch), but never
// longer than maxWait after the first notice of a batch, so an endless
// stream of events still gets built now and then.
//
// The batch is then handed to resolve, which looks at the disk and returns
// the paths whose content really changed (possibly none). Resolved paths
// wait in a ready set until the consumer takes them; while it is busy (a
// build is running) new batches merge into that set, so the consumer gets
// one change set covering everything that happened during its build.
//
// The timing is kept apart from the file system so it can be tested with
// testing/synctest.
type batcher struct {
	quiet, maxWait time.Duration
	resolve        func(paths []string, full bool) []string
}

// run reads notices until ctx is done or in is closed, and sends sorted,
// deduplicated change sets on out, which it closes when it returns. When
// in is closed, a pending batch is resolved and delivered first.
func (b *batcher) run(ctx context.Context, in <-chan notice, out chan<- []string) {
	defer close(out)
	dirty := map[string]struct{}{}
	full := false
	pending := false
	var first time.Time
	timer := time.NewTimer(time.Hour)
	timer.Stop()
	defer timer.Stop()
	ready := map[string]struct{}{}
	var readyList []string

	flush := func() {
		paths := make([]string, 0, len(dirty))
		for p := range dirty {
			paths = append(paths, p)
		}
		slices.Sort(paths)
		for _, p := range b.resolve(paths, full) {
			ready[p] = struct{}{}
		}
		clear(dirty)
		full, pending = false, false
		timer.Stop()
		readyList = readyList[:0:0]
		for p := range ready {
			readyList = append(readyList, p)
		}
		slices.Sort(readyList)
	}

	for {
		var send chan<- []string
		if len(readyList) > 0 {
			send = out
		} else if in == nil {
			return
		}
		select {
		case <-ctx.Done():
			return
		case n, ok := <-in:
			if !ok {
				in = nil
				if pending {
					flush()
				}
				continue
			}
			if n.full {
				full = true
			} else {
				dirty[n.path] = struct{}{}
			}
			now := time.Now()
			if !pending {
				pending, first = true, now
			}
			timer.Reset(max(0, min(b.quiet, first.Add(b.maxWait).Sub(now))))
		case <-timer.C:
			flush()
		case send <- readyList:
			clear(ready)
			readyList = nil
		}
	}
}
