package build

import (
	"bytes"
	"context"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"sync"
	"testing"
	"testing/fstest"

	"github.com/counterpoint-ssg/counterpoint/internal/benchsite"
	"github.com/counterpoint-ssg/counterpoint/internal/cache"
	"github.com/counterpoint-ssg/counterpoint/internal/content"
	"github.com/counterpoint-ssg/counterpoint/internal/site"
)

func pngBytes(t testing.TB, w, h int) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := png.Encode(&b, image.NewGray(image.Rect(0, 0, w, h))); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// cacheSite is a generated site with what else a parse depends on: a
// sized image, a warning (an image from another host), footnotes, code.
func cacheSite(t testing.TB) fstest.MapFS {
	fsys := benchsite.Generate(120)
	fsys["content/notes/index.md"] = &fstest.MapFile{Data: []byte("---\ntitle: Notes\n---\n![A map](map.png)\n\n![Far](https://elsewhere.example/x.png)\n\nSee [[dema-00001]].\n")}
	fsys["content/notes/map.png"] = &fstest.MapFile{Data: pngBytes(t, 40, 30)}
	fsys["content/glossary/_index.md"] = &fstest.MapFile{Data: []byte("---\ntitle: Glossary\n---\nThe words of the site.\n\n## How to read it\n")}
	return fsys
}

// sameBuild fails unless got has exactly want's files and warnings.
func sameBuild(t *testing.T, label string, got, want *Result) {
	t.Helper()
	if !slices.Equal(got.Paths(), want.Paths()) {
		t.Fatalf("%s: files differ:\n%v\nwant\n%v", label, got.Paths(), want.Paths())
	}
	for _, p := range want.Paths() {
		if !bytes.Equal(got.Files[p], want.Files[p]) {
			t.Fatalf("%s: %s differs:\n%s\nwant\n%s", label, p, got.Files[p], want.Files[p])
		}
	}
	if g, w := got.Warnings.Error(), want.Warnings.Error(); g != w {
		t.Fatalf("%s: warnings\n%s\nwant\n%s", label, g, w)
	}
}

// TestParseCache: a build with the cache cold, warm, or holding a bad
// pack writes exactly what a build without a cache writes, and a warm
// cache spares the parse of every body whose text (or image) is the same.
func TestParseCache(t *testing.T) {
	fsys := cacheSite(t)
	dir, err := cache.Open(filepath.Join(t.TempDir(), "cache"))
	if err != nil {
		t.Fatal(err)
	}
	in := Inputs{FS: fsys, Cache: dir, Root: "/sites/one"}
	want := mustBuild(t, Inputs{FS: fsys})
	shared := 1 // the glossary's own body, parsed after loading: never cached

	cold := mustBuild(t, in)
	sameBuild(t, "cold", cold, want)
	if cold.Stats.Parsed != want.Stats.Parsed || cold.Stats.Parsed < 100 {
		t.Fatalf("cold cache parsed %d bodies, want %d", cold.Stats.Parsed, want.Stats.Parsed)
	}
	packs, _ := filepath.Glob(filepath.Join(dir.Root(), "parsed", "*.pack"))
	if len(packs) != 1 {
		t.Fatalf("packs written: %v", packs)
	}

	warm := mustBuild(t, in)
	sameBuild(t, "warm", warm, want)
	if warm.Stats.Parsed != shared {
		t.Fatalf("warm cache: %d bodies parsed, want %d", warm.Stats.Parsed, shared)
	}

	// Another site's root keeps its own pack.
	other := mustBuild(t, Inputs{FS: fsys, Cache: dir, Root: "/sites/two"})
	sameBuild(t, "other root", other, want)
	if other.Stats.Parsed != want.Stats.Parsed {
		t.Errorf("another site's build used this one's pack: %d parsed", other.Stats.Parsed)
	}

	good, err := os.ReadFile(packs[0])
	if err != nil {
		t.Fatal(err)
	}
	for name, bad := range map[string][]byte{
		"truncated":    good[:len(good)/2],
		"byte flipped": append(append(bytes.Clone(good[:len(good)/3]), good[len(good)/3]^1), good[len(good)/3+1:]...),
		"empty":        {},
		"garbage":      bytes.Repeat([]byte{0xff, 0}, 999),
	} {
		if err := os.WriteFile(packs[0], bad, 0o644); err != nil {
			t.Fatal(err)
		}
		got := mustBuild(t, in)
		sameBuild(t, name, got, want)
		if got.Stats.Parsed != want.Stats.Parsed {
			t.Errorf("%s pack: %d parsed, want all %d", name, got.Stats.Parsed, want.Stats.Parsed)
		}
	}

	// A changed body is parsed again; the rest come from the cache.
	mustBuild(t, in)
	page := fsys["content/demands/dema-00003.md"]
	page.Data = append(bytes.Clone(page.Data), "\nA new closing line with [[coun-00002]].\n"...)
	want = mustBuild(t, Inputs{FS: fsys})
	got := mustBuild(t, in)
	sameBuild(t, "changed body", got, want)
	if got.Stats.Parsed != shared+1 {
		t.Errorf("changed body: %d parsed, want %d", got.Stats.Parsed, shared+1)
	}

	// So is a page whose image changed size, though its text did not.
	fsys["content/notes/map.png"] = &fstest.MapFile{Data: pngBytes(t, 80, 20)}
	want = mustBuild(t, Inputs{FS: fsys})
	got = mustBuild(t, in)
	sameBuild(t, "changed image", got, want)
	if !bytes.Contains(got.Files["notes/index.html"], []byte(`width="80" height="20"`)) || got.Stats.Parsed != shared+1 {
		t.Errorf("changed image: %d parsed:\n%s", got.Stats.Parsed, got.Files["notes/index.html"])
	}

	// And one whose front matter grew, moving its body's warnings down.
	fsys["content/notes/index.md"].Data = bytes.Replace(fsys["content/notes/index.md"].Data, []byte("title: Notes\n"), []byte("title: Notes\nsummary: Where things are.\n"), 1)
	want = mustBuild(t, Inputs{FS: fsys})
	got = mustBuild(t, in)
	sameBuild(t, "moved body", got, want)
	if len(want.Warnings) == 0 || got.Stats.Parsed != shared+1 {
		t.Errorf("moved body: %d parsed, warnings %v", got.Stats.Parsed, want.Warnings)
	}

	// And every body when a setting parsing reads changes.
	want = mustBuild(t, Inputs{FS: fsys, BaseURL: "https://example.org/sub/"})
	got = mustBuild(t, Inputs{FS: fsys, BaseURL: "https://example.org/sub/", Cache: dir, Root: "/sites/one"})
	sameBuild(t, "new base URL", got, want)
	if got.Stats.Parsed != want.Stats.Parsed {
		t.Errorf("new base URL: %d parsed, want all %d", got.Stats.Parsed, want.Stats.Parsed)
	}
}

