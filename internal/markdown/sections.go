package markdown

import (
	"html"
	"strings"

	"github.com/yuin/goldmark/ast"
)

// Section is a level-2 heading of a body, for a page's table of
// contents: its id and its words without markup.
type Section struct {
	ID, Text string
}

// headingText is a heading's text as a reader sees it, without markup:
// emphasis and code keep their words, a wikilink its label or target.
func headingText(h ast.Node, src []byte) string {
	var b strings.Builder
	ast.Walk(h, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Text:
			b.Write(n.Segment.Value(src))
			if n.SoftLineBreak() || n.HardLineBreak() {
				b.WriteByte(' ')
			}
		case *ast.String:
			// The typographer's quotes and dashes, written as entities.
			b.WriteString(html.UnescapeString(string(n.Value)))
		case *Wikilink:
			if n.Label != "" {
				b.WriteString(n.Label)
			} else {
				b.WriteString(n.Target)
			}
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	return strings.Join(strings.Fields(b.String()), " ")
}
