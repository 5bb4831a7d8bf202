package build

import (
	"bytes"
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/counterpoint-ssg/counterpoint/internal/content"
	"github.com/counterpoint-ssg/counterpoint/internal/diag"
	"github.com/counterpoint-ssg/counterpoint/internal/layout"
	"github.com/counterpoint-ssg/counterpoint/internal/markdown"
	"github.com/counterpoint-ssg/counterpoint/internal/pack"
	"github.com/counterpoint-ssg/counterpoint/internal/par"
	"github.com/counterpoint-ssg/counterpoint/internal/site"
	"github.com/counterpoint-ssg/counterpoint/internal/suggest"
)

// templateIDs are ids the built-in layouts put on every page; headings in
// bodies never take them, and links to them are valid.
var templateIDs = []string{"main", "q", "sources-h", "matrix-h", "search-results", "all-h", "q404", "q-page", "timestrip-title", "timestrip-axes-title", "timestrip-desc", "toc-h"}

var templateIDSet = func() map[string]bool {
	m := map[string]bool{}
	for _, id := range templateIDs {
		m[id] = true
	}
	return m
}()

// entrySep joins an entry's slug to its heading ids ("nato--history").
// Slugs never contain "--", so such ids cannot collide with an entry's own
// anchor or with another entry's headings.
const entrySep = "--"

type builder struct {
	in      Inputs
	site    *site.Site
	urls    layout.URLs
	baseErr error
	md      *markdown.Engine
	once    sync.Once
	index   *site.Index
	static  map[string]bool // site paths of files that are not pages
	bodies  []content.Body
	// resolutions are the link results of bodies, index for index.
	resolutions []resolution
	// reuse answers from earlier builds where it can (reuse.go).
	reuse reuse
	// plain lists the plain (not fingerprinted) files under assets/, once
	// plainDone.
	plain     []string
	plainDone bool
	// rendered counts layouts executed; drawn, social cards drawn.
	rendered, drawn atomic.Int64
	// cardState holds the cards' colours, renderer and paths (cards.go).
	cardState
	// anchors holds the valid fragment ids of the glossary and timeline
	// pages, each mapped to the entry it is the anchor of (nil for
	// headings, letters and years), and headings the heading ids of every
	// page that has many. Both are computed once, when the first body
	// needs its links resolved, so that checking a link's fragment costs
	// the same whatever the size of the page it points into.
	anchors     map[*site.Page]map[string]*site.Page
	headings    map[*site.Page]map[string]struct{}
	anchorsOnce sync.Once
	// left holds the drafts and failed files content left out, and cands
	// the pages as suggestions (suggest.go); both serve unknown links.
	left *content.LeftOut
	// imageHosts and embedHosts are the other sites the settings allow.
	imageHosts, embedHosts []string
	// policy is the site's Content-Security-Policy, directive by directive.
	policy []string
	// onParse, when set, sees every body before it is parsed (LoadModel
	// keeps their text).
	onParse  func(content.Body)
	cands    []suggest.Candidate
	candOnce sync.Once
	// searchAssets are the full-text index's files under assets/, named
	// by their contents (emitSearch).
	searchAssets []string
	// pending is this build's index when it comes later (searchlater.go).
	pending *laterSearch
	// settings are what parsing reads of the site's settings, in one
	// string; parses keeps parsed bodies between runs (parsecache.go),
	// and parsed counts the bodies parsed rather than taken from it.
	settings string
	parses   *pack.Pack
	parsed   atomic.Int64
	// opening delivers parses, read while content/ loads.
	opening chan *pack.Pack
}

// body is what parsing leaves of a page's Markdown: HTML with placeholders
// for wikilinks, and the links to resolve. The syntax tree is gone.
type body struct {
	html  []byte
	links []linkRef
	// problem is why the body was refused unparsed (markdown.Doc.Problem),
	// at line and col; resolving reports it.
	problem   string
	line, col int
	// notes are the body's warnings, placed in its file.
	notes []note
	// images are the local image files the HTML gives a size, with that
	// size: a rebuild parses the body again when one changed.
	images []imageFile
}

// note is one warning of a body (markdown.Note) at its file position.
type note struct {
	line, col int
	msg       string
}

