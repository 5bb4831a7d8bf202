package markdown

import (
	"bytes"
	"fmt"
	"net/url"
	"regexp"
	"strings"

	"github.com/yuin/goldmark/ast"
)

// Note is something in a body a reader would notice that does not stop
// the build: an image they cannot read about, markup shown as text, an
// image their browser will refuse. The build reports it as a warning.
type Note struct {
	Offset int
	Msg    string
	// Host, for an image or embed from another site, is that site: the
	// build drops the note when the site's settings allow the host.
	Host string
	// Embed tells an embed's host (embed_hosts) from an image's.
	Embed bool
}

// noteImage notes an image without alt text, and one from another host,
// which the site's Content-Security-Policy (img-src 'self') blocks.
func (d *Doc) noteImage(n *ast.Image) {
	off := offsetOf(n)
	if off > 0 && d.src[off-1] == '!' {
		off--
	}
	if t, ok := n.PreviousSibling().(*ast.Text); ok && !hasText(n) {
		off = t.Segment.Stop // no text inside to place it by: after the text before
	}
	if !hasText(n) {
		d.Notes = append(d.Notes, Note{Offset: off, Msg: "image without alt text: describe it between the brackets, ![what it shows](...), for readers who cannot see it"})
	}
	if host := externalHost(n.Destination); host != "" {
		d.Notes = append(d.Notes, Note{Offset: off, Host: host, Msg: fmt.Sprintf("image from another site (%s): the site's Content-Security-Policy blocks it in the browser; add %s to image_hosts in content/_index.md, or copy the file into content/ and link it by its path", host, host)})
	}
}

// noteHTML notes raw HTML that is shown as text because the site does not
// set unsafe: true; closing tags are not noted again.
func (d *Doc) noteHTML(off int, raw []byte) {
	raw = bytes.TrimSpace(raw)
	if bytes.HasPrefix(raw, []byte("</")) {
		return
	}
	tag := raw
	if i := bytes.IndexAny(tag, " \t\n>/"); i > 0 {
		tag = tag[:i]
	}
	what := "raw HTML"
	if t := strings.ToLower(string(tag)); t == "<iframe" || t == "<embed" || t == "<object" || t == "<video" || t == "<audio" {
		what = "an embed (" + t + ">)"
	}
	d.Notes = append(d.Notes, Note{Offset: off, Msg: what + " is shown as text, as unsafe is off: write it in Markdown, or set unsafe: true in content/_index.md to let HTML through"})
}

// frameSrc finds the src of an <iframe> in raw HTML.
var frameSrc = regexp.MustCompile(`(?is)<iframe\b[^>]*?\bsrc\s*=\s*["']?([^"'\s>]+)`)

// noteEmbed notes, where raw HTML is let through, a frame from another
// site, which the Content-Security-Policy blocks unless embed_hosts names
// that site.
func (d *Doc) noteEmbed(off int, raw []byte) {
	for _, m := range frameSrc.FindAllSubmatch(raw, -1) {
		if host := externalHost(m[1]); host != "" {
			d.Notes = append(d.Notes, Note{Offset: off, Host: host, Embed: true, Msg: fmt.Sprintf("embed from another site (%s): the site's Content-Security-Policy blocks it in the browser; add %s to embed_hosts in content/_index.md", host, host)})
		}
	}
}

// hasText reports whether an image has any alt text.
func hasText(n ast.Node) bool {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		if t, ok := c.(*ast.Text); ok && t.Segment.Len() > 0 {
			return true
		}
		if c.HasChildren() && hasText(c) {
			return true
		}
		if _, ok := c.(*ast.String); ok {
			return true
		}
	}
	return false
}

// externalHost returns the host of an absolute http(s) or
// protocol-relative URL, or "".
func externalHost(dest []byte) string {
	u := string(dest)
	if !strings.HasPrefix(u, "//") && !strings.HasPrefix(strings.ToLower(u), "http://") && !strings.HasPrefix(strings.ToLower(u), "https://") {
		return ""
	}
	p, err := url.Parse(u)
	if err != nil || p.Host == "" {
		return "another host"
	}
	return p.Host
}
