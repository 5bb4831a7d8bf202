package audit

import (
	"cmp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/rivo/uniseg"
	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"

	"github.com/counterpoint-ssg/counterpoint/internal/markdown"
	"github.com/counterpoint-ssg/counterpoint/internal/site"
)

// unit is one block of running text (a paragraph, list item, heading or
// table cell) as the reader sees it, with each byte's source offset.
type unit struct {
	text string
	buf  []byte // text while it is collected
	// runs map text to the source: text from runs[i].at on comes from
	// source offset runs[i].src on, or all from runs[i].src when fixed
	// (a link's label, a typographer's quotation mark).
	runs []run
	// heading is set for a heading; block for a blockquote's text.
	heading, block bool
	level          int // of a heading
	// paragraph: a paragraph or list item, which should carry a source.
	paragraph bool
	// cited: the block has a footnote reference or a link out.
	cited bool
	// links are the pages linked, by their span in text.
	links []span
	words []word
	// sentences holds the start of each sentence in text, ascending.
	sentences []int
}

type span struct {
	start, end int
	page       *site.Page
}

// word is one word of a unit.
type word struct {
	start, end int
	lower      string // lower case, possessive "'s" removed
	quoted     bool
	poss       bool // ended in "'s"
	sentence   int
}

// units reads the text of a parsed body. Footnote definitions are the
// page's citations, not its text, and code is not prose: both are left out.
func units(doc *markdown.Doc, ix *site.Index, verbs map[string]Verb) []*unit {
	src := doc.Source()
	var out []*unit
	var walk func(n ast.Node, inQuote bool)
	walk = func(n ast.Node, inQuote bool) {
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			switch c := c.(type) {
			case *east.Footnote, *east.FootnoteList, *ast.FencedCodeBlock, *ast.CodeBlock, *ast.HTMLBlock:
				continue
			case *ast.Blockquote:
				walk(c, true)
			case *ast.Paragraph, *ast.TextBlock, *ast.Heading, *east.TableCell, *east.DefinitionTerm:
				u := &unit{block: inQuote}
				switch c.(type) {
				case *ast.Heading:
					u.heading, u.level = true, c.(*ast.Heading).Level
				case *ast.Paragraph, *ast.TextBlock:
					u.paragraph = true
				}
				start := 0
				if l := c.Lines(); l.Len() > 0 {
					start = l.At(0).Start
				}
				u.inline(c, src, ix, start)
				u.text, u.buf = string(u.buf), nil
				u.segment(verbs)
				out = append(out, u)
			default:
				walk(c, inQuote)
			}
		}
	}
	walk(doc.Root(), false)
	return out
}

type run struct {
	at, src int
	fixed   bool
}

// add appends s, whose bytes sit at source offset off onwards when
// fromSource, or all at off when the text is not in the source as such.
func (u *unit) add(s string, off int, fromSource bool) {
	if s == "" {
		return
	}
	u.runs = append(u.runs, run{len(u.buf), off, !fromSource})
	u.buf = append(u.buf, s...)
}

// offAt is the source offset of byte i of the text.
func (u *unit) offAt(i int) int {
	k, _ := slices.BinarySearchFunc(u.runs, i, func(r run, i int) int { return cmp.Compare(r.at, i+1) })
	if k == 0 {
		return 0
	}
	r := u.runs[k-1]
	if r.fixed {
		return r.src
	}
	return r.src + i - r.at
}

func (u *unit) last(def int) int {
	if len(u.buf) == 0 {
		return def
	}
	return u.offAt(len(u.buf)-1) + 1
}

// entities are what the typographer writes for the punctuation it replaces.
var entities = map[string]string{
	"&ldquo;": "“", "&rdquo;": "”", "&lsquo;": "‘", "&rsquo;": "’",
	"&laquo;": "«", "&raquo;": "»", "&ndash;": "–", "&mdash;": "—", "&hellip;": "…",
}