// TestParseCacheBuilder: a preview server's first build reads the cache
// and its later builds still equal clean builds.
func TestParseCacheBuilder(t *testing.T) {
	fsys := cacheSite(t)
	dir, err := cache.Open(filepath.Join(t.TempDir(), "cache"))
	if err != nil {
		t.Fatal(err)
	}
	in := Inputs{FS: fsys, Cache: dir, Root: "/site"}
	mustBuild(t, in)
	b := NewBuilder(in)
	first, err := b.Build(context.Background(), nil)
	if err != nil {
		t.Fatal(err)
	}
	sameBuild(t, "first", first, mustBuild(t, Inputs{FS: fsys}))
	if first.Stats.Parsed != 1 {
		t.Errorf("first build of a Builder parsed %d bodies with a warm cache", first.Stats.Parsed)
	}
	page := fsys["content/counterpositions/coun-00004.md"]
	page.Data = append(bytes.Clone(page.Data), "\nMore.\n"...)
	next, err := b.Build(context.Background(), []string{"content/counterpositions/coun-00004.md"})
	if err != nil {
		t.Fatal(err)
	}
	sameBuild(t, "after an edit", next, mustBuild(t, Inputs{FS: fsys}))
}

// TestBodyCodec: every parsed body of a site comes back from its entry
// as it went in, and no shortened entry decodes.
func TestBodyCodec(t *testing.T) {
	fsys := cacheSite(t)
	b := &builder{in: Inputs{FS: fsys}, static: map[string]bool{}, reuse: clean{}}
	var mu sync.Mutex
	var texts []content.Body
	b.onParse = func(cb content.Body) {
		mu.Lock()
		texts = append(texts, cb)
		mu.Unlock()
	}
	if _, _, err := b.load(); err != nil {
		t.Fatal(err)
	}
	if len(texts) < 100 {
		t.Fatalf("only %d bodies seen", len(texts))
	}
	for _, cb := range texts {
		bd := b.parseOne(cb, "", templateIDSet)
		data := encodeBody(bd, pageParts{cb.Page.HeadingIDs, cb.Page.Sections})
		got, parts, ok := decodeBody(data)
		if !ok || !reflect.DeepEqual(got, bd) || !slices.Equal(parts.headings, cb.Page.HeadingIDs) || !slices.Equal(parts.sections, cb.Page.Sections) {
			t.Errorf("%s: entry decodes as %+v, %+v, %v; want %+v", cb.Page.Path, got, parts, ok, bd)
		}
		for n := range len(data) {
			if _, _, ok := decodeBody(data[:n]); ok {
				t.Errorf("%s: entry cut to %d of %d bytes decodes", cb.Page.Path, n, len(data))
				break
			}
		}
	}
}

func FuzzDecodeBody(f *testing.F) {
	f.Add(encodeBody(&body{html: []byte("<p>x</p>"), links: []linkRef{{wiki: true, target: "a", line: 3, col: 4}},
		notes: []note{{1, 2, "m"}}, images: []imageFile{{"content/a.png", 1, 2, true}}}, pageParts{[]string{"h"}, []site.Section{{ID: "h", Text: "H"}}}))
	f.Fuzz(func(t *testing.T, data []byte) {
		bd, _, ok := decodeBody(data)
		if ok && bd == nil {
			t.Fatal("ok without a body")
		}
	})
}
