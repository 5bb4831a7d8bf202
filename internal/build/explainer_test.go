package build

import (
	"context"
	"fmt"
	"html"
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
	// Every position's byline names who first stated it, when, and the
	// source that records that statement, the same way for both sides.
	for _, p := range append(append([]*site.Page{}, s.Demands...), s.Counterpositions...) {
		if p.StatedBy == "" || p.StatedIn == nil || p.Date.IsZero() {
			t.Errorf("%s: the position lacks stated_by, stated_in or date", p.Path)
			continue
		}
		page := string(res.Files[p.OutputPath()])
		for _, want := range []string{
			`First stated by <span class="by">` + html.EscapeString(p.StatedBy) + `</span>, <time datetime="` + p.Date.ISO() + `">`,
			`<span class="src">Source: `,
			html.EscapeString(p.StatedIn.Publisher),
		} {
			if !strings.Contains(page, want) {
				t.Errorf("%s: the byline lacks %q", p.Path, want)
			}
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
// explainer's text is brief and appears word for word either in the source
// article or in the excerpt of a source the same page cites, so that every
// quotation can be traced to text someone has read.
func TestExplainerQuotesAreShortAndExact(t *testing.T) {
	root := repoRoot(t)
	article, err := os.ReadFile(root + "/../shared/seed/000_b74177ff50085945.txt")
	if err != nil {
		t.Skip("the source article is not beside the repository (../shared/seed); nothing to compare quotations with")
	}
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
		var excerpts []string
		for _, s := range p.Sources {
			if s.Excerpt == "" {
				continue
			}
			if n := len(strings.Fields(s.Excerpt)); n > 120 {
				t.Errorf("%s: the excerpt of %q has %d words; keep excerpts short", p.Path, s.Title, n)
			}
			excerpts = append(excerpts, s.Excerpt)
		}
		problems, n := checkQuotations(string(src), string(article), excerpts)
		checked += n
		for _, msg := range problems {
			t.Errorf("%s: %s", p.Path, msg)
		}
	}
	if checked == 0 {
		t.Error("no quotations found; the explainer quotes the people it attributes positions to")
	}
}

// TestCheckQuotations holds the quotation check to its rules on small
// inputs: a quotation must be in the article or in an excerpt of the same
// page, whole, and short.
func TestCheckQuotations(t *testing.T) {
	const article = "Antonov said: \u201cWe hope that our Western colleagues will not delay an answer.\u201d"
	page := func(body string) string { return "---\ntitle: X\n---\n" + body }
	for _, c := range []struct {
		name     string
		body     string
		excerpts []string
		problems int
	}{
		{"in the article", `He said "our Western colleagues will not delay" it.`, nil, 0},
		{"curly quotes in the article", "He said \u201cwill not delay an answer.\u201d", nil, 0},
		{"in an excerpt", `Blinken said it "sets out a serious diplomatic path forward."`, []string{"All told, it sets out a serious diplomatic path forward, should Russia choose it."}, 0},
		{"excerpt of another page", `Blinken said it "sets out a serious diplomatic path forward."`, nil, 1},
		{"not word for word", `He said "our Western partners will not delay" it.`, nil, 1},
		{"two words need no source", `a "substantive exchange" offer`, nil, 0},
		{"too long", `"` + strings.Repeat("word ", 41) + `"`, []string{strings.Repeat("word ", 41)}, 1},
		{"front matter and footnotes are not text", "[^1]: \"Some Title Of A Report\", 2022.", nil, 0},
	} {
		t.Run(c.name, func(t *testing.T) {
			problems, _ := checkQuotations(page(c.body), article, c.excerpts)
			if len(problems) != c.problems {
				t.Errorf("%d problems, want %d: %q", len(problems), c.problems, problems)
			}
		})
	}
}

// checkQuotations returns what is wrong with the quotations in a content
// file's text and how many it checked: each must be at most 40 words and,
// from three words up, appear word for word in the article or in one of
// the excerpts. Front matter and footnote lines (titles of sources) are not
// text.
func checkQuotations(file, article string, excerpts []string) (problems []string, checked int) {
	norm := func(s string) string {
		s = strings.NewReplacer("’", "'", "‘", "'", "“", `"`, "”", `"`, "—", "-", "–", "-").Replace(s)
		return strings.Join(strings.Fields(s), " ")
	}
	texts := []string{norm(article)}
	for _, e := range excerpts {
		texts = append(texts, norm(e))
	}
	body := file
	if strings.HasPrefix(body, "---") {
		if _, after, ok := strings.Cut(body[3:], "\n---"); ok {
			body = after
		}
	}
	var lines []string
	for _, l := range strings.Split(body, "\n") {
		if !strings.HasPrefix(l, "[^") {
			lines = append(lines, l)
		}
	}
	body = strings.NewReplacer("’", "'", "‘", "'", "“", `"`, "”", `"`).Replace(strings.Join(lines, "\n"))
	for _, q := range quotations(body) {
		checked++
		if n := len(strings.Fields(q)); n > 40 {
			problems = append(problems, fmt.Sprintf("quotation of %d words is too long: %q", n, q))
			continue
		}
		inner := norm(strings.Trim(q, ".,;: "))
		if len(strings.Fields(inner)) < 3 {
			continue
		}
		found := false
		for _, t := range texts {
			if strings.Contains(t, inner) {
				found = true
				break
			}
		}
		if !found {
			problems = append(problems, fmt.Sprintf("quotation not found word for word in the article or in an excerpt of this page's sources: %q", q))
		}
	}
	return problems, checked
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
