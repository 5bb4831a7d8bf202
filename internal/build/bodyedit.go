package build

import (
	"context"
	"path"
	"slices"
	"time"

	"github.com/counterpoint-ssg/counterpoint/internal/assets"
	"github.com/counterpoint-ssg/counterpoint/internal/diag"
	"github.com/counterpoint-ssg/counterpoint/internal/layout"
	"github.com/counterpoint-ssg/counterpoint/internal/site"
)

// lastBuild is what the last successful build leaves for a prose edit:
// its builder (the site model, the link index and anchors), layouts,
// assets and static files, each page's place among the bodies and
// whether its own body holds code.
type lastBuild struct {
	b       *builder
	tmpl    *layout.Set
	set     *assets.Set
	static  []string
	body    map[string]int // page path -> index in b.bodies
	ownCode map[*site.Page]bool
	// warnings are the last build's, sorted.
	warnings diag.List
}

// built records a successful build for bodyEdit.
func (s *state) built(b *builder, tmpl *layout.Set, set *assets.Set, static []string, warnings diag.List) {
	l := &lastBuild{b: b, tmpl: tmpl, set: set, static: static, body: make(map[string]int, len(b.bodies)), ownCode: s.ownCode, warnings: warnings}
	for i, cb := range b.bodies {
		l.body[cb.Page.Path] = i
	}
	s.last = l
}

// edited is one page whose body changed, checked and ready to apply.
type edited struct {
	i    int
	page *site.Page
	text []byte
	bd   *body
	r    resolution
}

// bodyEdit rebuilds after edits that changed only the prose of pages
// (front matter byte for byte the same, the same headings, links to the
// same pages): the site model, the link index and what every layout shows
// of the site are then those of the last build, so only the edited
// bodies are parsed and filled, and only the pages that show them are
// rendered. The bool is false when the edit is anything else (run does
// it then), true when this was the build, whatever its error.
func (s *state) bodyEdit(ctx context.Context, in Inputs, changed []string) (*Result, bool, error) {
	l := s.last
	if l == nil || len(changed) == 0 || ctx.Err() != nil {
		return nil, false, nil
	}
	start := time.Now()
	b := l.b
	var eds []edited
	for _, p := range changed {
		ed, ok := s.checkEdit(l, path.Clean(p))
		if !ok {
			return nil, false, nil
		}
		eds = append(eds, ed)
	}
	tLoad := time.Now()
	for _, ed := range eds {
		cb := b.bodies[ed.i]
		cb.Text = ed.text
		b.bodies[ed.i] = cb
		b.resolutions[ed.i] = ed.r
		cb.Parsed = ed.bd
		ed.page.Content, ed.page.HasCode = s.fill(cb, ed.bd, &b.resolutions[ed.i])
		s.ownCode[ed.page] = ed.page.HasCode
	}
	// markCode (in renderPages) sets list pages from their members again.
	for _, p := range l.outputPages() {
		p.HasCode = s.ownCode[p]
	}
	edits := make([]*site.Page, len(eds))
	for i, ed := range eds {
		edits[i] = ed.page
	}
	s.resum(b, edits)
	tLink := time.Now()
	b.rendered.Store(0)
	out := newEmitter(in.Sink)
	if err := b.renderPages(ctx, l.tmpl, in.FS, l.static, out); err != nil {
		s.last = nil
		return nil, true, err
	}
	if err := b.emitFiles(out, l.set, l.static); err != nil {
		s.last = nil
		return nil, true, err
	}
	l.warnings = l.rewarn(eds)
	res := b.result(out, l.warnings, start, tLoad, tLink)
	b.later(res)
	return res, true, nil
}

// rewarn is the last build's warnings with those of the edited pages
// replaced by their new bodies' notes. An edited page's front matter is
// unchanged and its body resolved without a diagnostic (checkEdit), so
// its notes are all the warnings it can have.
func (l *lastBuild) rewarn(eds []edited) diag.List {
	paths := make(map[string]bool, len(eds))
	for _, ed := range eds {
		paths[ed.page.Path] = true
	}
	var out diag.List
	for _, w := range l.warnings {
		if !paths[w.Path] {
			out = append(out, w)
		}
	}
	for _, ed := range eds {
		for _, n := range ed.bd.notes {
			out.Warn(ed.page.Path, n.line, n.col, n.msg)
		}
	}
	return out.Sort()
}

// checkEdit reads the changed file p and parses and resolves its new body,
// without touching the site model; ok is false unless p is a page's
// Markdown whose front matter, headings and link targets are unchanged
// and whose body resolves cleanly.
func (s *state) checkEdit(l *lastBuild, p string) (edited, bool) {
	b := l.b
	i, found := l.body[p]
	if !found {
		return edited{}, false
	}
	old := b.bodies[i].Page
	if old.Kind == site.List || old.Kind == site.Home {
		return edited{}, false // their bodies share headings with entries
	}
	text, ok := s.files.ReloadBody(b.in.FS, p)
	if !ok {
		return edited{}, false
	}
	prefix := ""
	if old.IsEntry() {
		prefix = old.Slug + entrySep
	}
	// Parse into a copy: the page keeps its headings if the edit is not
	// taken here.
	cp := *old
	cb := b.bodies[i]
	cb.Page, cb.Text = &cp, text
	bd := s.parse(b, cb, prefix)
	if !slices.Equal(cp.HeadingIDs, old.HeadingIDs) || !slices.Equal(cp.Sections, old.Sections) {
		return edited{}, false
	}
	cb.Page, cb.Parsed = old, bd
	var errs diag.List
	r := s.resolve(b, cb, &errs)
	if len(errs) > 0 || !slices.Equal(r.targets, old.Links) {
		return edited{}, false
	}
	return edited{i: i, page: old, text: text, bd: bd, r: r}, true
}

// outputPages lists every page the last build rendered but the search and
// not-found pages, which each build makes afresh.
func (l *lastBuild) outputPages() []*site.Page {
	return sitePages(l.b.site)
}
