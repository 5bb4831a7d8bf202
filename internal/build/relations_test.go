package build

import (
	"reflect"
	"strings"
	"testing"

	"github.com/counterpoint-ssg/counterpoint/internal/site"
)

func pageBySlug(t *testing.T, s *site.Site, slug string) *site.Page {
	t.Helper()
	for _, p := range s.All {
		if p.Slug == slug {
			return p
		}
	}
	t.Fatalf("no page with slug %q", slug)
	return nil
}

func slugsOf(ps []*site.Page) []string {
	out := []string{}
	for _, p := range ps {
		out = append(out, p.Slug)
	}
	return out
}

func slugOf(p *site.Page) string {
	if p == nil {
		return ""
	}
	return p.Slug
}

// TestRelations builds the base site with links added and checks every
// derived relation in the model and where the layouts show it.
func TestRelations(t *testing.T) {
	fsys := baseSite(t, `
-- content/about.md --
---
title: About
---
On [[nato]] and [[NATO]] again, and [[no-expansion]].
-- content/demands/guarantees.md --
---
title: Legally binding guarantees
date: 2021-12
weight: 2
---
The [[North Atlantic Treaty Organization]] and [[lavrov]]; see [the act](/glossary/#founding-act).
-- content/timeline/minsk-ii.md --
---
title: Minsk II signed
date: 2015-02-12
related: [no-expansion]
---
Signed by [[lavrov]] with [[nato|the alliance]] watching.
`)
	res := mustBuild(t, Inputs{FS: fsys})
	s := res.Site
	get := func(slug string) *site.Page { return pageBySlug(t, s, slug) }

	tests := []struct {
		name string
		got  []*site.Page
		want []string
	}{
		// A counterposition names demands in responds_to; each demand knows
		// who answers it.
		{"talks responds to", get("talks").RespondsTo, []string{"no-expansion", "guarantees"}},
		{"no-expansion counterpositions", get("no-expansion").Counterpositions, []string{"open-door", "talks"}},
		{"guarantees counterpositions", get("guarantees").Counterpositions, []string{"talks"}},
		// Events name related pages; each page knows its events, in date order.
		{"founding-act-signed related", get("founding-act-signed").Related, []string{"founding-act", "no-expansion", "open-door"}},
		{"no-expansion events", get("no-expansion").Events, []string{"founding-act-signed", "minsk-ii"}},
		{"open-door events", get("open-door").Events, []string{"founding-act-signed"}},
		{"founding-act events", get("founding-act").Events, []string{"founding-act-signed"}},
		{"guarantees events", get("guarantees").Events, []string{"draft-treaties"}},
		{"talks events", get("talks").Events, []string{}},
		// Backlinks from [[links]] and from Markdown links to entries,
		// ordered by kind (demands, ..., events, terms, pages), then title.
		{"nato backlinks", get("nato").Backlinks, []string{"guarantees", "minsk-ii", "about"}},
		{"lavrov backlinks", get("lavrov").Backlinks, []string{"guarantees", "minsk-ii"}},
		{"founding-act backlinks", get("founding-act").Backlinks, []string{"guarantees"}},
		{"no-expansion backlinks", get("no-expansion").Backlinks, []string{"about"}},
		{"osce backlinks", get("osce").Backlinks, []string{}},
		// Links in first-use order, each once.
		{"about links", get("about").Links, []string{"nato", "no-expansion"}},
		{"guarantees terms", get("guarantees").Terms, []string{"nato", "founding-act"}},
		{"guarantees actors", get("guarantees").Actors, []string{"lavrov"}},
		// List pages in list order.
		{"demands list", s.Lists[site.Demand].Pages, []string{"no-expansion", "guarantees"}},
		{"glossary list", s.Lists[site.Term].Pages, []string{"founding-act", "nato", "osce"}},
		{"timeline list", s.Lists[site.Event].Pages, []string{"founding-act-signed", "minsk-ii", "draft-treaties"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := slugsOf(tt.got); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}

	t.Run("prev-next", func(t *testing.T) {
		for _, n := range []struct{ slug, prev, next string }{
			{"no-expansion", "", "guarantees"},
			{"guarantees", "no-expansion", ""},
			{"open-door", "", "talks"},
			{"talks", "open-door", ""},
			{"lavrov", "", ""},
		} {
			p := get(n.slug)
			if slugOf(p.Prev) != n.prev || slugOf(p.Next) != n.next {
				t.Errorf("%s: prev %q next %q, want %q and %q", n.slug, slugOf(p.Prev), slugOf(p.Next), n.prev, n.next)
			}
		}
	})

	t.Run("glossary-used-in", func(t *testing.T) {
		out := file(t, res, "glossary/index.html")
		want := `<div id="nato"><dt>NATO</dt><dd>`
		i := strings.Index(out, want)
		if i < 0 {
			t.Fatalf("glossary lacks %s:\n%s", want, out)
		}
		entry, _, _ := strings.Cut(out[i:], "</div>")
		used := `<p class="used-in">Used in: <a href="/demands/guarantees/">Legally binding guarantees</a> <a href="/timeline/#minsk-ii">Minsk II signed</a> <a href="/about/">About</a> </p>`
		if !strings.Contains(entry, used) {
			t.Errorf("NATO entry lacks\n%s\nin\n%s", used, entry)
		}
	})
}

// TestRelationsDuplicates: naming a page twice in responds_to or related
// is an error at the second mention (it used to be accepted silently, and
// is usually a slip for another slug), as is an event related to itself.
func TestRelationsDuplicates(t *testing.T) {
	fsys := baseSite(t, `
-- content/counterpositions/open-door.md --
---
title: The open door
responds_to: [no-expansion, no-expansion]
---
-- content/timeline/minsk-ii.md --
---
title: Minsk II signed
date: 2015-02-12
related: [nato, minsk-ii, nato]
---
`)
	got := buildErrors(t, Inputs{FS: fsys})
	want := []string{
		`content/counterpositions/open-door.md:3:29: responds_to: "no-expansion" is named twice`,
		`content/timeline/minsk-ii.md:4:17: related: "minsk-ii" is this page itself`,
		`content/timeline/minsk-ii.md:4:27: related: "nato" is named twice`,
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("errors:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
