package sitefs

import (
	"io/fs"
	"os"
	"path/filepath"
	"testing"
	"testing/fstest"
)

// site makes a directory tree with a link that leaves its directory but
// stays in the site, and one that leaves the site.
func site(t *testing.T) *os.Root {
	t.Helper()
	dir := t.TempDir()
	for name, data := range map[string]string{
		"content/_index.md":      "home",
		"content/demands/a.md":   "a",
		"content/glossary/b.md":  "b",
		"layouts/baseof.html":    "base",
		"content/deep/er/dir.md": "deep",
	} {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	outside := filepath.Join(t.TempDir(), "secret.md")
	if err := os.WriteFile(outside, []byte("secret"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("../glossary/b.md", filepath.Join(dir, "content/demands/in-site.md")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(outside, filepath.Join(dir, "content/demands/outside.md")); err != nil {
		t.Fatal(err)
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { root.Close() })
	return root
}

func TestReadsLikeTheRoot(t *testing.T) {
	root := site(t)
	f := New(root)
	defer f.Close()
	for name, want := range map[string]string{
		"content/_index.md":          "home",
		"content/demands/a.md":       "a",
		"content/glossary/b.md":      "b",
		"content/deep/er/dir.md":     "deep",
		"content/demands/in-site.md": "b", // leaves its directory, not the site
	} {
		got, err := fs.ReadFile(f, name)
		if err != nil || string(got) != want {
			t.Errorf("%s: %q, %v; want %q", name, got, err, want)
		}
		// The same bytes through Open, the path the loader takes.
		fl, err := f.Open(name)
		if err != nil {
			t.Fatalf("open %s: %v", name, err)
		}
		fi, err := fl.Stat()
		fl.Close()
		if err != nil || fi.Size() != int64(len(want)) {
			t.Errorf("stat %s: %v, %v", name, fi, err)
		}
	}
	for _, name := range []string{"content/demands/outside.md", "content/demands/missing.md", "content/../x", "/etc/passwd", "content/demands/"} {
		if fl, err := f.Open(name); err == nil {
			fl.Close()
			t.Errorf("%s opened", name)
		}
		_, rootErr := root.FS().Open(name)
		_, err := f.Open(name)
		if err == nil || rootErr == nil || err.Error() != rootErr.Error() {
			t.Errorf("%s: error %v, the root's %v", name, err, rootErr)
		}
	}
	if len(f.dirs) == 0 {
		t.Error("no directory was opened as a root")
	}
	if err := f.Close(); err != nil || len(f.dirs) != 0 {
		t.Errorf("close: %v, %d left", err, len(f.dirs))
	}
}

// TestFSContract runs the standard file system checks.
func TestFSContract(t *testing.T) {
	root := site(t)
	if err := root.Remove("content/demands/outside.md"); err != nil {
		t.Fatal(err)
	}
	f := New(root)
	defer f.Close()
	if err := fstest.TestFS(f, "content/_index.md", "content/demands/a.md", "layouts/baseof.html"); err != nil {
		t.Fatal(err)
	}
}
