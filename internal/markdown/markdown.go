// Package markdown turns page bodies into HTML with goldmark: GFM, footnotes,
// typographer, definition lists, stable heading ids, chroma-highlighted code,
// escaped raw HTML, and [[wikilinks]] as a real inline syntax. Parsing and
// rendering are separate steps so the build can resolve every link against
// the whole site in between.
package markdown

import (
	"bufio"
	"bytes"
	"io"
	"net/url"
	"strconv"
	"strings"
	"sync"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// Engine parses and renders Markdown. It is safe for concurrent use.
type Engine struct {
	md goldmark.Markdown
	// plain is md without linkify, for bodies in which linkify cannot
	// match anything (see needsLinkify): it renders them identically.
	plain goldmark.Markdown
	// unsafe lets raw HTML, any URL and any heading attribute through.
	unsafe bool
	// maxMarkup is MaxMarkup; tests lower it to reach the refusal often.
	maxMarkup int
}

const metaPrefix = "counterpoint-prefix"

// New returns an engine; unsafe lets raw HTML through unescaped.
func New(unsafe bool) *Engine {
	rendererOpts := []renderer.Option{
		renderer.WithNodeRenderers(
			util.Prioritized(wikilinkRenderer{}, 100),
			util.Prioritized(newCodeRenderer(), 100),
			util.Prioritized(figureRenderer{}, 100),
		),
		html.WithWriter(textWriter{}),
	}
	if unsafe {
		rendererOpts = append(rendererOpts, html.WithUnsafe())
	} else {
		rendererOpts = append(rendererOpts, renderer.WithNodeRenderers(util.Prioritized(escapeHTML{}, 100)))
	}
	newMD := func(gfm ...goldmark.Extender) goldmark.Markdown {
		return goldmark.New(
			goldmark.WithExtensions(append(gfm,
				extension.DefinitionList,
				extension.Typographer,
				footnotes{[]extension.FootnoteOption{extension.WithFootnoteIDPrefixFunction(footnotePrefix)}},
			)...),
			goldmark.WithParserOptions(
				parser.WithAutoHeadingID(),
				parser.WithAttribute(),
				parser.WithInlineParsers(util.Prioritized(markupBudget{}, 0), util.Prioritized(wikilinkParser{}, 199), util.Prioritized(quoteRuns{}, 9000)),
			),
			goldmark.WithRendererOptions(rendererOpts...),
		)
	}
	// extension.GFM is Linkify, Table, Strikethrough and TaskList.
	md := newMD(extension.Linkify, extension.Table, extension.Strikethrough, extension.TaskList)
	plain := newMD(extension.Table, extension.Strikethrough, extension.TaskList)
	return &Engine{md: md, plain: plain, unsafe: unsafe, maxMarkup: MaxMarkup}
}

func footnotePrefix(n ast.Node) []byte {
	if d := n.OwnerDocument(); d != nil {
		if p, ok := d.Meta()[metaPrefix].(string); ok {
			return []byte(p)
		}
	}
	return nil
}

// Link is one link found in a body: a [[wikilink]] or a Markdown link or
// image whose destination is a site path ("/timeline/#x") or a fragment.
type Link struct {
	// Wiki is set for [[...]] links; the caller fills its URL fields.
	Wiki *Wikilink
	// Path is the site path of a Markdown link ("/timeline/"), "" for "#x".
	Path string
	// Query is the query string of a Markdown link, with its "?", or "".
	Query  string
	Anchor string
	// Offset is the byte offset in the parsed source, for error positions.
	Offset int
	// Image is true for ![...](...).
	Image bool
	// Relative is an image's path relative to its page ("map.png" beside
	// a bundle's index.md), unescaped, for the build to check it exists.
	Relative string
	dest     *[]byte
	img      *ast.Image
}

// SetSize gives an image its width and height, so that the browser
// reserves its space and the text does not jump when it loads.
func (l *Link) SetSize(w, h int) {
	if l.img != nil {
		l.img.SetAttributeString("width", []byte(strconv.Itoa(w)))
		l.img.SetAttributeString("height", []byte(strconv.Itoa(h)))
	}
}

// SetDest rewrites a Markdown link's destination (to add the base path).
func (l *Link) SetDest(u string) {
	if l.dest != nil {
		*l.dest = []byte(u)
	}
}

// Doc is a parsed body, ready to be resolved and rendered.
type Doc struct {
	root ast.Node
	src  []byte
	// Links in document order.
	Links []*Link
	// HeadingIDs are the ids of the body's headings, in order.
	HeadingIDs []string
	// Sections are the level-2 headings, in order (sections.go).
	Sections []Section
	// Problem, when set, is why the body was refused (nested too deeply,
	// or shaped to make the parser take too long: see limits.go); the
	// document is then empty.
	Problem *Problem
	// Notes are what the build warns of, in document order (notes.go).
	Notes []Note
}

// Parse parses src. prefix is put before heading and footnote ids (for
// entries that share one page); reserved ids (read, never written, so
// the map may be shared between goroutines) are never generated.
func (e *Engine) Parse(src []byte, prefix string, reserved map[string]bool) *Doc {
	md := e.md
	if !needsLinkify(src) {
		md = e.plain
	}
	return e.parse(md, src, prefix, reserved)
}

func (e *Engine) parse(md goldmark.Markdown, src []byte, prefix string, reserved map[string]bool) *Doc {
	spent, p := precheck(src, e.maxMarkup)
	if p != nil {
		return &Doc{root: ast.NewDocument(), src: src, Problem: p}
	}
	ids := newIDs(prefix, reserved)
	ctx := parser.NewContext(parser.WithIDs(ids))
	b := &budget{left: e.maxMarkup - spent}
	ctx.Set(budgetKey, b)
	root := md.Parser().Parse(text.NewReader(src), parser.WithContext(ctx))
	if b.problem != nil {
		return &Doc{root: ast.NewDocument(), src: src, Problem: b.problem}
	}
	if p := checkDepth(root); p != nil {
		return &Doc{root: ast.NewDocument(), src: src, Problem: p}
	}
	doc := &Doc{root: root, src: src}
	if prefix != "" {
		root.OwnerDocument().AddMeta(metaPrefix, prefix)
	}
	var inert []*ast.AutoLink
	var paras []*ast.Paragraph
	images := 0
	ast.Walk(root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *Wikilink:
			n.index = len(doc.Links)
			doc.Links = append(doc.Links, &Link{Wiki: n, Anchor: n.Anchor, Offset: n.Offset})
		case *ast.Heading:
			if !e.unsafe {
				keepAttributes(n, "id", "class")
			}
			if id, ok := n.AttributeString("id"); ok {
				if b, ok := id.([]byte); ok {
					if p := ids.prefixed(string(b)); p != string(b) {
						// An explicit {#id} on an entry of a shared page.
						n.SetAttributeString("id", []byte(p))
						b = []byte(p)
					}
					doc.HeadingIDs = append(doc.HeadingIDs, string(b))
					if n.Level == 2 {
						doc.Sections = append(doc.Sections, Section{ID: string(b), Text: headingText(n, src)})
					}
				}
			}
		case *ast.Paragraph:
			paras = append(paras, n)
		case *ast.Link:
			if !e.unsafe && dangerousURL(n.Destination) {
				n.Destination = nil
			}
			doc.addPathLink(n, &n.Destination, false)
		case *ast.Image:
			if !e.unsafe && dangerousURL(n.Destination) {
				n.Destination = nil
			}
			doc.addPathLink(n, &n.Destination, true)
			doc.noteImage(n)
			if images++; images > 1 {
				// The first image is likely in view at once; the others
				// load as the reader scrolls to them.
				n.SetAttributeString("loading", []byte("lazy"))
			}
		case *ast.RawHTML:
			if n.Segments.Len() > 0 {
				s := n.Segments.At(0)
				if e.unsafe {
					doc.noteEmbed(s.Start, s.Value(src))
				} else {
					doc.noteHTML(s.Start, s.Value(src))
				}
			}
		case *ast.HTMLBlock:
			if n.Lines().Len() > 0 {
				s := n.Lines().At(0)
				if e.unsafe {
					var all []byte
					for i := 0; i < n.Lines().Len(); i++ {
						seg := n.Lines().At(i)
						all = append(all, seg.Value(src)...)
					}
					doc.noteEmbed(s.Start, all)
				} else {
					doc.noteHTML(s.Start, s.Value(src))
				}
			}
		case *ast.AutoLink:
			if !e.unsafe && dangerousURL(n.URL(src)) {
				inert = append(inert, n)
			}
		}
		return ast.WalkContinue, nil
	})
	for _, n := range inert { // shown as the text it was written as
		n.Parent().ReplaceChild(n.Parent(), n, ast.NewString(n.Label(src)))
	}
	for _, p := range paras {
		asFigure(p)
	}
	return doc
}

