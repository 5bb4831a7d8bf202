package content

import (
	"bytes"
	"errors"
	"fmt"
	"hash/fnv"
	"io/fs"
	"path"
	"strings"
	"unicode/utf8"

	"github.com/counterpoint-ssg/counterpoint/internal/diag"
	"github.com/counterpoint-ssg/counterpoint/internal/frontmatter"
	"github.com/counterpoint-ssg/counterpoint/internal/site"
	"github.com/counterpoint-ssg/counterpoint/internal/sitefs"
)

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
	f.warnUnknown(pg.Kind)
	pg.Title = f.nonEmpty("title")
	if f.get("title") == nil {
		f.require("title", kindName(pg.Kind))
	}
	pg.Summary = strings.TrimSpace(f.str("summary"))
	pg.Weight = f.int("weight")
	pg.Draft = f.bool("draft")
	f.draft = pg.Draft
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
			f.hosts("image_hosts")
			f.hosts("embed_hosts")
			pg.Menu = f.menu()
			pg.Labels = f.labels()
			pg.Pictures = f.pictures()
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
	f.checkPlaceholders(pg, sp.Body, sp.BodyLine)
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
	data, size, err := sitefs.ReadLimited(fsys, p, MaxFileSize)
	if err != nil {
		return nil, errors.New("cannot read: " + cleanErr(err))
	}
	if data == nil && size > MaxFileSize {
		return nil, tooLarge(size)
	}
	return data, nil
}

func tooLarge(size int64) error {
	return fmt.Errorf("file is %d MiB; content files are limited to %d MiB", (size+1<<20-1)>>20, MaxFileSize>>20)
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
