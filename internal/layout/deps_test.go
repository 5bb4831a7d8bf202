package layout

import (
	"reflect"
	"testing"
)

func TestBodyDeps(t *testing.T) {
	own := BodyDeps{Own: true}
	all := BodyDeps{All: true}
	cases := []struct {
		name, src string
		want      BodyDeps
	}{
		{"page.html", `{{define "main"}}{{.Content}}{{end}}`, own},
		{"page.html", `{{define "main"}}{{$.Content}}{{with .Summary}}{{.}}{{end}}{{end}}`, own},
		{"page.html", `{{define "main"}}{{with .Content}}<div>{{.}}</div>{{end}}{{end}}`, own},
		{"page.html", `{{define "main"}}{{range .Backlinks}}{{.Content}}{{end}}{{end}}`, all},
		{"page.html", `{{define "main"}}{{with .Prev}}{{.Content}}{{end}}{{end}}`, all},
		{"page.html", `{{define "main"}}{{.Prev.Content}}{{end}}`, all},
		{"page.html", `{{define "main"}}{{range $p := .Links}}{{$p.Content}}{{end}}{{end}}`, all},
		{"home.html", `{{define "main"}}{{range .Site.Demands}}{{.Content}}{{end}}{{end}}`, BodyDeps{Kinds: map[string]bool{"demand": true}}},
		{"page.html", `{{define "main"}}{{if .HasCode}}x{{end}}{{end}}`, own},
		{"page.html", `{{define "main"}}{{range .Links}}{{if .HasCode}}x{{end}}{{end}}{{end}}`, all},
		{"partials/card.html", `{{.Title}}`, BodyDeps{}},
		{"partials/card.html", `{{.Content}}`, all},
		{"glossary.html", `{{define "main"}}{{range .Site.TermsByLetter}}{{range .Pages}}{{.Content}}{{end}}{{end}}{{end}}`, BodyDeps{Kinds: map[string]bool{"term": true}}},
		{"glossary.html", `{{define "main"}}{{$g := .Site.TermsByLetter}}{{range $g}}{{range .Pages}}{{.Content}}{{end}}{{end}}{{end}}`, BodyDeps{Kinds: map[string]bool{"term": true}}},
		{"glossary.html", `{{define "main"}}{{range $g := .Site.TermsByLetter}}{{range $t := $g.Pages}}{{$t.Content}}{{end}}{{end}}{{end}}`, BodyDeps{Kinds: map[string]bool{"term": true}}},
		{"timeline.html", `{{define "main"}}{{range .Site.TimelineEras}}{{range .Years}}{{range .Pages}}{{with .Content}}{{.}}{{end}}{{end}}{{end}}{{end}}{{end}}`, BodyDeps{Kinds: map[string]bool{"event": true}}},
		{"list.html", `{{define "main"}}{{range .Pages}}{{.Content}}{{end}}{{end}}`, BodyDeps{Members: true}},
		{"list.html", `{{define "main"}}{{range $p := .Pages}}{{$p.Content}}{{end}}{{end}}`, BodyDeps{Members: true}},
		{"list.html", `{{define "main"}}{{range .Pages}}{{range .Backlinks}}{{.Content}}{{end}}{{end}}{{end}}`, all},
		{"page.html", `{{define "main"}}{{.Content | printf "%s"}}{{end}}`, own},
		{"page.html", `{{define "main"}}{{printf "%s" (index .Links 0).Content}}{{end}}`, all},
		{"page.html", `{{define "main"}`, all},
	}
	for _, c := range cases {
		if got := bodyDeps(c.name, []byte(c.src)); !reflect.DeepEqual(got, c.want) {
			t.Errorf("%s %s: got %+v, want %+v", c.name, c.src, got, c.want)
		}
	}
}