func (d *Doc) addPathLink(n ast.Node, dest *[]byte, image bool) {
	u := string(*dest)
	if image && isRelative(u) {
		if p, err := url.PathUnescape(strings.SplitN(strings.SplitN(u, "#", 2)[0], "?", 2)[0]); err == nil && p != "" {
			off := offsetOf(n)
			if off > 0 && d.src[off-1] == '!' {
				off--
			}
			d.Links = append(d.Links, &Link{Relative: p, Offset: off, Image: true, img: n.(*ast.Image)})
		}
		return
	}
	if strings.HasPrefix(u, "//") || (!strings.HasPrefix(u, "/") && !strings.HasPrefix(u, "#")) {
		return
	}
	p, frag, _ := strings.Cut(u, "#")
	var query string
	if i := strings.IndexByte(p, '?'); i >= 0 {
		p, query = p[:i], p[i:]
	}
	off := offsetOf(n)
	if image && off > 0 && d.src[off-1] == '!' {
		off-- // point at the "!" of "![alt](...)"
	}
	l := &Link{Path: p, Query: query, Anchor: frag, Offset: off, Image: image, dest: dest}
	if image {
		l.img = n.(*ast.Image)
	}
	d.Links = append(d.Links, l)
}

// offsetOf finds a byte offset for an inline node from its first text.
func offsetOf(n ast.Node) int {
	var off = -1
	ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if t, ok := c.(*ast.Text); ok && entering {
			off = t.Segment.Start - 1
			return ast.WalkStop, nil
		}
		return ast.WalkContinue, nil
	})
	if off >= 0 {
		return off
	}
	for p := n.Parent(); p != nil; p = p.Parent() {
		if p.Type() == ast.TypeBlock && p.Lines().Len() > 0 {
			return p.Lines().At(0).Start
		}
	}
	return 0
}

