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
	"io/fs"
	"math"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/counterpoint-ssg/counterpoint/internal/date"
	"github.com/counterpoint-ssg/counterpoint/internal/markdown"
	"github.com/counterpoint-ssg/counterpoint/internal/site"
)

// Body is one page's parsed Markdown; its source starts on file line Line.
type Body struct {
	Page *site.Page
	Doc  *markdown.Doc
	Line int
}

// Input is what the audit reads.
type Input struct {
	Site   *site.Site
	Bodies []Body
	Index  *site.Index
	// FS, when set, is the site root, read to place sources at their
	// lines in the front matter.
	FS fs.FS
}

// Report is the audit's result. Percentages are 0 to 100, rounded to one
// decimal; word means are rounded to whole words.
type Report struct {
	SiteTitle string  `json:"site"`
	Sides     []*Side `json:"sides"`
	// Checks are the figures compared with the thresholds, in table order.
	Checks []Check   `json:"checks"`
	Pages  []PageFig `json:"pages"`
	// ByKind counts paragraphs and those without a source per page kind.
	ByKind []KindFig `json:"by_kind"`
	// OneSided lists every use of a loaded verb that only one side gets.
	OneSided  []Finding     `json:"one_sided_verbs"`
	Late      []Finding     `json:"late_dates"`
	Timing    []Timing      `json:"timing"`
	Unsourced []Finding     `json:"unsourced_paragraphs"`
	NoURL     []Finding     `json:"sources_without_url"`
	AfterDate []Finding     `json:"sources_after_date"`
	Settings  Settings      `json:"settings"`
	Attribute []Attribution `json:"attributions"`
}

// Side is the figures of one side.
type Side struct {
	Name    string   `json:"name"`
	Members []string `json:"members"`
	Values  []string `json:"values"`

	Pages    int `json:"pages"`
	demands  int
	counters int
	Words    Stat `json:"words"`
	Position Stat `json:"position_words"`
	Response Stat `json:"response_words"`
	Context  Stat `json:"context_words"`
	// QuotedPosition is the quoted words of position sections, and
	// QuoteShare their share; Quoted and QuoteShareAll over all text.
	QuotedPosition int     `json:"quoted_position_words"`
	QuoteShare     float64 `json:"quote_share_position"`
	Quoted         int     `json:"quoted_words"`
	QuoteShareAll  float64 `json:"quote_share_all"`

	// Verbs counts the attribution verbs used for the side, by lemma.
	Verbs   map[string]int `json:"verbs"`
	Neutral int            `json:"neutral_verbs"`
	Loaded  int            `json:"loaded_verbs"`

	Paragraphs     int     `json:"paragraphs"`
	Unsourced      int     `json:"unsourced_paragraphs"`
	UnsourcedShare float64 `json:"unsourced_share"`

	Sources   int     `json:"sources"`
	NoURL     int     `json:"sources_without_url"`
	AfterDate int     `json:"sources_after_date"`
	Own       int     `json:"own_official_sources"`
	OwnShare  float64 `json:"own_official_share"`
	// Publishers counts the side's sources by publisher; TopPublisher is
	// the most cited (a source the text leans on most, to check first).
	Publishers   map[string]int `json:"publishers"`
	TopPublisher string         `json:"top_publisher"`
	TopCount     int            `json:"top_publisher_sources"`
	Late         int            `json:"late_dates"`
}

// Stat is words per page: total, mean, least and most.
type Stat struct {
	Total int `json:"total"`
	Mean  int `json:"mean"`
	Min   int `json:"min"`
	Max   int `json:"max"`
}

// Check is one figure compared between the sides. Diff is the ratio of
// the highest value to the lowest (Ratio) or their difference (a gap or
// a count); Over is set when it passes the threshold.
type Check struct {
	Name      string    `json:"name"`
	Values    []float64 `json:"values"`
	Diff      float64   `json:"diff"`
	Ratio     bool      `json:"ratio"`
	Threshold float64   `json:"threshold"`
	Over      bool      `json:"over"`
}

// PageFig is the figures of one page.
type PageFig struct {
	Path           string `json:"path"`
	Kind           string `json:"kind"`
	Side           string `json:"side,omitempty"`
	Date           string `json:"date,omitempty"`
	Words          int    `json:"words"`
	Position       int    `json:"position_words"`
	Response       int    `json:"response_words"`
	Context        int    `json:"context_words"`
	Quoted         int    `json:"quoted_words"`
	QuotedPosition int    `json:"quoted_position_words"`
	Paragraphs     int    `json:"paragraphs"`
	Unsourced      int    `json:"unsourced_paragraphs"`
}

