// Package mapsvg draws the site's pictures of who answers whom as inline
// SVG, at build time: the relationship map (every demand beside the
// counterpositions answering it, grouped by claimant and respondent) and
// each demand's neighbourhood. It turns the site model into layered
// graphs, has graphlayout place them and writes the SVG; the layouts
// show the result (partials/map.html, partials/neighbourhood.html).
package mapsvg

import (
	"fmt"
	"html/template"
	"slices"
	"strings"
	"unicode"

	"github.com/counterpoint-ssg/counterpoint/internal/graphlayout"
	"github.com/counterpoint-ssg/counterpoint/internal/site"
)

// The limits keep the cost of drawing linear and the pages small: the
// home page draws every position up to HomeLimit of them and otherwise
// links to /map/, which draws every position up to FullLimit and
// otherwise one box per side. A neighbourhood shows at most Around
// pages in each of its outer columns.
const (
	HomeLimit = 60
	FullLimit = 300
	Around    = 8
)

// scale is how much larger than its layout a map is shown where there
// is room: the layout's units are sized for a phone.
const scale = 1.25

// Map draws the relationship map of s. Pages must have their Href.
func Map(s *site.Site, mapHref string) (*site.Map, error) {
	m := &site.Map{Positions: len(s.Demands) + len(s.Counterpositions), Href: mapHref}
	m.Claimants = groups(s.Demands, func(p *site.Page) string { return p.Claimant }, "claimant-")
	m.Respondents = groups(s.Counterpositions, func(p *site.Page) string { return p.Respondent }, "respondent-")
	if m.Positions == 0 {
		return m, nil
	}
	var err error
	if m.Positions <= FullLimit {
		if m.Full, err = relations(s, "map").write(); err != nil {
			return nil, err
		}
		if m.Positions <= HomeLimit {
			m.Home = m.Full
		}
		return m, nil
	}
	m.Grouped = true
	m.Full, err = sides(s, m.Claimants, m.Respondents).write()
	return m, err
}

// relations is the map of every demand and counterposition.
func relations(s *site.Site, id string) *drawing {
	d := newDrawing(s, id, s.Word("map_title"), s.Word("map_desc"))
	d.g.Titles = []string{s.Word("kinds_demand"), s.Word("kinds_counterposition")}
	at := map[*site.Page]int{}
	for _, p := range s.Demands {
		at[p] = d.add(p.Title, p.Claimant, 0, p.Href, "map-demand")
	}
	for _, c := range s.Counterpositions {
		i := d.add(c.Title, c.Respondent, 1, c.Href, "map-cp")
		for _, p := range c.RespondsTo {
			if j, ok := at[p]; ok {
				d.g.Edges = append(d.g.Edges, graphlayout.Edge{From: j, To: i})
			}
		}
	}
	return d
}

// sides is the map of a site too large to draw page by page: one box
// per claimant and per respondent, with the number of positions, linked
// to that side's list on /map/; a line where one side answers the other.
func sides(s *site.Site, claimants, respondents []site.Group) *drawing {
	d := newDrawing(s, "map", s.Word("map_title"), s.Word("map_sides_desc"))
	d.g.Titles = []string{s.Word("kinds_demand"), s.Word("kinds_counterposition")}
	at := map[string]int{}
	for _, g := range claimants {
		at[g.Key] = d.add(fmt.Sprintf("%s (%d)", name(s, g.Key), len(g.Pages)), "", 0, "#"+g.ID, "map-demand")
	}
	for _, g := range respondents {
		i := d.add(fmt.Sprintf("%s (%d)", name(s, g.Key), len(g.Pages)), "", 1, "#"+g.ID, "map-cp")
		joined := map[int]bool{}
		for _, c := range g.Pages {
			for _, p := range c.RespondsTo {
				if j, ok := at[p.Claimant]; ok && !joined[j] {
					joined[j] = true
					d.g.Edges = append(d.g.Edges, graphlayout.Edge{From: j, To: i})
				}
			}
		}
	}
	return d
}

