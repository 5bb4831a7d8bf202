package output

import (
	"os"
	"path/filepath"
	"testing"
)

// TestFirstRebuildLinks: the build after a fresh one finds no twin; it
// links the live files whose bytes it would write instead of writing
// them, and the build after that still never changes a live file in
// place.
func TestFirstRebuildLinks(t *testing.T) {
	src, dest := dirs(t)
	mustWrite(t, src, dest, siteA)
	if _, err := os.Lstat(Twin(dest)); !os.IsNotExist(err) {
		t.Fatalf("a fresh build left a twin: %v", err)
	}
	live := func(p string) os.FileInfo {
		fi, err := os.Stat(filepath.Join(dest, filepath.FromSlash(p)))
		if err != nil {
			t.Fatal(err)
		}
		return fi
	}
	before := map[string]os.FileInfo{}
	for p := range siteA {
		before[p] = live(p)
	}

	// The same site again, but for one file.
	next := map[string][]byte{"index.html": []byte("A home"), "x/y.html": []byte("A y, edited"), "x/z/w.css": []byte("A w")}
	st, err := Write(src, dest, next)
	if err != nil {
		t.Fatal(err)
	}
	if st.Written != 1 || st.Unchanged != 2 {
		t.Errorf("first rebuild: %+v, want 1 written and 2 unchanged", st)
	}
	if got := tree(t, dest); !same(got, next) {
		t.Fatalf("published %q", got)
	}
	for _, p := range []string{"index.html", "x/z/w.css"} {
		if !os.SameFile(before[p], live(p)) {
			t.Errorf("%s was written again rather than linked", p)
		}
	}
	// The previous build, now the twin, still has its own bytes.
	if got := tree(t, Twin(dest)); !same(got, siteA) {
		t.Errorf("the twin holds %q, want the previous build", got)
	}

	// A change to a linked file replaces it in the twin; the live
	// site's copy is untouched until the swap.
	third := map[string][]byte{"index.html": []byte("A home, edited"), "x/y.html": []byte("A y, edited"), "x/z/w.css": []byte("A w")}
	mustWrite(t, src, dest, third)
	if got := tree(t, Twin(dest)); !same(got, next) {
		t.Errorf("after the third build the twin holds %q, want the second build", got)
	}
}
