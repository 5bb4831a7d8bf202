package markdown

import (
	"bytes"
	"io/fs"
	"testing"

	"github.com/counterpoint-ssg/counterpoint/internal/benchsite"
	"github.com/counterpoint-ssg/counterpoint/internal/frontmatter"
)

// benchBodies returns the Markdown bodies of a generated site.
func benchBodies(b *testing.B, n int) [][]byte {
	b.Helper()
	var bodies [][]byte
	fsys := benchsite.Generate(n)
	err := fs.WalkDir(fsys, "content", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		src, err := fs.ReadFile(fsys, p)
		if err != nil {
			return err
		}
		sp, err := frontmatter.SplitFile(src)
		if err != nil {
			return err
		}
		bodies = append(bodies, sp.Body)
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	return bodies
}

// BenchmarkParseRender parses and renders (deferred) every body of a
// generated site of 1000 pages on one goroutine, as the build does per page.
func BenchmarkParseRender(b *testing.B) {
	bodies := benchBodies(b, 1000)
	e := New(false)
	var buf bytes.Buffer
	b.ReportAllocs()
	for b.Loop() {
		for _, src := range bodies {
			d := e.Parse(src, "", nil)
			buf.Reset()
			if err := e.RenderDeferred(&buf, d); err != nil {
				b.Fatal(err)
			}
		}
	}
}
