package output

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// Check refuses destinations that would destroy the writer's work: the
// source directory, any directory containing it or inside its content,
// layouts or assets, the file-system root, the home directory, and any
// non-empty directory that was not written by this tool.
func Check(source, dest string) error {
	if dest == "~" || strings.HasPrefix(dest, "~/") {
		// The shell did not expand it (--dest=~/x): writing a directory
		// named ~ invites a later rm -rf ~.
		return fmt.Errorf("refusing to write the site to %s: ~ is not expanded here; write the path in full, as $HOME%s", dest, dest[1:])
	}
	src, err := filepath.Abs(source)
	if err != nil {
		return err
	}
	dst, err := Resolve(dest)
	if err != nil {
		return err
	}
	src = realPath(src)
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
	return ownedOrEmpty(dst)
}

// Resolve returns the directory a build of dest writes: dest made
// absolute with the symbolic links on its way resolved, and dest itself
// followed when it is a link, so that the link stays a link and its target
// (which need not exist yet) gets each build.
func Resolve(dest string) (string, error) {
	abs, err := filepath.Abs(dest)
	if err != nil {
		return "", err
	}
	p := filepath.Join(realPath(filepath.Dir(abs)), filepath.Base(abs))
	for range 40 {
		fi, err := os.Lstat(p)
		if err != nil || fi.Mode()&fs.ModeSymlink == 0 {
			return p, nil
		}
		t, err := os.Readlink(p)
		if err != nil {
			return "", err
		}
		if !filepath.IsAbs(t) {
			t = filepath.Join(filepath.Dir(p), t)
		}
		p = filepath.Join(realPath(filepath.Dir(t)), filepath.Base(t))
	}
	return "", fmt.Errorf("%s: too many levels of symbolic links", dest)
}

// LockFile returns the file a build of dest locks: hidden beside the
// directory Resolve gives, so that every spelling of one destination,
// through links or not, shares one lock.
func LockFile(dest string) (string, error) {
	dst, err := Resolve(dest)
	if err != nil {
		return "", err
	}
	return lockFile(dst), nil
}

func lockFile(dst string) string {
	return filepath.Join(filepath.Dir(dst), "."+filepath.Base(dst)+".lock")
}

func ownedOrEmpty(dir string) error {
	entries, err := os.ReadDir(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	if len(entries) == 0 {
		return nil
	}
	if _, err := os.Stat(filepath.Join(dir, Marker)); err != nil {
		return fmt.Errorf("refusing to replace %s: it is not empty and was not written by counterpoint (no %s file); empty it or choose another --dest", dir, Marker)
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
