package build

import (
	"reflect"
	"strings"
	"testing"
)

// linksPage is a page whose body (from line 4 of the file) is one test's
// Markdown.
func linksPage(body string) string {
	return "-- content/links.md --\n---\ntitle: Links\n---\n" + body + "\n"
}

func TestLinks(t *testing.T) {
	const natoLink = `<a href="/glossary/#nato" class="term" title="The North Atlantic alliance.">`
	tests := []struct {
		name  string
		body  string
		extra string // more txtar files
		want  []string
	}{
		// [[slug]], [[slug|label]], [[slug#id]] to every kind.
		{name: "slug-term", body: "[[nato]]", want: []string{natoLink + "NATO</a>"}},
		{name: "slug-label", body: "[[nato|the alliance]]", want: []string{natoLink + "the alliance</a>"}},
		{name: "slug-demand", body: "[[no-expansion]]", want: []string{`<a href="/demands/no-expansion/">No further NATO expansion</a>`}},
		{name: "slug-counterposition", body: "[[open-door]]", want: []string{`<a href="/counterpositions/open-door/">The open door</a>`}},
		{name: "slug-event", body: "[[minsk-ii]]", want: []string{`<a href="/timeline/#minsk-ii">Minsk II signed</a>`}},
		{name: "slug-actor", body: "[[lavrov]]", want: []string{`<a href="/actors/lavrov/">Sergey Lavrov</a>`}},
		{name: "slug-page", body: "[[about]]", want: []string{`<a href="/about/">About</a>`}},
		{name: "slug-anchor-page", body: "[[about#method]]", want: []string{`<a href="/about/#method">About</a>`}},
		{name: "slug-anchor-demand", body: "[[no-expansion#the-demand|the demand]]", want: []string{`<a href="/demands/no-expansion/#the-demand">the demand</a>`}},
		// A heading inside a glossary entry lives on the shared page under
		// the entry's prefix.
		{name: "slug-anchor-term", body: "[[nato#history]]", want: []string{`<a href="/glossary/#nato--history" class="term"`, `>NATO</a>`}},
		{name: "slug-anchor-explicit-id-term", body: "[[osce#work|its work]]", extra: "-- content/glossary/osce.md --\n---\ntitle: OSCE\nshort: A body.\n---\n## What it does {#work}\n", want: []string{`<a href="/glossary/#osce--work" class="term" title="A body.">its work</a>`}},

		// Titles and aliases match case-insensitively, for every kind; the
		// text shows the name as written.
		{name: "title-term", body: "[[nato]] [[Founding act]]", want: []string{`<a href="/glossary/#founding-act" class="term" title="The 1997 NATO-Russia agreement.">Founding act</a>`}},
		{name: "alias-term", body: "[[north ATLANTIC treaty organization]]", want: []string{natoLink + "north ATLANTIC treaty organization</a>"}},
		{name: "title-demand", body: "[[no further nato expansion]]", want: []string{`<a href="/demands/no-expansion/">no further nato expansion</a>`}},
		{name: "alias-demand", body: "[[EXPANSION DEMAND]]", want: []string{`<a href="/demands/no-expansion/">EXPANSION DEMAND</a>`}},
		{name: "title-counterposition", body: "[[the Open Door]]", want: []string{`<a href="/counterpositions/open-door/">the Open Door</a>`}},
		{name: "alias-counterposition", body: "[[open door policy]]", want: []string{`<a href="/counterpositions/open-door/">open door policy</a>`}},
		{name: "title-event", body: "[[minsk ii signed]]", want: []string{`<a href="/timeline/#minsk-ii">minsk ii signed</a>`}},
		{name: "alias-event", body: "[[Minsk Agreement|the deal]]", want: []string{`<a href="/timeline/#minsk-ii">the deal</a>`}},
		{name: "title-actor", body: "[[sergey lavrov]]", want: []string{`<a href="/actors/lavrov/">sergey lavrov</a>`}},
		{name: "alias-actor", body: "[[LAVROV]]", want: []string{`<a href="/actors/lavrov/">LAVROV</a>`}},
		{name: "title-page", body: "[[ABOUT]]", want: []string{`<a href="/about/">ABOUT</a>`}},
		{name: "alias-page", body: "[[about us]]", want: []string{`<a href="/about/">about us</a>`}},
		{name: "title-anchor", body: "[[Expansion demand#the-demand]]", want: []string{`<a href="/demands/no-expansion/#the-demand">Expansion demand</a>`}},

		// Markdown links to site paths are checked and kept.
		{name: "md-event-anchor", body: "[x](/timeline/#minsk-ii)", want: []string{`<a href="/timeline/#minsk-ii">x</a>`}},
		{name: "md-term-anchor", body: "[x](/glossary/#nato)", want: []string{`<a href="/glossary/#nato">x</a>`}},
		{name: "md-term-heading", body: "[x](/glossary/#nato--history)", want: []string{`<a href="/glossary/#nato--history">x</a>`}},
		{name: "md-page", body: "[x](/demands/no-expansion/)", want: []string{`<a href="/demands/no-expansion/">x</a>`}},
		{name: "md-page-no-slash", body: "[x](/demands/no-expansion)", want: []string{`<a href="/demands/no-expansion">x</a>`}},
		{name: "md-page-index", body: "[x](/about/index.html#method)", want: []string{`<a href="/about/index.html#method">x</a>`}},
		{name: "md-list", body: "[x](/demands/) [y](/timeline/)", want: []string{`<a href="/demands/">x</a>`, `<a href="/timeline/">y</a>`}},
		{name: "md-home", body: "[x](/)", want: []string{`<a href="/">x</a>`}},
		{name: "md-own-heading", body: "## Here\n\n[x](#here) [y](#main)", want: []string{`<a href="#here">x</a>`, `<a href="#main">y</a>`}},
		{name: "md-resource", body: "[doc](/files/doc.pdf) ![map](/files/map.png)", extra: "-- content/files/doc.pdf --\n%PDF\n-- content/files/map.png --\npng\n", want: []string{`<a href="/files/doc.pdf">doc</a>`, `<img src="/files/map.png" alt="map">`}},
		{name: "md-generated", body: "[feed](/atom.xml) [map](/sitemap.xml) [search](/search/)", want: []string{`<a href="/atom.xml">feed</a>`, `<a href="/search/">search</a>`}},
		{name: "md-query", body: "[x](/demands/?sort=date)", want: []string{`<a href="/demands/?sort=date">x</a>`}},
		{name: "md-external", body: "[x](https://example.org/nowhere/) [y](mailto:a@example.org) [z](relative/)", want: []string{`<a href="https://example.org/nowhere/">x</a>`, `<a href="relative/">z</a>`}},
		{name: "md-footnote-ref", body: "Claim[^1].\n\n[^1]: Note.", want: []string{`href="#fn:1"`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := mustBuild(t, Inputs{FS: baseSite(t, linksPage(tt.body)+tt.extra)})
			out := file(t, res, "links/index.html")
			for _, w := range tt.want {
				if !strings.Contains(out, w) {
					t.Errorf("links/index.html lacks\n\t%s\nin\n%s", w, out)
				}
			}
		})
	}
}

