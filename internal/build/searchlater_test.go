package build_test

import (
	"bytes"
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/counterpoint-ssg/counterpoint/internal/build"
	"github.com/counterpoint-ssg/counterpoint/internal/cache"
)

// TestSearchMemoKeptInMemory checks that a Builder writes the search
// memo to the cache directory on its first build only: an edit's index
// (here from Later) keeps its memo in memory rather than rewriting the
// file, which at 10,000 pages is tens of megabytes per keystroke.
func TestSearchMemoKeptInMemory(t *testing.T) {
	c, err := cache.Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	fsys := fstest.MapFS{}
	for k, v := range searchSite {
		fsys[k] = &fstest.MapFile{Data: v.Data}
	}
	b := build.NewBuilder(build.Inputs{FS: fsys, Cache: c, Root: "/sites/a", SearchLater: true})
	if _, err := b.Build(context.Background(), nil); err != nil {
		t.Fatal(err)
	}
	memo := findMemo(t, c.Root())
	before, err := os.ReadFile(memo)
	if err != nil {
		t.Fatal(err)
	}
	p := "content/glossary/aegis.md"
	fsys[p] = &fstest.MapFile{Data: []byte(strings.Replace(string(fsys[p].Data), "Deveselu", "Redzikowo", 1))}
	res, err := b.Build(context.Background(), []string{p})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	if res, err = res.Later(ctx); err != nil {
		t.Fatal(err)
	}
	if urls := newReader(t, res.Files).query("redzikowo", 8); len(urls) != 1 {
		t.Fatalf("redzikowo after the edit: %q", urls)
	}
	after, err := os.ReadFile(memo)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(before, after) {
		t.Error("the edit rewrote the search memo in the cache directory")
	}
}

// findMemo returns the one search memo under dir.
func findMemo(t *testing.T, dir string) string {
	t.Helper()
	var memos []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".memo") {
			memos = append(memos, p)
		}
		return err
	})
	if err != nil || len(memos) != 1 {
		t.Fatalf("search memos in the cache: %q (%v), want one", memos, err)
	}
	return memos[0]
}
