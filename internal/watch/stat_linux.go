//go:build linux

package watch

import (
	"io/fs"
	"syscall"
)

// sysID mixes the inode number and change time into the stat comparison,
// so a file replaced by a rename or restored with its old mtime (cp -p,
// git checkout of an older blob with the same size) still looks changed.
func sysID(fi fs.FileInfo) uint64 {
	st, ok := fi.Sys().(*syscall.Stat_t)
	if !ok {
		return 0
	}
	return uint64(st.Ino)*1_000_003 ^ uint64(st.Ctim.Sec)*1_000_000_007 ^ uint64(st.Ctim.Nsec)
}
