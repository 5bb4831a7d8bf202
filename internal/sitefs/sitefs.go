// Package sitefs reads a site directory for one build. Reading through an
// os.Root keeps every read inside the site, but the root resolves each path
// one directory at a time, so opening content/demands/x.md costs an open
// and a close for every directory on the way. A build reads thousands of
// files from a handful of directories; this file system opens each
// directory once, as a root of its own, and opens files from it.
//
// A file the directory's root refuses (a symbolic link that leaves the
// directory but may stay in the site) is opened through the site's root,
// which keeps the last word on what may be read. A cached directory would
// go stale if it were renamed, so use one FS per build, not for a server.
package sitefs

import (
	"io/fs"
	"os"
	"path"
	"sync"
	"syscall"
)

// FS is the site's file system; Close releases the directories it opened.
type FS struct {
	root  *os.Root
	inner fs.FS // root.FS(), which answers everything but file opens

	mu    sync.Mutex
	dirs  map[string]*os.Root // nil value: the directory could not be opened
	files map[string]*os.File // the same directories, opened for quickRead
}

// New returns the file system of a site opened as root.
func New(root *os.Root) *FS {
	return &FS{root: root, inner: root.FS(), dirs: map[string]*os.Root{}, files: map[string]*os.File{}}
}

// Open opens a file through its directory's root, or else the site's.
func (f *FS) Open(name string) (fs.File, error) {
	dir, file := path.Split(name)
	if dir != "" && fs.ValidPath(name) && file != "" {
		if d := f.dir(dir[:len(dir)-1]); d != nil {
			if fl, err := d.Open(file); err == nil {
				return fl, nil
			}
		}
	}
	return f.inner.Open(name)
}

func (f *FS) dir(name string) *os.Root {
	f.mu.Lock()
	defer f.mu.Unlock()
	d, ok := f.dirs[name]
	if !ok {
		d, _ = f.root.OpenRoot(name)
		f.dirs[name] = d
	}
	return d
}

// dirFile is a directory of the site opened as a file, once, for reading
// its files by descriptor; nil when it could not be opened.
func (f *FS) dirFile(name string) syscall.RawConn {
	f.mu.Lock()
	defer f.mu.Unlock()
	d, ok := f.files[name]
	if !ok {
		d, _ = f.root.Open(name)
		if d != nil {
			if fi, err := d.Stat(); err != nil || !fi.IsDir() {
				d.Close()
				d = nil
			}
		}
		f.files[name] = d
	}
	if d == nil {
		return nil
	}
	rc, err := d.SyscallConn()
	if err != nil {
		return nil
	}
	return rc
}

// Stat, ReadDir, ReadFile and ReadLink are the site root's.
func (f *FS) Stat(name string) (fs.FileInfo, error) { return fs.Stat(f.inner, name) }

func (f *FS) ReadDir(name string) ([]fs.DirEntry, error) { return fs.ReadDir(f.inner, name) }

func (f *FS) ReadFile(name string) ([]byte, error) { return fs.ReadFile(f.inner, name) }

func (f *FS) ReadLink(name string) (string, error) { return fs.ReadLink(f.inner, name) }

func (f *FS) Lstat(name string) (fs.FileInfo, error) { return fs.Lstat(f.inner, name) }

// Close closes the directories opened so far.
func (f *FS) Close() error {
	f.mu.Lock()
	defer f.mu.Unlock()
	for name, d := range f.dirs {
		if d != nil {
			d.Close()
		}
		delete(f.dirs, name)
	}
	for name, d := range f.files {
		if d != nil {
			d.Close()
		}
		delete(f.files, name)
	}
	return nil
}
