package build

import (
	"bytes"
	"context"
	"github.com/counterpoint-ssg/counterpoint/internal/par"
	"html/template"
	"io/fs"
	"slices"
	"strings"
	"sync"

	"github.com/counterpoint-ssg/counterpoint/internal/diag"
	"github.com/counterpoint-ssg/counterpoint/internal/layout"
	"github.com/counterpoint-ssg/counterpoint/internal/search"
	"github.com/counterpoint-ssg/counterpoint/internal/site"
)

// generated are the site paths the build writes besides pages and assets.
var generated = []string{"404.html", "sitemap.xml", "robots.txt", "atom.xml", "search-index.json", previewDir, search.ManifestPath, "search/", "search/index.html", "map/", "map/index.html", headersName}

var bufPool = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// fill puts the resolved links into every body's HTML, on all cores.
func (b *builder) fill(ctx context.Context) error {
	return par.For(ctx, len(b.bodies), func(i int) {
		cb := b.bodies[i]
		bd, _ := cb.Parsed.(*body)
		if bd == nil {
			return
		}
		cb.Page.Content, cb.Page.HasCode = b.reuse.fill(cb, bd, &b.resolutions[i])
		b.bodies[i].Parsed = nil // the parsed form is no longer needed
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
	if b.site.Map != nil {
		out = append(out, b.mapPage())
	}
	return out
}

func (b *builder) searchPage() *site.Page {
	s := b.site
	sp := &site.Page{Kind: site.List, ListKind: "search", Title: s.Word("search_title"), Slug: "search", URL: "/search/", Summary: s.Word("search_summary"), Params: map[string]any{}, Site: s}
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
	return &site.Page{Kind: site.NotFound, Title: b.site.Word("notfound_title"), Slug: "404", URL: "/404.html", Summary: b.site.Word("notfound_summary"), Params: map[string]any{}, Site: b.site}
}

// emitter delivers output files either to a map (the Result) or to the
// caller's sink as soon as each is ready.
type emitter struct {
	sink  func(path string, data []byte) error
	mu    sync.Mutex
	files map[string][]byte
	count int
	html  int
	// top holds the top-level names of the files emitted so far, for the
	// headers file: "index.html", "demands/".
	top map[string]bool
}

// newEmitter delivers to sink, or to a map when sink is nil.
func newEmitter(sink func(path string, data []byte) error) *emitter {
	e := &emitter{sink: sink}
	if sink == nil {
		e.files = map[string][]byte{}
	}
	return e
}

func (e *emitter) put(path string, data []byte) error {
	return e.emit(path, data, false)
}

// emit hands over one file; owned data is the emitter's to keep (it is
// never written to again), other data is copied if kept.
func (e *emitter) emit(path string, data []byte, owned bool) error {
	e.mu.Lock()
	e.count++
	if strings.HasSuffix(path, ".html") {
		e.html++
	}
	if t := topLevel(path); !e.top[t] {
		if e.top == nil {
			e.top = map[string]bool{}
		}
		e.top[t] = true
	}
	if e.sink == nil {
		if !owned {
			data = bytes.Clone(data)
		}
		e.files[path] = data
		e.mu.Unlock()
		return nil
	}
	e.mu.Unlock()
	return e.sink(path, data)
}

// renderPages executes layouts for every output page and emits them, the
// generated files and the content directory's static files.
func (b *builder) renderPages(ctx context.Context, t *layout.Set, fsys fs.FS, static []string, out *emitter) error {
	pages := b.outputPages()
	jobs := b.planCards(pages)
	index := b.startSearch(ctx)
	t.ResetCache()
	markCode(pages)
	for _, list := range [][]*site.Page{b.site.All, pages} {
		for _, p := range list {
			b.setHref(p)
			for _, m := range p.Pages {
				b.setHref(m)
			}
		}
	}
	for i := range b.site.Menu {
		e := &b.site.Menu[i]
		e.Href = e.URL
		if strings.HasPrefix(e.URL, "/") {
			e.Href = b.urls.Rel(e.URL)
		}
	}
	emitPreviews := b.emitPreviews(out)
	errs := make([]error, len(pages))
	err := par.For(ctx, len(pages), func(i int) {
		p := pages[i]
		name := p.OutputPath()
		if p.Kind == site.NotFound {
			name = "404.html"
		}
		layoutName := t.For(p)
		key := b.reuse.pageKey(p, layoutName, t.BodyDeps(layoutName))
		if data, ok := b.reuse.output(name, key); ok {
			errs[i] = out.emit(name, data, true)
			return
		}
		b.rendered.Add(1)
		buf := bufPool.Get().(*bytes.Buffer)
		buf.Reset()
		if err := t.Execute(buf, layoutName, p); err != nil {
			errs[i] = err
		} else if kept := b.reuse.keep(name, key, buf.Bytes()); kept != nil {
			errs[i] = out.emit(name, kept, true)
		} else {
			errs[i] = out.put(name, buf.Bytes())
		}
		bufPool.Put(buf)
	})
	if err != nil {
		return err
	}
	var all diag.List
	for _, e := range errs {
		if de, ok := e.(*diag.Error); ok {
			all = append(all, de)
		} else if e != nil {
			return e
		}
	}
	if len(all) > 0 {
		return all.Sort()
	}
	if err := b.emitCards(ctx, jobs, out); err != nil {
		return err
	}
	for _, st := range static {
		data, err := fs.ReadFile(fsys, "content/"+st)
		if err != nil {
			all.Add("content/"+st, 1, 1, "cannot read: "+err.Error())
			continue
		}
		if err := out.emit(st, data, true); err != nil {
			return err
		}
	}
	if len(all) > 0 {
		return all.Sort()
	}
	for _, g := range []struct {
		name string
		make func() []byte
	}{
		{"sitemap.xml", func() []byte { return b.sitemap(pages) }},
		{"robots.txt", b.robots},
		{"atom.xml", b.feed},
		{"search-index.json", b.searchIndex},
	} {
		data, ok := b.reuse.output(g.name, b.reuse.siteKey())
		if !ok {
			data = g.make()
			b.reuse.keep(g.name, b.reuse.siteKey(), data)
		}
		if err := out.emit(g.name, data, true); err != nil {
			return err
		}
	}
	if err := emitPreviews(); err != nil {
		return err
	}
	return b.emitSearch(ctx, out, index)
}

// markCode sets HasCode on list pages: a member's body holds a
// highlighted code block. (fill has set it from each page's own body.)
func markCode(pages []*site.Page) {
	flags := make([]bool, len(pages))
	for i, p := range pages {
		flags[i] = p.HasCode || slices.ContainsFunc(p.Pages, func(m *site.Page) bool { return m.HasCode })
	}
	for i, p := range pages {
		p.HasCode = flags[i]
	}
}

// hasCode reports whether body HTML holds a highlighted code block.
func hasCode(html template.HTML) bool {
	return strings.Contains(string(html), `<pre class="chroma"`)
}

// setHref gives a page its links with the base path, once, so layouts need
// not compute them for every link to it.
func (b *builder) setHref(p *site.Page) {
	if p.Href == "" && p.URL != "" {
		p.Href, p.Permalink = b.urls.Rel(p.URL), b.urls.Abs(p.URL)
	}
}

// topNames returns the top-level names of the files emitted so far, sorted.
func (e *emitter) topNames() []string {
	e.mu.Lock()
	defer e.mu.Unlock()
	out := make([]string, 0, len(e.top))
	for t := range e.top {
		out = append(out, t)
	}
	slices.Sort(out)
	return out
}
