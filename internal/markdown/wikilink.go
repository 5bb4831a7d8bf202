package markdown

import (
	"io"
	"strconv"
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// KindWikilink is the AST node kind of a [[...]] link.
var KindWikilink = ast.NewNodeKind("Wikilink")

// Wikilink is a [[target|label]] or [[target#anchor]] link. The parser fills
// what was written; the caller resolves it (URL, Display, Short) before
// rendering.
type Wikilink struct {
	ast.BaseInline
	Target string
	Anchor string
	Label  string
	// Offset is the byte offset of "[[" in the parsed source.
	Offset int

	URL     string
	Display string // label to show when none was written
	Short   string // glossary definition, for the link's title
	Class   string

	// index is the link's position in Doc.Links; deferred rendering
	// writes a placeholder carrying it instead of the link.
	index    int
	deferred bool
}

// Kind implements ast.Node.
func (n *Wikilink) Kind() ast.NodeKind { return KindWikilink }

// Dump implements ast.Node.
func (n *Wikilink) Dump(src []byte, level int) {
	ast.DumpHelper(n, src, level, map[string]string{"Target": n.Target, "Anchor": n.Anchor, "Label": n.Label}, nil)
}

// ParseWikilink splits the inside of [[...]] into target, anchor and label.
// It is exported for fuzzing and for tools that need the same rules.
func ParseWikilink(inner []byte) (target, anchor, label string, ok bool) {
	s := string(inner) // one copy; the parts share it
	if i := strings.IndexByte(s, '|'); i >= 0 {
		label = strings.TrimSpace(s[i+1:])
		s = s[:i]
	}
	if i := strings.IndexByte(s, '#'); i >= 0 {
		anchor = strings.TrimSpace(s[i+1:])
		s = s[:i]
	}
	target = strings.TrimSpace(s)
	return target, anchor, label, target != ""
}

type wikilinkParser struct{}

func (wikilinkParser) Trigger() []byte { return []byte{'['} }

func (wikilinkParser) Parse(_ ast.Node, block text.Reader, _ parser.Context) ast.Node {
	line, seg := block.PeekLine()
	if len(line) < 5 || line[1] != '[' {
		return nil
	}
	end := innerEnd(line)
	if end < 0 {
		return nil
	}
	inner := line[2 : 2+end]
	target, anchor, label, ok := ParseWikilink(inner)
	if !ok {
		return nil
	}
	block.Advance(end + 4)
	return &Wikilink{Target: target, Anchor: anchor, Label: label, Offset: seg.Start}
}

// innerEnd returns the length of the inside of the [[...]] that line
// starts with: it runs to the first "]]" and holds no "[" or line break.
// It returns -1 if there is no such inside. Scanning stops at the first
// of these, so a line full of "[[" costs linear time, not quadratic.
func innerEnd(line []byte) int {
	for i := 2; i+1 < len(line); i++ {
		switch line[i] {
		case '[', '\n':
			return -1
		case ']':
			if line[i+1] == ']' {
				return i - 2
			}
		}
	}
	return -1
}

type wikilinkRenderer struct{}

func (wikilinkRenderer) RegisterFuncs(r renderer.NodeRendererFuncRegisterer) {
	r.Register(KindWikilink, renderWikilink)
}

func renderWikilink(w util.BufWriter, _ []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	n := node.(*Wikilink)
	if n.deferred {
		w.WriteByte(0)
		w.WriteString(strconv.Itoa(n.index))
		w.WriteByte(0)
		return ast.WalkSkipChildren, nil
	}
	label := n.Label
	if label == "" {
		label = n.Display
	}
	if label == "" {
		label = n.Target
	}
	WriteLink(w, n.URL, label, n.Short, n.Class)
	return ast.WalkSkipChildren, nil
}

// WriteLink writes a resolved wikilink: an <a> with the glossary short text
// in its title when there is one (the tooltip without JavaScript, the
// preview's text with it), or the bare label when url is empty (an
// unresolved link, whose build has already failed).
func WriteLink(w interface {
	io.Writer
	io.StringWriter
	io.ByteWriter
}, url, label, short, class string) {
	if url == "" {
		w.Write(util.EscapeHTML([]byte(label)))
		return
	}
	w.WriteString(`<a href="`)
	w.Write(util.EscapeHTML(util.URLEscape([]byte(url), false)))
	w.WriteByte('"')
	if class != "" {
		w.WriteString(` class="`)
		w.WriteString(class)
		w.WriteByte('"')
	}
	if short != "" {
		w.WriteString(` title="`)
		w.Write(util.EscapeHTML([]byte(short)))
		w.WriteByte('"')
	}
	w.WriteByte('>')
	w.Write(util.EscapeHTML([]byte(label)))
	w.WriteString("</a>")
}
