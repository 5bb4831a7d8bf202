package audit

import (
	"io/fs"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/counterpoint-ssg/counterpoint/internal/date"
	"github.com/counterpoint-ssg/counterpoint/internal/site"
)

// source finds paragraphs without a footnote or citation and sources
// without a URL, dated after the page, or published by the side's own
// officials.
func (r *Report) source(in Input, pages []*page, sideOf func(*site.Page) int, set Settings) {
	kinds := map[string]*KindFig{}
	for _, pg := range pages {
		k := string(pg.p.Kind)
		if kinds[k] == nil {
			kinds[k] = &KindFig{Kind: k}
		}
		for i, u := range pg.units {
			if !u.paragraph || len(u.words) < set.MinParagraphWords {
				continue
			}
			// A response that sums up a demand or counterposition carries
			// its sources on that page.
			if pg.kind[i] == response && len(u.links) > 0 && u.links[0].start == 0 &&
				(u.links[0].page.Kind == site.Demand || u.links[0].page.Kind == site.Counterposition) {
				continue
			}
			pg.fig.Paragraphs++
			kinds[k].Paragraphs++
			if pg.own >= 0 {
				r.Sides[pg.own].Paragraphs++
			}
			if u.cited {
				continue
			}
			pg.fig.Unsourced++
			kinds[k].Unsourced++
			f := pg.at(u.offAt(0))
			sec := [...]string{"position", "response", "context"}[pg.kind[i]]
			f.Msg = strconv.Itoa(len(u.words)) + " words, no footnote or citation (" + k + ", " + sec + ")"
			if pg.own >= 0 {
				r.Sides[pg.own].Unsourced++
				f.Side = r.Sides[pg.own].Name
			}
			r.Unsourced = append(r.Unsourced, f)
		}
		r.Pages = append(r.Pages, pg.fig)
	}
	for _, k := range []site.Kind{site.Home, site.Demand, site.Counterposition, site.Actor, site.Event, site.Term, site.Generic} {
		if f := kinds[string(k)]; f != nil && f.Paragraphs > 0 {
			r.ByKind = append(r.ByKind, *f)
		}
	}
	for _, sd := range r.Sides {
		sd.UnsourcedShare = pct(sd.Unsourced, sd.Paragraphs)
	}
	for _, p := range append([]*site.Page{in.Site.Home}, in.Site.All...) {
		if p == nil || len(p.Sources) == 0 {
			continue
		}
		var head []byte
		if in.FS != nil {
			head, _ = fs.ReadFile(in.FS, p.Path)
		}
		sd := sideOf(p)
		from := 0
		for _, src := range p.Sources {
			f := Finding{Path: p.Path, Line: 1, Col: 1}
			if head != nil {
				if i := strings.Index(string(head[from:]), src.Title); i >= 0 && src.Title != "" {
					from += i
					f.Line = 1 + strings.Count(string(head[:from]), "\n")
					f.Col = from - (strings.LastIndexByte(string(head[:from]), '\n') + 1) + 1
					from += len(src.Title)
				}
			}
			name := strconv.Quote(src.Title)
			if src.Publisher != "" {
				name += " (" + src.Publisher + ")"
			}
			if sd >= 0 {
				f.Side = r.Sides[sd].Name
				r.Sides[sd].Sources++
				if r.Sides[sd].Publishers == nil {
					r.Sides[sd].Publishers = map[string]int{}
				}
				r.Sides[sd].Publishers[src.Publisher]++
				var extra []string
				for _, m := range r.Sides[sd].Members {
					extra = append(extra, set.Names[strings.ToLower(m)]...)
				}
				if officials(src.Publisher, r.Sides[sd], extra) {
					r.Sides[sd].Own++
				}
			}
			if src.URL == "" {
				g := f
				g.Msg = "source without a URL: " + name
				r.NoURL = append(r.NoURL, g)
				if sd >= 0 {
					r.Sides[sd].NoURL++
				}
			}
			if !p.Date.IsZero() && !src.Date.IsZero() && before(p.Date, src.Date) && (p.Kind == site.Demand || p.Kind == site.Counterposition) {
				g := f
				g.Msg = "source dated " + src.Date.ISO() + ", after the page's date " + p.Date.ISO() + ": " + name
				r.AfterDate = append(r.AfterDate, g)
				if sd >= 0 {
					r.Sides[sd].AfterDate++
				}
			}
		}
	}
	for _, sd := range r.Sides {
		sd.OwnShare = pct(sd.Own, sd.Sources)
		for p, n := range sd.Publishers {
			if n > sd.TopCount || n == sd.TopCount && p < sd.TopPublisher {
				sd.TopPublisher, sd.TopCount = p, n
			}
		}
	}
}

