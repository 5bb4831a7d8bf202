// Package content reads a site's content/ tree into the typed model: it
// splits and decodes front matter, checks every field of every kind, assigns
// slugs and URLs, and resolves the relations declared in front matter.
// Problems are collected with their positions; nothing stops at the first.
package content

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"slices"
	"strings"

	"github.com/counterpoint-ssg/counterpoint/internal/diag"
	"github.com/counterpoint-ssg/counterpoint/internal/par"
	"github.com/counterpoint-ssg/counterpoint/internal/site"
)

// MaxFileSize bounds one content file; a larger one is refused with a clear
// message rather than risking the writer's machine. Parsing Markdown takes
// tens of bytes of memory per byte of prose and, for hostile text (a file
// of "["), a few hundred: 8 MiB keeps a build under a few gigabytes
// whatever a file holds, and is far beyond any page a person writes.
const MaxFileSize = 8 << 20

// ReservedPrefix starts the output paths that counterpoint serve keeps for
// its own endpoints (/__counterpoint/events, the reload script): a content
// file published there would be hidden while previewing.
const ReservedPrefix = "__counterpoint"

// Options change what is loaded.
type Options struct {
	Drafts bool
	// Cache, if set, keeps loaded files between loads so that a file whose
	// bytes did not change is not decoded again.
	Cache *Cache
	// Changed, with a Cache, lists the site paths ("content/x.md", or a
	// directory) that may have changed since the previous load; files not
	// under one are taken from the cache without being read. When each is
	// a file the previous load found, and still a regular file, the
	// previous load's list of files is used again instead of walking
	// content/: editing a file cannot add or remove one. Nil means every
	// file may have changed.
	Changed []string
	// Parse, if set, is called for every loaded page that is kept, on the
	// loading goroutine, so the caller can process bodies in the same
	// parallel pass that reads them. Its result is stored in Body.Parsed.
	// The home page (and so the site settings) is loaded before any call.
	Parse func(s *site.Site, b Body) any
}

// Body is a page's Markdown with what is needed to place errors in it.
type Body struct {
	Page *site.Page
	Text []byte
	// Line is the file line where Text begins.
	Line int
	// HeadSum is a hash of the file's front matter: equal sums mean equal
	// front matter, which is what pages show of each other.
	HeadSum uint64
	// Parsed is what Options.Parse returned for this body; when it is not
	// nil, Text has been dropped.
	Parsed any
}

// Result is the loaded content.
type Result struct {
	Site   *site.Site
	Bodies []Body // one per page with a body, sorted by path (list pages too)
	// Static lists non-Markdown files under content/, relative to content/.
	Static []string
	// LeftOut are the drafts and failed files not in Site (leftout.go).
	LeftOut LeftOut
}

// ValidSlug reports whether s is a valid slug: [a-z0-9-]+ without leading,
// trailing or doubled hyphens.
func ValidSlug(s string) bool {
	// A loop rather than a regular expression: every page's slug is checked.
	if s == "" || s[0] == '-' || s[len(s)-1] == '-' {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case 'a' <= c && c <= 'z', '0' <= c && c <= '9':
		case c == '-' && s[i-1] != '-':
		default:
			return false
		}
	}
	return true
}

