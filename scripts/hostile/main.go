// Command hostile writes one-page sites whose bodies are shaped to make a
// Markdown build slow or greedy, for scripts/hostile-inputs.sh. Every body
// stays within the 8 MiB limit on one content file.
//
// usage: go run ./scripts/hostile -list
//
//	go run ./scripts/hostile ROW DIR
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/counterpoint-ssg/counterpoint/internal/hostile"
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
	{"footnotes-40k", one(func() []byte { return hostile.Footnotes(40000) })},
	{"footnotes-100k", one(func() []byte { return hostile.Footnotes(100000) })},
	{"headings-links-100k", one(func() []byte { return hostile.HeadingLinks(100000) })},
	{"code-perl-7MB", one(func() []byte { return hostile.Code("perl", hostile.PerlLine, 7_000_000) })},
	{"code-go-6MB", one(func() []byte { return hostile.Code("go", hostile.GoLine, 6_000_000) })},
	{"brackets-7MiB", one(func() []byte { return hostile.Repeat("[", size) })},
	{"double-brackets-7MiB", one(func() []byte { return hostile.Repeat("[[", size) })},
	{"underscore-a-7MiB", one(func() []byte { return hostile.Repeat("_a", size) })},
	{"star-a-then-b-star", one(func() []byte { return hostile.OpenThenClose(size) })},
	// Bodies that spend just under the markup budget with the costliest
	// kinds of markup: the most the parser is allowed to build.
	{"brackets-at-limit", one(func() []byte { return atLimit("[", 5, 0) })},
	{"quotes-at-limit", one(func() []byte { return atLimit("'a ", 5, 0) })},
	{"lines-at-limit", one(func() []byte { return atLimit("a\n", 0, 4) })},
	{"list-items-at-limit", one(func() []byte { return atLimit("- a\n", 0, 8) })},
	{"three-worst-files", func() map[string][]byte {
		return map[string][]byte{
			"a.md": hostile.Repeat("[", size),
			"b.md": hostile.Repeat("[[", size),
			"c.md": hostile.Repeat("_a", size),
		}
	}},
	{"three-big-accepted-files", func() map[string][]byte {
		return map[string][]byte{
			"a.md": hostile.Footnotes(100000),
			"b.md": hostile.Code("perl", hostile.PerlLine, 7_000_000),
			"c.md": hostile.Code("go", hostile.GoLine, 6_000_000),
		}
	}},
}

func one(body func() []byte) func() map[string][]byte {
	return func() map[string][]byte { return map[string][]byte{"about.md": body()} }
}

// atLimit repeats piece as often as the markup budget allows, given what
// each piece costs inline and in lines (see markdown.MaxMarkup), less
// one percent.
func atLimit(piece string, inline, lines int) []byte {
	return hostile.Repeat(piece, len(piece)*(markdown.MaxMarkup/(inline+lines))*99/100)
}

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
