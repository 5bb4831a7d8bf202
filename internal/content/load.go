// Package content reads a site's content/ tree into the typed model: it
// splits and decodes front matter, checks every field of every kind, assigns
// slugs and URLs, and resolves the relations declared in front matter.
// Problems are collected with their positions; nothing stops at the first.
package content

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"hash/fnv"
	"io"
	"io/fs"
	"path"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/counterpoint-ssg/counterpoint/internal/diag"
	"github.com/counterpoint-ssg/counterpoint/internal/frontmatter"
	"github.com/counterpoint-ssg/counterpoint/internal/fsfilter"
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
	res := &Result{Site: &site.Site{Language: "en", BaseURL: "/", Lists: map[site.Kind]*site.Page{}}}
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
	for _, l := range out {
		errs.Merge(l.errs)
		if l.page == nil {
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
	assemble(res.Site, pages, pend, &errs)
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

// pending is a slug reference to resolve once every page is known.
type pending struct {
	page *site.Page
	key  string
	ref  ref
}

func loadFile(fsys fs.FS, p string, errs *diag.List) (*site.Page, Body, []pending, bool) {
	src, err := readLimited(fsys, p)
	if err != nil {
		errs.Add(p, 1, 1, err.Error())
		return nil, Body{}, nil, false
	}
	return loadSource(p, src, errs)
}

// loadSource turns one file's bytes into a page.
func loadSource(p string, src []byte, errs *diag.List) (*site.Page, Body, []pending, bool) {
	fail := func(line, col int, msg string) (*site.Page, Body, []pending, bool) {
		errs.Add(p, line, col, msg)
		return nil, Body{}, nil, false
	}
	src = bytes.TrimPrefix(src, []byte("\xef\xbb\xbf"))
	if bytes.IndexByte(src, '\r') >= 0 {
		// CRLF and lone CR (old Mac) line ends become LF, the only line
		// end positions count.
		src = bytes.ReplaceAll(src, []byte("\r\n"), []byte("\n"))
		src = bytes.ReplaceAll(src, []byte("\r"), []byte("\n"))
	}
	if i := bytes.IndexByte(src, 0); i >= 0 {
		l, c := diag.Position(src, i)
		return fail(l, c, "file contains a NUL byte: is it binary? Markdown files must be text")
	}
	if !utf8.Valid(src) {
		i := invalidUTF8(src)
		l, c := diag.Position(src, i)
		return fail(l, c, "invalid UTF-8: save the file as UTF-8")
	}
	sp, err := frontmatter.SplitFile(src)
	if err != nil {
		var se *frontmatter.SplitError
		errors.As(err, &se)
		return fail(se.Line, se.Col, se.Msg)
	}
	fm, err := frontmatter.Decode(sp)
	if err != nil {
		var de *frontmatter.DecodeError
		errors.As(err, &de)
		return fail(de.Line, de.Col, de.Msg)
	}
	if sp.Format == frontmatter.NoFrontMatter {
		fm.Line = 1
	}
	f := &fields{path: p, m: fm, errs: errs}
	pg := &site.Page{Path: p}
	if m, ok := fm.Native().(map[string]any); ok {
		pg.Params = m
	} else {
		pg.Params = map[string]any{}
	}
	rel := strings.TrimPrefix(p, "content/")
	dir, file := path.Split(rel)
	dir = strings.TrimSuffix(dir, "/")
	name, _ := markdownStem(file)
	if name == "index" && dir != "" && !strings.Contains(dir, "/") && kindOf(dir, "x") != site.Generic {
		return fail(1, 1, "index.md directly in a section directory is not a page: use "+path.Join("content", dir, "_index.md")+" for the section's own page")
	}
	pg.Kind = kindOf(dir, name)
	if top, _, nested := strings.Cut(dir, "/"); nested && pg.Kind != site.Term && pg.Kind != site.Event {
		switch top {
		case site.Dir[site.Term]:
			return fail(1, 1, "glossary terms are files directly in content/glossary/, one each: move this file there (in a subdirectory it would become a plain page)")
		case site.Dir[site.Event]:
			return fail(1, 1, "timeline events are files directly in content/timeline/, one each: move this file there (in a subdirectory it would become a plain page)")
		}
	}
	urlDir := dir
	if name == "index" && dir != "" {
		// A leaf bundle: dir/name/index.md is the page of dir/name, and the
		// files beside it are its resources.
		urlDir, name = path.Split(dir)
		urlDir = strings.TrimSuffix(urlDir, "/")
	}

	nbefore := len(*errs)
	f.checkCase(knownKeys)
	pg.Title = f.nonEmpty("title")
	if f.get("title") == nil {
		f.require("title", kindName(pg.Kind))
	}
	pg.Summary = strings.TrimSpace(f.str("summary"))
	pg.Weight = f.int("weight")
	pg.Draft = f.bool("draft")
	pg.Updated = f.date("updated", true)
	pg.Aliases, _ = f.strList("aliases")
	pg.Sources = f.sources()

	var refs []pending
	switch pg.Kind {
	case site.Home, site.List:
		if pg.Kind == site.Home {
			pg.URL = "/"
			// Site settings: check their types here, where positions are
			// known; applySettings reads them from Params.
			f.str("language")
			f.str("base_url")
			f.bool("unsafe")
			pg.Menu = f.menu()
			pg.Labels = f.labels()
		} else {
			pg.URL = "/" + dir + "/"
			pg.ListKind = kindOf(dir, "x")
		}
		return pg, Body{Page: pg, Text: sp.Body, Line: sp.BodyLine, HeadSum: headSum(sp)}, nil, len(*errs) == nbefore
	case site.Demand:
		pg.Claimant = f.str("claimant")
		pg.Date = f.date("date", false)
		pg.StatedBy = strings.TrimSpace(f.str("stated_by"))
		pg.StatedIn = f.statedIn(pg.Sources)
	case site.Counterposition:
		pg.Respondent = f.str("respondent")
		pg.Date = f.date("date", false)
		pg.StatedBy = strings.TrimSpace(f.str("stated_by"))
		pg.StatedIn = f.statedIn(pg.Sources)
		if f.require("responds_to", "counterposition") {
			_, rs := f.strList("responds_to")
			for _, r := range f.once("responds_to", rs) {
				refs = append(refs, pending{pg, "responds_to", r})
			}
		}
	case site.Term:
		if f.require("short", "glossary term") {
			pg.Short = f.nonEmpty("short")
		}
	case site.Event:
		if f.require("date", "timeline event") {
			pg.Date = f.date("date", false)
		}
		pg.End = f.date("end", false)
		if !pg.End.IsZero() && !pg.Date.IsZero() && compareDates(pg.End, pg.Date) < 0 {
			f.errAt(f.get("end"), "end %s is before date %s", pg.End.ISO(), pg.Date.ISO())
		}
	case site.Actor:
		pg.Role = f.str("role")
	default:
		pg.Date = f.date("date", false)
	}
	if _, rs := f.strList("related"); rs != nil {
		for _, r := range f.once("related", rs) {
			refs = append(refs, pending{pg, "related", r})
		}
	}

	slug := name
	if v := f.get("slug"); v != nil {
		slug = f.str("slug")
		if slug != "" && !ValidSlug(slug) {
			f.errAt(v, "slug %q: use lower-case letters, digits and single hyphens ([a-z0-9-]+)", slug)
		}
	} else if !ValidSlug(slug) {
		errs.Add(p, 1, 1, fmt.Sprintf("file name %q is not a valid slug: rename the file or set slug: in the front matter ([a-z0-9-]+)", name))
	}
	pg.Slug = slug
	switch pg.Kind {
	case site.Term:
		pg.URL = "/glossary/#" + slug
	case site.Event:
		pg.URL = "/timeline/#" + slug
	case site.Generic:
		if urlDir == "" {
			pg.URL = "/" + slug + "/"
		} else {
			pg.URL = "/" + urlDir + "/" + slug + "/"
		}
	default:
		pg.URL = "/" + site.Dir[pg.Kind] + "/" + slug + "/"
	}
	return pg, Body{Page: pg, Text: sp.Body, Line: sp.BodyLine, HeadSum: headSum(sp)}, refs, len(*errs) == nbefore
}

// markdownStem returns a path without its Markdown extension: .md in any
// case, or .markdown, as Hugo reads them. ok is false for any other file.
func markdownStem(p string) (stem string, ok bool) {
	i := strings.LastIndexByte(p, '.')
	if i < 0 || strings.IndexByte(p[i:], '/') >= 0 {
		return p, false
	}
	switch ext := p[i+1:]; {
	case strings.EqualFold(ext, "md"), strings.EqualFold(ext, "markdown"):
		return p[:i], true
	}
	return p, false
}

// isHome reports whether a content path is the home page's file.
func isHome(p string) bool {
	stem, ok := markdownStem(p)
	return ok && stem == "content/_index"
}

func headSum(sp frontmatter.Split) uint64 {
	h := fnv.New64a()
	h.Write([]byte{byte(sp.Format)})
	h.Write(sp.Head)
	return h.Sum64()
}

// readLimited reads a file with one open, refusing files over MaxFileSize
// before reading them.
func readLimited(fsys fs.FS, p string) ([]byte, error) {
	f, err := fsys.Open(p)
	if err != nil {
		return nil, errors.New("cannot read: " + cleanErr(err))
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return nil, errors.New("cannot read: " + cleanErr(err))
	}
	if fi.Size() > MaxFileSize {
		return nil, fmt.Errorf("file is %d MiB; content files are limited to %d MiB", (fi.Size()+1<<20-1)>>20, MaxFileSize>>20)
	}
	buf := make([]byte, fi.Size()+1)
	n, err := io.ReadFull(f, buf)
	if err == nil { // grew since Stat
		return nil, errors.New("cannot read: the file changed while it was read")
	}
	if err != io.ErrUnexpectedEOF && err != io.EOF {
		return nil, errors.New("cannot read: " + cleanErr(err))
	}
	return buf[:n], nil
}

func invalidUTF8(b []byte) int {
	for i := 0; i < len(b); {
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n == 1 {
			return i
		}
		i += n
	}
	return 0
}

func kindOf(dir, name string) site.Kind {
	if dir == "" && name == "_index" {
		return site.Home
	}
	if name == "_index" {
		return site.List
	}
	top, rest, nested := strings.Cut(dir, "/")
	if nested && (name != "index" || strings.Contains(rest, "/")) {
		// Deeper than a kind directory (and not a leaf bundle): a generic page.
		return site.Generic
	}
	for k, d := range site.Dir {
		if d == top {
			return k
		}
	}
	return site.Generic
}

func kindName(k site.Kind) string {
	switch k {
	case site.Home:
		return "home page"
	case site.List:
		return "section page"
	}
	return strings.ToLower(k.Label())
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
	s.Home = home
}

// walk lists the files under content/, in no particular order, refusing
// what the site may not hold (links to directories, devices); ok is false
// when content/ itself cannot be read.
func walk(fsys fs.FS) (files []string, errs diag.List, ok bool) {
	err := fs.WalkDir(fsys, "content", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if p == "content" {
				return err
			}
			errs.Add(p, 1, 1, "cannot read: "+cleanErr(err))
			return nil
		}
		if p != "content" && fsfilter.Ignored(d.Name()) {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.Type()&fs.ModeSymlink != 0 {
			fi, err := fs.Stat(fsys, p)
			switch {
			case err != nil:
				errs.Add(p, 1, 1, "symbolic link refused: "+cleanErr(err))
				return nil
			case fi.IsDir():
				errs.Add(p, 1, 1, "symbolic link to a directory refused: link the files, or move the directory into content/")
				return nil
			case !fi.Mode().IsRegular():
				errs.Add(p, 1, 1, "not a regular file")
				return nil
			}
		} else if d.IsDir() {
			return nil
		} else if !d.Type().IsRegular() {
			errs.Add(p, 1, 1, "not a regular file")
			return nil
		}
		files = append(files, p)
		return nil
	})
	if err != nil {
		errs.Add("content", 1, 1, "cannot read the content directory: "+cleanErr(err))
		return nil, errs, false
	}
	return files, errs, true
}

// dirtyFunc reports whether a path is one of changed or under one; nil
// (every path may have changed) for a nil list.
func dirtyFunc(changed []string) func(string) bool {
	if changed == nil {
		return nil
	}
	set := make(map[string]bool, len(changed))
	for _, c := range changed {
		set[path.Clean(c)] = true
	}
	return func(p string) bool {
		for q := p; q != "." && q != "/"; q = path.Dir(q) {
			if set[q] {
				return true
			}
		}
		return false
	}
}
