package content

import (
	"fmt"
	"strings"

	"github.com/counterpoint-ssg/counterpoint/internal/diag"
	"github.com/counterpoint-ssg/counterpoint/internal/frontmatter"
	"github.com/counterpoint-ssg/counterpoint/internal/site"
)

// menu reads the home page's menu setting: a list of {title, link}. It
// returns nil when there is none, and checks each entry's shape here,
// where positions are known; resolveMenu checks the slugs once every page
// is loaded.
func (f *fields) menu() []site.MenuEntry {
	v := f.get("menu")
	if v == nil {
		return nil
	}
	if v.Kind != frontmatter.Seq {
		f.errAt(v, "menu must be a list of {title, link}, not %s", v.Describe())
		return nil
	}
	out := make([]site.MenuEntry, 0, len(v.Seq))
	for _, e := range v.Seq {
		if e.Kind != frontmatter.Map {
			f.errAt(e, "each menu entry must be a mapping with title and link, not %s", e.Describe())
			continue
		}
		sub := &fields{path: f.path, m: e, errs: f.errs}
		title, link := strings.TrimSpace(sub.str("title")), strings.TrimSpace(sub.str("link"))
		if title == "" || link == "" {
			sub.errAt(e, "a menu entry needs a title and a link")
			continue
		}
		lv := e.Get("link")
		if !strings.HasPrefix(link, "/") && !safeURL(link) && !ValidSlug(link) {
			sub.errAt(lv, "menu link %q: use a page's slug, a site path (/timeline/) or an http(s) URL", link)
			continue
		}
		out = append(out, site.MenuEntry{Title: title, Link: link, Line: lv.Line, Col: lv.Col})
	}
	return out
}

// defaultMenu is the navigation of a site without a menu setting: its
// sections.
var defaultMenu = []site.Kind{site.Demand, site.Counterposition, site.Event, site.Term, site.Actor}

// resolveMenu sets Site.Menu: the home page's menu setting with each slug
// turned into its page's URL (an unknown slug is an error at its entry),
// or the sections when there is no setting (actors only if the site has
// any).
func resolveMenu(s *site.Site, errs *diag.List) {
	s.Menu = nil
	if s.Home == nil || s.Home.Menu == nil {
		for _, k := range defaultMenu {
			if k == site.Actor && len(s.Actors) == 0 {
				continue
			}
			u := "/" + site.Dir[k] + "/"
			s.Menu = append(s.Menu, site.MenuEntry{Title: s.Word("kinds_" + string(k)), URL: u})
		}
		return
	}
	var bySlug map[string]*site.Page
	for _, e := range s.Home.Menu {
		switch {
		case strings.HasPrefix(e.Link, "/") || safeURL(e.Link):
			e.URL = e.Link
		default:
			if bySlug == nil {
				bySlug = make(map[string]*site.Page, len(s.All)+len(s.Lists))
				for _, l := range s.Lists {
					bySlug[l.Slug] = l
				}
				for _, p := range s.All {
					bySlug[p.Slug] = p
				}
			}
			p := bySlug[e.Link]
			if p == nil {
				errs.Add(s.Home.Path, e.Line, e.Col, fmt.Sprintf("menu: no page has the slug %q", e.Link))
				continue
			}
			e.URL = p.URL
		}
		s.Menu = append(s.Menu, e)
	}
}
