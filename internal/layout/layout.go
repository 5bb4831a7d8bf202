// Package layout loads html/template layouts: the site's layouts/ directory
// over built-in defaults embedded in the binary, so a site with only
// content/ still builds and a site can override any single file.
//
// Lookup: every page is rendered by baseof.html, which calls the block
// "main" defined by the page's own template: home.html, demand.html,
// counterposition.html, actor.html, page.html (generic pages, and the
// fallback for the three before it), glossary.html, timeline.html,
// search.html, list.html (other lists, and the fallback for the three
// before it) and 404.html. Files under partials/ are available to all as
// {{template "partials/name.html" .}}.
package layout

import (
	"bytes"
	"embed"
	"fmt"
	"html/template"
	"io"
	"io/fs"
	"maps"
	"path"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"text/template/parse"

	"github.com/counterpoint-ssg/counterpoint/internal/diag"
	"github.com/counterpoint-ssg/counterpoint/internal/fsfilter"
	"github.com/counterpoint-ssg/counterpoint/internal/site"
)

//go:embed defaults
var defaults embed.FS

// Base is the layout every page is executed through.
const Base = "baseof.html"

// Set holds one parsed template per page template.
type Set struct {
	// deps is, per page layout, whose bodies it (with the base layout and
	// the partials) may show.
	deps map[string]BodyDeps

	pages map[string]*template.Template
	// origin maps a template file name to the path shown in errors.
	origin map[string]string

	// partials runs partialCached calls; cache holds their output for the
	// current build (see ResetCache).
	partials *template.Template
	cache    atomic.Pointer[sync.Map]

	// native renders the built-in page layouts with the Go generated
	// from them, without html/template; nil when off (see TemplatesOnly).
	native *native
}

// Load parses layouts from the site's layouts/ (if any) over the built-in
// defaults. funcs are available to every template.
func Load(siteFS fs.FS, funcs template.FuncMap) (*Set, diag.List) {
	var errs diag.List
	files := map[string][]byte{}
	origin := map[string]string{}
	sub, _ := fs.Sub(defaults, "defaults")
	collect(sub, ".", "built-in layouts/", files, origin, &errs)
	if siteFS != nil {
		if fi, err := fs.Stat(siteFS, "layouts"); err == nil && fi.IsDir() {
			collect(siteFS, "layouts", "layouts/", files, origin, &errs)
		}
	}
	s := &Set{pages: map[string]*template.Template{}, origin: origin}
	var shared BodyDeps // the base layout's and the partials'
	s.deps = map[string]BodyDeps{}
	for n, src := range files {
		if n == Base || strings.HasPrefix(n, "partials/") {
			shared.merge(bodyDeps(n, src))
		}
	}
	for n, src := range files {
		if n != Base && !strings.HasPrefix(n, "partials/") && strings.HasSuffix(n, ".html") {
			d := bodyDeps(n, src)
			d.merge(shared)
			for k := range d.Kinds {
				d.kindList = append(d.kindList, k)
			}
			slices.Sort(d.kindList)
			s.deps[n] = d
		}
	}
	s.cache.Store(new(sync.Map))
	s.native = newNative(s, funcs, origin)
	funcs = maps.Clone(funcs)
	funcs["partialCached"] = s.partialCached
	root := template.New(Base).Option("missingkey=error").Funcs(funcs)
	baseSrc, ok := files[Base]
	if !ok {
		errs.Add("layouts/"+Base, 1, 1, "missing base layout")
		return s, errs
	}
	if _, err := root.Parse(string(baseSrc)); err != nil {
		errs = append(errs, s.convert(err, Base))
		return s, errs
	}
	var partials []string
	for n := range files {
		if strings.HasPrefix(n, "partials/") {
			partials = append(partials, n)
		}
	}
	slices.Sort(partials)
	for _, n := range partials {
		if _, err := root.New(n).Parse(string(files[n])); err != nil {
			errs = append(errs, s.convert(err, n))
		}
	}
	if len(errs) > 0 {
		return s, errs
	}
	var err error
	if s.partials, err = root.Clone(); err != nil {
		errs.Add("layouts", 1, 1, err.Error())
		return s, errs
	}
	var names []string
	for n := range files {
		if n != Base && !strings.HasPrefix(n, "partials/") && strings.HasSuffix(n, ".html") {
			names = append(names, n)
		}
	}
	slices.Sort(names)
	for _, n := range names {
		t, err := root.Clone()
		if err == nil {
			_, err = t.New(n).Parse(string(files[n]))
		}
		if err != nil {
			errs = append(errs, s.convert(err, n))
			continue
		}
		// baseof.html's {{block "main"}} always defines a main, so look
		// at what the page layout itself defines.
		if !definesMain(n, files[n]) {
			errs.Add(origin[n], 1, 1, `page layouts must define {{define "main"}}...{{end}}`)
			continue
		}
		s.pages[n] = t
	}
	return s, errs
}

// definesMain reports whether a layout's source defines the "main" block.
func definesMain(name string, src []byte) bool {
	tr := parse.New(name)
	tr.Mode = parse.SkipFuncCheck
	trees := map[string]*parse.Tree{}
	if _, err := tr.Parse(string(src), "", "", trees); err != nil {
		return true // reported when the layout is parsed for real
	}
	_, ok := trees["main"]
	return ok
}

