// Command layoutgen writes the Go renderer of the built-in layouts
// (internal/layout/layouts_gen.go) from their templates in
// internal/layout/defaults. go generate runs it in internal/layout.
package main

import (
	"flag"
	"fmt"
	"html/template"
	"os"
	"reflect"

	"github.com/counterpoint-ssg/counterpoint/internal/layout/funcmap"
	"github.com/counterpoint-ssg/counterpoint/internal/layout/gen"
	"github.com/counterpoint-ssg/counterpoint/internal/site"
)

func main() {
	dir := flag.String("dir", "defaults", "the layouts' directory")
	out := flag.String("o", "layouts_gen.go", "the file to write")
	flag.Parse()
	// The values only give the functions' types; none is called.
	funcs := funcmap.New(funcmap.URLs{Base: "/", Path: "/"}, func(string) (string, bool) { return "", false })
	funcs["partialCached"] = func(string, any) (template.HTML, error) { return "", nil }
	src, err := gen.Generate(gen.Config{
		FS:       os.DirFS(*dir),
		Path:     *dir,
		Base:     "baseof.html",
		Partials: "partials/",
		Funcs:    funcs,
		Cached:   "partialCached",
		Dot:      reflect.TypeFor[*site.Page](),
		Package:  "layout",
		Command:  "layoutgen from " + *dir + "/*.html",
	})
	if err == nil {
		err = os.WriteFile(*out, src, 0o644)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "layoutgen:", err)
		os.Exit(1)
	}
}
