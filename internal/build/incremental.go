package build

import (
	"bytes"
	"context"
	"hash/maphash"
	"html/template"
	"io/fs"
	"slices"
	"sync"

	"github.com/counterpoint-ssg/counterpoint/internal/assets"
	"github.com/counterpoint-ssg/counterpoint/internal/content"
	"github.com/counterpoint-ssg/counterpoint/internal/date"
	"github.com/counterpoint-ssg/counterpoint/internal/diag"
	"github.com/counterpoint-ssg/counterpoint/internal/layout"
	"github.com/counterpoint-ssg/counterpoint/internal/markdown"
	"github.com/counterpoint-ssg/counterpoint/internal/site"
)

// Builder builds the same site repeatedly, as serve does on every change.
// It keeps what the previous builds computed and reuses it where it can
// show the inputs are the same, and every Result it returns equals what a
// clean Build of the same files gives (tests compare the two on a table of
// edits). Reuse works at four levels, each keyed by everything it depends
// on:
//
//   - loaded files: by the file's bytes (files not named as changed are not
//     even read);
//   - parsed bodies: by the body text, its id prefix and the settings;
//   - resolved links: by the parsed body and a hash of everything links are
//     resolved against (every page's names, URLs and anchors, the static
//     files, the base URL);
//   - output pages: by a fingerprint of everything a layout can show
//     (every page's front matter, every page's links, the layouts and
//     assets, and the bodies the layout may show: its own, its members',
//     those of a kind, or all, as layout.Set.BodyDeps finds).
//
// An edit of prose alone (bodyedit.go) keeps the site model itself: the
// next Build updates the edited pages of the previous Result's Site in
// place, so read a Result's Site before building again.
//
// A Builder is not safe for concurrent use.
type Builder struct {
	in Inputs
	st *state
}

// NewBuilder prepares repeated builds of one site.
func NewBuilder(in Inputs) *Builder {
	return &Builder{in: in, st: newState()}
}

// Build builds the site as it is now. changed lists the site-relative
// paths ("content/demands/x.md", "layouts/page.html", or a directory) that
// changed since the previous call; nil means unknown (everything may have
// changed). Files not under a changed path are taken from memory.
func (b *Builder) Build(ctx context.Context, changed []string) (*Result, error) {
	b.st.setChanged(changed)
	res, done, err := b.st.bodyEdit(ctx, b.in, changed)
	if !done {
		res, err = run(ctx, b.in, b.st)
	}
	b.st.finish(err == nil)
	return res, err
}

// state is what one Builder carries from build to build.
type state struct {
	seed  maphash.Seed
	files *content.Cache
	// changed is what the caller said changed (nil: unknown).
	changed []string

	mu      sync.Mutex
	parses  map[string]*parseEntry
	links   map[string]*linkEntry
	outputs map[string]outEntry // of the last successful build
	next    map[string]outEntry // being built

	settings string // base URL and raw-HTML setting of this build
	env      uint64 // what links resolve against, this build
	global   uint64 // what every layout can show, this build
	allBody  uint64 // every body, this build
	kindBody map[string]uint64

	filesKey uint64 // layouts/ and assets/ contents, of assets and layouts
	nextKey  uint64 // the same, this build
	urls     layout.URLs
	assets   *assets.Set
	layouts  *layout.Set
	// position maps each page of Site.All to its index, this build, for
	// remembering link targets across builds.
	position map[*site.Page]int32
	// sums are the body hashes of sitePages, sumAt a page's index there.
	sums  []uint64
	sumAt map[*site.Page]int
	// ownCode holds the pages whose own body has code, this build.
	ownCode map[*site.Page]bool
	// last is the last successful build, for bodyEdit; nil after a
	// failure.
	last *lastBuild
	// started is set once a build succeeded.
	started bool
	search  searchKept
}

type parseEntry struct {
	text     []byte
	prefix   string
	settings string
	body     *body
	headings []string
	sections []site.Section
}

type linkEntry struct {
	env     uint64
	body    *body
	html    []string
	targets []int32 // indices into Site.All, which is the same while env is
	content template.HTML
	sum     uint64
	code    bool
}

type outEntry struct {
	fp   uint64
	data []byte
}

func newState() *state {
	return &state{
		seed:    maphash.MakeSeed(),
		files:   content.NewCache(),
		parses:  map[string]*parseEntry{},
		links:   map[string]*linkEntry{},
		outputs: map[string]outEntry{},
	}
}

func (s *state) setChanged(changed []string) {
	s.changed = changed
	s.next = nil
}

func (s *state) finish(ok bool) {
	s.started = s.started || ok
	if ok && s.next != nil {
		s.outputs = s.next
	}
	if !ok {
		s.last = nil
	}
	s.next = nil
}

func (s *state) searchKept() *searchKept { return &s.search }

func (s *state) loadOptions(opts *content.Options) {
	opts.Cache, opts.Changed = s.files, s.changed
}

func (s *state) begin(settings string) { s.settings = settings }

// persistent is true for the first build only: later ones find unchanged
// bodies in memory, and writing the cache after every edit would cost a
// preview more than it saves the next start.
func (s *state) persistent() bool { return !s.started }