// Render writes the HTML of a resolved document.
func (e *Engine) Render(w io.Writer, d *Doc) error {
	if doc, ok := d.root.(*ast.Document); ok && doc.Meta()[metaHighlighted] != nil {
		doc.AddMeta(metaHighlighted, 0) // rendered before: start afresh
	}
	if _, ok := w.(util.BufWriter); ok {
		return e.md.Renderer().Render(w, d.src, d.root)
	}
	// goldmark wants a buffered writer and would allocate one per call.
	bw := bufPool.Get().(*bufio.Writer)
	bw.Reset(w)
	err := e.md.Renderer().Render(bw, d.src, d.root)
	if ferr := bw.Flush(); err == nil {
		err = ferr
	}
	bw.Reset(nil)
	bufPool.Put(bw)
	return err
}

var bufPool = sync.Pool{New: func() any { return bufio.NewWriterSize(nil, 8192) }}

// RenderDeferred renders d before its wikilinks are resolved: each one
// becomes a placeholder (a NUL byte, its index in d.Links, a NUL byte) that
// Fill later replaces. This lets a build render every body in the same pass
// that parses it and drop the syntax tree at once, instead of keeping every
// tree of the site alive until all links are known. Source text never
// contains NUL (goldmark replaces it), so placeholders cannot be forged.
func (e *Engine) RenderDeferred(w io.Writer, d *Doc) error {
	for _, l := range d.Links {
		if l.Wiki != nil {
			l.Wiki.deferred = true
		}
	}
	return e.Render(w, d)
}

