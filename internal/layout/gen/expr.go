package gen

import (
	"fmt"
	"html/template"
	"reflect"
	"strconv"
	"strings"
	"text/template/parse"
)

// value is a compiled expression and its static type; typ is nil for an
// untyped constant, whose kind is then 's', 'i' or 'b'.
type value struct {
	expr string
	typ  reflect.Type
	kind byte
}

var (
	stringType    = reflect.TypeFor[string]()
	intType       = reflect.TypeFor[int]()
	boolType      = reflect.TypeFor[bool]()
	errorType     = reflect.TypeFor[error]()
	stringerType  = reflect.TypeFor[fmt.Stringer]()
	formatterType = reflect.TypeFor[fmt.Formatter]()
	htmlType      = reflect.TypeFor[template.HTML]()
	jsType        = reflect.TypeFor[template.JS]()
	// cachedType is the runtime's writer.cached.
	cachedType = reflect.TypeFor[func(string, any) template.HTML]()
)

// typeOf is v's type, an untyped constant's default one.
func (f *fn) typeOf(v value) reflect.Type {
	if v.typ != nil {
		return v.typ
	}
	switch v.kind {
	case 's':
		return stringType
	case 'b':
		return boolType
	}
	return intType
}

func (f *fn) typeExpr(t reflect.Type, n parse.Node) string {
	s, err := f.c.typeExpr(t)
	if err != nil {
		f.failf(n, "%v", err)
	}
	return s
}

func (f *fn) pipeCmds(cmds []*parse.CommandNode) value {
	var final *value
	for _, c := range cmds {
		v := f.command(c, final)
		final = &v
	}
	return *final
}

// command compiles one command of a pipeline; final is the value of the
// command before it, passed as the last argument.
func (f *fn) command(c *parse.CommandNode, final *value) value {
	args := c.Args[1:]
	switch a := c.Args[0].(type) {
	case *parse.FieldNode:
		return f.chain(f.dotValue(), a.Ident, args, final, a)
	case *parse.ChainNode:
		return f.chain(f.arg(a.Node), a.Field, args, final, a)
	case *parse.VariableNode:
		if len(a.Ident) > 1 {
			return f.chain(f.variable(a), a.Ident[1:], args, final, a)
		}
	case *parse.IdentifierNode:
		return f.call(a, args, final)
	}
	if len(args) > 0 || final != nil {
		f.failf(c, "can't give argument to non-function %s", c.Args[0])
	}
	return f.arg(c.Args[0])
}

// arg compiles an argument of a command.
func (f *fn) arg(n parse.Node) value {
	switch n := n.(type) {
	case *parse.DotNode:
		return f.dotValue()
	case *parse.FieldNode:
		return f.chain(f.dotValue(), n.Ident, nil, nil, n)
	case *parse.VariableNode:
		return f.chain(f.variable(n), n.Ident[1:], nil, nil, n)
	case *parse.ChainNode:
		return f.chain(f.arg(n.Node), n.Field, nil, nil, n)
	case *parse.PipeNode:
		if len(n.Decl) > 0 {
			f.failf(n, "variables declared in parentheses are not supported by the layout generator")
		}
		return f.pipeCmds(n.Cmds)
	case *parse.IdentifierNode:
		return f.call(n, nil, nil)
	case *parse.StringNode:
		return value{expr: strconv.Quote(n.Text), kind: 's'}
	case *parse.BoolNode:
		return value{expr: strconv.FormatBool(n.True), kind: 'b'}
	case *parse.NumberNode:
		if !n.IsInt || strings.ContainsAny(n.Text, ".eEpP'") && !strings.HasPrefix(n.Text, "0x") {
			f.failf(n, "the constant %s is not supported by the layout generator (integers are)", n.Text)
		}
		return value{expr: strconv.FormatInt(n.Int64, 10), kind: 'i'}
	}
	f.failf(n, "%s is not supported by the layout generator", n)
	panic("unreachable")
}

func (f *fn) dotValue() value {
	f.dot.used = true
	return value{expr: f.dot.goName, typ: f.dot.typ}
}

func (f *fn) variable(n *parse.VariableNode) value {
	v := f.lookup(n.Ident[0])
	if v == nil {
		f.failf(n, "undefined variable: %s", n.Ident[0])
	}
	v.used = true
	return value{expr: v.goName, typ: v.typ}
}