// resolution is what resolving a body's links gave: the HTML of each
// wikilink and the pages the body links to.
type resolution struct {
	html    []string
	targets []*site.Page
}

// linkRef is one link of a body, detached from the syntax tree.
type linkRef struct {
	wiki   bool
	target string // wikilink target as written
	label  string // wikilink label as written
	path   string // site path of a Markdown link
	anchor string
	// line and col place the link in its file, for error messages.
	line, col int
	image     bool
	rel       string // an image's path relative to its page
}

// prepare settles what parsing needs from the site settings: the base URL
// and whether raw HTML is allowed. It runs once, after the home page loaded.
func (b *builder) prepare(s *site.Site) {
	b.once.Do(func() {
		base := s.BaseURL
		if b.in.BaseURL != "" {
			base = b.in.BaseURL
		}
		b.urls, b.baseErr = parseBase(base)
		b.md = markdown.New(s.Unsafe)
		b.imageHosts, b.embedHosts = content.Hosts(s.Params, "image_hosts"), content.Hosts(s.Params, "embed_hosts")
		b.settings = b.urls.Base + "\x00" + b.urls.Path + "\x00" + strconv.FormatBool(s.Unsafe) +
			"\x00" + strings.Join(b.imageHosts, " ") + "\x00" + strings.Join(b.embedHosts, " ")
		b.reuse.begin(b.settings)
		if b.opening != nil {
			b.parses = <-b.opening
		}
	})
}

// parseBody is content.Options.Parse: it parses and renders one body on the
// loading goroutine. List pages of the glossary and timeline wait until all
// entries are known (parseShared), since their headings share a page.
func (b *builder) parseBody(s *site.Site, cb content.Body) any {
	b.prepare(s)
	p := cb.Page
	if p.Kind == site.List && (p.ListKind == site.Term || p.ListKind == site.Event) {
		return nil
	}
	prefix := ""
	if p.IsEntry() {
		prefix = p.Slug + entrySep
	}
	return b.reuse.parse(b, cb, prefix)
}

func (b *builder) parseOne(cb content.Body, prefix string, reserved map[string]bool) *body {
	d := b.md.Parse(cb.Text, prefix, reserved)
	cb.Page.HeadingIDs = d.HeadingIDs
	cb.Page.Sections = nil
	for _, s := range d.Sections {
		cb.Page.Sections = append(cb.Page.Sections, site.Section{ID: s.ID, Text: s.Text})
	}
	out := &body{links: make([]linkRef, len(d.Links))}
	pos := lineCounter(cb.Text, cb.Line)
	if d.Problem != nil {
		out.problem = d.Problem.Msg
		out.line, out.col = pos(d.Problem.Offset)
	}
	for _, n := range d.Notes {
		if n.Host != "" && b.allowed(n.Host, n.Embed) {
			continue
		}
		line, col := pos(n.Offset)
		out.notes = append(out.notes, note{line, col, n.Msg})
	}
	for i, l := range d.Links {
		line, col := pos(l.Offset)
		r := linkRef{path: l.Path, anchor: l.Anchor, line: line, col: col, image: l.Image, rel: l.Relative}
		if w := l.Wiki; w != nil {
			r.wiki, r.target, r.label = true, w.Target, w.Label
		} else if l.Path != "" {
			dest := b.urls.Rel(l.Path) + l.Query
			if l.Anchor != "" {
				dest += "#" + l.Anchor
			}
			l.SetDest(dest)
		}
		out.links[i] = r
		if l.Image {
			out.images = b.sizeImage(cb.Page, l, out.images)
		}
	}
	buf := bufPool.Get().(*bytes.Buffer)
	buf.Reset()
	// A bytes.Buffer cannot fail to write.
	_ = b.md.RenderDeferred(buf, d)
	out.html = bytes.Clone(buf.Bytes())
	bufPool.Put(buf)
	return out
}

