package layout

import (
	"os"
	"reflect"
	"strings"
	"testing"

	"github.com/counterpoint-ssg/counterpoint/internal/site"
)

// TestLayoutReferenceComplete fails when a field or method of the model
// layouts get, or a template function, is not named in docs/layouts.md:
// adding one to the model means documenting it for the writers of
// layouts.
func TestLayoutReferenceComplete(t *testing.T) {
	doc, err := os.ReadFile("../../docs/layouts.md")
	if err != nil {
		t.Fatal(err)
	}
	text := string(doc)
	for _, v := range []any{&site.Page{}, &site.Site{}, site.MenuEntry{}, site.Source{}, site.Group{}, site.Era{}} {
		typ := reflect.TypeOf(v)
		st := typ
		if st.Kind() == reflect.Pointer {
			st = st.Elem()
		}
		var names []string
		for i := 0; i < st.NumField(); i++ {
			if f := st.Field(i); f.IsExported() {
				names = append(names, f.Name)
			}
		}
		for i := 0; i < typ.NumMethod(); i++ {
			names = append(names, typ.Method(i).Name)
		}
		for _, n := range names {
			if !strings.Contains(text, "."+n+"`") && !strings.Contains(text, "."+n+" ") && !strings.Contains(text, "."+n+",") {
				t.Errorf("docs/layouts.md does not name %s.%s", st.Name(), n)
			}
		}
	}
	funcs := Funcs(URLs{Base: "/", Path: "/"}, func(string) (string, bool) { return "", false })
	funcs["partialCached"] = nil
	for name := range funcs {
		if !strings.Contains(text, "`"+name+" ") && !strings.Contains(text, "`"+name+"`") {
			t.Errorf("docs/layouts.md does not name the function %s", name)
		}
	}
}

// TestBuiltinsDescribed checks that `counterpoint layouts` has a line for
// every built-in file, and that BuiltinFile gives each file's bytes.
func TestBuiltinsDescribed(t *testing.T) {
	list := Builtins()
	if len(list) < 20 {
		t.Fatalf("only %d built-in layouts", len(list))
	}
	for _, b := range list {
		if b.What == "" {
			t.Errorf("%s has no description in descriptions", b.Name)
		}
		data, ok := BuiltinFile(b.Name)
		want, err := os.ReadFile("defaults/" + b.Name)
		if !ok || err != nil || string(data) != string(want) {
			t.Errorf("BuiltinFile(%s) is not the file", b.Name)
		}
	}
	for name := range descriptions {
		if _, ok := BuiltinFile(name); !ok {
			t.Errorf("descriptions names %s, which is not a built-in file", name)
		}
	}
}
