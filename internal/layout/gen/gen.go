// Package gen compiles html/template layouts into Go code that writes the
// same bytes without reflection.
//
// html/template escapes a template on its first execution: it works out
// the HTML, attribute or URL context of every action and appends escaper
// calls (_html_template_htmlescaper, ...) to the action's pipeline, in
// the parse tree itself. Generate parses the layouts as a site's layout
// set is parsed (the base layout, then the partials, then each page
// layout in a clone of them), has html/template escape them, and walks
// the escaped trees, so the contexts are html/template's own and not a
// second guess. It writes Go for the subset of the template language the
// built-in layouts use, with every type known statically: field and
// method chains, if/with/range/else, break and continue, variables,
// and/or/not/len/eq/ne/lt/le/gt/ge, the functions of Config.Funcs, and
// {{template}} calls. Anything else fails with its file:line:col.
//
// A template is compiled once per type of dot it is called with. The
// generated code calls a small hand-written runtime in its package:
//
//	type writer struct{ b *bytes.Buffer; f *genFuncs; layout string; ... }
//	func (w *writer) builtin(file string) bool          // the file is the built-in one
//	func (w *writer) template(name string, data any)    // runs a template the site overrides
//	func (w *writer) cached(name string, data any) template.HTML // Config.Cached through templates
//	func must[T any](v T, err error) T                  // panics with err
//	func fail(msg string)                               // panics with an error
//	func truthy[T any](T) bool                          // true, for structs
//	func escapeHTML(b *bytes.Buffer, s string)          // html/template's escapers
//	func escapeURL(b *bytes.Buffer, s string)
//	func escapeURLPart(b *bytes.Buffer, s string)
//
// and defines genFuncs, loadFuncs (which takes the functions from a
// template.FuncMap by name and type) and genLayouts (an entry point per
// page layout, rendering Base with the page as dot).
package gen

import (
	"bytes"
	"errors"
	"fmt"
	"go/format"
	"html/template"
	"io"
	"io/fs"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"text/template/parse"

	"github.com/counterpoint-ssg/counterpoint/internal/diag"
	"github.com/counterpoint-ssg/counterpoint/internal/fsfilter"
)

// Config says what to compile and for what.
type Config struct {
	// FS holds the layouts: Base, partials under Partials, and one page
	// layout per other .html file.
	FS fs.FS
	// Path is how errors name FS's root ("defaults").
	Path     string
	Base     string // "baseof.html"
	Partials string // "partials/"
	// Funcs are the functions templates call, with the signatures they
	// have at run time (the values are not called).
	Funcs template.FuncMap
	// Cached names the function of Funcs that runs a partial once per
	// build (partialCached): with a constant name and the built-in
	// partial, the generated code runs the partial's Go instead.
	Cached string
	// Dot is what a page is rendered with (*site.Page).
	Dot reflect.Type
	// Package is the generated file's package; Command goes in its header.
	Package, Command string
}

// tset is one template set: a page layout's (page != "") or the partials'
// alone, which Cached runs.
type tset struct {
	page    string
	t       *template.Template
	done    map[key]bool
	escaped map[string]bool
}

// key is one generated function: a template for one type of dot, in a
// page layout's scope or shared.
type key struct {
	scope, name string
	typ         reflect.Type
}

type job struct {
	set  *tset
	name string
	typ  reflect.Type
}

type compiler struct {
	cfg     Config
	errs    diag.List
	pageDef map[string]bool // names a page layout file defines
	imports map[string]string
	funcs   map[string]bool // Funcs the code calls
	names   map[key]string
	taken   map[string]key
	bodies  map[string]string
	// dispatch maps a shared template's call of a page-defined name, by
	// name and dot type, to the code each page layout runs.
	dispatch map[dispKey]map[string]string
	queue    []job
	partials *tset // the set Cached runs partials in
}

type dispKey struct {
	name string
	typ  reflect.Type
}

