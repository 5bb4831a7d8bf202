package audit

import (
	"regexp"
	"slices"
	"strings"

	"github.com/counterpoint-ssg/counterpoint/internal/site"
)

// The sides are derived from the claimant and respondent values: a value
// names one or more members ("United States and NATO" names "United
// States" and "NATO"), and members named together in any value are one
// side. So "United States", "NATO" and "United States and NATO" make one
// side, and "Russia" another. A side is the set of demand and
// counterposition pages whose claimant or respondent names it.

var joiners = regexp.MustCompile(`\s*(?:,|&|\band\b)\s*`)

// members splits a claimant or respondent value into the names it holds.
func members(value string) []string {
	var out []string
	for _, p := range joiners.Split(value, -1) {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// holder is the claimant or respondent value of a demand or counterposition.
func holder(p *site.Page) string {
	switch p.Kind {
	case site.Demand:
		return strings.TrimSpace(p.Claimant)
	case site.Counterposition:
		return strings.TrimSpace(p.Respondent)
	}
	return ""
}

// deriveSides groups the values into sides, ordered by how many pages
// state demands, then counterpositions, then by name.
func deriveSides(s *site.Site) (sides []*Side, ofValue map[string]int) {
	parent := map[string]string{}
	var find func(string) string
	find = func(x string) string {
		if parent[x] == x {
			return x
		}
		parent[x] = find(parent[x])
		return parent[x]
	}
	count := map[string]int{} // pages per member, for naming the side
	var values []string
	for _, p := range append(slices.Clone(s.Demands), s.Counterpositions...) {
		v := holder(p)
		if v == "" {
			continue
		}
		if !slices.Contains(values, v) {
			values = append(values, v)
		}
		ms := members(v)
		for _, m := range ms {
			key := strings.ToLower(m)
			if _, ok := parent[key]; !ok {
				parent[key] = key
			}
			count[m]++
		}
		for _, m := range ms[1:] {
			a, b := find(strings.ToLower(ms[0])), find(strings.ToLower(m))
			if a != b {
				parent[b] = a
			}
		}
	}
	byRoot := map[string]*Side{}
	ofValue = map[string]int{}
	for _, v := range values {
		root := find(strings.ToLower(members(v)[0]))
		sd := byRoot[root]
		if sd == nil {
			sd = &Side{}
			byRoot[root] = sd
			sides = append(sides, sd)
		}
		sd.Values = append(sd.Values, v)
		for _, m := range members(v) {
			if !slices.ContainsFunc(sd.Members, func(x string) bool { return strings.EqualFold(x, m) }) {
				sd.Members = append(sd.Members, m)
			}
		}
	}
	for _, sd := range sides {
		slices.SortStableFunc(sd.Members, func(a, b string) int { return count[b] - count[a] })
		sd.Name = strings.Join(sd.Members, " + ")
		slices.Sort(sd.Values)
	}
	for _, p := range s.Demands {
		if v := holder(p); v != "" {
			byRoot[find(strings.ToLower(members(v)[0]))].demands++
		}
	}
	for _, p := range s.Counterpositions {
		if v := holder(p); v != "" {
			byRoot[find(strings.ToLower(members(v)[0]))].counters++
		}
	}
	slices.SortStableFunc(sides, func(a, b *Side) int {
		if a.demands != b.demands {
			return b.demands - a.demands
		}
		if a.counters != b.counters {
			return b.counters - a.counters
		}
		return strings.Compare(a.Name, b.Name)
	})
	for i, sd := range sides {
		for _, v := range sd.Values {
			ofValue[v] = i
		}
	}
	return sides, ofValue
}

// tokens splits a name into its words as the text is split.
func tokens(name string) []string {
	u := &unit{text: name}
	u.segment(map[string]Verb{})
	out := make([]string, len(u.words))
	for i, w := range u.words {
		out[i] = w.lower
	}
	return out
}

// names finds mentions of the sides in text: word sequences mapped to a
// side index.
type names struct {
	side map[string]int // tokens joined by a space
	// first holds the names by their first word, longest first, so that
	// matching at a word allocates nothing.
	first map[string][]name
}

type name struct {
	words []string
	key   string
}

func (n *names) add(nm string, side int) {
	t := tokens(nm)
	if len(t) == 0 {
		return
	}
	k := strings.Join(t, " ")
	if old, ok := n.side[k]; ok {
		if old != side {
			n.side[k] = -1 // a name both sides go by names neither
		}
		return
	}
	n.side[k] = side
	if n.first == nil {
		n.first = map[string][]name{}
	}
	l := append(n.first[t[0]], name{t, k})
	slices.SortStableFunc(l, func(a, b name) int { return len(b.words) - len(a.words) })
	n.first[t[0]] = l
}

// at returns the side mentioned by the longest name starting at word i of
// ws, and how many words it takes; side -1 when none.
func (n *names) at(ws []word, i int) (side, length int) {
	for _, c := range n.first[ws[i].lower] {
		if i+len(c.words) > len(ws) {
			continue
		}
		match := true
		for j := 1; j < len(c.words) && match; j++ {
			match = ws[i+j].lower == c.words[j]
		}
		if s := n.side[c.key]; match && s >= 0 {
			return s, len(c.words)
		}
	}
	return -1, 0
}

// officials reports whether a publisher is one of the side's own: its name
// holds a member's name, a word formed from a one-word name ("Russian
// Federation" for "Russia"), or a multi-word name's initials ("U.S.").
func officials(publisher string, sd *Side, extra []string) bool {
	pub := tokens(publisher)
	has := func(seq []string) bool {
		for i := 0; i+len(seq) <= len(pub); i++ {
			if slices.Equal(pub[i:i+len(seq)], seq) {
				return true
			}
		}
		return false
	}
	for _, m := range append(slices.Clone(sd.Members), extra...) {
		t := tokens(m)
		if len(t) == 0 {
			continue
		}
		if has(t) {
			return true
		}
		if len(t) == 1 && len(t[0]) >= 4 {
			for _, w := range pub {
				if strings.HasPrefix(w, t[0]) {
					return true
				}
			}
		}
		if len(t) > 1 {
			ini := make([]string, len(t))
			for i, w := range t {
				ini[i] = string([]rune(w)[0])
			}
			// "U.S." is the word "u.s" and a full stop.
			if has([]string{strings.Join(ini, "")}) || has([]string{strings.Join(ini, ".")}) {
				return true
			}
		}
	}
	return false
}
