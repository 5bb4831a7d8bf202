package build

import (
	"crypto/sha256"
	"encoding/hex"
	"reflect"
	"regexp"
	"strings"
	"testing"
)

func TestDrafts(t *testing.T) {
	overlay := `
-- content/demands/secret.md --
---
title: Secret demand
draft: true
---
Links to [[nato]].
-- content/glossary/hidden.md --
---
title: Hidden term
short: Not yet.
draft: true
---
-- content/timeline/later.md --
---
title: Later event
date: 2023
draft: true
related: [secret]
---
`
	for _, drafts := range []bool{false, true} {
		name := "without"
		if drafts {
			name = "with"
		}
		t.Run(name, func(t *testing.T) {
			res := mustBuild(t, Inputs{FS: baseSite(t, overlay), Drafts: drafts})
			_, hasPage := res.Files["demands/secret/index.html"]
			checks := map[string]bool{
				"own page":         hasPage,
				"demands list":     strings.Contains(file(t, res, "demands/index.html"), "Secret demand"),
				"glossary":         strings.Contains(file(t, res, "glossary/index.html"), `id="hidden"`),
				"timeline":         strings.Contains(file(t, res, "timeline/index.html"), `id="later"`),
				"sitemap":          strings.Contains(file(t, res, "sitemap.xml"), "secret"),
				"search index":     strings.Contains(file(t, res, "search-index.json"), "Hidden term"),
				"feed":             strings.Contains(file(t, res, "atom.xml"), "Secret demand"),
				"backlink on nato": len(pageBySlug(t, res.Site, "nato").Backlinks) > 0,
			}
			for what, present := range checks {
				if present != drafts {
					t.Errorf("draft in %s: %v, want %v", what, present, drafts)
				}
			}
			if want := 3 + btoi(drafts); res.Stats.Events != want {
				t.Errorf("Stats.Events = %d, want %d", res.Stats.Events, want)
			}
		})
	}
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}

func TestParams(t *testing.T) {
	res := mustBuild(t, Inputs{FS: baseSite(t, `
-- content/_index.md --
---
title: Test site
theme_color: teal
---
-- content/about.md --
---
title: About
mood: calm
score: 7
nested:
  k: v
tags: [a, b]
---
-- layouts/page.html --
{{define "main"}}{{if eq .Slug "about"}}mood={{.Params.mood}} score={{.Params.score}} nested={{.Params.nested.k}} tag={{index .Params.tags 1}} title={{.Params.title}} site={{.Site.Params.theme_color}} missing={{.Param "nothing"}}{{end}}{{end}}
`)})
	out := file(t, res, "about/index.html")
	want := "mood=calm score=7 nested=v tag=b title=About site=teal missing=\n"
	if !strings.Contains(out, want) {
		t.Errorf("about/index.html lacks %q:\n%s", want, out)
	}
	// TOML front matter gives the same Params.
	res = mustBuild(t, Inputs{FS: baseSite(t, "-- content/about.md --\n+++\ntitle = \"About\"\nmood = \"calm\"\n[nested]\nk = \"v\"\n+++\n-- layouts/page.html --\n{{define \"main\"}}{{if eq .Slug \"about\"}}mood={{.Params.mood}} nested={{.Params.nested.k}}{{end}}{{end}}\n")})
	if out := file(t, res, "about/index.html"); !strings.Contains(out, "mood=calm nested=v") {
		t.Errorf("TOML params:\n%s", out)
	}
}