func (u *unit) inline(n ast.Node, src []byte, ix *site.Index, start int) {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		switch c := c.(type) {
		case *ast.Text:
			u.add(string(c.Segment.Value(src)), c.Segment.Start, true)
			if c.SoftLineBreak() || c.HardLineBreak() {
				u.add(" ", c.Segment.Stop, false)
			}
		case *ast.String:
			v := string(c.Value)
			if r, ok := entities[v]; ok {
				v = r
			}
			u.add(v, u.last(start), false)
		case *markdown.Wikilink:
			var p *site.Page
			if ix != nil {
				p, _ = ix.Lookup(c.Target)
			}
			label := c.Label
			if label == "" {
				label = c.Target
				if p != nil {
					label = p.Title
				}
			}
			at := len(u.buf)
			u.add(label, c.Offset, false)
			if p != nil {
				u.links = append(u.links, span{at, len(u.buf), p})
			}
		case *east.FootnoteLink:
			u.cited = true
		case *ast.AutoLink:
			u.cited = true
		case *ast.Link:
			d := string(c.Destination)
			if strings.HasPrefix(d, "http://") || strings.HasPrefix(d, "https://") {
				u.cited = true
			}
			at := len(u.buf)
			u.inline(c, src, ix, u.last(start))
			if ix != nil && strings.HasPrefix(d, "/") {
				if p := ix.URL(strings.SplitN(d, "#", 2)[0]); p != nil {
					u.links = append(u.links, span{at, len(u.buf), p})
				}
			}
		case *ast.CodeSpan, *ast.RawHTML, *ast.Image, *east.TaskCheckBox:
		default:
			u.inline(c, src, ix, u.last(start))
		}
	}
}

// opening quotation marks and the marks that close them. “ opens in
// English and closes a German „; ‘ likewise for ‚.
var closers = map[rune]string{
	'"': `"`, '“': "”", '«': "»", '„': "“”", '‚': "‘’", '‘': "’", '‹': "›", '「': "」", '『': "』",
}

// segment splits the unit into words and, when it holds one of verbs (or
// verbs is nil), sentences (Unicode text segmentation, UAX #29), and
// marks the words inside quotation marks.
func (u *unit) segment(verbs map[string]Verb) {
	quoted := u.quotedBytes()
	need := verbs == nil
	for rest, pos, state := u.text, 0, -1; rest != ""; {
		var w string
		w, rest, state = uniseg.FirstWordInString(rest, state)
		if isWord(w) {
			b := base(w)
			u.words = append(u.words, word{start: pos, end: pos + len(w), lower: b, poss: len(b) < len(w), quoted: u.block || quoted[pos]})
			if _, ok := verbs[b]; ok {
				need = true
			}
		}
		pos += len(w)
	}
	// Sentences only matter around attribution verbs; finding them is
	// half the cost of segmenting, so units without one are spared it.
	if !need {
		u.sentences = []int{0}
		return
	}
	for rest, pos, state := u.text, 0, -1; rest != ""; {
		var sent string
		sent, rest, state = uniseg.FirstSentenceInString(rest, state)
		u.sentences = append(u.sentences, pos)
		pos += len(sent)
	}
	si := 0
	for i := range u.words {
		for si+1 < len(u.sentences) && u.sentences[si+1] <= u.words[i].start {
			si++
		}
		u.words[i].sentence = si
	}
}

// quotedBytes marks the bytes of text that lie inside quotation marks.
// A mark left open runs to the end of the block, as a quotation of
// several paragraphs leaves each one open.
func (u *unit) quotedBytes() []bool {
	q := make([]bool, len(u.text))
	var open []string // closers expected, innermost last
	for i, r := range u.text {
		size := utf8.RuneLen(r)
		if n := len(open); n > 0 && strings.ContainsRune(open[n-1], r) && !(r == '’' && letterAround(u.text, i, size)) {
			open = open[:n-1]
			continue
		}
		if c, ok := closers[r]; ok && !(r == '’' || r == '\'') {
			if (r == '‘' || r == '‚') && letterAround(u.text, i, size) {
				continue
			}
			open = append(open, c)
			continue
		}
		if len(open) > 0 {
			for j := range size {
				q[i+j] = true
			}
		}
	}
	return q
}

// letterAround reports whether the rune at text[i:i+size] has a letter on
// both sides, as an apostrophe has.
func letterAround(text string, i, size int) bool {
	b, _ := utf8.DecodeLastRuneInString(text[:i])
	a, _ := utf8.DecodeRuneInString(text[i+size:])
	return unicode.IsLetter(b) && unicode.IsLetter(a)
}

func isWord(w string) bool {
	for _, r := range w {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return true
		}
	}
	return false
}

// base is a word in lower case without a possessive ending.
func base(w string) string {
	w = strings.ToLower(w)
	for _, s := range []string{"'s", "’s"} {
		if strings.HasSuffix(w, s) && len(w) > len(s) {
			return w[:len(w)-len(s)]
		}
	}
	return w
}
