package layout

import (
	"io/fs"
	"slices"
	"strings"
)

// Builtin is one built-in layout file, for `counterpoint layouts`.
type Builtin struct {
	Name string // "page.html", "partials/card.html"
	What string // one line: what it shows
}

// descriptions say what each built-in file shows. TestBuiltinsDescribed
// requires one for every file in defaults/, so a new layout cannot be
// left out of `counterpoint layouts`.
var descriptions = map[string]string{
	"baseof.html":                 "the frame of every page: <head>, header, <main> (the page layout's \"main\" block), footer",
	"home.html":                   "the home page: the site's summary, the matrix of demands and the counterpositions answering them, the introduction",
	"page.html":                   "a demand, counterposition, actor or plain page: text, sources, the side panel, previous and next",
	"list.html":                   "a section's list page (/demands/, /counterpositions/, /actors/): each page with its byline and summary",
	"glossary.html":               "/glossary/: every term A to Z with its definition, aliases and the pages that use it",
	"timeline.html":               "/timeline/: every event by era and year, with the filter by demand",
	"search.html":                 "/search/: the search form, its results and the list of every page",
	"map.html":                    "/map/: the relationship map (partials/map.html) and the same links as lists, by claimant and respondent",
	"404.html":                    "the page for an address with no page: a search form and where to start",
	"partials/header.html":        "the header bar: the site's title, theme toggle, search box and navigation (the menu setting)",
	"partials/footer.html":        "the footer: the site's title and summary, the menu, all pages, the feed, then footer-extra",
	"partials/head-extra.html":    "empty: a site's own addition to every <head> (analytics, fonts, meta tags)",
	"partials/footer-extra.html":  "empty: a site's own addition to every footer (a logo, a licence line)",
	"partials/card.html":          "one position as a card: who holds it, the title, the date",
	"partials/position-meta.html": "a position's byline: who holds it, who first stated it and when, the source",
	"partials/relations.html":     "the side panel: answers, events, terms, people and the pages that link here",
	"partials/rel-actor.html":     "one actor in the side panel",
	"partials/rel-backlink.html":  "one page in \"Referenced by\"",
	"partials/rel-event.html":     "one event in the side panel",
	"partials/rel-term.html":      "one term in the side panel, with its short definition for previews",
	"partials/prevnext.html":      "the links to the previous and next page of the same kind",
	"partials/sources.html":       "a page's numbered sources",
	"partials/source-list.html":   "the list of sources that sources.html and the glossary and timeline share",
	"partials/map.html":           "the relationship map of demands and counterpositions, drawn by the build, on the home page and /map/",
	"partials/neighbourhood.html": "a demand's small map: the demand, the counterpositions answering it, the events and people related to it",
	"partials/jsonld.html":        "the page's structured data (JSON-LD) for search engines",
	"partials/timestrip.html":     "the time strip atop /timeline/: every event as a mark on a time axis, the crisis enlarged",
	"partials/toc.html":           "the table of contents of a page with three or more sections",
}

// Builtins lists the built-in layout files in name order, partials last.
func Builtins() []Builtin {
	var out []Builtin
	fs.WalkDir(defaults, "defaults", func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			name := p[len("defaults/"):]
			out = append(out, Builtin{Name: name, What: descriptions[name]})
		}
		return nil
	})
	slices.SortFunc(out, func(a, b Builtin) int {
		pa, pb := strings.HasPrefix(a.Name, "partials/"), strings.HasPrefix(b.Name, "partials/")
		if pa != pb {
			if pa {
				return 1
			}
			return -1
		}
		return strings.Compare(a.Name, b.Name)
	})
	return out
}

// BuiltinFile returns the text of a built-in layout file by name.
func BuiltinFile(name string) ([]byte, bool) {
	if !fs.ValidPath(name) {
		return nil, false
	}
	b, err := defaults.ReadFile("defaults/" + name)
	return b, err == nil
}
