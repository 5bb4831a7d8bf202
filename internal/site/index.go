package site

import (
	"slices"
	"strings"

	"golang.org/x/text/unicode/norm"
)

// Index finds pages by the names links use: slug first, then title or any
// alias, case-insensitively and whatever the Unicode normalisation form of
// either side (an editor on macOS may type "café" as e + U+0301).
type Index struct {
	bySlug map[string]*Page
	byName map[string][]*Page
	byURL  map[string]*Page
}

// NewIndex indexes pages (list pages are reachable by URL only).
func NewIndex(pages []*Page, lists map[Kind]*Page) *Index {
	ix := &Index{
		bySlug: make(map[string]*Page, len(pages)),
		byName: make(map[string][]*Page, 2*len(pages)),
		byURL:  make(map[string]*Page, len(pages)+len(lists)),
	}
	add := func(name string, p *Page) {
		k := nameKey(name)
		if k == "" || slices.Contains(ix.byName[k], p) {
			return
		}
		ix.byName[k] = append(ix.byName[k], p)
	}
	for _, p := range pages {
		if p.Kind == Home || p.Kind == List {
			ix.byURL[p.URL] = p
			continue
		}
		if _, dup := ix.bySlug[p.Slug]; !dup {
			ix.bySlug[p.Slug] = p
		}
		add(p.Title, p)
		for _, a := range p.Aliases {
			add(a, p)
		}
		if !p.IsEntry() {
			ix.byURL[p.URL] = p
		}
	}
	for _, l := range lists {
		ix.byURL[l.URL] = l
	}
	return ix
}

// Lookup resolves a link target. It returns the page, or nil and the
// candidates when the name is ambiguous (or none when unknown).
func (ix *Index) Lookup(ref string) (*Page, []*Page) {
	if p, ok := ix.bySlug[ref]; ok {
		return p, nil
	}
	k := nameKey(ref)
	if p, ok := ix.bySlug[k]; ok {
		return p, nil
	}
	c := ix.byName[k]
	if len(c) == 1 {
		return c[0], nil
	}
	return nil, c
}

// nameKey is the form names are compared in: trimmed, lower-cased and in
// Unicode normalisation form C (composed), so that canonically equivalent
// spellings meet. norm returns ASCII and already composed text unchanged.
func nameKey(name string) string {
	return norm.NFC.String(strings.ToLower(strings.TrimSpace(name)))
}

// Slug returns the page with exactly this slug.
func (ix *Index) Slug(s string) *Page { return ix.bySlug[s] }

// URL returns the page or list page served at a site path ("/demands/x/").
func (ix *Index) URL(u string) *Page {
	if p, ok := ix.byURL[u]; ok {
		return p
	}
	if !strings.HasSuffix(u, "/") {
		if p, ok := ix.byURL[u+"/"]; ok {
			return p
		}
	}
	return ix.byURL[strings.TrimSuffix(u, "index.html")]
}
