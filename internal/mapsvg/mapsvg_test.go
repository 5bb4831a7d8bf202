package mapsvg

import (
	"encoding/xml"
	"fmt"
	"html/template"
	"regexp"
	"strings"
	"testing"

	"github.com/counterpoint-ssg/counterpoint/internal/graphlayout"
	"github.com/counterpoint-ssg/counterpoint/internal/site"
)

// testSite has demands by two claimants and counterpositions by two
// respondents answering them; nd demands, nc counterpositions.
func testSite(nd, nc int) *site.Site {
	s := &site.Site{Language: "en"}
	for i := range nd {
		p := &site.Page{Kind: site.Demand, Title: fmt.Sprintf("Demand <%d> & \"more\"", i), Claimant: []string{"Russia", "Belarus"}[i%2], Site: s}
		p.Href = fmt.Sprintf("/sub/demands/d%d/", i)
		s.Demands = append(s.Demands, p)
	}
	for i := range nc {
		c := &site.Page{Kind: site.Counterposition, Title: fmt.Sprintf("Answer %d", i), Respondent: []string{"NATO", "United States"}[i%2], Site: s}
		c.Href = fmt.Sprintf("/sub/counterpositions/c%d/", i)
		if nd > 0 {
			c.RespondsTo = []*site.Page{s.Demands[i%nd], s.Demands[(i*7+3)%nd]}
			if c.RespondsTo[0] == c.RespondsTo[1] {
				c.RespondsTo = c.RespondsTo[:1]
			}
		}
		for _, d := range c.RespondsTo {
			d.Counterpositions = append(d.Counterpositions, c)
		}
		s.Counterpositions = append(s.Counterpositions, c)
	}
	return s
}

// svgShape checks that html is one well-formed <svg> element (or
// several) named and described as a group, and returns its links.
func svgShape(t *testing.T, h template.HTML) []string {
	t.Helper()
	d := xml.NewDecoder(strings.NewReader("<root>" + string(h) + "</root>"))
	var hrefs []string
	svgs := 0
	for {
		tok, err := d.Token()
		if err != nil {
			if err.Error() != "EOF" {
				t.Fatalf("not well-formed: %v\n%s", err, h)
			}
			break
		}
		se, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		attr := map[string]string{}
		for _, a := range se.Attr {
			attr[a.Name.Local] = a.Value
		}
		switch se.Name.Local {
		case "svg":
			svgs++
			if attr["role"] != "group" || attr["aria-labelledby"] == "" || attr["aria-describedby"] == "" {
				t.Errorf("svg attributes %v", attr)
			}
		case "a":
			hrefs = append(hrefs, attr["href"])
		}
		if attr["style"] != "" {
			t.Errorf("a style attribute on %s", se.Name.Local)
		}
	}
	if svgs == 0 {
		t.Fatalf("no svg in %s", h)
	}
	for _, id := range regexp.MustCompile(`aria-(?:labelledby|describedby)="([^"]+)"`).FindAllStringSubmatch(string(h), -1) {
		if !strings.Contains(string(h), ` id="`+id[1]+`"`) {
			t.Errorf("no element with id %s", id[1])
		}
	}
	return hrefs
}

func TestMapEveryPageALink(t *testing.T) {
	s := testSite(6, 7)
	m, err := Map(s, "/sub/map/")
	if err != nil {
		t.Fatal(err)
	}
	if m.Home == "" || m.Home != m.Full || m.Grouped || m.Positions != 13 {
		t.Fatalf("a small site: Home %d bytes, Full %d, Grouped %v, Positions %d", len(m.Home), len(m.Full), m.Grouped, m.Positions)
	}
	hrefs := svgShape(t, m.Full)
	want := map[string]bool{}
	for _, p := range append(s.Demands, s.Counterpositions...) {
		want[p.Href] = true
	}
	for _, h := range hrefs {
		if !want[h] {
			t.Errorf("link to %s, no such page", h)
		}
		delete(want, h)
	}
	if len(want) > 0 {
		t.Errorf("pages without a link: %v", want)
	}
	edges := 0
	for _, c := range s.Counterpositions {
		edges += len(c.RespondsTo)
	}
	if got := strings.Count(string(m.Full), "<path "); got != edges {
		t.Errorf("%d lines, want one per answer: %d", got, edges)
	}
	for _, w := range []string{`&lt;0&gt;`, `&amp;`, `&#34;more&#34;`, ">Russia<", ">Belarus<", ">NATO<", ">United States<", "<title id=\"map-t\">Map of demands and counterpositions</title>"} {
		if !strings.Contains(string(m.Full), w) {
			t.Errorf("the map lacks %s", w)
		}
	}
	if len(m.Claimants) != 2 || m.Claimants[0].ID != "claimant-russia" || len(m.Respondents) != 2 {
		t.Errorf("groups %+v %+v", m.Claimants, m.Respondents)
	}
	again, _ := Map(testSite(6, 7), "/sub/map/")
	if again.Full != m.Full {
		t.Error("two drawings of one site differ")
	}
}

