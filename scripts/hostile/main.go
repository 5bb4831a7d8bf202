// Command hostile writes one-page sites whose bodies are shaped to make a
// Markdown build slow or greedy, for scripts/hostile-inputs.sh. Every body
// stays within the 8 MiB limit on one content file.
//
// usage: go run ./scripts/hostile -list
//
//	go run ./scripts/hostile ROW DIR
package main

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/counterpoint-ssg/counterpoint/internal/markdown"
)

// size is the length of the bodies made of one repeated piece: 7 MiB, as
// the issue measured, under the 8 MiB limit with room for front matter.
const size = 7 << 20

// rows maps a row name to the files of its site beside content/_index.md:
// file name (under content/) to body.
var rows = []struct {
	name  string
	files func() map[string][]byte
}{
	{"footnotes-40k", one(func() []byte { return footnotes(40000) })},
	{"footnotes-100k", one(func() []byte { return footnotes(100000) })},
	{"headings-links-100k", one(headingLinks)},
	{"code-perl-7MB", one(func() []byte { return code("perl", `my $s = "value"; print $s . 42; # note`+"\n", 7_000_000) })},
	{"code-go-6MB", one(func() []byte { return code("go", `x := fmt.Sprintf("%d", 42) // note`+"\n", 6_000_000) })},
	{"brackets-7MiB", one(func() []byte { return repeat("[", size) })},
	{"double-brackets-7MiB", one(func() []byte { return repeat("[[", size) })},
	{"underscore-a-7MiB", one(func() []byte { return repeat("_a", size) })},
	{"star-a-then-b-star", one(func() []byte {
		n := size / 6
		return append(repeat("*a ", 3*n), repeat("b* ", 3*n)...)
	})},
	// Bodies that spend just under the markup budget with the costliest
	// kinds of markup: the most the parser is allowed to build.
	{"brackets-at-limit", one(func() []byte { return atLimit("[", 5, 0) })},
	{"quotes-at-limit", one(func() []byte { return atLimit("'a ", 5, 0) })},
	{"lines-at-limit", one(func() []byte { return atLimit("a\n", 0, 4) })},
	{"list-items-at-limit", one(func() []byte { return atLimit("- a\n", 0, 8) })},
	{"three-worst-files", func() map[string][]byte {
		return map[string][]byte{
			"a.md": repeat("[", size),
			"b.md": repeat("[[", size),
			"c.md": repeat("_a", size),
		}
	}},
	{"three-big-accepted-files", func() map[string][]byte {
		return map[string][]byte{
			"a.md": footnotes(100000),
			"b.md": code("perl", `my $s = "value"; print $s . 42; # note`+"\n", 7_000_000),
			"c.md": code("go", `x := fmt.Sprintf("%d", 42) // note`+"\n", 6_000_000),
		}
	}},
}

func one(body func() []byte) func() map[string][]byte {
	return func() map[string][]byte { return map[string][]byte{"about.md": body()} }
}

// footnotes is n paragraphs "x[^i]" and then the n definitions.
func footnotes(n int) []byte {
	var b bytes.Buffer
	for i := range n {
		fmt.Fprintf(&b, "x[^%d]\n\n", i)
	}
	for i := range n {
		fmt.Fprintf(&b, "[^%d]: note %d\n\n", i, i)
	}
	return b.Bytes()
}

// headingLinks is n headings each followed by a link to it.
func headingLinks() []byte {
	var b bytes.Buffer
	for i := range 100000 {
		fmt.Fprintf(&b, "## Head %d\n\n[x](#head-%d)\n\n", i, i)
	}
	return b.Bytes()
}

// code is one fenced block of lang, line repeated to about n bytes.
func code(lang, line string, n int) []byte {
	return []byte("```" + lang + "\n" + strings.Repeat(line, n/len(line)) + "```\n")
}

// atLimit repeats piece as often as the markup budget allows, given what
// each piece costs inline and in lines (see markdown.MaxMarkup), less
// one percent.
func atLimit(piece string, inline, lines int) []byte {
	return repeat(piece, len(piece)*(markdown.MaxMarkup/(inline+lines))*99/100)
}

// repeat is s repeated to at most n bytes.
func repeat(s string, n int) []byte { return bytes.Repeat([]byte(s), n/len(s)) }

func main() {
	list := flag.Bool("list", false, "print the row names")
	flag.Parse()
	if *list {
		for _, r := range rows {
			fmt.Println(r.name)
		}
		return
	}
	if flag.NArg() != 2 {
		fmt.Fprintln(os.Stderr, "usage: hostile -list | hostile ROW DIR")
		os.Exit(2)
	}
	for _, r := range rows {
		if r.name == flag.Arg(0) {
			if err := write(flag.Arg(1), r.files()); err != nil {
				fmt.Fprintln(os.Stderr, err)
				os.Exit(1)
			}
			return
		}
	}
	fmt.Fprintf(os.Stderr, "hostile: no row %q\n", flag.Arg(0))
	os.Exit(2)
}

func write(dir string, files map[string][]byte) error {
	c := filepath.Join(dir, "content")
	if err := os.MkdirAll(c, 0o755); err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(c, "_index.md"), []byte("---\ntitle: Hostile inputs\n---\nHome.\n"), 0o644); err != nil {
		return err
	}
	for name, body := range files {
		title := strings.TrimSuffix(name, ".md")
		src := append([]byte("---\ntitle: "+title+"\n---\n"), body...)
		if err := os.WriteFile(filepath.Join(c, name), src, 0o644); err != nil {
			return err
		}
	}
	return nil
}
