package build

import (
	"bytes"
	"io/fs"
	"strings"
	"testing"

	"github.com/counterpoint-ssg/counterpoint/internal/benchsite"
)

// pageBytesBudget bounds the mean size, in bytes, of a page of the
// generated 1,000-source site that is not a list, with the pictures off:
// what a fresh build writes grows with it. It is the size measured when
// it was set (14,044 bytes) with a little room; raise it only for
// something a reader gains. picturesBudget is the same with the pictures
// on (the table of contents on every page there, a demand's
// neighbourhood): 15,468 bytes when it was set.
const (
	pageBytesBudget = 14300
	picturesBudget  = 15800
)

// TestPageBytes holds the size of the pages of a generated site under a
// budget, and keeps out the repetitions cut to reach it.
func TestPageBytes(t *testing.T) {
	for _, c := range []struct {
		name     string
		pictures string
		budget   int
	}{{"pictures off", "pictures: false\n", pageBytesBudget}, {"pictures on", "", picturesBudget}} {
		t.Run(c.name, func(t *testing.T) {
			fsys := benchsite.Generate(1000)
			home := fsys["content/_index.md"]
			home.Data = bytes.Replace(home.Data, []byte("---\n"), []byte("---\n"+c.pictures), 1)
			pageBytes(t, fsys, c.budget)
		})
	}
}

func pageBytes(t *testing.T, fsys fs.FS, budget int) {
	res := mustBuild(t, Inputs{FS: fsys})
	var n, total int
	for _, p := range res.Paths() {
		data := res.Files[p]
		if !strings.HasSuffix(p, "/index.html") || strings.Count(p, "/") != 2 {
			continue // lists, the home page, 404
		}
		n++
		total += len(data)
		for _, dup := range []string{"data-short=", "twitter:title", "twitter:description", `"description":`} {
			if bytes.Contains(data, []byte(dup)) {
				t.Errorf("%s: %s repeats what the page says elsewhere", p, dup)
			}
		}
	}
	if n < 400 {
		t.Fatalf("only %d pages", n)
	}
	t.Logf("%d pages, %d bytes each on average", n, total/n)
	if total/n > budget {
		t.Errorf("pages average %d bytes, over the budget of %d", total/n, budget)
	}
}
