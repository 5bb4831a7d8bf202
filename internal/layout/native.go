package layout

import (
	"bytes"
	"html/template"
	"strconv"
	"strings"

	"github.com/counterpoint-ssg/counterpoint/internal/date"
	"github.com/counterpoint-ssg/counterpoint/internal/site"
)

// native renders the built-in layouts by a Go transcription of their
// templates. html/template evaluates every action by reflection, which
// made template execution the largest cost of a build (about 300 µs a
// page); the transcription writes the same bytes in a small fraction of
// that. The .html files stay the source of truth: they are what a site
// overrides, what a site that overrides baseof.html or a page layout runs,
// and what TestNativeMatchesTemplates and FuzzNative compare the
// transcription with, page by page, on several sites.
//
// A partial the site overrides is still run as its template from inside
// the transcription, in the same context, so overriding one partial costs
// only that partial.
type native struct {
	s     *Set
	url   func(string) string
	asset func(string) (string, error)
	ld    func(*site.Page) (template.JS, error)
	// builtin holds the layout files that are the built-in ones.
	builtin map[string]bool
}

// newNative returns the transcription for a set, or nil when the helper
// functions are not the ones Funcs makes (so it cannot call them).
func newNative(s *Set, funcs template.FuncMap, origin map[string]string) *native {
	n := &native{s: s, builtin: map[string]bool{}}
	var ok1, ok2, ok3 bool
	n.url, ok1 = funcs["url"].(func(string) string)
	n.asset, ok2 = funcs["asset"].(func(string) (string, error))
	n.ld, ok3 = funcs["pagejsonld"].(func(*site.Page) (template.JS, error))
	if !ok1 || !ok2 || !ok3 {
		return nil
	}
	for name, shown := range origin {
		if strings.HasPrefix(shown, "built-in ") {
			n.builtin[name] = true
		}
	}
	return n
}

// mains are the page layouts the transcription covers.
var mains = map[string]func(*nw, *site.Page){
	"page.html":     (*nw).mainPage,
	"home.html":     (*nw).mainHome,
	"list.html":     (*nw).mainList,
	"glossary.html": (*nw).mainGlossary,
	"timeline.html": (*nw).mainTimeline,
	"search.html":   (*nw).mainSearch,
	"404.html":      (*nw).main404,
}

// covers reports whether the transcription can render a page layout: it
// and the base layout are the built-in ones.
func (n *native) covers(name string) bool {
	return n != nil && n.builtin[Base] && n.builtin[name] && mains[name] != nil
}

// render writes a whole page; on error the caller runs the templates,
// which report it with its position.
func (n *native) render(b *bytes.Buffer, name string, p *site.Page) error {
	w := &nw{b: b, n: n}
	w.base(p, mains[name])
	return w.err
}

// nw is one page being written.
type nw struct {
	b   *bytes.Buffer
	n   *native
	err error
}

func (w *nw) raw(s string)     { w.b.WriteString(s) }
func (w *nw) esc(s string)     { escapeHTML(w.b, s) }
func (w *nw) href(s string)    { escapeURL(w.b, s) }
func (w *nw) urlPart(s string) { escapeURLPart(w.b, s) }
func (w *nw) html(h template.HTML) {
	w.b.WriteString(string(h))
}

// elem writes open, s escaped, then close: an element holding text.
func (w *nw) elem(open, s, close string) {
	w.raw(open)
	w.esc(s)
	w.raw(close)
}

// anchor writes <a href="href">text</a>.
func (w *nw) anchor(href, text string) {
	w.raw(`<a href="`)
	w.href(href)
	w.raw(`">`)
	w.esc(text)
	w.raw(`</a>`)
}

// link writes a site path with the base path, as {{url "..."}} in a URL
// attribute does.
func (w *nw) link(p string) { w.href(w.n.url(p)) }

func (w *nw) asset(name string) {
	u, err := w.n.asset(name)
	if err != nil {
		w.fail(err)
		return
	}
	w.href(u)
}

func (w *nw) fail(err error) {
	if w.err == nil {
		w.err = err
	}
}

// time writes <time datetime="ISO">Human</time>.
func (w *nw) time(d date.Date) {
	w.elem(`<time datetime="`, d.ISO(), `">`)
	w.esc(d.Human())
	w.raw(`</time>`)
}

// partial runs a partial given with {{template}}: the transcription when
// the partial is the built-in one, else the site's template.
func (w *nw) partial(name string, data any, fn func()) {
	if w.n.builtin[name] {
		fn()
		return
	}
	if err := w.n.s.partials.ExecuteTemplate(w.b, name, data); err != nil {
		w.fail(err)
	}
}

