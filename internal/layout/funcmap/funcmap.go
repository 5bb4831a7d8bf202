// Package funcmap holds the functions layouts call ({{url}}, {{date}},
// {{pagejsonld}}, ...). It is apart from package layout so that the
// generator of the Go renderer (layout/gen) can learn their signatures
// without compiling the code it generates.
package funcmap

import (
	"cmp"
	"encoding/json"
	"fmt"
	"html/template"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/counterpoint-ssg/counterpoint/internal/date"
	"github.com/counterpoint-ssg/counterpoint/internal/i18n"
	"github.com/counterpoint-ssg/counterpoint/internal/site"
)

// URLs knows where the site is published.
type URLs struct {
	// Base is the absolute base URL with a trailing slash, or "/" when unknown.
	Base string
	// Path is the path part of Base ("/sub/dir/").
	Path string
}

// Rel turns a site path ("/demands/x/") into a link that honours the base path.
func (u URLs) Rel(p string) string {
	return u.Path + strings.TrimPrefix(p, "/")
}

// Abs turns a site path into an absolute URL when the base URL is known.
func (u URLs) Abs(p string) string {
	return u.Base + strings.TrimPrefix(p, "/")
}

// New returns the helper functions templates can call. asset resolves a
// logical asset name to its fingerprinted output path.
func New(u URLs, asset func(string) (string, bool)) template.FuncMap {
	return NewIn("en", u, asset)
}

// NewIn is New for a site in the language lang: date, daterange and
// timerange write dates that language's way (see i18n.Date).
func NewIn(lang string, u URLs, asset func(string) (string, bool)) template.FuncMap {
	human, rng := date.Date.Human, date.Range
	if i18n.Localized(lang) {
		human = func(d date.Date) string { return i18n.Date(lang, d) }
		rng = func(a, b date.Date) string { return i18n.Range(lang, a, b) }
	}
	return template.FuncMap{
		"url":    u.Rel,
		"absurl": u.Abs,
		"asset": func(name string) (string, error) {
			p, ok := asset(name)
			if !ok {
				return "", fmt.Errorf("no asset named %q in assets/", name)
			}
			return u.Rel(p), nil
		},
		// hasasset lets a layout link an optional file, such as a site's
		// custom.css, only when the site has it.
		"hasasset":  func(name string) bool { _, ok := asset(name); return ok },
		"date":      human,
		"timerange": func(a, b date.Date) template.HTML { return timeRange(a, b, human, rng) },
		"hascode":   hasCode,
		"timestrip": func(s *site.Site) *TimeStrip { return timeStrip(s, human, rng) },
		"sourcesof": sourcesOf,
		"isodate":   func(d date.Date) string { return d.ISO() },
		"daterange": rng,
		"lower":     strings.ToLower,
		"upper":     strings.ToUpper,
		"join":      strings.Join,
		"initial": func(s string) string {
			r, _ := utf8.DecodeRuneInString(s)
			return string(unicode.ToUpper(r))
		},
		"description": description,
		"pagejsonld":  func(p *site.Page) (template.JS, error) { return pageJSONLD(p, u) },
		"jsonld": func(v any) (template.JS, error) {
			b, err := json.Marshal(v)
			return template.JS(b), err
		},
		"dict": func(kv ...any) (map[string]any, error) {
			if len(kv)%2 != 0 {
				return nil, fmt.Errorf("dict needs key and value pairs")
			}
			m := make(map[string]any, len(kv)/2)
			for i := 0; i < len(kv); i += 2 {
				k, ok := kv[i].(string)
				if !ok {
					return nil, fmt.Errorf("dict keys must be strings")
				}
				m[k] = kv[i+1]
			}
			return m, nil
		},
	}
}

