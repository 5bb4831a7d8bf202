// Package build turns a site directory into an in-memory tree of output
// files: load content, parse every body once, resolve links against the
// whole site, derive relations, render Markdown and layouts, and add the
// generated files (feed, sitemap, search index). It writes nothing; the
// output package does that, and serve serves the result directly.
package build

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/counterpoint-ssg/counterpoint/internal/assets"
	"github.com/counterpoint-ssg/counterpoint/internal/cache"
	"github.com/counterpoint-ssg/counterpoint/internal/content"
	"github.com/counterpoint-ssg/counterpoint/internal/diag"
	"github.com/counterpoint-ssg/counterpoint/internal/layout"
	"github.com/counterpoint-ssg/counterpoint/internal/pack"
	"github.com/counterpoint-ssg/counterpoint/internal/site"
)

// Inputs say what to build.
type Inputs struct {
	// FS is the site root: content/, layouts/, assets/.
	FS fs.FS
	// BaseURL overrides the site's base_url when set.
	BaseURL string
	Drafts  bool
	// Sink, when set, receives every output file as soon as it is ready
	// instead of the Result holding them all; data is only valid during the
	// call. It may be called from several goroutines at once.
	Sink func(path string, data []byte) error
	// TemplatesOnly renders the built-in layouts through html/template
	// rather than their Go transcription (layout.Set.TemplatesOnly), so
	// that tests can hold the two equal.
	TemplatesOnly bool
	// Cache keeps work between builds (nil: none); see package cache.
	Cache *cache.Dir
	// Link, with Sink and Cache, places a file kept in the cache at an
	// output path instead of Sink receiving its bytes (output.Writer.Link):
	// sum changes whenever the file's bytes do.
	Link func(path, src, sum string) error
	// Root names the site in Cache (its directory's absolute path), so
	// that two sites keep their entries apart.
	Root string
	// Discard says the caller keeps none of the files (check): the social
	// cards, whose drawing can report no problem, are counted but neither
	// drawn nor read from the cache.
	Discard bool
	// SearchLater, for a Builder, moves the full-text index off a
	// rebuild's critical path: after the first build, a Result holds the
	// previous build's index files (and headers file) and its Later makes
	// this build's. Build ignores it.
	SearchLater bool
}

// Stats summarise a build.
type Stats struct {
	Pages, Terms, Events, Files int
	Duration                    time.Duration
	// Rendered counts the pages whose layout ran; a rebuild reuses the
	// others from the previous build. Cards counts the social cards drawn
	// (the others came from the cache); Parsed counts the bodies parsed
	// (the others came from the cache or the previous build).
	Rendered, Cards, Parsed int
	// Stages break Duration down: loading and parsing, linking, layouts.
	Load, Link, Layout time.Duration
}

// Result is a complete built site in memory.
type Result struct {
	// Files maps output paths ("demands/x/index.html") to contents; it is
	// nil when the build was given a Sink.
	Files map[string][]byte
	Site  *site.Site
	Stats Stats
	// Warnings are problems a reader would see that do not stop the
	// build, sorted (diag.Error.Warning).
	Warnings diag.List
	// Later, when set, computes this build's full-text index and returns
	// the Result with its files in place of the stand-in ones it holds
	// (Inputs.SearchLater); the Result then equals a clean Build's. It
	// may run on another goroutine while the Builder builds again, and
	// stops early when ctx is cancelled.
	Later func(ctx context.Context) (*Result, error)
}

// Paths returns the output paths, sorted.
func (r *Result) Paths() []string {
	out := make([]string, 0, len(r.Files))
	for p := range r.Files {
		out = append(out, p)
	}
	slices.Sort(out)
	return out
}

// Build builds the site. Content problems come back as a diag.List holding
// every error found; other failures (a context cancelled) as plain errors.
func Build(ctx context.Context, in Inputs) (*Result, error) {
	return run(ctx, in, clean{})
}

