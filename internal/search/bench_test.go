package search_test

import (
	"context"
	"testing"

	"github.com/counterpoint-ssg/counterpoint/internal/benchsite"
	"github.com/counterpoint-ssg/counterpoint/internal/build"
	"github.com/counterpoint-ssg/counterpoint/internal/search"
)

// BenchmarkBuild indexes the pages of the 10,000-page synthetic site (the
// bodies as the build renders them) and reports the bytes written:
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
	var files []search.File
	cpu0 := cpuTime()
	for b.Loop() {
		if files, err = search.Build(context.Background(), docs); err != nil {
			b.Fatal(err)
		}
	}
	// CPU time (garbage collection included) is steadier than wall time
	// on a shared machine.
	b.ReportMetric(float64((cpuTime()-cpu0).Milliseconds())/float64(b.N), "cpu-ms/op")
	n := 0
	for _, f := range files {
		n += len(f.Data)
	}
	b.ReportMetric(float64(n), "index-bytes")
	b.ReportMetric(float64(len(files)), "index-files")
}
