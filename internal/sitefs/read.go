package sitefs

import (
	"io"
	"io/fs"
	"path"
)

// ReadLimited reads a regular file of at most max bytes. When the file is
// larger it reads nothing and returns its size (data nil, err nil), so
// that the caller can say how large. A build reads every source this way,
// so where the platform allows (read_linux.go) a file directly inside an
// opened directory costs four system calls: open, stat, one read, close,
// against nine or so through an os.File. Anything the quick way does not
// handle, a symbolic link above all, goes through the site's root, which
// keeps the last word on what may be read.
func (f *FS) ReadLimited(name string, max int64) (data []byte, size int64, err error) {
	dir, file := path.Split(name)
	if dir != "" && file != "" && fs.ValidPath(name) {
		if data, size, err, ok := f.quickRead(dir[:len(dir)-1], file, max); ok {
			return data, size, err
		}
	}
	return readOpened(f, name, max)
}

// ReadLimited reads name from fsys as FS.ReadLimited does: by fsys's own
// ReadLimited where it has one (an FS, or a file system wrapping one), and
// through Open, Stat and Read otherwise.
func ReadLimited(fsys fs.FS, name string, max int64) (data []byte, size int64, err error) {
	if r, ok := fsys.(interface {
		ReadLimited(string, int64) ([]byte, int64, error)
	}); ok {
		return r.ReadLimited(name, max)
	}
	return readOpened(fsys, name, max)
}

// readOpened reads through an opened file, in a buffer one byte longer
// than its size, so that a file that grew since the stat is caught.
func readOpened(fsys fs.FS, name string, max int64) (data []byte, size int64, err error) {
	fl, err := fsys.Open(name)
	if err != nil {
		return nil, 0, err
	}
	defer fl.Close()
	fi, err := fl.Stat()
	if err != nil {
		return nil, 0, err
	}
	if !fi.Mode().IsRegular() {
		return nil, 0, errNotRegular
	}
	if fi.Size() > max {
		return nil, fi.Size(), nil
	}
	buf := make([]byte, fi.Size()+1)
	n, err := io.ReadFull(fl, buf)
	if err == nil { // grew since Stat
		return nil, 0, errChanged
	}
	if err != io.ErrUnexpectedEOF && err != io.EOF {
		return nil, 0, err
	}
	return buf[:n], int64(n), nil
}

type readError string

func (e readError) Error() string { return string(e) }

const (
	errNotRegular = readError("not a regular file")
	errChanged    = readError("the file changed while it was read")
)