// timeRange is date.Range as HTML: one <time datetime> for the start and,
// for a range, one for the end, each at its own precision, so that
// "18–19 November 1999" carries both dates for machines too.
func timeRange(start, end date.Date, human func(date.Date) string, rng func(a, b date.Date) string) template.HTML {
	tag := func(d date.Date, text string) string {
		return `<time datetime="` + template.HTMLEscapeString(d.ISO()) + `">` + template.HTMLEscapeString(text) + `</time>`
	}
	if end.IsZero() {
		return template.HTML(tag(start, human(start)))
	}
	full, last := rng(start, end), human(end)
	head, ok := strings.CutSuffix(full, last)
	if !ok {
		return template.HTML(tag(start, full))
	}
	sep := "–"
	if s, ok := strings.CutSuffix(head, " – "); ok {
		head, sep = s, " – "
	} else if s, ok := strings.CutSuffix(head, "–"); ok {
		head = s
	}
	return template.HTML(tag(start, head) + sep + tag(end, last))
}

// hasCode reports whether a page, or an entry it lists, shows a
// highlighted code block, so that only those pages load syntax.css. The
// build works it out once per page (site.Page.HasCode).
func hasCode(p *site.Page) bool { return p.HasCode }

// sourcesOf merges the sources of several pages (a glossary's terms, a
// timeline's events) into one list without repeats, oldest first.
func sourcesOf(ps []*site.Page) []site.Source {
	type key struct{ title, url string }
	seen := map[key]bool{}
	var out []site.Source
	for _, p := range ps {
		for _, s := range p.Sources {
			k := key{s.Title, s.URL}
			if !seen[k] {
				seen[k] = true
				out = append(out, s)
			}
		}
	}
	slices.SortStableFunc(out, func(a, b site.Source) int {
		return cmp.Or(date.Compare(a.Date, b.Date), strings.Compare(a.Title, b.Title))
	})
	return out
}

// description is a page's meta description: its summary, else a term's
// short text, else the site's summary.
func description(p *site.Page) string {
	if p.Summary != "" {
		return p.Summary
	}
	if p.Short != "" {
		return p.Short
	}
	return p.Site.Summary
}

// The schema.org objects pagejsonld writes. Fields are in alphabetical
// order of their JSON names, the order jsonld gives a dict's keys, so both
// write the same bytes.
type (
	ldWebSite struct {
		Context     string `json:"@context"`
		Type        string `json:"@type"`
		Description string `json:"description"`
		Name        string `json:"name"`
		URL         string `json:"url"`
	}
	ldArticle struct {
		Context      string   `json:"@context"`
		Type         string   `json:"@type"`
		DateModified string   `json:"dateModified,omitempty"`
		Headline     string   `json:"headline"`
		IsPartOf     ldPartOf `json:"isPartOf"`
		URL          string   `json:"url"`
	}
	ldPartOf struct {
		Type string `json:"@type"`
		Name string `json:"name"`
	}
	ldTermSet struct {
		Context string `json:"@context"`
		Type    string `json:"@type"`
		Name    string `json:"name"`
		URL     string `json:"url"`
	}
	ldItemList struct {
		Context       string `json:"@context"`
		Type          string `json:"@type"`
		Name          string `json:"name"`
		NumberOfItems int    `json:"numberOfItems"`
		URL           string `json:"url"`
	}
)

// pageJSONLD is the JSON-LD description of a page for search engines: the
// site for the home page, an Article for a page of text, a DefinedTermSet
// for the glossary and an ItemList for other lists; nothing for the rest.
// Building it from typed values is much cheaper than a dict per page.
func pageJSONLD(p *site.Page, u URLs) (template.JS, error) {
	const ctx = "https://schema.org"
	var v any
	switch p.Kind {
	case site.Home:
		v = ldWebSite{ctx, "WebSite", p.Site.Summary, p.Site.Title, u.Abs("/")}
	case site.Demand, site.Counterposition, site.Generic, site.Actor:
		// The description is the page's meta description already.
		v = ldArticle{ctx, "Article", p.Lastmod().ISO(), p.Title, ldPartOf{"WebSite", p.Site.Title}, u.Abs(p.URL)}
	case site.List:
		if p.ListKind == site.Term {
			v = ldTermSet{ctx, "DefinedTermSet", p.Title, u.Abs(p.URL)}
		} else {
			v = ldItemList{ctx, "ItemList", p.Title, len(p.Pages), u.Abs(p.URL)}
		}
	default:
		return "", nil
	}
	b, err := json.Marshal(v)
	return template.JS(b), err
}
