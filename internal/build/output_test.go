package build

import (
	"encoding/json"
	"encoding/xml"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// TestOutputFiles checks the set of files a build writes.
func TestOutputFiles(t *testing.T) {
	res := mustBuild(t, Inputs{FS: baseSite(t, "")})
	var got []string
	asset := regexp.MustCompile(`^assets/([a-z]+)\.[0-9a-f]{8}\.(css|js)$`)
	for _, p := range res.Paths() {
		if m := asset.FindStringSubmatch(p); m != nil {
			p = "assets/" + m[1] + ".HASH." + m[2]
		}
		got = append(got, p)
	}
	want := []string{
		"404.html",
		"_headers",
		"about/index.html",
		"actors/index.html",
		"actors/lavrov/index.html",
		"assets/site.HASH.css",
		"assets/site.HASH.js",
		"assets/syntax.HASH.css",
		"atom.xml",
		"counterpositions/index.html",
		"counterpositions/open-door/index.html",
		"counterpositions/talks/index.html",
		"demands/guarantees/index.html",
		"demands/index.html",
		"demands/no-expansion/index.html",
		"glossary/index.html",
		"index.html",
		"map/index.html",
		"robots.txt",
		"search-index.json",
		"search/index.html",
		"search/index.json",
		"sitemap.xml",
		"timeline/index.html",
	}
	// Built-in assets may grow (fonts, scripts); the files above must be there.
	for _, w := range want {
		if !slices.Contains(got, w) {
			t.Errorf("missing output %s", w)
		}
	}
	for _, g := range got {
		if !slices.Contains(want, g) && !strings.HasPrefix(g, "assets/") {
			t.Errorf("unexpected output %s", g)
		}
	}
	if s := res.Stats; s.Pages != 15 || s.Terms != 3 || s.Events != 3 || s.Files != len(res.Files) {
		t.Errorf("Stats = %+v, want 15 pages, 3 terms, 3 events, %d files", s, len(res.Files))
	}
	// Entries live on the shared pages only.
	for _, p := range got {
		if strings.HasPrefix(p, "glossary/nato") || strings.HasPrefix(p, "timeline/minsk") {
			t.Errorf("an entry got its own file: %s", p)
		}
	}
}

// ids returns the id attributes of an HTML document in order.
func ids(html string) []string {
	var out []string
	for _, m := range regexp.MustCompile(` id="([^"]+)"`).FindAllStringSubmatch(html, -1) {
		out = append(out, m[1])
	}
	return out
}

// inOrder reports whether want appear in got in this order (others may
// come between).
func inOrder(got, want []string) bool {
	i := 0
	for _, g := range got {
		if i < len(want) && g == want[i] {
			i++
		}
	}
	return i == len(want)
}

func TestListPages(t *testing.T) {
	res := mustBuild(t, Inputs{FS: baseSite(t, "")})
	tests := []struct {
		file  string
		title string
		links []string
	}{
		{"demands/index.html", "Demands", []string{`<a href="/demands/no-expansion/">No further NATO expansion</a>`, `<a href="/demands/guarantees/">Legally binding guarantees</a>`}},
		{"counterpositions/index.html", "Counterpositions", []string{`<a href="/counterpositions/open-door/">The open door</a>`, `<a href="/counterpositions/talks/">Talks remain possible</a>`}},
		{"actors/index.html", "Actors", []string{`<a href="/actors/lavrov/">Sergey Lavrov</a>`}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			out := file(t, res, tt.file)
			if !strings.Contains(out, "<h1>"+tt.title+"</h1>") {
				t.Errorf("no title %q:\n%s", tt.title, out)
			}
			last := -1
			for _, l := range tt.links {
				i := strings.Index(out, l)
				if i < 0 {
					t.Errorf("lacks %s", l)
				} else if i < last {
					t.Errorf("%s is out of order", l)
				}
				last = i
			}
		})
	}
	// A section's _index.md gives its list page a title and text.
	res = mustBuild(t, Inputs{FS: baseSite(t, "-- content/demands/_index.md --\n---\ntitle: What Russia asks\n---\nIntro to [[nato]].\n")})
	out := file(t, res, "demands/index.html")
	for _, w := range []string{"<h1>What Russia asks</h1>", `Intro to <a href="/glossary/#nato" class="term"`, `<a href="/demands/guarantees/">`} {
		if !strings.Contains(out, w) {
			t.Errorf("demands list with _index.md lacks %s:\n%s", w, out)
		}
	}
}

