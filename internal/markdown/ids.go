package markdown

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
)

// Slugify turns heading text into an anchor id: lower case letters and
// digits, words joined by single hyphens, everything else dropped.
func Slugify(s []byte) string {
	out := make([]byte, 0, len(s))
	dash := false
	for len(s) > 0 {
		r, n := utf8.DecodeRune(s)
		s = s[n:]
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if dash && len(out) > 0 {
				out = append(out, '-')
			}
			dash = false
			out = utf8.AppendRune(out, unicode.ToLower(r))
		case r == ' ' || r == '-' || r == '_' || r == '\t':
			dash = true
		}
	}
	return string(out)
}

// ids generates heading ids unique within one document, with an optional
// prefix for entries that share a page (glossary terms, timeline events).
type ids struct {
	prefix   string
	used     map[string]bool
	reserved map[string]bool // shared, read-only
	// next is, per base id, the suffix to try first, so that many
	// headings with the same text cost linear time, not quadratic.
	next map[string]int
}

func newIDs(prefix string, reserved map[string]bool) *ids {
	return &ids{prefix: prefix, used: map[string]bool{}, reserved: reserved, next: map[string]int{}}
}

func (s *ids) Generate(value []byte, _ ast.NodeKind) []byte {
	base := Slugify(value)
	if base == "" {
		base = "section"
	}
	base = s.prefix + base
	id := base
	if s.used[id] || s.reserved[id] {
		i := max(s.next[base], 1)
		for {
			id = base + "-" + strconv.Itoa(i)
			i++
			if !s.used[id] && !s.reserved[id] {
				break
			}
		}
		s.next[base] = i
	}
	s.used[id] = true
	return []byte(id)
}

// Put records an id the writer set with {#id}. On a shared page the id
// takes the entry's prefix, as generated ids do; Parse rewrites the
// heading to match.
func (s *ids) Put(value []byte) { s.used[s.prefixed(string(value))] = true }

func (s *ids) prefixed(id string) string {
	if strings.HasPrefix(id, s.prefix) {
		return id
	}
	return s.prefix + id
}
