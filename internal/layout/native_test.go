package layout

import (
	"bytes"
	"testing"

	"github.com/counterpoint-ssg/counterpoint/internal/date"
	"github.com/counterpoint-ssg/counterpoint/internal/site"
)

// TestGeneratedRendersEveryLayout renders a page of every kind with the
// generated code itself, not through Execute: Execute falls back to the
// templates on any error, so the build's equality tests would still pass
// if the generated code failed on every page. Here it must succeed, and
// give the templates' bytes, for every built-in page layout.
func TestGeneratedRendersEveryLayout(t *testing.T) {
	s, errs := Load(nil, Funcs(URLs{Base: "https://example.org/sub/", Path: "/sub/"}, func(name string) (string, bool) {
		return "assets/" + name, true
	}))
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	seen := map[string]bool{}
	for _, p := range richSite() {
		name := s.For(p)
		if !s.native.covers(name) {
			t.Fatalf("%s is not covered", name)
		}
		var got, want bytes.Buffer
		if err := s.native.render(&got, name, p); err != nil {
			t.Fatalf("%s, %q: the generated code failed: %v", name, p.Title, err)
		}
		if err := s.pages[name].ExecuteTemplate(&want, Base, p); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got.Bytes(), want.Bytes()) {
			i := commonPrefix(got.Bytes(), want.Bytes())
			t.Errorf("%s, %q differs at byte %d:\ngenerated: %q\ntemplates: %q", name, p.Title, i, got.Bytes()[i:], want.Bytes()[i:])
		}
		seen[name] = true
	}
	for name := range s.pages {
		if !seen[name] {
			t.Errorf("no page rendered with %s", name)
		}
	}
}

// richSite is a small site whose pages take most branches of the
// built-in layouts, with the awkward characters of TestEscapersMatchHTMLTemplate.
func richSite() []*site.Page {
	day := func(y, m, d int) date.Date { return date.Date{Y: y, M: m, D: d, Prec: date.Day} }
	s := &site.Site{Title: `Site & "Co" + 'x'`, Summary: "About <this>", Language: "en", CSP: "default-src 'self'",
		Params: map[string]any{"crisis_from": "2021-11"}}
	s.Menu = []site.MenuEntry{{Title: "Demands", URL: "/demands/", Href: "/sub/demands/"}, {Title: "Q&A", URL: "/q/", Href: "/sub/q/?a=1&b=2"}}
	page := func(kind site.Kind, slug, title string) *site.Page {
		url := "/" + site.Dir[kind] + "/" + slug + "/"
		return &site.Page{Kind: kind, Slug: slug, Title: title, URL: url, Href: "/sub" + url, Permalink: "https://example.org/sub" + url, Site: s}
	}
	src := site.Source{Title: "A + B", Publisher: "P & Q", URL: "https://example.org/a b?c=d&e=%zz", Date: day(2021, 12, 3)}
	d := page(site.Demand, "d", `No <expansion> & "more"`)
	d.Claimant, d.Date, d.StatedBy, d.Summary = "Moscow", day(2021, 12, 17), "Lavrov", "Why"
	d.Sources = []site.Source{src, {Title: "Plain"}}
	d.StatedIn = &d.Sources[0]
	c := page(site.Counterposition, "c", "Open door")
	c.Respondent, c.RespondsTo, c.Updated = "NATO", []*site.Page{d}, day(2022, 1, 2)
	d.Counterpositions = []*site.Page{c}
	a := page(site.Actor, "a", "Sergey Lavrov")
	a.Role = "Foreign minister"
	term := page(site.Term, "t", "Ärger")
	term.Short, term.Aliases, term.Content = "A + B <b>", []string{"x", "y<z"}, "<p>Defined.</p>"
	term.URL = "/glossary/#t"
	ev := page(site.Event, "e", "Talks")
	ev.Date, ev.End, ev.Summary = day(2022, 1, 10), day(2022, 1, 12), "Geneva"
	ev.Related, ev.Sources = []*site.Page{d}, []site.Source{src}
	old := page(site.Event, "o", "Enlargement")
	old.Date = date.Date{Y: 1999, Prec: date.Year}
	g := page(site.Generic, "about", "About")
	g.Content, g.HasCode, g.Prev, g.Next = "<pre><code>x</code></pre>", true, a, c
	g.Events, g.Terms, g.Actors, g.Backlinks = []*site.Page{ev}, []*site.Page{term}, []*site.Page{a}, []*site.Page{d, term}
	term.Backlinks, d.Backlinks = []*site.Page{g, d}, []*site.Page{g}
	s.Demands, s.Counterpositions, s.Actors, s.Generic = []*site.Page{d}, []*site.Page{c}, []*site.Page{a}, []*site.Page{g}
	s.Terms, s.Events = []*site.Page{term}, []*site.Page{old, ev}
	list := func(kind site.Kind, title string, pages []*site.Page) *site.Page {
		p := page(site.List, "", title)
		p.ListKind, p.Pages, p.URL = kind, pages, "/"+site.Dir[kind]+"/"
		return p
	}
	demands := list(site.Demand, "Demands", s.Demands)
	search := list("search", "Search", []*site.Page{demands, list(site.Actor, "Actors", s.Actors)})
	d.Neighbourhood = `<svg class="map-svg"><a href="/sub/c/"><text>Open &amp; door</text></a></svg>`
	s.Map = &site.Map{Home: "<svg><title>Map &lt;1&gt;</title></svg>", Full: "<svg><title>Full</title></svg>", Positions: 2, Href: "/sub/map/",
		Claimants:   []site.Group{{Key: "Moscow & co", ID: "claimant-moscow-co", Pages: s.Demands}, {Key: "", ID: "claimant-none", Pages: nil}},
		Respondents: []site.Group{{Key: "NATO", ID: "respondent-nato", Pages: s.Counterpositions}}}
	mapPage := list("map", "Map", nil)
	mapPage.URL = "/map/"
	home := page(site.Home, "", "Home")
	home.URL, home.Summary, home.Content = "/", "The summary", "<p>Background.</p>"
	return []*site.Page{home, d, c, a, g, demands, list(site.Counterposition, "Counterpositions", nil),
		list(site.Term, "Glossary", s.Terms), list(site.Event, "Timeline", s.Events), search, mapPage, page(site.NotFound, "", "Not found")}
}