// parseShared parses the bodies of the glossary and timeline list pages,
// whose heading ids must avoid every entry's anchor.
func (b *builder) parseShared() {
	for i, cb := range b.bodies {
		p := cb.Page
		if cb.Parsed != nil || p.Kind != site.List {
			continue
		}
		reserved := map[string]bool{}
		for id := range templateIDSet {
			reserved[id] = true
		}
		if p.ListKind == site.Term {
			for _, t := range b.site.Terms {
				reserved[t.Slug] = true
			}
			for _, g := range b.site.TermsByLetter() {
				reserved[g.ID] = true
			}
		} else {
			for _, e := range b.site.Events {
				reserved[e.Slug] = true
			}
			for _, g := range b.site.EventsByYear() {
				reserved[g.ID] = true
			}
		}
		b.parsed.Add(1)
		b.bodies[i].Parsed = b.parseOne(cb, "", reserved)
	}
}

// fewHeadings is the number of heading ids up to which a page's ids are
// searched in place rather than through a set.
const fewHeadings = 8

// computeAnchors records which fragments the glossary and timeline pages
// define (every entry's anchor and headings, and the letter and year ids),
// and the heading ids of every page with more than a few, as sets.
func (b *builder) computeAnchors() {
	b.anchors = map[*site.Page]map[string]*site.Page{}
	b.headings = map[*site.Page]map[string]struct{}{}
	for _, cb := range b.bodies {
		if p := cb.Page; len(p.HeadingIDs) > fewHeadings {
			m := make(map[string]struct{}, len(p.HeadingIDs))
			for _, id := range p.HeadingIDs {
				m[id] = struct{}{}
			}
			b.headings[p] = m
		}
	}
	for _, k := range []site.Kind{site.Term, site.Event} {
		l := b.site.Lists[k]
		if l == nil {
			continue
		}
		m := map[string]*site.Page{}
		for _, id := range templateIDs {
			m[id] = nil
		}
		for _, id := range l.HeadingIDs {
			m[id] = nil
		}
		groups := b.site.TermsByLetter
		if k == site.Event {
			groups = b.site.EventsByYear
		}
		for _, g := range groups() {
			m[g.ID] = nil
		}
		for _, e := range l.Pages {
			for _, id := range e.HeadingIDs {
				if _, ok := m[id]; !ok {
					m[id] = nil
				}
			}
		}
		for _, e := range l.Pages {
			if e.IsEntry() {
				m[e.Slug] = e
			} else if _, ok := m[e.Slug]; !ok {
				m[e.Slug] = nil
			}
		}
		b.anchors[l] = m
	}
}

// hasHeading reports whether page p's body defines the heading id.
func (b *builder) hasHeading(p *site.Page, id string) bool {
	if m, ok := b.headings[p]; ok {
		_, ok := m[id]
		return ok
	}
	return slices.Contains(p.HeadingIDs, id)
}

// hasAnchor reports whether page p defines the fragment id.
func (b *builder) hasAnchor(p *site.Page, id string) bool {
	if m, ok := b.anchors[p]; ok {
		_, ok := m[id]
		return ok
	}
	return templateIDSet[id] || b.hasHeading(p, id)
}

// resolve points every link at its target, reporting unknown, ambiguous
// and dangling links, and returns what each page links to.
func (b *builder) resolve(errs *diag.List) map[*site.Page][]*site.Page {
	perDoc := make([]diag.List, len(b.bodies))
	b.resolutions = make([]resolution, len(b.bodies))
	par.For(context.Background(), len(b.bodies), func(i int) {
		b.resolutions[i] = b.reuse.resolve(b, b.bodies[i], &perDoc[i])
	})
	links := make(map[*site.Page][]*site.Page, len(b.bodies))
	for i, cb := range b.bodies {
		if len(perDoc[i]) > 0 {
			errs.Merge(perDoc[i])
		}
		if bd, _ := cb.Parsed.(*body); bd != nil {
			// Outside resolveBody: a rebuild that reuses the resolution
			// still reports them.
			for _, n := range bd.notes {
				errs.Warn(cb.Page.Path, n.line, n.col, n.msg)
			}
		}
		links[cb.Page] = b.resolutions[i].targets
	}
	return links
}

