package search

import (
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// Section is the text of a page from one heading to the next: the
// heading's id (empty before the first heading), its text and the text
// under it, whitespace collapsed.
type Section struct {
	ID, Heading, Text string
}

// inline elements join their text to the words around them; any other
// tag separates words ("<li>a</li><li>b</li>" is "a b").
var inline = map[atom.Atom]bool{
	atom.A: true, atom.Abbr: true, atom.B: true, atom.Bdi: true, atom.Bdo: true,
	atom.Cite: true, atom.Code: true, atom.Data: true, atom.Dfn: true, atom.Em: true,
	atom.I: true, atom.Kbd: true, atom.Mark: true, atom.Q: true, atom.S: true,
	atom.Samp: true, atom.Small: true, atom.Span: true, atom.Strong: true,
	atom.Sub: true, atom.Sup: true, atom.Time: true, atom.U: true, atom.Var: true,
	atom.Del: true, atom.Ins: true,
}

// skipped elements hold no prose a reader searches for.
var skipped = map[atom.Atom]bool{
	atom.Script: true, atom.Style: true, atom.Template: true, atom.Svg: true,
	atom.Noscript: true,
}

func isHeading(a atom.Atom) bool {
	switch a {
	case atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6:
		return true
	}
	return false
}

// Sections splits body HTML at its headings. Text before the first
// heading is a section with an empty ID; a heading without an id keeps the
// id of the section it is in.
func Sections(body string) []Section {
	z := html.NewTokenizer(strings.NewReader(body))
	var out []Section
	var text, head strings.Builder
	cur := Section{}
	inHead, skip := false, 0
	space := func(b *strings.Builder) {
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
	}
	flush := func() {
		cur.Text = collapse(text.String())
		if cur.Text != "" || cur.Heading != "" || cur.ID != "" {
			out = append(out, cur)
		}
		text.Reset()
	}
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			flush()
			return out
		case html.TextToken:
			if skip > 0 {
				continue
			}
			if inHead {
				head.Write(z.Text())
			} else {
				text.Write(z.Text())
			}
		case html.StartTagToken, html.SelfClosingTagToken, html.EndTagToken:
			name, hasAttr := z.TagName()
			a := atom.Lookup(name)
			if skipped[a] {
				if tt == html.StartTagToken {
					skip++
				} else if tt == html.EndTagToken && skip > 0 {
					skip--
				}
				continue
			}
			if skip > 0 {
				continue
			}
			switch {
			case isHeading(a) && tt == html.StartTagToken:
				flush()
				id := cur.ID
				for hasAttr {
					var k, v []byte
					k, v, hasAttr = z.TagAttr()
					if string(k) == "id" {
						id = string(v)
					}
				}
				cur = Section{ID: id}
				inHead = true
				head.Reset()
			case isHeading(a) && tt == html.EndTagToken && inHead:
				cur.Heading = collapse(head.String())
				inHead = false
			case !inline[a]:
				if inHead {
					space(&head)
				} else {
					space(&text)
				}
			}
		}
	}
}

// collapse turns every run of white space into one space and trims the ends.
func collapse(s string) string {
	return strings.Join(strings.Fields(s), " ")
}
