// Package audit measures whether the sides of a dispute get the same
// weight on a site: how many words each side's pages have, how much of
// them is quotation rather than the site's description, which verbs
// attribute statements to each side, which paragraphs and sources lack
// support, and when each position is said to have been first stated. It
// is one more reader of the site model (the pages and their parsed
// bodies, as check sees them) and reports facts with their positions;
// it scores nothing.
package audit

import (
	"context"
	"math"
	"slices"
	"strings"

	"github.com/counterpoint-ssg/counterpoint/internal/markdown"
	"github.com/counterpoint-ssg/counterpoint/internal/par"
	"github.com/counterpoint-ssg/counterpoint/internal/site"
)

// section kinds
const (
	position = iota
	response
	contextSec
)

// page is what the audit works out for one body.
type page struct {
	p     *site.Page
	line  int
	src   []byte
	units []*unit
	// per unit: section kind, whether it is a "when" section, its side
	kind   []int
	stated []bool
	side   []int
	own    int // the page's side, -1 for none
	// spoken marks the sentences (unit, sentence) with a verb
	// attributed to the page's own side.
	spoken map[[2]int]bool
	fig    PageFig
}

// Run audits the site.
func Run(in Input, set Settings) *Report {
	s := in.Site
	sides, ofValue := deriveSides(s)
	rep := &Report{Sides: sides, Settings: set, SiteTitle: s.Title}
	sideOf := func(p *site.Page) int {
		if v := holder(p); v != "" {
			return ofValue[v]
		}
		return -1
	}
	var pages []*page
	var docs []*markdown.Doc
	for _, b := range in.Bodies {
		if b.Page.Kind == site.List || b.Doc == nil {
			continue
		}
		pages = append(pages, &page{p: b.Page, line: b.Line, src: b.Doc.Source(), own: sideOf(b.Page)})
		docs = append(docs, b.Doc)
	}
	// Reading the text is most of the work, and each page's is its own.
	par.For(context.Background(), len(pages), func(i int) {
		pages[i].units = units(docs[i], in.Index, set.Verbs)
		pages[i].sections(set, sides, sideOf)
	})
	nm := buildNames(s, sides, set, pages)
	for _, sd := range sides {
		sd.Verbs = map[string]int{}
	}
	for _, pg := range pages {
		rep.attribute(pg, nm, set)
	}
	rep.weigh(pages, set)
	rep.source(in, pages, sideOf, set)
	rep.timing(pages, sideOf)
	rep.oneSided()
	rep.check(set)
	return rep
}

// sections gives each unit its section: a level-1 or level-2 heading
// starts one, and its words say what it is (Settings.Response, Context,
// Stated); anything else, and text before the first heading, is the
// page's own position. Position sections speak for the page's side,
// response sections for the side it answers or is answered by.
func (pg *page) sections(set Settings, sides []*Side, sideOf func(*site.Page) int) {
	other := -1
	if pg.own >= 0 {
		rel := pg.p.RespondsTo
		if pg.p.Kind == site.Demand {
			rel = pg.p.Counterpositions
		}
		seen := map[int]bool{}
		for _, q := range rel {
			if sd := sideOf(q); sd >= 0 && sd != pg.own {
				seen[sd] = true
			}
		}
		if len(seen) == 1 {
			for k := range seen {
				other = k
			}
		} else if len(seen) == 0 && len(sides) == 2 {
			other = 1 - pg.own
		}
	}
	kind, stated := position, false
	for _, u := range pg.units {
		if u.heading && u.level <= 2 {
			words := map[string]bool{}
			for _, w := range u.words {
				words[w.lower] = true
			}
			has := func(list []string) bool {
				return slices.ContainsFunc(list, func(x string) bool {
					return words[x] || strings.Contains(x, " ") && strings.Contains(strings.ToLower(u.text), x)
				})
			}
			switch {
			case has(set.Response):
				kind = response
			case has(set.Context):
				kind = contextSec
			default:
				kind = position
			}
			stated = kind == position && has(set.Stated)
		}
		side := -1
		if pg.own >= 0 {
			switch kind {
			case position:
				side = pg.own
			case response:
				side = other
			}
		}
		pg.kind = append(pg.kind, kind)
		pg.stated = append(pg.stated, stated)
		pg.side = append(pg.side, side)
	}
}

// at places a source offset of the page's body.
func (pg *page) at(off int) Finding {
	line, col := pg.line, 1
	start := 0
	for i := 0; i < off && i < len(pg.src); i++ {
		if pg.src[i] == '\n' {
			line++
			start = i + 1
		}
	}
	col = off - start + 1
	return Finding{Path: pg.p.Path, Line: line, Col: col}
}

// weigh counts words and quotations per page and side.
func (r *Report) weigh(pages []*page, set Settings) {
	per := make([][]PageFig, len(r.Sides))
	for _, pg := range pages {
		f := PageFig{Path: pg.p.Path, Kind: string(pg.p.Kind), Date: pg.p.Date.ISO()}
		if pg.own >= 0 {
			f.Side = r.Sides[pg.own].Name
		}
		for i, u := range pg.units {
			for _, w := range u.words {
				f.Words++
				switch pg.kind[i] {
				case position:
					f.Position++
					if w.quoted {
						f.QuotedPosition++
					}
				case response:
					f.Response++
				case contextSec:
					f.Context++
				}
				if w.quoted {
					f.Quoted++
				}
			}
		}
		pg.fig = f
		if pg.own >= 0 {
			per[pg.own] = append(per[pg.own], f)
		}
	}
	for i, sd := range r.Sides {
		figs := per[i]
		sd.Pages = len(figs)
		sd.Words = stat(figs, func(f PageFig) int { return f.Words })
		sd.Position = stat(figs, func(f PageFig) int { return f.Position })
		sd.Response = stat(figs, func(f PageFig) int { return f.Response })
		sd.Context = stat(figs, func(f PageFig) int { return f.Context })
		for _, f := range figs {
			sd.QuotedPosition += f.QuotedPosition
			sd.Quoted += f.Quoted
		}
		sd.QuoteShare = pct(sd.QuotedPosition, sd.Position.Total)
		sd.QuoteShareAll = pct(sd.Quoted, sd.Words.Total)
	}
}

func stat(figs []PageFig, get func(PageFig) int) Stat {
	var st Stat
	for i, f := range figs {
		n := get(f)
		st.Total += n
		if i == 0 || n < st.Min {
			st.Min = n
		}
		st.Max = max(st.Max, n)
	}
	if len(figs) > 0 {
		st.Mean = int(math.Round(float64(st.Total) / float64(len(figs))))
	}
	return st
}

func pct(n, of int) float64 {
	if of == 0 {
		return 0
	}
	return round1(100 * float64(n) / float64(of))
}

func round1(x float64) float64 { return math.Round(x*10) / 10 }