// TestMapLimits: the home page draws the map up to HomeLimit positions;
// /map/ draws every page up to FullLimit and sides beyond.
func TestMapLimits(t *testing.T) {
	m, _ := Map(testSite(20, HomeLimit-20), "/map/")
	if m.Home == "" {
		t.Errorf("%d positions: no map on the home page", m.Positions)
	}
	m, _ = Map(testSite(20, HomeLimit-19), "/map/")
	if m.Home != "" || m.Full == "" || m.Grouped {
		t.Errorf("%d positions: home %d bytes, full %d, grouped %v", m.Positions, len(m.Home), len(m.Full), m.Grouped)
	}
	m, _ = Map(testSite(100, FullLimit-100), "/map/")
	if m.Home != "" || m.Grouped || strings.Count(string(m.Full), "<a ") != FullLimit {
		t.Errorf("%d positions: %d links, grouped %v", m.Positions, strings.Count(string(m.Full), "<a "), m.Grouped)
	}
	m, _ = Map(testSite(2000, 3000), "/map/")
	if m.Home != "" || !m.Grouped {
		t.Fatalf("5000 positions: home %d bytes, grouped %v", len(m.Home), m.Grouped)
	}
	hrefs := svgShape(t, m.Full)
	want := []string{"#claimant-russia", "#claimant-belarus", "#respondent-nato", "#respondent-united-states"}
	if strings.Join(hrefs, " ") != strings.Join(want, " ") {
		t.Errorf("grouped map links %v, want %v", hrefs, want)
	}
	for _, w := range []string{">Russia (1000)<", ">NATO (1500)<", "One box for everyone on a side"} {
		if !strings.Contains(string(m.Full), w) {
			t.Errorf("grouped map lacks %s", w)
		}
	}
	if len(m.Full) > 10_000 {
		t.Errorf("grouped map of 5000 positions is %d bytes", len(m.Full))
	}
	empty, _ := Map(testSite(0, 0), "/map/")
	if empty.Home != "" || empty.Full != "" {
		t.Error("a site without positions got a map")
	}
}

func TestNeighbourhood(t *testing.T) {
	s := testSite(2, 12)
	d := s.Demands[0]
	for i := range 10 {
		e := &site.Page{Kind: site.Event, Title: fmt.Sprint("Event ", i), Href: fmt.Sprintf("/timeline/#e%d", i), Site: s}
		d.Events = append(d.Events, e)
	}
	d.Actors = []*site.Page{{Kind: site.Actor, Title: "Sergey Lavrov", Href: "/actors/lavrov/", Site: s}}
	h, err := Neighbourhood(d)
	if err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(string(h), "<svg "); n != 1 {
		t.Fatalf("%d drawings, want one", n)
	}
	hrefs := svgShape(t, h)
	// Around of the 12 counterpositions (all answer d), "and 4 more";
	// Around of the 11 events and actors, then "and 3 more".
	if len(hrefs) != 2*Around {
		t.Errorf("%d links, want %d", len(hrefs), 2*Around)
	}
	if c, c4 := strings.Count(string(h), ">and 3 more<"), strings.Count(string(h), ">and 4 more<"); c != 1 || c4 != 1 {
		t.Errorf("%d and %d boxes for the pages left out, want one of each", c, c4)
	}
	for _, w := range []string{">Answered by: NATO<", ">On the timeline<", `<text font-weight="700">`} {
		if !strings.Contains(string(h), w) {
			t.Errorf("the neighbourhood lacks %s", w)
		}
	}
	if strings.Count(string(h), `href="`+d.Href+`"`) != 0 {
		t.Error("the demand links to itself")
	}
	lone := testSite(1, 0).Demands[0]
	h, _ = Neighbourhood(lone)
	if !strings.Contains(string(h), ">No counterposition") || len(svgShape(t, h)) != 0 {
		t.Error("a demand without answers does not say so")
	}
}

// TestRightToLeft: on a right-to-left site the map is mirrored, demands
// on the right.
func TestRightToLeft(t *testing.T) {
	s := testSite(3, 3)
	ltr, _ := Map(s, "/map/")
	s.Language = "ar"
	rtl, _ := Map(s, "/map/")
	first := regexp.MustCompile(`<rect x="([0-9.]+)"`)
	a, b := first.FindStringSubmatch(string(ltr.Full)), first.FindStringSubmatch(string(rtl.Full))
	if a == nil || b == nil || a[1] == b[1] {
		t.Fatalf("the first box is at x=%v left to right and %v right to left", a, b)
	}
	if a[1] != "4" {
		t.Errorf("left to right, the first demand starts at x=%s", a[1])
	}
}

// TestDrawingsReadable: no overlaps and no line through a label in the
// maps and neighbourhoods of sites of several sizes.
func TestDrawingsReadable(t *testing.T) {
	for _, n := range [][2]int{{1, 1}, {6, 7}, {20, 40}, {100, 200}} {
		s := testSite(n[0], n[1])
		ds := []*drawing{relations(s, "map"), neighbourhood(s.Demands[0])}
		for _, d := range ds {
			l, err := graphlayout.Place(d.g, d.options)
			if err != nil {
				t.Fatal(err)
			}
			if p := l.Problems(d.g); len(p) > 0 {
				t.Errorf("%v %s: %v", n, d.id, p[:min(len(p), 3)])
			}
		}
	}
}
