// Package output is the only code that writes a built site to disk.
//
// It keeps two trees: the destination and a hidden twin beside it holding
// the build before. A build brings the twin up to date, writing only the
// files whose bytes differ, then exchanges the two directories in one
// atomic rename. So a failed or interrupted build leaves the published
// site intact, an unchanged rebuild writes almost nothing, and unchanged
// files keep their modification time. It refuses destinations whose loss
// would hurt.
//
// A build holds an operating-system lock on a file beside the destination
// (see LockFile) from Begin to Commit, so two builds of one destination
// take turns instead of writing the same twin at once. A destination that
// is a symbolic link (public -> /var/www/site) is followed: the twin and
// the lock sit beside its target, the link stays, and the target gets
// every build.
package output

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/cespare/xxhash/v2"
	"github.com/counterpoint-ssg/counterpoint/internal/destlock"
	"github.com/counterpoint-ssg/counterpoint/internal/par"
)

// Marker is the file that identifies a directory this tool wrote; it also
// lists every file with its hash, size and modification time. Only a
// destination carrying it (or an empty one) is ever replaced.
const Marker = ".counterpoint-output"

// manifestEnd closes a complete manifest.
const manifestEnd = "end\n"

const markerHead = "counterpoint output: this directory is replaced on every build; do not edit\n"

// Twin returns the hidden directory beside dest that holds the previous
// build between builds.
func Twin(dest string) string {
	d := filepath.Clean(dest)
	return filepath.Join(filepath.Dir(d), "."+filepath.Base(d)+".prev")
}

// Stats say what a write did.
type Stats struct {
	Written, Unchanged, Removed int
}

// entry is one file in a manifest.
type entry struct {
	hash  string
	size  int64
	mtime int64 // UnixNano
}

// Write writes files (output path -> bytes) to dest atomically, waiting
// as long as it takes for any other build of dest to finish.
func Write(source, dest string, files map[string][]byte) (Stats, error) {
	w, err := Begin(context.Background(), source, dest, Options{})
	if err != nil {
		return Stats{}, err
	}
	defer w.Close()
	paths := make([]string, 0, len(files))
	for p := range files {
		paths = append(paths, p)
	}
	errs := make([]error, len(paths))
	par.For(context.Background(), len(paths), func(i int) { errs[i] = w.Put(paths[i], files[paths[i]]) })
	if err := errors.Join(errs...); err != nil {
		return Stats{}, err
	}
	return w.Commit()
}

// Writer writes one build's files as they are produced, so a large site
// never has to be held in memory whole. Put may be called from many
// goroutines; Commit makes the new site live.
type Writer struct {
	dst, twin string
	lock      *destlock.Lock

	startOnce sync.Once
	startErr  error
	live      map[string]entry
	prev      map[string]entry
	// empty is set when the twin was started afresh this build.
	empty bool

	mu    sync.Mutex
	next  map[string]entry
	made  map[string]*madeDir
	stats Stats
}

// Options say how Begin waits for another build of the same destination.
type Options struct {
	// LockTimeout bounds the wait; 0 waits as long as it takes.
	LockTimeout time.Duration
	// Waiting, when set, is called once, with a line to show, if another
	// build holds the destination.
	Waiting func(msg string)
}

// Begin checks the destination, waits for its lock and prepares a writer;
// Commit or Close releases the lock. Besides the lock file nothing on disk
// changes until the first Put, so a build that fails before producing any
// file leaves everything as it was.
func Begin(ctx context.Context, source, dest string, opt Options) (*Writer, error) {
	if err := Check(source, dest); err != nil {
		return nil, err
	}
	dst, err := Resolve(dest)
	if err != nil {
		return nil, err
	}
	if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
		return nil, err
	}
	lf := lockFile(dst)
	var waiting func(int)
	if opt.Waiting != nil {
		waiting = func(holder int) { opt.Waiting(destlock.WaitingMessage(holder, lf)) }
	}
	lock, err := destlock.Acquire(ctx, lf, opt.LockTimeout, waiting)
	if err != nil {
		return nil, err
	}
	// The build that held the lock may have changed what Check saw.
	if err := ownedOrEmpty(dst); err != nil {
		lock.Release()
		return nil, err
	}
	return &Writer{dst: dst, twin: Twin(dst), lock: lock, next: map[string]entry{}, made: map[string]*madeDir{}}, nil
}

// Close releases the destination's lock without publishing anything; it
// may be called after Commit, and more than once.
func (w *Writer) Close() error { return w.lock.Release() }

func (w *Writer) start() error {
	w.startOnce.Do(func() {
		w.startErr = w.prepare()
	})
	return w.startErr
}

