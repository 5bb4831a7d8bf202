package gen

import (
	"fmt"
	"reflect"
	"strconv"
	"strings"
	"text/template/parse"

	"github.com/counterpoint-ssg/counterpoint/internal/diag"
)

// fn compiles one template body for one type of dot.
type fn struct {
	c    *compiler
	set  *tset
	tree *parse.Tree
	// shared is true for a template of the base layout or a partial,
	// whose code must not depend on the page layout.
	shared bool
	b      *strings.Builder
	scopes [][]*variable
	dot    *variable
	n      int
}

// variable is a Go variable standing for the dot or template variables.
type variable struct {
	names  []string // template variables bound to it ("$x")
	goName string
	typ    reflect.Type
	used   bool
	// loop is set for a variable that needs no "_ = x" when unused (a
	// parameter, or one declared in an if or for header).
	loop bool
}

// failure carries a compile error out of the walk.
type failure struct{ err *diag.Error }

func compileFunc(c *compiler, s *tset, tree *parse.Tree, typ reflect.Type) (body string, err *diag.Error) {
	f := &fn{c: c, set: s, tree: tree, shared: s.page == "" || tree.ParseName != s.page, n: 1}
	defer func() {
		if r := recover(); r != nil {
			fl, ok := r.(failure)
			if !ok {
				panic(r)
			}
			err = fl.err
		}
	}()
	f.typeExpr(typ, tree.Root)
	d0 := &variable{names: []string{"$"}, goName: "d0", typ: typ, loop: true}
	body = f.block(func() {
		f.declare(d0)
		f.dot = d0
		f.list(tree.Root)
	})
	return body, nil
}

// failf stops the compile with an error at a node.
func (f *fn) failf(n parse.Node, format string, args ...any) {
	loc, _ := f.tree.ErrorContext(n)
	e := &diag.Error{Path: f.c.cfg.Path + "/" + f.tree.ParseName, Msg: fmt.Sprintf(format, args...)}
	if i := strings.LastIndexByte(loc, ':'); i > 0 {
		if j := strings.LastIndexByte(loc[:i], ':'); j > 0 {
			e.Path = f.c.cfg.Path + "/" + loc[:j]
			e.Line, _ = strconv.Atoi(loc[j+1 : i])
			e.Col, _ = strconv.Atoi(loc[i+1:])
			e.Col++ // text/template counts columns from 0
		}
	}
	panic(failure{e})
}

func (f *fn) printf(format string, args ...any) { fmt.Fprintf(f.b, format, args...) }

func (f *fn) fresh(prefix string) string {
	f.n++
	return prefix + strconv.Itoa(f.n)
}

// block compiles into a Go block of its own: its variables go out of
// scope at its end, where the unused ones are marked used for Go.
func (f *fn) block(body func()) string {
	outer, dot := f.b, f.dot
	f.b = new(strings.Builder)
	f.scopes = append(f.scopes, nil)
	body()
	for _, v := range f.scopes[len(f.scopes)-1] {
		if !v.used && !v.loop {
			f.printf("_ = %s\n", v.goName)
		}
	}
	f.scopes = f.scopes[:len(f.scopes)-1]
	s := f.b.String()
	f.b, f.dot = outer, dot
	return s
}

func (f *fn) declare(v *variable) {
	f.scopes[len(f.scopes)-1] = append(f.scopes[len(f.scopes)-1], v)
}

func (f *fn) lookup(name string) *variable {
	for i := len(f.scopes) - 1; i >= 0; i-- {
		s := f.scopes[i]
		for j := len(s) - 1; j >= 0; j-- {
			for _, n := range s[j].names {
				if n == name {
					return s[j]
				}
			}
		}
	}
	return nil
}

func (f *fn) list(l *parse.ListNode) {
	if l == nil {
		return
	}
	for _, n := range l.Nodes {
		f.node(n)
	}
}

func (f *fn) node(n parse.Node) {
	switch n := n.(type) {
	case *parse.TextNode:
		if len(n.Text) > 0 {
			f.printf("w.b.WriteString(%s)\n", strconv.Quote(string(n.Text)))
		}
	case *parse.ActionNode:
		f.action(n)
	case *parse.IfNode:
		f.ifNode(n)
	case *parse.WithNode:
		f.withNode(n)
	case *parse.RangeNode:
		f.rangeNode(n)
	case *parse.TemplateNode:
		f.templateNode(n)
	case *parse.BreakNode:
		f.printf("break\n")
	case *parse.ContinueNode:
		f.printf("continue\n")
	case *parse.CommentNode:
	default:
		f.failf(n, "%s is not supported by the layout generator", n)
	}
}

const escPrefix = "_html_template_"

