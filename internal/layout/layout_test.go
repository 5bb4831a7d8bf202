package layout

import (
	"errors"
	"html/template"
	"testing"
	"testing/fstest"

	"github.com/counterpoint-ssg/counterpoint/internal/diag"
	"github.com/counterpoint-ssg/counterpoint/internal/site"
)

// TestFor checks the lookup rules: each page's own layout when there is
// one, else its fallback.
func TestFor(t *testing.T) {
	all := []string{"home.html", "demand.html", "counterposition.html", "actor.html", "page.html", "glossary.html", "timeline.html", "search.html", "list.html", "404.html"}
	minimal := []string{"page.html", "list.html"}
	tests := []struct {
		page      *site.Page
		full, min string
	}{
		{&site.Page{Kind: site.Home}, "home.html", "page.html"},
		{&site.Page{Kind: site.Demand}, "demand.html", "page.html"},
		{&site.Page{Kind: site.Counterposition}, "counterposition.html", "page.html"},
		{&site.Page{Kind: site.Actor}, "actor.html", "page.html"},
		{&site.Page{Kind: site.Generic}, "page.html", "page.html"},
		{&site.Page{Kind: site.List, ListKind: site.Term}, "glossary.html", "list.html"},
		{&site.Page{Kind: site.List, ListKind: site.Event}, "timeline.html", "list.html"},
		{&site.Page{Kind: site.List, ListKind: "search"}, "search.html", "list.html"},
		{&site.Page{Kind: site.List, ListKind: site.Demand}, "list.html", "list.html"},
		{&site.Page{Kind: site.List, ListKind: site.Generic}, "list.html", "list.html"},
		{&site.Page{Kind: site.NotFound}, "404.html", "page.html"},
	}
	set := func(names []string) *Set {
		s := &Set{pages: map[string]*template.Template{}}
		for _, n := range names {
			s.pages[n] = template.New(n)
		}
		return s
	}
	full, min := set(all), set(minimal)
	for _, tt := range tests {
		name := string(tt.page.Kind) + "/" + string(tt.page.ListKind)
		t.Run(name, func(t *testing.T) {
			if got := full.For(tt.page); got != tt.full {
				t.Errorf("with every layout: For = %s, want %s", got, tt.full)
			}
			if got := min.For(tt.page); got != tt.min {
				t.Errorf("with page.html and list.html only: For = %s, want %s", got, tt.min)
			}
		})
	}
}

func funcs() template.FuncMap {
	return Funcs(URLs{Base: "https://example.org/sub/", Path: "/sub/"}, func(name string) (string, bool) {
		return "assets/" + name, name == "site.css"
	})
}

func TestLoadOverride(t *testing.T) {
	fsys := fstest.MapFS{
		"layouts/baseof.html":        {Data: []byte(`<html>{{template "partials/head.html" .}}{{block "main" .}}{{end}}</html>`)},
		"layouts/partials/head.html": {Data: []byte(`<link href="{{asset "site.css"}}"><a href="{{url "/x/"}}">{{absurl "/x/"}}</a>`)},
		"layouts/page.html":          {Data: []byte(`{{define "main"}}<h1>{{.Title}}</h1>{{end}}`)},
		"layouts/.page.html.swp":     {Data: []byte(`{{`)},
	}
	s, errs := Load(fsys, funcs())
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	out, err := s.ExecuteString("page.html", &site.Page{Kind: site.Generic, Title: "T"})
	if err != nil {
		t.Fatal(err)
	}
	if want := `<html><link href="/sub/assets/site.css"><a href="/sub/x/">https://example.org/sub/x/</a><h1>T</h1></html>`; string(out) != want {
		t.Errorf("got %s\nwant %s", out, want)
	}
	// Layouts the site does not provide come from the defaults.
	for _, n := range []string{"glossary.html", "timeline.html", "list.html", "home.html"} {
		if _, ok := s.pages[n]; !ok {
			t.Errorf("no built-in %s", n)
		}
	}
}

func TestLoadErrors(t *testing.T) {
	tests := []struct {
		name  string
		files map[string]string
		want  string
	}{
		{"syntax", map[string]string{"layouts/page.html": "{{define \"main\"}}\n{{range}}{{end}}{{end}}"}, "layouts/page.html:2:1: missing value for range"},
		{"unclosed", map[string]string{"layouts/list.html": "{{define \"main\"}}{{if .Title}}"}, "layouts/list.html:1:1: unexpected EOF"},
		{"no-main", map[string]string{"layouts/page.html": "<p>{{.Title}}</p>"}, `layouts/page.html:1:1: page layouts must define {{define "main"}}...{{end}}`},
		{"partial", map[string]string{"layouts/partials/x.html": "{{end}}"}, "layouts/partials/x.html:1:1: unexpected {{end}}"},
		{"base", map[string]string{"layouts/baseof.html": "{{nosuch}}"}, `layouts/baseof.html:1:1: function "nosuch" not defined`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := fstest.MapFS{}
			for k, v := range tt.files {
				fsys[k] = &fstest.MapFile{Data: []byte(v)}
			}
			_, errs := Load(fsys, funcs())
			if len(errs) != 1 || errs[0].Error() != tt.want {
				t.Errorf("errors = %v, want %s", errs, tt.want)
			}
		})
	}
}

func TestExecuteErrors(t *testing.T) {
	fsys := fstest.MapFS{
		"layouts/baseof.html":  {Data: []byte(`{{block "main" .}}{{end}}`)},
		"layouts/page.html":    {Data: []byte("{{define \"main\"}}\n  {{.Params.nokey}}{{end}}")},
		"layouts/actor.html":   {Data: []byte(`{{define "main"}}{{asset "nope.js"}}{{end}}`)},
		"layouts/demand.html":  {Data: []byte(`{{define "main"}}{{template "partials/missing.html" .}}{{end}}`)},
		"layouts/partials/.x~": {Data: []byte(`ignored`)},
	}
	s, errs := Load(fsys, funcs())
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	tests := []struct {
		layout string
		want   string
	}{
		{"page.html", `layouts/page.html:2:12: executing "main" at <.Params.nokey>: map has no entry for key "nokey"`},
		{"actor.html", `layouts/actor.html:1:20: executing "main" at <asset "nope.js">: error calling asset: no asset named "nope.js" in assets/`},
		{"demand.html", `layouts/demand.html:1:29: no such template "partials/missing.html"`},
		{"missing.html", `layouts/missing.html:1:1: missing layout`},
	}
	for _, tt := range tests {
		t.Run(tt.layout, func(t *testing.T) {
			_, err := s.ExecuteString(tt.layout, &site.Page{Kind: site.Generic, Params: map[string]any{}, Site: &site.Site{}})
			if err == nil || err.Error() != tt.want {
				t.Errorf("error = %v\nwant %s", err, tt.want)
			}
			var de *diag.Error
			if !errors.As(err, &de) {
				t.Errorf("error %T is not a *diag.Error", err)
			}
		})
	}
}
