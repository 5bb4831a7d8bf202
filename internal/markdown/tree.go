package markdown

import "github.com/yuin/goldmark/ast"

// Root is the document's syntax tree, for readers of the text (the audit)
// that need positions; segments are offsets into Source. The tree is
// changed by rendering, so read it before or instead of rendering.
func (d *Doc) Root() ast.Node { return d.root }

// Source is the text the document was parsed from.
func (d *Doc) Source() []byte { return d.src }
