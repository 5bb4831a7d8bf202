// Package output is the only code that writes a built site to disk. It
// writes the whole site into a staging directory beside the destination and
// then swaps it into place, so a failed or interrupted build leaves the
// previous site intact, and it refuses destinations whose loss would hurt.
package output

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// Marker is the file that identifies a directory this tool wrote. Only a
// destination carrying it (or an empty one) is ever replaced.
const Marker = ".counterpoint-output"

const markerText = "This directory is written by counterpoint build; it is replaced on every build.\n"

// Check refuses destinations that would destroy the writer's work: the
// source directory, any directory containing it or inside its content,
// layouts or assets, the file-system root, the home directory, and any
// non-empty directory that was not written by this tool.
func Check(source, dest string) error {
	src, err := filepath.Abs(source)
	if err != nil {
		return err
	}
	dst, err := filepath.Abs(dest)
	if err != nil {
		return err
	}
	src, dst = realPath(src), realPath(dst)
	if dst == filepath.Dir(dst) {
		return fmt.Errorf("refusing to write the site to the file-system root %s", dst)
	}
	if home, err := os.UserHomeDir(); err == nil && realPath(home) == dst {
		return fmt.Errorf("refusing to write the site to the home directory %s", dst)
	}
	if dst == src {
		return fmt.Errorf("refusing to write the site into its own source directory %s: use a subdirectory such as public", dst)
	}
	if within(src, dst) {
		return fmt.Errorf("refusing to write the site to %s: it contains the source directory %s", dst, src)
	}
	for _, d := range []string{"content", "layouts", "assets"} {
		if p := filepath.Join(src, d); p == dst || within(dst, p) {
			return fmt.Errorf("refusing to write the site to %s: it is inside the site's %s/ directory", dst, d)
		}
	}
	entries, err := os.ReadDir(dst)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	if len(entries) == 0 {
		return nil
	}
	if _, err := os.Stat(filepath.Join(dst, Marker)); err != nil {
		return fmt.Errorf("refusing to replace %s: it is not empty and was not written by counterpoint (no %s file); empty it or choose another --dest", dst, Marker)
	}
	return nil
}

// within reports whether p is inside dir (not equal to it).
func within(p, dir string) bool {
	rel, err := filepath.Rel(dir, p)
	return err == nil && rel != "." && !strings.HasPrefix(rel, "..")
}

// realPath resolves symlinks of the longest existing prefix of p.
func realPath(p string) string {
	rest := ""
	for cur := p; ; {
		if r, err := filepath.EvalSymlinks(cur); err == nil {
			return filepath.Join(r, rest)
		}
		parent := filepath.Dir(cur)
		if parent == cur {
			return p
		}
		rest = filepath.Join(filepath.Base(cur), rest)
		cur = parent
	}
}

// Stats say what a write did.
type Stats struct {
	Written, Unchanged int
}

// Write writes files (output path -> bytes) to dest atomically. Files whose
// bytes equal the previous build's keep their modification time, so
// rsync-style deploys and browsers' caches see no change.
func Write(source, dest string, files map[string][]byte) (Stats, error) {
	var st Stats
	if err := Check(source, dest); err != nil {
		return st, err
	}
	dst, _ := filepath.Abs(dest)
	parent := filepath.Dir(dst)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return st, err
	}
	stage, err := os.MkdirTemp(parent, "."+filepath.Base(dst)+".staging-")
	if err != nil {
		return st, err
	}
	committed := false
	defer func() {
		if !committed {
			os.RemoveAll(stage)
		}
	}()
	if err := os.Chmod(stage, 0o755); err != nil {
		return st, err
	}
	paths := make([]string, 0, len(files))
	for p := range files {
		paths = append(paths, p)
	}
	slices.Sort(paths)
	made := map[string]bool{}
	for _, p := range paths {
		if !fs.ValidPath(p) {
			return st, fmt.Errorf("invalid output path %q", p)
		}
		target := filepath.Join(stage, filepath.FromSlash(p))
		dir := filepath.Dir(target)
		if !made[dir] {
			if err := os.MkdirAll(dir, 0o755); err != nil {
				return st, err
			}
			made[dir] = true
		}
		old := filepath.Join(dst, filepath.FromSlash(p))
		if same(old, files[p]) {
			// Keep the old file (and its mtime) by linking it in; fall back
			// to a copy with the old mtime where links are not possible.
			if err := os.Link(old, target); err == nil {
				st.Unchanged++
				continue
			}
		}
		if err := os.WriteFile(target, files[p], 0o644); err != nil {
			return st, err
		}
		st.Written++
	}
	if err := os.WriteFile(filepath.Join(stage, Marker), []byte(markerText), 0o644); err != nil {
		return st, err
	}
	if err := swap(stage, dst); err != nil {
		return st, err
	}
	committed = true
	return st, nil
}

func same(path string, data []byte) bool {
	fi, err := os.Lstat(path)
	if err != nil || !fi.Mode().IsRegular() || fi.Size() != int64(len(data)) {
		return false
	}
	old, err := os.ReadFile(path)
	return err == nil && bytes.Equal(old, data)
}

// swap puts stage in place of dst. Where the kernel can exchange two paths
// atomically it does; otherwise the old tree is moved aside first.
func swap(stage, dst string) error {
	if _, err := os.Lstat(dst); errors.Is(err, fs.ErrNotExist) {
		return os.Rename(stage, dst)
	}
	if err := exchange(stage, dst); err == nil {
		return os.RemoveAll(stage) // stage now holds the old site
	}
	old := stage + ".old"
	if err := os.Rename(dst, old); err != nil {
		return err
	}
	if err := os.Rename(stage, dst); err != nil {
		os.Rename(old, dst)
		return err
	}
	return os.RemoveAll(old)
}