func TestPageResources(t *testing.T) {
	res := mustBuild(t, Inputs{FS: baseSite(t, `
-- content/demands/no-expansion.md --
DELETE
-- content/demands/no-expansion/index.md --
---
title: No further NATO expansion
---
![Map](/demands/no-expansion/map.png) and [figures](/demands/no-expansion/data/figures.csv).
-- content/demands/no-expansion/map.png --
PNG bytes
-- content/demands/no-expansion/data/figures.csv --
a,b
-- content/files/report.pdf --
%PDF-1.4
-- content/files/.DS_Store --
noise
-- content/files/report.pdf~ --
backup
-- content/.hidden/secret.md --
---
title: Hidden
---
`)})
	for name, want := range map[string]string{
		"demands/no-expansion/index.html":       "",
		"demands/no-expansion/map.png":          "PNG bytes\n",
		"demands/no-expansion/data/figures.csv": "a,b\n",
		"files/report.pdf":                      "%PDF-1.4\n",
	} {
		got, ok := res.Files[name]
		if !ok {
			t.Errorf("missing %s", name)
		} else if want != "" && string(got) != want {
			t.Errorf("%s = %q, want %q", name, got, want)
		}
	}
	for _, name := range []string{"files/.DS_Store", "files/report.pdf~", ".hidden/secret/index.html", "hidden/index.html"} {
		if _, ok := res.Files[name]; ok {
			t.Errorf("%s was copied", name)
		}
	}
	out := file(t, res, "demands/no-expansion/index.html")
	if !strings.Contains(out, `<img src="/demands/no-expansion/map.png" alt="Map">`) {
		t.Errorf("bundle page:\n%s", out)
	}
}

func TestUnsafeHTML(t *testing.T) {
	body := "-- content/about.md --\n---\ntitle: About\n---\nA <b>bold</b> claim.\n\n<div class=\"note\">Note</div>\n"
	res := mustBuild(t, Inputs{FS: baseSite(t, body)})
	out := file(t, res, "about/index.html")
	if !strings.Contains(out, "A &lt;b&gt;bold&lt;/b&gt; claim.") || !strings.Contains(out, "&lt;div class=&quot;note&quot;&gt;Note&lt;/div&gt;") || strings.Contains(out, "<b>") {
		t.Errorf("raw HTML not escaped by default:\n%s", out)
	}
	res = mustBuild(t, Inputs{FS: baseSite(t, body+"-- content/_index.md --\n---\ntitle: Test site\nunsafe: true\n---\n")})
	out = file(t, res, "about/index.html")
	if !strings.Contains(out, "A <b>bold</b> claim.") || !strings.Contains(out, `<div class="note">Note</div>`) {
		t.Errorf("raw HTML escaped despite unsafe: true:\n%s", out)
	}
}

func TestLanguage(t *testing.T) {
	res := mustBuild(t, Inputs{FS: baseSite(t, "-- content/_index.md --\n---\ntitle: Test site\nlanguage: de-CH\n---\n")})
	if out := file(t, res, "about/index.html"); !strings.Contains(out, `<html lang="de-CH">`) {
		t.Errorf("language setting ignored:\n%s", out)
	}
	res = mustBuild(t, Inputs{FS: baseSite(t, "")})
	if out := file(t, res, "about/index.html"); !strings.Contains(out, `<html lang="en">`) {
		t.Errorf("default language is not en:\n%s", out)
	}
}

func TestMarkdownInPages(t *testing.T) {
	res := mustBuild(t, Inputs{FS: baseSite(t, "-- content/about.md --\n---\ntitle: About\n---\n"+
		"| a | b |\n|---|---|\n| 1 | ~~2~~ |\n\nClaim[^1] -- see https://example.org.\n\n[^1]: Source.\n\n```go\nfunc main() {}\n```\n\nTerm\n: Definition\n\n- [x] done\n")})
	out := file(t, res, "about/index.html")
	for _, w := range []string{
		"<td><del>2</del></td>",
		`<sup id="fnref:1"><a href="#fn:1" class="footnote-ref" role="doc-noteref">1</a></sup>`,
		"&ndash; see",
		`<a href="https://example.org">https://example.org</a>`,
		`<code class="language-go" data-lang="go"><span class="kd">func</span>`,
		"<dt>Term</dt>",
		`<input checked="" disabled="" type="checkbox">`,
	} {
		if !strings.Contains(out, w) {
			t.Errorf("about/index.html lacks %s", w)
		}
	}
}