// action compiles {{pipeline}}: a variable declaration or assignment, or
// output through the escapers html/template appended.
func (f *fn) action(n *parse.ActionNode) {
	p := n.Pipe
	if len(p.Decl) > 0 {
		f.assign(p)
		return
	}
	cmds := p.Cmds
	var esc []string
	for len(cmds) > 0 {
		id, ok := cmds[len(cmds)-1].Args[0].(*parse.IdentifierNode)
		if !ok || !strings.HasPrefix(id.Ident, escPrefix) {
			break
		}
		esc = append([]string{strings.TrimPrefix(id.Ident, escPrefix)}, esc...)
		cmds = cmds[:len(cmds)-1]
	}
	if len(esc) == 0 || len(cmds) == 0 {
		f.failf(n, "%s is not escaped by html/template as the generator expects", n)
	}
	chain := strings.Join(esc, " ")
	if chain == "htmlescaper" && f.cachedPartial(cmds) {
		return
	}
	f.output(f.pipeCmds(cmds), chain, n)
}

// assign compiles {{$x := pipeline}} and {{$x = pipeline}}.
func (f *fn) assign(p *parse.PipeNode) {
	if len(p.Decl) != 1 {
		f.failf(p, "more than one variable declared")
	}
	v := f.pipeCmds(p.Cmds)
	name := p.Decl[0].Ident[0]
	if p.IsAssign {
		x := f.lookup(name)
		if x == nil {
			f.failf(p, "undefined variable: %s", name)
		}
		f.printf("%s = %s\n", x.goName, f.convert(v, x.typ, p))
		return
	}
	x := &variable{names: []string{name}, goName: f.fresh("v"), typ: f.typeOf(v)}
	f.printf("%s := %s\n", x.goName, v.expr)
	f.declare(x)
}

// output writes a value as html/template's escapers would, for the
// escaper chains and types the generator knows.
func (f *fn) output(v value, chain string, n parse.Node) {
	switch {
	case v.typ == htmlType && chain == "htmlescaper", v.typ == jsType && chain == "jsvalescaper":
		f.printf("w.b.WriteString(string(%s))\n", v.expr)
		return
	case v.typ != nil && v.typ.PkgPath() == "html/template":
		f.failf(n, "a %s escaped with %s is not supported by the layout generator", v.typ, chain)
	}
	s := f.str(v, n)
	switch chain {
	case "htmlescaper", "rcdataescaper", "attrescaper":
		f.printf("escapeHTML(w.b, %s)\n", s)
	case "urlfilter urlnormalizer attrescaper":
		f.printf("escapeURL(w.b, %s)\n", s)
	case "urlescaper attrescaper":
		f.printf("escapeURLPart(w.b, %s)\n", s)
	default:
		f.failf(n, "output escaped with %s is not supported by the layout generator", chain)
	}
}

// cachedPartial compiles {{Cached "name" data}} in HTML text: the
// partial's Go when the site has not overridden it.
func (f *fn) cachedPartial(cmds []*parse.CommandNode) bool {
	if f.c.cfg.Cached == "" || len(cmds) != 1 || len(cmds[0].Args) != 3 {
		return false
	}
	id, ok := cmds[0].Args[0].(*parse.IdentifierNode)
	name, ok2 := cmds[0].Args[1].(*parse.StringNode)
	if !ok || !ok2 || id.Ident != f.c.cfg.Cached {
		return false
	}
	ps := f.c.partials
	t := ps.t.Lookup(name.Text)
	if t == nil || t.Tree == nil {
		return false // the templates report it
	}
	if !f.c.escape(ps, name.Text) {
		return true // escape recorded the error, which ends the generation
	}
	data := f.arg(cmds[0].Args[2])
	g := f.c.enqueue(ps, name.Text, f.typeOf(data))
	arg := f.temp(data)
	f.printf("if w.builtin(%q) {\nw.%s(%s)\n} else {\nw.b.WriteString(string(w.cached(%q, %s)))\n}\n", t.Tree.ParseName, g, arg, name.Text, arg)
	return true
}

// temp is an identifier holding v, declaring one when v is not.
func (f *fn) temp(v value) string {
	if isIdent(v.expr) && v.typ != nil {
		return v.expr
	}
	t := f.fresh("t")
	f.printf("%s := %s\n", t, v.expr)
	return t
}

func isIdent(s string) bool {
	for i, r := range s {
		if !(r == '_' || 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || i > 0 && '0' <= r && r <= '9') {
			return false
		}
	}
	return s != "" && s != "true" && s != "false"
}

func (f *fn) ifNode(n *parse.IfNode) {
	var head, body, els string
	f.scopes = append(f.scopes, nil)
	if len(n.Pipe.Decl) > 0 {
		x, v := f.declVar(n.Pipe)
		head = fmt.Sprintf("if %s := %s; %s {\n", x.goName, v.expr, f.truth(value{expr: x.goName, typ: x.typ}, n))
		f.declare(x)
	} else {
		head = "if " + f.cond(n.Pipe) + " {\n"
	}
	body = f.block(func() { f.list(n.List) })
	if n.ElseList != nil {
		els = f.block(func() { f.list(n.ElseList) })
	}
	f.scopes = f.scopes[:len(f.scopes)-1]
	f.branch(head, body, els, n.ElseList != nil)
}

func (f *fn) branch(head, body, els string, hasElse bool) {
	f.printf("%s%s}", head, body)
	if hasElse {
		f.printf(" else {\n%s}", els)
	}
	f.printf("\n")
}

