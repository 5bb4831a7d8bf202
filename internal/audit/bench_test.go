package audit

import (
	"context"
	"strconv"
	"testing"

	"github.com/counterpoint-ssg/counterpoint/internal/benchsite"
	"github.com/counterpoint-ssg/counterpoint/internal/build"
)

// BenchmarkAudit measures an audit of a generated site: Load is the load
// and link stages plus parsing the bodies into trees (what the preview's
// audit page pays on each view), Run the audit itself.
func BenchmarkAudit(b *testing.B) {
	for _, n := range []int{1000, 10000} {
		fsys := benchsite.Generate(n)
		b.Run("Load/"+strconv.Itoa(n), func(b *testing.B) {
			for b.Loop() {
				if _, err := build.LoadModel(context.Background(), build.Inputs{FS: fsys}); err != nil {
					b.Fatal(err)
				}
			}
		})
		m, err := build.LoadModel(context.Background(), build.Inputs{FS: fsys})
		if err != nil {
			b.Fatal(err)
		}
		in := Input{Site: m.Site, Index: m.Index}
		for _, x := range m.Bodies {
			in.Bodies = append(in.Bodies, Body{Page: x.Page, Doc: x.Doc, Line: x.Line})
		}
		b.Run("Run/"+strconv.Itoa(n), func(b *testing.B) {
			for b.Loop() {
				// Run reads the trees without changing them, so one load
				// serves every iteration.
				Run(in, Defaults())
			}
		})
	}
}
