package build

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"testing/fstest"
)

// TestMapPictures: the map on the home page and /map/ and a demand's
// neighbourhood are there by default, and the pictures setting takes
// each away (with the map off there is no /map/ page, and nothing may
// link to it).
func TestMapPictures(t *testing.T) {
	for _, c := range []struct {
		setting        string
		map_, nb, page bool
	}{
		{"", true, true, true},
		{"pictures: {map: false}\n", false, true, false},
		{"pictures: {neighbourhood: false}\n", true, false, true},
		{"pictures: false\n", false, false, false},
	} {
		t.Run(strings.TrimSpace(c.setting), func(t *testing.T) {
			fsys := mapSite(t, "-- content/_index.md --\n---\ntitle: Test site\n"+c.setting+"---\nHome.\n")
			res := mustBuild(t, Inputs{FS: fsys})
			home := file(t, res, "index.html")
			if got := strings.Contains(home, `<svg class="map-svg"`); got != c.map_ {
				t.Errorf("map on the home page: %v, want %v", got, c.map_)
			}
			_, page := res.Files["map/index.html"]
			if page != c.page {
				t.Errorf("/map/ written: %v, want %v", page, c.page)
			}
			if got := strings.Contains(file(t, res, "sitemap.xml"), "/map/</loc>"); got != c.page {
				t.Errorf("/map/ in the sitemap: %v, want %v", got, c.page)
			}
			if got := strings.Contains(file(t, res, "404.html"), `href="/map/"`); got != c.page {
				t.Errorf("the 404 page links to /map/: %v, want %v", got, c.page)
			}
			demand := file(t, res, "demands/no-expansion/index.html")
			if got := strings.Contains(demand, `<svg class="map-svg"`); got != c.nb {
				t.Errorf("neighbourhood on a demand: %v, want %v", got, c.nb)
			}
			if strings.Contains(file(t, res, "counterpositions/open-door/index.html"), "map-svg") {
				t.Error("a counterposition page has a map")
			}
			fsys["content/about.md"] = &fstest.MapFile{Data: []byte("---\ntitle: About\n---\nSee [the map](/map/).\n")}
			_, err := Build(context.Background(), Inputs{FS: fsys})
			if (err == nil) != c.page {
				t.Errorf("a link to /map/: error %v, the page is written: %v", err, c.page)
			}
		})
	}
}

// TestMapPage: /map/ draws the map and lists the same links as text.
func TestMapPage(t *testing.T) {
	res := mustBuild(t, Inputs{FS: mapSite(t, "")})
	page := file(t, res, "map/index.html")
	for _, w := range []string{
		`<h1>Map of demands and counterpositions</h1>`,
		`<svg class="map-svg"`,
		`<h3 id="claimant-russia">Russia</h3>`,
		`<h3 id="respondent-nato">NATO</h3>`,
		`<a href="/counterpositions/talks/">Talks remain possible</a> (United States)`,
	} {
		if !strings.Contains(page, w) {
			t.Errorf("/map/ lacks %s", w)
		}
	}
	home := file(t, res, "index.html")
	if !strings.Contains(home, `<a href="/map/">See the map</a>`) {
		t.Error("the home page does not link to /map/")
	}
}

// TestMapReserved: /map/ is the build's: no page may take it.
func TestMapReserved(t *testing.T) {
	if !ReservedName("map") {
		t.Error(`ReservedName("map") = false`)
	}
	errs := buildErrors(t, Inputs{FS: mapSite(t, "-- content/map.md --\n---\ntitle: Map\n---\nMine.\n")})
	if got := strings.Join(errs, "\n"); !strings.Contains(got, "content/map.md:1:1: its output map/index.html is also written by the generated /map/ page") {
		t.Errorf("errors: %s", got)
	}
}