// before reports whether a ends before b begins.
func before(a, b date.Date) bool {
	end := a.Time()
	switch a.Prec {
	case date.Year:
		end = end.AddDate(1, 0, 0)
	case date.Month:
		end = end.AddDate(0, 1, 0)
	default:
		end = end.AddDate(0, 0, 1)
	}
	return !end.After(b.Time())
}

var months = `(January|February|March|April|May|June|July|August|September|October|November|December)`

var (
	mdy = regexp.MustCompile(months + `\s+(\d{1,2}),?\s+(\d{4})`)
	dmy = regexp.MustCompile(`(\d{1,2})\s+` + months + `\s+(\d{4})`)
	my  = regexp.MustCompile(months + `\s+(\d{4})`)
	iso = regexp.MustCompile(`\b(\d{4})-(\d{2})-(\d{2})\b`)
)

func monthNum(m string) int {
	t, _ := time.Parse("January", m)
	return int(t.Month())
}

// statedDates returns the dates mentioned in a unit with their offsets in
// its text: linked timeline events, and dates written out in full.
func statedDates(u *unit) (ds []date.Date, at []int) {
	for _, l := range u.links {
		if l.page.Kind == site.Event && !l.page.Date.IsZero() {
			ds, at = append(ds, l.page.Date), append(at, l.start)
		}
	}
	inLink := func(i int) bool {
		return slices.ContainsFunc(u.links, func(l span) bool { return i >= l.start && i < l.end })
	}
	taken := map[int]bool{}
	addAll := func(re *regexp.Regexp, mk func(m []string) string) {
		for _, ix := range re.FindAllStringSubmatchIndex(u.text, -1) {
			if taken[ix[0]] || inLink(ix[0]) {
				continue
			}
			m := make([]string, len(ix)/2)
			for j := range m {
				m[j] = u.text[ix[2*j]:ix[2*j+1]]
			}
			if d, err := date.Parse(mk(m), false); err == nil {
				ds, at = append(ds, d), append(at, ix[0])
				for k := ix[0]; k < ix[1]; k++ {
					taken[k] = true
				}
			}
		}
	}
	pad := func(n string) string {
		if len(n) == 1 {
			return "0" + n
		}
		return n
	}
	addAll(mdy, func(m []string) string { return m[3] + "-" + pad(strconv.Itoa(monthNum(m[1]))) + "-" + pad(m[2]) })
	addAll(dmy, func(m []string) string { return m[3] + "-" + pad(strconv.Itoa(monthNum(m[2]))) + "-" + pad(m[1]) })
	addAll(my, func(m []string) string { return m[2] + "-" + pad(strconv.Itoa(monthNum(m[1]))) })
	addAll(iso, func(m []string) string { return m[0] })
	return ds, at
}

// timing compares each page's date with the earliest statement its "when"
// section mentions, and lists each demand with the dates of its answers.
func (r *Report) timing(pages []*page, sideOf func(*site.Page) int) {
	earliest := map[*site.Page]string{}
	for _, pg := range pages {
		if pg.own < 0 || pg.p.Date.IsZero() {
			continue
		}
		var first date.Date
		var firstAt int
		for i, u := range pg.units {
			if !pg.stated[i] {
				continue
			}
			ds, at := statedDates(u)
			for j, d := range ds {
				if !pg.spoken[[2]int{i, sentenceAt(u, at[j])}] {
					continue // a date, but not of a statement by the side
				}
				if first.IsZero() || date.Compare(d, first) < 0 {
					first, firstAt = d, u.offAt(at[j])
				}
			}
		}
		if first.IsZero() || !before(first, pg.p.Date) {
			continue
		}
		f := pg.at(firstAt)
		f.Side = r.Sides[pg.own].Name
		f.Msg = "date: " + pg.p.Date.ISO() + " (first stated), but the page mentions a statement on " + first.ISO()
		r.Late = append(r.Late, f)
		r.Sides[pg.own].Late++
		earliest[pg.p] = first.ISO()
	}
	for _, d := range sortedBy(pages, site.Demand) {
		t := Timing{Demand: d.Slug, Path: d.Path, Date: d.Date.ISO()}
		for _, c := range d.Counterpositions {
			a := Answer{Slug: c.Slug, Path: c.Path, Date: c.Date.ISO(), Mentioned: earliest[c]}
			if d.Date.Prec >= date.Day && c.Date.Prec >= date.Day {
				n := int(c.Date.Time().Sub(d.Date.Time()).Hours() / 24)
				a.Days = &n
			}
			t.Answers = append(t.Answers, a)
		}
		r.Timing = append(r.Timing, t)
	}
}

func sortedBy(pages []*page, k site.Kind) []*site.Page {
	var out []*site.Page
	for _, pg := range pages {
		if pg.p.Kind == k {
			out = append(out, pg.p)
		}
	}
	slices.SortFunc(out, site.ByWeight)
	return out
}
