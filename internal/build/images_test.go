package build_test

import (
	"bytes"
	"context"
	"image"
	"image/png"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/counterpoint-ssg/counterpoint/internal/build"
)

// TestImageSizeRebuild replaces an image by one of another size and
// rebuilds: the page's width and height follow, as a clean build's do,
// although the page's text did not change.
func TestImageSizeRebuild(t *testing.T) {
	pngOf := func(w, h int) []byte {
		var b bytes.Buffer
		if err := png.Encode(&b, image.NewGray(image.Rect(0, 0, w, h))); err != nil {
			t.Fatal(err)
		}
		return b.Bytes()
	}
	fsys := fstest.MapFS{
		"content/_index.md":        {Data: []byte("---\ntitle: Site\n---\n")},
		"content/notes/index.md":   {Data: []byte("---\ntitle: Notes\n---\n![A map](map.png)\n")},
		"content/notes/map.png":    {Data: pngOf(40, 30)},
		"content/notes/unused.txt": {Data: []byte("x")},
	}
	b := build.NewBuilder(build.Inputs{FS: fsys})
	first, err := b.Build(context.Background(), nil)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(first.Files["notes/index.html"]), `<img src="map.png" alt="A map" width="40" height="30">`) {
		t.Fatalf("no size:\n%s", first.Files["notes/index.html"])
	}
	fsys["content/notes/map.png"] = &fstest.MapFile{Data: pngOf(80, 20)}
	got, err := b.Build(context.Background(), []string{"content/notes/map.png"})
	if err != nil {
		t.Fatal(err)
	}
	want, err := build.Build(context.Background(), build.Inputs{FS: fsys})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(want.Files["notes/index.html"]), `width="80" height="20"`) {
		t.Fatalf("clean build: no new size:\n%s", want.Files["notes/index.html"])
	}
	if !bytes.Equal(got.Files["notes/index.html"], want.Files["notes/index.html"]) {
		t.Errorf("rebuild:\n%s\nclean build:\n%s", got.Files["notes/index.html"], want.Files["notes/index.html"])
	}
}

// TestDraftWarningRebuild: with drafts built, a page that becomes a draft
// makes the links into it warn on the next rebuild, as a clean build does.
func TestDraftWarningRebuild(t *testing.T) {
	fsys := fstest.MapFS{
		"content/_index.md":          {Data: []byte("---\ntitle: Site\n---\nSee [[cordon]].\n")},
		"content/glossary/cordon.md": {Data: []byte("---\ntitle: Cordon\nshort: A line.\n---\nText.\n")},
	}
	b := build.NewBuilder(build.Inputs{FS: fsys, Drafts: true})
	if res, err := b.Build(context.Background(), nil); err != nil || len(res.Warnings) != 0 {
		t.Fatalf("first build: %v, warnings %v", err, res.Warnings)
	}
	fsys["content/glossary/cordon.md"] = &fstest.MapFile{Data: []byte("---\ntitle: Cordon\nshort: A line.\ndraft: true\n---\nText.\n")}
	got, err := b.Build(context.Background(), []string{"content/glossary/cordon.md"})
	if err != nil {
		t.Fatal(err)
	}
	want, err := build.Build(context.Background(), build.Inputs{FS: fsys, Drafts: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(want.Warnings) != 1 || got.Warnings.Error() != want.Warnings.Error() {
		t.Errorf("rebuild warnings %q, clean build's %q", got.Warnings.Error(), want.Warnings.Error())
	}
}

// A prose edit (rebuilt without reloading the site model) reports the
// warnings a clean build of the same files reports: the edited page's new
// ones, and the other pages' old ones.
func TestProseEditWarnings(t *testing.T) {
	fsys := fstest.MapFS{
		"content/_index.md":        {Data: []byte("---\ntitle: Site\nbase_url: https://example.org/\n---\nHome.\n")},
		"content/about.md":         {Data: []byte("---\ntitle: About\n---\nText.\n")},
		"content/notes/other.md":   {Data: []byte("---\ntitle: Other\n---\n<b>raw</b> stays.\n")},
		"content/notes/picture.md": {Data: []byte("---\ntitle: Picture\n---\nNone yet.\n")},
	}
	b := build.NewBuilder(build.Inputs{FS: fsys})
	if _, err := b.Build(context.Background(), nil); err != nil {
		t.Fatal(err)
	}
	for i, text := range []string{"Now <i>raw</i> too.\n", "Plain again.\n", "Two: <u>a</u> and <s>b</s>.\n"} {
		fsys["content/about.md"] = &fstest.MapFile{Data: []byte("---\ntitle: About\n---\n" + text)}
		got, err := b.Build(context.Background(), []string{"content/about.md"})
		if err != nil {
			t.Fatal(err)
		}
		want, err := build.Build(context.Background(), build.Inputs{FS: fsys})
		if err != nil {
			t.Fatal(err)
		}
		if len(want.Warnings) == 0 || got.Warnings.Error() != want.Warnings.Error() {
			t.Errorf("edit %d: rebuild warnings %q, clean build's %q", i, got.Warnings.Error(), want.Warnings.Error())
		}
		if got.Stats.Rendered == want.Stats.Rendered {
			t.Errorf("edit %d: the rebuild rendered every page (%d): the prose-edit path was not taken", i, got.Stats.Rendered)
		}
	}
}
