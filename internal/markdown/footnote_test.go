package markdown

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
)

// footnoteEngines returns goldmark with its own footnote extension and
// with ours, otherwise alike, for comparing the two.
func footnoteEngines() (stock, ours goldmark.Markdown) {
	opt := extension.WithFootnoteIDPrefix("p-")
	build := func(fn goldmark.Extender) goldmark.Markdown {
		return goldmark.New(
			goldmark.WithExtensions(extension.GFM, extension.DefinitionList, fn),
			goldmark.WithParserOptions(parser.WithAutoHeadingID(), parser.WithAttribute()),
		)
	}
	return build(extension.NewFootnote(opt)), build(footnotes{[]extension.FootnoteOption{opt}})
}

// shuffledFootnotes is n definitions referred to in an order fixed by
// seed, some twice, some not at all, some defined twice.
func shuffledFootnotes(n int, seed uint64) string {
	r := rand.New(rand.NewPCG(seed, 1))
	var b strings.Builder
	for _, i := range r.Perm(n) {
		switch i % 7 {
		case 0: // never referred to
		case 1:
			fmt.Fprintf(&b, "a[^%d] and again[^%d].\n\n", i, i)
		case 2:
			fmt.Fprintf(&b, "![^%d] image-like\n\n", i)
		default:
			fmt.Fprintf(&b, "x[^%d]\n\n", i)
		}
	}
	b.WriteString("A missing one[^none] and [^].\n\n")
	for i := range n {
		fmt.Fprintf(&b, "[^%d]: note %d\n", i, i)
		if i%5 == 0 {
			fmt.Fprintf(&b, "[^%d]: a second definition, never shown\n", i)
		}
		if i%3 == 0 {
			b.WriteString("\n    more of it, in a second paragraph\n\n")
		}
	}
	return b.String()
}

var footnoteCases = []string{
	"",
	"no footnotes at all",
	"Text[^1].\n\n[^1]: The note.\n",
	"Text[^a] then[^b] then[^a].\n\n[^b]: B.\n[^a]: A.\n",
	"[^unused]: Nobody refers to me.\n",
	"Before the definition.\n\n[^x]: X.\n\nAfter[^x].\n",
	"> Quoted[^q].\n>\n> [^q]: Defined in a quote.\n",
	"- item[^l]\n\n  [^l]: In a list.\n",
	"!^x] odd[^x]\n\n[^x]: X.\n",
	"Nested [^a[b]] brackets.\n\n[^a[b]]: Nested.\n",
	"Code `[^c]` and [^c].\n\n[^c]: C.\n",
	"Empty [^ ] label.\n\n[^ ]: Blank.\n",
	"Long [^" + strings.Repeat("l", 1200) + "].\n\n[^" + strings.Repeat("l", 1200) + "]: L.\n",
	"Case [^A] and [^a].\n\n[^a]: lower\n[^A]: upper\n",
	"Last[^z]\n\n[^z]:\n",
	"Para[^p]\n\n[^p]: one\n\n    two\n\n        code\n",
	shuffledFootnotes(50, 1),
	shuffledFootnotes(500, 2),
}

// TestFootnotesMatchGoldmark: our footnote extension renders exactly what
// goldmark's does, references in any order included.
func TestFootnotesMatchGoldmark(t *testing.T) {
	stock, ours := footnoteEngines()
	for i, src := range footnoteCases {
		var want, got bytes.Buffer
		if err := stock.Convert([]byte(src), &want); err != nil {
			t.Fatal(err)
		}
		if err := ours.Convert([]byte(src), &got); err != nil {
			t.Fatal(err)
		}
		if got.String() != want.String() {
			t.Errorf("case %d %.60q:\n got %.2000q\nwant %.2000q", i, src, got.String(), want.String())
		}
	}
}

func FuzzFootnotesMatchGoldmark(f *testing.F) {
	for _, src := range footnoteCases[:len(footnoteCases)-1] {
		f.Add(src)
	}
	stock, ours := footnoteEngines()
	f.Fuzz(func(t *testing.T, src string) {
		var want, got bytes.Buffer
		if err := stock.Convert([]byte(src), &want); err != nil {
			t.Skip()
		}
		if err := ours.Convert([]byte(src), &got); err != nil {
			t.Fatal(err)
		}
		if got.String() != want.String() {
			t.Errorf("%q:\n got %q\nwant %q", src, got.String(), want.String())
		}
	})
}
