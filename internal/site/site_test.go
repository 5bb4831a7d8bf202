package site

import (
	"reflect"
	"testing"

	"github.com/counterpoint-ssg/counterpoint/internal/date"
)

func day(t *testing.T, s string) date.Date {
	t.Helper()
	d, err := date.Parse(s, false)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func slugs(ps []*Page) []string {
	out := []string{}
	for _, p := range ps {
		out = append(out, p.Slug)
	}
	return out
}

func slugOf(p *Page) string {
	if p == nil {
		return ""
	}
	return p.Slug
}

// testSite is a small model: two demands, three counterpositions, a term,
// two events and an actor, with declared relations.
func testSite(t *testing.T) (*Site, map[string]*Page) {
	pages := map[string]*Page{}
	mk := func(kind Kind, slug, title string, weight int) *Page {
		p := &Page{Kind: kind, Slug: slug, Title: title, Weight: weight, URL: "/" + Dir[kind] + "/" + slug + "/"}
		if p.IsEntry() {
			p.URL = "/" + Dir[kind] + "/#" + slug
		}
		pages[slug] = p
		return p
	}
	s := &Site{}
	d1 := mk(Demand, "no-expansion", "No expansion", 1)
	d2 := mk(Demand, "guarantees", "Guarantees", 2)
	c1 := mk(Counterposition, "open-door", "Open door", 2)
	c2 := mk(Counterposition, "alliances", "Right to choose alliances", 1)
	c3 := mk(Counterposition, "diplomacy", "Diplomacy", 1)
	term := mk(Term, "nato", "NATO", 0)
	e1 := mk(Event, "summit", "Summit", 0)
	e1.Date = day(t, "2008-04")
	e2 := mk(Event, "treaty", "Treaty", 0)
	e2.Date = day(t, "1997-05-27")
	actor := mk(Actor, "putin", "Vladimir Putin", 0)

	c1.RespondsTo = []*Page{d1}
	c2.RespondsTo = []*Page{d1, d2}
	c3.RespondsTo = []*Page{d2}
	e1.Related = []*Page{d1, term}
	e2.Related = []*Page{d1, c1}

	s.Demands = []*Page{d1, d2}
	s.Counterpositions = SortPages([]*Page{c1, c2, c3}, ByWeight)
	s.Terms = []*Page{term}
	s.Events = SortPages([]*Page{e1, e2}, ByDate)
	s.Actors = []*Page{actor}
	s.All = []*Page{actor, c2, c3, c1, d2, d1, term, e1, e2}
	return s, pages
}

func TestDerive(t *testing.T) {
	s, p := testSite(t)
	links := map[*Page][]*Page{
		p["open-door"]:  {p["nato"], p["no-expansion"], p["open-door"]}, // a self-link is no backlink
		p["alliances"]:  {p["nato"], p["putin"]},
		p["guarantees"]: {p["nato"]},
		p["summit"]:     {p["nato"]},
	}
	s.Derive(links)

	tests := []struct {
		name string
		got  []*Page
		want []string
	}{
		// A demand knows the counterpositions that answer it (responds_to
		// names the demand), ordered by weight, then title.
		{"no-expansion counterpositions", p["no-expansion"].Counterpositions, []string{"alliances", "open-door"}},
		{"guarantees counterpositions", p["guarantees"].Counterpositions, []string{"diplomacy", "alliances"}},
		{"counterposition has none", p["open-door"].Counterpositions, []string{}},
		// Events' related pages give pages their events, in date order.
		{"no-expansion events", p["no-expansion"].Events, []string{"treaty", "summit"}},
		{"nato events", p["nato"].Events, []string{"summit"}},
		{"open-door events", p["open-door"].Events, []string{"treaty"}},
		{"guarantees events", p["guarantees"].Events, []string{}},
		// Backlinks: who links here, grouped by kind (demands first), then
		// by weight and title; this gives the glossary its "used in".
		{"nato backlinks", p["nato"].Backlinks, []string{"guarantees", "alliances", "open-door", "summit"}},
		{"no-expansion backlinks", p["no-expansion"].Backlinks, []string{"open-door"}},
		{"putin backlinks", p["putin"].Backlinks, []string{"alliances"}},
		{"open-door backlinks", p["open-door"].Backlinks, []string{}},
		// Links in first-use order, and the typed views of them.
		{"open-door links", p["open-door"].Links, []string{"nato", "no-expansion", "open-door"}},
		{"open-door terms", p["open-door"].Terms, []string{"nato"}},
		{"alliances actors", p["alliances"].Actors, []string{"putin"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := slugs(tt.got); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}

	// Prev and next follow each kind's list order and stop at the ends.
	nav := []struct{ slug, prev, next string }{
		{"no-expansion", "", "guarantees"},
		{"guarantees", "no-expansion", ""},
		{"diplomacy", "", "alliances"},
		{"alliances", "diplomacy", "open-door"},
		{"open-door", "alliances", ""},
		{"putin", "", ""},
		{"nato", "", ""},
	}
	for _, n := range nav {
		pg := p[n.slug]
		if slugOf(pg.Prev) != n.prev || slugOf(pg.Next) != n.next {
			t.Errorf("%s: prev %q next %q, want %q and %q", n.slug, slugOf(pg.Prev), slugOf(pg.Next), n.prev, n.next)
		}
	}

	// Deriving again (as a rebuild does) gives the same relations, not
	// doubled ones.
	s.Derive(links)
	if got := slugs(p["no-expansion"].Counterpositions); !reflect.DeepEqual(got, []string{"alliances", "open-door"}) {
		t.Errorf("after a second Derive: %q", got)
	}
	if got := slugs(p["nato"].Backlinks); len(got) != 4 {
		t.Errorf("after a second Derive: nato backlinks %q", got)
	}
}

// TestDeriveDuplicates: a counterposition that names the same demand
// twice, or an event that names the same page twice, still appears once.
func TestDeriveDuplicates(t *testing.T) {
	s, p := testSite(t)
	p["open-door"].RespondsTo = []*Page{p["no-expansion"], p["no-expansion"]}
	p["summit"].Related = []*Page{p["nato"], p["nato"]}
	s.Derive(nil)
	if got := slugs(p["no-expansion"].Counterpositions); !reflect.DeepEqual(got, []string{"alliances", "open-door"}) {
		t.Errorf("counterpositions = %q", got)
	}
	if got := slugs(p["nato"].Events); !reflect.DeepEqual(got, []string{"summit"}) {
		t.Errorf("events = %q", got)
	}
}

func TestIndexLookup(t *testing.T) {
	nato := &Page{Kind: Term, Slug: "nato", Title: "NATO", Aliases: []string{"North Atlantic Treaty Organization", "the Alliance"}, URL: "/glossary/#nato"}
	act := &Page{Kind: Term, Slug: "founding-act", Title: "Russia-NATO Founding Act", URL: "/glossary/#founding-act"}
	demand := &Page{Kind: Demand, Slug: "no-expansion", Title: "No further expansion", URL: "/demands/no-expansion/"}
	// Two pages share the alias "Security": linking by it is ambiguous.
	sec1 := &Page{Kind: Term, Slug: "security-guarantees", Title: "Security guarantees", Aliases: []string{"Security"}, URL: "/glossary/#security-guarantees"}
	sec2 := &Page{Kind: Demand, Slug: "security", Title: "Security first", URL: "/demands/security/"}
	sec3 := &Page{Kind: Actor, Slug: "sec-council", Title: "Security", URL: "/actors/sec-council/"}
	// A title equal to another page's slug: the slug wins.
	shadow := &Page{Kind: Generic, Slug: "about-nato", Title: "nato", URL: "/about-nato/"}
	// Titles in both Unicode forms: composed (NFC) and decomposed (NFD).
	cafe := &Page{Kind: Term, Slug: "cafe", Title: "Caf\u00e9", URL: "/glossary/#cafe"}
	ecole := &Page{Kind: Term, Slug: "ecole", Title: "E\u0301cole", URL: "/glossary/#ecole"}
	home := &Page{Kind: Home, URL: "/", Title: "Home"}
	lists := map[Kind]*Page{Demand: {Kind: List, ListKind: Demand, URL: "/demands/", Title: "Demands"}}
	ix := NewIndex([]*Page{home, nato, act, demand, sec1, sec2, sec3, shadow, cafe, ecole}, lists)

	tests := []struct {
		ref   string
		want  string
		cands []string
	}{
		{ref: "nato", want: "nato"},
		{ref: "NATO", want: "nato"},
		{ref: "north atlantic treaty organization", want: "nato"},
		{ref: "THE ALLIANCE", want: "nato"},
		{ref: " the alliance ", want: "nato"},
		{ref: "Russia-NATO Founding Act", want: "founding-act"},
		{ref: "founding-act", want: "founding-act"},
		{ref: "No-Expansion", want: "no-expansion"},
		{ref: "no further expansion", want: "no-expansion"},
		{ref: "security", want: "security"}, // a slug beats titles and aliases
		{ref: "Security", want: "security"},
		{ref: "about-nato", want: "about-nato"},
		{ref: "security guarantees", want: "security-guarantees"},
		{ref: "nobody", cands: []string{}},
		{ref: "Home", cands: []string{}}, // the home page is reachable by URL only
		{ref: "Demands", cands: []string{}},
		{ref: "Cafe\u0301", want: "cafe"},
		{ref: "CAFE\u0301", want: "cafe"},
		{ref: "caf\u00e9", want: "cafe"},
		{ref: "\u00c9cole", want: "ecole"},
		{ref: "\u00e9cole", want: "ecole"},
		{ref: "e\u0301cole", want: "ecole"},
	}
	for _, tt := range tests {
		t.Run(tt.ref, func(t *testing.T) {
			got, cands := ix.Lookup(tt.ref)
			if slugOf(got) != tt.want {
				t.Errorf("Lookup(%q) = %q, want %q", tt.ref, slugOf(got), tt.want)
			}
			if tt.cands != nil && !reflect.DeepEqual(slugs(cands), tt.cands) {
				t.Errorf("Lookup(%q) candidates = %q, want %q", tt.ref, slugs(cands), tt.cands)
			}
		})
	}

	// An ambiguous name (no page has it as slug) returns every candidate.
	amb := NewIndex([]*Page{sec1, sec3, shadow, nato}, nil)
	if got, cands := amb.Lookup("SECURITY"); got != nil || !reflect.DeepEqual(slugs(cands), []string{"security-guarantees", "sec-council"}) {
		t.Errorf("ambiguous Lookup = %v, %q", got, slugs(cands))
	}

	urls := []struct{ u, want string }{
		{"/demands/no-expansion/", "no-expansion"},
		{"/demands/no-expansion", "no-expansion"},
		{"/demands/no-expansion/index.html", "no-expansion"},
		{"/demands/", ""},
		{"/", ""},
		{"/glossary/", ""},
		{"/missing/", ""},
	}
	for _, u := range urls {
		got := ix.URL(u.u)
		switch u.u {
		case "/demands/":
			if got != lists[Demand] {
				t.Errorf("URL(%q) = %v, want the demands list", u.u, got)
			}
		case "/":
			if got != home {
				t.Errorf("URL(%q) = %v, want the home page", u.u, got)
			}
		default:
			if slugOf(got) != u.want {
				t.Errorf("URL(%q) = %q, want %q", u.u, slugOf(got), u.want)
			}
		}
	}
	if ix.Slug("NATO") != nil || ix.Slug("nato") != nato {
		t.Error("Slug must match exactly")
	}
}

func TestOrders(t *testing.T) {
	mk := func(slug, title string, weight int, d, end string) *Page {
		p := &Page{Slug: slug, Title: title, Weight: weight}
		if d != "" {
			p.Date = day(t, d)
		}
		if end != "" {
			p.End = day(t, end)
		}
		return p
	}
	t.Run("ByWeight", func(t *testing.T) {
		ps := []*Page{mk("c", "beta", 2, "", ""), mk("b", "Alpha", 2, "", ""), mk("a", "zulu", 1, "", ""), mk("d", "alpha", 2, "", "")}
		if got := slugs(SortPages(ps, ByWeight)); !reflect.DeepEqual(got, []string{"a", "b", "d", "c"}) {
			t.Errorf("got %q", got)
		}
	})
	t.Run("ByTitle", func(t *testing.T) {
		ps := []*Page{mk("c", "beta", 0, "", ""), mk("b", "Alpha", 9, "", ""), mk("a", "alpha", 1, "", "")}
		if got := slugs(SortPages(ps, ByTitle)); !reflect.DeepEqual(got, []string{"a", "b", "c"}) {
			t.Errorf("got %q", got)
		}
	})
	t.Run("ByDate", func(t *testing.T) {
		ps := []*Page{
			mk("day", "A", 0, "2022-01-05", ""),
			mk("month", "B", 0, "2022-01", ""),
			mk("year", "C", 0, "2022", ""),
			mk("earlier", "D", 0, "2021-12-31", ""),
			mk("long", "E", 0, "2022-01-05", "2022-02"),
			mk("short", "F", 0, "2022-01-05", "2022-01-06"),
			mk("same-b", "Same b", 0, "2022-01-05", ""),
		}
		want := []string{"earlier", "year", "month", "day", "same-b", "short", "long"}
		if got := slugs(SortPages(ps, ByDate)); !reflect.DeepEqual(got, want) {
			t.Errorf("got %q, want %q", got, want)
		}
	})
	t.Run("dedupe", func(t *testing.T) {
		a := mk("a", "A", 0, "", "")
		if got := SortPages([]*Page{a, a, mk("b", "B", 0, "", ""), a}, ByTitle); len(got) != 2 {
			t.Errorf("SortPages kept duplicates: %q", slugs(got))
		}
	})
}

func TestGroups(t *testing.T) {
	s := &Site{}
	for _, title := range []string{"1997 Act", "ABM Treaty", "Astana", "Baltic states", "Élysée", "OSCE"} {
		s.Terms = append(s.Terms, &Page{Kind: Term, Slug: title, Title: title})
	}
	var keys, ids []string
	for _, g := range s.TermsByLetter() {
		keys = append(keys, g.Key)
		ids = append(ids, g.ID)
	}
	if !reflect.DeepEqual(keys, []string{"#", "A", "B", "É", "O"}) || !reflect.DeepEqual(ids, []string{"letter-other", "letter-a", "letter-b", "letter-é", "letter-o"}) {
		t.Errorf("TermsByLetter keys %q ids %q", keys, ids)
	}
	for _, d := range []string{"1997-05-27", "1999-11", "1999-11-18", "2022"} {
		s.Events = append(s.Events, &Page{Kind: Event, Slug: d, Date: day(t, d)})
	}
	keys, ids = nil, nil
	var sizes []int
	for _, g := range s.EventsByYear() {
		keys, ids, sizes = append(keys, g.Key), append(ids, g.ID), append(sizes, len(g.Pages))
	}
	if !reflect.DeepEqual(keys, []string{"1997", "1999", "2022"}) || !reflect.DeepEqual(ids, []string{"year-1997", "year-1999", "year-2022"}) || !reflect.DeepEqual(sizes, []int{1, 2, 1}) {
		t.Errorf("EventsByYear keys %q ids %q sizes %v", keys, ids, sizes)
	}
}

func TestPageHelpers(t *testing.T) {
	p := &Page{Kind: Demand, URL: "/demands/x/", Params: map[string]any{"custom": "v"}}
	if p.OutputPath() != "demands/x/index.html" {
		t.Errorf("OutputPath = %q", p.OutputPath())
	}
	if (&Page{Kind: Term, URL: "/glossary/#x"}).OutputPath() != "" {
		t.Error("an entry has no output file of its own")
	}
	if (&Page{Kind: Home, URL: "/"}).OutputPath() != "index.html" {
		t.Error("home page output path")
	}
	if p.Param("custom") != "v" || p.Param("missing") != nil {
		t.Error("Param")
	}
	p.Date = day(t, "2021-12-17")
	if p.Lastmod().ISO() != "2021-12-17" {
		t.Errorf("Lastmod without updated = %s, want the date", p.Lastmod())
	}
	p.Updated = day(t, "2022-02-02")
	if p.Lastmod().ISO() != "2022-02-02" {
		t.Errorf("Lastmod = %s, want updated", p.Lastmod())
	}
	for k, want := range map[Kind]string{Demand: "Demand", Counterposition: "Counterposition", Term: "Glossary term", Event: "Timeline event", Actor: "Actor", Home: "Home", Generic: "Page"} {
		if got := k.Label(); got != want {
			t.Errorf("%s.Label() = %q, want %q", k, got, want)
		}
	}
}
