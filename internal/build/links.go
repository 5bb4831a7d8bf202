package build

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/counterpoint-ssg/counterpoint/internal/content"
	"github.com/counterpoint-ssg/counterpoint/internal/diag"
	"github.com/counterpoint-ssg/counterpoint/internal/layout"
	"github.com/counterpoint-ssg/counterpoint/internal/markdown"
	"github.com/counterpoint-ssg/counterpoint/internal/site"
)

// templateIDs are ids the built-in layouts put on every page; headings in
// bodies never take them, and links to them are valid.
var templateIDs = []string{"main", "q", "sources-h", "matrix-h", "search-results", "all-h", "q404", "q-page"}

type builder struct {
	site   *site.Site
	urls   layout.URLs
	md     *markdown.Engine
	index  *site.Index
	static map[string]bool // site paths of files that are not pages
	docs   []parsedDoc
	// anchors holds the valid fragment ids of each page.
	anchors map[*site.Page]map[string]bool
}

type parsedDoc struct {
	body content.Body
	doc  *markdown.Doc
}

// parse parses every body once, on all cores.
func (b *builder) parse(bodies []content.Body) {
	reserved := map[site.Kind]map[string]bool{site.Term: {}, site.Event: {}, "": {}}
	for _, id := range templateIDs {
		for _, m := range reserved {
			m[id] = true
		}
	}
	for _, t := range b.site.Terms {
		reserved[site.Term][t.Slug] = true
	}
	for _, g := range b.site.TermsByLetter() {
		reserved[site.Term][g.ID] = true
	}
	for _, e := range b.site.Events {
		reserved[site.Event][e.Slug] = true
	}
	for _, g := range b.site.EventsByYear() {
		reserved[site.Event][g.ID] = true
	}
	b.docs = make([]parsedDoc, len(bodies))
	parallel(context.Background(), len(bodies), func(i int) {
		body := bodies[i]
		p := body.Page
		prefix, res := "", reserved[""]
		switch {
		case p.IsEntry():
			prefix, res = p.Slug+"-", reserved[p.Kind]
		case p.Kind == site.List && (p.ListKind == site.Term || p.ListKind == site.Event):
			res = reserved[p.ListKind]
		}
		d := b.md.Parse(body.Text, prefix, res)
		p.HeadingIDs = d.HeadingIDs
		b.docs[i] = parsedDoc{body: body, doc: d}
	})
}

// computeAnchors records which fragments each page (or list page) defines.
func (b *builder) computeAnchors() {
	b.anchors = map[*site.Page]map[string]bool{}
	add := func(p *site.Page, ids ...string) {
		m := b.anchors[p]
		if m == nil {
			m = map[string]bool{}
			b.anchors[p] = m
		}
		for _, id := range ids {
			m[id] = true
		}
	}
	pages := append([]*site.Page{b.site.Home}, b.site.All...)
	for _, l := range b.site.Lists {
		pages = append(pages, l)
	}
	for _, p := range pages {
		add(p, templateIDs...)
		add(p, p.HeadingIDs...)
	}
	gl, tl := b.site.Lists[site.Term], b.site.Lists[site.Event]
	for _, t := range b.site.Terms {
		add(gl, t.Slug)
		add(gl, t.HeadingIDs...)
	}
	for _, g := range b.site.TermsByLetter() {
		add(gl, g.ID)
	}
	for _, e := range b.site.Events {
		add(tl, e.Slug)
		add(tl, e.HeadingIDs...)
	}
	for _, g := range b.site.EventsByYear() {
		add(tl, g.ID)
	}
}

// resolve points every link at its target, reporting unknown, ambiguous
// and dangling links, and returns what each page links to.
func (b *builder) resolve(errs *diag.List) map[*site.Page][]*site.Page {
	b.computeAnchors()
	perDoc := make([]diag.List, len(b.docs))
	outs := make([][]*site.Page, len(b.docs))
	parallel(context.Background(), len(b.docs), func(i int) {
		outs[i] = b.resolveDoc(b.docs[i], &perDoc[i])
	})
	links := make(map[*site.Page][]*site.Page, len(b.docs))
	for i, d := range b.docs {
		errs.Merge(perDoc[i])
		links[d.body.Page] = outs[i]
	}
	return links
}

func (b *builder) resolveDoc(d parsedDoc, errs *diag.List) []*site.Page {
	p := d.body.Page
	var out []*site.Page
	seen := map[*site.Page]bool{}
	use := func(t *site.Page) {
		if t != nil && !seen[t] && t != p && t.Kind != site.List && t.Kind != site.Home {
			seen[t] = true
			out = append(out, t)
		}
	}
	for _, l := range d.doc.Links {
		line, col := diag.Position(d.body.Text, l.Offset)
		line += d.body.Line - 1
		fail := func(format string, args ...any) {
			errs.Add(p.Path, line, col, fmt.Sprintf(format, args...))
		}
		if w := l.Wiki; w != nil {
			t, cands := b.index.Lookup(w.Target)
			if t == nil {
				if len(cands) > 1 {
					fail("ambiguous link [[%s]]: it matches %s; link by slug instead", w.Target, describe(cands))
				} else {
					fail("unknown link target [[%s]]: no page or term has this slug, title or alias", w.Target)
				}
				continue
			}
			u := t.URL
			if w.Anchor != "" {
				id := w.Anchor
				if t.IsEntry() {
					id = t.Slug + "-" + w.Anchor
					u = strings.SplitN(t.URL, "#", 2)[0] + "#" + id
				} else {
					u = t.URL + "#" + id
				}
				if !slices.Contains(t.HeadingIDs, id) {
					fail("unknown heading [[%s#%s]]: %s has no heading with id %q", w.Target, w.Anchor, t.Path, w.Anchor)
					continue
				}
			}
			w.URL = b.urls.Rel(u)
			if w.Target == t.Slug {
				w.Display = t.Title
			} else {
				w.Display = w.Target
			}
			if t.Kind == site.Term {
				w.Class, w.Short = "term", t.Short
			}
			use(t)
			continue
		}
		// A Markdown link to a site path or a fragment.
		if l.Path == "" {
			if !p.IsEntry() && l.Anchor != "" && !strings.Contains(l.Anchor, ":") && !b.anchors[p][l.Anchor] {
				fail("unknown heading #%s: this page has no heading with that id", l.Anchor)
			}
			continue
		}
		t := b.index.URL(l.Path)
		if t == nil && l.Path == "/" {
			t = b.site.Home
		}
		switch {
		case t != nil:
			if l.Anchor != "" && !b.anchors[t][l.Anchor] {
				fail("link to %s#%s: that page has no element with id %q", l.Path, l.Anchor, l.Anchor)
				continue
			}
			if t.Kind == site.List && l.Anchor != "" {
				for _, e := range t.Pages {
					if e.Slug == l.Anchor && e.IsEntry() {
						use(e)
					}
				}
			}
			use(t)
		case b.static[l.Path]:
		default:
			what := "page"
			if l.Image {
				what = "image"
			}
			fail("link to a missing %s: nothing is published at %s", what, l.Path)
			continue
		}
		dest := b.urls.Rel(l.Path)
		if l.Anchor != "" {
			dest += "#" + l.Anchor
		}
		l.SetDest(dest)
	}
	return out
}

func describe(ps []*site.Page) string {
	parts := make([]string, 0, len(ps))
	for _, p := range ps {
		parts = append(parts, fmt.Sprintf("%q (%s)", p.Slug, p.Path))
	}
	slices.Sort(parts)
	return strings.Join(parts, ", ")
}