// Fill returns html rendered by RenderDeferred with each placeholder
// replaced by links[i], sized exactly so the result is one allocation.
func Fill(html []byte, links []string) string {
	n := len(html)
	for _, l := range links {
		n += len(l)
	}
	var w strings.Builder
	w.Grow(n)
	for {
		i := bytes.IndexByte(html, 0)
		if i < 0 {
			w.Write(html)
			return w.String()
		}
		w.Write(html[:i])
		rest := html[i+1:]
		j := bytes.IndexByte(rest, 0)
		if j < 0 { // cannot happen for RenderDeferred output
			w.Write(rest)
			return w.String()
		}
		k := 0
		for _, c := range rest[:j] {
			k = k*10 + int(c-'0')
		}
		if k < len(links) {
			w.WriteString(links[k])
		}
		html = rest[j+1:]
	}
}

// RenderString renders a resolved document to a string.
func (e *Engine) RenderString(d *Doc) (string, error) {
	var b bytes.Buffer
	b.Grow(len(d.src) + len(d.src)/2)
	err := e.Render(&b, d)
	return b.String(), err
}

// needsLinkify reports whether src must be parsed with linkify. Linkify
// only matches text that starts with "http:", "https:", "ftp:" or "www.",
// or an e-mail address (which holds an "@"); without any of these it
// matches nothing, and leaving it out saves the parser a call at every
// space. Its calls do change one thing: the parser trims only the last
// of several white space characters that end a line, so such lines keep
// linkify too (see TestPlainMatchesLinkify).
func needsLinkify(src []byte) bool {
	if bytes.IndexByte(src, '@') >= 0 || bytes.Contains(src, []byte("www.")) {
		return true
	}
	// One pass over the colons, rare in prose, finds all three schemes.
	for i := 0; ; i++ {
		j := bytes.IndexByte(src[i:], ':')
		if j < 0 {
			break
		}
		i += j
		if p := src[:i]; bytes.HasSuffix(p, []byte("http")) || bytes.HasSuffix(p, []byte("https")) || bytes.HasSuffix(p, []byte("ftp")) {
			return true
		}
	}
	for rest := src; len(rest) > 0; {
		line := rest
		i := bytes.IndexByte(rest, '\n')
		if i >= 0 {
			line, rest = rest[:i], rest[i+1:]
			if n := len(line); n >= 2 && line[n-1] == ' ' && line[n-2] == ' ' {
				line = line[:n-2] // a hard line break, which the parser drops first
			}
		} else {
			rest = nil
		}
		if n := len(line); n >= 2 && isBlank(line[n-1]) && isBlank(line[n-2]) {
			return true
		}
	}
	return false
}

// isBlank reports whether the parser trims c at the end of a line.
func isBlank(c byte) bool { return c == ' ' || c == '\t' || c == '\v' || c == '\f' || c == '\r' }

// isRelative reports whether a destination is a path relative to the page:
// no scheme, no host, not rooted, not a fragment.
func isRelative(u string) bool {
	if u == "" || strings.HasPrefix(u, "/") || strings.HasPrefix(u, "#") {
		return false
	}
	colon := strings.IndexByte(u, ':')
	return colon < 0 || strings.IndexAny(u[:colon], "/?#") >= 0
}
