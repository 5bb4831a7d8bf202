package markdown

import (
	"bytes"
	"fmt"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// The limits below keep hostile or broken Markdown from stalling or
// crashing a build: the parser's time grows faster than the input for a
// few shapes of text, and rendering walks the tree recursively. No page
// a person writes comes near them; a body that passes one is refused
// with a positioned error, or (long runs of quotes) kept as plain text.

// MaxBlockNesting bounds how deeply lists and block quotes may nest. The
// Markdown parser's time grows with the square (for indented lists, the
// cube) of the depth, so a few kilobytes of "> > > ..." or of an indented
// staircase of list items would stall a build for minutes; a real page
// never comes near the limit.
const MaxBlockNesting = 100

// MaxTreeDepth bounds the depth of the parsed document (lists, quotes,
// emphasis, links, ...). Rendering walks the tree recursively; a body
// nested deeper than this is refused before it is walked.
const MaxTreeDepth = 1000

// Problem is why a body was not parsed: it is rendered empty, and the
// build reports the problem at Offset.
type Problem struct {
	// Offset is the byte offset in the parsed source.
	Offset int
	Msg    string
}

// MaxReferenceRun bounds how many link reference definitions
// ("[label]: /url") may follow each other without a blank line: the
// parser takes time proportional to their number times the paragraph's
// length.
const MaxReferenceRun = 1000

// MaxLinkScan bounds, per body, the bytes the parser may scan for the
// ends of link destinations: for every "](" it reads on to the closing
// parenthesis, or to the end of the line, so a long line of unclosed
// links takes time with the square of its length. The estimate counts
// every "](" to the end of its line, which ordinary text stays far below.
const MaxLinkScan = 1 << 30

// MaxBracketScan bounds, per body, the work of matching brackets: the
// parser reads a link's text by walking every line of its paragraph, so a
// paragraph of many lines and many brackets takes time with the product
// of the two. The estimate counts every "[" times the lines of its run of
// non-blank lines.
const MaxBracketScan = 1 << 33

// precheck reads every line, cheaply, before parsing. It refuses a line
// whose block-quote and list markers, with their indentation, could nest
// deeper than MaxBlockNesting (it overestimates: two columns of
// indentation count as a level, as a nested list needs them, so nothing
// the parser would nest too deeply gets by), a run of more than
// MaxReferenceRun reference definitions, links that would take the
// parser more than MaxLinkScan or MaxBracketScan steps, and lines that
// spend more than maxMarkup (MaxMarkup: see markupBudget). It returns what
// the lines spent of it.
func precheck(src []byte, maxMarkup int) (spent int, _ *Problem) {
	fail := func(p *Problem) (int, *Problem) { return spent, p }
	refs, refStart := 0, 0
	scan := 0
	// brackets counts "[" in the current run of non-blank lines, which
	// has lines lines; done is the bracket work of the runs before it.
	brackets, lines, done, runStart := 0, 0, 0, 0
	for start := 0; start < len(src); {
		end := bytes.IndexByte(src[start:], '\n')
		if end < 0 {
			end = len(src)
		} else {
			end += start
		}
		line := src[start:end]
		d := lineNesting(line)
		if d > MaxBlockNesting {
			return fail(&Problem{Offset: start, Msg: fmt.Sprintf("lists and block quotes nested more than %d levels deep (counting indentation): flatten the structure", MaxBlockNesting)})
		}
		if !isBlankLine(line) {
			if spent += lineCost + d*markerCost; spent > maxMarkup {
				return fail(tooMuchMarkup(start))
			}
		}
		for i := 0; ; {
			j := bytes.Index(line[i:], []byte("]("))
			if j < 0 {
				break
			}
			i += j + 2
			if scan += len(line) - i; scan > MaxLinkScan {
				return fail(&Problem{Offset: start, Msg: "too many links on very long lines for the Markdown parser: break the lines"})
			}
		}
		switch t := bytes.TrimLeft(line, " \t"); {
		case len(t) == 0:
			refs = 0
			done += brackets * lines
			brackets, lines = 0, 0
		case t[0] == '[' && !bytes.HasPrefix(t, []byte("[^")) && bytes.Contains(t, []byte("]:")):
			if refs == 0 {
				refStart = start
			}
			if refs++; refs > MaxReferenceRun {
				return fail(&Problem{Offset: refStart, Msg: fmt.Sprintf("more than %d link reference definitions in a row: put a blank line between groups of them", MaxReferenceRun)})
			}
		default:
			refs = 0
		}
		if len(bytes.TrimLeft(line, " \t")) > 0 {
			if lines == 0 {
				runStart = start
			}
			lines++
			brackets += bytes.Count(line, []byte("["))
			if done+brackets*lines > MaxBracketScan {
				return fail(&Problem{Offset: runStart, Msg: "too many brackets in long paragraphs for the Markdown parser: put blank lines between their parts"})
			}
		}
		start = end + 1
	}
	return spent, nil
}

// isBlankLine reports whether line holds only white space.
func isBlankLine(line []byte) bool {
	for _, c := range line {
		if !isBlank(c) {
			return false
		}
	}
	return true
}

// lineNesting estimates how many containers a line's prefix opens or
// continues: one per ">" (with the space that may follow it), and one per
// two columns of list markers and indentation, as a list item needs at
// least two ("- ", or two spaces to continue it). A line without markers
// opens nothing, however indented.
func lineNesting(line []byte) int {
	quotes, markers, cols := 0, 0, 0
	for i := 0; i < len(line); {
		c := line[i]
		switch {
		case c == ' ':
			cols++
			i++
		case c == '\t':
			cols += 4
			i++
		case c == '>':
			quotes++
			i++
			if i < len(line) && line[i] == ' ' {
				i++
			}
		case c == '-' || c == '+' || c == '*':
			if i+1 < len(line) && line[i+1] != ' ' && line[i+1] != '\t' {
				return estimate(quotes, markers, cols)
			}
			markers++
			cols++
			i++
		case c >= '0' && c <= '9':
			j := i
			for j < len(line) && j-i < 10 && line[j] >= '0' && line[j] <= '9' {
				j++
			}
			if j >= len(line) || (line[j] != '.' && line[j] != ')') || (j+1 < len(line) && line[j+1] != ' ' && line[j+1] != '\t') {
				return estimate(quotes, markers, cols)
			}
			markers++
			cols += j + 1 - i
			i = j + 1
		default:
			return estimate(quotes, markers, cols)
		}
	}
	return estimate(quotes, markers, cols)
}

func estimate(quotes, markers, cols int) int {
	if quotes+markers == 0 {
		return 0
	}
	return quotes + cols/2
}

// checkDepth walks the tree without recursion and reports a node nested
// deeper than MaxTreeDepth, placed at its first text.
func checkDepth(root ast.Node) *Problem {
	depth := 0
	for n := root; n != nil; {
		if c := n.FirstChild(); c != nil {
			n = c
			depth++
			if depth > MaxTreeDepth {
				return &Problem{Offset: firstOffset(n), Msg: fmt.Sprintf("text nested more than %d levels deep (lists, quotes, emphasis or links): flatten the structure", MaxTreeDepth)}
			}
			continue
		}
		for n != nil && n != root && n.NextSibling() == nil {
			n = n.Parent()
			depth--
		}
		if n == nil || n == root {
			break
		}
		n = n.NextSibling()
	}
	return nil
}

// firstOffset is the source offset of n's first text, or of the nearest
// block with lines, without recursion.
func firstOffset(n ast.Node) int {
	for c := n; c != nil; c = c.FirstChild() {
		if t, ok := c.(*ast.Text); ok {
			return t.Segment.Start
		}
		if c.Type() == ast.TypeBlock && c.Lines().Len() > 0 {
			return c.Lines().At(0).Start
		}
	}
	for p := n.Parent(); p != nil; p = p.Parent() {
		if p.Type() == ast.TypeBlock && p.Lines().Len() > 0 {
			return p.Lines().At(0).Start
		}
	}
	return 0
}

// quoteRunLimit is the longest run of one quote character left to the
// typographer (which runs after this, at priority 9999), which rescans
// the rest of a run for every quote in it.
const quoteRunLimit = 8

// quoteRuns keeps a run of more than quoteRunLimit identical quote
// characters as plain text, ahead of the typographer, so such a run costs
// linear time. Shorter runs, and so all ordinary text, are unaffected.
type quoteRuns struct{}

func (quoteRuns) Trigger() []byte { return []byte{'\'', '"'} }

func (quoteRuns) Parse(_ ast.Node, block text.Reader, _ parser.Context) ast.Node {
	line, seg := block.PeekLine()
	n := 1
	for n < len(line) && line[n] == line[0] {
		n++
	}
	if n <= quoteRunLimit {
		return nil
	}
	block.Advance(n)
	return ast.NewTextSegment(text.NewSegment(seg.Start, seg.Start+n))
}

// MaxMarkup bounds, per body, the syntax tree the parser builds, in units
// of about a hundred bytes of memory: the parser's nodes cost that much
// each, and a body made of nothing but "[" (7 MiB of it took 14 s and
// 2.2 GB) or "_a", or of one-character lines or list items, makes one or
// more per byte. Every line costs lineCost, each list or quote marker
// markerCost more (precheck counts these before parsing), and every
// character that starts a link, emphasis, a quote, a code span or an
// autolink in text costs what markupCost says (markupBudget counts those
// while parsing, so code blocks cost only their lines). A body that
// spends more is refused where the budget ran out; ordinary prose spends
// about a sixth of a unit per byte, so only bodies of several megabytes
// of dense markup come near it.
const MaxMarkup = 2_500_000

const (
	lineCost   = 4
	markerCost = 4
)

// markupCost is what a character that triggers an inline parser costs:
// about the bytes, in hundreds, the nodes it leads to take (measured with
// BenchmarkHostile: a "[" leaves a text node and a bracket state behind,
// a quote a typographic node, "*" and "_" a delimiter).
var markupCost = [256]uint8{
	'[': 5, '!': 5, ']': 1,
	'*': 4, '_': 4, '~': 4,
	'\'': 5, '"': 5,
	'`': 3, '<': 3,
	'-': 1, '.': 1, ',': 1, '>': 1,
}

var budgetKey = parser.NewContextKey()

// budget is what is left of MaxMarkup for one parse, and where it ran out.
type budget struct {
	left    int
	problem *Problem
}

func tooMuchMarkup(offset int) *Problem {
	return &Problem{Offset: offset, Msg: "more Markdown markup than one page may hold (links, emphasis, quotes, lines and list items, from here on): split the page"}
}

// markupBudget runs before every other inline parser and charges each
// character that starts inline markup to the parse's budget, letting the
// other parsers go on. Once the budget is spent it records the problem
// and takes the rest of each line as plain text, so the parse that is
// going to be refused ends in time linear in the lines, which precheck
// has bounded.
type markupBudget struct{}

func (markupBudget) Trigger() []byte {
	var t []byte
	for c, cost := range markupCost {
		if cost > 0 {
			t = append(t, byte(c))
		}
	}
	return t
}

func (markupBudget) Parse(_ ast.Node, block text.Reader, pc parser.Context) ast.Node {
	b, _ := pc.Get(budgetKey).(*budget)
	line, seg := block.PeekLine()
	if b == nil || len(line) == 0 {
		return nil
	}
	if b.problem == nil {
		if b.left -= int(markupCost[line[0]]); b.left >= 0 {
			return nil
		}
		b.problem = tooMuchMarkup(seg.Start)
	}
	n := len(line)
	for n > 0 && (line[n-1] == '\n' || line[n-1] == '\r') {
		n--
	}
	block.Advance(n)
	return ast.NewTextSegment(text.NewSegment(seg.Start, seg.Start+n))
}