// Generate compiles the layouts and returns the gofmt'ed Go file, or the
// positioned errors of what it cannot compile.
func Generate(cfg Config) ([]byte, error) {
	c := &compiler{cfg: cfg, pageDef: map[string]bool{}, imports: map[string]string{}, funcs: map[string]bool{},
		names: map[key]string{}, taken: map[string]key{}, bodies: map[string]string{}, dispatch: map[dispKey]map[string]string{}}
	files, pages, err := c.read()
	if err != nil {
		return nil, err
	}
	sets, err := c.parse(files, pages)
	if err != nil {
		return nil, err
	}
	entries := map[string]string{}
	for _, s := range sets {
		if s.page == "" {
			c.partials = s
			continue
		}
		if c.escape(s, cfg.Base) {
			entries[s.page] = c.enqueue(s, cfg.Base, cfg.Dot)
		}
		c.drain()
	}
	if len(c.errs) > 0 {
		return nil, c.errs.Sort()
	}
	return c.file(pages, entries)
}

// read loads the layout files; pages lists the page layouts.
func (c *compiler) read() (files map[string]string, pages []string, err error) {
	files = map[string]string{}
	err = fs.WalkDir(c.cfg.FS, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".html") || fsfilter.Ignored(d.Name()) {
			return err
		}
		b, err := fs.ReadFile(c.cfg.FS, p)
		files[p] = string(b)
		if p != c.cfg.Base && !strings.HasPrefix(p, c.cfg.Partials) {
			pages = append(pages, p)
		}
		return err
	})
	slices.Sort(pages)
	if _, ok := files[c.cfg.Base]; !ok && err == nil {
		err = fmt.Errorf("%s: no %s", c.cfg.Path, c.cfg.Base)
	}
	return files, pages, err
}

// parse builds the sets as layout.Load does: the base layout, the
// partials in name order, and each page layout in a clone of those.
func (c *compiler) parse(files map[string]string, pages []string) ([]*tset, error) {
	root := template.New(c.cfg.Base).Option("missingkey=error").Funcs(c.cfg.Funcs)
	var names []string
	for n := range files {
		if strings.HasPrefix(n, c.cfg.Partials) {
			names = append(names, n)
		}
	}
	slices.Sort(names)
	if _, err := root.Parse(files[c.cfg.Base]); err != nil {
		return nil, c.tmplErr(err)
	}
	for _, n := range names {
		if _, err := root.New(n).Parse(files[n]); err != nil {
			return nil, c.tmplErr(err)
		}
	}
	partials, err := root.Clone()
	if err != nil {
		return nil, err
	}
	sets := []*tset{{t: partials, done: map[key]bool{}, escaped: map[string]bool{}}}
	for _, p := range pages {
		trees, err := parse.Parse(p, files[p], "", "", c.cfg.Funcs, builtins)
		if err != nil {
			return nil, c.tmplErr(err)
		}
		for n := range trees {
			c.pageDef[n] = true
		}
		t, err := root.Clone()
		if err == nil {
			_, err = t.New(p).Parse(files[p])
		}
		if err != nil {
			return nil, c.tmplErr(err)
		}
		sets = append(sets, &tset{page: p, t: t, done: map[key]bool{}, escaped: map[string]bool{}})
	}
	return sets, nil
}

// builtins are text/template's own functions, for parsing a file alone.
var builtins = template.FuncMap{"and": 0, "or": 0, "not": 0, "len": 0, "index": 0, "slice": 0, "eq": 0, "ne": 0,
	"lt": 0, "le": 0, "gt": 0, "ge": 0, "print": 0, "printf": 0, "println": 0, "html": 0, "js": 0, "urlquery": 0, "call": 0}

