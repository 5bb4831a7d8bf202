package build

import (
	"regexp"
	"strings"
	"testing"
)

// customSite overlays the base site with the files a writer adds to make
// it theirs without copying a built-in layout.
const customSite = `-- assets/custom.css --
:root { --accent: #c00; }
-- assets/custom.js --
document.documentElement.dataset.custom = "yes";
-- layouts/partials/head-extra.html --
<meta name="x-head-extra" content="{{.Site.Title}}">
-- layouts/partials/footer-extra.html --
<p class="licence">Licence line for {{.Title}}</p>
`

var (
	stylesheets = regexp.MustCompile(`<link rel="stylesheet" href="([^"]+)">`)
	scripts     = regexp.MustCompile(`<script src="([^"]+)"`)
)

// TestCustomAssetsAndHooks checks that assets/custom.css and custom.js are
// linked, fingerprinted, on every page after the built-in ones, and that
// the head-extra and footer-extra partials appear on every page, with both
// the generated renderer and the templates.
func TestCustomAssetsAndHooks(t *testing.T) {
	fsys := defaultLayoutSite(t, "")
	for name, f := range mapFS(customSite) {
		fsys[name] = f
	}
	in := Inputs{FS: fsys}
	res := mustBuild(t, in)
	pages := 0
	for _, name := range res.Paths() {
		if !strings.HasSuffix(name, ".html") {
			continue
		}
		pages++
		html := file(t, res, name)
		css := stylesheets.FindAllStringSubmatch(html, -1)
		if len(css) == 0 || !regexp.MustCompile(`^/assets/custom\.[0-9a-f]{8}\.css$`).MatchString(css[len(css)-1][1]) {
			t.Errorf("%s: the last stylesheet is not the fingerprinted custom.css: %v", name, css)
		}
		if !strings.Contains(html, `href="/assets/site.`) {
			t.Errorf("%s: the built-in stylesheet is gone", name)
		}
		js := scripts.FindAllStringSubmatch(html, -1)
		if len(js) == 0 || !regexp.MustCompile(`^/assets/custom\.[0-9a-f]{8}\.js$`).MatchString(js[len(js)-1][1]) {
			t.Errorf("%s: the last script is not the fingerprinted custom.js: %v", name, js)
		}
		head := section(t, html, "<head>", "</head>")
		if !strings.Contains(head, `<meta name="x-head-extra" content="Test site">`) {
			t.Errorf("%s: head-extra.html missing from <head>", name)
		}
		footer := section(t, html, `<footer class="site-footer">`, "</footer>")
		if !strings.Contains(footer, `<p class="licence">Licence line for `) {
			t.Errorf("%s: footer-extra.html missing from the footer:\n%s", name, footer)
		}
	}
	if pages < 8 {
		t.Fatalf("only %d pages", pages)
	}
	for _, want := range []string{":root{--accent:#c00}", `document.documentElement.dataset.custom="yes"`} {
		found := false
		for name, data := range res.Files {
			if strings.HasPrefix(name, "assets/custom.") && strings.Contains(string(data), want) {
				found = true
			}
		}
		if !found {
			t.Errorf("no custom asset holds %q", want)
		}
	}
	if n := sameWithTemplates(t, in); n < pages {
		t.Errorf("only %d files compared", n)
	}
}

// TestNoCustomAssets checks that a site without them links neither file
// and adds nothing where the hooks are.
func TestNoCustomAssets(t *testing.T) {
	res := mustBuild(t, Inputs{FS: defaultLayoutSite(t, "")})
	html := file(t, res, "index.html")
	if strings.Contains(html, "custom.") {
		t.Errorf("custom asset linked on a site without one")
	}
	if !strings.Contains(html, "</ul>\n</div>\n</footer>") {
		t.Errorf("the empty footer hook left something behind:\n%s", section(t, html, `<footer`, "</footer>"))
	}
}
