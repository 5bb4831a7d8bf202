package content

import (
	"io/fs"
	"slices"
	"testing"
	"testing/fstest"
)

// countingFS counts the directory reads a walk of content/ makes.
type countingFS struct {
	fstest.MapFS
	reads int
}

func (c *countingFS) ReadDir(name string) ([]fs.DirEntry, error) {
	c.reads++
	return c.MapFS.ReadDir(name)
}

// TestCacheReusesFileList checks when a load with a Cache and a list of
// changed paths walks content/ again: never for edits to known files or
// for noise files, always when a file may have been added, removed or
// replaced by something that is not a file, and always after a walk that
// refused something (so its errors are reported each time).
func TestCacheReusesFileList(t *testing.T) {
	fsys := &countingFS{MapFS: fstest.MapFS{
		"content/_index.md":    {Data: []byte("---\ntitle: Home\n---\n")},
		"content/demands/a.md": {Data: []byte("---\ntitle: A\nclaimant: X\n---\nA.\n")},
		"content/about.md":     {Data: []byte("---\ntitle: About\n---\n")},
	}}
	cache := NewCache()
	load := func(changed []string) []string {
		t.Helper()
		res, errs := Load(fsys, Options{Cache: cache, Changed: changed})
		if len(errs) > 0 {
			t.Fatalf("load: %v", errs)
		}
		var paths []string
		for _, p := range res.Site.All {
			paths = append(paths, p.Path)
		}
		slices.Sort(paths)
		return paths
	}
	walked := func(want bool, step string) {
		t.Helper()
		if got := fsys.reads > 0; got != want {
			t.Errorf("%s: walked content/ = %v, want %v", step, got, want)
		}
		fsys.reads = 0
	}
	all := load(nil)
	walked(true, "first load")
	if len(all) != 2 {
		t.Fatalf("pages %v", all)
	}

	fsys.MapFS["content/demands/a.md"] = &fstest.MapFile{Data: []byte("---\ntitle: A2\nclaimant: X\n---\nA.\n")}
	if got := load([]string{"content/demands/a.md"}); !slices.Equal(got, all) {
		t.Errorf("after an edit: %v", got)
	}
	walked(false, "an edit")

	if got := load([]string{"content/demands/.a.md.swp", "layouts/page.html"}); !slices.Equal(got, all) {
		t.Errorf("after noise: %v", got)
	}
	walked(false, "a swap file and a layout")

	fsys.MapFS["content/demands/b.md"] = &fstest.MapFile{Data: []byte("---\ntitle: B\nclaimant: X\n---\n")}
	if got := load([]string{"content/demands/b.md"}); len(got) != 3 {
		t.Errorf("a new file is missing: %v", got)
	}
	walked(true, "a new file")

	delete(fsys.MapFS, "content/demands/b.md")
	if got := load([]string{"content/demands/b.md"}); !slices.Equal(got, all) {
		t.Errorf("a removed file is still there: %v", got)
	}
	walked(true, "a removed file")

	if got := load([]string{"content/demands"}); !slices.Equal(got, all) {
		t.Errorf("after a directory event: %v", got)
	}
	walked(true, "a directory")

	fsys.MapFS["content/about.md"] = &fstest.MapFile{Mode: fs.ModeDir}
	fsys.MapFS["content/about.md/x.md"] = &fstest.MapFile{Data: []byte("---\ntitle: X\n---\n")}
	load([]string{"content/about.md"})
	walked(true, "a file replaced by a directory")

	// A walk that refused something is not reused.
	fsys.MapFS["content/fifo.md"] = &fstest.MapFile{Mode: fs.ModeNamedPipe}
	for _, changed := range []string{"content/fifo.md", "content/_index.md"} {
		if _, errs := Load(fsys, Options{Cache: cache, Changed: []string{changed}}); len(errs) == 0 {
			t.Fatalf("changed %s: a named pipe was not refused", changed)
		}
		walked(true, "a refused file, then "+changed)
	}
}
