package watch

import (
	"errors"
	"hash/maphash"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"

	"github.com/counterpoint-ssg/counterpoint/internal/fsfilter"
)

// fileState is what the watcher remembers of one file: its stat, to tell
// cheaply that nothing happened, and a hash of its content, to tell that a
// touch, chmod or same-content save changed nothing the build reads.
type fileState struct {
	size  int64
	mtime int64
	mode  fs.FileMode
	sys   uint64 // inode and ctime where the platform has them
	sum   uint64 // content hash; 0 with kind != regular
	kind  byte   // 'f' regular (or a link to one), 'o' anything else, 'e' unreadable
}

func (a fileState) sameStat(b fileState) bool {
	return a.size == b.size && a.mtime == b.mtime && a.mode == b.mode && a.sys == b.sys && a.kind == b.kind
}

func (a fileState) sameContent(b fileState) bool {
	return a.kind == b.kind && a.sum == b.sum && (a.kind != 'f' || a.size == b.size)
}

// snapshot is the watcher's picture of the watched trees. Only the
// batcher's goroutine uses it, through resolve.
type snapshot struct {
	root  string   // site directory, OS path
	roots []string // watched top-level directories, site-relative
	seed  maphash.Seed
	files map[string]fileState // site-relative path of every non-directory
	dirs  map[string]bool      // site-relative path of every directory seen
	buf   []byte               // read buffer, reused for every file
}

func newSnapshot(root string, roots []string) *snapshot {
	return &snapshot{root: root, roots: roots, seed: maphash.MakeSeed(), files: map[string]fileState{}, dirs: map[string]bool{}}
}

func (s *snapshot) abs(rel string) string { return filepath.Join(s.root, filepath.FromSlash(rel)) }

// resolve checks the given paths (or, with full, every watched tree)
// against the snapshot, updates it, and returns the site-relative paths of
// files that appeared, disappeared or whose content changed, sorted.
func (s *snapshot) resolve(paths []string, full bool) []string {
	ch := &changes{set: map[string]struct{}{}}
	if full {
		for _, r := range s.roots {
			s.check(r, false, ch)
		}
	} else {
		for i, p := range paths {
			// A directory checked already covers everything below it.
			if i > 0 && s.dirs[paths[i-1]] && strings.HasPrefix(p, paths[i-1]+"/") {
				continue
			}
			s.check(p, true, ch)
		}
	}
	return ch.sorted()
}

// check brings rel, a file or a directory, up to date. With rehash, files
// are hashed even when their stat looks unchanged: an event said they were
// touched, and stat times are coarse on some file systems.
func (s *snapshot) check(rel string, rehash bool, ch *changes) {
	fi, err := os.Lstat(s.abs(rel))
	switch {
	case err != nil:
		s.forget(rel, ch)
	case fi.IsDir():
		if _, ok := s.files[rel]; ok {
			delete(s.files, rel)
			ch.add(rel)
		}
		s.scanDir(rel, ch)
	default:
		if s.dirs[rel] {
			s.forget(rel, ch)
		}
		s.checkFile(rel, fi, rehash, ch)
	}
}

// forget drops rel and everything below it: it no longer exists.
func (s *snapshot) forget(rel string, ch *changes) {
	if _, ok := s.files[rel]; ok {
		delete(s.files, rel)
		ch.add(rel)
	}
	if !s.dirs[rel] {
		return
	}
	if slices.Contains(s.roots, rel) {
		// A watched tree itself went away (content/ deleted, or switched
		// away by git): a change even when its files were already gone,
		// so the next build says the tree is missing.
		ch.add(rel)
	}
	prefix := rel + "/"
	for p := range s.files {
		if strings.HasPrefix(p, prefix) {
			delete(s.files, p)
			ch.add(p)
		}
	}
	for d := range s.dirs {
		if d == rel || strings.HasPrefix(d, prefix) {
			delete(s.dirs, d)
		}
	}
}

