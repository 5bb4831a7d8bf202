package markdown

import (
	"bytes"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"
)

// escapeHTML shows raw HTML as text instead of dropping it, so a writer who
// typed "<b>" sees it on the page and no markup from content reaches the
// reader unless the site opts in with unsafe: true.
type escapeHTML struct{}

func (escapeHTML) RegisterFuncs(r renderer.NodeRendererFuncRegisterer) {
	r.Register(ast.KindRawHTML, func(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering {
			segs := node.(*ast.RawHTML).Segments
			for i := 0; i < segs.Len(); i++ {
				s := segs.At(i)
				w.Write(util.EscapeHTML(s.Value(src)))
			}
		}
		return ast.WalkSkipChildren, nil
	})
	r.Register(ast.KindHTMLBlock, func(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkSkipChildren, nil
		}
		n := node.(*ast.HTMLBlock)
		w.WriteString("<p>")
		lines := n.Lines()
		for i := 0; i < lines.Len(); i++ {
			s := lines.At(i)
			w.Write(util.EscapeHTML(s.Value(src)))
		}
		if n.HasClosure() {
			w.Write(util.EscapeHTML(n.ClosureLine.Value(src)))
		}
		w.WriteString("</p>\n")
		return ast.WalkSkipChildren, nil
	})
}

// dangerousURL reports whether a link destination runs or embeds
// something when followed: a javascript:, vbscript:, data: or file: URL,
// however spelled. Browsers ignore ASCII white space and control
// characters in a URL and the case of its scheme, and the Markdown parser
// has already decoded entities. goldmark's own check lets data: images
// through; content that is not trusted gets no data: URL at all.
func dangerousURL(u []byte) bool {
	b := make([]byte, 0, len("javascript:"))
	for _, c := range u {
		if c <= ' ' || c == 0x7f {
			continue
		}
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		if b = append(b, c); len(b) == cap(b) {
			break
		}
	}
	for _, s := range []string{"javascript:", "vbscript:", "data:", "file:"} {
		if bytes.HasPrefix(b, []byte(s)) {
			return true
		}
	}
	return false
}

// keepAttributes drops every attribute of n (set with {...} after a
// heading) but the named ones: style, data-* and the rest of HTML's
// global attributes are the site's business, not the content's.
func keepAttributes(n ast.Node, names ...string) {
	attrs := n.Attributes()
	if len(attrs) == 0 {
		return
	}
	n.RemoveAttributes()
	for _, a := range attrs {
		for _, name := range names {
			if string(a.Name) == name {
				n.SetAttribute(a.Name, a.Value)
			}
		}
	}
}