// run is one build, stage by stage; r answers from earlier builds where
// it can (a clean build's r reuses nothing).
func run(ctx context.Context, in Inputs, r reuse) (*Result, error) {
	start := time.Now()
	b := &builder{in: in, static: map[string]bool{}, reuse: r}
	// Load: read every file of content/, parse every body.
	loaded, errs, err := b.load()
	if err != nil {
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	tLoad := time.Now()
	// Link: resolve every link against the site, its assets and files.
	set, tmpl := r.siteFiles(in.FS, b.urls, b.site.Language)
	if set == nil {
		var aerrs diag.List
		set, aerrs = assets.Build(in.FS)
		errs.Merge(aerrs)
	}
	links := b.link(loaded.Static, set, &errs)
	if errs.Errors() > 0 {
		return nil, errs.Sort()
	}
	// Derive: relations and backlinks; every body's final HTML.
	b.site.Derive(links)
	if err := b.fill(ctx); err != nil {
		return nil, err
	}
	// Draw: the pictures (map, neighbourhoods).
	if err := b.draw(ctx); err != nil {
		return nil, err
	}
	tLink := time.Now()
	// Render: every page through its layout, and the generated files.
	if tmpl == nil {
		if tmpl, err = b.layouts(set); err != nil {
			return nil, err
		}
	}
	r.keepSiteFiles(set, tmpl, b.urls)
	b.cardTheme(set)
	r.rendering(b)
	out := newEmitter(in.Sink)
	if err := b.renderPages(ctx, tmpl, in.FS, loaded.Static, out); err != nil {
		return nil, err
	}
	// Emit: the assets and the headers file.
	if err := b.emitFiles(out, set, loaded.Static); err != nil {
		return nil, err
	}
	warnings := errs.Sort()
	r.built(b, tmpl, set, loaded.Static, warnings)
	res := b.result(out, warnings, start, tLoad, tLink)
	b.later(res)
	return res, nil
}

// result is the built site with its figures; the stages ended at tLoad,
// tLink and now.
func (b *builder) result(out *emitter, warnings diag.List, start, tLoad, tLink time.Time) *Result {
	return &Result{Files: out.files, Site: b.site, Warnings: warnings, Stats: Stats{
		Pages:    out.html,
		Terms:    len(b.site.Terms),
		Events:   len(b.site.Events),
		Files:    out.count,
		Rendered: int(b.rendered.Load()),
		Cards:    int(b.drawn.Load()),
		Parsed:   int(b.parsed.Load()),
		Duration: time.Since(start),
		Load:     tLoad.Sub(start),
		Link:     tLink.Sub(tLoad),
		Layout:   time.Since(tLink),
	}}
}

// load reads every file of content/ and parses every body (parseBody, on
// the loading goroutines); it settles the base URL. A wrong --base-url is
// the returned error; every other problem goes to the list.
func (b *builder) load() (*content.Result, diag.List, error) {
	opts := content.Options{Drafts: b.in.Drafts, Parse: b.parseBody}
	if b.onParse != nil {
		opts.Parse = func(s *site.Site, cb content.Body) any {
			b.onParse(cb)
			return b.parseBody(s, cb)
		}
	}
	b.reuse.loadOptions(&opts)
	if b.reuse.persistent() && b.in.Cache != nil {
		// The pack does not depend on the settings: read it while
		// content/ is walked and the home page loads.
		b.opening = make(chan *pack.Pack, 1)
		go func() { b.opening <- openParses(b.in) }()
	}
	loaded, errs := content.Load(b.in.FS, opts)
	s := loaded.Site
	if s.Home == nil {
		// content/ itself could not be read (serve sees it vanish during a
		// branch switch): nothing to link or render, only the errors.
		return nil, nil, errs.Sort()
	}
	b.site = s
	b.left = &loaded.LeftOut
	b.prepare(s)
	switch {
	case b.baseErr != nil && b.in.BaseURL != "":
		// The caller's --base-url is wrong, not a file of the site.
		return loaded, nil, b.baseErr
	case b.baseErr != nil:
		errs.Add("content/_index.md", 1, 1, b.baseErr.Error())
	}
	s.BaseURL = b.urls.Base
	b.policy = siteDirectives(content.Hosts(s.Params, "image_hosts"), content.Hosts(s.Params, "embed_hosts"))
	s.CSP = metaOf(b.policy)
	b.bodies = loaded.Bodies
	b.parseShared()
	// Every body is parsed: keep them for the next build now, and let the
	// pack's memory go with the parsed bodies (fill). The cache only saves
	// time: a pack that cannot be written is dropped, and the next build
	// parses again.
	_ = b.parses.Save()
	b.parses = nil
	return loaded, errs, nil
}

// link resolves every link against the site's pages, its static files,
// the assets and the generated files, and checks the menu and that no two
// outputs collide. It returns what each page links to.
func (b *builder) link(static []string, set *assets.Set, errs *diag.List) map[*site.Page][]*site.Page {
	s := b.site
	for _, st := range static {
		b.static["/"+st] = true
	}
	for _, f := range set.Files {
		b.static["/"+f.Path] = true
	}
	for _, g := range generated {
		if strings.HasPrefix(g, "map/") && !s.Pictures.Map {
			continue // no /map/ page to link to
		}
		b.static["/"+g] = true
	}
	b.index = site.NewIndex(append(append([]*site.Page{s.Home}, s.All...), listPages(s)...), s.Lists)
	b.reuse.linking(b)
	links := b.resolve(errs)
	b.checkMenu(errs)
	errs.Merge(b.checkOutputs(static, set))
	return links
}

// layouts parses the site's layouts over the built-in ones.
func (b *builder) layouts(set *assets.Set) (*layout.Set, error) {
	tmpl, errs := layout.Load(b.in.FS, layout.FuncsIn(b.site.Language, b.urls, set.Lookup))
	if len(errs) > 0 {
		return nil, errs.Sort()
	}
	if b.in.TemplatesOnly {
		tmpl.TemplatesOnly()
	}
	return tmpl, nil
}

// emitFiles emits the assets and, last, as it lists what the build wrote,
// the headers file.
func (b *builder) emitFiles(out *emitter, set *assets.Set, static []string) error {
	fingerprinted := make([]string, 0, len(set.Files))
	for _, f := range set.Files {
		if err := out.emit(f.Path, f.Data, true); err != nil {
			return err
		}
		fingerprinted = append(fingerprinted, f.Path)
	}
	fingerprinted = append(fingerprinted, b.cardPaths...)
	fingerprinted = append(fingerprinted, b.searchAssets...)
	if !b.plainDone {
		// A prose edit (bodyEdit) emits again with the same site.
		b.plain, b.plainDone = plainAssets(b.site, static), true
	}
	if l := b.pending; l != nil {
		// The index's own names come later: keep the rest.
		l.base, l.csp, l.plain = b.urls.Path, strings.Join(b.policy, "; "), b.plain
		l.finger = slices.Clone(fingerprinted[:len(fingerprinted)-len(b.searchAssets)])
	}
	return out.emit(headersName, headersFile(b.urls.Path, strings.Join(b.policy, "; "), out.topNames(), fingerprinted, b.plain), true)
}

// sitePages is the home page, every page and the list pages, in order.
func sitePages(s *site.Site) []*site.Page {
	pages := append([]*site.Page{s.Home}, s.All...)
	return append(pages, listPages(s)...)
}

// listPages returns the generated list pages in a stable order.
func listPages(s *site.Site) []*site.Page {
	out := make([]*site.Page, 0, len(s.Lists))
	for _, l := range s.Lists {
		out = append(out, l)
	}
	slices.SortFunc(out, func(a, b *site.Page) int { return strings.Compare(a.URL, b.URL) })
	return out
}

func parseBase(raw string) (layout.URLs, error) {
	if raw == "" || raw == "/" {
		return layout.URLs{Base: "/", Path: "/"}, nil
	}
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "" && u.Scheme != "http" && u.Scheme != "https") || (u.Scheme != "" && u.Host == "") {
		return layout.URLs{Base: "/", Path: "/"}, fmt.Errorf("base URL %q must be an absolute http(s) URL or a path starting with /", raw)
	}
	if u.Scheme == "" && u.Host != "" {
		return layout.URLs{Base: "/", Path: "/"}, fmt.Errorf("base URL %q has no scheme: write https:%s (the site needs its full address for the feed and sitemap)", raw, raw)
	}
	if u.Scheme == "" && !strings.HasPrefix(u.Path, "/") {
		return layout.URLs{Base: "/", Path: "/"}, fmt.Errorf("base URL %q must be an absolute http(s) URL or a path starting with /", raw)
	}
	p := u.EscapedPath()
	if !strings.HasSuffix(p, "/") {
		p += "/"
	}
	if u.Scheme == "" {
		return layout.URLs{Base: p, Path: p}, nil
	}
	return layout.URLs{Base: u.Scheme + "://" + u.Host + p, Path: p}, nil
}

// IsContentError reports whether err lists problems in the site's files (as
// opposed to an interrupted build).
func IsContentError(err error) bool {
	var l diag.List
	var e *diag.Error
	return errors.As(err, &l) || errors.As(err, &e)
}