// escape has html/template escape the named template of a set, as its
// execution would (the execution itself fails at once on nil data).
func (c *compiler) escape(s *tset, name string) bool {
	if ok, done := s.escaped[name]; done {
		return ok
	}
	err := s.t.ExecuteTemplate(io.Discard, name, nil)
	var e *template.Error
	ok := !errors.As(err, &e)
	if !ok {
		c.errs = append(c.errs, c.tmplErr(err))
	}
	s.escaped[name] = ok
	return ok
}

var tmplErrRE = regexp.MustCompile(`^(?:template: |html/template:)([^:]+):(\d+):(?:(\d+):)? (.*)$`)

// tmplErr positions a template package error on its file.
func (c *compiler) tmplErr(err error) *diag.Error {
	m := tmplErrRE.FindStringSubmatch(err.Error())
	if m == nil {
		return &diag.Error{Path: c.cfg.Path, Msg: err.Error()}
	}
	line, _ := strconv.Atoi(m[2])
	col, _ := strconv.Atoi(m[3])
	return &diag.Error{Path: c.cfg.Path + "/" + m[1], Line: line, Col: col + 1, Msg: m[4]}
}

// scopeOf is the page layout a template of a set belongs to, "" when it
// comes from the base layout or a partial.
func (c *compiler) scopeOf(s *tset, name string) string {
	if t := s.t.Lookup(name); t != nil && t.Tree != nil && t.Tree.ParseName == s.page {
		return s.page
	}
	return ""
}

// enqueue names the function for a template and dot type in a set, and
// queues it for compiling.
func (c *compiler) enqueue(s *tset, name string, typ reflect.Type) string {
	k := key{c.scopeOf(s, name), name, typ}
	g, ok := c.names[k]
	if !ok {
		base := "t_" + ident(name)
		if k.scope != "" {
			base = "p_" + ident(k.scope) + "_" + ident(name)
		}
		if typ != c.cfg.Dot {
			base += "_" + ident(typeTag(typ))
		}
		g = base
		for i := 2; ; i++ {
			if _, clash := c.taken[g]; !clash {
				break
			}
			g = base + strconv.Itoa(i)
		}
		c.names[k], c.taken[g] = g, k
	}
	if !s.done[k] {
		s.done[k] = true
		c.queue = append(c.queue, job{s, name, typ})
	}
	return g
}

func (c *compiler) drain() {
	for len(c.queue) > 0 {
		j := c.queue[0]
		c.queue = c.queue[1:]
		c.compile(j)
	}
}

// compile writes one function; a body compiled in several sets must come
// out the same in each.
func (c *compiler) compile(j job) {
	g := c.names[key{c.scopeOf(j.set, j.name), j.name, j.typ}]
	t := j.set.t.Lookup(j.name)
	if t == nil || t.Tree == nil {
		c.errs.Add(c.cfg.Path, 1, 1, fmt.Sprintf("template %q is not escaped", j.name))
		return
	}
	body, err := compileFunc(c, j.set, t.Tree, j.typ)
	if err != nil {
		c.errs = append(c.errs, err)
		return
	}
	typ, _ := c.typeExpr(j.typ)
	src := fmt.Sprintf("// %s is %s with dot of type %s.\nfunc (w *writer) %s(d0 %s) {\n%s}\n", g, t.Tree.ParseName+describe(j.name, t.Tree.ParseName), j.typ, g, typ, body)
	if old, ok := c.bodies[g]; ok && old != src {
		c.errs.Add(c.cfg.Path+"/"+t.Tree.ParseName, 1, 1, fmt.Sprintf("template %q compiles differently for %s", j.name, j.set.page))
		return
	}
	c.bodies[g] = src
}

func describe(name, file string) string {
	if name == file {
		return ""
	}
	return fmt.Sprintf("'s %q", name)
}

