package markdown

import (
	"fmt"
	"strings"
	"testing"
)

// TestLimits feeds the parser text shaped to stall or crash it: each must
// be refused with its problem at the right place (or, for runs of quotes,
// come out as plain text), quickly and without a stack overflow.
func TestLimits(t *testing.T) {
	staircase := func(n int) string {
		var b strings.Builder
		for i := range n {
			b.WriteString(strings.Repeat("  ", i) + "- item\n")
		}
		return b.String()
	}
	refs := func(n int) string {
		var b strings.Builder
		for i := range n {
			fmt.Fprintf(&b, "[r%d]: /x/\n", i)
		}
		return b.String()
	}
	nesting := "lists and block quotes nested more than 100 levels deep (counting indentation): flatten the structure"
	tests := []struct {
		name, src string
		offset    int // of the problem, or -1 for none
		msg       string
	}{
		{"quotes-100", strings.Repeat("> ", 100) + "x\n", -1, ""},
		{"quotes-10000", "Intro.\n\n" + strings.Repeat("> ", 10000) + "x\n", 8, nesting},
		{"quotes-100000-no-spaces", strings.Repeat(">", 100000) + "x\n", 0, nesting},
		{"lists-10000", strings.Repeat("- ", 10000) + "x\n", 0, nesting},
		{"ordered-lists-100000", strings.Repeat("1. ", 100000) + "x\n", 0, nesting},
		{"mixed-100000", strings.Repeat("> * ", 100000) + "x\n", 0, nesting},
		{"staircase-100", staircase(100), -1, ""},
		{"staircase-300", staircase(300), len(staircase(100)), nesting},
		{"quotes-and-lists-100", strings.Repeat("> ", 50) + strings.Repeat("- ", 50) + "x\n", -1, ""},
		{"tabs", strings.Repeat("\t", 60) + "- x\n", 0, nesting},
		{"emphasis-4000", strings.Repeat("*", 4000) + "x" + strings.Repeat("*", 4000) + "\n", 4000,
			"text nested more than 1000 levels deep (lists, quotes, emphasis or links): flatten the structure"},
		{"underscores-6000", strings.Repeat("_", 3000) + "x" + strings.Repeat("_", 3000) + "\n", 3000,
			"text nested more than 1000 levels deep (lists, quotes, emphasis or links): flatten the structure"},
		{"references-1000", refs(1000), -1, ""},
		{"references-1001", "Text.\n\n" + refs(1001), 7, "more than 1000 link reference definitions in a row: put a blank line between groups of them"},
		{"unclosed-links", strings.Repeat("[a](", 1<<16), 0, "too many links on very long lines for the Markdown parser: break the lines"},
		{"brackets", strings.Repeat("[a]\n", 1<<17), 0, "too many brackets in long paragraphs for the Markdown parser: put blank lines between their parts"},
		// Ordinary text with a thematic break of stars, deep code indent
		// and many links is fine.
		{"ordinary", "* * *\n\n" + strings.Repeat(" ", 150) + "code\n\n" + strings.Repeat("See [a](/a/) and [[b]]. ", 2000) + "\n", -1, ""},
	}
	e := New(false)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := e.Parse([]byte(tt.src), "", nil)
			switch {
			case tt.offset < 0 && d.Problem != nil:
				t.Fatalf("refused at %d: %s", d.Problem.Offset, d.Problem.Msg)
			case tt.offset >= 0 && d.Problem == nil:
				t.Fatal("not refused")
			case tt.offset >= 0 && (d.Problem.Offset != tt.offset || d.Problem.Msg != tt.msg):
				t.Fatalf("problem at %d: %s\nwant at %d: %s", d.Problem.Offset, d.Problem.Msg, tt.offset, tt.msg)
			}
			html, err := e.RenderString(d)
			if err != nil {
				t.Fatal(err)
			}
			if d.Problem != nil && (html != "" || len(d.Links) != 0 || len(d.HeadingIDs) != 0) {
				t.Errorf("a refused body rendered %d bytes, %d links", len(html), len(d.Links))
			}
		})
	}
}

