package output

import (
	"bytes"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Three builds of one site: same paths, different bytes, as when a page
// every file shows changes.
var (
	siteA = map[string][]byte{"index.html": []byte("A home"), "x/y.html": []byte("A y"), "x/z/w.css": []byte("A w")}
	siteB = map[string][]byte{"index.html": []byte("B home"), "x/y.html": []byte("B y"), "x/z/w.css": []byte("B w")}
	siteC = map[string][]byte{"index.html": []byte("C home"), "x/y.html": []byte("C y"), "c.txt": []byte("C only")}
)

// tree reads every file under dir but the marker, which must be complete.
func tree(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		data, err := os.ReadFile(p)
		if rel == Marker {
			if !bytes.HasSuffix(data, []byte("\nend\n")) {
				t.Errorf("%s: incomplete marker", p)
			}
			return err
		}
		out[filepath.ToSlash(rel)] = data
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func same(a, b map[string][]byte) bool {
	if len(a) != len(b) {
		return false
	}
	for p, d := range a {
		if !bytes.Equal(d, b[p]) {
			return false
		}
	}
	return true
}

func mustWrite(t *testing.T, src, dest string, files map[string][]byte) {
	t.Helper()
	if _, err := Write(src, dest, files); err != nil {
		t.Fatalf("build into %s: %v", dest, err)
	}
	if got := tree(t, dest); !same(got, files) {
		t.Fatalf("%s holds %q, want %q", dest, got, files)
	}
}

// dirs makes a source directory and returns it with a destination beside it.
func dirs(t *testing.T) (src, dest string) {
	dir := t.TempDir()
	src = filepath.Join(dir, "site")
	if err := os.Mkdir(src, 0o755); err != nil {
		t.Fatal(err)
	}
	return src, filepath.Join(dir, "public")
}

// TestRepairsLeftStates puts the destination and its twin in each state a
// killed build (or, before the lock, two builds at once) can leave, and
// requires the next build to publish exactly its site, leave nothing
// behind, and a build after it to work too.
func TestRepairsLeftStates(t *testing.T) {
	for _, c := range []struct {
		name  string
		leave func(t *testing.T, dest, twin string)
	}{
		{"twin without its marker", func(t *testing.T, dest, twin string) {
			rm(t, filepath.Join(twin, Marker))
		}},
		{"twin without its marker, manifest half renamed", func(t *testing.T, dest, twin string) {
			rm(t, filepath.Join(twin, Marker))
			put(t, filepath.Join(twin, Marker+".tmp"), markerHead)
		}},
		{"twin without its marker, half removed", func(t *testing.T, dest, twin string) {
			rm(t, filepath.Join(twin, Marker))
			rm(t, filepath.Join(twin, "index.html"))
		}},
		{"twin marked dirty, half written", func(t *testing.T, dest, twin string) {
			put(t, filepath.Join(twin, Marker), markerHead+"dirty\n")
			put(t, filepath.Join(twin, "x/y.html"), "half")
		}},
		{"twin marker empty", func(t *testing.T, dest, twin string) {
			put(t, filepath.Join(twin, Marker), "")
		}},
		{"destination gone, twin left", func(t *testing.T, dest, twin string) {
			rmAll(t, dest)
		}},
		{"twin gone", func(t *testing.T, dest, twin string) {
			rmAll(t, twin)
		}},
		// swap's fallback, for file systems without an atomic exchange,
		// moves the destination to twin.old, the twin to the destination,
		// and twin.old to the twin.
		{"killed after moving the destination aside", func(t *testing.T, dest, twin string) {
			mv(t, dest, twin+".old")
		}},
		{"killed after moving the twin in", func(t *testing.T, dest, twin string) {
			mv(t, twin, twin+".old")
		}},
		{"old tree left beside both", func(t *testing.T, dest, twin string) {
			if err := os.CopyFS(twin+".old", os.DirFS(twin)); err != nil {
				t.Fatal(err)
			}
		}},
	} {
		t.Run(c.name, func(t *testing.T) {
			src, dest := dirs(t)
			twin := Twin(dest)
			mustWrite(t, src, dest, siteA)
			mustWrite(t, src, dest, siteB) // the twin now holds A
			c.leave(t, dest, twin)
			mustWrite(t, src, dest, siteC)
			if _, err := os.Lstat(twin + ".old"); !errors.Is(err, fs.ErrNotExist) {
				t.Errorf("%s.old left behind (%v)", twin, err)
			}
			mustWrite(t, src, dest, siteA)
			mustWrite(t, src, dest, siteB)
		})
	}
}

// TestRefusesForeignTwins: a hidden twin holding anything the live site
// does not list was never ours, and stays untouched.
func TestRefusesForeignTwins(t *testing.T) {
	for _, c := range []struct {
		name  string
		leave func(t *testing.T, dest, twin string)
		keep  string // the foreign file: the twin's path with this added
	}{
		{"unmarked twin with a file of its own", func(t *testing.T, dest, twin string) {
			rm(t, filepath.Join(twin, Marker))
			put(t, filepath.Join(twin, "notes.txt"), "mine")
		}, "/notes.txt"},
		{"twin is a file", func(t *testing.T, dest, twin string) {
			rmAll(t, twin)
			put(t, twin, "mine")
		}, ""},
		{"unmarked old tree with a file of its own", func(t *testing.T, dest, twin string) {
			put(t, filepath.Join(twin+".old", "notes.txt"), "mine")
		}, ".old/notes.txt"},
	} {
		t.Run(c.name, func(t *testing.T) {
			src, dest := dirs(t)
			twin := Twin(dest)
			mustWrite(t, src, dest, siteA)
			mustWrite(t, src, dest, siteB)
			c.leave(t, dest, twin)
			_, err := Write(src, dest, siteC)
			if err == nil || !strings.Contains(err.Error(), "refusing to replace") {
				t.Fatalf("build: %v, want a refusal", err)
			}
			if data, err := os.ReadFile(twin + filepath.FromSlash(c.keep)); err != nil || string(data) != "mine" {
				t.Errorf("the foreign file is gone or changed: %q, %v", data, err)
			}
			if got := tree(t, dest); !same(got, siteB) {
				t.Errorf("the published site changed: %q", got)
			}
		})
	}
}

// TestSymlinkedDestination: a destination that is a symbolic link (the
// usual web-root set-up) stays a link, and its target gets every build.
func TestSymlinkedDestination(t *testing.T) {
	for _, c := range []struct {
		name   string
		target string // relative to the link's directory
		exists bool
	}{
		{"absolute link to an existing directory", "", true},
		{"relative link to an existing directory", "www/site", true},
		{"relative link to a directory not made yet", "www/new", false},
	} {
		t.Run(c.name, func(t *testing.T) {
			src, link := dirs(t)
			base := filepath.Dir(link)
			target := filepath.Join(base, "www", "site")
			if c.target != "" {
				target = filepath.Join(base, filepath.FromSlash(c.target))
			}
			if c.exists {
				if err := os.MkdirAll(target, 0o755); err != nil {
					t.Fatal(err)
				}
			} else if err := os.MkdirAll(filepath.Dir(target), 0o755); err != nil {
				t.Fatal(err)
			}
			to := target
			if c.target != "" {
				to = filepath.FromSlash(c.target)
			}
			if err := os.Symlink(to, link); err != nil {
				t.Fatal(err)
			}
			for i, site := range []map[string][]byte{siteA, siteB, siteC, siteA} {
				if _, err := Write(src, link, site); err != nil {
					t.Fatalf("build %d: %v", i+1, err)
				}
				fi, err := os.Lstat(link)
				if err != nil || fi.Mode()&fs.ModeSymlink == 0 {
					t.Fatalf("after build %d, %s is no longer a symbolic link (%v)", i+1, link, err)
				}
				if got, err := os.Readlink(link); err != nil || got != to {
					t.Fatalf("after build %d the link points at %q (%v), want %q", i+1, got, err, to)
				}
				if got := tree(t, target); !same(got, site) {
					t.Fatalf("after build %d the target holds %q, want %q", i+1, got, site)
				}
			}
			if _, err := os.Lstat(Twin(link)); !errors.Is(err, fs.ErrNotExist) {
				t.Errorf("a twin beside the link: %v", err)
			}
			if _, err := os.Stat(filepath.Join(Twin(target), Marker)); err != nil {
				t.Errorf("no twin beside the target: %v", err)
			}
			l1, _ := LockFile(link)
			l2, _ := LockFile(target)
			if l1 != l2 || filepath.Dir(l1) != filepath.Dir(target) {
				t.Errorf("lock files %s (link) and %s (target), want one beside the target", l1, l2)
			}
		})
	}
}

func rm(t *testing.T, p string) {
	t.Helper()
	if err := os.Remove(p); err != nil {
		t.Fatal(err)
	}
}

func rmAll(t *testing.T, p string) {
	t.Helper()
	if err := os.RemoveAll(p); err != nil {
		t.Fatal(err)
	}
}

func mv(t *testing.T, from, to string) {
	t.Helper()
	if err := os.Rename(from, to); err != nil {
		t.Fatal(err)
	}
}

func put(t *testing.T, p, data string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}
