package build

import (
	"context"
	"sync"

	"github.com/counterpoint-ssg/counterpoint/internal/assets"
	"github.com/counterpoint-ssg/counterpoint/internal/content"
	"github.com/counterpoint-ssg/counterpoint/internal/markdown"
	"github.com/counterpoint-ssg/counterpoint/internal/site"
)

// Model is the site as check sees it before rendering: loaded, every link
// resolved and checked, relations derived, with the Markdown of each body
// kept for readers of the text such as the audit.
type Model struct {
	Site *site.Site
	// Bodies holds one entry per page with a body, sorted by path.
	Bodies []Body
	// Index finds pages by the names links use.
	Index *site.Index
}

// Body is one page's Markdown, parsed with the engine the build uses.
type Body struct {
	Page *site.Page
	// Doc is the parsed body; Doc.Source is the text, whose first byte is
	// on line Line of the file Page.Path.
	Doc  *markdown.Doc
	Line int
}

// LoadModel runs the load and link stages of Build, with the same checks
// (a site that check refuses comes back as the same diag.List), and keeps
// the bodies' syntax trees instead of rendering. Build itself pays nothing
// for it: the trees are made here only.
func LoadModel(ctx context.Context, in Inputs) (*Model, error) {
	b := &builder{in: in, static: map[string]bool{}, reuse: clean{}}
	var mu sync.Mutex
	texts := map[*site.Page]content.Body{}
	b.onParse = func(cb content.Body) {
		mu.Lock()
		texts[cb.Page] = cb // Text is dropped from the loaded body, not freed
		mu.Unlock()
	}
	loaded, errs, err := b.load()
	if err != nil {
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	set, aerrs := assets.Build(in.FS)
	errs.Merge(aerrs)
	links := b.link(loaded.Static, set, &errs)
	if errs.Errors() > 0 {
		return nil, errs.Sort()
	}
	s := b.site
	s.Derive(links)
	m := &Model{Site: s, Index: b.index}
	for _, lb := range loaded.Bodies {
		cb, ok := texts[lb.Page]
		if !ok { // a shared list page, parsed after loading
			cb = lb
		}
		if cb.Text == nil {
			continue
		}
		m.Bodies = append(m.Bodies, Body{Page: lb.Page, Doc: b.md.Parse(cb.Text, "", nil), Line: cb.Line})
		if err := ctx.Err(); err != nil {
			return nil, err
		}
	}
	return m, nil
}
