package build

import (
	"context"
	"maps"
	"slices"
	"strings"
	"sync"

	"github.com/counterpoint-ssg/counterpoint/internal/pack"
	"github.com/counterpoint-ssg/counterpoint/internal/search"
)

// searchKept is what a Builder keeps of the full-text index between
// builds: the newest index made, which stands in for the next one while
// it is computed (Inputs.SearchLater), and the index's memo in memory, so
// that after the first build an edit neither reads nor rewrites the cache
// directory's copy. Later calls run on other goroutines than the builds,
// hence the lock.
type searchKept struct {
	mu    sync.Mutex
	files []search.File
	memo  map[string][]byte
}

func (k *searchKept) last() []search.File {
	k.mu.Lock()
	defer k.mu.Unlock()
	return k.files
}

func (k *searchKept) keep(files []search.File) {
	k.mu.Lock()
	k.files = files
	k.mu.Unlock()
}

// ReadFile and WriteFile make k a search.Store in memory.
func (k *searchKept) ReadFile(name string) ([]byte, error) {
	k.mu.Lock()
	defer k.mu.Unlock()
	return k.memo[name], nil
}

func (k *searchKept) WriteFile(name string, data []byte) error {
	k.mu.Lock()
	defer k.mu.Unlock()
	if k.memo == nil {
		k.memo = map[string][]byte{}
	}
	k.memo[name] = data
	return nil
}

// teeStore reads the memo from disk and writes it both there and to
// memory: a Builder's first build, which later builds follow in memory.
type teeStore struct {
	disk search.Store
	mem  *searchKept
}

func (t teeStore) ReadFile(name string) ([]byte, error) { return t.disk.ReadFile(name) }

func (t teeStore) WriteFile(name string, data []byte) error {
	t.mem.WriteFile(name, data)
	return t.disk.WriteFile(name, data)
}

// searchStore is where this build's index finds and leaves its memo.
func (b *builder) searchStore() search.Store {
	var disk search.Store
	if b.in.Cache != nil && b.reuse.persistent() {
		disk = siteStore{b.in.Cache, b.in.Root}
		pack.Prune(b.in.Cache, memoDir, keptSites)
	}
	k := b.reuse.searchKept()
	switch {
	case k == nil:
		return disk
	case !b.reuse.persistent():
		return k
	case disk != nil:
		return teeStore{disk, k}
	default:
		return k
	}
}

// laterSearch is the part of a build that SearchLater moves off its
// critical path: the pages as the index reads them, the stand-in index
// the build emitted, and the headers file's inputs but the index's own
// assets.
type laterSearch struct {
	docs    []search.Doc
	standIn []search.File
	kept    *searchKept
	store   search.Store
	base    string
	csp     string
	finger  []string // fingerprinted files but the index's
	plain   []string
}

// later sets res.Later when this build emitted a stand-in index.
func (b *builder) later(res *Result) {
	l := b.pending
	b.pending = nil
	if l == nil || res.Files == nil {
		return
	}
	res.Later = func(ctx context.Context) (*Result, error) {
		files, err := search.BuildCached(ctx, l.docs, l.store)
		if err != nil {
			return nil, err
		}
		l.kept.keep(files)
		return l.swap(res, files), nil
	}
}

// swap returns res with files in place of the stand-in index, and the
// headers file that lists them.
func (l *laterSearch) swap(res *Result, files []search.File) *Result {
	m := maps.Clone(res.Files)
	for _, f := range l.standIn {
		delete(m, f.Path)
	}
	finger := slices.Clone(l.finger)
	for _, f := range files {
		m[f.Path] = f.Data
		if strings.HasPrefix(f.Path, "assets/") {
			finger = append(finger, f.Path)
		}
	}
	top := map[string]bool{}
	for p := range m {
		if p != headersName {
			top[topLevel(p)] = true
		}
	}
	m[headersName] = headersFile(l.base, l.csp, slices.Sorted(maps.Keys(top)), finger, l.plain)
	r := *res
	r.Files, r.Later = m, nil
	r.Stats.Files = len(m)
	return &r
}
