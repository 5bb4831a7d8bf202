package content

import (
	"path"
	"regexp"
	"strings"
	"testing"

	"github.com/counterpoint-ssg/counterpoint/internal/diag"
	"github.com/counterpoint-ssg/counterpoint/internal/site"
)

// validSlug is the slug rule as a regular expression (lower-case ASCII
// letters and digits in words joined by single hyphens), the reference
// that ValidSlug's loop is held to.
func validSlug(s string) bool { return slugRE.MatchString(s) }

var slugRE = regexp.MustCompile(`^[a-z0-9]+(?:-[a-z0-9]+)*$`)

// FuzzValidSlug holds ValidSlug to the rule, and a valid slug to being
// safe wherever slugs go: a path segment, a URL, a fragment, an HTML id.
func FuzzValidSlug(f *testing.F) {
	for _, s := range []string{"nato", "no-expansion", "inf-1987", "2022", "", "-", "a-", "-a", "a--b", "NATO", "a_b", "é", "a/b", "..", "a\nb", "a\x00"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := ValidSlug(s)
		if got != validSlug(s) {
			t.Fatalf("ValidSlug(%q) = %v, want %v", s, got, !got)
		}
		if got && (path.Clean("/"+s+"/") != "/"+s || strings.ContainsAny(s, "/\\.#?&%<>\"' \t\n") || s != strings.ToLower(s)) {
			t.Fatalf("valid slug %q is not safe in a path, URL or id", s)
		}
	})
}

// FuzzLoadSource loads arbitrary bytes as a content file of each kind: no
// panic; every error names the file, with a line inside it and a column
// from 1; a page loaded without errors has a valid slug, a title and a
// URL of its kind.
func FuzzLoadSource(f *testing.F) {
	for _, s := range []string{
		"---\ntitle: X\n---\nBody\n",
		"---\ntitle: X\nslug: other\nweight: 2\ndraft: false\naliases: [a, b]\n---\n",
		"---\ntitle: X\nresponds_to: [a]\ndate: 2021-12\n---\n",
		"---\ntitle: X\nshort: S\n---\n",
		"---\ntitle: X\ndate: 2022-01-01\nend: 2022-02\nrelated: [x]\n---\n",
		"+++\ntitle = \"X\"\nsources = [{title = \"S\", url = \"https://example.org/\"}]\n+++\n",
		"---\ntitle: X\nsources:\n  - title: S\n    date: 2022-02-30\n    url: javascript:x\n---\n",
		"---\ntitle: \"\"\nweight: x\nslug: Bad\n---\n",
		"\xef\xbb\xbf---\r\ntitle: X\r\n---\r\n",
		"---\r\rtitle: X\r---\r",
		"no front matter",
		"---\ntitle: [\n---\n",
		"a\x00b", "\xff",
	} {
		for kind := range uint8(7) {
			f.Add(s, kind)
		}
	}
	dirs := []string{"", "demands/", "counterpositions/", "glossary/", "timeline/", "actors/", "notes/deep/"}
	f.Fuzz(func(t *testing.T, src string, kind uint8) {
		p := "content/" + dirs[int(kind)%len(dirs)] + "x.md"
		if kind%7 == 0 && kind >= 7 {
			p = "content/_index.md"
		}
		var errs diag.List
		pg, body, refs, ok := loadSource(p, []byte(src), &errs)
		lines := strings.Count(src, "\n") + strings.Count(src, "\r") + 1
		for _, e := range errs {
			if e.Path != p || e.Line < 1 || e.Line > lines || e.Col < 1 || e.Msg == "" {
				t.Fatalf("error %#v for a file of %d lines", *e, lines)
			}
		}
		if ok != (len(errs) == 0) {
			t.Fatalf("ok = %v with %d errors", ok, len(errs))
		}
		if pg == nil {
			if len(errs) == 0 {
				t.Fatal("no page and no error")
			}
			return
		}
		if body.Page != pg || body.Line < 1 {
			t.Fatalf("body of page %p at line %d", body.Page, body.Line)
		}
		for _, r := range refs {
			if r.ref.line < 1 || r.ref.col < 1 || r.ref.slug == "" {
				t.Fatalf("reference %+v", r.ref)
			}
		}
		if !ok {
			return
		}
		if pg.Title == "" || pg.URL == "" || (pg.Kind != site.Home && pg.Kind != site.List && !ValidSlug(pg.Slug)) {
			t.Fatalf("page loaded without errors: title %q, slug %q, url %q", pg.Title, pg.Slug, pg.URL)
		}
	})
}
