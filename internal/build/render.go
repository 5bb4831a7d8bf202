package build

import (
	"bytes"
	"context"
	"html/template"
	"io/fs"
	"sync"

	"github.com/counterpoint-ssg/counterpoint/internal/diag"
	"github.com/counterpoint-ssg/counterpoint/internal/layout"
	"github.com/counterpoint-ssg/counterpoint/internal/site"
)

// generated are the site paths the build writes besides pages and assets.
var generated = []string{"404.html", "sitemap.xml", "robots.txt", "atom.xml", "search-index.json"}

var bufPool = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// renderBodies renders every parsed body to HTML on all cores.
func (b *builder) renderBodies(ctx context.Context) error {
	return parallel(ctx, len(b.docs), func(i int) {
		d := b.docs[i]
		buf := bufPool.Get().(*bytes.Buffer)
		buf.Reset()
		// Errors come only from the writer, and a bytes.Buffer cannot fail.
		_ = b.md.Render(buf, d.doc)
		d.body.Page.Content = template.HTML(buf.String())
		bufPool.Put(buf)
		b.docs[i].doc = nil // the AST is no longer needed
	})
}

// outputPages lists every page that gets its own HTML file.
func (b *builder) outputPages() []*site.Page {
	s := b.site
	out := []*site.Page{s.Home}
	for _, p := range s.All {
		if !p.IsEntry() {
			out = append(out, p)
		}
	}
	out = append(out, listPages(s)...)
	out = append(out, b.searchPage(), b.notFoundPage())
	return out
}

func (b *builder) searchPage() *site.Page {
	s := b.site
	sp := &site.Page{Kind: site.List, ListKind: "search", Title: "Search", Slug: "search", URL: "/search/", Summary: "Search every demand, counterposition, term, event and page.", Params: map[string]any{}, Site: s}
	for _, k := range []site.Kind{site.Demand, site.Counterposition, site.Actor, site.Event, site.Term} {
		if l := s.Lists[k]; l != nil && len(l.Pages) > 0 {
			sp.Pages = append(sp.Pages, l)
		}
	}
	if len(s.Generic) > 0 {
		sp.Pages = append(sp.Pages, &site.Page{Kind: site.List, Title: "Other pages", Pages: s.Generic, Site: s})
	}
	return sp
}

func (b *builder) notFoundPage() *site.Page {
	return &site.Page{Kind: site.NotFound, Title: "Page not found", Slug: "404", URL: "/404.html", Summary: "There is no page at this address.", Params: map[string]any{}, Site: b.site}
}

// renderPages executes layouts for every output page and adds the
// generated files and the content directory's static files.
func (b *builder) renderPages(ctx context.Context, t *layout.Set, fsys fs.FS, static []string) (map[string][]byte, error) {
	pages := b.outputPages()
	outs := make([][]byte, len(pages))
	errs := make([]error, len(pages))
	err := parallel(ctx, len(pages), func(i int) {
		p := pages[i]
		buf := bufPool.Get().(*bytes.Buffer)
		buf.Reset()
		if err := t.Execute(buf, t.For(p), p); err != nil {
			errs[i] = err
		} else {
			outs[i] = bytes.Clone(buf.Bytes())
		}
		bufPool.Put(buf)
	})
	if err != nil {
		return nil, err
	}
	var all diag.List
	for _, e := range errs {
		if de, ok := e.(*diag.Error); ok {
			all = append(all, de)
		} else if e != nil {
			all.Add("layouts", 1, 1, e.Error())
		}
	}
	if len(all) > 0 {
		return nil, all.Sort()
	}
	files := make(map[string][]byte, len(pages)+len(static)+8)
	for i, p := range pages {
		name := p.OutputPath()
		if p.Kind == site.NotFound {
			name = "404.html"
		}
		files[name] = outs[i]
	}
	for _, st := range static {
		data, err := fs.ReadFile(fsys, "content/"+st)
		if err != nil {
			all.Add("content/"+st, 1, 1, "cannot read: "+err.Error())
			continue
		}
		files[st] = data
	}
	if len(all) > 0 {
		return nil, all.Sort()
	}
	files["sitemap.xml"] = b.sitemap(pages)
	files["robots.txt"] = b.robots()
	files["atom.xml"] = b.feed()
	files["search-index.json"] = b.searchIndex()
	return files, nil
}
