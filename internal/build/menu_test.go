package build

import (
	"context"
	"fmt"
	"strings"
	"sync/atomic"
	"testing"
	"testing/fstest"
)

// menuHome is the base site's home page with a menu setting reaching every
// form of link: a list page's slug, a page's slug, a term's slug, a site
// path and an absolute URL, with titles that need escaping.
const menuHome = `-- content/_index.md --
---
title: Test site
summary: A site for tests.
menu:
  - title: Positions & answers
    link: demands
  - title: About
    link: about
  - title: NATO
    link: nato
  - title: Method
    link: /about/#method
  - title: "<Elsewhere>"
    link: https://example.org/x?a=1&b=2
---
The home page.
`

// section returns the part of page html from the first start to the next
// end, failing the test when either is missing.
func section(t *testing.T, html, start, end string) string {
	t.Helper()
	i := strings.Index(html, start)
	if i < 0 {
		t.Fatalf("no %q in:\n%s", start, html)
	}
	j := strings.Index(html[i:], end)
	if j < 0 {
		t.Fatalf("no %q after %q", end, start)
	}
	return html[i : i+j+len(end)]
}

// TestMenu checks that the menu setting is the header's navigation and the
// footer's links, in its order, with the base path on site paths and the
// page it leads to marked as current.
func TestMenu(t *testing.T) {
	fsys := defaultLayoutSite(t, menuHome)
	res := mustBuild(t, Inputs{FS: fsys, BaseURL: "https://example.org/sub/"})
	about := file(t, res, "about/index.html")
	wantNav := `<ul>
<li><a href="/sub/demands/">Positions &amp; answers</a></li>
<li><a href="/sub/about/" aria-current="page">About</a></li>
<li><a href="/sub/glossary/#nato">NATO</a></li>
<li><a href="/sub/about/#method">Method</a></li>
<li><a href="https://example.org/x?a=1&amp;b=2">&lt;Elsewhere&gt;</a></li>
</ul>`
	if got := section(t, about, `<nav class="site-nav"`, "</nav>"); !strings.Contains(got, wantNav) {
		t.Errorf("header navigation:\n%s\nwant it to hold:\n%s", got, wantNav)
	}
	wantFooter := `<ul class="inline">
<li><a href="/sub/demands/">Positions &amp; answers</a></li>
<li><a href="/sub/about/">About</a></li>
<li><a href="/sub/glossary/#nato">NATO</a></li>
<li><a href="/sub/about/#method">Method</a></li>
<li><a href="https://example.org/x?a=1&amp;b=2">&lt;Elsewhere&gt;</a></li>
<li><a href="/sub/search/">All pages</a></li>
<li><a href="/sub/atom.xml">Atom feed</a></li>
</ul>`
	if got := section(t, about, `<footer class="site-footer">`, "</footer>"); !strings.Contains(got, wantFooter) {
		t.Errorf("footer:\n%s\nwant it to hold:\n%s", got, wantFooter)
	}
	if n := sameWithTemplates(t, Inputs{FS: fsys, BaseURL: "https://example.org/sub/"}); n < 5 {
		t.Errorf("only %d files compared", n)
	}
}

// TestDefaultMenu checks a site without a menu setting: the header lists
// the sections as it always has, and the footer the same entries, never
// the site's plain pages.
func TestDefaultMenu(t *testing.T) {
	res := mustBuild(t, Inputs{FS: defaultLayoutSite(t, "")})
	demands := file(t, res, "demands/index.html")
	entries := `
<li><a href="/demands/" aria-current="page">Demands</a></li>
<li><a href="/counterpositions/">Counterpositions</a></li>
<li><a href="/timeline/">Timeline</a></li>
<li><a href="/glossary/">Glossary</a></li>
<li><a href="/actors/">Actors</a></li>
</ul>`
	if got := section(t, demands, `<nav class="site-nav"`, "</nav>"); !strings.Contains(got, entries) {
		t.Errorf("header navigation:\n%s\nwant the sections:%s", got, entries)
	}
	footer := section(t, demands, `<footer class="site-footer">`, "</footer>")
	if strings.Contains(footer, "/about/") {
		t.Errorf("footer lists a plain page:\n%s", footer)
	}
	if !strings.Contains(footer, `<li><a href="/timeline/">Timeline</a></li>`) {
		t.Errorf("footer lacks the sections:\n%s", footer)
	}
	// Without actors, no Actors entry.
	fsys := defaultLayoutSite(t, "-- content/actors/lavrov.md --\nDELETE\n")
	res = mustBuild(t, Inputs{FS: fsys})
	if strings.Contains(file(t, res, "index.html"), ">Actors</a>") {
		t.Errorf("a site without actors links to them")
	}
}