func TestGlossaryAndTimeline(t *testing.T) {
	res := mustBuild(t, Inputs{FS: baseSite(t, `
-- content/timeline/year.md --
---
title: A year
date: "2021"
---
-- content/timeline/month.md --
---
title: A month
date: 2021-12
---
-- content/timeline/same-day-b.md --
---
title: B same day
date: 2021-12-17
---
`)})
	gl := file(t, res, "glossary/index.html")
	if got, want := ids(gl), []string{"founding-act", "nato", "nato--history", "osce"}; !inOrder(got, want) {
		t.Errorf("glossary ids %q, want %q in this order", got, want)
	}
	tl := file(t, res, "timeline/index.html")
	want := []string{"founding-act-signed", "minsk-ii", "year", "month", "same-day-b", "draft-treaties"}
	if got := ids(tl); !inOrder(got, want) {
		t.Errorf("timeline ids %q, want %q in this order", got, want)
	}
	// Each date is shown at its own precision.
	for _, w := range []string{
		`<time datetime="2021">2021</time> A year`,
		`<time datetime="2021-12">December 2021</time> A month`,
		`<time datetime="1997-05-27">27 May 1997</time> Founding Act signed`,
		`<time datetime="2021-12-17">17–18 December 2021</time> Draft treaties published`,
	} {
		if !strings.Contains(tl, w) {
			t.Errorf("timeline lacks %s", w)
		}
	}
}

func TestNotFoundPage(t *testing.T) {
	res := mustBuild(t, Inputs{FS: baseSite(t, ""), BaseURL: "https://example.org/sub/"})
	out := file(t, res, "404.html")
	if !strings.Contains(out, "<h1>Not found</h1>") || !strings.Contains(out, `<a href="/sub/">Home</a>`) {
		t.Errorf("404.html:\n%s", out)
	}
	if strings.Contains(out, "canonical") {
		t.Error("404.html must not claim a canonical URL")
	}
	if strings.Contains(file(t, res, "sitemap.xml"), "404") {
		t.Error("the sitemap lists the 404 page")
	}
}

func TestSitemapRobots(t *testing.T) {
	res := mustBuild(t, Inputs{FS: baseSite(t, ""), BaseURL: "https://example.org/sub/dir/"})
	sm := file(t, res, "sitemap.xml")
	want := `<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<url><loc>https://example.org/sub/dir/</loc><lastmod>2022-02-02</lastmod></url>
<url><loc>https://example.org/sub/dir/about/</loc></url>
<url><loc>https://example.org/sub/dir/actors/lavrov/</loc></url>
<url><loc>https://example.org/sub/dir/counterpositions/open-door/</loc></url>
<url><loc>https://example.org/sub/dir/counterpositions/talks/</loc></url>
<url><loc>https://example.org/sub/dir/demands/guarantees/</loc><lastmod>2021-12</lastmod></url>
<url><loc>https://example.org/sub/dir/demands/no-expansion/</loc><lastmod>2022-01-10</lastmod></url>
<url><loc>https://example.org/sub/dir/actors/</loc></url>
<url><loc>https://example.org/sub/dir/counterpositions/</loc></url>
<url><loc>https://example.org/sub/dir/demands/</loc></url>
<url><loc>https://example.org/sub/dir/glossary/</loc></url>
<url><loc>https://example.org/sub/dir/timeline/</loc></url>
<url><loc>https://example.org/sub/dir/search/</loc></url>
<url><loc>https://example.org/sub/dir/map/</loc></url>
</urlset>
`
	if sm != want {
		t.Errorf("sitemap.xml:\n%s\nwant:\n%s", sm, want)
	}
	var parsed struct {
		URLs []struct {
			Loc     string `xml:"loc"`
			Lastmod string `xml:"lastmod"`
		} `xml:"url"`
	}
	if err := xml.Unmarshal([]byte(sm), &parsed); err != nil || len(parsed.URLs) != 14 {
		t.Errorf("sitemap does not parse as XML with 14 URLs: %v", err)
	}
	if got, want := file(t, res, "robots.txt"), "User-agent: *\nAllow: /\n\nSitemap: https://example.org/sub/dir/sitemap.xml\n"; got != want {
		t.Errorf("robots.txt = %q, want %q", got, want)
	}
	// A timestamp in updated gives a full lastmod.
	res = mustBuild(t, Inputs{FS: baseSite(t, "-- content/about.md --\n---\ntitle: About\nupdated: 2022-02-01T10:00:00Z\n---\n"), BaseURL: "https://example.org/"})
	if sm := file(t, res, "sitemap.xml"); !strings.Contains(sm, "<url><loc>https://example.org/about/</loc><lastmod>2022-02-01T10:00:00Z</lastmod></url>") {
		t.Errorf("sitemap lacks the timestamp lastmod:\n%s", sm)
	}
}