func (w *Writer) prepare() error {
	w.live = readManifest(w.dst)
	if err := w.settleOld(); err != nil {
		return err
	}
	w.live = readManifest(w.dst)
	if err := reclaimable(w.twin, w.live); err != nil {
		return err
	}
	w.prev = readManifest(w.twin)
	if w.prev == nil {
		// No trustworthy twin: start it afresh. Nothing is in the way of
		// a file written into it then (see writeOne).
		w.empty = true
		if err := removeOwned(w.twin); err != nil {
			return err
		}
		w.prev = map[string]entry{}
	}
	if err := os.MkdirAll(w.twin, 0o755); err != nil {
		return err
	}
	// Until the new manifest is written the twin is marked dirty: an
	// interrupted build leaves it so, and the next build starts it afresh.
	return os.WriteFile(filepath.Join(w.twin, Marker), []byte(markerHead+"dirty\n"), 0o644)
}

// settleOld puts back the tree that swap's fallback (for file systems
// without an atomic exchange) moves aside, when a build was killed in the
// middle of it: as the destination if that is missing, as the twin if
// that is, else it is removed.
func (w *Writer) settleOld() error {
	old := w.twin + ".old"
	if _, err := os.Lstat(old); errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err := reclaimable(old, w.live); err != nil {
		return err
	}
	_, dstErr := os.Lstat(w.dst)
	_, twinErr := os.Lstat(w.twin)
	switch {
	case errors.Is(dstErr, fs.ErrNotExist) && readManifest(old) != nil:
		return os.Rename(old, w.dst)
	case errors.Is(twinErr, fs.ErrNotExist):
		return os.Rename(old, w.twin)
	}
	return removeOwned(old)
}

// reclaimable refuses a hidden directory of ours (the twin) unless it is
// missing, empty, marked, or holds nothing but files of the live site: a
// twin whose marker went first, as under versions that let two builds
// run at once. Anything else was not written by this tool.
func reclaimable(dir string, live map[string]entry) error {
	fi, err := os.Lstat(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	if !fi.IsDir() {
		return fmt.Errorf("refusing to replace %s: it is not a directory written by counterpoint; remove it or choose another --dest", dir)
	}
	if _, err := os.Lstat(filepath.Join(dir, Marker)); err == nil {
		return nil
	}
	foreign := errors.New("foreign")
	err = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		rel = filepath.ToSlash(rel)
		if _, ok := live[rel]; (!ok || !d.Type().IsRegular()) && rel != Marker+".tmp" {
			return foreign
		}
		return nil
	})
	if err == foreign {
		return fmt.Errorf("refusing to replace %s: it is not empty and was not written by counterpoint (no %s file); empty it or choose another --dest", dir, Marker)
	}
	return err
}

// removeOwned removes a directory this tool wrote, its marker last: a
// build killed halfway through leaves a directory that still carries the
// marker, which the next build may remove in turn, rather than files
// without one, which it would refuse to touch.
func removeOwned(dir string) error {
	entries, err := os.ReadDir(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	for _, e := range entries {
		if e.Name() != Marker {
			if err := os.RemoveAll(filepath.Join(dir, e.Name())); err != nil {
				return err
			}
		}
	}
	return os.RemoveAll(dir)
}

// Put writes one file of the new build (or keeps the twin's copy when its
// bytes are the same).
func (w *Writer) Put(p string, data []byte) error {
	hash := bytesHash(data)
	c, err := w.claim(p)
	if err != nil {
		return err
	}
	if c.had && c.prev.hash == hash && c.prev.size == int64(len(data)) && unchangedOnDisk(c.target, c.prev) {
		w.record(p, c.prev, false)
		return nil
	}
	if err := c.dir.make(filepath.Dir(c.target)); err != nil {
		return err
	}
	if w.empty && c.live.hash == hash && c.live.size == int64(len(data)) {
		if ne, ok := w.linkLive(p, c.target, c.live); ok {
			w.record(p, ne, false)
			return nil
		}
	}
	ne, err := writeOne(c.target, data, hash, c.live, !w.empty)
	if err != nil {
		return err
	}
	w.record(p, ne, true)
	return nil
}

// bytesHash names a file's bytes in the manifest, so that the next build
// can tell unchanged files without reading them. It only has to tell a
// build's own outputs apart, not resist forgery (whoever controls the
// bytes controls the site), so it is xxHash64, an order of magnitude
// faster than SHA-256, which cost a tenth of an unchanged rebuild; the
// size, recorded beside it, must match too.
func bytesHash(data []byte) string {
	var b [17]byte
	b[0] = 'x' // never equal to a SHA-256 prefix written by older builds
	const digits = "0123456789abcdef"
	h := xxhash.Sum64(data)
	for i := 16; i > 0; i-- {
		b[i] = digits[h&15]
		h >>= 4
	}
	return string(b[:])
}

// claimed is what Put and Link know of one output path before they write
// it: where it goes in the twin, the previous build's entry (prev, had),
// the live site's, and the directory to make.
type claimed struct {
	target     string
	prev, live entry
	had        bool
	dir        *madeDir
}

// claim checks p and reserves it for this build, so that a path written
// twice is an error, and returns what the previous builds left there.
func (w *Writer) claim(p string) (claimed, error) {
	if !fs.ValidPath(p) || p == Marker || p == "." {
		return claimed{}, fmt.Errorf("invalid output path %q", p)
	}
	if err := w.start(); err != nil {
		return claimed{}, err
	}
	c := claimed{target: filepath.Join(w.twin, filepath.FromSlash(p))}
	w.mu.Lock()
	defer w.mu.Unlock()
	if _, dup := w.next[p]; dup {
		return claimed{}, fmt.Errorf("output path %q written twice", p)
	}
	w.next[p] = entry{}
	c.prev, c.had = w.prev[p]
	dir := filepath.Dir(c.target)
	if c.dir = w.made[dir]; c.dir == nil {
		c.dir = &madeDir{}
		w.made[dir] = c.dir
	}
	c.live = w.live[p]
	return c, nil
}

// record notes p's entry in the new manifest and counts it as written or
// unchanged.
func (w *Writer) record(p string, e entry, written bool) {
	w.mu.Lock()
	w.next[p] = e
	if written {
		w.stats.Written++
	} else {
		w.stats.Unchanged++
	}
	w.mu.Unlock()
}

// Commit removes what the new build no longer has, records the manifest
// and swaps the new site into place.
func (w *Writer) Commit() (Stats, error) {
	defer w.Close()
	if err := w.start(); err != nil {
		return w.stats, err
	}
	var stale []string
	for p := range w.prev {
		if _, ok := w.next[p]; !ok {
			stale = append(stale, p)
		}
	}
	slices.Sort(stale)
	for _, p := range stale {
		if err := os.Remove(filepath.Join(w.twin, filepath.FromSlash(p))); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return w.stats, err
		}
		w.stats.Removed++
	}
	pruneEmptyDirs(w.twin, stale)
	if err := writeManifest(w.twin, w.next); err != nil {
		return w.stats, err
	}
	return w.stats, swap(w.twin, w.dst)
}

