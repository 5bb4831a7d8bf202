package markdown

import (
	"github.com/yuin/goldmark"
	gast "github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	fast "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// footnotes is goldmark's footnote extension (extension.NewFootnote) with
// its two quadratic steps done in linear time, for the same tree and so
// the same HTML. goldmark finds the definition of every reference by
// walking the list of all definitions, and orders the list at the end
// with an insertion sort into a linked list: a body of n footnotes took
// time with n², 134 s for 100,000. Here the definitions are kept in a map
// by label as they close, and the list is ordered by placing each
// definition at its number. goldmark's block parser (which does the
// subtle part, reading the definition) and its renderer are used as they
// are.
type footnotes struct {
	opts []extension.FootnoteOption
}

// Extend implements goldmark.Extender, at the priorities goldmark's own
// extension uses.
func (f footnotes) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(
		parser.WithBlockParsers(util.Prioritized(footnoteDefs{extension.NewFootnoteBlockParser()}, 999)),
		parser.WithInlineParsers(util.Prioritized(footnoteRefs{}, 101)),
		parser.WithASTTransformers(util.Prioritized(footnoteOrder{}, 999)),
	)
	m.Renderer().AddOptions(renderer.WithNodeRenderers(
		util.Prioritized(extension.NewFootnoteHTMLRenderer(f.opts...), 500),
	))
}

var footnoteKey = parser.NewContextKey()

// footnoteState is what one parse knows of its footnotes.
type footnoteState struct {
	list *fast.FootnoteList
	// byLabel holds the first definition of each label, the one goldmark
	// links to.
	byLabel map[string]*fast.Footnote
	links   []*fast.FootnoteLink
}

func footnoteStateOf(pc parser.Context) *footnoteState {
	if s, ok := pc.Get(footnoteKey).(*footnoteState); ok {
		return s
	}
	s := &footnoteState{byLabel: map[string]*fast.Footnote{}}
	pc.Set(footnoteKey, s)
	return s
}

// footnoteDefs is goldmark's definition parser, which also records each
// definition by label when it closes (goldmark then has moved it into the
// document's footnote list).
type footnoteDefs struct{ parser.BlockParser }

func (d footnoteDefs) Close(node gast.Node, reader text.Reader, pc parser.Context) {
	d.BlockParser.Close(node, reader, pc)
	fn, ok := node.(*fast.Footnote)
	list, lok := node.Parent().(*fast.FootnoteList)
	if !ok || !lok {
		return
	}
	s := footnoteStateOf(pc)
	s.list = list
	if _, seen := s.byLabel[string(fn.Ref)]; !seen {
		s.byLabel[string(fn.Ref)] = fn
	}
}

// footnoteRefs parses a reference "[^label]" as goldmark does (including
// its reading of "!" before it), looking its definition up by label.
type footnoteRefs struct{}

func (footnoteRefs) Trigger() []byte { return []byte{'!', '['} }

// footnoteLabelMax is goldmark's longest footnote label, the CommonMark
// limit on link labels.
const footnoteLabelMax = 999

func (footnoteRefs) Parse(parent gast.Node, block text.Reader, pc parser.Context) gast.Node {
	line, seg := block.PeekLine()
	pos := 1
	if len(line) > 0 && line[0] == '!' {
		pos++
	}
	if pos >= len(line) || line[pos] != '^' {
		return nil
	}
	pos++
	if pos >= len(line) {
		return nil
	}
	//nolint:staticcheck // the function goldmark uses, for the same labels
	closure := util.FindClosure(line[pos:min(len(line), pos+footnoteLabelMax)], '[', ']', false, false)
	if closure < 0 {
		return nil
	}
	s, _ := pc.Get(footnoteKey).(*footnoteState)
	if s == nil || s.list == nil {
		return nil
	}
	label := block.Value(text.NewSegment(seg.Start+pos, seg.Start+pos+closure))
	fn := s.byLabel[string(label)]
	if fn == nil {
		return nil
	}
	if fn.Index < 0 {
		s.list.Count++
		fn.Index = s.list.Count
	}
	block.Advance(pos + closure + 1)
	link := fast.NewFootnoteLink(fn.Index)
	s.links = append(s.links, link)
	if line[0] == '!' {
		parent.AppendChild(parent, gast.NewTextSegment(text.NewSegment(seg.Start, seg.Start+1)))
	}
	return link
}

// footnoteOrder numbers the references and back links, drops definitions
// nothing refers to, orders the rest by number and moves the list to the
// end of the document, as goldmark's transformer does.
type footnoteOrder struct{}

func (footnoteOrder) Transform(doc *gast.Document, _ text.Reader, pc parser.Context) {
	s, _ := pc.Get(footnoteKey).(*footnoteState)
	pc.Set(footnoteKey, nil)
	if s == nil || s.list == nil {
		return
	}
	list := s.list
	// Numbers run from 1 to list.Count, one per referenced definition.
	refs := make([]int, list.Count+1)
	for _, l := range s.links {
		refs[l.Index]++
	}
	seen := make([]int, list.Count+1)
	for _, l := range s.links {
		l.RefCount = refs[l.Index]
		l.RefIndex = seen[l.Index]
		seen[l.Index]++
	}
	byIndex := make([]*fast.Footnote, list.Count+1)
	for n := list.FirstChild(); n != nil; {
		next := n.NextSibling()
		fn := n.(*fast.Footnote)
		if fn.Index < 0 {
			list.RemoveChild(list, fn)
			n = next
			continue
		}
		var container gast.Node = fn
		if c := fn.LastChild(); c != nil && gast.IsParagraph(c) {
			container = c
		}
		for i := 0; i == 0 || i < refs[fn.Index]; i++ {
			b := fast.NewFootnoteBacklink(fn.Index)
			b.RefCount = refs[fn.Index]
			b.RefIndex = i
			container.AppendChild(container, b)
		}
		byIndex[fn.Index] = fn
		n = next
	}
	if list.Count <= 0 {
		list.Parent().RemoveChild(list.Parent(), list)
		return
	}
	list.RemoveChildren(list)
	for _, fn := range byIndex[1:] {
		list.AppendChild(list, fn)
	}
	doc.AppendChild(doc, list)
}