func TestAtomFeed(t *testing.T) {
	res := mustBuild(t, Inputs{FS: baseSite(t, ""), BaseURL: "https://example.org/sub/"})
	var feed struct {
		XMLName  xml.Name `xml:"http://www.w3.org/2005/Atom feed"`
		Title    string   `xml:"title"`
		Subtitle string   `xml:"subtitle"`
		ID       string   `xml:"id"`
		Updated  string   `xml:"updated"`
		Links    []struct {
			Rel  string `xml:"rel,attr"`
			Href string `xml:"href,attr"`
		} `xml:"link"`
		Entries []struct {
			Title   string `xml:"title"`
			ID      string `xml:"id"`
			Updated string `xml:"updated"`
			Summary string `xml:"summary"`
			Link    struct {
				Href string `xml:"href,attr"`
			} `xml:"link"`
		} `xml:"entry"`
	}
	if err := xml.Unmarshal(res.Files["atom.xml"], &feed); err != nil {
		t.Fatalf("atom.xml: %v\n%s", err, res.Files["atom.xml"])
	}
	if feed.Title != "Test site" || feed.Subtitle != "A site for tests." || feed.ID != "https://example.org/sub/" || feed.Updated != "2022-02-02T00:00:00Z" { // the undated About takes the home page's date
		t.Errorf("feed head: %q %q %q %q", feed.Title, feed.Subtitle, feed.ID, feed.Updated)
	}
	if len(feed.Links) != 2 || feed.Links[1].Rel != "self" || feed.Links[1].Href != "https://example.org/sub/atom.xml" || feed.Links[0].Href != "https://example.org/sub/" {
		t.Errorf("feed links: %+v", feed.Links)
	}
	var titles []string
	for _, e := range feed.Entries {
		titles = append(titles, e.Title)
		if !strings.HasPrefix(e.ID, "https://example.org/sub/") || e.Link.Href != e.ID {
			t.Errorf("entry %q: id %q link %q", e.Title, e.ID, e.Link.Href)
		}
	}
	// Newest change first; entries on shared pages are not feed entries.
	want := []string{"No further NATO expansion", "Legally binding guarantees", "About", "Sergey Lavrov", "Talks remain possible", "The open door"}
	if !slices.Equal(titles, want) {
		t.Errorf("feed entries %q, want %q", titles, want)
	}
	if e := feed.Entries[0]; e.Updated != "2022-01-10T00:00:00Z" || e.Summary != "NATO must not grow." {
		t.Errorf("first entry: %+v", e)
	}
}

func TestSearchIndex(t *testing.T) {
	res := mustBuild(t, Inputs{FS: baseSite(t, ""), BaseURL: "/sub/"})
	var entries []struct {
		U, T, K, S, A, W, D string
	}
	if err := json.Unmarshal(res.Files["search-index.json"], &entries); err != nil {
		t.Fatal(err)
	}
	if len(entries) != 12 {
		t.Errorf("search index has %d entries, want 12 (every page, term and event)", len(entries))
	}
	byURL := map[string]int{}
	for i, e := range entries {
		byURL[e.U] = i
		if !strings.HasPrefix(e.U, "/sub/") {
			t.Errorf("entry URL %q ignores the base path", e.U)
		}
	}
	checks := []struct {
		u, kind, title, summary, aliases, who, date string
	}{
		{"/sub/glossary/#nato", "term", "NATO", "The North Atlantic alliance.", "North Atlantic Treaty Organization", "", ""},
		{"/sub/timeline/#minsk-ii", "event", "Minsk II signed", "", "Minsk agreement", "", "2015-02-12"},
		{"/sub/demands/no-expansion/", "demand", "No further NATO expansion", "NATO must not grow.", "Expansion demand", "Russia", "2021-12-17"},
		{"/sub/counterpositions/talks/", "counterposition", "Talks remain possible", "", "", "United States", ""},
		{"/sub/actors/lavrov/", "actor", "Sergey Lavrov", "", "Lavrov", "Foreign minister of Russia", ""},
		{"/sub/about/", "page", "About", "How the site is made.", "About us", "", ""},
	}
	for _, c := range checks {
		i, ok := byURL[c.u]
		if !ok {
			t.Errorf("no search entry for %s", c.u)
			continue
		}
		e := entries[i]
		if e.K != c.kind || e.T != c.title || e.S != c.summary || e.A != c.aliases || e.W != c.who || e.D != c.date {
			t.Errorf("entry %s = %+v", c.u, e)
		}
	}
}

