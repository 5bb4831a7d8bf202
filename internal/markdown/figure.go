package markdown

import (
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"
)

// figure is an image with a title standing alone in its paragraph,
// ![A map](map.png "The cordon in 2021"): it is shown as a <figure> whose
// caption is the title, which readers see, rather than a tooltip few find.
type figure struct {
	ast.BaseBlock
	caption []byte
}

var kindFigure = ast.NewNodeKind("Figure")

func (*figure) Kind() ast.NodeKind { return kindFigure }

func (n *figure) Dump(src []byte, level int) { ast.DumpHelper(n, src, level, nil, nil) }

// asFigure turns a paragraph holding only a titled image into a figure.
func asFigure(p *ast.Paragraph) bool {
	img, ok := p.FirstChild().(*ast.Image)
	if !ok || p.ChildCount() != 1 || len(img.Title) == 0 {
		return false
	}
	f := &figure{caption: img.Title}
	img.Title = nil // the caption says it; a tooltip would say it twice
	f.SetLines(p.Lines())
	p.Parent().ReplaceChild(p.Parent(), p, f)
	f.AppendChild(f, img)
	return true
}

type figureRenderer struct{}

func (figureRenderer) RegisterFuncs(r renderer.NodeRendererFuncRegisterer) {
	r.Register(kindFigure, func(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering {
			w.WriteString("<figure>")
			return ast.WalkContinue, nil
		}
		w.WriteString("<figcaption>")
		w.Write(util.EscapeHTML(node.(*figure).caption))
		w.WriteString("</figcaption></figure>\n")
		return ast.WalkContinue, nil
	})
}