func collect(fsys fs.FS, root, shown string, files map[string][]byte, origin map[string]string, errs *diag.List) {
	fs.WalkDir(fsys, root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			errs.Add(p, 1, 1, fmt.Sprintf("cannot read: %v", err))
			return nil
		}
		if d.IsDir() || fsfilter.Ignored(d.Name()) {
			return nil
		}
		b, err := fs.ReadFile(fsys, p)
		if err != nil {
			errs.Add(p, 1, 1, fmt.Sprintf("cannot read: %v", err))
			return nil
		}
		rel := strings.TrimPrefix(p, root+"/")
		if root == "." {
			rel = p
		}
		files[rel] = b
		origin[rel] = path.Join(shown, rel)
		if !strings.HasPrefix(shown, "built-in") {
			origin[rel] = p
		}
		return nil
	})
}

// For returns the template name used for a page.
func (s *Set) For(p *site.Page) string {
	var want []string
	switch p.Kind {
	case site.Home:
		want = []string{"home.html", "page.html"}
	case site.Demand:
		want = []string{"demand.html", "page.html"}
	case site.Counterposition:
		want = []string{"counterposition.html", "page.html"}
	case site.Actor:
		want = []string{"actor.html", "page.html"}
	case site.List:
		switch p.ListKind {
		case site.Term:
			want = []string{"glossary.html", "list.html"}
		case site.Event:
			want = []string{"timeline.html", "list.html"}
		case "search":
			want = []string{"search.html", "list.html"}
		case "map":
			want = []string{"map.html", "list.html"}
		default:
			want = []string{"list.html"}
		}
	case "404":
		want = []string{"404.html", "page.html"}
	default:
		want = []string{"page.html"}
	}
	for _, w := range want {
		if _, ok := s.pages[w]; ok {
			return w
		}
	}
	return want[0]
}

// Execute renders page data with the named page template.
func (s *Set) Execute(w io.Writer, name string, data any) error {
	t, ok := s.pages[name]
	if !ok {
		return &diag.Error{Path: "layouts/" + name, Line: 1, Col: 1, Msg: "missing layout"}
	}
	if p, ok := data.(*site.Page); ok && s.native.covers(name) {
		if b, ok := w.(*bytes.Buffer); ok {
			mark := b.Len()
			if s.native.render(b, name, p) == nil {
				return nil
			}
			// Let the templates report the error with its position.
			b.Truncate(mark)
		} else {
			var b bytes.Buffer
			if s.native.render(&b, name, p) == nil {
				_, err := w.Write(b.Bytes())
				return err
			}
		}
	}
	if err := t.ExecuteTemplate(w, Base, data); err != nil {
		return s.convert(err, name)
	}
	return nil
}

// TemplatesOnly makes the set run the built-in layouts' templates rather
// than the Go generated from them, to compare the two.
func (s *Set) TemplatesOnly() { s.native = nil }

// tmplErr matches text/template errors ("template: page.html:3:5: ...")
// and html/template's ("html/template:page.html:3:5: ...").
var tmplErr = regexp.MustCompile(`^(?:template: |html/template:)([^:]+):(\d+):(?:(\d+):)? (.*)$`)

// convert turns an html/template error into a positioned error on the
// file the writer can open.
func (s *Set) convert(err error, name string) *diag.Error {
	msg := err.Error()
	file, line, col := name, 1, 1
	if m := tmplErr.FindStringSubmatch(msg); m != nil {
		file = m[1]
		line, _ = strconv.Atoi(m[2])
		if m[3] != "" {
			// text/template counts columns from 0; ours count from 1.
			col, _ = strconv.Atoi(m[3])
			col++
		}
		msg = m[4]
	}
	shown, ok := s.origin[file]
	if !ok {
		shown = "layouts/" + file
	}
	msg = strings.ReplaceAll(msg, "*site.Page", "page")
	return &diag.Error{Path: shown, Line: line, Col: col, Msg: msg}
}

// ResetCache forgets what partialCached remembered: call it before each
// build, since a cached partial is only valid while the site is unchanged.
func (s *Set) ResetCache() { s.cache.Store(new(sync.Map)) }

type cacheKey struct {
	name string
	data any
}

// partialCached renders a partial once per build for each data value, as
// Hugo's partialCached does: the rendering phase of a build only reads the
// site, so a partial given the same page gives the same HTML every time,
// and a card or link repeated on thousands of pages is rendered once. The
// partial is run in HTML text context, so call it there. Data that cannot
// be a map key is rendered every time.
func (s *Set) partialCached(name string, data any) (template.HTML, error) {
	key := cacheKey{name: name, data: data}
	if data != nil && !reflect.TypeOf(data).Comparable() {
		return s.runPartial(name, data)
	}
	cache := s.cache.Load()
	if v, ok := cache.Load(key); ok {
		return v.(template.HTML), nil
	}
	h, err := s.runPartial(name, data)
	if err == nil {
		cache.Store(key, h)
	}
	return h, err
}

func (s *Set) runPartial(name string, data any) (template.HTML, error) {
	if s.partials.Lookup(name) == nil {
		return "", fmt.Errorf("partialCached: no template %q", name)
	}
	var b strings.Builder
	if err := s.partials.ExecuteTemplate(&b, name, data); err != nil {
		return "", err
	}
	return template.HTML(b.String()), nil
}

// BodyDeps says whose bodies the named page layout may show.
func (s *Set) BodyDeps(name string) BodyDeps {
	if d, ok := s.deps[name]; ok {
		return d
	}
	return BodyDeps{All: true}
}

// ExecuteString is Execute into a new buffer.
func (s *Set) ExecuteString(name string, data any) ([]byte, error) {
	var b bytes.Buffer
	err := s.Execute(&b, name, data)
	return b.Bytes(), err
}
