package site

import (
	"slices"
	"testing"
)

func TestTimelineEras(t *testing.T) {
	s := &Site{Params: map[string]any{"crisis_from": "2021-12"}}
	ev := func(slug, d string) *Page {
		return &Page{Kind: Event, Slug: slug, Date: day(t, d), Site: s}
	}
	s.Events = []*Page{ev("a", "1997-05-27"), ev("b", "2021"), ev("c", "2021-11-30"), ev("d", "2021-12"), ev("e", "2021-12-01"), ev("f", "2022-02")}
	s.Events[5].End = day(t, "2022-02-02")

	if got := s.CrisisFrom().ISO(); got != "2021-12" {
		t.Fatalf("CrisisFrom = %q", got)
	}
	eras := s.TimelineEras()
	type year struct{ key, id, slugs string }
	summary := func(e Era) (out []year) {
		for _, y := range e.Years {
			var slugs string
			for _, p := range y.Pages {
				slugs += p.Slug
			}
			out = append(out, year{y.Key, y.ID, slugs})
		}
		return out
	}
	if len(eras) != 2 || eras[0].Name != EraBackground || eras[1].Name != EraCrisis {
		t.Fatalf("eras = %+v", eras)
	}
	// A year the crisis date splits shows in both eras; only its first part
	// carries the year's id.
	if got, want := summary(eras[0]), []year{{"1997", "year-1997", "a"}, {"2021", "year-2021", "bc"}}; !slices.Equal(got, want) {
		t.Errorf("background years = %v, want %v", got, want)
	}
	if got, want := summary(eras[1]), []year{{"2021", "", "de"}, {"2022", "year-2022", "f"}}; !slices.Equal(got, want) {
		t.Errorf("crisis years = %v, want %v", got, want)
	}
	if eras[0].First.ISO() != "1997-05-27" || eras[0].Last.ISO() != "2021-11-30" || eras[1].First.ISO() != "2021-12" || eras[1].Last.ISO() != "2022-02-02" {
		t.Errorf("era bounds: %v–%v, %v–%v", eras[0].First, eras[0].Last, eras[1].First, eras[1].Last)
	}

	for _, v := range []any{nil, "", "soon", 12} {
		s.Params["crisis_from"] = v
		if eras := s.TimelineEras(); len(eras) != 1 || eras[0].Name != "" || len(eras[0].Years) != 3 {
			t.Errorf("crisis_from %#v: want one unnamed era of 3 years, got %+v", v, eras)
		}
	}
	delete(s.Params, "crisis_from")
	if e := s.Events[0].Era(); e != "" {
		t.Errorf("Era without crisis_from = %q", e)
	}
}

func TestDemandSlugs(t *testing.T) {
	d1 := &Page{Kind: Demand, Slug: "d1"}
	d2 := &Page{Kind: Demand, Slug: "d2"}
	c := &Page{Kind: Counterposition, Slug: "c", RespondsTo: []*Page{d2, d1}}
	term := &Page{Kind: Term, Slug: "t"}
	e := &Page{Kind: Event, Slug: "e", Related: []*Page{term, d1, c}}
	if got, want := e.DemandSlugs(), []string{"d1", "d2"}; !slices.Equal(got, want) {
		t.Errorf("event: %v, want %v", got, want)
	}
	if got, want := c.DemandSlugs(), []string{"d2", "d1"}; !slices.Equal(got, want) {
		t.Errorf("counterposition: %v, want %v", got, want)
	}
	if got := term.DemandSlugs(); len(got) != 0 {
		t.Errorf("term: %v", got)
	}
}
