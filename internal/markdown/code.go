package markdown

import (
	"bytes"
	"io"
	"strings"

	"github.com/alecthomas/chroma/v2"
	chromahtml "github.com/alecthomas/chroma/v2/formatters/html"
	"github.com/alecthomas/chroma/v2/styles"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"
)

// codeRenderer highlights code blocks at build time with chroma, emitting
// CSS classes so one stylesheet can serve light and dark schemes.
type codeRenderer struct {
	f *chromahtml.Formatter
}

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
		it, err := chroma.Coalesce(lexer).Tokenise(nil, code.String())
		if err != nil {
			w.Write(util.EscapeHTML(code.Bytes()))
		} else if err := c.f.Format(w, styles.Fallback, it); err != nil {
			return ast.WalkStop, err
		}
	}
	w.WriteString("</code></pre>\n")
	return ast.WalkSkipChildren, nil
}

// WriteSyntaxCSS writes the highlighting stylesheet: a light scheme, a dark
// scheme for prefers-color-scheme: dark, and both reachable through a
// data-theme attribute on <html> so a theme toggle can override the system.
func WriteSyntaxCSS(w io.Writer) error {
	f := chromahtml.New(chromahtml.WithClasses(true))
	var light, dark bytes.Buffer
	if err := f.WriteCSS(&light, styles.Get("github")); err != nil {
		return err
	}
	if err := f.WriteCSS(&dark, styles.Get("github-dark")); err != nil {
		return err
	}
	io.WriteString(w, "/* Code highlighting: light scheme */\n")
	w.Write(scopeCSS(light.Bytes(), ":root:not([data-theme=dark]) "))
	io.WriteString(w, "/* Dark scheme, from the system setting unless the reader chose light */\n@media (prefers-color-scheme: dark) {\n")
	w.Write(scopeCSS(dark.Bytes(), ":root:not([data-theme=light]) "))
	io.WriteString(w, "}\n/* Dark scheme chosen by the reader */\n")
	w.Write(scopeCSS(dark.Bytes(), ":root[data-theme=dark] "))
	return nil
}

// scopeCSS prefixes every rule's selector in chroma's one-rule-per-line CSS.
func scopeCSS(css []byte, prefix string) []byte {
	var out bytes.Buffer
	for _, line := range bytes.Split(css, []byte("\n")) {
		// Drop chroma's comments; keep the rule.
		if i := bytes.Index(line, []byte("*/")); i >= 0 {
			line = bytes.TrimSpace(line[i+2:])
		}
		if len(line) == 0 {
			continue
		}
		sel, rest, ok := bytes.Cut(line, []byte("{"))
		if !ok {
			continue
		}
		parts := bytes.Split(sel, []byte(","))
		for i, p := range parts {
			if i > 0 {
				out.WriteByte(',')
			}
			out.WriteString(prefix)
			out.Write(bytes.TrimSpace(p))
		}
		out.WriteString(" {")
		out.Write(rest)
		out.WriteByte('\n')
	}
	return out.Bytes()
}
