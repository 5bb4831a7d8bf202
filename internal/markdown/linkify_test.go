package markdown

import (
	"bufio"
	"bytes"
	"strings"
	"testing"

	"github.com/yuin/goldmark/renderer/html"
)

// renderWith parses and renders src with the full engine (linkify on) or
// the plain one, as Parse would pick for a body that needsLinkify.
func renderWith(t *testing.T, e *Engine, full bool, src string) string {
	t.Helper()
	md := e.plain
	if full {
		md = e.md
	}
	d := e.parse(md, []byte(src), "p-", nil)
	for _, l := range d.Links {
		if l.Wiki != nil {
			l.Wiki.URL = "/x/"
		}
	}
	out, err := e.RenderString(d)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

var linkifySeeds = []string{
	"plain words here\nand more words\n",
	"a \t\nb\n",
	"a  \nb\n",
	"a   \nb\n",
	"a \t \nb\n",
	"x\t\t\ny",
	"a\t \r\nb \r\n",
	"*a* _b_ ~c~ (d) [[e|f]] `g`\n",
	"- item one \t\n- item  two\n\n> quote \t\n> more\n",
	"| a | b |\n|---|---|\n| c \t | d |\n",
	"Term\n: definition \t\n",
	"# Heading \t\n\nText[^1]\n\n[^1]: note \t\n",
	"foo\\ bar \\\t\n&amp; &#32; &#x41; &copy (x) \"q\" 'r' -- ... <<a>>\n",
	"\tcode \t\n\n```go\nx := 1 \t\n```\n",
	"mail me at a@b.co or www.example.com or http://x.y/z (https://e.f)\n",
}

// TestPlainMatchesLinkify checks that for every body Parse gives to the
// engine without linkify, it renders exactly what the full engine does.
func TestPlainMatchesLinkify(t *testing.T) {
	for _, unsafe := range []bool{false, true} {
		e := New(unsafe)
		for _, src := range linkifySeeds {
			if needsLinkify([]byte(src)) {
				continue
			}
			if full, plain := renderWith(t, e, true, src), renderWith(t, e, false, src); full != plain {
				t.Errorf("unsafe=%v %q:\nlinkify: %q\nplain:   %q", unsafe, src, full, plain)
			}
		}
	}
}

// FuzzPlainMatchesLinkify is TestPlainMatchesLinkify on any text.
func FuzzPlainMatchesLinkify(f *testing.F) {
	for _, s := range linkifySeeds {
		f.Add(s)
	}
	e := New(false)
	f.Fuzz(func(t *testing.T, src string) {
		if needsLinkify([]byte(src)) || strings.IndexByte(src, 0) >= 0 {
			return
		}
		if full, plain := renderWith(t, e, true, src), renderWith(t, e, false, src); full != plain {
			t.Fatalf("%q:\nlinkify: %q\nplain:   %q", src, full, plain)
		}
	})
}

// FuzzTextWriter holds textWriter to goldmark's default writer.
func FuzzTextWriter(f *testing.F) {
	for _, s := range []string{"", "plain", `a<b>&c"d` + "\x00", `\* \\ \& &amp; &#65; &#x42; &bogus; & x`, "é\\\n"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, s []byte) {
		for _, raw := range []bool{false, true} {
			var got, want bytes.Buffer
			gw, ww := bufio.NewWriter(&got), bufio.NewWriter(&want)
			if raw {
				textWriter{}.RawWrite(gw, s)
				html.DefaultWriter.RawWrite(ww, s)
			} else {
				textWriter{}.Write(gw, s)
				html.DefaultWriter.Write(ww, s)
			}
			gw.Flush()
			ww.Flush()
			if !bytes.Equal(got.Bytes(), want.Bytes()) {
				t.Fatalf("raw=%v %q: got %q, want %q", raw, s, got.Bytes(), want.Bytes())
			}
		}
	})
}

func TestNeedsLinkify(t *testing.T) {
	for src, want := range map[string]bool{
		"": false, "plain text: a colon\n": false, "a@b": true, "see www.x": true,
		"http:": true, "xhttps://a": true, "ftp:x": true, "http ftp https :": false,
		"line \t\nnext": true, "hard break  \nnext": false, "two \t": true, "one \n": false,
	} {
		if got := needsLinkify([]byte(src)); got != want {
			t.Errorf("needsLinkify(%q) = %v, want %v", src, got, want)
		}
	}
}
