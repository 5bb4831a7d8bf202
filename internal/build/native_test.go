package build

import (
	"bytes"
	"context"
	"io/fs"
	"os"
	"path"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/counterpoint-ssg/counterpoint/internal/benchsite"
)

// sameWithTemplates builds a site twice, with the Go transcription of the
// built-in layouts and with their templates, and fails on any file whose
// bytes differ, showing where.
func sameWithTemplates(t *testing.T, in Inputs) (files int) {
	t.Helper()
	fast, errFast := Build(context.Background(), in)
	in.TemplatesOnly = true
	slow, errSlow := Build(context.Background(), in)
	if (errFast == nil) != (errSlow == nil) || (errFast != nil && errFast.Error() != errSlow.Error()) {
		t.Fatalf("errors differ:\ntranscription: %v\ntemplates: %v", errFast, errSlow)
	}
	if errFast != nil {
		return 0
	}
	for _, name := range slow.Paths() {
		a, b := fast.Files[name], slow.Files[name]
		if !bytes.Equal(a, b) {
			i := 0
			for i < len(a) && i < len(b) && a[i] == b[i] {
				i++
			}
			lo := max(0, i-120)
			t.Errorf("%s differs at byte %d:\ntranscription: %q\ntemplates:     %q", name, i, a[lo:min(len(a), i+80)], b[lo:min(len(b), i+80)])
		}
	}
	if len(fast.Files) != len(slow.Files) {
		t.Errorf("%d files with the transcription, %d with the templates", len(fast.Files), len(slow.Files))
	}
	return len(slow.Files)
}

// TestNativeMatchesTemplates holds the Go transcription of the built-in
// layouts (layout/native.go) to the templates it transcribes, byte for
// byte, on sites that reach every branch: the repository's site, with and
// without a base path; the test fixture site; a generated site; a site of
// hostile strings in every field; a site with nothing but a home page; and
// a site that overrides every partial, so the transcription must run the
// site's templates from inside.
func TestNativeMatchesTemplates(t *testing.T) {
	root := repoRoot(t)
	xss := defaultLayoutSite(t, "")
	for name := range xss {
		if strings.HasPrefix(name, "content/") {
			delete(xss, name)
		}
	}
	for name, data := range xssSite(t) {
		xss[name] = &fstest.MapFile{Data: []byte(data)}
	}
	overridden := defaultLayoutSite(t, "")
	partials, err := fs.Glob(os.DirFS("../layout/defaults"), "partials/*.html")
	if err != nil || len(partials) == 0 {
		t.Fatalf("no built-in partials: %v", err)
	}
	for _, p := range partials {
		data, err := os.ReadFile(path.Join("../layout/defaults", p))
		if err != nil {
			t.Fatal(err)
		}
		overridden["layouts/"+p] = &fstest.MapFile{Data: append([]byte("<i>"+p+"</i>"), data...)}
	}
	for _, c := range []struct {
		name string
		in   Inputs
	}{
		{"repository", Inputs{FS: os.DirFS(root)}},
		{"repository-base-path", Inputs{FS: os.DirFS(root), BaseURL: "https://example.org/a+b/dir/"}},
		{"fixture", Inputs{FS: defaultLayoutSite(t, "")}},
		{"fixture-own-layouts", Inputs{FS: baseSite(t, "")}},
		{"generated", Inputs{FS: benchsite.Generate(300)}},
		{"hostile", Inputs{FS: xss, BaseURL: "https://example.org/sub/"}},
		{"home-only", Inputs{FS: fstest.MapFS{"content/_index.md": {Data: []byte("---\ntitle: Only\n---\n")}}}},
		{"overridden-partials", Inputs{FS: overridden}},
	} {
		t.Run(c.name, func(t *testing.T) {
			if n := sameWithTemplates(t, c.in); n < 5 {
				t.Errorf("only %d files compared", n)
			}
		})
	}
}

// FuzzNative builds a site around one arbitrary page with the Go
// transcription of the built-in layouts and with their templates: the two
// must agree on every byte, or fail with the same errors.
func FuzzNative(f *testing.F) {
	for _, s := range []string{
		"---\ntitle: X & Y + <Z>\nsummary: \"'quoted'\"\nupdated: 2022-01-02\n---\nBody [[x]].\n",
		"---\ntitle: A demand\nclaimant: R\ndate: 2021-12\nsources:\n  - title: S+T\n    url: https://example.org/a b?c=d&e=%zz\n    publisher: P\n    date: 2022\n---\n",
		"---\ntitle: X\nsources:\n  - title: S\n    url: HTTPS://example.org/ſ\n---\n",
		"---\ntitle: \"\\0 nul\"\n---\n```go\nx\n```\n",
	} {
		f.Add([]byte(s), uint8(0))
		f.Add([]byte(s), uint8(3))
	}
	kinds := []string{"x.md", "demands/x.md", "counterpositions/x.md", "glossary/x.md", "timeline/x.md", "actors/x.md"}
	f.Fuzz(func(t *testing.T, data []byte, kind uint8) {
		fsys := fstest.MapFS{
			"content/_index.md":                      {Data: []byte(fuzzHome)},
			"content/demands/d.md":                   {Data: []byte("---\ntitle: D\nclaimant: Someone\ndate: 2021-12-17\n---\nSee [[x]].\n")},
			"content/glossary/t.md":                  {Data: []byte("---\ntitle: T\nshort: A term.\n---\nUsed by [[x]].\n")},
			"content/timeline/e.md":                  {Data: []byte("---\ntitle: E\ndate: 2022-01-10\nrelated: [d, x]\n---\n")},
			"content/" + kinds[int(kind)%len(kinds)]: {Data: data},
		}
		sameWithTemplates(t, Inputs{FS: fsys})
	})
}

// TestNativeFallsBackOnError checks that when a partial the site overrides
// fails inside the Go layouts, the build reports the error exactly as the
// templates do, at the partial's file and line.
func TestNativeFallsBackOnError(t *testing.T) {
	fsys := defaultLayoutSite(t, "")
	fsys["layouts/partials/footer.html"] = &fstest.MapFile{Data: []byte("<footer>\n{{.Nope}}</footer>\n")}
	got := buildErrors(t, Inputs{FS: fsys})
	if len(got) == 0 || !strings.HasPrefix(got[0], "layouts/partials/footer.html:2:") {
		t.Fatalf("errors %q, want one at layouts/partials/footer.html:2", got)
	}
	if n := sameWithTemplates(t, Inputs{FS: fsys}); n != 0 {
		t.Errorf("a failing build compared %d files", n)
	}
}