// file assembles the output.
func (c *compiler) file(pages []string, entries map[string]string) ([]byte, error) {
	var b bytes.Buffer
	dot, err := c.typeExpr(c.cfg.Dot)
	if err != nil {
		return nil, err
	}
	c.imports["html/template"] = "template"
	var funcs []string
	for n := range c.funcs {
		funcs = append(funcs, n)
	}
	slices.Sort(funcs)
	types := map[string]string{}
	for _, n := range funcs {
		if types[n], err = c.typeExpr(reflect.TypeOf(c.cfg.Funcs[n])); err != nil {
			return nil, err
		}
	}
	disp := c.dispatchers(dot)
	fmt.Fprintf(&b, "// Code generated by %s; DO NOT EDIT.\n\npackage %s\n\nimport (\n", c.cfg.Command, c.cfg.Package)
	var std, other []string
	for p := range c.imports {
		if strings.Contains(strings.Split(p, "/")[0], ".") {
			other = append(other, p)
		} else {
			std = append(std, p)
		}
	}
	slices.Sort(std)
	slices.Sort(other)
	for i, group := range [][]string{std, other} {
		if i > 0 && len(other) > 0 && len(std) > 0 {
			b.WriteString("\n")
		}
		for _, p := range group {
			fmt.Fprintf(&b, "%q\n", p)
		}
	}
	b.WriteString(")\n\n// genFuncs are the template functions the generated code calls.\ntype genFuncs struct {\n")
	for _, n := range funcs {
		fmt.Fprintf(&b, "%s %s\n", fieldName(n), types[n])
	}
	b.WriteString("}\n\n// loadFuncs takes them from a FuncMap; false if one is missing or of\n// another type than the code was generated for.\nfunc loadFuncs(m template.FuncMap) (*genFuncs, bool) {\nf := new(genFuncs)\nvar ok bool\n")
	for _, n := range funcs {
		fmt.Fprintf(&b, "if f.%s, ok = m[%q].(%s); !ok {\nreturn nil, false\n}\n", fieldName(n), n, types[n])
	}
	fmt.Fprintf(&b, "return f, true\n}\n\n// genLayouts renders a page with each page layout, through %s.\nvar genLayouts = map[string]func(*writer, %s){\n", c.cfg.Base, dot)
	for _, p := range pages {
		fmt.Fprintf(&b, "%q: (*writer).%s,\n", p, entries[p])
	}
	b.WriteString("}\n")
	var fns []string
	for g := range c.bodies {
		fns = append(fns, g)
	}
	slices.Sort(fns)
	for _, g := range fns {
		b.WriteString("\n" + c.bodies[g])
	}
	b.WriteString(disp)
	out, err := format.Source(b.Bytes())
	if err != nil {
		return nil, fmt.Errorf("generated code does not parse: %v", err)
	}
	return out, nil
}

// dispatchers writes, for each page-defined template a shared one calls
// ({{block "main"}} in the base layout), a function that runs the
// definition of the page layout being rendered.
func (c *compiler) dispatchers(dot string) string {
	var keys []dispKey
	for k := range c.dispatch {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(a, b dispKey) int {
		return strings.Compare(a.name+"\x00"+a.typ.String(), b.name+"\x00"+b.typ.String())
	})
	var b strings.Builder
	for _, k := range keys {
		typ, _ := c.typeExpr(k.typ)
		g := dispName(k.name, k.typ, c.cfg.Dot)
		fmt.Fprintf(&b, "\n// %s runs the page layout's %q.\nfunc (w *writer) %s(d0 %s) {\nswitch w.layout {\n", g, k.name, g, typ)
		var pages []string
		for p := range c.dispatch[k] {
			pages = append(pages, p)
		}
		slices.Sort(pages)
		for _, p := range pages {
			fmt.Fprintf(&b, "case %q:\n%s\n", p, c.dispatch[k][p])
		}
		fmt.Fprintf(&b, "default:\nfail(%q)\n}\n}\n", "no template "+strconv.Quote(k.name)+" for this layout")
	}
	return b.String()
}

func dispName(name string, typ, dot reflect.Type) string {
	g := "d_" + ident(name)
	if typ != dot {
		g += "_" + ident(typeTag(typ))
	}
	return g
}