// TestQuoteRuns: a long run of quotes is plain text; shorter runs and
// ordinary quotes still get typographic quotes.
func TestQuoteRuns(t *testing.T) {
	e := New(false)
	for src, want := range map[string]string{
		`He said "yes" and 'no'.`:                  "<p>He said &ldquo;yes&rdquo; and &rsquo;no'.</p>\n", // the typographer's own way
		`"""""""""x`:                               "<p>&quot;&quot;&quot;&quot;&quot;&quot;&quot;&quot;&quot;x</p>\n",
		strings.Repeat("'", 100000):                "<p>" + strings.Repeat("'", 100000) + "</p>\n",
		`It's "quoted" ` + strings.Repeat(`"`, 20): "<p>It&rsquo;s &ldquo;quoted&rdquo; " + strings.Repeat("&quot;", 20) + "</p>\n",
	} {
		got, err := e.RenderString(e.Parse([]byte(src), "", nil))
		if err != nil {
			t.Fatal(err)
		}
		if got != want {
			t.Errorf("%.40q:\n got %.200q\nwant %.200q", src, got, want)
		}
	}
}

// TestManySameHeadings: ids of many headings with the same text count up
// without gaps, around ids set by hand and reserved ones.
func TestManySameHeadings(t *testing.T) {
	src := "# X\n\n# X {#x-2}\n\n" + strings.Repeat("# X\n\n", 20000)
	d := New(false).Parse([]byte(src), "", map[string]bool{"x-3": true})
	ids := d.HeadingIDs
	if len(ids) != 20002 {
		t.Fatalf("%d ids", len(ids))
	}
	want := []string{"x", "x-2", "x-1", "x-4", "x-5"}
	for i, w := range want {
		if ids[i] != w {
			t.Fatalf("ids start %q, want %q", ids[:len(want)], want)
		}
	}
	if last := ids[len(ids)-1]; last != "x-20002" {
		t.Errorf("last id %q", last)
	}
}

func TestLexerFor(t *testing.T) {
	for lang, want := range map[string]string{"": "", "go": "Go", "yaml": "YAML", "yml": "YAML", "py": "Python", "sh": "Bash", "txt": "plaintext", "xyzzy": "", "c++": "C++"} {
		l := lexerFor(lang)
		got := ""
		if l != nil {
			got = l.Config().Name
		}
		if got != want {
			t.Errorf("lexerFor(%q) = %q, want %q", lang, got, want)
		}
	}
}

func TestDangerousURL(t *testing.T) {
	for u, want := range map[string]bool{
		"javascript:alert(1)": true, "JaVaScRiPt:x": true, " javascript:x": true, "java\tscript:x": true, "java\nscript:x": true,
		"\x01javascript:x": true, "vbscript:x": true, "data:image/png;base64,AA": true, "DATA:text/html,x": true, "file:///etc/passwd": true,
		"/demands/x/": false, "https://example.org/javascript:x": false, "#javascript": false, "mailto:a@b.c": false, "": false, "javascript": false,
	} {
		if got := dangerousURL([]byte(u)); got != want {
			t.Errorf("dangerousURL(%q) = %v, want %v", u, got, want)
		}
	}
}

// TestHeadingAttributes: content sets a heading's id and class, nothing
// else, unless the site trusts it.
func TestHeadingAttributes(t *testing.T) {
	src := `## Title {#t .c style="color:red" onclick="alert(1)" data-x="y" title="z"}` + "\n"
	for unsafe, want := range map[bool]string{
		false: `<h2 id="t" class="c">Title</h2>` + "\n",
		true:  `<h2 id="t" class="c" style="color:red" data-x="y" title="z">Title</h2>` + "\n",
	} {
		e := New(unsafe)
		got, err := e.RenderString(e.Parse([]byte(src), "", nil))
		if err != nil {
			t.Fatal(err)
		}
		if got != want {
			t.Errorf("unsafe %v: %s, want %s", unsafe, got, want)
		}
	}
}
