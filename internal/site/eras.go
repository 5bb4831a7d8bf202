package site

import (
	"fmt"
	"strings"

	"github.com/counterpoint-ssg/counterpoint/internal/date"
)

// Era names used by TimelineEras and Page.Era.
const (
	EraBackground = "background"
	EraCrisis     = "crisis"
)

// Era is a run of the timeline: the background before the crisis, or the
// crisis itself. Years are the year groups of the era's events; a year
// that the crisis date splits appears in both eras, and its second part
// carries no ID so that every ID on the page stays unique.
type Era struct {
	Name        string // EraBackground, EraCrisis, or "" when the site sets no crisis_from
	First, Last date.Date
	Years       []Group
}

// CrisisFrom is the optional crisis_from date of the home page's front
// matter (YYYY, YYYY-MM or YYYY-MM-DD): events that start before it are
// background. It is zero when unset or not a date.
func (s *Site) CrisisFrom() date.Date {
	v, ok := s.Params["crisis_from"]
	if !ok || v == nil {
		return date.Date{}
	}
	d, err := date.Parse(strings.TrimSpace(fmt.Sprint(v)), false)
	if err != nil {
		return date.Date{}
	}
	return d
}

// Era says which era of the timeline an event falls in: EraBackground when
// it starts before the site's crisis_from date, EraCrisis otherwise, and
// "" when the site sets no crisis_from or p has no date.
func (p *Page) Era() string {
	if p.Site == nil || p.Date.IsZero() {
		return ""
	}
	from := p.Site.CrisisFrom()
	if from.IsZero() {
		return ""
	}
	if p.Date.Time().Before(from.Time()) {
		return EraBackground
	}
	return EraCrisis
}

// TimelineEras splits the timeline into its eras, each grouped by year as
// EventsByYear does. Without crisis_from there is one era named "".
func (s *Site) TimelineEras() []Era {
	var out []Era
	seen := map[string]bool{}
	for _, e := range s.Events {
		name := e.Era()
		if n := len(out); n == 0 || out[n-1].Name != name {
			out = append(out, Era{Name: name, First: e.Date})
		}
		era := &out[len(out)-1]
		last := e.Date
		if !e.End.IsZero() {
			last = e.End
		}
		if era.Last.IsZero() || date.Compare(last, era.Last) > 0 {
			era.Last = last
		}
		k := e.Date.ISO()
		if len(k) > 4 {
			k = k[:4]
		}
		if n := len(era.Years); n == 0 || era.Years[n-1].Key != k {
			id := "year-" + k
			if seen[id] {
				id = ""
			}
			seen[id] = true
			era.Years = append(era.Years, Group{Key: k, ID: id})
		}
		era.Years[len(era.Years)-1].Pages = append(era.Years[len(era.Years)-1].Pages, e)
	}
	return out
}

// DemandSlugs lists the demands a page concerns: itself for a demand, the
// demands it answers for a counterposition, and for any other page (a
// timeline event) the demands among its related pages and those its
// related counterpositions answer. The timeline filter uses it.
func (p *Page) DemandSlugs() []string {
	var out []string
	seen := map[string]bool{}
	add := func(q *Page) {
		switch q.Kind {
		case Demand:
			if !seen[q.Slug] {
				seen[q.Slug] = true
				out = append(out, q.Slug)
			}
		case Counterposition:
			for _, d := range q.RespondsTo {
				if !seen[d.Slug] {
					seen[d.Slug] = true
					out = append(out, d.Slug)
				}
			}
		}
	}
	add(p)
	for _, r := range p.Related {
		add(r)
	}
	return out
}
