package cli

import (
	"context"

	"github.com/counterpoint-ssg/counterpoint/internal/build"
)

// indexLater runs a published build's Result.Later (its full-text index,
// build.Inputs.SearchLater) in the background, so that an edit is served
// without waiting for the index. Only the newest build's index counts:
// starting another, or stop, cancels the one before, and a result is
// handed back with the generation it belongs to, so that the serve loop
// publishes it only if no build came after it. Publish and Fail thus stay
// on the serve loop's goroutine.
type indexLater struct {
	ready  chan indexed
	gen    int
	cancel context.CancelFunc
}

// indexed is a build's Result with its index in, or why there is none.
type indexed struct {
	gen int
	res *build.Result
	err error
}

func newIndexLater() *indexLater { return &indexLater{ready: make(chan indexed)} }

// stop cancels the index being made, if any; a result it still delivers
// is stale.
func (l *indexLater) stop() {
	l.gen++
	if l.cancel != nil {
		l.cancel()
		l.cancel = nil
	}
}

// start makes res's index, when it left one for later.
func (l *indexLater) start(ctx context.Context, res *build.Result) {
	l.stop()
	if res == nil || res.Later == nil {
		return
	}
	lctx, cancel := context.WithCancel(ctx)
	l.cancel = cancel
	gen, ready := l.gen, l.ready
	go func() {
		r, err := res.Later(lctx)
		select {
		case ready <- indexed{gen, r, err}:
		case <-lctx.Done():
		}
	}()
}

// current reports whether ix belongs to the newest build, and ends it.
func (l *indexLater) current(ix indexed) bool {
	if ix.gen != l.gen {
		return false
	}
	l.cancel()
	l.cancel = nil
	return true
}
