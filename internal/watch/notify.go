package watch

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"

	"github.com/counterpoint-ssg/counterpoint/internal/fsfilter"
	"github.com/fsnotify/fsnotify"
)

// notifier keeps a watch on every directory of the watched trees and
// turns fsnotify events into notices. fsnotify watches single directories,
// so recursion is ours: a directory created later gets its watches (and
// its whole subtree) as soon as its Create event arrives, and a directory
// removed or renamed away loses them, because inotify would otherwise go
// on reporting a moved directory's children under their old names.
type notifier struct {
	root    string
	roots   []string
	fw      *fsnotify.Watcher
	add     func(path string) error // fw.Add; replaced in tests
	remove  func(path string) error
	watched map[string]bool // site-relative directories with a watch
	logf    func(string, ...any)
	limited bool // a limit was hit and reported once
}

func newNotifier(root string, roots []string, logf func(string, ...any)) (*notifier, error) {
	fw, err := fsnotify.NewWatcher()
	if err != nil {
		if errors.Is(err, syscall.EMFILE) {
			return nil, limitError(root, "fs.inotify.max_user_instances", err)
		}
		return nil, err
	}
	n := &notifier{root: root, roots: roots, fw: fw, add: fw.Add, remove: fw.Remove, watched: map[string]bool{}, logf: logf}
	// The root's own watch sees content/, layouts/ or assets/ appear.
	if err := n.addWatch(root); err != nil {
		fw.Close()
		return nil, err
	}
	for _, r := range roots {
		if err := n.watchTree(r); err != nil {
			fw.Close()
			return nil, err
		}
	}
	return n, nil
}

func (n *notifier) close() error { return n.fw.Close() }

func (n *notifier) abs(rel string) string { return filepath.Join(n.root, filepath.FromSlash(rel)) }

func (n *notifier) addWatch(p string) error {
	err := n.add(p)
	if errors.Is(err, syscall.ENOSPC) {
		rel, _ := filepath.Rel(n.root, p)
		return limitError(filepath.ToSlash(rel), "fs.inotify.max_user_watches", err)
	}
	return err
}

// watchTree adds a watch on the directory rel and every directory below
// it, skipping noise directories. A directory that vanishes meanwhile is
// no error: its removal is an event of its own.
func (n *notifier) watchTree(rel string) error {
	top := n.abs(rel)
	return filepath.WalkDir(top, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if p == top || errors.Is(err, fs.ErrNotExist) {
				return nil
			}
			n.logf("cannot watch %s: %v", p, err)
			return nil
		}
		if !d.IsDir() {
			return nil
		}
		if p != top && fsfilter.Ignored(d.Name()) {
			return fs.SkipDir
		}
		if err := n.addWatch(p); err != nil {
			if IsLimit(err) {
				return err
			}
			if !errors.Is(err, fs.ErrNotExist) {
				n.logf("cannot watch %s: %v", p, err)
			}
			return fs.SkipDir
		}
		if r, err := filepath.Rel(n.root, p); err == nil {
			n.watched[filepath.ToSlash(r)] = true
		}
		return nil
	})
}

// unwatch drops the watches of rel and everything below it.
func (n *notifier) unwatch(rel string) {
	prefix := rel + "/"
	for d := range n.watched {
		if d == rel || strings.HasPrefix(d, prefix) {
			_ = n.remove(n.abs(d)) // inotify may have dropped it already
			delete(n.watched, d)
		}
	}
}

// run forwards events as notices until ctx is done or the watcher closes.
func (n *notifier) run(ctx context.Context, in chan<- notice) {
	send := func(x notice) bool {
		select {
		case in <- x:
			return true
		case <-ctx.Done():
			return false
		}
	}
	for {
		select {
		case <-ctx.Done():
			return
		case ev, ok := <-n.fw.Events:
			if !ok {
				return
			}
			if x, ok := n.handle(ev); ok && !send(x) {
				return
			}
		case err, ok := <-n.fw.Errors:
			if !ok {
				return
			}
			if errors.Is(err, fsnotify.ErrEventOverflow) {
				// Events were lost: rewatch every directory that exists
				// and compare everything with the snapshot.
				for _, r := range n.roots {
					n.report(n.watchTree(r))
				}
				if !send(notice{full: true}) {
					return
				}
				continue
			}
			n.logf("watching files: %v", err)
		}
	}
}

// handle updates the watches for one event and says which path to check.
func (n *notifier) handle(ev fsnotify.Event) (notice, bool) {
	r, err := filepath.Rel(n.root, ev.Name)
	if err != nil {
		return notice{}, false
	}
	rel := filepath.ToSlash(r)
	if !underRoot(rel, n.roots) {
		return notice{}, false
	}
	if ev.Has(fsnotify.Remove) || ev.Has(fsnotify.Rename) {
		n.unwatch(rel)
	}
	if ev.Has(fsnotify.Create) {
		if fi, err := os.Lstat(ev.Name); err == nil && fi.IsDir() {
			n.report(n.watchTree(rel))
		}
	}
	return notice{path: rel}, true
}

// report logs a watch error, a limit only once.
func (n *notifier) report(err error) {
	if err == nil {
		return
	}
	var le *LimitError
	if errors.As(err, &le) {
		if n.limited {
			return
		}
		n.limited = true
		n.logf("%v; changes below it are not seen: %s", err, le.Hint())
		return
	}
	n.logf("%v", err)
}

func limitError(path, setting string, err error) *LimitError {
	v, _ := os.ReadFile("/proc/sys/" + strings.ReplaceAll(setting, ".", "/"))
	return &LimitError{Path: path, Setting: setting, Value: strings.TrimSpace(string(v)), Err: err}
}