// declVar is the variable an if, with or range pipeline declares.
func (f *fn) declVar(p *parse.PipeNode) (*variable, value) {
	if len(p.Decl) != 1 || p.IsAssign {
		f.failf(p, "only one variable can be declared here")
	}
	v := f.pipeCmds(p.Cmds)
	return &variable{names: []string{p.Decl[0].Ident[0]}, goName: f.fresh("v"), typ: f.typeOf(v), loop: true}, v
}

func (f *fn) withNode(n *parse.WithNode) {
	v := f.pipeCmds(n.Pipe.Cmds)
	d := &variable{goName: f.fresh("d"), typ: f.typeOf(v), loop: true}
	switch len(n.Pipe.Decl) {
	case 0:
	case 1:
		d.names = []string{n.Pipe.Decl[0].Ident[0]}
	default:
		f.failf(n, "only one variable can be declared here")
	}
	head := fmt.Sprintf("if %s := %s; %s {\n", d.goName, v.expr, f.truth(value{expr: d.goName, typ: d.typ}, n))
	f.scopes = append(f.scopes, []*variable{d})
	body := f.block(func() {
		f.dot = d
		f.list(n.List)
	})
	els := ""
	if n.ElseList != nil {
		els = f.block(func() { f.list(n.ElseList) })
	}
	f.scopes = f.scopes[:len(f.scopes)-1]
	f.branch(head, body, els, n.ElseList != nil)
}

func (f *fn) rangeNode(n *parse.RangeNode) {
	v := f.pipeCmds(n.Pipe.Cmds)
	t := f.typeOf(v)
	if k := t.Kind(); k != reflect.Slice && k != reflect.Array {
		f.failf(n, "range over %s is not supported by the layout generator", t)
	}
	idx := &variable{goName: f.fresh("i"), typ: intType, loop: true}
	el := &variable{goName: f.fresh("d"), typ: t.Elem(), loop: true}
	switch len(n.Pipe.Decl) {
	case 0:
	case 1:
		el.names = []string{n.Pipe.Decl[0].Ident[0]}
	case 2:
		idx.names = []string{n.Pipe.Decl[0].Ident[0]}
		el.names = []string{n.Pipe.Decl[1].Ident[0]}
	default:
		f.failf(n, "too many variables in range")
	}
	src, pre := v.expr, ""
	if n.ElseList != nil {
		src = f.fresh("s")
		pre = fmt.Sprintf("if %s := %s; len(%s) > 0 {\n", src, v.expr, src)
	}
	body := f.block(func() {
		f.declare(idx)
		f.declare(el)
		f.dot = el
		f.list(n.List)
	})
	var head string
	switch {
	case el.used:
		i := "_"
		if idx.used {
			i = idx.goName
		}
		head = fmt.Sprintf("for %s, %s := range %s {\n", i, el.goName, src)
	case idx.used:
		head = fmt.Sprintf("for %s := range %s {\n", idx.goName, src)
	default:
		head = fmt.Sprintf("for range %s {\n", src)
	}
	if n.ElseList == nil {
		f.printf("%s%s}\n", head, body)
		return
	}
	els := f.block(func() { f.list(n.ElseList) })
	f.branch(pre, head+body+"}\n", els, true)
}

// templateNode compiles {{template "name" pipeline}}.
func (f *fn) templateNode(n *parse.TemplateNode) {
	if strings.Contains(n.Name, "$htmltemplate_") {
		f.failf(n, "{{template}} outside HTML text is not supported by the layout generator")
	}
	if n.Pipe == nil {
		f.failf(n, "{{template %q}} without data is not supported by the layout generator", n.Name)
	}
	v := f.pipeCmds(n.Pipe.Cmds)
	typ := f.typeOf(v)
	f.typeExpr(typ, n)
	arg := f.temp(v)
	if f.shared && f.c.pageDef[n.Name] {
		if f.set.page == "" {
			f.failf(n, "a partial run by %s calls %q, which page layouts define", f.c.cfg.Cached, n.Name)
		}
		k := dispKey{n.Name, typ}
		if f.c.dispatch[k] == nil {
			f.c.dispatch[k] = map[string]string{}
		}
		f.c.dispatch[k][f.set.page] = f.c.callCode(f.set, n.Name, typ, "d0")
		f.printf("w.%s(%s)\n", dispName(n.Name, typ, f.c.cfg.Dot), arg)
		return
	}
	f.printf("%s\n", f.c.callCode(f.set, n.Name, typ, arg))
}

// callCode runs a template of a set: its Go, or, when it comes from a
// partial the site overrides, the site's template.
func (c *compiler) callCode(s *tset, name string, typ reflect.Type, arg string) string {
	g := c.enqueue(s, name, typ)
	file := s.t.Lookup(name).Tree.ParseName
	if file == s.page || file == c.cfg.Base {
		return fmt.Sprintf("w.%s(%s)", g, arg)
	}
	return fmt.Sprintf("if w.builtin(%q) {\nw.%s(%s)\n} else {\nw.template(%q, %s)\n}", file, g, arg, name, arg)
}