// Neighbourhood draws a demand's small map: the demand in one column
// and, in the next, the counterpositions answering it (by respondent),
// then the events and the actors related to it. Two columns fit a phone
// and a desktop alike, so one drawing serves both.
func Neighbourhood(p *site.Page) (template.HTML, error) {
	return neighbourhood(p).write()
}

func neighbourhood(p *site.Page) *drawing {
	s := p.Site
	d := newDrawing(s, "nb", s.Word("neighbourhood_title"), s.Word("neighbourhood_desc"))
	d.g.Titles = []string{s.Word("kind_demand"), s.Word("related")}
	me := d.add(p.Title, p.Claimant, 0, "", "map-self")
	d.g.Nodes[me].Bold = true // the page itself
	answered := s.Word("answered_by") + ": "
	for i, c := range p.Counterpositions {
		if i == Around {
			d.add(more(s, len(p.Counterpositions)-Around), "", 1, "", "map-more")
			break
		}
		j := d.add(c.Title, answered+c.Respondent, 1, c.Href, "map-cp")
		d.g.Edges = append(d.g.Edges, graphlayout.Edge{From: me, To: j})
	}
	if len(p.Counterpositions) == 0 {
		d.add(s.Word("no_answer"), "", 1, "", "map-more")
	}
	around := append(slices.Clip(p.Events), p.Actors...)
	for i, a := range around {
		if i == Around {
			d.add(more(s, len(around)-Around), "", 1, "", "map-more")
			break
		}
		grp := s.Word("on_the_timeline")
		if a.Kind == site.Actor {
			grp = s.Word("people")
		}
		j := d.add(a.Title, grp, 1, a.Href, "map-"+string(a.Kind))
		d.g.Edges = append(d.g.Edges, graphlayout.Edge{From: me, To: j})
	}
	return d
}

func newDrawing(s *site.Site, id, title, desc string) *drawing {
	return &drawing{id: id, title: title, desc: desc, rtl: s.Dir() == "rtl", scale: scale, options: graphlayout.Defaults}
}

// add appends a node and returns its index.
func (d *drawing) add(label, group string, layer int, href, class string) int {
	d.g.Nodes = append(d.g.Nodes, graphlayout.Node{Label: label, Group: group, Layer: layer})
	d.href = append(d.href, href)
	d.class = append(d.class, class)
	return len(d.g.Nodes) - 1
}

// more is the label of the box standing for n pages left out.
func more(s *site.Site, n int) string {
	v, _ := s.Fill("map_more", "n", n)
	return v
}

// name is a side's name, or the site's word for an unnamed one.
func name(s *site.Site, key string) string {
	if key == "" {
		return s.Word("map_unnamed")
	}
	return key
}

// groups splits pages by key, in the order each key first appears, each
// with an id for the map page's lists (prefix and the key's letters).
func groups(pages []*site.Page, key func(*site.Page) string, prefix string) []site.Group {
	var out []site.Group
	at := map[string]int{}
	ids := map[string]bool{}
	for _, p := range pages {
		k := key(p)
		i, ok := at[k]
		if !ok {
			id := prefix + idOf(k)
			for n := 2; ids[id]; n++ {
				id = fmt.Sprintf("%s%s-%d", prefix, idOf(k), n)
			}
			ids[id] = true
			i = len(out)
			at[k] = i
			out = append(out, site.Group{Key: k, ID: id})
		}
		out[i].Pages = append(out[i].Pages, p)
	}
	return out
}

// idOf is key as an id: lower-case letters and digits, other runs a
// hyphen.
func idOf(key string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(key) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			b.WriteRune(r)
			dash = false
		} else {
			dash = true
		}
	}
	if b.Len() == 0 {
		return "none"
	}
	return b.String()
}
