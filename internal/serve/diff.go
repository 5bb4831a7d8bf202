package serve

import (
	"bytes"
	"path"
	"regexp"
	"slices"
	"strings"
)

// Change tells pages what a new build changed, so that each reloads only
// when it must.
type Change struct {
	Build string `json:"build"`
	Base  string `json:"base"`
	// Pages are the URL paths ("/sub/demands/x/") of pages whose HTML
	// changed, appeared or disappeared, beyond the names of stylesheets.
	// The site's 404 page is listed as base + "404.html".
	Pages []string `json:"pages"`
	// CSS lists stylesheets to swap in place, without a reload.
	CSS []Swap `json:"css,omitempty"`
	// Reload asks every page to reload: a script, image or font may have
	// changed, too many pages changed to list, or it is the first build.
	Reload bool `json:"reload,omitempty"`
	// Files counts the output files that differ from the previous build.
	Files int `json:"-"`
	// Warnings are the build's, for the overlay's panel.
	Warnings []Problem `json:"warnings,omitempty"`
}

// Swap replaces a stylesheet. Fingerprinted names change with the
// content, so a page's <link> is matched by Stem, the output path without
// fingerprint and extension ("assets/site"), and pointed at Href, the new
// output path relative to the base. Bust is set for a file that kept its
// name, so the browser fetches it afresh.
type Swap struct {
	Stem string `json:"stem"`
	Href string `json:"href"`
	Bust bool   `json:"bust,omitempty"`
}

// maxPages is where listing changed pages stops paying off: after a
// template change every page reloads anyway.
const maxPages = 256

// fingerprint matches the hash the assets package puts before the extension.
var fingerprint = regexp.MustCompile(`\.[0-9a-f]{6,}$`)

// stem is a stylesheet's output path without fingerprint and extension.
func stem(p string) string {
	return fingerprint.ReplaceAllString(strings.TrimSuffix(p, path.Ext(p)), "")
}

// diff compares two builds' files.
func diff(old, cur map[string][]byte, base string) Change {
	var changed, added, removed []string
	for p, b := range cur {
		o, ok := old[p]
		switch {
		case !ok:
			added = append(added, p)
		case !same(o, b):
			changed = append(changed, p)
		}
	}
	for p := range old {
		if _, ok := cur[p]; !ok {
			removed = append(removed, p)
		}
	}
	ch := Change{Files: len(changed) + len(added) + len(removed), Pages: []string{}}

	// Stylesheets: renamed (new fingerprint) or changed in place.
	renamed := map[string]string{} // old path -> new path
	oldCSS := map[string]string{}  // stem -> old path
	for _, p := range removed {
		if path.Ext(p) == ".css" {
			oldCSS[stem(p)] = p
		}
	}
	for _, p := range added {
		if path.Ext(p) == ".css" {
			if o, ok := oldCSS[stem(p)]; ok {
				renamed[o] = p
				ch.CSS = append(ch.CSS, Swap{Stem: stem(p), Href: p})
			}
		}
	}
	for _, p := range changed {
		if path.Ext(p) == ".css" {
			ch.CSS = append(ch.CSS, Swap{Stem: stem(p), Href: p, Bust: true})
		}
	}
	slices.SortFunc(ch.CSS, func(a, b Swap) int { return strings.Compare(a.Stem, b.Stem) })

	page := func(p string) {
		ch.Pages = append(ch.Pages, pageURL(base, p))
	}
	for _, p := range changed {
		switch {
		case isHTML(p):
			if !onlyRenames(old[p], cur[p], renamed) {
				page(p)
			}
		case quiet(p):
		default:
			ch.Reload = true
		}
	}
	for _, p := range slices.Concat(added, removed) {
		switch {
		case isHTML(p):
			page(p)
		case quiet(p):
		default:
			ch.Reload = true
		}
	}
	slices.Sort(ch.Pages)
	if len(ch.Pages) > maxPages {
		ch.Reload, ch.Pages = true, []string{}
	}
	return ch
}

// quiet reports whether a change to p matters to no open page: stylesheets
// are swapped, feeds, sitemaps and indexes are fetched, not shown, and
// the headers file is for the host (it changes when the search index
// does, which a preview publishes after the pages).
func quiet(p string) bool {
	if p == "_headers" {
		return true
	}
	switch path.Ext(p) {
	case ".css", ".xml", ".txt", ".json", ".map":
		return true
	}
	return false
}

// same compares file contents, cheaply when a build reused the bytes.
func same(a, b []byte) bool {
	if len(a) != len(b) {
		return false
	}
	if len(a) == 0 || &a[0] == &b[0] {
		return true
	}
	return bytes.Equal(a, b)
}

// onlyRenames reports whether cur is old with renamed stylesheet paths.
func onlyRenames(old, cur []byte, renamed map[string]string) bool {
	if len(renamed) == 0 {
		return false
	}
	for o, n := range renamed {
		old = bytes.ReplaceAll(old, []byte(o), []byte(n))
	}
	return bytes.Equal(old, cur)
}

// pageURL is the URL path a browser shows for an output file.
func pageURL(base, p string) string {
	if p == "index.html" {
		return base
	}
	if d, ok := strings.CutSuffix(p, "/index.html"); ok {
		return base + d + "/"
	}
	return base + p
}
