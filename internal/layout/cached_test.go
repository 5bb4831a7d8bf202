package layout

import (
	"strings"
	"testing"
	"testing/fstest"

	"github.com/counterpoint-ssg/counterpoint/internal/site"
)

// partialCached must give exactly what {{template}} gives, once per page
// per build, and forget everything on ResetCache.
func TestPartialCached(t *testing.T) {
	fsys := fstest.MapFS{
		"layouts/baseof.html":         {Data: []byte(`{{block "main" .}}{{end}}`)},
		"layouts/page.html":           {Data: []byte(`{{define "main"}}[{{template "partials/x.html" .}}|{{partialCached "partials/x.html" .}}|{{partialCached "partials/x.html" .}}]{{end}}`)},
		"layouts/partials/x.html":     {Data: []byte(`<a href="{{.Href}}">{{.Title}}</a>`)},
		"layouts/partials/other.html": {Data: []byte(`{{partialCached "partials/nope.html" .}}`)},
	}
	set, errs := Load(fsys, Funcs(URLs{Base: "/", Path: "/"}, func(string) (string, bool) { return "", false }))
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	p := &site.Page{Kind: site.Generic, Title: `A <b> & "c"`, Href: "/a/?x=1&y=2", Site: &site.Site{}}
	out, err := set.ExecuteString("page.html", p)
	if err != nil {
		t.Fatal(err)
	}
	parts := strings.Split(strings.Trim(string(out), "[]"), "|")
	if len(parts) != 3 || parts[0] != parts[1] || parts[1] != parts[2] {
		t.Fatalf("cached output differs from inline: %q", out)
	}
	p.Title = "changed"
	out2, _ := set.ExecuteString("page.html", p)
	if !strings.Contains(string(out2), "[<a href=\"/a/?x=1&amp;y=2\">changed</a>|<a href=\"/a/?x=1&amp;y=2\">A &lt;b&gt;") {
		t.Fatalf("within a build the cached partial must be reused: %q", out2)
	}
	set.ResetCache()
	out3, _ := set.ExecuteString("page.html", p)
	if strings.Contains(string(out3), "&lt;b&gt;") {
		t.Fatalf("after ResetCache the partial must be rendered again: %q", out3)
	}
	if _, err := set.runPartial("partials/nope.html", p); err == nil {
		t.Fatal("unknown partial: want an error")
	}
}
