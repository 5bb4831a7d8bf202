package markdown

import (
	"bytes"
	_ "embed"
	"io"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/alecthomas/chroma/v2"
	chromahtml "github.com/alecthomas/chroma/v2/formatters/html"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"
)

// codeRenderer highlights code blocks at build time with chroma, emitting
// CSS classes so one stylesheet can serve light and dark schemes.
type codeRenderer struct {
	f *chromahtml.Formatter
}

// formatStyle is the style given to the formatter, which writes classes
// and no colours, so its output does not depend on the style (see
// TestFormatStyle); an empty one spares importing chroma's styles.
var formatStyle = chroma.MustNewStyle("classes", chroma.StyleEntries{})

func newCodeRenderer() *codeRenderer {
	return &codeRenderer{f: chromahtml.New(chromahtml.WithClasses(true), chromahtml.PreventSurroundingPre(true))}
}

func (c *codeRenderer) RegisterFuncs(r renderer.NodeRendererFuncRegisterer) {
	r.Register(ast.KindFencedCodeBlock, c.render)
	r.Register(ast.KindCodeBlock, c.render)
}

func (c *codeRenderer) render(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkSkipChildren, nil
	}
	var lang string
	if f, ok := node.(*ast.FencedCodeBlock); ok && f.Info != nil {
		info := f.Info.Segment.Value(src)
		if i := bytes.IndexAny(info, " \t{"); i >= 0 {
			info = info[:i]
		}
		lang = strings.ToLower(string(info))
	}
	var code bytes.Buffer
	lines := node.Lines()
	for i := 0; i < lines.Len(); i++ {
		s := lines.At(i)
		code.Write(s.Value(src))
	}
	lexer := lexerFor(lang)
	w.WriteString(`<pre class="chroma" tabindex="0"><code`)
	if lang != "" && lexer != nil {
		w.WriteString(` class="language-`)
		w.Write(util.EscapeHTML([]byte(lang)))
		w.WriteString(`" data-lang="`)
		w.Write(util.EscapeHTML([]byte(lang)))
		w.WriteByte('"')
	}
	w.WriteByte('>')
	if lexer == nil {
		w.Write(util.EscapeHTML(code.Bytes()))
	} else {
		head := highlightable(node, code.Bytes())
		if len(head) > 0 || code.Len() == 0 {
			if err := c.highlight(w, lang, lexer, head); err != nil {
				return ast.WalkStop, err
			}
		}
		w.Write(util.EscapeHTML(code.Bytes()[len(head):]))
	}
	w.WriteString("</code></pre>\n")
	return ast.WalkSkipChildren, nil
}

// MaxHighlight bounds the code highlighted per body, in bytes: chroma
// takes about 4.5 µs a byte (a 7 MB block took 49 s), so a body's code
// beyond this is shown as plain text, from the first line that does not
// fit. Blocks are highlighted in order until the budget is spent, so the
// same body always comes out the same.
const MaxHighlight = 256 << 10

// metaHighlighted is the document meta key of the bytes highlighted so far
// in the body being rendered (reset by Render).
const metaHighlighted = "counterpoint-highlighted"

// highlightable returns the head of code to highlight, whole lines within
// what is left of the body's MaxHighlight, and counts it as spent.
func highlightable(node ast.Node, code []byte) []byte {
	doc := node.OwnerDocument()
	if doc == nil {
		return code
	}
	spent, _ := doc.Meta()[metaHighlighted].(int)
	head := code
	if left := MaxHighlight - spent; len(code) > left {
		head = code[:bytes.LastIndexByte(code[:max(left, 0)], '\n')+1]
	}
	doc.AddMeta(metaHighlighted, spent+len(head))
	return head
}

// Highlighting is a regular-expression lexer run, by far the costliest
// part of rendering a code block, and sites repeat snippets (install
// commands, a sample file): highlighted code is kept, keyed by language
// and text, up to highlightCacheMax bytes in all for the process.
const highlightCacheMax = 16 << 20

var (
	highlightCache sync.Map // lang + "\x00" + code -> []byte
	highlightSize  atomic.Int64
)

// highlight writes code highlighted by lexer, or escaped if it cannot be
// tokenised.
func (c *codeRenderer) highlight(w util.BufWriter, lang string, lexer chroma.Lexer, code []byte) error {
	key := lang + "\x00" + string(code)
	if h, ok := highlightCache.Load(key); ok {
		w.Write(h.([]byte))
		return nil
	}
	it, err := chroma.Coalesce(lexer).Tokenise(nil, string(code))
	if err != nil {
		w.Write(util.EscapeHTML(code))
		return nil
	}
	var out bytes.Buffer
	if err := c.f.Format(&out, formatStyle, it); err != nil {
		return err
	}
	if highlightSize.Add(int64(len(key)+out.Len())) <= highlightCacheMax {
		highlightCache.Store(key, out.Bytes())
	}
	w.Write(out.Bytes())
	return nil
}

// syntaxCSS is the highlighting stylesheet: a light scheme, a dark scheme
// for prefers-color-scheme: dark, and both reachable through a data-theme
// attribute on <html> so a theme toggle can override the system. It is
// made from chroma's "github" and "github-dark" styles by
// TestSyntaxCSS (go test ./internal/markdown -run SyntaxCSS -update):
// importing chroma's styles package would parse all its styles at every
// start of the program, for these two.
//
//go:embed syntax.css
var syntaxCSS []byte

// WriteSyntaxCSS writes the highlighting stylesheet.
func WriteSyntaxCSS(w io.Writer) error {
	_, err := w.Write(syntaxCSS)
	return err
}
