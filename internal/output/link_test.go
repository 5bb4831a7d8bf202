package output

import (
	"context"
	"os"
	"path/filepath"
	"syscall"
	"testing"
)

// linkBuild writes one build: a page by Put and a kept file by Link.
func linkBuild(t *testing.T, src, dest, kept, sum string) Stats {
	t.Helper()
	w, err := Begin(context.Background(), src, dest, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	if err := w.Put("index.html", []byte("home")); err != nil {
		t.Fatal(err)
	}
	if err := w.Link("assets/cards/c.png", kept, sum); err != nil {
		t.Fatal(err)
	}
	st, err := w.Commit()
	if err != nil {
		t.Fatal(err)
	}
	return st
}

// TestLink places a kept file by hard link, leaves it alone (without
// reading it) while its sum is the same, replaces it when the sum
// changes, links it again into an emptied destination, and never lets a
// later Put of the path write through the link into the kept file.
func TestLink(t *testing.T) {
	src, dest := dirs(t)
	cache := t.TempDir()
	kept := filepath.Join(cache, "one.png")
	put(t, kept, "card one")
	out := filepath.Join(dest, "assets/cards/c.png")

	if st := linkBuild(t, src, dest, kept, "k1"); st.Written != 2 {
		t.Fatalf("first build: %+v, want 2 written", st)
	}
	sameFile(t, kept, out, true)
	linkBuild(t, src, dest, kept, "k1") // into the twin, empty until now

	// Unchanged: nothing written, and the kept file is not even read.
	if err := os.Rename(kept, kept+".away"); err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 2; i++ {
		if st := linkBuild(t, src, dest, kept, "k1"); st.Written != 0 || st.Unchanged != 2 {
			t.Fatalf("unchanged build %d: %+v, want 0 written", i, st)
		}
	}
	if got := read(t, out); got != "card one" {
		t.Fatalf("published %q", got)
	}
	if err := os.Rename(kept+".away", kept); err != nil {
		t.Fatal(err)
	}

	// A new sum: the new file is linked in, the old one left as it was.
	two := filepath.Join(cache, "two.png")
	put(t, two, "card two")
	if st := linkBuild(t, src, dest, two, "k2"); st.Written != 1 {
		t.Fatalf("changed build: %+v, want 1 written", st)
	}
	sameFile(t, two, out, true)
	if got := read(t, kept); got != "card one" {
		t.Fatalf("kept file now %q", got)
	}

	// An emptied destination (a fresh CI checkout) links again.
	rmAll(t, dest)
	rmAll(t, Twin(dest))
	linkBuild(t, src, dest, two, "k2")
	sameFile(t, two, out, true)

	// Put over the linked path writes a file of its own.
	for i := 0; i < 2; i++ { // into the twin, then into the former destination
		if _, err := Write(src, dest, map[string][]byte{"assets/cards/c.png": []byte("drawn")}); err != nil {
			t.Fatal(err)
		}
	}
	if got := read(t, two); got != "card two" {
		t.Fatalf("Put wrote through the link: kept file now %q", got)
	}
	if got := read(t, out); got != "drawn" {
		t.Fatalf("published %q", got)
	}
}

// TestLinkCopiesAcrossFileSystems falls back to a copy when the kept file
// is on another file system than the destination.
func TestLinkCopiesAcrossFileSystems(t *testing.T) {
	src, dest := dirs(t)
	other, err := os.MkdirTemp("/dev/shm", "counterpoint-link-")
	if err != nil {
		t.Skip("no /dev/shm for a second file system:", err)
	}
	defer os.RemoveAll(other)
	var a, b syscall.Stat_t
	if syscall.Stat(other, &a) != nil || syscall.Stat(src, &b) != nil || a.Dev == b.Dev {
		t.Skip("/dev/shm is on the same file system as the test's temporary directory")
	}
	kept := filepath.Join(other, "c.png")
	put(t, kept, "card")
	linkBuild(t, src, dest, kept, "k")
	out := filepath.Join(dest, "assets/cards/c.png")
	sameFile(t, kept, out, false)
	if got := read(t, out); got != "card" {
		t.Fatalf("published %q", got)
	}
	linkBuild(t, src, dest, kept, "k")
	if st := linkBuild(t, src, dest, kept, "k"); st.Written != 0 {
		t.Fatalf("unchanged build: %+v", st)
	}
}

func sameFile(t *testing.T, a, b string, want bool) {
	t.Helper()
	fa, err := os.Stat(a)
	if err != nil {
		t.Fatal(err)
	}
	fb, err := os.Stat(b)
	if err != nil {
		t.Fatal(err)
	}
	if os.SameFile(fa, fb) != want {
		t.Fatalf("%s and %s: same file %v, want %v", a, b, !want, want)
	}
}

func read(t *testing.T, p string) string {
	t.Helper()
	data, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}