// KindFig is the sourcing of one kind of page.
type KindFig struct {
	Kind       string `json:"kind"`
	Paragraphs int    `json:"paragraphs"`
	Unsourced  int    `json:"unsourced"`
}

// Finding is a fact at a place in a file.
type Finding struct {
	Path string `json:"path"`
	Line int    `json:"line"`
	Col  int    `json:"col"`
	Side string `json:"side,omitempty"`
	Msg  string `json:"message"`
}

// Pos is the finding's place as path:line:col.
func (f Finding) Pos() string {
	return f.Path + ":" + strconv.Itoa(max(f.Line, 1)) + ":" + strconv.Itoa(max(f.Col, 1))
}

// Attribution is one attribution verb and the side it was attributed to.
type Attribution struct {
	Finding
	Verb   string `json:"verb"`
	Lemma  string `json:"lemma"`
	Loaded bool   `json:"loaded"`
}

// Timing is a demand's first-stated date and its answers'.
type Timing struct {
	Demand  string   `json:"demand"`
	Path    string   `json:"path"`
	Date    string   `json:"date"`
	Answers []Answer `json:"answers"`
}

// Answer is a counterposition answering a demand; Days is how long after
// the demand it was first stated, when both dates give a day.
type Answer struct {
	Slug string `json:"slug"`
	Path string `json:"path"`
	Date string `json:"date"`
	Days *int   `json:"days,omitempty"`
	// Mentioned is the earliest statement the page itself mentions in its
	// "when" section, when that is before Date.
	Mentioned string `json:"mentioned,omitempty"`
}

// Over reports whether any check passes its threshold.
func (r *Report) Over() bool {
	return slices.ContainsFunc(r.Checks, func(c Check) bool { return c.Over })
}

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
	for _, b := range in.Bodies {
		if b.Page.Kind == site.List || b.Doc == nil {
			continue
		}
		pg := &page{p: b.Page, line: b.Line, src: b.Doc.Source(), own: sideOf(b.Page)}
		pg.units = units(b.Doc, in.Index)
		pg.sections(set, sides, sideOf)
		pages = append(pages, pg)
	}
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

// buildNames collects the names by which text mentions a side: its
// members, the names set in `audit: names`, and the actor and glossary
// pages that the sided sections of demands and counterpositions link to
// mostly from one side (at least twice as often as from any other).
func buildNames(s *site.Site, sides []*Side, set Settings, pages []*page) *names {
	nm := &names{side: map[string]int{}}
	for i, sd := range sides {
		for _, m := range sd.Members {
			nm.add(m, i)
			for _, extra := range set.Names[strings.ToLower(m)] {
				nm.add(extra, i)
			}
		}
		for _, v := range sd.Values {
			nm.add(v, i)
		}
	}
	votes := map[*site.Page][]int{}
	for _, pg := range pages {
		for i, u := range pg.units {
			if pg.side[i] < 0 {
				continue
			}
			for _, l := range u.links {
				if l.page.Kind != site.Actor && l.page.Kind != site.Term {
					continue
				}
				if votes[l.page] == nil {
					votes[l.page] = make([]int, len(sides))
				}
				votes[l.page][pg.side[i]]++
			}
		}
	}
	for _, p := range s.All {
		v := votes[p]
		if v == nil {
			continue
		}
		best, second := -1, 0
		for i, n := range v {
			if best < 0 || n > v[best] {
				best = i
			}
		}
		for i, n := range v {
			if i != best {
				second = max(second, n)
			}
		}
		if v[best] == 0 || v[best] < 2*second {
			continue
		}
		if _, taken := nm.side[strings.Join(tokens(p.Title), " ")]; taken {
			continue
		}
		nm.add(p.Title, best)
		for _, a := range p.Aliases {
			nm.add(a, best)
		}
		if t := tokens(p.Title); p.Kind == site.Actor && len(t) > 1 && len(t[len(t)-1]) >= 3 {
			nm.add(t[len(t)-1], best) // the surname
		}
	}
	return nm
}

// mention is a side named at a word.
type mention struct{ word, side int }

