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
	"hash/maphash"
	"io/fs"
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/counterpoint-ssg/counterpoint/internal/assets"
	"github.com/counterpoint-ssg/counterpoint/internal/content"
	"github.com/counterpoint-ssg/counterpoint/internal/diag"
	"github.com/counterpoint-ssg/counterpoint/internal/layout"
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
}

// Stats summarise a build.
type Stats struct {
	Pages, Terms, Events, Files int
	Duration                    time.Duration
	// Rendered counts the pages whose layout ran; a rebuild reuses the
	// others from the previous build.
	Rendered int
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
	return run(ctx, in, nil)
}

// run is one build; st carries what earlier builds of a Builder computed.
func run(ctx context.Context, in Inputs, st *state) (*Result, error) {
	start := time.Now()
	b := &builder{in: in, static: map[string]bool{}, state: st}
	opts := content.Options{Drafts: in.Drafts, Parse: b.parseBody}
	if st != nil {
		opts.Cache, opts.Changed = st.files, st.changed
	}
	loaded, errs := content.Load(in.FS, opts)
	s := loaded.Site
	if s.Home == nil {
		// content/ itself could not be read (serve sees it vanish during a
		// branch switch): nothing to link or render, only the errors.
		return nil, errs.Sort()
	}
	b.site = s
	tLoad := time.Now()
	b.prepare(s)
	switch {
	case b.baseErr != nil && in.BaseURL != "":
		// The caller's --base-url is wrong, not a file of the site.
		return nil, b.baseErr
	case b.baseErr != nil:
		errs.Add("content/_index.md", 1, 1, b.baseErr.Error())
	}
	s.BaseURL = b.urls.Base
	s.CSP = MetaCSP()
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	for _, st := range loaded.Static {
		b.static["/"+st] = true
	}
	b.bodies = loaded.Bodies
	b.parseShared()
	b.index = site.NewIndex(append(append([]*site.Page{s.Home}, s.All...), listPages(s)...), s.Lists)

	var set *assets.Set
	var tmpl *layout.Set
	var siteKey uint64
	if st != nil {
		siteKey = siteFiles(in.FS, st.seed) ^ maphash.String(st.seed, s.Language) // the layouts' dates follow the language
		if siteKey == st.siteKey && st.assets != nil && st.layouts != nil && st.urls == b.urls {
			set, tmpl = st.assets, st.layouts
		}
	}
	if set == nil {
		var aerrs diag.List
		set, aerrs = assets.Build(in.FS)
		errs.Merge(aerrs)
	}
	for _, f := range set.Files {
		b.static["/"+f.Path] = true
	}
	for _, g := range generated {
		b.static["/"+g] = true
	}
	if st != nil {
		st.computeEnv(b)
		b.position = make(map[*site.Page]int32, len(s.All))
		for i, p := range s.All {
			b.position[p] = int32(i)
		}
	}
	links := b.resolve(&errs)
	b.checkMenu(&errs)
	errs.Merge(b.checkOutputs(loaded.Static, set))
	if len(errs) > 0 {
		return nil, errs.Sort()
	}
	s.Derive(links)
	if err := b.fill(ctx); err != nil {
		return nil, err
	}

	tLink := time.Now()
	if tmpl == nil {
		var lerrs diag.List
		tmpl, lerrs = layout.Load(in.FS, layout.FuncsIn(s.Language, b.urls, set.Lookup))
		if len(lerrs) > 0 {
			return nil, lerrs.Sort()
		}
		if in.TemplatesOnly {
			tmpl.TemplatesOnly()
		}
	}
	if st != nil {
		st.siteKey, st.assets, st.layouts, st.urls = siteKey, set, tmpl, b.urls
		heads := make(map[*site.Page]uint64, len(loaded.Bodies))
		for _, cb := range loaded.Bodies {
			heads[cb.Page] = cb.HeadSum
		}
		st.computeGlobal(b, heads)
	}
	out := &emitter{sink: in.Sink}
	if in.Sink == nil {
		out.files = map[string][]byte{}
	}
	if err := b.renderPages(ctx, tmpl, in.FS, loaded.Static, out); err != nil {
		return nil, err
	}
	for _, f := range set.Files {
		if err := out.emit(f.Path, f.Data, true); err != nil {
			return nil, err
		}
	}
	// Last, as it lists what the build wrote.
	var fingerprinted []string
	for _, f := range set.Files {
		fingerprinted = append(fingerprinted, f.Path)
	}
	if err := out.emit(headersName, headersFile(b.urls.Path, out.topNames(), fingerprinted, plainAssets(s, loaded.Static)), true); err != nil {
		return nil, err
	}
	res := &Result{Files: out.files, Site: s}
	res.Stats = Stats{
		Pages:    out.html,
		Terms:    len(s.Terms),
		Events:   len(s.Events),
		Files:    out.count,
		Rendered: int(b.rendered.Load()),
	}
	res.Stats.Duration = time.Since(start)
	res.Stats.Load = tLoad.Sub(start)
	res.Stats.Link = tLink.Sub(tLoad)
	res.Stats.Layout = time.Since(tLink)
	return res, nil
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