// chain compiles .A.B.C on recv; the last name gets args and final.
func (f *fn) chain(recv value, names []string, args []parse.Node, final *value, n parse.Node) value {
	if len(names) == 0 && (len(args) > 0 || final != nil) {
		f.failf(n, "can't give argument to non-function %s", n)
	}
	for i, name := range names {
		if i < len(names)-1 {
			recv = f.field(recv, name, nil, nil, n)
		} else {
			recv = f.field(recv, name, args, final, n)
		}
	}
	return recv
}

// field compiles .name on recv: a method call or a struct field, as
// text/template looks them up.
func (f *fn) field(recv value, name string, args []parse.Node, final *value, n parse.Node) value {
	t := recv.typ
	if t == nil {
		f.failf(n, "can't evaluate field %s of a constant", name)
	}
	if t.Kind() == reflect.Interface {
		f.failf(n, "field %s of a %s needs its dynamic type, which the layout generator does not know", name, t)
	}
	if m, ok := t.MethodByName(name); ok {
		return f.callFunc(recv.expr+"."+name, m.Type, 1, args, final, n)
	}
	if t.Kind() != reflect.Pointer {
		if _, ok := reflect.PointerTo(t).MethodByName(name); ok {
			f.failf(n, "method %s has a pointer receiver, which the layout generator does not call on a %s", name, t)
		}
	}
	st := t
	if st.Kind() == reflect.Pointer {
		st = st.Elem()
	}
	if st.Kind() == reflect.Struct {
		if sf, ok := st.FieldByName(name); ok {
			if !sf.IsExported() {
				f.failf(n, "%s is an unexported field of struct type %s", name, t)
			}
			if len(args) > 0 || final != nil {
				f.failf(n, "%s has arguments but cannot be invoked as function", name)
			}
			return value{expr: recv.expr + "." + name, typ: sf.Type}
		}
	}
	f.failf(n, "can't evaluate field %s in type %s", name, t)
	panic("unreachable")
}

// callFunc compiles a call of expr, a function of type ft whose first
// skip parameters are already given (a method's receiver).
func (f *fn) callFunc(expr string, ft reflect.Type, skip int, args []parse.Node, final *value, n parse.Node) value {
	var vals []value
	for _, a := range args {
		vals = append(vals, f.arg(a))
	}
	if final != nil {
		vals = append(vals, *final)
	}
	nin := ft.NumIn() - skip
	if ft.IsVariadic() && len(vals) < nin-1 || !ft.IsVariadic() && len(vals) != nin {
		f.failf(n, "wrong number of args for %s: want %d got %d", expr, nin, len(vals))
	}
	xs := make([]string, len(vals))
	for i, v := range vals {
		var want reflect.Type
		if ft.IsVariadic() && i >= nin-1 {
			want = ft.In(ft.NumIn() - 1).Elem()
		} else {
			want = ft.In(skip + i)
		}
		xs[i] = f.convert(v, want, n)
	}
	call := expr + "(" + strings.Join(xs, ", ") + ")"
	switch {
	case ft.NumOut() == 1:
		return value{expr: call, typ: ft.Out(0)}
	case ft.NumOut() == 2 && ft.Out(1) == errorType:
		return value{expr: "must(" + call + ")", typ: ft.Out(0)}
	}
	f.failf(n, "%s must return one value, or a value and an error", expr)
	panic("unreachable")
}

// convert is v passed where a want is expected.
func (f *fn) convert(v value, want reflect.Type, n parse.Node) string {
	if v.typ == nil {
		k := want.Kind()
		ok := want.Kind() == reflect.Interface && want.NumMethod() == 0
		switch v.kind {
		case 's':
			ok = ok || k == reflect.String
		case 'b':
			ok = ok || k == reflect.Bool
		default:
			ok = ok || reflect.Int <= k && k <= reflect.Float64
		}
		if !ok {
			f.failf(n, "wrong type for value; expected %s; got constant %s", want, v.expr)
		}
		return v.expr
	}
	if !v.typ.AssignableTo(want) {
		f.failf(n, "wrong type for value; expected %s; got %s", want, v.typ)
	}
	return v.expr
}