// attribute finds the attribution verbs of a page and the side each is
// for: the side last mentioned before the verb in its sentence; else the
// side the section speaks for; else the side last mentioned earlier in the
// paragraph. Words in quotation marks are the speaker's, not the site's,
// and are skipped.
func (r *Report) attribute(pg *page, nm *names, set Settings) {
	pg.spoken = map[[2]int]bool{}
	actorSide := -1
	if pg.p.Kind == site.Actor {
		if sd, n := nm.at(tokenWords(pg.p.Title), 0); n == len(tokens(pg.p.Title)) {
			actorSide = sd
		}
	}
	for ui, u := range pg.units {
		var ms []mention
		inMention := map[int]bool{}
		linkAt := func(w word) (span, bool) {
			for _, l := range u.links {
				if w.start >= l.start && w.start < l.end {
					return l, true
				}
			}
			return span{}, false
		}
		for i := 0; i < len(u.words); i++ {
			w := u.words[i]
			if w.quoted {
				continue
			}
			if l, ok := linkAt(w); ok {
				if sd, n := nm.at(tokenWords(l.page.Title), 0); n > 0 && n == len(tokens(l.page.Title)) {
					ms = append(ms, mention{i, sd})
				}
				for i+1 < len(u.words) && u.words[i+1].start < l.end {
					i++
				}
				continue
			}
			if sd, n := nm.at(u.words, i); n > 0 {
				ms = append(ms, mention{i, sd})
				for j := i; j < i+n; j++ {
					inMention[j] = true
				}
				i += n - 1
			}
		}
		for i, w := range u.words {
			v, ok := set.Verbs[w.lower]
			if !ok || w.quoted || inMention[i] {
				continue
			}
			if _, inLink := linkAt(w); inLink {
				continue
			}
			if noun(u.words, i, ms) {
				continue
			}
			side := -1
			for _, m := range ms {
				if m.word < i && u.words[m.word].sentence == w.sentence {
					side = m.side
				}
			}
			if side < 0 {
				side = pg.side[ui]
			}
			if side < 0 && pg.p.Kind == site.Actor {
				side = actorSide
			}
			if side < 0 {
				// The subject of the latest earlier sentence that names a side.
				for j := len(ms) - 1; j >= 0; j-- {
					if ms[j].word < i {
						s := u.words[ms[j].word].sentence
						for j > 0 && u.words[ms[j-1].word].sentence == s {
							j--
						}
						side = ms[j].side
						break
					}
				}
			}
			if side < 0 {
				continue
			}
			if side == pg.own {
				pg.spoken[[2]int{ui, w.sentence}] = true
			}
			form := u.text[w.start:w.end]
			if i > 0 && slices.Contains([]string{"has", "have", "had"}, u.words[i-1].lower) {
				form = u.text[u.words[i-1].start:w.end]
			}
			sd := r.Sides[side]
			sd.Verbs[v.Lemma]++
			if v.Loaded {
				sd.Loaded++
			} else {
				sd.Neutral++
			}
			f := pg.at(u.offs[w.start])
			f.Side = sd.Name
			f.Msg = strconv.Quote(form)
			r.Attribute = append(r.Attribute, Attribution{Finding: f, Verb: strings.ToLower(form), Lemma: v.Lemma, Loaded: v.Loaded})
		}
	}
}

// determiners make the word after them (or after one more word) a noun:
// "the Russian claim", "Russia's claims".
var determiners = map[string]bool{"the": true, "a": true, "an": true, "this": true, "that": true, "these": true, "those": true,
	"its": true, "their": true, "his": true, "her": true, "our": true, "your": true, "any": true, "each": true, "every": true, "no": true, "such": true,
	"of": true, "for": true, "in": true, "on": true, "by": true, "with": true, "from": true, "member": true}

// noun reports whether the attribution word at i is used as a noun: a
// determiner or a possessive comes before it, with no mention of a side
// in between. Past forms ("claimed") are always verbs.
func noun(ws []word, i int, ms []mention) bool {
	w := ws[i]
	if strings.HasSuffix(w.lower, "ed") || w.lower == "said" || w.lower == "held" || w.lower == "told" || w.lower == "wrote" {
		return false
	}
	for j := i - 1; j >= 0 && j >= i-2 && ws[j].sentence == w.sentence; j-- {
		if ws[j].poss || determiners[ws[j].lower] {
			return true
		}
		if slices.ContainsFunc(ms, func(m mention) bool { return m.word == j }) {
			return false
		}
	}
	return false
}

// sentenceAt is the sentence holding byte off of the unit's text.
func sentenceAt(u *unit, off int) int {
	s := 0
	for i, st := range u.sentences {
		if st <= off {
			s = i
		}
	}
	return s
}

