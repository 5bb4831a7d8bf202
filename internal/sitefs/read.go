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
	fl, err := f.Open(name)
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
