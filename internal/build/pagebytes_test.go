package build

import (
	"bytes"
	"strings"
	"testing"

	"github.com/counterpoint-ssg/counterpoint/internal/benchsite"
)

// pageBytesBudget bounds the mean size, in bytes, of a page of the
// generated 1,000-source site that is not a list: what a fresh build
// writes grows with it. It is the size measured when it was set (14,044
// bytes) with a little room; raise it only for something a reader gains.
const pageBytesBudget = 14300

// TestPageBytes holds the size of the pages of a generated site under a
// budget, and keeps out the repetitions cut to reach it.
func TestPageBytes(t *testing.T) {
	res := mustBuild(t, Inputs{FS: benchsite.Generate(1000)})
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
	if total/n > pageBytesBudget {
		t.Errorf("pages average %d bytes, over the budget of %d", total/n, pageBytesBudget)
	}
}