// TestLayoutOverride: a site's layouts/ replace built-in defaults file by
// file; everything it does not provide comes from the defaults.
func TestLayoutOverride(t *testing.T) {
	fsys := baseSite(t, "")
	for name := range fsys {
		if strings.HasPrefix(name, "layouts/") {
			delete(fsys, name)
		}
	}
	overlay := mapFS("-- layouts/page.html --\n{{define \"main\"}}<p>SITE PAGE LAYOUT {{.Title}}</p>{{end}}\n" +
		"-- layouts/partials/extra.html --\n<i>partial {{.Slug}}</i>\n" +
		"-- layouts/actor.html --\n{{define \"main\"}}{{template \"partials/extra.html\" .}}{{end}}\n")
	for k, v := range overlay {
		fsys[k] = v
	}
	res := mustBuild(t, Inputs{FS: fsys})
	for _, name := range []string{"about/index.html", "demands/no-expansion/index.html", "counterpositions/talks/index.html"} {
		if out := file(t, res, name); !strings.Contains(out, "<p>SITE PAGE LAYOUT ") {
			t.Errorf("%s does not use the site's page.html", name)
		}
	}
	if out := file(t, res, "actors/lavrov/index.html"); !strings.Contains(out, "<i>partial lavrov</i>") {
		t.Errorf("actor page does not use the site's actor.html with its partial")
	}
	// The built-in baseof.html still wraps the page, and the home page
	// keeps the built-in home.html.
	for _, name := range []string{"about/index.html", "index.html"} {
		if out := file(t, res, name); !strings.Contains(out, "<!doctype html>") && !strings.Contains(out, "<!DOCTYPE html>") {
			t.Errorf("%s is not wrapped by the built-in baseof.html", name)
		}
	}
	if out := file(t, res, "index.html"); strings.Contains(out, "SITE PAGE LAYOUT") {
		t.Errorf("the home page used page.html instead of the built-in home.html")
	}
}