// TestMenuErrors checks each mistake in a menu setting is reported at its
// entry.
func TestMenuErrors(t *testing.T) {
	for _, c := range []struct {
		name, menu string
		want       []string
	}{
		{"unknown-slug", "menu:\n  - title: A\n    link: about\n  - title: X\n    link: nothing-here\n",
			[]string{`content/_index.md:7:11: menu: no page has the slug "nothing-here"`}},
		{"not-a-list", "menu: about\n",
			[]string{`content/_index.md:3:7: menu must be a list of {title, link}, not the string "about"`}},
		{"entry-not-a-map", "menu: [about]\n",
			[]string{`content/_index.md:3:8: each menu entry must be a mapping with title and link, not the string "about"`}},
		{"no-link", "menu:\n  - title: A\n",
			[]string{`content/_index.md:4:5: a menu entry needs a title and a link`}},
		{"bad-link", "menu:\n  - title: A\n    link: Not a slug\n",
			[]string{`content/_index.md:5:11: menu link "Not a slug": use a page's slug, a site path (/timeline/) or an http(s) URL`}},
		{"path-to-nothing", "menu:\n  - title: A\n    link: /nowhere/\n",
			[]string{`content/_index.md:5:11: menu: nothing is published at /nowhere/`}},
		{"missing-anchor", "menu:\n  - title: A\n    link: /about/#nope\n",
			[]string{`content/_index.md:5:11: menu: /about/ has no element with id "nope"`}},
	} {
		t.Run(c.name, func(t *testing.T) {
			home := "-- content/_index.md --\n---\ntitle: Test site\n" + c.menu + "---\nHome.\n"
			got := buildErrors(t, Inputs{FS: defaultLayoutSite(t, home)})
			if strings.Join(got, "\n") != strings.Join(c.want, "\n") {
				t.Errorf("errors:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(c.want, "\n"))
			}
		})
	}
}

// plainSite is a site of n plain pages and nothing else.
func plainSite(n int) fstest.MapFS {
	fsys := fstest.MapFS{"content/_index.md": {Data: []byte("---\ntitle: Plain\nsummary: Many plain pages.\n---\nHome.\n")}}
	for i := range n {
		fsys[fmt.Sprintf("content/p-%d.md", i)] = &fstest.MapFile{Data: []byte(fmt.Sprintf("---\ntitle: Plain page %d\nsummary: Page %d.\n---\nSome text for page %d.\n", i, i, i))}
	}
	return fsys
}

// TestOutputGrowsLinearly builds sites of n and 2n plain pages with the
// built-in layouts: the output per page must not grow with the number of
// pages, as it did when every footer listed every plain page.
func TestOutputGrowsLinearly(t *testing.T) {
	perPage := func(n int) float64 {
		var total atomic.Int64
		res, err := Build(context.Background(), Inputs{FS: plainSite(n), Sink: func(_ string, data []byte) error {
			total.Add(int64(len(data)))
			return nil
		}})
		if err != nil {
			t.Fatal(err)
		}
		return float64(total.Load()) / float64(res.Stats.Pages)
	}
	small, large := perPage(300), perPage(600)
	if ratio := large / small; ratio > 1.03 {
		t.Errorf("%.0f bytes of output per page at 600 pages, %.0f at 300: ratio %.2f, want at most 1.03", large, small, ratio)
	}
}
