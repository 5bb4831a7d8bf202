package build

import (
	"context"
	"os"
	"strings"
	"testing"

	"github.com/counterpoint-ssg/counterpoint/internal/site"
)

// TestExplainerContent builds the repository's own explainer and holds it
// to its editorial minimums: enough demands, counterpositions, terms,
// events and actors; every counterposition answering a demand; every term
// used somewhere; every event tied to a page or a source; sources on every
// page; short quotations only.
func TestExplainerContent(t *testing.T) {
	root := repoRoot(t)
	res, err := Build(context.Background(), Inputs{FS: os.DirFS(root)})
	if err != nil {
		t.Fatalf("the explainer does not build:\n%v", err)
	}
	s := res.Site
	for _, c := range []struct {
		kind  string
		pages []*site.Page
		min   int
	}{
		{"demands", s.Demands, 5},
		{"counterpositions", s.Counterpositions, 6},
		{"glossary terms", s.Terms, 25},
		{"timeline events", s.Events, 15},
		{"actors", s.Actors, 7},
	} {
		if len(c.pages) < c.min {
			t.Errorf("%d %s, want at least %d", len(c.pages), c.kind, c.min)
		}
	}
	for _, c := range s.Counterpositions {
		if len(c.RespondsTo) == 0 {
			t.Errorf("%s answers no demand", c.Path)
		}
		if c.Respondent == "" {
			t.Errorf("%s names no respondent", c.Path)
		}
	}
	for _, d := range s.Demands {
		if d.Claimant == "" {
			t.Errorf("%s names no claimant", d.Path)
		}
		if len(d.Counterpositions) == 0 {
			t.Errorf("%s: no counterposition answers it", d.Path)
		}
	}
	for _, term := range s.Terms {
		if len(term.Backlinks) == 0 {
			t.Errorf("%s: the term is used nowhere", term.Path)
		}
	}
	for _, e := range s.Events {
		if len(e.Related) == 0 && len(e.Sources) == 0 {
			t.Errorf("%s: the event has neither related pages nor sources", e.Path)
		}
	}
	all := append([]*site.Page{s.Home}, s.All...)
	for _, p := range all {
		if len(p.Sources) == 0 {
			t.Errorf("%s has no sources", p.Path)
		}
		for _, src := range p.Sources {
			if src.Publisher == "" || src.Date.IsZero() {
				t.Errorf("%s: source %q lacks a publisher or a date", p.Path, src.Title)
			}
		}
	}
	for _, name := range []string{"about/index.html", "index.html", "glossary/index.html", "timeline/index.html"} {
		if _, ok := res.Files[name]; !ok {
			t.Errorf("the site has no %s", name)
		}
	}
}

// TestExplainerQuotesAreShortAndExact checks that every quotation in the
// explainer's text is brief and appears word for word in the source
// article, when the article is available beside the repository.
func TestExplainerQuotesAreShortAndExact(t *testing.T) {
	root := repoRoot(t)
	article, err := os.ReadFile(root + "/../shared/seed/000_b74177ff50085945.txt")
	if err != nil {
		t.Skip("the source article is not beside the repository (../shared/seed); nothing to compare quotations with")
	}
	norm := func(s string) string {
		return strings.NewReplacer("’", "'", "‘", "'", "“", `"`, "”", `"`, "—", "-", "–", "-").Replace(s)
	}
	text := norm(string(article))
	res, err := Build(context.Background(), Inputs{FS: os.DirFS(root)})
	if err != nil {
		t.Fatal(err)
	}
	checked := 0
	for _, p := range append([]*site.Page{res.Site.Home}, res.Site.All...) {
		src, err := os.ReadFile(root + "/" + p.Path)
		if err != nil {
			t.Fatal(err)
		}
		body := string(src)
		if _, after, ok := strings.Cut(body[3:], "\n---"); ok {
			body = after // quotations are checked in the text, not in titles of sources
		}
		// Footnotes cite other sources by title; those titles are not quotations.
		var lines []string
		for _, l := range strings.Split(body, "\n") {
			if !strings.HasPrefix(l, "[^") {
				lines = append(lines, l)
			}
		}
		body = strings.Join(lines, "\n")
		for _, q := range quotations(norm(body)) {
			checked++
			if len(strings.Fields(q)) > 40 {
				t.Errorf("%s: quotation of %d words is too long: %q", p.Path, len(strings.Fields(q)), q)
			}
			inner := strings.Trim(q, ".,;: ")
			if len(strings.Fields(inner)) >= 3 && !strings.Contains(text, inner) {
				t.Errorf("%s: quotation not found word for word in the article: %q", p.Path, q)
			}
		}
	}
	if checked == 0 {
		t.Error("no quotations found; the explainer quotes the people it attributes positions to")
	}
}

// quotations returns the text between straight double quotes, skipping
// Markdown link titles and HTML attributes.
func quotations(s string) []string {
	var out []string
	for {
		i := strings.IndexByte(s, '"')
		if i < 0 {
			return out
		}
		j := strings.IndexByte(s[i+1:], '"')
		if j < 0 {
			return out
		}
		q := s[i+1 : i+1+j]
		if !strings.Contains(q, "\n\n") && !strings.ContainsAny(q, "[]()=") {
			out = append(out, q)
		}
		s = s[i+j+2:]
	}
}
