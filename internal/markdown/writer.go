package markdown

import (
	"bytes"

	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/util"
)

// textWriter is goldmark's html.DefaultWriter, which every renderer uses
// for text, made cheaper for ordinary text: it escapes runs of bytes at a
// time instead of writing byte by byte, and sends text without escapes or
// entities (no "\", "&" or NUL) straight to RawWrite. Its output is the
// default writer's byte for byte (see FuzzTextWriter).
type textWriter struct{}

var _ html.Writer = textWriter{}

// escaped marks the bytes util.EscapeHTMLByte replaces.
var escaped = [256]bool{0: true, '"': true, '&': true, '<': true, '>': true}

func (textWriter) RawWrite(w util.BufWriter, s []byte) {
	n := 0
	for i, c := range s {
		if escaped[c] {
			w.Write(s[n:i])
			w.Write(util.EscapeHTMLByte(c))
			n = i + 1
		}
	}
	w.Write(s[n:])
}

func (t textWriter) Write(w util.BufWriter, s []byte) {
	if bytes.IndexByte(s, '\\') < 0 && bytes.IndexByte(s, '&') < 0 && bytes.IndexByte(s, 0) < 0 {
		t.RawWrite(w, s) // what the default writer does with such text
		return
	}
	html.DefaultWriter.Write(w, s)
}

func (textWriter) SecureWrite(w util.BufWriter, s []byte) {
	html.DefaultWriter.SecureWrite(w, s)
}
