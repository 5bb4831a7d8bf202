package output

import (
	"os"
	"path/filepath"
)

// linkLive puts the live site's copy of p into a twin started afresh as
// a hard link, when the live file is what the manifest says and has the
// bytes the build wants: the first build after a fresh one (whose
// rename left no twin) then writes only what changed, like every build
// after it. Sharing is safe because a file of the twin is never changed
// in place: once the twin is not new, writeOne removes a file before
// writing it. ok is false when no link was made (another file system,
// a file edited by hand), and the caller writes the file instead.
func (w *Writer) linkLive(p, target string, live entry) (entry, bool) {
	src := filepath.Join(w.dst, filepath.FromSlash(p))
	if !unchangedOnDisk(src, live) {
		return entry{}, false
	}
	if err := os.Link(src, target); err != nil {
		return entry{}, false
	}
	return live, true
}
