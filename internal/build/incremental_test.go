package build_test

import (
	"bytes"
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/counterpoint-ssg/counterpoint/internal/benchsite"
	"github.com/counterpoint-ssg/counterpoint/internal/build"
)

// TestBuilderEqualsCleanBuild applies a table of edits one after another
// to a site and checks after each that the incremental build equals a
// clean build of the same files, byte for byte, and that cheap edits
// re-render only a few pages.
func TestBuilderEqualsCleanBuild(t *testing.T) {
	for _, later := range []bool{false, true} {
		t.Run(fmt.Sprintf("SearchLater=%v", later), func(t *testing.T) { builderEqualsClean(t, later) })
	}
}

// builderEqualsClean is TestBuilderEqualsCleanBuild; with later, each
// rebuild's index comes from Result.Later, and the Result it gives must
// equal the clean build.
func builderEqualsClean(t *testing.T, later bool) {
	fsys := benchsite.Generate(300)
	fsys["content/about.md"] = &fstest.MapFile{Data: []byte("---\ntitle: About\n---\n## Method\n\nSee [[demand-x|x]].\n")}
	first := "content/demands/dema-00001.md"
	term := "content/glossary/glos-00002.md"
	event := "content/timeline/time-00003.md"
	fsys["content/demands/demand-x.md"] = &fstest.MapFile{Data: []byte("---\ntitle: Demand X\nclaimant: Russia\n---\nBody of X with a [[glos-00002]] link.\n")}
	edit := func(p string, f func(string) string) func() []string {
		return func() []string {
			fsys[p] = &fstest.MapFile{Data: []byte(f(string(fsys[p].Data)))}
			return []string{p}
		}
	}
	cases := []struct {
		name string
		do   func() []string
		// most is the most pages the rebuild may render (0: no limit).
		most int
		// prose marks edits of prose alone, which must keep the site
		// model of the build before rather than assemble it again.
		prose bool
	}{
		{"nothing", func() []string { return []string{} }, 0 + 1, false},
		{"body text of a demand", edit(first, func(s string) string { return s + "\nA new closing sentence.\n" }), 6, true},
		{"body of a term", edit(term, func(s string) string { return s + "\nMore about the term.\n" }), 6, true},
		{"body of an event", edit(event, func(s string) string { return s + "\nMore about the event.\n" }), 6, true},
		{"code block added", edit(first, func(s string) string { return s + "\n```go\nfunc main() {}\n```\n" }), 0, true},
		{"code block removed", edit(first, func(s string) string { return s[:strings.Index(s, "\n```go")] }), 0, true},
		{"link label changed", edit("content/demands/demand-x.md", func(s string) string {
			return strings.Replace(s, "[[glos-00002]]", "[[glos-00002|the term]]", 1)
		}), 0, true},
		{"two bodies at once", func() []string {
			edit(first, func(s string) string { return s + "\nOne.\n" })()
			edit(term, func(s string) string { return s + "\nTwo.\n" })()
			return []string{first, term}
		}, 0, true},
		{"link target changed", edit("content/demands/demand-x.md", func(s string) string {
			return strings.Replace(s, "[[glos-00002|the term]]", "[[glos-00003|the term]]", 1)
		}), 0, false},
		{"body of the home page", edit("content/_index.md", func(s string) string { return s + "\nWelcome.\n" }), 0, false},
		{"body and front matter", edit(first, func(s string) string { return strings.Replace(s, "title: ", "title: Again ", 1) + "\nThree.\n" }), 0, false},
		{"term short text", edit(term, func(s string) string { return strings.Replace(s, "short: ", "short: Changed ", 1) }), 0, false},
		{"title of a demand", edit(first, func(s string) string { return strings.Replace(s, "title: ", "title: Renamed ", 1) }), 0, false},
		{"add a link", edit("content/demands/demand-x.md", func(s string) string { return s + "\nAnd [[dema-00001]].\n" }), 0, false},
		{"heading added", edit("content/about.md", func(s string) string { return s + "\n## Sources\n\nText.\n" }), 0, false},
		{"third section, so a table of contents", edit("content/about.md", func(s string) string { return s + "\n## Notes {#notes}\n\nMore.\n" }), 0, false},
		// The id stays, the table of contents changes.
		{"section renamed under its own id", edit("content/about.md", func(s string) string { return strings.Replace(s, "## Notes {#notes}", "## Remarks {#notes}", 1) }), 0, false},
		{"event date", edit(event, func(s string) string { return strings.Replace(s, "date: ", "date: 1989-01-01\nx_old_date: ", 1) }), 0, false},
		{"new page", func() []string {
			p := "content/demands/brand-new.md"
			fsys[p] = &fstest.MapFile{Data: []byte("---\ntitle: Brand new\n---\nNew [[demand-x]].\n")}
			return []string{p}
		}, 0, false},
		{"delete a page", func() []string {
			delete(fsys, "content/demands/brand-new.md")
			return []string{"content/demands/brand-new.md"}
		}, 0, false},
		// The preview records double, and with them the shards (data-previews).
		{"long summary added", func() []string {
			p := "content/demands/long-summary.md"
			fsys[p] = &fstest.MapFile{Data: []byte("---\ntitle: Long\nsummary: " + strings.Repeat("word ", 30000) + "\n---\nText.\n")}
			return []string{p}
		}, 0, false},
		{"long summary deleted", func() []string {
			delete(fsys, "content/demands/long-summary.md")
			return []string{"content/demands/long-summary.md"}
		}, 0, false},
		{"menu added", edit("content/_index.md", func(s string) string {
			return strings.Replace(s, "\nsummary: ", "\nmenu:\n  - title: About\n    link: about\n  - title: X\n    link: demand-x\nsummary: ", 1)
		}), 0, false},
		{"menu entry moved", edit("content/_index.md", func(s string) string { return strings.Replace(s, "link: demand-x", "link: /timeline/", 1) }), 0, false},
		{"labels added", edit("content/_index.md", func(s string) string {
			return strings.Replace(s, "\nsummary: ", "\nlabels: {answered_by: Replies, kinds_demand: Claims, search_no_results: None.}\nsummary: ", 1)
		}), 0, false},
		{"language changed", edit("content/_index.md", func(s string) string { return strings.Replace(s, "\nsummary: ", "\nlanguage: de\nsummary: ", 1) }), 0, false},
		{"layout override", func() []string {
			fsys["layouts/partials/footer.html"] = &fstest.MapFile{Data: []byte("<footer>custom footer {{.Site.Title}}</footer>\n")}
			return []string{"layouts/partials/footer.html"}
		}, 0, false},
		{"asset added", func() []string {
			fsys["assets/extra.css"] = &fstest.MapFile{Data: []byte("body{color:red}")}
			return []string{"assets/extra.css"}
		}, 0, false},
		{"unknown change set", func() []string {
			fsys[first] = &fstest.MapFile{Data: append(bytes.Clone(fsys[first].Data), "\nUnannounced.\n"...)}
			return nil
		}, 0, false},
		{"static file", func() []string {
			fsys["content/demands/map.svg"] = &fstest.MapFile{Data: []byte("<svg xmlns='http://www.w3.org/2000/svg'/>")}
			return []string{"content/demands/map.svg"}
		}, 0, false},
		{"site settings", edit("content/_index.md", func(s string) string {
			return strings.Replace(s, "title: ", "base_url: https://example.org/sub/\ntitle: ", 1)
		}), 0, false},
		{"map and neighbourhoods off", edit("content/_index.md", func(s string) string {
			return strings.Replace(s, "title: ", "pictures: {map: false, neighbourhood: false}\ntitle: ", 1)
		}), 0, false},
		{"map and neighbourhoods on again", edit("content/_index.md", func(s string) string {
			return strings.Replace(s, "pictures: {map: false, neighbourhood: false}\n", "", 1)
		}), 0, false},
	}
	b := build.NewBuilder(build.Inputs{FS: fsys, SearchLater: later})
	prev, err := b.Build(context.Background(), nil)
	if err != nil {
		t.Fatal(err)
	}
	if prev.Later != nil {
		t.Fatal("the first build left its index for later")
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			changed := c.do()
			got, err := b.Build(context.Background(), changed)
			if err != nil {
				t.Fatal(err)
			}
			if kept := got.Site == prev.Site; kept != c.prose {
				t.Errorf("site model of the build before kept: %v, want %v", kept, c.prose)
			}
			prev = got
			if later != (got.Later != nil) {
				t.Fatalf("Later set: %v, want %v", got.Later != nil, later)
			}
			if later {
				ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
				defer cancel()
				if got, err = got.Later(ctx); err != nil {
					t.Fatal(err)
				}
			}
			want, err := build.Build(context.Background(), build.Inputs{FS: fsys})
			if err != nil {
				t.Fatal(err)
			}
			if diff := compareFiles(got.Files, want.Files); diff != "" {
				t.Fatal(diff)
			}
			if c.most > 0 && got.Stats.Rendered > c.most {
				t.Errorf("rendered %d pages, want at most %d", got.Stats.Rendered, c.most)
			}
		})
	}
}

