package build_test

import (
	"bytes"
	"context"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/counterpoint-ssg/counterpoint/internal/benchsite"
	"github.com/counterpoint-ssg/counterpoint/internal/build"
	"github.com/counterpoint-ssg/counterpoint/internal/cache"
	"github.com/counterpoint-ssg/counterpoint/internal/search"
)

// TestSearchFragmentFiles builds a generated site large enough for
// pages to share fragment files: with no cache, a cold one, a warm one
// and a damaged one the index is the same bytes; the warm build leaves
// the cache's memo as it was (it compressed nothing, or it would have
// written the memo anew); and an edit of one page's body renames one or
// two fragment files, keeping every other's name.
func TestSearchFragmentFiles(t *testing.T) {
	if testing.Short() {
		t.Skip("builds 5,000 pages several times")
	}
	site := benchsite.Generate(5000)
	none := searchFiles(t, site, nil)
	frags := 0
	for p := range none {
		if strings.HasPrefix(p, search.FragmentDir) {
			frags++
		}
	}
	if frags == 0 || frags > 5000/2 {
		t.Fatalf("%d fragment files for 5,000 pages", frags)
	}
	c, err := cache.Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	sameIndex(t, "cold cache", searchFiles(t, site, c), none)
	memo := memoFile(t, c)
	before, err := os.Stat(memo)
	if err != nil {
		t.Fatal(err)
	}
	sameIndex(t, "warm cache", searchFiles(t, site, c), none)
	if after, err := os.Stat(memo); err != nil || !os.SameFile(before, after) {
		t.Errorf("the warm build wrote the memo anew (%v)", err)
	}
	data, err := os.ReadFile(memo)
	if err != nil {
		t.Fatal(err)
	}
	data[len(data)-100] ^= 0x10 // among the last fragment file's bytes
	if err := os.WriteFile(memo, data, 0o644); err != nil {
		t.Fatal(err)
	}
	sameIndex(t, "damaged cache", searchFiles(t, site, c), none)

	edited := maps.Clone(site)
	for _, k := range slices.Sorted(maps.Keys(site)) {
		if strings.HasPrefix(k, "content/demands/") {
			edited[k] = &fstest.MapFile{Data: append(bytes.Clone(site[k].Data), "\nOne more sentence, about quaggas.\n"...)}
			break
		}
	}
	got := searchFiles(t, edited, c)
	sameIndex(t, "edit with the cache", got, searchFiles(t, edited, nil))
	renamed := 0
	for p := range none {
		if strings.HasPrefix(p, search.FragmentDir) && got[p] == nil {
			renamed++
		}
	}
	if renamed < 1 || renamed > 2 {
		t.Errorf("an edit of one page renamed %d of %d fragment files, want 1 or 2", renamed, frags)
	}
	t.Logf("an edit of one page renamed %d of %d fragment files", renamed, frags)
	if urls := newReader(t, got).query("quaggas", 8); len(urls) != 1 {
		t.Errorf("quaggas after the edit: %q", urls)
	}
}

// searchFiles builds fsys with the cache c (nil: none) and returns the
// search index's files.
func searchFiles(t *testing.T, fsys fs.FS, c *cache.Dir) map[string][]byte {
	t.Helper()
	res, err := build.Build(context.Background(), build.Inputs{FS: fsys, Cache: c, Root: "/site"})
	if err != nil {
		t.Fatal(err)
	}
	out := map[string][]byte{}
	for p, d := range res.Files {
		if strings.HasPrefix(p, "search/") || strings.HasPrefix(p, "assets/search/") {
			out[p] = d
		}
	}
	return out
}

func sameIndex(t *testing.T, what string, got, want map[string][]byte) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("%s: %d index files, want %d", what, len(got), len(want))
	}
	for p, d := range want {
		if !bytes.Equal(got[p], d) {
			t.Fatalf("%s: %s differs", what, p)
		}
	}
}

// memoFile is the one search memo in c.
func memoFile(t *testing.T, c *cache.Dir) string {
	t.Helper()
	m, err := filepath.Glob(filepath.Join(c.Root(), "search", "*.memo"))
	if err != nil || len(m) != 1 {
		t.Fatalf("search memos in the cache: %q (%v)", m, err)
	}
	return m[0]
}