// TestLinkErrors checks each kind of broken link with its exact message
// and position.
func TestLinkErrors(t *testing.T) {
	const ambiguous = "-- content/glossary/alliance.md --\n---\ntitle: Alliance\nshort: A pact.\naliases: [The Pact]\n---\n" +
		"-- content/actors/pact.md --\n---\ntitle: The pact\n---\n"
	tests := []struct {
		name  string
		body  string
		extra string
		want  []string
	}{
		{name: "unknown", body: "See [[nobody]] here.", want: []string{
			"content/links.md:4:5: unknown link target [[nobody]]: no page or term has this slug, title or alias",
		}},
		{name: "unknown-with-label", body: "x [[nobody|someone]]", want: []string{
			"content/links.md:4:3: unknown link target [[nobody]]: no page or term has this slug, title or alias",
		}},
		{name: "ambiguous", body: "The [[the pact]].", extra: ambiguous, want: []string{
			`content/links.md:4:5: ambiguous link [[the pact]]: it matches "alliance" (content/glossary/alliance.md), "pact" (content/actors/pact.md); link by slug instead`,
		}},
		{name: "missing-heading", body: "[[nato#nohead]]", want: []string{
			`content/links.md:4:1: unknown heading [[nato#nohead]]: content/glossary/nato.md has no heading with id "nohead"`,
		}},
		{name: "missing-heading-page", body: "[[about#history]]", want: []string{
			`content/links.md:4:1: unknown heading [[about#history]]: content/about.md has no heading with id "history"`,
		}},
		{name: "missing-path", body: "Go [there](/nowhere/).", want: []string{
			"content/links.md:4:4: link to a missing page: nothing is published at /nowhere/",
		}},
		{name: "missing-image", body: "![map](/img/map.png)", want: []string{
			"content/links.md:4:1: link to a missing image: nothing is published at /img/map.png",
		}},
		{name: "missing-anchor", body: "[x](/timeline/#minsk-3)", want: []string{
			`content/links.md:4:1: link to /timeline/#minsk-3: that page has no element with id "minsk-3"`,
		}},
		{name: "missing-anchor-page", body: "[x](/about/#history)", want: []string{
			`content/links.md:4:1: link to /about/#history: that page has no element with id "history"`,
		}},
		{name: "missing-own-anchor", body: "[x](#nope)", want: []string{
			"content/links.md:4:1: unknown heading #nope: this page has no heading with that id",
		}},
		{name: "draft-target", body: "[[secret]]", extra: "-- content/secret.md --\n---\ntitle: Secret\ndraft: true\n---\n", want: []string{
			"content/links.md:4:1: link to a draft [[secret]]: content/secret.md is a draft (draft: true): remove that line to publish it, or build with --drafts to include drafts",
		}},
		{
			// Every error is reported, in file and position order, with
			// lines counted from the top of the file.
			name: "several",
			body: "[[a]]\n\nText [[b]] and [c](/c/).\n\n- [[d|x]]\n\n> [[e]]",
			extra: "-- content/glossary/term.md --\n+++\ntitle = \"Term\"\nshort = \"A term.\"\n+++\n\nFirst [[zzz]].\n" +
				"-- content/demands/no-expansion.md --\n---\ntitle: No further NATO expansion\n---\n|a|b|\n|-|-|\n|[[q]]|x|\n",
			want: []string{
				"content/demands/no-expansion.md:6:2: unknown link target [[q]]: no page or term has this slug, title or alias",
				"content/glossary/term.md:6:7: unknown link target [[zzz]]: no page or term has this slug, title or alias",
				"content/links.md:4:1: unknown link target [[a]]: no page or term has this slug, title or alias",
				"content/links.md:6:6: unknown link target [[b]]: no page or term has this slug, title or alias",
				"content/links.md:6:16: link to a missing page: nothing is published at /c/",
				"content/links.md:8:3: unknown link target [[d]]: no page or term has this slug, title or alias",
				"content/links.md:10:3: unknown link target [[e]]: no page or term has this slug, title or alias",
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := buildErrors(t, Inputs{FS: baseSite(t, linksPage(tt.body)+tt.extra)})
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("errors:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}
