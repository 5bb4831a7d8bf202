// Command harness is built by TestGeneratedRunsLikeTemplates with the Go
// that gen writes for testdata/run/layouts (and layout's escapers): it
// renders pages with that code and with html/template, once with every
// partial built in and once with partials/card.html overridden, and fails
// on any difference, or any error of the generated code.
package main

import (
	"bytes"
	"errors"
	"fmt"
	"html/template"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/counterpoint-ssg/counterpoint/internal/date"
	"github.com/counterpoint-ssg/counterpoint/internal/layout/funcmap"
	"github.com/counterpoint-ssg/counterpoint/internal/site"
)

// The runtime the generated code calls (layout's is in render.go).
type native struct {
	builtin  map[string]bool
	partials *template.Template
}

type writer struct {
	b      *bytes.Buffer
	n      *native
	f      *genFuncs
	layout string
}

type renderError struct{ err error }

func must[T any](v T, err error) T {
	if err != nil {
		panic(renderError{err})
	}
	return v
}

func fail(msg string) { panic(renderError{errors.New(msg)}) }

func truthy[T any](T) bool { return true }

func (w *writer) builtin(file string) bool { return w.n.builtin[file] }

func (w *writer) template(name string, data any) {
	must(0, w.n.partials.ExecuteTemplate(w.b, name, data))
}

func (w *writer) cached(name string, data any) template.HTML {
	var b strings.Builder
	must(0, w.n.partials.ExecuteTemplate(&b, name, data))
	return template.HTML(b.String())
}

func main() {
	dir := os.Args[1]
	n := 0
	for _, override := range []string{"", `<i>{{.Title}}</i>`} {
		n += compare(dir, override)
	}
	fmt.Printf("ok %d\n", n)
}

// compare renders every page with every page layout both ways.
func compare(dir, card string) int {
	files := map[string]string{}
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			rel, _ := filepath.Rel(dir, p)
			files[filepath.ToSlash(rel)] = string(must(os.ReadFile(p)))
		}
		return err
	})
	builtin := map[string]bool{}
	for name := range files {
		builtin[name] = true
	}
	if card != "" {
		files["partials/card.html"] = card
		builtin["partials/card.html"] = false
	}
	n := &native{builtin: builtin}
	funcs := funcmap.New(funcmap.URLs{Base: "https://example.org/sub/", Path: "/sub/"}, func(name string) (string, bool) {
		return "assets/" + name, true
	})
	funcs["partialCached"] = func(name string, data any) (h template.HTML, err error) {
		defer func() {
			if r := recover(); r != nil {
				err = r.(renderError).err
			}
		}()
		return (&writer{n: n}).cached(name, data), nil
	}
	root := template.Must(template.New("baseof.html").Option("missingkey=error").Funcs(funcs).Parse(files["baseof.html"]))
	var pages []string
	for name, src := range files {
		switch {
		case strings.HasPrefix(name, "partials/"):
			template.Must(root.New(name).Parse(src))
		case name != "baseof.html":
			pages = append(pages, name)
		}
	}
	slices.Sort(pages)
	n.partials = template.Must(root.Clone())
	f, ok := loadFuncs(funcs)
	if !ok {
		exit("loadFuncs: the functions are not of the generated types")
	}
	count := 0
	for _, layout := range pages {
		t := template.Must(template.Must(root.Clone()).New(layout).Parse(files[layout]))
		for i, p := range model() {
			var want, got bytes.Buffer
			if err := t.ExecuteTemplate(&want, "baseof.html", p); err != nil {
				exit(err.Error())
			}
			if err := render(&writer{b: &got, n: n, f: f, layout: layout}, p); err != nil {
				exit(fmt.Sprintf("%s, page %d: the generated code failed: %v", layout, i, err))
			}
			if got.String() != want.String() {
				exit(fmt.Sprintf("%s, page %d, card %q:\ngenerated: %q\ntemplates: %q", layout, i, card, got.String(), want.String()))
			}
			count++
		}
	}
	return count
}

func render(w *writer, p *site.Page) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("%v", r)
		}
	}()
	entry, ok := genLayouts[w.layout]
	if !ok {
		return fmt.Errorf("no generated entry for %s", w.layout)
	}
	entry(w, p)
	return nil
}

func exit(msg string) {
	fmt.Fprintln(os.Stderr, msg)
	os.Exit(1)
}

// model is a small site whose pages reach every branch of the layouts.
func model() []*site.Page {
	day := func(y, m, d int) date.Date { return date.Date{Y: y, M: m, D: d, Prec: date.Day} }
	s := &site.Site{Title: `Site & "Co" + 'x'`, Language: "en", Summary: "About <this>",
		Menu: []site.MenuEntry{{Title: "Home", URL: "/", Href: "/sub/"}, {Title: "Terms <x>", URL: "/glossary/", Href: "/sub/glossary/?a=1&b=2"}}}
	term := func(title, short string) *site.Page {
		return &site.Page{Kind: site.Term, Title: title, Slug: strings.ToLower(title), Short: short, Site: s, URL: "/glossary/", Href: "/sub/glossary/#" + title}
	}
	s.Terms = []*site.Page{term("Alpha", "A + B"), term("Ärger", ""), term("beta", "<b>")}
	demand := &site.Page{Kind: site.Demand, Title: "A demand", Slug: "d", Weight: 7, Href: "javascript:alert(1)", Site: s, Date: day(2021, 12, 17)}
	other := &site.Page{Kind: site.Generic, Title: "Other page", Slug: "o p", Weight: 9, Href: "/sub/o p/?q=ü&x=%zz", Site: s}
	home := &site.Page{Kind: site.Home, Title: "Home", URL: "/", Href: "/sub/", Site: s}
	rich := &site.Page{Kind: site.Generic, Title: `A <b> & "c" + 'd'`, Summary: "Sum & mary", Weight: 2, URL: "/glossary/",
		Href: "/sub/rich/", Site: s, Pages: []*site.Page{demand, s.Terms[0], other, s.Terms[1]}, Prev: demand,
		Sources: []site.Source{{Title: "S1", URL: "https://example.org/a b?c=d&e=f", Publisher: "P & Q"}, {Title: "S2"}},
		Date:    day(1999, 11, 18), End: day(1999, 11, 19), Content: "<p>Body &amp; more</p>", Aliases: []string{"x", "y<z"}}
	list := &site.Page{Kind: site.List, ListKind: site.Term, Title: "Glossary", Draft: true, Site: s, Pages: s.Terms, Sources: rich.Sources}
	return []*site.Page{home, rich, demand, other, list, s.Terms[2]}
}