// tokenWords is tokens as words, for matching a link's target name.
func tokenWords(name string) []word {
	t := tokens(name)
	out := make([]word, len(t))
	for i, x := range t {
		out[i] = word{lower: x}
	}
	return out
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
			f := pg.at(u.offs[0])
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
				if officials(src.Publisher, r.Sides[sd], set.Names[strings.ToLower(r.Sides[sd].Members[0])]) {
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
					first, firstAt = d, u.offs[at[j]]
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

// oneSided keeps the uses of loaded verbs that some side never gets.
func (r *Report) oneSided() {
	for _, a := range r.Attribute {
		if !a.Loaded || len(r.Sides) < 2 {
			continue
		}
		var never []string
		for _, sd := range r.Sides {
			if sd.Name != a.Side && sd.Verbs[a.Lemma] == 0 {
				never = append(never, sd.Name)
			}
		}
		if len(never) > 0 {
			f := a.Finding
			f.Msg = "loaded verb " + a.Msg + " for " + a.Side + "; never used for " + strings.Join(never, ", ")
			r.OneSided = append(r.OneSided, f)
		}
	}
}

// check compares the sides' figures with the thresholds.
func (r *Report) check(set Settings) {
	vals := func(get func(*Side) float64) []float64 {
		out := make([]float64, len(r.Sides))
		for i, sd := range r.Sides {
			out[i] = get(sd)
		}
		return out
	}
	ratio := func(name string, get func(*Side) float64) {
		v := vals(get)
		c := Check{Name: name, Values: v, Ratio: true, Threshold: set.WordRatio}
		if len(v) > 1 {
			lo, hi := slices.Min(v), slices.Max(v)
			if lo > 0 {
				c.Diff = math.Round(hi/lo*100) / 100
			} else if hi > 0 {
				c.Diff = math.Inf(1)
			}
			c.Over = c.Diff > set.WordRatio
		}
		if math.IsInf(c.Diff, 1) {
			c.Diff = 999
		}
		r.Checks = append(r.Checks, c)
	}
	gap := func(name string, get func(*Side) float64, limit float64) {
		v := vals(get)
		c := Check{Name: name, Values: v, Threshold: limit}
		if len(v) > 1 {
			c.Diff = round1(slices.Max(v) - slices.Min(v))
			c.Over = c.Diff > limit
		}
		r.Checks = append(r.Checks, c)
	}
	total := func(name string, get func(*Side) float64, n int, limit int) {
		c := Check{Name: name, Values: vals(get), Diff: float64(n), Threshold: float64(limit), Over: n > limit}
		r.Checks = append(r.Checks, c)
	}
	ratio("words per page", func(s *Side) float64 { return float64(s.Words.Mean) })
	ratio("position words per page", func(s *Side) float64 { return float64(s.Position.Mean) })
	gap("quoted share of position sections", func(s *Side) float64 { return s.QuoteShare }, set.QuoteGap)
	gap("paragraphs without a source", func(s *Side) float64 { return s.UnsourcedShare }, set.UnsourcedGap)
	oneSided := map[*Side]int{}
	for _, f := range r.OneSided {
		for _, sd := range r.Sides {
			if sd.Name == f.Side {
				oneSided[sd]++
			}
		}
	}
	total("one-sided loaded verbs", func(s *Side) float64 { return float64(oneSided[s]) }, len(r.OneSided), set.OneSidedVerbs)
	total("pages dated after a statement they mention", func(s *Side) float64 { return float64(s.Late) }, len(r.Late), set.LateDates)
}

// Rebase rewrites the path of every finding and page, so that a tool run
// from elsewhere (counterpoint audit --source DIR) prints paths an editor
// can open.
func (r *Report) Rebase(f func(path string) string) {
	for _, list := range [][]Finding{r.OneSided, r.Late, r.Unsourced, r.NoURL, r.AfterDate} {
		for i := range list {
			list[i].Path = f(list[i].Path)
		}
	}
	for i := range r.Attribute {
		r.Attribute[i].Path = f(r.Attribute[i].Path)
	}
	for i := range r.Pages {
		r.Pages[i].Path = f(r.Pages[i].Path)
	}
	for i := range r.Timing {
		r.Timing[i].Path = f(r.Timing[i].Path)
		for j := range r.Timing[i].Answers {
			r.Timing[i].Answers[j].Path = f(r.Timing[i].Answers[j].Path)
		}
	}
}
