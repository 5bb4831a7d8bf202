package output

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// Link puts the file src (outside the site, such as a cache entry) at p
// of the new build: as a hard link when src is on the destination's file
// system, so that thousands of kept images cost no copying and no space,
// else as a copy. sum names src's bytes (a hash of them, or of everything
// they are made from) and is what the next build compares: a file whose
// sum is the previous build's is left as it is, without reading src.
// src must never be written in place afterwards, only replaced by
// renaming, or the published file would change with it.
func (w *Writer) Link(p, src, sum string) error {
	if !fs.ValidPath(p) || p == Marker || p == "." {
		return fmt.Errorf("invalid output path %q", p)
	}
	if err := w.start(); err != nil {
		return err
	}
	hash := "l" + sum // never equal to a hash of bytes that Put records
	target := filepath.Join(w.twin, filepath.FromSlash(p))
	w.mu.Lock()
	if _, dup := w.next[p]; dup {
		w.mu.Unlock()
		return fmt.Errorf("output path %q written twice", p)
	}
	w.next[p] = entry{}
	e, had := w.prev[p]
	dir := filepath.Dir(target)
	d := w.made[dir]
	if d == nil {
		d = &madeDir{}
		w.made[dir] = d
	}
	live := w.live[p]
	w.mu.Unlock()

	ne, same := e, had && e.hash == hash && unchangedOnDisk(target, e)
	if !same {
		if err := d.make(dir); err != nil {
			return err
		}
		var err error
		if ne, err = linkOne(target, src, hash, live, !w.empty); err != nil {
			return err
		}
	}
	w.mu.Lock()
	w.next[p] = ne
	if same {
		w.stats.Unchanged++
	} else {
		w.stats.Written++
	}
	w.mu.Unlock()
	return nil
}

// linkOne hard-links src at target, or copies it where the file systems
// or the file system's rules forbid a link.
func linkOne(target, src, hash string, live entry, clear bool) (entry, error) {
	if clear {
		os.Remove(target)
	}
	if err := os.Link(src, target); err == nil {
		fi, err := os.Lstat(target)
		if err != nil {
			return entry{}, err
		}
		return entry{hash: hash, size: fi.Size(), mtime: fi.ModTime().UnixNano()}, nil
	}
	data, err := os.ReadFile(src)
	if err != nil {
		return entry{}, err
	}
	return writeOne(target, data, hash, live, false)
}
