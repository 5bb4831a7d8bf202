package audit

import (
	"slices"
	"strconv"
	"strings"

	"github.com/counterpoint-ssg/counterpoint/internal/site"
)

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
			f := pg.at(u.offAt(w.start))
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
