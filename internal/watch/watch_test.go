package watch

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"
)

// newSite makes a site directory with the given files.
func newSite(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for p, s := range files {
		write(t, dir, p, s)
	}
	return dir
}

func write(t *testing.T, dir, rel, s string) {
	t.Helper()
	p := filepath.Join(dir, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
		t.Fatal(err)
	}
}

func start(t *testing.T, dir string, opts Options) *Watcher {
	t.Helper()
	opts.Logf = t.Logf
	w, err := Start(dir, opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { w.Close() })
	return w
}

// sentinel is a file the tests rewrite to learn when the watcher has
// caught up with everything done before; it is left out of the results.
const sentinel = "content/sentinel.md"

// settle returns the union of the change sets that report everything
// done to the site before it was called, sorted, and how many sets that
// took. It never relies on a quiet spell of wall-clock time, which a
// loaded machine stretches: it writes the sentinel and reads change sets
// until one reports it, then does so a second time. The second round
// matters for polling: the scan that reports the first write may have
// read other directories before the caller's changes were made, but the
// scan that reports the second write started after the first one ended.
func settle(t *testing.T, w *Watcher, dir string) ([]string, int) {
	t.Helper()
	seen := map[string]bool{}
	n := 0
	deadline := time.After(2 * time.Minute)
	for round := range 2 {
		// Saved atomically, so a scan never sees it half written; the
		// temporary name is noise to the watcher.
		tmp := filepath.Join(dir, "content/.sentinel.tmp")
		if err := os.WriteFile(tmp, []byte(fmt.Sprintf("%d %d", time.Now().UnixNano(), round)), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.Rename(tmp, filepath.Join(dir, filepath.FromSlash(sentinel))); err != nil {
			t.Fatal(err)
		}
		for got := false; !got; {
			select {
			case c := <-w.Changes():
				if len(c) == 0 {
					t.Fatal("empty change set")
				}
				if !slices.IsSorted(c) || len(slices.Compact(slices.Clone(c))) != len(c) {
					t.Fatalf("change set not sorted and deduplicated: %v", c)
				}
				n++
				for _, p := range c {
					if p == sentinel {
						got = true
						continue
					}
					seen[p] = true
				}
			case <-deadline:
				t.Fatal("the watcher never reported the sentinel file")
			}
		}
	}
	out := make([]string, 0, len(seen))
	for p := range seen {
		out = append(out, p)
	}
	slices.Sort(out)
	return out, n
}

var base = map[string]string{
	"content/_index.md":       "---\ntitle: Home\n---\n",
	"content/demands/a.md":    "---\ntitle: A\n---\nA\n",
	"content/demands/b.md":    "---\ntitle: B\n---\nB\n",
	"content/notes/x/deep.md": "---\ntitle: Deep\n---\n",
	"content/notes/x/pic.png": "png",
	"assets/site.css":         "body{}",
}

func TestWatchEventsAndPoll(t *testing.T) {
	for _, mode := range []string{"notify", "poll"} {
		t.Run(mode, func(t *testing.T) {
			t.Parallel()
			dir := newSite(t, base)
			w := start(t, dir, Options{Poll: mode == "poll"})
			steps := []struct {
				name string
				do   func()
				want []string
			}{
				{"edit", func() { write(t, dir, "content/demands/a.md", "---\ntitle: A2\n---\n") }, []string{"content/demands/a.md"}},
				{"create in new nested directory", func() {
					write(t, dir, "content/new/one/two/p.md", "p")
					write(t, dir, "content/new/one/q.md", "q")
				}, []string{"content/new/one/q.md", "content/new/one/two/p.md"}},
				{"write into the new directory later", func() { write(t, dir, "content/new/one/two/r.md", "r") }, []string{"content/new/one/two/r.md"}},
				{"delete", func() { os.Remove(filepath.Join(dir, "content/demands/b.md")) }, []string{"content/demands/b.md"}},
				{"rename file", func() {
					os.Rename(filepath.Join(dir, "content/demands/a.md"), filepath.Join(dir, "content/demands/c.md"))
				}, []string{"content/demands/a.md", "content/demands/c.md"}},
				{"rename directory", func() {
					os.Rename(filepath.Join(dir, "content/notes"), filepath.Join(dir, "content/essays"))
				}, []string{"content/essays/x/deep.md", "content/essays/x/pic.png", "content/notes/x/deep.md", "content/notes/x/pic.png"}},
				{"edit in renamed directory", func() { write(t, dir, "content/essays/x/deep.md", "changed") }, []string{"content/essays/x/deep.md"}},
				{"delete directory", func() { os.RemoveAll(filepath.Join(dir, "content/new")) },
					[]string{"content/new/one/q.md", "content/new/one/two/p.md", "content/new/one/two/r.md"}},
				{"atomic save", func() {
					tmp := filepath.Join(dir, "content/demands/.c.md.tmp1234")
					os.WriteFile(tmp, []byte("saved"), 0o644)
					os.Rename(tmp, filepath.Join(dir, "content/demands/c.md"))
				}, []string{"content/demands/c.md"}},
				{"noise only", func() {
					for _, n := range []string{"4913", ".c.md.swp", ".c.md.swx", "#c.md#", ".#c.md", "c.md___jb_tmp___", "c.md~", ".hidden/x.md"} {
						write(t, dir, "content/demands/"+n, "noise")
					}
					os.Remove(filepath.Join(dir, "content/demands/4913"))
				}, nil},
				{"touch and chmod only", func() {
					p := filepath.Join(dir, "content/demands/c.md")
					now := time.Now().Add(time.Hour)
					os.Chtimes(p, now, now)
					os.Chmod(p, 0o600)
				}, nil},
				{"same content rewritten", func() {
					// Saved again over the old bytes, without truncating
					// first: a truncated file is a real, if brief, change
					// that a loaded machine gives the watcher time to see.
					f, err := os.OpenFile(filepath.Join(dir, "content/demands/c.md"), os.O_WRONLY, 0)
					if err != nil {
						t.Fatal(err)
					}
					f.WriteString("saved")
					f.Close()
				}, nil},
				{"same content saved atomically", func() {
					write(t, dir, "content/demands/.c.md.tmp", "saved")
					os.Rename(filepath.Join(dir, "content/demands/.c.md.tmp"), filepath.Join(dir, "content/demands/c.md"))
				}, nil},
				{"layouts created later", func() { write(t, dir, "layouts/partials/header.html", "h") }, []string{"layouts/partials/header.html"}},
				{"outside the watched trees", func() { write(t, dir, "public/index.html", "x"); write(t, dir, "README.md", "x") }, nil},
				{"asset", func() { write(t, dir, "assets/site.css", "body{color:red}") }, []string{"assets/site.css"}},
			}
			for _, s := range steps {
				s.do()
				got, _ := settle(t, w, dir)
				if !slices.Equal(got, s.want) {
					t.Fatalf("%s: changed %q, want %q", s.name, got, s.want)
				}
			}
		})
	}
}

// A git checkout rewrites hundreds of files in a few milliseconds, here
// while the consumer is busy (building): that is one change set, or a
// few, never one per file. (The timing of batches itself is tested with
// testing/synctest in batch_test.go.)
func TestWatchBurst(t *testing.T) {
	dir := newSite(t, base)
	w := start(t, dir, Options{})
	var want []string
	for i := range 300 {
		p := fmt.Sprintf("content/glossary/t%03d.md", i)
		write(t, dir, p, "term")
		want = append(want, p)
	}
	got, sets := settle(t, w, dir)
	if !slices.Equal(got, want) {
		t.Fatalf("got %d paths, want %d", len(got), len(want))
	}
	t.Logf("300 files in %d change sets, the sentinel's included", sets)
	if sets > 12 {
		t.Errorf("300 files came in %d change sets; want a few", sets)
	}
}

// Changes made while the consumer is busy are held, not lost, and come
// when it asks again. (That they come merged is TestBatchMergesWhileConsumerBusy.)
func TestWatchSlowConsumer(t *testing.T) {
	dir := newSite(t, base)
	w := start(t, dir, Options{})
	write(t, dir, "content/demands/a.md", "1")
	time.Sleep(200 * time.Millisecond) // the consumer is busy, not reading
	write(t, dir, "content/demands/b.md", "2")
	time.Sleep(200 * time.Millisecond)
	got, _ := settle(t, w, dir)
	if want := []string{"content/demands/a.md", "content/demands/b.md"}; !slices.Equal(got, want) {
		t.Fatalf("got %v, want %v", got, want)
	}
}

func TestWatchLimitError(t *testing.T) {
	dir := newSite(t, base)
	n := &notifier{root: dir, roots: DefaultDirs, watched: map[string]bool{}, logf: t.Logf,
		add: func(p string) error {
			if strings.HasSuffix(p, "x") {
				return fmt.Errorf("add %s: %w", p, syscall.ENOSPC)
			}
			return nil
		},
	}
	err := n.watchTree("content")
	var le *LimitError
	if !errors.As(err, &le) || !errors.Is(err, syscall.ENOSPC) {
		t.Fatalf("got %v, want a *LimitError wrapping ENOSPC", err)
	}
	if le.Path != "content/notes/x" || le.Setting != "fs.inotify.max_user_watches" {
		t.Errorf("got %+v", le)
	}
	msg := err.Error() + "; " + le.Hint()
	for _, s := range []string{"content/notes/x", "fs.inotify.max_user_watches", "sysctl"} {
		if !strings.Contains(msg, s) {
			t.Errorf("message %q lacks %q", msg, s)
		}
	}
	// Later, while running, it is reported once rather than fatal.
	var logs []string
	n.logf = func(f string, a ...any) { logs = append(logs, fmt.Sprintf(f, a...)) }
	n.report(n.watchTree("content"))
	n.report(n.watchTree("content"))
	if len(logs) != 1 || !strings.Contains(logs[0], "max_user_watches") {
		t.Errorf("logged %q, want one limit message", logs)
	}
}

func TestUnderRoot(t *testing.T) {
	for rel, want := range map[string]bool{
		"content":                    true,
		"content/a.md":               true,
		"layouts/page.html":          true,
		"assets/x/y.css":             true,
		"public/index.html":          false,
		"contents/a.md":              false,
		"README.md":                  false,
		"":                           false,
		".":                          false,
		"../content/a.md":            false,
		"content/.git/HEAD":          false,
		"content/a.md.swp":           false,
		"content/4913":               false,
		"content/#a.md#":             false,
		"content/a.md~":              false,
		"content/x/a.md___jb_tmp___": false,
	} {
		if got := underRoot(rel, DefaultDirs); got != want {
			t.Errorf("underRoot(%q) = %v, want %v", rel, got, want)
		}
	}
}