// TestBuilderKeepsLastGoodState checks that a failed build does not
// poison the next one.
func TestBuilderKeepsLastGoodState(t *testing.T) {
	fsys := benchsite.Generate(100)
	p := "content/demands/dema-00001.md"
	good := fsys[p].Data
	b := build.NewBuilder(build.Inputs{FS: fsys})
	if _, err := b.Build(context.Background(), nil); err != nil {
		t.Fatal(err)
	}
	fsys[p] = &fstest.MapFile{Data: append(bytes.Clone(good), "\n[[no-such-page]]\n"...)}
	if _, err := b.Build(context.Background(), []string{p}); err == nil {
		t.Fatal("broken link: want an error")
	}
	fsys[p] = &fstest.MapFile{Data: append(bytes.Clone(good), "\nFixed.\n"...)}
	got, err := b.Build(context.Background(), []string{p})
	if err != nil {
		t.Fatal(err)
	}
	want, _ := build.Build(context.Background(), build.Inputs{FS: fsys})
	if diff := compareFiles(got.Files, want.Files); diff != "" {
		t.Fatal(diff)
	}
}

func compareFiles(got, want map[string][]byte) string {
	var diffs []string
	for p, w := range want {
		g, ok := got[p]
		switch {
		case !ok:
			diffs = append(diffs, "missing "+p)
		case !bytes.Equal(g, w):
			diffs = append(diffs, "differs "+p)
		}
	}
	for p := range got {
		if _, ok := want[p]; !ok {
			diffs = append(diffs, "extra "+p)
		}
	}
	slices.Sort(diffs)
	if len(diffs) > 10 {
		diffs = append(diffs[:10], fmt.Sprintf("... and %d more", len(diffs)-10))
	}
	return strings.Join(diffs, "\n")
}
