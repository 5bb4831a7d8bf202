package content

import (
	"fmt"
	"path"
	"slices"
	"strconv"
	"strings"

	"github.com/counterpoint-ssg/counterpoint/internal/date"
	"github.com/counterpoint-ssg/counterpoint/internal/diag"
	"github.com/counterpoint-ssg/counterpoint/internal/site"
	"github.com/counterpoint-ssg/counterpoint/internal/suggest"
)

func compareDates(a, b date.Date) int { return date.Compare(a, b) }

var listTitles = map[site.Kind]string{
	site.Demand:          "Demands",
	site.Counterposition: "Counterpositions",
	site.Term:            "Glossary",
	site.Event:           "Timeline",
	site.Actor:           "Actors",
}

// assemble files pages by kind, checks slugs are unique, creates list pages
// and resolves slugs named in front matter.
func assemble(s *site.Site, pages []*site.Page, pend []pending, left *LeftOut, errs *diag.List) {
	seen := map[string]*site.Page{}
	var content []*site.Page
	for _, p := range pages {
		p.Site = s
		switch p.Kind {
		case site.Home:
			continue
		case site.List:
			s.Lists[listKey(p)] = p
			continue
		}
		if first, dup := seen[p.Slug]; dup {
			errs.Add(p.Path, 1, 1, fmt.Sprintf("duplicate slug %q: %s already uses it (slugs are unique across all kinds)", p.Slug, first.Path))
			continue
		}
		seen[p.Slug] = p
		content = append(content, p)
		switch p.Kind {
		case site.Demand:
			s.Demands = append(s.Demands, p)
		case site.Counterposition:
			s.Counterpositions = append(s.Counterpositions, p)
		case site.Term:
			s.Terms = append(s.Terms, p)
		case site.Event:
			s.Events = append(s.Events, p)
		case site.Actor:
			s.Actors = append(s.Actors, p)
		default:
			s.Generic = append(s.Generic, p)
		}
	}
	if s.Home == nil {
		errs.Add("content/_index.md", 1, 1, "missing home page: every site needs content/_index.md with at least a title")
		s.Home = &site.Page{Kind: site.Home, URL: "/", Path: "content/_index.md", Params: map[string]any{}, Site: s}
	}
	s.All = content
	site.SortPages(s.Demands, site.ByWeight)
	site.SortPages(s.Counterpositions, site.ByWeight)
	site.SortPages(s.Actors, site.ByWeight)
	site.SortPages(s.Generic, site.ByWeight)
	site.SortPages(s.Terms, site.ByTitle)
	site.SortPages(s.Events, site.ByDate)

	for k := range listTitles {
		l := s.Lists[k]
		if l == nil {
			l = &site.Page{Kind: site.List, ListKind: k, Title: s.Word("kinds_" + string(k)), URL: "/" + site.Dir[k] + "/", Params: map[string]any{}, Site: s}
			s.Lists[k] = l
		}
		l.Slug = site.Dir[k]
		switch k {
		case site.Demand:
			l.Pages = s.Demands
		case site.Counterposition:
			l.Pages = s.Counterpositions
		case site.Term:
			l.Pages = s.Terms
		case site.Event:
			l.Pages = s.Events
		case site.Actor:
			l.Pages = s.Actors
		}
	}
	for key, l := range s.Lists {
		if l.ListKind != site.Generic {
			continue
		}
		l.Slug = string(key)
		for _, p := range s.Generic {
			if path.Dir(strings.TrimSuffix(p.URL, "/")) == strings.TrimSuffix(l.URL, "/") {
				l.Pages = append(l.Pages, p)
			}
		}
	}

	for _, r := range pend {
		t := seen[r.ref.slug]
		switch {
		case t == nil && left.IsBroken(r.ref.slug):
			// That file's own error is the one to fix.
		case t == nil && left.Draft(r.ref.slug) != nil:
			errs.Add(r.page.Path, r.ref.line, r.ref.col, fmt.Sprintf("%s: %q is not published: %s", r.key, r.ref.slug, DraftNote(left.Draft(r.ref.slug))))
		case t == nil:
			errs.Add(r.page.Path, r.ref.line, r.ref.col, fmt.Sprintf("%s: no page has the slug %q", r.key, r.ref.slug)+slugHint(r.key, r.ref.slug, content))
		case t == r.page:
			errs.Add(r.page.Path, r.ref.line, r.ref.col, fmt.Sprintf("%s: %q is this page itself", r.key, r.ref.slug))
		case r.key == "responds_to" && t.Kind != site.Demand:
			errs.Add(r.page.Path, r.ref.line, r.ref.col, fmt.Sprintf("responds_to: %q is a %s, not a demand", r.ref.slug, strings.ToLower(t.Kind.Label())))
		case r.key == "responds_to":
			if !slices.Contains(r.page.RespondsTo, t) { // a slug named twice counts once
				r.page.RespondsTo = append(r.page.RespondsTo, t)
			}
		default:
			if !slices.Contains(r.page.Related, t) {
				r.page.Related = append(r.page.Related, t)
			}
		}
	}
}

// listKey names a list page in Site.Lists: the kind for kind directories,
// the directory for other sections.
func listKey(p *site.Page) site.Kind {
	if p.ListKind != site.Generic {
		return p.ListKind
	}
	return site.Kind(strings.Trim(p.URL, "/"))
}

// slugHint suggests the slugs nearest to an unknown one: demands only for
// responds_to, any page for related.
func slugHint(key, slug string, pages []*site.Page) string {
	if key == "responds_to" {
		pages = slices.DeleteFunc(slices.Clone(pages), func(p *site.Page) bool { return p.Kind != site.Demand })
	}
	return suggest.Phrase(suggest.Closest(slug, Candidates(pages)), strconv.Quote)
}
