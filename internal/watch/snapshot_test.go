package watch

import (
	"os"
	"path/filepath"
	"slices"
	"testing"
)

// A watched tree that disappears is a change even when its files went
// first and only empty directories were left at the last scan (rm -rf seen
// halfway by a poll): otherwise nothing would trigger the build that says
// the tree is missing.
func TestRootGoneIsAChange(t *testing.T) {
	root := t.TempDir()
	if err := os.MkdirAll(filepath.Join(root, "content", "demands"), 0o755); err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(root, "content", "demands", "a.md")
	if err := os.WriteFile(file, []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	s := newSnapshot(root, []string{"content", "layouts"})
	s.resolve(nil, true)
	os.Remove(file)
	if got := s.resolve(nil, true); !slices.Equal(got, []string{"content/demands/a.md"}) {
		t.Fatalf("file removed: %q", got)
	}
	if err := os.RemoveAll(filepath.Join(root, "content")); err != nil {
		t.Fatal(err)
	}
	if got := s.resolve(nil, true); !slices.Equal(got, []string{"content"}) {
		t.Fatalf("content/ removed: changes %q, want [content]", got)
	}
	if got := s.resolve(nil, true); len(got) != 0 {
		t.Fatalf("content/ still gone: changes %q, want none", got)
	}
	// The same through an event naming the directory.
	os.MkdirAll(filepath.Join(root, "content"), 0o755)
	s.resolve([]string{"content"}, false)
	os.Remove(filepath.Join(root, "content"))
	if got := s.resolve([]string{"content"}, false); !slices.Equal(got, []string{"content"}) {
		t.Fatalf("empty content/ removed (event): changes %q, want [content]", got)
	}
}