// writeOne writes a file into the twin; when the live site already has the
// same bytes, the file gets the live file's modification time, so a file
// whose bytes did not change keeps its time across builds.
func writeOne(target string, data []byte, hash string, live entry, clear bool) (entry, error) {
	if clear {
		os.Remove(target) // a hard link or read-only file from elsewhere
	}
	size, mtime, err := createFile(target, data)
	if err != nil {
		return entry{}, err
	}
	if live.hash != hash || live.mtime == 0 {
		return entry{hash: hash, size: size, mtime: mtime}, nil
	}
	t := time.Unix(0, live.mtime)
	if err := os.Chtimes(target, t, t); err != nil {
		return entry{}, err
	}
	fi, err := os.Lstat(target)
	if err != nil {
		return entry{}, err
	}
	return entry{hash: hash, size: fi.Size(), mtime: fi.ModTime().UnixNano()}, nil
}

// madeDir makes a directory of the twin once, however many files of it
// are put at once; the others wait for it.
type madeDir struct {
	once sync.Once
	err  error
}

// make creates dir, and its parents only when they are missing: most of a
// site's directories are one level below one that exists.
func (d *madeDir) make(dir string) error {
	d.once.Do(func() {
		err := os.Mkdir(dir, 0o755)
		if err != nil && errors.Is(err, fs.ErrNotExist) {
			err = os.MkdirAll(dir, 0o755)
		}
		if err != nil && !errors.Is(err, fs.ErrExist) {
			d.err = err
		}
	})
	return d.err
}

func unchangedOnDisk(path string, e entry) bool {
	fi, err := os.Lstat(path)
	return err == nil && fi.Mode().IsRegular() && fi.Size() == e.size && fi.ModTime().UnixNano() == e.mtime
}

func pruneEmptyDirs(root string, removed []string) {
	dirs := map[string]bool{}
	for _, p := range removed {
		for d := filepath.Dir(filepath.FromSlash(p)); d != "." && d != string(filepath.Separator); d = filepath.Dir(d) {
			dirs[d] = true
		}
	}
	list := make([]string, 0, len(dirs))
	for d := range dirs {
		list = append(list, d)
	}
	// Deepest first, so parents empty out after their children.
	slices.SortFunc(list, func(a, b string) int {
		return strings.Count(b, string(filepath.Separator)) - strings.Count(a, string(filepath.Separator))
	})
	for _, d := range list {
		os.Remove(filepath.Join(root, d)) // fails harmlessly when not empty
	}
}

// swap puts twin in place of dst. Where the kernel can exchange two paths
// atomically it does, and twin then holds the previous build; otherwise the
// old tree is moved aside first.
func swap(twin, dst string) error {
	if _, err := os.Lstat(dst); errors.Is(err, fs.ErrNotExist) {
		return os.Rename(twin, dst)
	}
	if err := exchange(twin, dst); err == nil {
		return nil
	}
	old := twin + ".old"
	if err := removeOwned(old); err != nil { // prepare settled any left over
		return err
	}
	if err := os.Rename(dst, old); err != nil {
		return err
	}
	if err := os.Rename(twin, dst); err != nil {
		os.Rename(old, dst)
		return err
	}
	return os.Rename(old, twin)
}