func TestLayoutErrors(t *testing.T) {
	tests := []struct {
		name   string
		layout string
		want   string
	}{
		{"missing-map-key", "{{define \"main\"}}\n<p>{{.Params.nokey}}</p>{{end}}\n", `layouts/page.html:2:13: executing "main" at <.Params.nokey>: map has no entry for key "nokey"`},
		{"missing-field", "{{define \"main\"}}{{.NoField}}{{end}}\n", `layouts/page.html:1:20: executing "main" at <.NoField>: can't evaluate field NoField in type page`},
		{"missing-site-param", "{{define \"main\"}}{{.Site.Params.nokey}}{{end}}\n", `layouts/page.html:1:25: executing "main" at <.Site.Params.nokey>: map has no entry for key "nokey"`},
		{"syntax", "{{define \"main\"}}\n\n{{if}}{{end}}\n", `layouts/page.html:3:1: missing value for if`},
		{"unknown-function", "{{define \"main\"}}{{nosuchfunc .}}{{end}}\n", `layouts/page.html:1:1: function "nosuchfunc" not defined`},
		{"unknown-asset", "{{define \"main\"}}{{asset \"nope.css\"}}{{end}}\n", `layouts/page.html:1:20: executing "main" at <asset "nope.css">: error calling asset: no asset named "nope.css" in assets/`},
		{"unknown-partial", "{{define \"main\"}}{{template \"partials/none.html\" .}}{{end}}\n", `layouts/page.html:1:29: no such template "partials/none.html"`},
		{"no-main", "<p>no main</p>\n", `layouts/page.html:1:1: page layouts must define {{define "main"}}...{{end}}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := buildErrors(t, Inputs{FS: baseSite(t, "-- layouts/page.html --\n"+tt.layout)})
			if len(got) != 1 || got[0] != tt.want {
				t.Errorf("errors:\n%s\nwant:\n%s", strings.Join(got, "\n"), tt.want)
			}
		})
	}
}

func TestAssets(t *testing.T) {
	res := mustBuild(t, Inputs{FS: baseSite(t, `
-- assets/site.css --
/* The site's own stylesheet. */
body {
    color : red ;
    margin : 0px ;
}
-- assets/site.js --
// A comment.
function add ( a , b ) {
    return a + b ;
}
-- assets/img/logo.svg --
<svg xmlns="http://www.w3.org/2000/svg"   width="10"  height="10">
  <!-- comment -->
  <rect width="10" height="10"/>
</svg>
-- assets/img/photo.png --
not really a png
`)})
	name := regexp.MustCompile(`^assets/(.+)\.([0-9a-f]{8})(\.[a-z]+)$`)
	got := map[string]string{}
	for _, p := range res.Paths() {
		m := name.FindStringSubmatch(p)
		if m == nil {
			// The search index names its files in its own way (its tests).
			if strings.HasPrefix(p, "assets/") && !strings.HasPrefix(p, "assets/search/") {
				t.Errorf("asset %s is not fingerprinted as name.<8 hex>.ext", p)
			}
			continue
		}
		data := res.Files[p]
		sum := sha256.Sum256(data)
		if hex.EncodeToString(sum[:4]) != m[2] {
			t.Errorf("%s: fingerprint does not match the content's SHA-256", p)
		}
		got[m[1]+m[3]] = string(data)
	}
	want := map[string]string{
		"site.css":      "body{color:red;margin:0}",
		"site.js":       "function add(e,t){return e+t}",
		"img/logo.svg":  `<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>`,
		"img/photo.png": "not really a png\n",
	}
	for k, w := range want {
		if got[k] != w {
			t.Errorf("asset %s = %q, want %q", k, got[k], w)
		}
	}
	if _, ok := got["syntax.css"]; !ok {
		t.Error("no generated syntax.css")
	}
	// Templates refer to the fingerprinted names.
	out := file(t, res, "about/index.html")
	for _, p := range res.Paths() {
		if strings.HasPrefix(p, "assets/site.") && !strings.Contains(out, `"/`+p+`"`) {
			t.Errorf("about/index.html does not refer to %s:\n%s", p, out)
		}
	}
	// A change in an asset changes its name.
	res2 := mustBuild(t, Inputs{FS: baseSite(t, "-- assets/site.css --\nbody{color:blue}\n")})
	if reflect.DeepEqual(cssNames(res), cssNames(res2)) {
		t.Errorf("different CSS, same file name %v", cssNames(res))
	}
}

func cssNames(res *Result) []string {
	var out []string
	for _, p := range res.Paths() {
		if strings.HasPrefix(p, "assets/site.") && strings.HasSuffix(p, ".css") {
			out = append(out, p)
		}
	}
	return out
}

// TestOutputCollisions: a content file that would be written where another
// page or file goes is an error, not a silent overwrite.
func TestOutputCollisions(t *testing.T) {
	tests := []struct {
		name, files string
		want        []string
	}{
		{"search-page", "-- content/search.md --\n---\ntitle: My search\n---\n", []string{
			"content/search.md:1:1: its output search/index.html is also written by the generated /search/ page: rename the file or set another slug",
		}},
		{"list-page", "-- content/demands.md --\n---\ntitle: Demands\n---\n", []string{
			"content/demands.md:1:1: its output demands/index.html is also written by the generated /demands/ page: rename the file or set another slug",
		}},
		{"section-page", "-- content/history.md --\n---\ntitle: History\n---\n-- content/history/_index.md --\n---\ntitle: History section\n---\n", []string{
			"content/history.md:1:1: its output history/index.html is also written by content/history/_index.md: rename the file or set another slug",
			"content/history/_index.md:1:1: its output history/index.html is also written by content/history.md: rename the file or set another slug",
		}},
		{"generated-file", "-- content/sitemap.xml --\n<urlset/>\n", []string{
			"content/sitemap.xml:1:1: its output sitemap.xml is also written by the generated sitemap.xml: rename the file or set another slug",
		}},
		{"static-and-page", "-- content/about/index.html --\n<p>old</p>\n", []string{
			"content/about.md:1:1: its output about/index.html is also written by content/about/index.html: rename the file or set another slug",
			"content/about/index.html:1:1: its output about/index.html is also written by content/about.md: rename the file or set another slug",
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := buildErrors(t, Inputs{FS: baseSite(t, tt.files)})
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("errors:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}
