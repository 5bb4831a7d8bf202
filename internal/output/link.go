package output

import (
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
// renaming, or the published file would change with it. A Link that
// fails gives p up again, so that the caller may Put the bytes instead:
// src may vanish first (removed from a cache another build prunes).
func (w *Writer) Link(p, src, sum string) error {
	hash := "l" + sum // never equal to a hash of bytes that Put records
	c, err := w.claim(p)
	if err != nil {
		return err
	}
	if c.had && c.prev.hash == hash && unchangedOnDisk(c.target, c.prev) {
		w.record(p, c.prev, false)
		return nil
	}
	if err := c.dir.make(filepath.Dir(c.target)); err != nil {
		w.unclaim(p)
		return err
	}
	ne, err := linkOne(c.target, src, hash, c.live, !w.empty)
	if err != nil {
		w.unclaim(p)
		return err
	}
	w.record(p, ne, true)
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

// unclaim gives up p, claimed by a Link that failed.
func (w *Writer) unclaim(p string) {
	w.mu.Lock()
	delete(w.next, p)
	w.mu.Unlock()
}
