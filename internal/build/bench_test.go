package build_test

import (
	"context"
	"fmt"
	"github.com/counterpoint-ssg/counterpoint/internal/cputime"
	"os"
	"path/filepath"
	"testing"
	"testing/fstest"

	"github.com/counterpoint-ssg/counterpoint/internal/benchsite"
	"github.com/counterpoint-ssg/counterpoint/internal/build"
	"github.com/counterpoint-ssg/counterpoint/internal/cache"
	"github.com/counterpoint-ssg/counterpoint/internal/content"
	"github.com/counterpoint-ssg/counterpoint/internal/output"
)

// Stage benchmarks on generated sites. Compare runs with benchstat:
//
//	go test ./internal/build -run '^$' -bench . -count 6 | tee new.txt
//	benchstat old.txt new.txt
var benchSizes = []int{1000, 10000}

// BenchmarkLoad reads and checks every content file (front matter only).
func BenchmarkLoad(b *testing.B) {
	for _, n := range benchSizes {
		fsys := benchsite.Generate(n)
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			for b.Loop() {
				if _, errs := content.Load(fsys, content.Options{}); len(errs) > 0 {
					b.Fatal(errs)
				}
			}
		})
	}
}

// BenchmarkBuild is the whole pipeline into memory, with the time of each
// stage reported as its own metric (load+parse, link, layouts).
func BenchmarkBuild(b *testing.B) { benchBuild(b, false) }

// BenchmarkBuildCached is BenchmarkBuild with every body already in the
// parse cache, as a build into an empty destination finds it when the
// cache directory is kept.
func BenchmarkBuildCached(b *testing.B) { benchBuild(b, true) }

func benchBuild(b *testing.B, cached bool) {
	for _, n := range benchSizes {
		fsys := benchsite.Generate(n)
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			in := build.Inputs{FS: fsys, Sink: func(string, []byte) error { return nil }}
			if cached {
				dir, err := cache.Open(b.TempDir())
				if err != nil {
					b.Fatal(err)
				}
				in.Cache, in.Root = dir, "/bench"
				if _, err := build.Build(context.Background(), in); err != nil {
					b.Fatal(err)
				}
			}
			var load, link, lay float64
			cpu0 := cputime.Used()
			for b.Loop() {
				res, err := build.Build(context.Background(), in)
				if err != nil {
					b.Fatal(err)
				}
				load += float64(res.Stats.Load.Milliseconds())
				link += float64(res.Stats.Link.Milliseconds())
				lay += float64(res.Stats.Layout.Milliseconds())
			}
			b.ReportMetric(load/float64(b.N), "load+parse-ms/op")
			b.ReportMetric(link/float64(b.N), "link-ms/op")
			b.ReportMetric(lay/float64(b.N), "layouts-ms/op")
			// CPU time is steadier than wall time on a shared machine.
			b.ReportMetric(float64((cputime.Used()-cpu0).Milliseconds())/float64(b.N), "cpu-ms/op")
		})
	}
}

// BenchmarkWrite writes a built site to disk: first into an empty
// destination, then over an unchanged previous build.
func BenchmarkWrite(b *testing.B) {
	fsys := benchsite.Generate(10000)
	res, err := build.Build(context.Background(), build.Inputs{FS: fsys})
	if err != nil {
		b.Fatal(err)
	}
	src := b.TempDir()
	os.MkdirAll(filepath.Join(src, "content"), 0o755)
	b.Run("fresh", func(b *testing.B) {
		for b.Loop() {
			b.StopTimer()
			dest := filepath.Join(b.TempDir(), "public")
			b.StartTimer()
			if _, err := output.Write(src, dest, res.Files); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("unchanged", func(b *testing.B) {
		dest := filepath.Join(b.TempDir(), "public")
		for range 2 {
			if _, err := output.Write(src, dest, res.Files); err != nil {
				b.Fatal(err)
			}
		}
		for b.Loop() {
			if _, err := output.Write(src, dest, res.Files); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkLayouts is the whole build of a generated site with the
// built-in layouts run as Go code (the default) and as html/template
// templates; layouts-ms/op is the rendering stage alone.
func BenchmarkLayouts(b *testing.B) {
	fsys := benchsite.Generate(1000)
	for _, templatesOnly := range []bool{false, true} {
		name := "go"
		if templatesOnly {
			name = "templates"
		}
		b.Run(name, func(b *testing.B) {
			var lay float64
			for b.Loop() {
				res, err := build.Build(context.Background(), build.Inputs{FS: fsys, TemplatesOnly: templatesOnly, Sink: func(string, []byte) error { return nil }})
				if err != nil {
					b.Fatal(err)
				}
				lay += float64(res.Stats.Layout.Microseconds()) / 1000
			}
			b.ReportMetric(lay/float64(b.N), "layouts-ms/op")
		})
	}
}

// BenchmarkRebuild is what serve does after a writer saves one demand of
// a 10,000-source site: an incremental build with the edited file named.
func BenchmarkRebuild(b *testing.B) {
	fsys := benchsite.Generate(10000)
	bl := build.NewBuilder(build.Inputs{FS: fsys, Sink: func(string, []byte) error { return nil }})
	if _, err := bl.Build(context.Background(), nil); err != nil {
		b.Fatal(err)
	}
	const p = "content/demands/dema-00001.md"
	orig := string(fsys[p].Data)
	var rendered int
	cpu0 := cputime.Used()
	i := 0
	for b.Loop() {
		i++
		fsys[p] = &fstest.MapFile{Data: []byte(fmt.Sprintf("%s\nEdit %d.\n", orig, i))}
		res, err := bl.Build(context.Background(), []string{p})
		if err != nil {
			b.Fatal(err)
		}
		rendered += res.Stats.Rendered
	}
	b.ReportMetric(float64(rendered)/float64(b.N), "pages/op")
	b.ReportMetric(float64((cputime.Used()-cpu0).Milliseconds())/float64(b.N), "cpu-ms/op")
}

// BenchmarkPictures is BenchmarkBuild of the 10k site with the pictures
// (map, neighbourhoods) on and off: what drawing them costs.
func BenchmarkPictures(b *testing.B) {
	on := benchsite.Generate(10000)
	off := fstest.MapFS{}
	for k, v := range on {
		off[k] = v
	}
	off["content/_index.md"] = &fstest.MapFile{Data: []byte("---\ntitle: Synthetic explainer\npictures: false\n---\nText.\n")}
	on["content/_index.md"] = &fstest.MapFile{Data: []byte("---\ntitle: Synthetic explainer\n---\nText.\n")}
	for _, c := range []struct {
		name string
		fsys fstest.MapFS
	}{{"on", on}, {"off", off}} {
		b.Run(c.name, func(b *testing.B) {
			cpu0 := cputime.Used()
			var bytes int
			for b.Loop() {
				bytes = 0
				_, err := build.Build(context.Background(), build.Inputs{FS: c.fsys, Sink: func(_ string, data []byte) error { bytes += len(data); return nil }})
				if err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64((cputime.Used()-cpu0).Milliseconds())/float64(b.N), "cpu-ms/op")
			b.ReportMetric(float64(bytes)/1e6, "output-MB")
		})
	}
}