// hrefs returns every href and src attribute value in an HTML document.
func hrefs(html string) []string {
	var out []string
	for _, m := range regexp.MustCompile(`\s(?:href|src)="([^"]*)"`).FindAllStringSubmatch(html, -1) {
		out = append(out, m[1])
	}
	return out
}

// checkBase asserts that every internal link in every HTML file of res
// carries the base path, and that absolute URLs use the base URL.
func checkBase(t *testing.T, res *Result, baseURL, basePath string) {
	t.Helper()
	n := 0
	for _, name := range res.Paths() {
		if !strings.HasSuffix(name, ".html") {
			continue
		}
		for _, h := range hrefs(string(res.Files[name])) {
			n++
			switch {
			case strings.HasPrefix(h, "#"), strings.HasPrefix(h, "mailto:"):
			case strings.HasPrefix(h, "http://"), strings.HasPrefix(h, "https://"):
				if strings.Contains(h, "example.org") && !strings.HasPrefix(h, baseURL) {
					t.Errorf("%s: absolute link %q does not start with %s", name, h, baseURL)
				}
			case !strings.HasPrefix(h, basePath):
				t.Errorf("%s: link %q does not start with %s", name, h, basePath)
			}
		}
	}
	if n == 0 {
		t.Fatal("no links found")
	}
}

func TestBaseURL(t *testing.T) {
	links := linksPage("[[nato]] [[minsk-ii]] [[about#method]] [x](/timeline/#minsk-ii) [y](/demands/) ![m](/files/m.png) [z](/search/?q=a) [ext](https://example.com/)") +
		"-- content/files/m.png --\npng\n"
	tests := []struct {
		name, flag, setting string
		base, path          string
	}{
		{name: "flag", flag: "https://example.org/sub/dir/", base: "https://example.org/sub/dir/", path: "/sub/dir/"},
		{name: "flag-no-slash", flag: "https://example.org/sub/dir", base: "https://example.org/sub/dir/", path: "/sub/dir/"},
		{name: "setting", setting: "https://example.org/sub/dir/", base: "https://example.org/sub/dir/", path: "/sub/dir/"},
		{name: "flag-overrides-setting", setting: "https://example.org/old/", flag: "https://example.org/sub/dir/", base: "https://example.org/sub/dir/", path: "/sub/dir/"},
		{name: "path-only", flag: "/sub/dir/", base: "/sub/dir/", path: "/sub/dir/"},
		{name: "root", flag: "https://example.org/", base: "https://example.org/", path: "/"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			overlay := links
			if tt.setting != "" {
				overlay += "-- content/_index.md --\n---\ntitle: Test site\nbase_url: " + tt.setting + "\n---\n"
			}
			res := mustBuild(t, Inputs{FS: baseSite(t, overlay), BaseURL: tt.flag})
			checkBase(t, res, tt.base, tt.path)
			out := file(t, res, "links/index.html")
			for _, w := range []string{
				`<link rel="canonical" href="` + tt.base + `links/">`,
				`href="` + tt.path + `glossary/#nato"`,
				`href="` + tt.path + `timeline/#minsk-ii">Minsk II signed`,
				`href="` + tt.path + `about/#method"`,
				`href="` + tt.path + `timeline/#minsk-ii">x`,
				`src="` + tt.path + `files/m.png"`,
				`href="` + tt.path + `search/?q=a"`,
				`href="https://example.com/"`,
			} {
				if !strings.Contains(out, w) {
					t.Errorf("links/index.html lacks %s:\n%s", w, out)
				}
			}
			if res.Site.BaseURL != tt.base {
				t.Errorf("Site.BaseURL = %q, want %q", res.Site.BaseURL, tt.base)
			}
		})
	}
}
