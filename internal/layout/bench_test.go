package layout_test

import (
	"bytes"
	"context"
	"github.com/counterpoint-ssg/counterpoint/internal/cputime"
	"slices"
	"testing"

	"github.com/counterpoint-ssg/counterpoint/internal/benchsite"
	"github.com/counterpoint-ssg/counterpoint/internal/build"
	"github.com/counterpoint-ssg/counterpoint/internal/layout"
	"github.com/counterpoint-ssg/counterpoint/internal/site"
)

// BenchmarkRender renders every page of a generated 1,000-source site on
// one goroutine, with the built-in layouts run as generated Go and as
// html/template templates: ns/page is the layout work alone, without the
// rest of a build and without the noise of parallel rendering.
//
//	go test ./internal/layout -run '^$' -bench Render -benchtime 50x
func BenchmarkRender(b *testing.B) {
	res, err := build.Build(context.Background(), build.Inputs{FS: benchsite.Generate(1000), Sink: func(string, []byte) error { return nil }})
	if err != nil {
		b.Fatal(err)
	}
	s := res.Site
	pages := []*site.Page{s.Home}
	for _, p := range s.All {
		if p.OutputPath() != "" {
			pages = append(pages, p)
		}
	}
	kinds := make([]site.Kind, 0, len(s.Lists))
	for k := range s.Lists {
		kinds = append(kinds, k)
	}
	slices.Sort(kinds)
	for _, k := range kinds {
		pages = append(pages, s.Lists[k])
	}
	for _, mode := range []string{"go", "templates"} {
		b.Run(mode, func(b *testing.B) {
			set, errs := layout.Load(nil, layout.Funcs(layout.URLs{Base: "/", Path: "/"}, func(name string) (string, bool) {
				return "/assets/" + name, true
			}))
			if len(errs) > 0 {
				b.Fatal(errs)
			}
			if mode == "templates" {
				set.TemplatesOnly()
			}
			var buf bytes.Buffer
			cpu0 := cputime.Used()
			for b.Loop() {
				for _, p := range pages {
					buf.Reset()
					if err := set.Execute(&buf, set.For(p), p); err != nil {
						b.Fatal(err)
					}
				}
			}
			n := float64(b.N * len(pages))
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/n, "ns/page")
			// CPU time, which other processes on a busy machine disturb
			// less than the wall clock.
			b.ReportMetric(float64((cputime.Used()-cpu0).Nanoseconds())/n, "cpu-ns/page")
		})
	}
}
