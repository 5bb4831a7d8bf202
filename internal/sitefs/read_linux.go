package sitefs

import (
	"os"
	"syscall"
)

// quickRead opens file in dir's descriptor without following a symbolic
// link (O_NOFOLLOW: a link goes the slow way, through the root that
// checks where it leads) and without waiting on a FIFO (O_NONBLOCK), then
// reads it in one call of its size plus one byte, so that a file that grew
// since the stat fills the buffer and is caught. ok false: take the slow
// way.
func (f *FS) quickRead(dir, file string, max int64) (data []byte, size int64, err error, ok bool) {
	d := f.dirFile(dir)
	if d == nil {
		return nil, 0, nil, false
	}
	var fd int
	var oerr error
	cerr := d.Control(func(dfd uintptr) {
		fd, oerr = syscall.Openat(int(dfd), file, syscall.O_RDONLY|syscall.O_CLOEXEC|syscall.O_NOFOLLOW|syscall.O_NONBLOCK, 0)
		for oerr == syscall.EINTR {
			fd, oerr = syscall.Openat(int(dfd), file, syscall.O_RDONLY|syscall.O_CLOEXEC|syscall.O_NOFOLLOW|syscall.O_NONBLOCK, 0)
		}
	})
	if cerr != nil || oerr != nil {
		return nil, 0, nil, false
	}
	defer syscall.Close(fd)
	var st syscall.Stat_t
	if err := syscall.Fstat(fd, &st); err != nil {
		return nil, 0, nil, false
	}
	if st.Mode&syscall.S_IFMT != syscall.S_IFREG {
		return nil, 0, errNotRegular, true
	}
	if st.Size > max {
		return nil, st.Size, nil, true
	}
	buf := make([]byte, st.Size+1)
	n := 0
	for n < len(buf) {
		m, err := syscall.Read(fd, buf[n:])
		if err == syscall.EINTR {
			continue
		}
		if err != nil {
			return nil, 0, &os.PathError{Op: "read", Path: file, Err: err}, true
		}
		if m == 0 {
			break
		}
		n += m
		if n == int(st.Size) {
			// One read gave the whole size; a file that grew would have
			// filled the spare byte in that same call.
			break
		}
	}
	if n == len(buf) {
		return nil, 0, errChanged, true
	}
	return buf[:n], int64(n), nil, true
}