// Load reads content/ from fsys (a site root).
func Load(fsys fs.FS, opts Options) (*Result, diag.List) {
	var errs diag.List
	res := &Result{Site: &site.Site{Language: "en", BaseURL: "/", Lists: map[site.Kind]*site.Page{}, Pictures: site.AllPictures}}
	var files []string
	if opts.Cache != nil && opts.Changed != nil {
		files = opts.Cache.sameFiles(fsys, opts.Changed)
	}
	if files == nil {
		var walkErrs diag.List
		var ok bool
		files, walkErrs, ok = walk(fsys)
		errs.Merge(walkErrs)
		if !ok {
			return res, errs
		}
		if opts.Cache != nil {
			opts.Cache.setFiles(files, len(walkErrs) == 0)
		}
	}
	slices.Sort(files)
	var md []string
	stems := map[string]string{}
	for _, p := range files {
		if strings.HasPrefix(p, "content/"+ReservedPrefix) {
			errs.Add(p, 1, 1, "names starting with "+ReservedPrefix+" are reserved for the addresses counterpoint serve uses itself: rename it")
			continue
		}
		stem, ok := markdownStem(p)
		if !ok {
			res.Static = append(res.Static, strings.TrimPrefix(p, "content/"))
			continue
		}
		if first, dup := stems[stem]; dup {
			errs.Add(p, 1, 1, fmt.Sprintf("%s is the same page under another extension: keep one of the two", first))
			continue
		}
		stems[stem] = p
		md = append(md, p)
	}
	// The home page holds the site settings that processing bodies needs
	// (unsafe HTML), so it is loaded first.
	home := slices.IndexFunc(md, isHome)
	if home > 0 {
		md[0], md[home] = md[home], md[0]
	}
	type loaded struct {
		page *site.Page
		body Body
		refs []pending
		errs diag.List
		left *site.Page // a draft left out
	}
	out := make([]loaded, len(md))
	dirty := dirtyFunc(opts.Changed)
	inFlight := newBudget(parseBudget)
	one := func(i int) {
		l := &out[i]
		// A page with errors in its fields is kept (the build fails
		// anyway) so that links and relations naming it do not add
		// errors of their own; only an unreadable file is left out.
		var pg *site.Page
		var body Body
		var refs []pending
		if opts.Cache != nil {
			pg, body, refs = opts.Cache.load(fsys, md[i], dirty, &l.errs)
		} else {
			pg, body, refs, _ = loadFile(fsys, md[i], &l.errs)
		}
		if pg == nil || (pg.Draft && !opts.Drafts) {
			l.left = pg
			return
		}
		if pg.Kind == site.Home {
			applySettings(res.Site, pg, &l.errs)
		}
		if opts.Parse != nil {
			w := inFlight.weight(len(body.Text))
			inFlight.acquire(w)
			body.Parsed = opts.Parse(res.Site, body)
			inFlight.release(w)
			if body.Parsed != nil {
				body.Text = nil // processed; keep memory to what is still needed
			}
		}
		l.page, l.body, l.refs = pg, body, refs
	}
	if home >= 0 {
		one(0)
		par.For(context.Background(), len(md)-1, func(i int) { one(i + 1) })
	} else {
		par.For(context.Background(), len(md), one)
	}
	var pages []*site.Page
	var pend []pending
	for i, l := range out {
		errs.Merge(l.errs)
		if l.page == nil {
			res.LeftOut.note(md[i], l.left, len(l.errs) > 0)
			continue
		}
		pages = append(pages, l.page)
		res.Bodies = append(res.Bodies, l.body)
		pend = append(pend, l.refs...)
	}
	if opts.Cache != nil {
		opts.Cache.keep(md)
	}
	slices.SortFunc(res.Bodies, func(a, b Body) int { return strings.Compare(a.Page.Path, b.Page.Path) })
	slices.SortFunc(pages, func(a, b *site.Page) int { return strings.Compare(a.Path, b.Path) })
	assemble(res.Site, pages, pend, &res.LeftOut, &errs)
	resolveMenu(res.Site, &errs)
	return res, errs
}

func cleanErr(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}

func applySettings(s *site.Site, home *site.Page, errs *diag.List) {
	s.Title = home.Title
	s.Summary = home.Summary
	s.Params = home.Params
	if l, ok := home.Params["language"].(string); ok && l != "" {
		s.Language = l
	}
	if b, ok := home.Params["base_url"].(string); ok && b != "" {
		s.BaseURL = b
	}
	// loadFile has reported an unsafe that is not a boolean.
	s.Unsafe, _ = home.Params["unsafe"].(bool)
	s.Labels = siteLabels(s.Language, home.Labels)
	s.Pictures = home.Pictures
	s.Home = home
}