// call compiles a function call: one of Funcs, or one of text/template's
// own that the generator knows.
func (f *fn) call(id *parse.IdentifierNode, args []parse.Node, final *value) value {
	name := id.Ident
	if fv, ok := f.c.cfg.Funcs[name]; ok {
		ft := reflect.TypeOf(fv)
		if ft == nil || ft.Kind() != reflect.Func {
			f.failf(id, "%s is not a function", name)
		}
		if name == f.c.cfg.Cached {
			return f.callFunc("w.cached", cachedType, 0, args, final, id)
		}
		f.c.funcs[name] = true
		return f.callFunc("w.f."+fieldName(name), ft, 0, args, final, id)
	}
	var vals []value
	for _, a := range args {
		vals = append(vals, f.arg(a))
	}
	if final != nil {
		vals = append(vals, *final)
	}
	switch name {
	case "and", "or":
		return f.andOr(name, vals, id)
	case "not":
		if len(vals) == 1 {
			return value{expr: "!(" + f.truth(vals[0], id) + ")", typ: boolType}
		}
	case "len":
		if len(vals) == 1 {
			if t := f.typeOf(vals[0]); t.Kind() == reflect.String || t.Kind() == reflect.Slice || t.Kind() == reflect.Map || t.Kind() == reflect.Array {
				return value{expr: "len(" + vals[0].expr + ")", typ: intType}
			}
			f.failf(id, "len of %s", f.typeOf(vals[0]))
		}
	case "eq", "ne", "lt", "le", "gt", "ge":
		if len(vals) == 2 {
			return f.compare(name, vals[0], vals[1], id)
		}
	default:
		f.failf(id, "function %q is not supported by the layout generator", name)
	}
	f.failf(id, "wrong number of args for %s: got %d", name, len(vals))
	panic("unreachable")
}

// andOr compiles and/or as values: the first empty (and) or non-empty
// (or) argument, else the last; later arguments are not evaluated.
func (f *fn) andOr(name string, vals []value, n parse.Node) value {
	if len(vals) == 0 {
		f.failf(n, "wrong number of args for %s: want at least 1 got 0", name)
	}
	t := f.typeOf(vals[0])
	for _, v := range vals[1:] {
		if f.typeOf(v) != t {
			f.failf(n, "%s of a %s and a %s has no static type; the layout generator only takes it in a condition", name, t, f.typeOf(v))
		}
	}
	var b strings.Builder
	fmt.Fprintf(&b, "func() %s {\n", f.typeExpr(t, n))
	for _, v := range vals[:len(vals)-1] {
		x := f.fresh("x")
		cond := f.truth(value{expr: x, typ: t}, n)
		if name == "and" {
			cond = "!(" + cond + ")"
		}
		fmt.Fprintf(&b, "if %s := %s; %s {\nreturn %s\n}\n", x, v.expr, cond, x)
	}
	fmt.Fprintf(&b, "return %s\n}()", vals[len(vals)-1].expr)
	return value{expr: b.String(), typ: t}
}

// cond compiles a pipeline as the condition of an if: and, or and not
// become Go's operators, so their arguments need no common type.
func (f *fn) cond(p *parse.PipeNode) string {
	if len(p.Decl) == 0 && len(p.Cmds) == 1 {
		c := p.Cmds[0]
		if id, ok := c.Args[0].(*parse.IdentifierNode); ok {
			if _, mine := f.c.cfg.Funcs[id.Ident]; !mine {
				switch {
				case (id.Ident == "and" || id.Ident == "or") && len(c.Args) > 1:
					op := " && "
					if id.Ident == "or" {
						op = " || "
					}
					parts := make([]string, len(c.Args)-1)
					for i, a := range c.Args[1:] {
						parts[i] = f.condArg(a)
					}
					return "(" + strings.Join(parts, op) + ")"
				case id.Ident == "not" && len(c.Args) == 2:
					return "!(" + f.condArg(c.Args[1]) + ")"
				}
			}
		}
	}
	return f.truth(f.pipeCmds(p.Cmds), p)
}

func (f *fn) condArg(n parse.Node) string {
	if p, ok := n.(*parse.PipeNode); ok && len(p.Decl) == 0 {
		return f.cond(p)
	}
	return f.truth(f.arg(n), n)
}

