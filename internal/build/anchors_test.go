package build

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/counterpoint-ssg/counterpoint/internal/content"
	"github.com/counterpoint-ssg/counterpoint/internal/site"
)

// anchorsSite is a site whose one page holds n headings, each followed by
// a link to it, as the hostile-input row of issue 12 has them.
func anchorsSite(n int) fstest.MapFS {
	var b strings.Builder
	b.WriteString("---\ntitle: Anchors\n---\n")
	for i := range n {
		fmt.Fprintf(&b, "## Head %d\n\n[x](#head-%d)\n\n", i, i)
	}
	return fstest.MapFS{
		"content/_index.md":  {Data: []byte("---\ntitle: Home\n---\nHome.\n")},
		"content/anchors.md": {Data: []byte(b.String())},
	}
}

// TestAnchorsLookUpASet checks that a page's heading ids are looked up
// through a set built once, not by scanning the page's list for every
// link, which made a page of n headings and n links cost n² comparisons.
func TestAnchorsLookUpASet(t *testing.T) {
	const n = 500
	ids := make([]string, n)
	for i := range ids {
		ids[i] = fmt.Sprintf("head-%d", i)
	}
	few := &site.Page{Kind: site.Generic, HeadingIDs: ids[:fewHeadings]}
	many := &site.Page{Kind: site.Generic, HeadingIDs: ids}
	home := &site.Page{Kind: site.Home, HeadingIDs: ids}
	b := &builder{
		site:   &site.Site{Lists: map[site.Kind]*site.Page{}},
		bodies: []content.Body{{Page: few}, {Page: many}, {Page: home}},
	}
	b.computeAnchors()
	for _, p := range []*site.Page{many, home} {
		if got := len(b.headings[p]); got != n {
			t.Errorf("%v page: set of %d heading ids, want %d", p.Kind, got, n)
		}
	}
	if _, ok := b.headings[few]; ok {
		t.Errorf("a page of %d headings got a set; a scan is cheaper", fewHeadings)
	}
	for _, id := range ids {
		if !b.hasAnchor(many, id) || !b.hasHeading(many, id) {
			t.Fatalf("hasAnchor(%q) = false", id)
		}
	}
	if !b.hasAnchor(many, "main") || b.hasHeading(many, "main") {
		t.Errorf("template id main: anchor %v heading %v, want true false", b.hasAnchor(many, "main"), b.hasHeading(many, "main"))
	}
	if b.hasAnchor(many, "head-x") || b.hasAnchor(few, ids[n-1]) {
		t.Errorf("an id the page lacks was found")
	}
}

// TestAnchorsManyHeadings builds a page of many headings and links to
// them, and one link to a heading it lacks, which must be reported where
// it is.
func TestAnchorsManyHeadings(t *testing.T) {
	fsys := anchorsSite(2000)
	mustBuild(t, Inputs{FS: fsys})
	f := fsys["content/anchors.md"]
	f.Data = append(f.Data, "[y](#head-2000)\n"...)
	got := buildErrors(t, Inputs{FS: fsys})
	want := "content/anchors.md:8004:1: unknown heading #head-2000: this page has no heading with that id; did you mean #head-1000 or #head-200?"
	if len(got) != 1 || got[0] != want {
		t.Errorf("errors %q, want %q", got, want)
	}
}

// BenchmarkAnchors builds a page of n headings and n links to them. Time
// per op should double, not quadruple, from n to 2n; link-ms/op is the
// link-checking stage alone.
//
//	go test ./internal/build -run '^$' -bench Anchors -benchtime 3x
func BenchmarkAnchors(b *testing.B) {
	for _, n := range []int{25000, 50000} {
		fsys := anchorsSite(n)
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			var link float64
			for b.Loop() {
				res, err := Build(context.Background(), Inputs{FS: fsys, Sink: func(string, []byte) error { return nil }})
				if err != nil {
					b.Fatal(err)
				}
				link += float64(res.Stats.Link.Milliseconds())
			}
			b.ReportMetric(link/float64(b.N), "link-ms/op")
		})
	}
}