// scanDir walks the directory rel, checking every file in it and
// forgetting what the snapshot had below it that is gone. Files whose stat
// is unchanged are not read: an event on a directory says its entries
// changed, and a file's own events say when its content did.
func (s *snapshot) scanDir(rel string, ch *changes) {
	seen := map[string]bool{}
	seenDirs := map[string]bool{rel: true}
	filepath.WalkDir(s.abs(rel), func(p string, d fs.DirEntry, err error) error {
		r := s.relOf(p)
		if err != nil || r == "" {
			return nil // vanished while walking: the next event or scan sees it
		}
		if r != rel && fsfilter.Ignored(d.Name()) {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			seenDirs[r] = true
			return nil
		}
		fi, err := d.Info()
		if err != nil {
			return nil
		}
		seen[r] = true
		s.checkFile(r, fi, false, ch)
		return nil
	})
	prefix := rel + "/"
	for p := range s.files {
		if strings.HasPrefix(p, prefix) && !seen[p] {
			delete(s.files, p)
			ch.add(p)
		}
	}
	for d := range s.dirs {
		if strings.HasPrefix(d, prefix) && !seenDirs[d] {
			delete(s.dirs, d)
		}
	}
	for d := range seenDirs {
		s.dirs[d] = true
	}
}

func (s *snapshot) relOf(p string) string {
	r, err := filepath.Rel(s.root, p)
	if err != nil || r == "." || strings.HasPrefix(r, "..") {
		return ""
	}
	return filepath.ToSlash(r)
}

// checkFile compares one file with the snapshot. fi comes from Lstat.
func (s *snapshot) checkFile(rel string, fi fs.FileInfo, rehash bool, ch *changes) {
	st := s.stat(rel, fi)
	old, known := s.files[rel]
	if known && !rehash && st.sameStat(old) {
		return
	}
	if st.kind == 'f' {
		st.sum, st.kind = s.hash(rel)
	}
	s.files[rel] = st
	if !known || !st.sameContent(old) {
		ch.add(rel)
	}
}

// stat fills in a fileState but for the content hash. A symbolic link is
// followed, as the loader follows it.
func (s *snapshot) stat(rel string, fi fs.FileInfo) fileState {
	if fi.Mode()&fs.ModeSymlink != 0 {
		if t, err := os.Stat(s.abs(rel)); err == nil {
			fi = t
		}
	}
	st := fileState{size: fi.Size(), mtime: fi.ModTime().UnixNano(), mode: fi.Mode(), sys: sysID(fi), kind: 'o'}
	if fi.Mode().IsRegular() {
		st.kind = 'f'
	}
	return st
}

// hash reads a regular file's content. Only regular files are opened: a
// FIFO would block the watcher forever.
func (s *snapshot) hash(rel string) (uint64, byte) {
	f, err := os.Open(s.abs(rel))
	if err != nil {
		return 0, 'e'
	}
	defer f.Close()
	var h maphash.Hash
	h.SetSeed(s.seed)
	if s.buf == nil {
		s.buf = make([]byte, 64<<10)
	}
	for {
		n, err := f.Read(s.buf)
		h.Write(s.buf[:n])
		if errors.Is(err, io.EOF) {
			return h.Sum64(), 'f'
		}
		if err != nil {
			return 0, 'e'
		}
	}
}

// changes collects changed paths once each.
type changes struct{ set map[string]struct{} }

func (c *changes) add(p string) { c.set[p] = struct{}{} }

func (c *changes) sorted() []string {
	out := make([]string, 0, len(c.set))
	for p := range c.set {
		out = append(out, p)
	}
	slices.Sort(out)
	return out
}

// underRoot reports whether rel lies in one of the watched trees and no
// part of it is editor or system noise.
func underRoot(rel string, roots []string) bool {
	if rel == "" || rel == "." || strings.HasPrefix(rel, "../") || path.IsAbs(rel) {
		return false
	}
	top, _, _ := strings.Cut(rel, "/")
	found := false
	for _, r := range roots {
		if top == r {
			found = true
		}
	}
	if !found {
		return false
	}
	for part := range strings.SplitSeq(rel, "/") {
		if fsfilter.Ignored(part) {
			return false
		}
	}
	return true
}