// parse returns the parsed body of cb, from memory when its text, prefix
// and the settings are those it was parsed with.
func (s *state) parse(b *builder, cb content.Body, prefix string) *body {
	p := cb.Page.Path
	s.mu.Lock()
	e := s.parses[p]
	s.mu.Unlock()
	if e != nil && e.prefix == prefix && e.settings == s.settings && bytes.Equal(e.text, cb.Text) && e.body.imagesSame(b.in.FS) {
		cb.Page.HeadingIDs, cb.Page.Sections = e.headings, e.sections
		return e.body
	}
	bd := b.parseKept(cb, prefix)
	s.mu.Lock()
	s.parses[p] = &parseEntry{text: cb.Text, prefix: prefix, settings: s.settings, body: bd, headings: cb.Page.HeadingIDs, sections: cb.Page.Sections}
	s.mu.Unlock()
	return bd
}

// siteFiles returns the previous assets and layouts while layouts/,
// assets/ and the URLs are unchanged.
func (s *state) siteFiles(fsys fs.FS, urls layout.URLs, lang string) (*assets.Set, *layout.Set) {
	// The layouts' dates and words follow the language.
	s.nextKey = siteFiles(fsys, s.seed) ^ maphash.String(s.seed, lang)
	if s.nextKey == s.filesKey && s.assets != nil && s.layouts != nil && s.urls == urls {
		return s.assets, s.layouts
	}
	return nil, nil
}

func (s *state) keepSiteFiles(set *assets.Set, tmpl *layout.Set, urls layout.URLs) {
	s.filesKey, s.assets, s.layouts, s.urls = s.nextKey, set, tmpl, urls
}

// linking hashes what links resolve against and numbers the pages.
func (s *state) linking(b *builder) {
	s.computeEnv(b)
	s.position = make(map[*site.Page]int32, len(b.site.All))
	for i, p := range b.site.All {
		s.position[p] = int32(i)
	}
}

// resolve takes an unchanged body's links from memory, and remembers
// those of a body that resolved cleanly.
func (s *state) resolve(b *builder, cb content.Body, errs *diag.List) resolution {
	if r, ok := s.resolved(b, cb); ok {
		return r
	}
	r := b.resolveBody(cb, errs)
	if len(*errs) == 0 {
		s.remember(cb, r)
	}
	return r
}

// resolved returns the link results of an unchanged body when nothing it
// resolves against has changed.
func (s *state) resolved(b *builder, cb content.Body) (resolution, bool) {
	bd, _ := cb.Parsed.(*body)
	s.mu.Lock()
	e := s.links[cb.Page.Path]
	s.mu.Unlock()
	if bd == nil || e == nil || e.env != s.env || e.body != bd {
		return resolution{}, false
	}
	r := resolution{html: e.html, targets: make([]*site.Page, len(e.targets))}
	all := b.site.All
	for i, t := range e.targets {
		if int(t) >= len(all) {
			return resolution{}, false
		}
		r.targets[i] = all[t]
	}
	return r, true
}

// remember stores fresh link results of a body that resolved cleanly.
func (s *state) remember(cb content.Body, r resolution) {
	bd, _ := cb.Parsed.(*body)
	if bd == nil {
		return
	}
	idx := make([]int32, len(r.targets))
	for i, t := range r.targets {
		j, ok := s.position[t]
		if !ok {
			return // not a page of Site.All: do not remember
		}
		idx[i] = j
	}
	s.mu.Lock()
	s.links[cb.Page.Path] = &linkEntry{env: s.env, body: bd, html: r.html, targets: idx}
	s.mu.Unlock()
}

// fill returns the filled body HTML and whether it holds code, from
// memory when the body and its links are unchanged. It keeps r's HTML,
// which the next build compares.
func (s *state) fill(cb content.Body, bd *body, r *resolution) (template.HTML, bool) {
	s.mu.Lock()
	e := s.links[cb.Page.Path]
	s.mu.Unlock()
	if e != nil && e.body == bd && e.env == s.env && e.content != "" && slices.Equal(e.html, r.html) {
		return e.content, e.code
	}
	c := template.HTML(markdown.Fill(bd.html, r.html))
	code := hasCode(c)
	if e != nil && e.body == bd && e.env == s.env {
		s.mu.Lock()
		e.content, e.code = c, code
		e.sum = maphash.String(s.seed, string(c))
		s.mu.Unlock()
	}
	return c, code
}

// computeEnv hashes everything link resolution depends on.
func (s *state) computeEnv(b *builder) {
	var h maphash.Hash
	h.SetSeed(s.seed)
	h.WriteString(s.settings)
	pages := append([]*site.Page{b.site.Home}, b.site.All...)
	pages = append(pages, listPages(b.site)...)
	for _, p := range pages {
		for _, f := range [...]string{string(p.Kind), string(p.ListKind), p.Path, p.Slug, p.Title, p.URL, p.Short} {
			h.WriteString(f)
			h.WriteByte(0)
		}
		// Dates as numbers: formatting them would allocate for every page.
		for _, d := range [...]date.Date{p.Date, p.End} {
			writeU64(&h, uint64(d.Y)<<24|uint64(d.M)<<16|uint64(d.D)<<8|uint64(d.Prec))
			writeU64(&h, uint64(d.T.UnixNano()))
		}
		for _, a := range p.Aliases {
			h.WriteString(a)
			h.WriteByte(1)
		}
		for _, id := range p.HeadingIDs {
			h.WriteString(id)
			h.WriteByte(2)
		}
		if p.Draft { // links into drafts warn (draftOnly)
			h.WriteByte(4)
		}
		h.WriteByte(3)
	}
	static := make([]string, 0, len(b.static))
	for k := range b.static {
		static = append(static, k)
	}
	slices.Sort(static)
	for _, k := range static {
		h.WriteString(k)
		h.WriteByte(0)
	}
	s.env = h.Sum64()
}
