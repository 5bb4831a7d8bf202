package sitefs

import (
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"syscall"
	"testing"
	"testing/fstest"
	"time"
)

// TestReadLimited: every file reads as the root reads it, whichever way
// it is taken; the limit gives the size and no bytes; a link out of the
// site and a missing file fail as they do through the root.
func TestReadLimited(t *testing.T) {
	root := site(t)
	f := New(root)
	defer f.Close()
	for name, want := range map[string]string{
		"content/_index.md":          "home",
		"content/demands/a.md":       "a",
		"content/deep/er/dir.md":     "deep",
		"content/demands/in-site.md": "b", // a link: the root's way
	} {
		got, size, err := f.ReadLimited(name, 100)
		if err != nil || string(got) != want || size != int64(len(want)) {
			t.Errorf("%s: %q, %d, %v; want %q", name, got, size, err, want)
		}
		if got, size, err := f.ReadLimited(name, int64(len(want))-1); err != nil || got != nil || size != int64(len(want)) {
			t.Errorf("%s over the limit: %q, %d, %v; want no bytes and its size", name, got, size, err)
		}
	}
	for _, name := range []string{"content/demands/outside.md", "content/demands/missing.md", "content/../x", "/etc/passwd", "content/demands"} {
		if got, _, err := f.ReadLimited(name, 100); err == nil {
			t.Errorf("%s read: %q", name, got)
		}
	}
}

// TestQuickReadTaken: on Linux a plain file inside an opened directory is
// read by descriptor, and a symbolic link is left to the root.
func TestQuickReadTaken(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("the quick way is Linux's")
	}
	f := New(site(t))
	defer f.Close()
	if data, _, err, ok := f.quickRead("content/demands", "a.md", 100); !ok || err != nil || string(data) != "a" {
		t.Errorf("a.md: %q, %v, %v; want the quick way", data, err, ok)
	}
	for _, file := range []string{"in-site.md", "outside.md", "missing.md"} {
		if _, _, _, ok := f.quickRead("content/demands", file, 100); ok {
			t.Errorf("%s taken the quick way", file)
		}
	}
}

// TestReadLimitedFIFO: a FIFO put where a source was does not hang the
// build waiting for a writer.
func TestReadLimitedFIFO(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("mkfifo is tested on Linux")
	}
	root := site(t)
	if err := syscall.Mkfifo(filepath.Join(root.Name(), "content/demands/pipe.md"), 0o644); err != nil {
		t.Fatal(err)
	}
	f := New(root)
	defer f.Close()
	done := make(chan error, 1)
	go func() {
		_, _, err := f.ReadLimited("content/demands/pipe.md", 100)
		done <- err
	}()
	select {
	case err := <-done:
		if !errors.Is(err, errNotRegular) {
			t.Errorf("FIFO: %v, want %v", err, errNotRegular)
		}
	case <-time.After(2 * time.Minute):
		// Unblock the reader so the test can end.
		if w, err := os.OpenFile(filepath.Join(root.Name(), "content/demands/pipe.md"), os.O_WRONLY, 0); err == nil {
			w.Close()
		}
		t.Fatal("reading a FIFO still waits after two minutes")
	}
}

// BenchmarkRead reads 1,000 small sources the quick way and through the
// root's os.File (Open, Stat, ReadFull), as a build did before.
func BenchmarkRead(b *testing.B) {
	dir := b.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, "content/demands"), 0o755); err != nil {
		b.Fatal(err)
	}
	names := make([]string, 1000)
	for i := range names {
		names[i] = "content/demands/" + strconv.Itoa(i) + ".md"
		if err := os.WriteFile(filepath.Join(dir, names[i]), make([]byte, 2000), 0o644); err != nil {
			b.Fatal(err)
		}
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		b.Fatal(err)
	}
	defer root.Close()
	b.Run("quick", func(b *testing.B) {
		f := New(root)
		defer f.Close()
		for b.Loop() {
			for _, n := range names {
				if _, _, err := f.ReadLimited(n, 1<<20); err != nil {
					b.Fatal(err)
				}
			}
		}
	})
	b.Run("file", func(b *testing.B) {
		f := New(root)
		defer f.Close()
		for b.Loop() {
			for _, n := range names {
				fl, err := f.Open(n)
				if err != nil {
					b.Fatal(err)
				}
				fi, _ := fl.Stat()
				buf := make([]byte, fi.Size()+1)
				io.ReadFull(fl, buf)
				fl.Close()
			}
		}
	})
}

// TestReadLimitedAnyFS: a file system without its own ReadLimited reads
// the same way through Open, Stat and Read, with the same limit.
func TestReadLimitedAnyFS(t *testing.T) {
	fsys := fstest.MapFS{"a/b.md": {Data: []byte("body")}, "a/dir/x": {Data: []byte("x")}}
	if data, size, err := ReadLimited(fsys, "a/b.md", 10); err != nil || string(data) != "body" || size != 4 {
		t.Errorf("a/b.md: %q, %d, %v", data, size, err)
	}
	if data, size, err := ReadLimited(fsys, "a/b.md", 3); err != nil || data != nil || size != 4 {
		t.Errorf("a/b.md over the limit: %q, %d, %v; want no bytes and its size", data, size, err)
	}
	if _, _, err := ReadLimited(fsys, "a/dir", 10); !errors.Is(err, errNotRegular) {
		t.Errorf("a directory: %v, want %v", err, errNotRegular)
	}
	if _, _, err := ReadLimited(fsys, "a/missing.md", 10); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("a missing file: %v", err)
	}
}
