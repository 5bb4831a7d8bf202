package content

import (
	"reflect"
	"testing"
	"testing/fstest"

	"github.com/counterpoint-ssg/counterpoint/internal/site"
)

func TestValidSlug(t *testing.T) {
	for s, want := range map[string]bool{
		"nato": true, "no-nato-expansion": true, "inf-1987": true, "2022": true,
		"": false, "NATO": false, "-x": false, "x-": false, "a--b": false, "a_b": false, "a b": false, "é": false, "a/b": false,
	} {
		if got := ValidSlug(s); got != want {
			t.Errorf("ValidSlug(%q) = %v, want %v", s, got, want)
		}
	}
}

// TestKindsAndURLs checks where each file of content/ is published.
func TestKindsAndURLs(t *testing.T) {
	page := func(fm string) *fstest.MapFile { return &fstest.MapFile{Data: []byte("---\n" + fm + "\n---\nBody.\n")} }
	fsys := fstest.MapFS{
		"content/_index.md":                    page("title: Home"),
		"content/about.md":                     page("title: About"),
		"content/guides/_index.md":             page("title: Guides"),
		"content/guides/intro.md":              page("title: Intro"),
		"content/guides/deep/more.md":          page("title: More"),
		"content/press/index.md":               page("title: Press"),
		"content/press/kit.pdf":                {Data: []byte("%PDF")},
		"content/demands/x.md":                 page("title: X"),
		"content/demands/renamed.md":           page("title: R\nslug: other"),
		"content/demands/bundle/index.md":      page("title: Bundle"),
		"content/demands/bundle/map.png":       {Data: []byte("png")},
		"content/counterpositions/c.md":        page("title: C\nresponds_to: [x]"),
		"content/glossary/t.md":                page("title: T\nshort: A term."),
		"content/glossary/_index.md":           page("title: Words"),
		"content/timeline/e.md":                page("title: E\ndate: 2020"),
		"content/actors/a.md":                  page("title: A"),
		"content/actors/.draft-notes.md":       page("title: Hidden"),
		"content/actors/a.md~":                 page("title: Backup"),
		"content/counterpositions/_index.md":   page("title: Answers"),
		"content/counterpositions/notes/n.md":  page("title: Nested note"),
		"content/demands/bundle/data/table.md": page("title: Deep in a bundle"),
		// Markdown under any case of .md, and .markdown, as Hugo reads them;
		// the leftovers of patch and merge tools are not the writer's.
		"content/guides/long.markdown":      page("title: Long"),
		"content/demands/shout.MD":          page("title: Shout"),
		"content/actors/b.Md":               page("title: B"),
		"content/actors/hidden.mArKdOwN":    page("title: Hidden\ndraft: true"),
		"content/actors/a.md.orig":          page("title: Before the merge"),
		"content/actors/a.md.rej":           page("title: Rejected hunk"),
		"content/press/notes.markdown.orig": page("title: Old notes"),
	}
	res, errs := Load(fsys, Options{})
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	got := map[string][2]string{}
	for _, p := range append([]*site.Page{res.Site.Home}, res.Site.All...) {
		got[p.Path] = [2]string{string(p.Kind), p.URL}
	}
	for _, l := range res.Site.Lists {
		if l.Path != "" {
			got[l.Path] = [2]string{string(l.Kind) + "/" + string(l.ListKind), l.URL}
		}
	}
	want := map[string][2]string{
		"content/_index.md":                    {"home", "/"},
		"content/about.md":                     {"page", "/about/"},
		"content/guides/_index.md":             {"list/page", "/guides/"},
		"content/guides/intro.md":              {"page", "/guides/intro/"},
		"content/guides/deep/more.md":          {"page", "/guides/deep/more/"},
		"content/press/index.md":               {"page", "/press/"},
		"content/demands/x.md":                 {"demand", "/demands/x/"},
		"content/demands/renamed.md":           {"demand", "/demands/other/"},
		"content/demands/bundle/index.md":      {"demand", "/demands/bundle/"},
		"content/counterpositions/c.md":        {"counterposition", "/counterpositions/c/"},
		"content/glossary/t.md":                {"term", "/glossary/#t"},
		"content/glossary/_index.md":           {"list/term", "/glossary/"},
		"content/timeline/e.md":                {"event", "/timeline/#e"},
		"content/actors/a.md":                  {"actor", "/actors/a/"},
		"content/counterpositions/_index.md":   {"list/counterposition", "/counterpositions/"},
		"content/counterpositions/notes/n.md":  {"page", "/counterpositions/notes/n/"},
		"content/demands/bundle/data/table.md": {"page", "/demands/bundle/data/table/"},
		"content/guides/long.markdown":         {"page", "/guides/long/"},
		"content/demands/shout.MD":             {"demand", "/demands/shout/"},
		"content/actors/b.Md":                  {"actor", "/actors/b/"},
	}
	if !reflect.DeepEqual(got, want) {
		for k, v := range want {
			if got[k] != v {
				t.Errorf("%s: got %v, want %v", k, got[k], v)
			}
		}
		for k, v := range got {
			if _, ok := want[k]; !ok {
				t.Errorf("unexpected page %s %v", k, v)
			}
		}
	}
	if wantStatic := []string{"demands/bundle/map.png", "press/kit.pdf"}; !reflect.DeepEqual(res.Static, wantStatic) {
		t.Errorf("Static = %q, want %q", res.Static, wantStatic)
	}
	if res.Site.Lists[site.Term].Title != "Words" || res.Site.Lists[site.Demand].Title != "Demands" {
		t.Errorf("list titles: %q, %q", res.Site.Lists[site.Term].Title, res.Site.Lists[site.Demand].Title)
	}
	if got := res.Site.Lists["guides"]; got == nil || len(got.Pages) != 2 || got.Pages[0].Title != "Intro" || got.Pages[1].Title != "Long" {
		t.Errorf("the guides section lists %v", got)
	}
}

