package search_test

import (
	"context"
	"github.com/counterpoint-ssg/counterpoint/internal/cputime"
	"testing"

	"github.com/counterpoint-ssg/counterpoint/internal/benchsite"
	"github.com/counterpoint-ssg/counterpoint/internal/build"
	"github.com/counterpoint-ssg/counterpoint/internal/cache"
	"github.com/counterpoint-ssg/counterpoint/internal/search"
)

// BenchmarkBuild indexes the pages of the 10,000-page synthetic site (the
// bodies as the build renders them) and reports the CPU time and the
// bytes and files written: without a cache, with the memo of a previous
// build in the cache (nothing changed), and with a memo that misses
// every page (every page changed: read them all, write the memo anew):
//
//	go test ./internal/search -run '^$' -bench Build -benchmem -count 5
func BenchmarkBuild(b *testing.B) {
	res, err := build.Build(context.Background(), build.Inputs{FS: benchsite.Generate(10000)})
	if err != nil {
		b.Fatal(err)
	}
	docs := make([]search.Doc, len(res.Site.All))
	for i, p := range res.Site.All {
		docs[i] = search.Doc{URL: p.URL, Title: p.Title, Kind: string(p.Kind), Summary: p.Summary, Aliases: p.Aliases, Body: string(p.Content)}
	}
	run := func(b *testing.B, store func(b *testing.B) search.Store) {
		var files []search.File
		var cpu float64
		for b.Loop() {
			s := store(b)
			cpu0 := cputime.Used()
			if files, err = search.BuildCached(context.Background(), docs, s); err != nil {
				b.Fatal(err)
			}
			cpu += float64((cputime.Used() - cpu0).Milliseconds())
		}
		// CPU time (garbage collection included) is steadier than wall
		// time on a shared machine.
		b.ReportMetric(cpu/float64(b.N), "cpu-ms/op")
		n := 0
		for _, f := range files {
			n += len(f.Data)
		}
		b.ReportMetric(float64(n), "index-bytes")
		b.ReportMetric(float64(len(files)), "index-files")
	}
	b.Run("none", func(b *testing.B) { run(b, func(*testing.B) search.Store { return nil }) })
	warm, err := cache.Open(b.TempDir())
	if err != nil {
		b.Fatal(err)
	}
	if _, err := search.BuildCached(context.Background(), docs, warm); err != nil {
		b.Fatal(err)
	}
	b.Run("memo", func(b *testing.B) { run(b, func(*testing.B) search.Store { return warm }) })
	b.Run("memo-miss", func(b *testing.B) {
		run(b, func(b *testing.B) search.Store {
			c, err := cache.Open(b.TempDir())
			if err != nil {
				b.Fatal(err)
			}
			return c
		})
	})
}
