// Package watch tells serve which of a site's files changed, as change
// sets: sorted, deduplicated, site-relative paths ("content/demands/x.md").
//
// File system events are only hints. Editors save through temporary files
// and renames, git rewrites hundreds of files at once, touch and chmod
// change nothing a build reads, and a kernel queue can overflow. So the
// watcher collects the paths events name, waits for a short quiet spell
// (a trailing debounce, 15 ms by default), and then compares those paths
// with its own snapshot of the trees: size, times and a content hash. Only
// files that appeared, disappeared or whose content differs make it into a
// change set, and a removed or renamed directory turns into the files it
// held. Noise (editor swap, backup and probe files, hidden files; see
// fsfilter) is dropped before anything else, with the same rule the loader
// uses, so a file that is never built never triggers a build either.
//
// Events come from fsnotify (inotify on Linux), with a watch on every
// directory of content/, layouts/ and assets/ and on the site root, so the
// three may also be created later. Where events do not work (network and
// some container file systems) Options.Poll scans the trees instead.
package watch

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"sync"
	"time"
)

// Options tune a Watcher; the zero value watches content/, layouts/ and
// assets/ with fsnotify.
type Options struct {
	// Dirs are the top-level directories of the site to watch.
	Dirs []string
	// Quiet is how long no event must arrive before a batch is resolved.
	Quiet time.Duration
	// MaxWait bounds how long a batch may wait for quiet.
	MaxWait time.Duration
	// Poll scans the trees every PollInterval instead of using events.
	Poll         bool
	PollInterval time.Duration
	// Logf reports problems that do not stop the watcher (a directory
	// created later that cannot be watched); nil discards them.
	Logf func(format string, args ...any)
}

// Defaults for the zero Options.
const (
	DefaultQuiet        = 15 * time.Millisecond
	DefaultMaxWait      = 250 * time.Millisecond
	DefaultPollInterval = 300 * time.Millisecond
)

// DefaultDirs are the parts of a site a build reads.
var DefaultDirs = []string{"content", "layouts", "assets"}

// Watcher watches one site. Read change sets from Changes; Close stops it.
type Watcher struct {
	changes chan []string
	cancel  context.CancelFunc
	wg      sync.WaitGroup
	closeFn func() error
}

// Start begins watching the site in dir. The watches are in place when it
// returns: anything that changes afterwards shows up in a change set, so
// the caller can build once and then follow Changes. Start fails when the
// system refuses the watches; the error is a *LimitError when a kernel
// limit is the reason.
func Start(dir string, opts Options) (*Watcher, error) {
	root, err := filepath.Abs(dir)
	if err != nil {
		return nil, err
	}
	if len(opts.Dirs) == 0 {
		opts.Dirs = DefaultDirs
	}
	if opts.Quiet <= 0 {
		opts.Quiet = DefaultQuiet
	}
	if opts.MaxWait <= 0 {
		opts.MaxWait = DefaultMaxWait
	}
	if opts.PollInterval <= 0 {
		opts.PollInterval = DefaultPollInterval
	}
	if opts.Logf == nil {
		opts.Logf = func(string, ...any) {}
	}
	ctx, cancel := context.WithCancel(context.Background())
	w := &Watcher{changes: make(chan []string), cancel: cancel, closeFn: func() error { return nil }}
	// Buffered so a burst of events does not wait on the batcher while it
	// is reading files.
	in := make(chan notice, 1024)

	if opts.Poll {
		w.wg.Go(func() { poll(ctx, opts.PollInterval, in) })
	} else {
		n, err := newNotifier(root, opts.Dirs, opts.Logf)
		if err != nil {
			cancel()
			return nil, err
		}
		w.closeFn = n.close
		w.wg.Go(func() { n.run(ctx, in) })
	}
	// The snapshot is taken after the watches are in place, so a change in
	// between is both in an event and, maybe, in the snapshot: at worst
	// one build too many, never one too few.
	snap := newSnapshot(root, opts.Dirs)
	snap.resolve(nil, true)
	b := &batcher{quiet: opts.Quiet, maxWait: opts.MaxWait, resolve: snap.resolve}
	w.wg.Go(func() { b.run(ctx, in, w.changes) })
	return w, nil
}

// Changes delivers change sets. It is closed by Close. A change set is
// never empty; the watcher holds on to later changes until the previous
// set is taken, then delivers them merged.
func (w *Watcher) Changes() <-chan []string { return w.changes }

// Close stops watching and waits for the watcher's goroutines to end.
func (w *Watcher) Close() error {
	w.cancel()
	err := w.closeFn()
	w.wg.Wait()
	return err
}

// poll asks for a full scan every interval.
func poll(ctx context.Context, interval time.Duration, in chan<- notice) {
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			select {
			case in <- notice{full: true}:
			case <-ctx.Done():
				return
			}
		}
	}
}

// LimitError says a kernel limit stopped the watcher from watching Path.
type LimitError struct {
	Path    string
	Setting string // the sysctl to raise, e.g. "fs.inotify.max_user_watches"
	Value   string // its current value, when readable
	Err     error
}

func (e *LimitError) Error() string {
	v := ""
	if e.Value != "" {
		v = " (" + e.Value + ")"
	}
	return fmt.Sprintf("cannot watch %s: the system limit %s%s is reached", e.Path, e.Setting, v)
}

func (e *LimitError) Unwrap() error { return e.Err }

// Hint tells the user how to get past the limit.
func (e *LimitError) Hint() string {
	return fmt.Sprintf("raise it with 'sudo sysctl %s=524288' (add it to /etc/sysctl.conf to keep it after a reboot), or stop other programs that watch many files", e.Setting)
}

// IsLimit reports whether err is (or wraps) a *LimitError.
func IsLimit(err error) bool {
	var le *LimitError
	return errors.As(err, &le)
}