// TestMapFollowsEdits: in serve, renaming a demand changes its name in
// the map, on /map/ and in the neighbourhood of the demand, and each
// rebuild equals a clean build.
func TestMapFollowsEdits(t *testing.T) {
	fsys := mapSite(t, "")
	b := NewBuilder(Inputs{FS: fsys})
	if _, err := b.Build(context.Background(), nil); err != nil {
		t.Fatal(err)
	}
	p := "content/demands/no-expansion.md"
	for i, edit := range []struct{ old, new, shows string }{
		{"title: No further NATO expansion", "title: Renamed demand", "Renamed"},
		{"responds_to: [no-expansion]", "responds_to: [guarantees]", ""},
	} {
		file := p
		if i == 1 {
			file = "content/counterpositions/open-door.md"
		}
		fsys[file] = &fstest.MapFile{Data: []byte(strings.Replace(string(fsys[file].Data), edit.old, edit.new, 1))}
		got, err := b.Build(context.Background(), []string{file})
		if err != nil {
			t.Fatal(err)
		}
		want := mustBuild(t, Inputs{FS: fsys})
		for _, name := range []string{"index.html", "map/index.html", "demands/no-expansion/index.html", "demands/guarantees/index.html"} {
			g, w := string(got.Files[name]), string(want.Files[name])
			if g != w {
				t.Errorf("edit %d: %s differs from a clean build", i, name)
			}
			if edit.shows != "" && name != "demands/guarantees/index.html" && !strings.Contains(svgOf(g), edit.shows) {
				t.Errorf("edit %d: the picture on %s does not show %q", i, name, edit.shows)
			}
		}
		if i == 1 && !strings.Contains(svgOf(string(got.Files["demands/guarantees/index.html"])), "The open door") {
			t.Error("the answer moved to another demand is not in its neighbourhood")
		}
	}
}

// mapSite is baseSite with the built-in layouts, which show the
// pictures (the base site's own layouts do not).
func mapSite(t *testing.T, overlay string) fstest.MapFS {
	fsys := baseSite(t, "")
	for name := range fsys {
		if strings.HasPrefix(name, "layouts/") {
			delete(fsys, name)
		}
	}
	for name, f := range mapFS(overlay) {
		fsys[name] = f
	}
	return fsys
}

// svgOf is the inline SVG of a page.
func svgOf(html string) string {
	i := strings.Index(html, "<svg class=\"map-svg")
	j := strings.LastIndex(html, "</svg>")
	if i < 0 || j < i {
		return ""
	}
	return html[i:j]
}

// TestMapLabels: the map's words for large sites, drafts and long lists
// come from the labels setting (TestLabels sees the others).
func TestMapLabels(t *testing.T) {
	var files strings.Builder
	files.WriteString("-- content/_index.md --\n---\ntitle: Test site\nlabels: {map_more: 'Q{n}Q more', map_too_big: 'QtooQ {n}', map_sides_desc: QsidesQ, map_unnamed: QunnamedQ}\n---\nHome.\n")
	files.WriteString("-- content/demands/unclaimed.md --\n---\ntitle: Unclaimed\ndraft: true\nclaimant: \"\"\n---\nText.\n")
	for i := range 320 {
		fmt.Fprintf(&files, "-- content/counterpositions/c%d.md --\n---\ntitle: Answer %d\nrespondent: NATO\nresponds_to: [no-expansion]\n---\nText.\n", i, i)
	}
	in := Inputs{FS: mapSite(t, files.String()), Drafts: true}
	res := mustBuild(t, in)
	sameWithTemplates(t, in)
	if !strings.Contains(file(t, res, "map/index.html"), "QsidesQ") {
		t.Error("the grouped map is not described by map_sides_desc")
	}
	for name, w := range map[string]string{
		"index.html":                      "QtooQ 325",
		"map/index.html":                  "QunnamedQ",
		"demands/no-expansion/index.html": "Q314Q more",
	} {
		if !strings.Contains(file(t, res, name), w) {
			t.Errorf("%s lacks %s", name, w)
		}
	}
}

// TestMapPartialsOverridden: a site replaces the pictures' partials like
// any layout, and they receive the drawings and the data.
func TestMapPartialsOverridden(t *testing.T) {
	res := mustBuild(t, Inputs{FS: mapSite(t, `-- layouts/partials/map.html --
<p class="mine">{{.Site.Map.Positions}} positions, {{len .Site.Map.Claimants}} claimant, drawn: {{if .Site.Map.Full}}yes{{end}}</p>
-- layouts/partials/neighbourhood.html --
<div class="mine">{{.Title}}: {{if .Neighbourhood}}drawn{{end}}</div>
`)})
	if got := file(t, res, "index.html"); !strings.Contains(got, `<p class="mine">4 positions, 1 claimant, drawn: yes</p>`) || strings.Contains(got, "map-svg") {
		t.Error("the home page does not use the site's partials/map.html")
	}
	if got := file(t, res, "demands/guarantees/index.html"); !strings.Contains(got, `<div class="mine">Legally binding guarantees: drawn</div>`) {
		t.Errorf("a demand page does not use the site's partials/neighbourhood.html:\n%s", got)
	}
}
