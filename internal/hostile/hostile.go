// Package hostile makes Markdown bodies shaped to make a parser slow or
// greedy: many footnotes, huge code blocks, long runs of brackets and
// emphasis. The markdown benchmarks and scripts/hostile-inputs.sh build
// the same bodies from here, so that the two measure one thing.
package hostile

import (
	"bytes"
	"fmt"
	"strings"
)

// PerlLine and GoLine are the lines the code-block bodies repeat.
const (
	PerlLine = `my $s = "value"; print $s . 42; # note` + "\n"
	GoLine   = `x := fmt.Sprintf("%d", 42) // note` + "\n"
)

// Footnotes is n paragraphs "x[^i]" and then the n definitions.
func Footnotes(n int) []byte {
	var b bytes.Buffer
	for i := range n {
		fmt.Fprintf(&b, "x[^%d]\n\n", i)
	}
	for i := range n {
		fmt.Fprintf(&b, "[^%d]: note %d\n\n", i, i)
	}
	return b.Bytes()
}

// HeadingLinks is n headings each followed by a link to it.
func HeadingLinks(n int) []byte {
	var b bytes.Buffer
	for i := range n {
		fmt.Fprintf(&b, "## Head %d\n\n[x](#head-%d)\n\n", i, i)
	}
	return b.Bytes()
}

// Code is one fenced block of lang, line repeated to about n bytes.
func Code(lang, line string, n int) []byte {
	return []byte("```" + lang + "\n" + strings.Repeat(line, n/len(line)) + "```\n")
}

// Repeat is s repeated to at most n bytes.
func Repeat(s string, n int) []byte { return bytes.Repeat([]byte(s), n/len(s)) }

// OpenThenClose is "*a " repeated, then as many "b* ": emphasis openers
// whose closers all come at the end, about n bytes in all.
func OpenThenClose(n int) []byte {
	return append(Repeat("*a ", n/2), Repeat("b* ", n/2)...)
}
