// Package cache is the build's store that outlives the output directory:
// work whose result depends only on its inputs (a page's parsed body, a
// social card) is kept under a key derived from those inputs, so that a
// build into an empty destination (a CI deploy with a restored cache) does
// not redo it. Like Hugo's cacheDir, it lives outside the site by default,
// in the user's cache directory, and losing it costs only time.
package cache

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// Env names the variable that sets the directory when no flag does.
const Env = "COUNTERPOINT_CACHE_DIR"

// Off is the flag value that turns the cache off.
const Off = "none"

// Dir is an open cache directory. A nil *Dir is a cache that keeps
// nothing: every read misses and every write is dropped.
type Dir struct {
	root string
}

// Resolve says which directory to use: the flag's value, else $Env, else
// "counterpoint" in the user's cache directory, else in the temporary
// directory. It returns "" when the cache is turned off.
func Resolve(flag string) string {
	v := flag
	if v == "" {
		v = os.Getenv(Env)
	}
	switch {
	case v == Off:
		return ""
	case v != "":
		return v
	}
	if d, err := os.UserCacheDir(); err == nil {
		return filepath.Join(d, "counterpoint")
	}
	return filepath.Join(os.TempDir(), "counterpoint-cache")
}

// Open makes the directory if needed. An empty path gives the nil cache.
func Open(path string) (*Dir, error) {
	if path == "" {
		return nil, nil
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, err
	}
	if err := os.MkdirAll(abs, 0o755); err != nil {
		return nil, fmt.Errorf("cache directory: %w", err)
	}
	return &Dir{root: abs}, nil
}

// Root is the directory's absolute path ("" for the nil cache).
func (d *Dir) Root() string {
	if d == nil {
		return ""
	}
	return d.root
}

// Path is where the entry name (slash-separated, relative) is kept.
func (d *Dir) Path(name string) string {
	if d == nil {
		return ""
	}
	return filepath.Join(d.root, filepath.FromSlash(name))
}

// ReadFile returns the entry's bytes, or fs.ErrNotExist (also for the nil
// cache).
func (d *Dir) ReadFile(name string) ([]byte, error) {
	if d == nil {
		return nil, fs.ErrNotExist
	}
	return os.ReadFile(d.Path(name))
}

// WriteFile stores the entry atomically (a temporary file renamed over
// it), so that a reader, even in another process, sees the old bytes or
// the new, never a part.
func (d *Dir) WriteFile(name string, data []byte) error {
	if d == nil {
		return nil
	}
	if err := checkName(name); err != nil {
		return err
	}
	p := d.Path(name)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return err
	}
	f, err := os.CreateTemp(filepath.Dir(p), ".tmp-*")
	if err != nil {
		return err
	}
	_, werr := f.Write(data)
	cerr := f.Close()
	if err := errors.Join(werr, cerr); err != nil {
		os.Remove(f.Name())
		return err
	}
	if err := os.Rename(f.Name(), p); err != nil {
		os.Remove(f.Name())
		return err
	}
	return nil
}

func checkName(name string) error {
	if name == "" || !fs.ValidPath(name) || strings.Contains(name, "\\") {
		return fmt.Errorf("cache: bad entry name %q", name)
	}
	return nil
}
