package site

import "slices"

// Derive computes the relations that follow from declared ones and from the
// links in page text: a demand's counterpositions, backlinks, a page's
// events, and neighbours within each kind. links maps each page to the pages
// its text links to, in first-use order. Every step is linear in the number
// of pages plus links, after one sort of all pages: each derived list is
// filled by walking its sources in the order it is shown in, so no list is
// sorted on its own (s.Counterpositions and s.Events are already in list
// order).
func (s *Site) Derive(links map[*Page][]*Page) {
	for _, p := range s.All {
		p.Counterpositions, p.Backlinks, p.Events, p.Terms, p.Actors = nil, nil, nil, nil, nil
		p.Links = links[p]
		for _, l := range p.Links {
			switch l.Kind {
			case Term:
				p.Terms = append(p.Terms, l)
			case Actor:
				p.Actors = append(p.Actors, l)
			}
		}
	}
	for _, c := range s.Counterpositions {
		for _, d := range c.RespondsTo {
			d.Counterpositions = appendOnce(d.Counterpositions, c)
		}
	}
	for _, e := range s.Events {
		for _, r := range e.Related {
			r.Events = appendOnce(r.Events, e)
		}
	}
	order := slices.Clone(s.All)
	slices.SortFunc(order, ByKindTitle)
	for _, p := range order {
		for _, t := range p.Links {
			if t != p {
				t.Backlinks = appendOnce(t.Backlinks, p)
			}
		}
	}
	for _, list := range [][]*Page{s.Demands, s.Counterpositions, s.Actors} {
		for i, p := range list {
			p.Prev, p.Next = nil, nil
			if i > 0 {
				p.Prev = list[i-1]
			}
			if i+1 < len(list) {
				p.Next = list[i+1]
			}
		}
	}
}

// appendOnce appends p unless it was just appended: a source adds all its
// entries to a list at once, so a slug named twice shows once.
func appendOnce(ps []*Page, p *Page) []*Page {
	if n := len(ps); n > 0 && ps[n-1] == p {
		return ps
	}
	return append(ps, p)
}
