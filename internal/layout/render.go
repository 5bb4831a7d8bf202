package layout

//go:generate go run ./gen/layoutgen -o layouts_gen.go

import (
	"bytes"
	"errors"
	"fmt"
	"html/template"
	"strings"

	"github.com/counterpoint-ssg/counterpoint/internal/site"
)

// native renders the built-in layouts with Go generated from their
// templates (layouts_gen.go, written by gen/layoutgen). html/template
// evaluates every action by reflection, which made template execution the
// largest cost of a build; the generated code writes the same bytes in a
// small fraction of that. The .html files are the only source: they are
// what a site overrides, what a site that overrides baseof.html or a page
// layout runs, and what TestNativeMatchesTemplates and FuzzNative compare
// the generated code with, page by page, on several sites.
//
// A partial the site overrides is still run as its template from inside
// the generated code, in the same context, so overriding one partial
// costs only that partial.
type native struct {
	s *Set
	f *genFuncs
	// builtin holds the layout files that are the built-in ones.
	builtin map[string]bool
}

// newNative returns the renderer for a set, or nil when the helper
// functions are not of the types the code was generated for.
func newNative(s *Set, funcs template.FuncMap, origin map[string]string) *native {
	f, ok := loadFuncs(funcs)
	if !ok {
		return nil
	}
	n := &native{s: s, f: f, builtin: map[string]bool{}}
	for name, shown := range origin {
		if strings.HasPrefix(shown, "built-in ") {
			n.builtin[name] = true
		}
	}
	return n
}

// covers reports whether the generated code can render a page layout:
// it and the base layout are the built-in ones.
func (n *native) covers(name string) bool {
	return n != nil && n.builtin[Base] && n.builtin[name] && genLayouts[name] != nil
}

// render writes a whole page. The generated code stops at the first
// error by panicking (as a template's execution stops); any panic, a nil
// pointer included, becomes an error, on which the caller runs the
// templates, which report it with its position.
func (n *native) render(b *bytes.Buffer, name string, p *site.Page) (err error) {
	defer func() {
		if r := recover(); r != nil {
			if e, ok := r.(renderError); ok {
				err = e.err
			} else {
				err = fmt.Errorf("layout %s: %v", name, r)
			}
		}
	}()
	genLayouts[name](&writer{b: b, n: n, f: n.f, layout: name}, p)
	return nil
}

// writer is one page being written: the runtime the generated code calls.
type writer struct {
	b *bytes.Buffer
	n *native
	f *genFuncs
	// layout is the page layout being rendered, whose "main" the base
	// layout runs.
	layout string
}

// renderError carries an error out of the generated code.
type renderError struct{ err error }

func must[T any](v T, err error) T {
	if err != nil {
		panic(renderError{err})
	}
	return v
}

func fail(msg string) { panic(renderError{errors.New(msg)}) }

// truthy is the truth of a struct in a template: always true.
func truthy[T any](T) bool { return true }

// builtin reports whether a layout file is the built-in one.
func (w *writer) builtin(file string) bool { return w.n.builtin[file] }

// template runs a template the site overrides, in HTML text.
func (w *writer) template(name string, data any) {
	if err := w.n.s.partials.ExecuteTemplate(w.b, name, data); err != nil {
		panic(renderError{err})
	}
}

// cached runs partialCached through the templates.
func (w *writer) cached(name string, data any) template.HTML {
	return must(w.n.s.partialCached(name, data))
}
