package markdown

import (
	"bytes"
	"flag"
	"io"
	"os"
	"strings"
	"testing"

	"github.com/alecthomas/chroma/v2"
	chromahtml "github.com/alecthomas/chroma/v2/formatters/html"
	"github.com/alecthomas/chroma/v2/styles"
)

var update = flag.Bool("update", false, "rewrite syntax.css from chroma's styles")

// writeSyntaxCSS makes syntax.css from chroma's styles.
func writeSyntaxCSS(w io.Writer) error {
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

// TestSyntaxCSS holds the embedded syntax.css to what chroma's styles
// make now; -update rewrites it (after upgrading chroma).
func TestSyntaxCSS(t *testing.T) {
	var want bytes.Buffer
	if err := writeSyntaxCSS(&want); err != nil {
		t.Fatal(err)
	}
	if *update {
		if err := os.WriteFile("syntax.css", want.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	var got bytes.Buffer
	if err := WriteSyntaxCSS(&got); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got.Bytes(), want.Bytes()) {
		t.Error("syntax.css differs from chroma's styles: run go test ./internal/markdown -run SyntaxCSS -update")
	}
}

// TestFormatStyle checks that the highlighted HTML does not depend on the
// style, so formatStyle may stand in for chroma's default one.
func TestFormatStyle(t *testing.T) {
	f := newCodeRenderer().f
	for _, tt := range []struct{ lang, code string }{
		{"go", "package main\n\nfunc main() {\n\tfmt.Println(\"hi\", 42) // c\n}\n"},
		{"python", "def f(x):\n    return x ** 2  # sq\n"},
		{"html", "<a href=\"x\">y &amp; z</a>\n"},
		{"yaml", "a: [1, 'b']\n"},
		{"diff", "-a\n+b\n"},
	} {
		lx := lexerFor(tt.lang)
		if lx == nil {
			t.Fatalf("no lexer for %s", tt.lang)
		}
		format := func(style *chroma.Style) string {
			it, err := chroma.Coalesce(lx).Tokenise(nil, tt.code)
			if err != nil {
				t.Fatal(err)
			}
			var b bytes.Buffer
			if err := f.Format(&b, style, it); err != nil {
				t.Fatal(err)
			}
			return b.String()
		}
		got := format(formatStyle)
		for _, name := range []string{"swapoff", "github", "monokai"} {
			if want := format(styles.Get(name)); got != want {
				t.Errorf("%s with %s:\ngot  %s\nwant %s", tt.lang, name, got, want)
			}
		}
	}
}

// TestHighlightCache renders a code block twice, the second time from the
// cache, and once more with the cache bypassed.
func TestHighlightCache(t *testing.T) {
	e := New(false)
	src := "```go\nfunc cached() int { return 7 }\n```\n"
	first := render(t, e, src)
	second := render(t, e, src)
	highlightCache.Delete("go\x00func cached() int { return 7 }\n")
	third := render(t, e, src)
	if first != second || first != third || !bytes.Contains([]byte(first), []byte(`<span class="kd">func</span>`)) {
		t.Errorf("cached highlighting differs:\n%s\n%s\n%s", first, second, third)
	}
}

// TestHighlightBudget: a body's code is highlighted, in order, up to
// MaxHighlight bytes of whole lines; the rest, within the same block and
// in later blocks, is escaped plain text. The result does not depend on
// what is cached or on an earlier render of the same document.
func TestHighlightBudget(t *testing.T) {
	line := "x := \"<a>\" // note\n"
	fence := func(n int) string { return "```go\n" + strings.Repeat(line, n) + "```\n\n" }
	perBudget := MaxHighlight / len(line) // whole lines that fit
	small := fence(3)
	src := small + fence(perBudget) + small
	e := New(false)
	d := e.Parse([]byte(src), "", nil)
	var outs []string
	for range 2 {
		out, err := e.RenderString(d)
		if err != nil {
			t.Fatal(err)
		}
		outs = append(outs, out)
	}
	if outs[0] != outs[1] {
		t.Fatal("a second render of the same document differs")
	}
	blocks := strings.Split(outs[0], "</code></pre>\n")[:3]
	plain := strings.Repeat(`x := &quot;&lt;a&gt;&quot; // note`+"\n", 1)
	if !strings.Contains(blocks[0], `<span`) || strings.Contains(blocks[0], plain) {
		t.Errorf("first block not highlighted: %.300q", blocks[0])
	}
	// The big block gets what the first left: all but its last 3 lines.
	big := blocks[1]
	if got := strings.Count(big, plain); got != 3 {
		t.Errorf("big block: %d plain lines, want 3", got)
	}
	if i := strings.Index(big, plain); i < 0 || strings.Contains(big[i:], "<span") || !strings.HasSuffix(big, strings.Repeat(plain, 3)) {
		t.Errorf("big block does not end in its plain lines: %.300q", big[max(0, len(big)-300):])
	}
	if got := strings.Count(blocks[2], plain); got != 3 || strings.Contains(blocks[2], "<span") {
		t.Errorf("last block highlighted after the budget was spent: %.300q", blocks[2])
	}
	// Another engine gives the same bytes.
	e2 := New(false)
	if out, err := e2.RenderString(e2.Parse([]byte(src), "", nil)); err != nil || out != outs[0] {
		t.Errorf("another engine differs (%v)", err)
	}
}
