package audit

import (
	"math"
	"slices"
	"strings"
)

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
