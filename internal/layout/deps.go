package layout

import (
	"strings"
	"text/template/parse"
)

// BodyDeps says whose body text (.Content) a layout may show. Incremental
// rebuilds rely on it: a page is rendered again only when a body it may
// show has changed. The analysis that fills it is conservative: a read it
// cannot attribute sets All.
type BodyDeps struct {
	Own     bool            // the page being rendered
	Members bool            // the members of the list page being rendered
	Kinds   map[string]bool // every page of these kinds ("demand", "term", ...)
	All     bool            // any page

	kindList []string // Kinds, sorted; filled by Load
}

// KindList returns Kinds in sorted order, for hashing them the same way
// every time without sorting on each page.
func (d BodyDeps) KindList() []string { return d.kindList }

func (d *BodyDeps) merge(o BodyDeps) {
	d.Own = d.Own || o.Own
	d.Members = d.Members || o.Members
	d.All = d.All || o.All
	for k := range o.Kinds {
		if d.Kinds == nil {
			d.Kinds = map[string]bool{}
		}
		d.Kinds[k] = true
	}
}

// siteLists are the Site fields and methods that yield pages, with what
// ranging over them gives: pages of a kind, groups of them (whose .Pages
// are pages), or eras (whose .Years are groups).
var siteLists = map[string]val{
	"Site.Demands":          {what: pages, kind: "demand"},
	"Site.Counterpositions": {what: pages, kind: "counterposition"},
	"Site.Terms":            {what: pages, kind: "term"},
	"Site.Events":           {what: pages, kind: "event"},
	"Site.Actors":           {what: pages, kind: "actor"},
	"Site.Generic":          {what: pages, kind: "page"},
	"Site.TermsByLetter":    {what: groups, kind: "term"},
	"Site.EventsByYear":     {what: groups, kind: "event"},
	"Site.TimelineEras":     {what: eras, kind: "event"},
}

// what kinds of value the analysis follows.
const (
	unknown = iota
	page    // one page: kind "" is the page being rendered, "members" a member
	pages   // a list of pages
	groups  // a list of groups of pages
	eras    // a list of eras holding groups
	group   // one group
	era     // one era
)

type val struct {
	what int
	kind string
}

var ownPage = val{what: page}

// bodyDeps analyses one layout file.
func bodyDeps(name string, src []byte) BodyDeps {
	trees := map[string]*parse.Tree{}
	t := parse.New(name)
	t.Mode = parse.SkipFuncCheck
	if _, err := t.Parse(string(src), "", "", trees); err != nil {
		return BodyDeps{All: true}
	}
	w := &depWalker{vars: map[string]val{"$": ownPage}}
	start := ownPage
	if strings.HasPrefix(name, "partials/") {
		start = val{} // a partial may be given any page
		w.vars["$"] = val{}
	}
	for _, tr := range trees {
		if tr.Root != nil {
			w.walk(tr.Root, start)
		}
	}
	return w.deps
}

type depWalker struct {
	vars map[string]val
	deps BodyDeps
}

// read records a body read of the page v.
func (w *depWalker) read(v val) {
	switch {
	case v.what != page:
		w.deps.All = true
	case v.kind == "":
		w.deps.Own = true
	case v.kind == "members":
		w.deps.Members = true
	default:
		if w.deps.Kinds == nil {
			w.deps.Kinds = map[string]bool{}
		}
		w.deps.Kinds[v.kind] = true
	}
}

// eval is what a one-argument pipeline yields with dot d.
func (w *depWalker) eval(p *parse.PipeNode, d val) val {
	if p == nil || len(p.Cmds) != 1 || len(p.Cmds[0].Args) != 1 {
		return val{}
	}
	var base val
	var ident []string
	switch a := p.Cmds[0].Args[0].(type) {
	case *parse.FieldNode:
		base, ident = d, a.Ident
	case *parse.VariableNode:
		base, ident = w.vars[a.Ident[0]], a.Ident[1:]
	case *parse.DotNode:
		return d
	default:
		return val{}
	}
	if len(ident) == 0 {
		return base
	}
	path := strings.Join(ident, ".")
	switch {
	case base == ownPage && path == "Pages":
		return val{what: pages, kind: "members"}
	case base == ownPage:
		if v, ok := siteLists[path]; ok {
			return v
		}
	case base.what == group && path == "Pages":
		return val{what: pages, kind: base.kind}
	case base.what == era && path == "Years":
		return val{what: groups, kind: base.kind}
	}
	return val{}
}

// elem is what ranging over v gives.
func elem(v val) val {
	switch v.what {
	case pages:
		return val{what: page, kind: v.kind}
	case groups:
		return val{what: group, kind: v.kind}
	case eras:
		return val{what: era, kind: v.kind}
	}
	return val{}
}

func (w *depWalker) walk(n parse.Node, d val) {
	switch n := n.(type) {
	case *parse.ListNode:
		if n == nil {
			return
		}
		for _, c := range n.Nodes {
			w.walk(c, d)
		}
	case *parse.ActionNode:
		w.pipe(n.Pipe, d, w.eval(n.Pipe, d))
	case *parse.IfNode:
		w.pipe(n.Pipe, d, val{})
		w.walk(n.List, d)
		w.walk(n.ElseList, d)
	case *parse.RangeNode:
		e := elem(w.eval(n.Pipe, d))
		w.pipe(n.Pipe, d, e)
		w.walk(n.List, e)
		w.walk(n.ElseList, d)
	case *parse.WithNode:
		in := w.eval(n.Pipe, d)
		w.pipe(n.Pipe, d, in)
		w.walk(n.List, in)
		w.walk(n.ElseList, d)
	case *parse.TemplateNode:
		w.pipe(n.Pipe, d, val{})
	}
}

// pipe records body reads in a pipeline run with dot d; a declared
// variable gets v (for a range: the element; an index gets nothing).
func (w *depWalker) pipe(p *parse.PipeNode, d, v val) {
	if p == nil {
		return
	}
	for i, decl := range p.Decl {
		if len(decl.Ident) == 1 {
			if i == len(p.Decl)-1 {
				w.vars[decl.Ident[0]] = v
			} else {
				w.vars[decl.Ident[0]] = val{}
			}
		}
	}
	for _, c := range p.Cmds {
		for _, a := range c.Args {
			w.arg(a, d)
		}
	}
}

// arg records body reads in one argument.
func (w *depWalker) arg(a parse.Node, d val) {
	switch a := a.(type) {
	case *parse.FieldNode:
		if i := contentAt(a.Ident); i == 0 && len(a.Ident) == 1 {
			w.read(d)
		} else if i >= 0 {
			w.deps.All = true
		}
	case *parse.ChainNode:
		if contentAt(a.Field) >= 0 {
			w.deps.All = true
		}
		w.arg(a.Node, d)
	case *parse.VariableNode:
		if i := contentAt(a.Ident[1:]); i == 0 && len(a.Ident) == 2 {
			w.read(w.vars[a.Ident[0]])
		} else if i >= 0 {
			w.deps.All = true
		}
	case *parse.PipeNode:
		w.pipe(a, d, val{})
	}
}

// contentAt finds a field derived from a body (.Content, .HasCode).
func contentAt(idents []string) int {
	for i, id := range idents {
		if id == "Content" || id == "HasCode" {
			return i
		}
	}
	return -1
}
