// Package suggest finds the names a writer most likely meant when what they
// typed matches nothing: an error that says "did you mean [[cordon]]?" leads
// to the fix, one that says only "unknown" sends the writer searching.
package suggest

import (
	"cmp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/agnivade/levenshtein"
	"golang.org/x/text/unicode/norm"
)

// Candidate is one name that could be suggested, with the other names that
// lead to it (a page's title and aliases lead to its slug).
type Candidate struct {
	Name string
	Also []string
}

// Max is how many suggestions Closest returns at most: more is a list to
// read, not a hint.
const Max = 3

// Closest returns up to Max of the candidate names nearest to typed: a
// candidate whose name equals the slug form of typed ("council vote" for
// council-vote) or one of whose names equals typed ignoring case, else
// those at the smallest edit distance from typed or its slug form, if that
// is small (see limit below). Ties go in name
// order, so the result is the same whatever the order of cands.
func Closest(typed string, cands []Candidate) []string {
	key := fold(typed)
	slug := SlugForm(typed)
	if key == "" && slug == "" {
		return nil
	}
	// One slip in three letters, and from four letters on at least two
	// edits, the cost of the commonest slip: two letters swapped.
	n := utf8.RuneCountInString(key)
	limit := max(1, n/3)
	if n >= 4 {
		limit = max(2, limit)
	}
	type scored struct {
		name string
		d    int
	}
	var found []scored
	for _, c := range cands {
		if c.Name == "" {
			continue
		}
		best := limit + 1
		if slug != "" && c.Name == slug {
			best = 0
		}
		for i := -1; i < len(c.Also) && best > 0; i++ {
			n := c.Name
			if i >= 0 {
				n = c.Also[i]
			}
			f := fold(n)
			if f == "" {
				continue
			}
			if f == key {
				best = 0
				break
			}
			// Distance only between names of similar length: a long
			// difference is no slip, and this skips most names cheaply.
			if abs(utf8.RuneCountInString(f)-utf8.RuneCountInString(key)) > limit {
				continue
			}
			best = min(best, levenshtein.ComputeDistance(key, f))
			if slug != "" && slug != key {
				best = min(best, levenshtein.ComputeDistance(slug, f))
			}
		}
		if best <= limit {
			found = append(found, scored{c.Name, best})
		}
	}
	slices.SortFunc(found, func(a, b scored) int {
		return cmp.Or(cmp.Compare(a.d, b.d), cmp.Compare(a.name, b.name))
	})
	var out []string
	for _, f := range found {
		if f.d > found[0].d {
			break // a nearer name is the likelier slip: offer only the nearest
		}
		if !slices.Contains(out, f.name) {
			out = append(out, f.name)
		}
		if len(out) == Max {
			break
		}
	}
	return out
}

// Names makes candidates of plain names, such as keys or command names.
func Names(names ...string) []Candidate {
	out := make([]Candidate, len(names))
	for i, n := range names {
		out[i] = Candidate{Name: n}
	}
	return out
}

// Phrase turns suggestions into the end of a message: "; did you mean
// [[a]] or [[b]]?", each name passed through quote; "" for none.
func Phrase(names []string, quote func(string) string) string {
	if len(names) == 0 {
		return ""
	}
	q := make([]string, len(names))
	for i, n := range names {
		q[i] = quote(n)
	}
	list := q[0]
	if len(q) > 1 {
		list = strings.Join(q[:len(q)-1], ", ") + " or " + q[len(q)-1]
	}
	return "; did you mean " + list + "?"
}

// SlugForm is the slug a name would have: lower-case letters and digits,
// words joined by single hyphens ("The argument" gives the-argument), the
// form of slugs and heading ids.
func SlugForm(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range norm.NFC.String(s) {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(unicode.ToLower(r))
		case unicode.IsSpace(r) || r == '-' || r == '_':
			dash = true
		}
	}
	return b.String()
}

// fold is the form names are compared in: trimmed, lower case, composed.
func fold(s string) string {
	return norm.NFC.String(strings.ToLower(strings.TrimSpace(s)))
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}
