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
	"runtime"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/counterpoint-ssg/counterpoint/internal/assets"
	"github.com/counterpoint-ssg/counterpoint/internal/content"
	"github.com/counterpoint-ssg/counterpoint/internal/diag"
	"github.com/counterpoint-ssg/counterpoint/internal/layout"
	"github.com/counterpoint-ssg/counterpoint/internal/markdown"
	"github.com/counterpoint-ssg/counterpoint/internal/site"
)

// Inputs say what to build.
type Inputs struct {
	// FS is the site root: content/, layouts/, assets/.
	FS fs.FS
	// BaseURL overrides the site's base_url when set.
	BaseURL string
	Drafts  bool
}

// Stats summarise a build.
type Stats struct {
	Pages, Terms, Events, Files int
	Duration                    time.Duration
}

// Result is a complete built site in memory.
type Result struct {
	// Files maps output paths ("demands/x/index.html") to contents.
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
	start := time.Now()
	loaded, errs := content.Load(in.FS, content.Options{Drafts: in.Drafts})
	s := loaded.Site
	base := s.BaseURL
	if in.BaseURL != "" {
		base = in.BaseURL
	}
	urls, err := parseBase(base)
	if err != nil {
		errs.Add("content/_index.md", 1, 1, err.Error())
	}
	s.BaseURL = urls.Base
	if err := ctx.Err(); err != nil {
		return nil, err
	}

	b := &builder{
		site:   s,
		urls:   urls,
		md:     markdown.New(s.Unsafe),
		static: map[string]bool{},
	}
	for _, st := range loaded.Static {
		b.static["/"+st] = true
	}
	b.parse(loaded.Bodies)
	b.index = site.NewIndex(append(append([]*site.Page{s.Home}, s.All...), listPages(s)...), s.Lists)

	set, aerrs := assets.Build(in.FS)
	errs.Merge(aerrs)
	for _, f := range set.Files {
		b.static["/"+f.Path] = true
	}
	for _, g := range generated {
		b.static["/"+g] = true
	}
	links := b.resolve(&errs)
	if len(errs) > 0 {
		return nil, errs.Sort()
	}
	s.Derive(links)
	if err := b.renderBodies(ctx); err != nil {
		return nil, err
	}

	tmpl, lerrs := layout.Load(in.FS, layout.Funcs(urls, set.Lookup))
	if len(lerrs) > 0 {
		return nil, lerrs.Sort()
	}
	files, err := b.renderPages(ctx, tmpl, in.FS, loaded.Static)
	if err != nil {
		return nil, err
	}
	for _, f := range set.Files {
		files[f.Path] = f.Data
	}
	res := &Result{Files: files, Site: s}
	res.Stats = Stats{
		Pages:  countHTML(files),
		Terms:  len(s.Terms),
		Events: len(s.Events),
		Files:  len(files),
	}
	res.Stats.Duration = time.Since(start)
	return res, nil
}

func countHTML(files map[string][]byte) int {
	n := 0
	for p := range files {
		if strings.HasSuffix(p, ".html") {
			n++
		}
	}
	return n
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

// parallel runs f(i) for i in [0,n) on all cores. Each index is handled by
// exactly one goroutine, so writing results[i] needs no lock and the output
// order never depends on scheduling.
func parallel(ctx context.Context, n int, f func(i int)) error {
	workers := min(runtime.GOMAXPROCS(0), n)
	if workers <= 1 {
		for i := 0; i < n; i++ {
			if i%64 == 0 && ctx.Err() != nil {
				return ctx.Err()
			}
			f(i)
		}
		return ctx.Err()
	}
	var wg sync.WaitGroup
	var mu sync.Mutex
	next := 0
	const chunk = 16
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				if ctx.Err() != nil {
					return
				}
				mu.Lock()
				i := next
				next += chunk
				mu.Unlock()
				if i >= n {
					return
				}
				for j := i; j < min(i+chunk, n); j++ {
					f(j)
				}
			}
		}()
	}
	wg.Wait()
	return ctx.Err()
}

// IsContentError reports whether err lists problems in the site's files (as
// opposed to an interrupted build).
func IsContentError(err error) bool {
	var l diag.List
	var e *diag.Error
	return errors.As(err, &l) || errors.As(err, &e)
}