// cached runs a partial given with partialCached.
func (w *nw) cached(name string, p *site.Page, fn func(*site.Page)) {
	if w.n.builtin[name] {
		fn(p)
		return
	}
	h, err := w.n.s.partialCached(name, p)
	if err != nil {
		w.fail(err)
		return
	}
	w.html(h)
}

// base is baseof.html.
func (w *nw) base(p *site.Page, main func(*nw, *site.Page)) {
	s := p.Site
	desc := description(p)
	w.raw("<!doctype html>\n<html lang=\"")
	w.esc(s.Language)
	w.raw("\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
	if s.CSP != "" {
		w.elem(`<meta http-equiv="Content-Security-Policy" content="`, s.CSP, `">`)
	}
	w.raw("\n<title>")
	if p.Kind == site.Home {
		w.esc(s.Title)
	} else {
		w.esc(p.Title)
		w.raw(" · ")
		w.esc(s.Title)
	}
	w.raw("</title>\n<meta name=\"description\" content=\"")
	w.esc(desc)
	w.raw(`">`)
	if p.Kind == site.NotFound {
		w.raw("\n<meta name=\"robots\" content=\"noindex\">")
	} else {
		w.raw("\n<link rel=\"canonical\" href=\"")
		w.href(p.Permalink)
		w.raw(`">`)
	}
	w.raw("\n<meta property=\"og:type\" content=\"")
	if p.Kind == site.Home {
		w.raw("website")
	} else {
		w.raw("article")
	}
	w.raw("\">\n<meta property=\"og:title\" content=\"")
	w.esc(p.Title)
	w.raw("\">\n<meta property=\"og:description\" content=\"")
	w.esc(desc)
	w.raw("\">\n<meta property=\"og:site_name\" content=\"")
	w.esc(s.Title)
	w.raw("\">\n<meta property=\"og:url\" content=\"")
	w.esc(p.Permalink)
	w.raw("\">\n<meta name=\"twitter:card\" content=\"summary\">\n<meta name=\"twitter:title\" content=\"")
	w.esc(p.Title)
	w.raw("\">\n<meta name=\"twitter:description\" content=\"")
	w.esc(desc)
	w.raw("\">\n<meta name=\"color-scheme\" content=\"light dark\">\n<script src=\"")
	w.asset("theme.js")
	w.raw("\"></script>\n<link rel=\"stylesheet\" href=\"")
	w.asset("site.css")
	w.raw(`">`)
	if p.HasCode {
		w.raw("\n<link rel=\"stylesheet\" href=\"")
		w.asset("syntax.css")
		w.raw(`">`)
	}
	w.raw("\n<link rel=\"icon\" href=\"")
	w.asset("favicon.svg")
	w.raw("\" type=\"image/svg+xml\">\n<link rel=\"alternate\" type=\"application/atom+xml\" href=\"")
	w.link("/atom.xml")
	w.raw("\" title=\"")
	w.esc(s.Title)
	w.raw("\">\n<script src=\"")
	w.asset("site.js")
	w.raw("\" defer></script>")
	w.partial("partials/jsonld.html", p, func() { w.jsonld(p) })
	w.raw("\n</head>\n<body data-base=\"")
	w.esc(w.n.url("/"))
	w.raw("\">\n<a class=\"skip-link\" href=\"#main\">Skip to main content</a>\n")
	w.partial("partials/header.html", p, func() { w.header(p) })
	w.raw("\n<main id=\"main\" class=\"wrap\" tabindex=\"-1\">\n")
	main(w, p)
	w.raw("\n</main>\n")
	w.partial("partials/footer.html", p, func() { w.footer(p) })
	w.raw("\n</body>\n</html>\n")
}

// jsonld is partials/jsonld.html.
func (w *nw) jsonld(p *site.Page) {
	js, err := w.n.ld(p)
	if err != nil {
		w.fail(err)
		return
	}
	if js != "" {
		w.raw("\n<script type=\"application/ld+json\">")
		w.raw(string(js))
		w.raw("</script>")
	}
	w.raw("\n")
}

// header is partials/header.html.
func (w *nw) header(p *site.Page) {
	w.raw("<header class=\"site-header\">\n<div class=\"wrap\">\n<a class=\"site-title\" href=\"")
	w.link("/")
	w.raw(`"`)
	if p.Kind == site.Home {
		w.raw(` aria-current="page"`)
	}
	w.raw(">")
	w.esc(p.Site.Title)
	w.raw("</a>\n<button class=\"theme-toggle\" type=\"button\" aria-pressed=\"false\">Dark theme</button>\n<form class=\"search\" role=\"search\" aria-label=\"Site\" action=\"")
	w.link("/search/")
	w.raw("\" method=\"get\">\n<label for=\"q\" class=\"visually-hidden\">Search this site</label>\n<input id=\"q\" name=\"q\" type=\"search\" placeholder=\"Search\" autocomplete=\"off\" spellcheck=\"false\">\n<button type=\"submit\">Search</button>\n</form>\n<nav class=\"site-nav\" aria-label=\"Main\">\n<ul>")
	for _, e := range p.Site.Menu {
		w.raw("\n<li><a href=\"")
		w.href(e.Href)
		w.raw(`"`)
		if p.URL == e.URL {
			w.raw(` aria-current="page"`)
		}
		w.raw(">")
		w.esc(e.Title)
		w.raw("</a></li>")
	}
	w.raw("\n</ul>\n</nav>\n</div>\n</header>\n")
}

// footer is partials/footer.html.
func (w *nw) footer(p *site.Page) {
	s := p.Site
	w.raw("<footer class=\"site-footer\">\n<div class=\"wrap\">\n<p><strong>")
	w.esc(s.Title)
	w.raw("</strong>")
	if s.Summary != "" {
		w.raw("<br>")
		w.esc(s.Summary)
	}
	w.raw("</p>\n<ul class=\"inline\">")
	for _, e := range s.Menu {
		w.raw("\n<li><a href=\"")
		w.href(e.Href)
		w.raw("\">")
		w.esc(e.Title)
		w.raw("</a></li>")
	}
	w.raw("\n<li><a href=\"")
	w.link("/search/")
	w.raw("\">All pages</a></li>\n<li><a href=\"")
	w.link("/atom.xml")
	w.raw("\">Atom feed</a></li>\n</ul>\n</div>\n</footer>\n")
}

// mainPage is page.html's main block.
func (w *nw) mainPage(p *site.Page) {
	w.raw("\n<article class=\"page page-")
	w.esc(string(p.Kind))
	w.raw("\">\n<header class=\"page-head\">")
	if p.Kind != site.Generic && p.Kind != site.NotFound {
		w.elem(`<p class="kind">`, p.Kind.Label(), `</p>`)
	}
	w.elem("\n<h1>", p.Title, "</h1>")
	if p.Kind == site.Demand || p.Kind == site.Counterposition {
		w.partial("partials/position-meta.html", p, func() { w.positionMeta(p) })
	}
	if p.Kind == site.Actor && p.Role != "" {
		w.elem(`<p class="byline">`, p.Role, `</p>`)
	}
	if p.Summary != "" {
		w.elem(`<p class="lead">`, p.Summary, `</p>`)
	}
	w.raw("\n</header>\n<div class=\"layout\">\n<div class=\"main-col\">\n<div class=\"prose\">\n")
	w.html(p.Content)
	w.raw("\n</div>")
	w.partial("partials/sources.html", p, func() { w.sources(p) })
	if !p.Updated.IsZero() {
		w.raw("\n<p class=\"updated\">Updated ")
		w.time(p.Updated)
		w.raw("</p>")
	}
	w.raw("\n</div>")
	w.partial("partials/relations.html", p, func() { w.relations(p) })
	w.raw("\n</div>")
	w.partial("partials/prevnext.html", p, func() { w.prevnext(p) })
	w.raw("\n</article>\n")
}

// positionMeta is partials/position-meta.html.
func (w *nw) positionMeta(p *site.Page) {
	w.raw(`<p class="byline">`)
	who := ""
	switch p.Kind {
	case site.Demand:
		who = p.Claimant
	case site.Counterposition:
		who = p.Respondent
	}
	if who != "" {
		w.elem(`<span class="who">`, who, `</span>`)
	}
	if !p.Date.IsZero() {
		w.raw(` <span class="sep">·</span> First stated`)
		if p.StatedBy != "" {
			w.elem(` by <span class="by">`, p.StatedBy, `</span>,`)
		}
		w.raw(` `)
		w.time(p.Date)
	}
	if s := p.StatedIn; s != nil {
		w.raw(` <span class="sep">·</span> <span class="src">Source: `)
		if s.URL != "" {
			w.anchor(s.URL, s.Publisher)
		} else {
			w.elem(`<cite>`, s.Publisher, `</cite>`)
		}
		w.raw(`</span>`)
	}
	w.raw("\n</p>\n")
}

// sources is partials/sources.html.
func (w *nw) sources(p *site.Page) {
	w.sourcesSection(p.Sources)
	w.raw("\n")
}

// sourcesSection is the Sources section of partials/sources.html and of
// glossary.html: a heading and partials/source-list.html.
func (w *nw) sourcesSection(ss []site.Source) {
	if len(ss) > 0 {
		w.raw("\n<section class=\"sources\" aria-labelledby=\"sources-h\">\n<h2 id=\"sources-h\">Sources</h2>")
		w.partial("partials/source-list.html", ss, func() { w.sourceList(ss) })
		w.raw("\n</section>")
	}
}

// sourceList is partials/source-list.html.
func (w *nw) sourceList(ss []site.Source) {
	w.raw(`<ol class="source-list">`)
	for _, s := range ss {
		w.raw("\n<li>")
		if s.URL != "" {
			w.anchor(s.URL, s.Title)
		} else {
			w.elem(`<cite>`, s.Title, `</cite>`)
		}
		if s.Publisher != "" {
			w.elem(`, <span class="pub">`, s.Publisher, `</span>`)
		}
		if !s.Date.IsZero() {
			w.raw(`, `)
			w.time(s.Date)
		}
		w.raw("</li>")
	}
	w.raw("\n</ol>\n")
}

// relSection writes one list of the side panel.
func (w *nw) relSection(head, ul string, ps []*site.Page, name string, fn func(*site.Page)) {
	if len(ps) == 0 {
		return
	}
	w.raw("\n<section class=\"rel\">\n<h2>")
	w.raw(head)
	w.raw("</h2>\n")
	w.raw(ul)
	for _, q := range ps {
		w.raw("\n<li>")
		w.cached(name, q, fn)
		w.raw("</li>")
	}
	w.raw("\n</ul>\n</section>")
}

// relations is partials/relations.html.
func (w *nw) relations(p *site.Page) {
	answers := p.Kind == site.Demand || p.Kind == site.Counterposition
	if answers || len(p.Events) > 0 || len(p.Terms) > 0 || len(p.Actors) > 0 || len(p.Backlinks) > 0 {
		w.raw("\n<aside class=\"relations\" aria-label=\"Related\">")
		if p.Kind == site.Demand {
			w.raw("\n<section class=\"rel rel-positions\">\n<h2>Answered by</h2>")
			if len(p.Counterpositions) > 0 {
				w.raw("\n<ul class=\"cards\">")
				for _, c := range p.Counterpositions {
					w.raw("\n<li>")
					w.cached("partials/card.html", c, w.card)
					w.raw("</li>")
				}
				w.raw("\n</ul>")
			} else {
				w.raw("\n<p class=\"card empty\">No counterposition answers this demand yet.</p>")
			}
			w.raw("\n</section>")
		}
		if p.Kind == site.Counterposition {
			w.raw("\n<section class=\"rel rel-positions\">\n<h2>Answers ")
			if len(p.RespondsTo) == 1 {
				w.raw("this demand")
			} else {
				w.raw("these demands")
			}
			w.raw("</h2>\n<ul class=\"cards\">")
			for _, d := range p.RespondsTo {
				w.raw("\n<li>")
				w.cached("partials/card.html", d, w.card)
				w.raw("</li>")
			}
			w.raw("\n</ul>\n</section>")
		}
		w.relSection("On the timeline", `<ul class="dated">`, p.Events, "partials/rel-event.html", w.relEvent)
		w.relSection("Terms used", `<ul class="terms">`, p.Terms, "partials/rel-term.html", w.relTerm)
		w.relSection("People and institutions", `<ul>`, p.Actors, "partials/rel-actor.html", w.relActor)
		w.relSection("Referenced by", `<ul>`, p.Backlinks, "partials/rel-backlink.html", w.relBacklink)
		w.raw("\n</aside>")
	}
	w.raw("\n")
}

// card is partials/card.html.
func (w *nw) card(p *site.Page) {
	w.raw("<div class=\"card\">\n<p class=\"card-who\">")
	switch p.Kind {
	case site.Demand:
		w.esc(p.Claimant)
	case site.Counterposition:
		w.esc(p.Respondent)
	default:
		w.esc(p.Kind.Label())
	}
	w.raw("</p>\n<p class=\"card-title\"><a href=\"")
	w.href(p.Href)
	w.raw("\">")
	w.esc(p.Title)
	w.raw("</a></p>")
	if !p.Date.IsZero() {
		w.raw("\n<p class=\"card-date\">")
		w.time(p.Date)
		w.raw("</p>")
	}
	w.raw("\n</div>\n")
}

// relEvent is partials/rel-event.html.
func (w *nw) relEvent(p *site.Page) {
	w.raw(`<span class="when">`)
	w.html(timeRange(p.Date, p.End))
	w.raw(`</span> <a href="`)
	w.href(p.Href)
	w.elem(`">`, p.Title, `</a>`)
}

// relTerm is partials/rel-term.html.
func (w *nw) relTerm(p *site.Page) {
	w.raw(`<a class="term" href="`)
	w.href(p.Href)
	w.elem(`" title="`, p.Short, `" data-short="`)
	w.esc(p.Short)
	w.elem(`">`, p.Title, `</a>`)
}

// relActor is partials/rel-actor.html.
func (w *nw) relActor(p *site.Page) {
	w.anchor(p.Href, p.Title)
	if p.Role != "" {
		w.elem(`<span class="role">`, p.Role, `</span>`)
	}
}

// relBacklink is partials/rel-backlink.html.
func (w *nw) relBacklink(p *site.Page) {
	w.raw(`<a href="`)
	w.href(p.Href)
	w.elem(`">`, p.Title, `</a> <span class="kind-tag">`)
	w.esc(p.Kind.Label())
	w.raw(`</span>`)
}

// neighbour is one link of partials/prevnext.html, if q is a page.
func (w *nw) neighbour(rel, dir string, q *site.Page) {
	if q == nil {
		return
	}
	w.raw(`<li class="` + rel + `"><a rel="` + rel + `" href="`)
	w.href(q.Href)
	w.elem(`"><span class="dir">`+dir+` `, strings.ToLower(q.Kind.Label()), `</span> `)
	w.esc(q.Title)
	w.raw(`</a></li>`)
}

// prevnext is partials/prevnext.html.
func (w *nw) prevnext(p *site.Page) {
	if p.Prev != nil || p.Next != nil {
		label := p.Kind.Label()
		w.raw("\n<nav class=\"prevnext\" aria-label=\"")
		w.esc(label)
		w.raw("s\">\n<ul>")
		w.neighbour("prev", "Previous", p.Prev)
		w.neighbour("next", "Next", p.Next)
		w.raw("\n</ul>\n</nav>")
	}
	w.raw("\n")
}

// mainHome is home.html's main block.
func (w *nw) mainHome(p *site.Page) {
	s := p.Site
	w.raw("\n<article class=\"home\">\n<header class=\"page-head\">\n<h1>")
	w.esc(s.Title)
	w.raw("</h1>")
	if p.Summary != "" {
		w.elem(`<p class="lead">`, p.Summary, `</p>`)
	}
	if len(s.Demands) > 0 {
		w.raw("\n<p class=\"lead-note\">Each row below is one demand and the positions that answer it. Every position is labelled with who holds it and when it was first stated.</p>")
	}
	w.raw("\n</header>")
	if len(s.Demands) > 0 {
		w.raw("\n<section class=\"matrix\" aria-labelledby=\"matrix-h\">\n<h2 id=\"matrix-h\">Demands and counterpositions</h2>\n<div class=\"matrix-cols\" aria-hidden=\"true\"><p>Demand</p><p>Answered by</p></div>\n<ol class=\"matrix-rows\">")
		for _, d := range s.Demands {
			w.raw("\n<li class=\"matrix-row\">\n<div class=\"card\">\n<p class=\"card-who\">")
			w.esc(d.Claimant)
			w.raw("</p>\n<h3 class=\"card-title\"><a href=\"")
			w.href(d.Href)
			w.raw("\">")
			w.esc(d.Title)
			w.raw("</a></h3>")
			if !d.Date.IsZero() {
				w.raw("\n<p class=\"card-date\">")
				w.time(d.Date)
				w.raw("</p>")
			}
			w.raw("\n</div>\n<div class=\"answers\">\n<p class=\"answers-label\">Answered by</p>")
			if len(d.Counterpositions) > 0 {
				w.raw("\n<ul class=\"cards\">")
				for _, c := range d.Counterpositions {
					w.raw("\n<li>")
					w.partial("partials/card.html", c, func() { w.card(c) })
					w.raw("</li>")
				}
				w.raw("\n</ul>")
			} else {
				w.raw("\n<p class=\"card empty\">No counterposition answers this demand yet.</p>")
			}
			w.raw("\n</div>\n</li>")
		}
		w.raw("\n</ol>\n</section>")
	}
	if p.Content != "" {
		w.raw("\n<section class=\"background\" aria-labelledby=\"background_h\">\n<h2 id=\"background_h\">Background</h2>\n<div class=\"prose\">")
		w.html(p.Content)
		w.raw("</div>\n</section>")
	}
	w.raw("\n<div class=\"prose\">")
	w.partial("partials/sources.html", p, func() { w.sources(p) })
	w.raw("</div>\n</article>\n")
}

// links writes "<a>A</a>; <a>B</a>" for a run of pages.
func (w *nw) links(ps []*site.Page, sep string) {
	for i, q := range ps {
		if i > 0 {
			w.raw(sep)
		}
		w.anchor(q.Href, q.Title)
	}
}

// mainList is list.html's main block.
func (w *nw) mainList(p *site.Page) {
	w.raw("\n<article class=\"list list-")
	w.esc(string(p.ListKind))
	w.raw("\">\n<header class=\"page-head\">\n<h1>")
	w.esc(p.Title)
	w.raw("</h1>")
	switch {
	case p.Summary != "":
		w.elem(`<p class="lead">`, p.Summary, `</p>`)
	case p.ListKind == site.Demand:
		w.raw(`<p class="lead">Each demand, who made it and when, and the positions that answer it.</p>`)
	case p.ListKind == site.Counterposition:
		w.raw(`<p class="lead">Each counterposition, who holds it and when it was first stated, and the demands it answers.</p>`)
	case p.ListKind == site.Actor:
		w.raw(`<p class="lead">The people and institutions whose statements this site records.</p>`)
	}
	w.raw("\n</header>")
	if p.Content != "" {
		w.raw(`<div class="prose">`)
		w.html(p.Content)
		w.raw(`</div>`)
	}
	if len(p.Pages) > 0 {
		w.raw("\n<ol class=\"entries\">")
		for _, q := range p.Pages {
			w.raw("\n<li class=\"entry-card\">\n<h2><a href=\"")
			w.href(q.Href)
			w.raw("\">")
			w.esc(q.Title)
			w.raw("</a></h2>")
			if q.Kind == site.Demand || q.Kind == site.Counterposition {
				w.partial("partials/position-meta.html", q, func() { w.positionMeta(q) })
			}
			if q.Kind == site.Actor && q.Role != "" {
				w.elem(`<p class="byline">`, q.Role, `</p>`)
			}
			if q.Summary != "" {
				w.elem(`<p>`, q.Summary, `</p>`)
			}
			if q.Kind == site.Demand {
				w.raw("\n<p class=\"answered\">")
				if len(q.Counterpositions) > 0 {
					w.raw("Answered by: ")
					w.links(q.Counterpositions, "; ")
				} else {
					w.raw("No counterposition answers this demand yet.")
				}
				w.raw("</p>")
			}
			if q.Kind == site.Counterposition {
				w.raw("\n<p class=\"answered\">Answers: ")
				w.links(q.RespondsTo, "; ")
				w.raw("</p>")
			}
			w.raw("\n</li>")
		}
		w.raw("\n</ol>")
	} else {
		w.raw("\n<p class=\"empty\">Nothing here yet.</p>")
	}
	w.raw("\n</article>\n")
}

// mainGlossary is glossary.html's main block.
func (w *nw) mainGlossary(p *site.Page) {
	w.raw("\n<article class=\"glossary\">\n<header class=\"page-head\">\n<h1>")
	w.esc(p.Title)
	w.raw("</h1>")
	if p.Summary != "" {
		w.elem(`<p class="lead">`, p.Summary, `</p>`)
	} else {
		w.raw(`<p class="lead">The terms this site uses, A to Z: what each means, and where it is used.</p>`)
	}
	w.raw("\n</header>")
	if p.Content != "" {
		w.raw(`<div class="prose">`)
		w.html(p.Content)
		w.raw(`</div>`)
	}
	groups := p.Site.TermsByLetter()
	if len(groups) > 0 {
		w.raw("\n<nav class=\"letters\" aria-label=\"Glossary by letter\">\n<ul>")
		for _, g := range groups {
			w.raw(`<li><a href="#`)
			w.urlPart(g.ID)
			w.elem(`">`, g.Key, `</a></li>`)
		}
		w.raw("\n</ul>\n</nav>")
	}
	for _, g := range groups {
		w.raw("\n<section class=\"letter\" aria-labelledby=\"")
		w.esc(g.ID)
		w.raw("\">\n<h2 id=\"")
		w.esc(g.ID)
		w.raw("\">")
		w.esc(g.Key)
		w.raw("</h2>\n<dl>")
		for _, t := range g.Pages {
			w.raw("\n<div class=\"term-entry\" id=\"")
			w.esc(t.Slug)
			w.raw("\">\n<dt><dfn>")
			w.esc(t.Title)
			w.raw("</dfn></dt>")
			if len(t.Aliases) > 0 {
				w.elem(`<dd class="aliases">Also: `, strings.Join(t.Aliases, ", "), `</dd>`)
			}
			w.raw("\n<dd class=\"definition\">\n<p class=\"short\">")
			w.esc(t.Short)
			w.raw("</p>\n")
			w.html(t.Content)
			first := true
			for _, q := range t.Backlinks {
				if q.Kind == site.Term {
					continue
				}
				if first {
					w.raw("\n<p class=\"used-in\">Used in: ")
				} else {
					w.raw(", ")
				}
				first = false
				w.anchor(q.Href, q.Title)
			}
			if !first {
				w.raw("</p>")
			}
			w.raw("\n</dd>\n</div>")
		}
		w.raw("\n</dl>\n</section>")
	}
	if len(groups) == 0 {
		w.raw("\n<p class=\"empty\">No terms yet.</p>")
	}
	w.sourcesSection(sourcesOf(p.Site.Terms))
	w.raw("\n</article>\n")
}

// mainTimeline is timeline.html's main block.
func (w *nw) mainTimeline(p *site.Page) {
	s := p.Site
	w.raw("\n<article class=\"timeline\">\n<header class=\"page-head\">\n<h1>")
	w.esc(p.Title)
	w.raw("</h1>")
	if p.Summary != "" {
		w.elem(`<p class="lead">`, p.Summary, `</p>`)
	} else {
		w.raw(`<p class="lead">Events in date order, each dated as precisely as the sources allow`)
		if from := s.CrisisFrom(); !from.IsZero() {
			w.elem(`; the background before `, from.Human(), ` is set in a quieter style`)
		}
		w.raw(`.</p>`)
	}
	w.raw("\n</header>")
	if p.Content != "" {
		w.raw(`<div class="prose">`)
		w.html(p.Content)
		w.raw(`</div>`)
	}
	if len(s.Events) > 0 && len(s.Demands) > 0 {
		w.raw("\n<form class=\"timeline-filter\" method=\"get\">\n<label for=\"demand_filter\">Show events about</label>\n<select id=\"demand_filter\" name=\"demand\">\n<option value=\"\">Every demand</option>")
		for _, d := range s.Demands {
			w.raw("\n<option value=\"")
			w.esc(d.Slug)
			w.raw("\">")
			w.esc(d.Title)
			w.raw("</option>")
		}
		w.raw("\n</select>\n<p class=\"filter-status\" role=\"status\"></p>\n</form>")
	}
	eras := s.TimelineEras()
	for _, era := range eras {
		w.raw("\n<div class=\"era")
		if era.Name != "" {
			w.raw(" era-")
			w.esc(era.Name)
		}
		w.raw("\">")
		switch era.Name {
		case site.EraBackground:
			w.raw("\n<p class=\"era-label\"><strong>Background</strong> <span>")
			w.raw(strconv.Itoa(era.First.Y))
			w.raw(" to ")
			w.raw(strconv.Itoa(era.Last.Y))
			w.raw("</span></p>")
		case site.EraCrisis:
			w.raw("\n<p class=\"era-label\"><strong>The crisis</strong> <span>")
			w.esc(era.First.Human())
			w.elem(" to ", era.Last.Human(), "</span></p>")
		}
		for _, y := range era.Years {
			w.raw("\n<section class=\"year\"")
			if y.ID != "" {
				w.elem(` aria-labelledby="`, y.ID, `"`)
			}
			w.raw(">\n<h2")
			if y.ID != "" {
				w.elem(` id="`, y.ID, `"`)
			}
			w.raw(">")
			w.esc(y.Key)
			w.raw("</h2>\n<ol class=\"events\">")
			for _, e := range y.Pages {
				w.event(e)
			}
			w.raw("\n</ol>\n</section>")
		}
		w.raw("\n</div>")
	}
	if len(eras) == 0 {
		w.raw("\n<p class=\"empty\">No events yet.</p>")
	}
	w.raw("\n</article>\n")
}

// event is one entry of the timeline.
func (w *nw) event(e *site.Page) {
	w.raw("\n<li class=\"event\" id=\"")
	w.esc(e.Slug)
	w.raw(`"`)
	if ds := e.DemandSlugs(); len(ds) > 0 {
		w.elem(` data-demands="`, strings.Join(ds, " "), `"`)
	}
	w.raw(">\n<p class=\"when\">")
	w.html(timeRange(e.Date, e.End))
	w.elem("</p>\n<h3>", e.Title, "</h3>")
	if e.Summary != "" {
		w.elem(`<p class="summary">`, e.Summary, `</p>`)
	}
	if e.Content != "" {
		w.raw(`<div class="event-body">`)
		w.html(e.Content)
		w.raw(`</div>`)
	}
	if len(e.Related) > 0 {
		w.raw("\n<p class=\"related\">Related: ")
		w.links(e.Related, ", ")
		w.raw("</p>")
	}
	if len(e.Sources) > 0 {
		w.raw("\n<p class=\"event-sources\">")
		if len(e.Sources) == 1 {
			w.raw("Source")
		} else {
			w.raw("Sources")
		}
		w.raw(": ")
		for i, src := range e.Sources {
			if i > 0 {
				w.raw("; ")
			}
			name := src.Publisher
			if name == "" {
				name = src.Title
			}
			if src.URL != "" {
				w.anchor(src.URL, name)
			} else {
				w.elem(`<cite>`, name, `</cite>`)
			}
			if !src.Date.IsZero() {
				w.raw(", ")
				w.time(src.Date)
			}
		}
		w.raw("</p>")
	}
	w.raw("\n</li>")
}

// mainSearch is search.html's main block.
func (w *nw) mainSearch(p *site.Page) {
	w.raw("\n<article class=\"search-page\">\n<header class=\"page-head\">\n<h1>")
	w.esc(p.Title)
	w.raw("</h1>")
	if p.Summary != "" {
		w.elem(`<p class="lead">`, p.Summary, `</p>`)
	}
	w.raw("\n</header>\n<form class=\"search-form\" role=\"search\" aria-label=\"Every page\" action=\"")
	w.link("/search/")
	w.raw("\" method=\"get\">\n<label for=\"q-page\">Search the site</label>\n<div class=\"field\">\n<input id=\"q-page\" name=\"q\" type=\"search\" autocomplete=\"off\" spellcheck=\"false\">\n<button type=\"submit\">Search</button>\n</div>\n</form>\n<p class=\"search-status\" id=\"search_status\" role=\"status\"></p>\n<ol id=\"search-results\" class=\"results\" hidden></ol>\n<section class=\"all-pages\" aria-labelledby=\"all-h\">\n<h2 id=\"all-h\">Every page</h2>")
	for _, g := range p.Pages {
		w.raw("\n<h3>")
		w.esc(g.Title)
		w.raw("</h3>\n<ul class=\"columns\">")
		for _, q := range g.Pages {
			w.raw("\n<li><a href=\"")
			w.href(q.Href)
			w.raw("\">")
			w.esc(q.Title)
			w.raw("</a></li>")
		}
		w.raw("\n</ul>")
	}
	w.raw("\n</section>\n</article>\n")
}

// main404 is 404.html's main block.
func (w *nw) main404(p *site.Page) {
	w.raw("\n<article class=\"notfound\">\n<header class=\"page-head\">\n<h1>Page not found</h1>\n<p class=\"lead\">There is no page at this address. It may have moved, or the link may be mistyped.</p>\n</header>\n<form class=\"search-form\" role=\"search\" aria-label=\"Every page\" action=\"")
	w.link("/search/")
	w.raw("\" method=\"get\">\n<label for=\"q404\">Search the site</label>\n<div class=\"field\">\n<input id=\"q404\" name=\"q\" type=\"search\" autocomplete=\"off\" spellcheck=\"false\">\n<button type=\"submit\">Search</button>\n</div>\n</form>\n<h2>Or start from</h2>\n<ul class=\"start\">\n<li><a href=\"")
	w.link("/")
	w.raw("\">The home page</a>, with every demand and the positions that answer it</li>\n<li><a href=\"")
	w.link("/demands/")
	w.raw("\">Demands</a></li>\n<li><a href=\"")
	w.link("/counterpositions/")
	w.raw("\">Counterpositions</a></li>\n<li><a href=\"")
	w.link("/timeline/")
	w.raw("\">Timeline</a></li>\n<li><a href=\"")
	w.link("/glossary/")
	w.raw("\">Glossary</a></li>")
	if len(p.Site.Actors) > 0 {
		w.raw("\n<li><a href=\"")
		w.link("/actors/")
		w.raw("\">Actors</a></li>")
	}
	w.raw("\n</ul>\n</article>\n")
}