func TestSettings(t *testing.T) {
	fsys := fstest.MapFS{
		"content/_index.md": {Data: []byte("---\ntitle: Site\nsummary: About it.\nlanguage: fr\nbase_url: https://example.org/x/\nunsafe: true\ncolour: red\n---\n")},
	}
	res, errs := Load(fsys, Options{})
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	s := res.Site
	if s.Title != "Site" || s.Summary != "About it." || s.Language != "fr" || s.BaseURL != "https://example.org/x/" || !s.Unsafe || s.Params["colour"] != "red" {
		t.Errorf("settings: %+v", s)
	}
	res, _ = Load(fstest.MapFS{"content/_index.md": {Data: []byte("---\ntitle: Site\n---\n")}}, Options{})
	if s := res.Site; s.Language != "en" || s.BaseURL != "/" || s.Unsafe {
		t.Errorf("defaults: language %q, base %q, unsafe %v", s.Language, s.BaseURL, s.Unsafe)
	}
}

// TestMarkdownExtensions checks that the home page is found under any
// Markdown extension (its settings are applied before bodies are parsed),
// and that one page under two extensions is refused rather than one of the
// two silently winning.
func TestMarkdownExtensions(t *testing.T) {
	res, errs := Load(fstest.MapFS{
		"content/_index.markdown": {Data: []byte("---\ntitle: Site\nlanguage: fr\nunsafe: true\n---\n")},
		"content/about.md":        {Data: []byte("---\ntitle: About\n---\n")},
	}, Options{Parse: func(s *site.Site, b Body) any {
		if !s.Unsafe || s.Language != "fr" {
			t.Errorf("%s parsed before the settings were applied", b.Page.Path)
		}
		return nil
	}})
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	if res.Site.Home == nil || res.Site.Home.Path != "content/_index.markdown" {
		t.Errorf("home %v", res.Site.Home)
	}
	_, errs = Load(fstest.MapFS{
		"content/_index.md":  {Data: []byte("---\ntitle: Site\n---\n")},
		"content/_index.MD":  {Data: []byte("---\ntitle: Other site\n---\n")},
		"content/x.markdown": {Data: []byte("---\ntitle: X\n---\n")},
		"content/x.md":       {Data: []byte("---\ntitle: X again\n---\n")},
	}, Options{})
	want := "content/_index.md:1:1: content/_index.MD is the same page under another extension: keep one of the two\n" +
		"content/x.md:1:1: content/x.markdown is the same page under another extension: keep one of the two"
	if got := errs.Sort().Error(); got != want {
		t.Errorf("errors:\n%s\nwant:\n%s", got, want)
	}
}
