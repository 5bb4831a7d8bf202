package site

// Derive computes the relations that follow from declared ones and from the
// links in page text: a demand's counterpositions, backlinks, a page's
// events, and neighbours within each kind. links maps each page to the pages
// its text links to, in first-use order. Every step is linear in the number
// of pages plus links.
func (s *Site) Derive(links map[*Page][]*Page) {
	for _, p := range s.All {
		p.Counterpositions, p.Backlinks, p.Events = nil, nil, nil
		p.Links = links[p]
	}
	for _, c := range s.Counterpositions {
		for _, d := range c.RespondsTo {
			d.Counterpositions = append(d.Counterpositions, c)
		}
	}
	for _, e := range s.Events {
		for _, r := range e.Related {
			r.Events = append(r.Events, e)
		}
	}
	for _, p := range s.All {
		for _, t := range p.Links {
			if t != p {
				t.Backlinks = append(t.Backlinks, p)
			}
		}
	}
	for _, p := range s.All {
		p.Counterpositions = SortPages(p.Counterpositions, ByWeight)
		p.Events = SortPages(p.Events, ByDate)
		p.Backlinks = SortPages(p.Backlinks, ByKindTitle)
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
