package output

import (
	"context"
	"errors"
	"io/fs"
	"path/filepath"
	"testing"
)

// TestLinkGoneThenPut: a Link whose source has vanished (pruned from a
// shared cache by another build) fails with fs.ErrNotExist and gives the
// path up, so the caller can Put the bytes there instead.
func TestLinkGoneThenPut(t *testing.T) {
	src, dest := dirs(t)
	gone := filepath.Join(t.TempDir(), "gone.png")
	w, err := Begin(context.Background(), src, dest, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	if err := w.Link("assets/cards/c.png", gone, "k1"); !errors.Is(err, fs.ErrNotExist) {
		t.Fatalf("Link of a vanished file: %v, want fs.ErrNotExist", err)
	}
	if err := w.Put("assets/cards/c.png", []byte("drawn again")); err != nil {
		t.Fatalf("Put after the failed Link: %v", err)
	}
	if _, err := w.Commit(); err != nil {
		t.Fatal(err)
	}
	if got := read(t, filepath.Join(dest, "assets/cards/c.png")); got != "drawn again" {
		t.Fatalf("published %q", got)
	}
}