// truth is text/template's truth of v as a Go condition.
func (f *fn) truth(v value, n parse.Node) string {
	if v.typ == nil {
		switch v.kind {
		case 'b':
			return v.expr
		case 's':
			return strconv.FormatBool(v.expr != `""`)
		}
		return strconv.FormatBool(v.expr != "0")
	}
	switch k := v.typ.Kind(); {
	case k == reflect.Bool:
		if v.typ == boolType {
			return v.expr
		}
		return "bool(" + v.expr + ")"
	case k == reflect.String:
		return v.expr + ` != ""`
	case reflect.Int <= k && k <= reflect.Complex128:
		return v.expr + " != 0"
	case k == reflect.Array || k == reflect.Map || k == reflect.Slice:
		return "len(" + v.expr + ") > 0"
	case k == reflect.Chan || k == reflect.Func || k == reflect.Pointer:
		return v.expr + " != nil"
	case k == reflect.Struct:
		return "truthy(" + v.expr + ")"
	}
	f.failf(n, "the truth of a %s needs its dynamic type, which the layout generator does not know", v.typ)
	panic("unreachable")
}

// basic is text/template's class of a value for comparisons.
func basic(v value) string {
	if v.typ == nil {
		return map[byte]string{'s': "string", 'b': "bool", 'i': "int"}[v.kind]
	}
	switch k := v.typ.Kind(); {
	case k == reflect.Bool:
		return "bool"
	case reflect.Int <= k && k <= reflect.Int64:
		return "int"
	case reflect.Uint <= k && k <= reflect.Uintptr:
		return "uint"
	case k == reflect.Float32 || k == reflect.Float64:
		return "float"
	case k == reflect.String:
		return "string"
	}
	return ""
}

var goOps = map[string]string{"eq": "==", "ne": "!=", "lt": "<", "le": "<=", "gt": ">", "ge": ">="}

// compare compiles eq, ne, lt, le, gt and ge of basic values, which
// text/template compares by kind whatever their named types.
func (f *fn) compare(op string, a, b value, n parse.Node) value {
	ca, cb := basic(a), basic(b)
	if ca == "" || ca != cb {
		f.failf(n, "incompatible types for comparison: %s and %s", f.typeOf(a), f.typeOf(b))
	}
	if ca == "bool" && op != "eq" && op != "ne" {
		f.failf(n, "invalid type for comparison")
	}
	x, y := a.expr, b.expr
	if a.typ != nil && b.typ != nil && a.typ != b.typ {
		conv := map[string]string{"bool": "bool", "int": "int64", "uint": "uint64", "float": "float64", "string": "string"}[ca]
		x, y = conv+"("+x+")", conv+"("+y+")"
	}
	return value{expr: x + " " + goOps[op] + " " + y, typ: boolType}
}

// str is v as text, as html/template's escapers print it.
func (f *fn) str(v value, n parse.Node) string {
	if v.typ == nil {
		if v.kind == 's' {
			return v.expr
		}
		return strconv.Quote(v.expr)
	}
	t := v.typ
	switch {
	case t == stringType:
		return v.expr
	case t.Kind() == reflect.Pointer || t.Kind() == reflect.Interface || t.Implements(formatterType):
	case t.Implements(errorType):
		return v.expr + ".Error()"
	case t.Implements(stringerType):
		return v.expr + ".String()"
	case t.Kind() == reflect.String:
		return "string(" + v.expr + ")"
	case t == intType:
		f.c.imports["strconv"] = "strconv"
		return "strconv.Itoa(" + v.expr + ")"
	case reflect.Int <= t.Kind() && t.Kind() <= reflect.Int64:
		f.c.imports["strconv"] = "strconv"
		return "strconv.FormatInt(int64(" + v.expr + "), 10)"
	case reflect.Uint <= t.Kind() && t.Kind() <= reflect.Uintptr:
		f.c.imports["strconv"] = "strconv"
		return "strconv.FormatUint(uint64(" + v.expr + "), 10)"
	case t.Kind() == reflect.Bool:
		f.c.imports["strconv"] = "strconv"
		return "strconv.FormatBool(bool(" + v.expr + "))"
	}
	f.failf(n, "printing a %s is not supported by the layout generator", t)
	panic("unreachable")
}
