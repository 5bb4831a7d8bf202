package gen

import (
	"fmt"
	"go/token"
	"reflect"
	"strings"
)

// typeExpr writes t as Go, recording the imports it needs.
func (c *compiler) typeExpr(t reflect.Type) (string, error) {
	if t.Name() != "" {
		if t.PkgPath() == "" {
			return t.Name(), nil
		}
		full := t.String()
		dot := strings.LastIndexByte(full, '.')
		if strings.ContainsAny(full, "[]") || dot < 0 {
			return "", fmt.Errorf("type %s is not supported by the layout generator", t)
		}
		name := full[:dot]
		for p, n := range c.imports {
			if n == name && p != t.PkgPath() {
				return "", fmt.Errorf("packages %s and %s have the same name", p, t.PkgPath())
			}
		}
		c.imports[t.PkgPath()] = name
		return full, nil
	}
	elem := func(prefix string) (string, error) {
		e, err := c.typeExpr(t.Elem())
		return prefix + e, err
	}
	switch t.Kind() {
	case reflect.Pointer:
		return elem("*")
	case reflect.Slice:
		return elem("[]")
	case reflect.Array:
		return elem(fmt.Sprintf("[%d]", t.Len()))
	case reflect.Map:
		k, err := c.typeExpr(t.Key())
		if err != nil {
			return "", err
		}
		return elem("map[" + k + "]")
	case reflect.Interface:
		if t.NumMethod() == 0 {
			return "any", nil
		}
	case reflect.Func:
		var in, out []string
		for i := range t.NumIn() {
			s, err := c.typeExpr(t.In(i))
			if err != nil {
				return "", err
			}
			if t.IsVariadic() && i == t.NumIn()-1 {
				s = "..." + strings.TrimPrefix(s, "[]")
			}
			in = append(in, s)
		}
		for i := range t.NumOut() {
			s, err := c.typeExpr(t.Out(i))
			if err != nil {
				return "", err
			}
			out = append(out, s)
		}
		s := "func(" + strings.Join(in, ", ") + ")"
		switch len(out) {
		case 0:
			return s, nil
		case 1:
			return s + " " + out[0], nil
		}
		return s + " (" + strings.Join(out, ", ") + ")", nil
	}
	return "", fmt.Errorf("type %s is not supported by the layout generator", t)
}

// typeTag names a type in a Go identifier.
func typeTag(t reflect.Type) string {
	return strings.NewReplacer("[]", "sliceOf_", "*", "ptrTo_", "map[", "mapOf_", "]", "_to_").Replace(t.String())
}

// ident makes a Go identifier of a template name.
func ident(s string) string {
	return strings.Map(func(r rune) rune {
		if r == '_' || 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9' {
			return r
		}
		return '_'
	}, s)
}

// fieldName is the genFuncs field of a function.
func fieldName(name string) string {
	if token.IsKeyword(name) {
		return "fn_" + name
	}
	return name
}