func (b *builder) resolveBody(cb content.Body, errs *diag.List) resolution {
	p := cb.Page
	bd, _ := cb.Parsed.(*body)
	if bd == nil {
		return resolution{}
	}
	if bd.problem != "" {
		errs.Add(p.Path, bd.line, bd.col, bd.problem)
	}
	b.anchorsOnce.Do(b.computeAnchors)
	resolved := make([]string, len(bd.links))
	var out []*site.Page
	seen := map[*site.Page]bool{}
	use := func(t *site.Page) {
		if t != nil && !seen[t] && t != p && t.Kind != site.List && t.Kind != site.Home {
			seen[t] = true
			out = append(out, t)
		}
	}
	var html bytes.Buffer
	for i, l := range bd.links {
		fail := func(format string, args ...any) {
			errs.Add(p.Path, l.line, l.col, fmt.Sprintf(format, args...))
		}
		if l.wiki {
			t, cands := b.index.Lookup(l.target)
			if t == nil {
				if len(cands) > 1 {
					fail("ambiguous link [[%s]]: it matches %s; link by slug instead", visible(l.target), describe(cands))
				} else if msg, ok := b.unknownTarget(l.target); ok {
					fail("%s", msg)
				}
				continue
			}
			u := t.URL
			if l.anchor != "" {
				id := l.anchor
				if t.IsEntry() {
					id = t.Slug + entrySep + l.anchor
					u = strings.SplitN(t.URL, "#", 2)[0] + "#" + id
				} else {
					u = t.URL + "#" + id
				}
				if !b.hasHeading(t, id) {
					fail("unknown heading [[%s#%s]]: %s has no heading with id %q%s", visible(l.target), visible(l.anchor), t.Path, l.anchor, headingHint(t, l.target, l.anchor))
					continue
				}
			}
			if t.Draft && !p.Draft {
				errs.Warn(p.Path, l.line, l.col, draftOnly(l.target, l.anchor, t))
			}
			label := l.label
			if label == "" {
				label = l.target
				if l.target == t.Slug {
					label = t.Title
				}
			}
			class, short := "", ""
			if t.Kind == site.Term {
				class, short = "term", t.Short
			}
			html.Reset()
			markdown.WriteLink(&html, b.urls.Rel(u), label, short, class)
			resolved[i] = html.String()
			use(t)
			continue
		}
		if l.rel != "" {
			if msg := b.missingImage(p, l.rel); msg != "" {
				fail("%s", msg)
			}
			continue
		}
		// A Markdown link to a site path or a fragment.
		if l.path == "" {
			if !p.IsEntry() && l.anchor != "" && !strings.Contains(l.anchor, ":") && !b.hasAnchor(p, l.anchor) {
				fail("unknown heading #%s: this page has no heading with that id%s", visible(l.anchor), fragmentHint(p, l.anchor))
			}
			continue
		}
		t := b.index.URL(l.path)
		if t == nil && l.path == "/" {
			t = b.site.Home
		}
		switch {
		case t != nil:
			if l.anchor != "" && !b.hasAnchor(t, l.anchor) {
				fail("link to %s#%s: that page has no element with id %q%s", visible(l.path), visible(l.anchor), l.anchor, fragmentHint(t, l.anchor))
				continue
			}
			if e := b.anchors[t][l.anchor]; e != nil {
				use(e)
			}
			use(t)
		case b.static[l.path]:
		default:
			what := "page"
			if l.image {
				what = "image"
			}
			fail("link to a missing %s: nothing is published at %s", what, visible(l.path))
		}
	}
	return resolution{html: resolved, targets: out}
}

// lineCounter returns a function from byte offsets in text to file
// positions (text starts on file line first). Offsets usually come in
// increasing order, so it scans forward from the previous one.
func lineCounter(text []byte, first int) func(off int) (int, int) {
	at, line, start := 0, first, 0
	return func(off int) (int, int) {
		off = min(max(off, 0), len(text))
		if off < at {
			at, line, start = 0, first, 0
		}
		for ; at < off; at++ {
			if text[at] == '\n' {
				line++
				start = at + 1
			}
		}
		return line, off - start + 1
	}
}

func describe(ps []*site.Page) string {
	parts := make([]string, 0, len(ps))
	for _, p := range ps {
		parts = append(parts, fmt.Sprintf("%q (%s)", p.Slug, p.Path))
	}
	slices.Sort(parts)
	return strings.Join(parts, ", ")
}
