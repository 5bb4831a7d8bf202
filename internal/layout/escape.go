package layout

import (
	"bytes"
	"strings"
)

// The escapers below write what html/template's own escapers write for a
// plain string in the contexts the built-in layouts use, so that the Go
// generated from those layouts (layouts_gen.go) gives the same bytes as
// the templates. TestEscapersMatchHTMLTemplate and FuzzEscapers hold them
// to html/template.

// htmlSpecial marks the bytes escapeHTML replaces.
var htmlSpecial = [256]bool{0: true, '"': true, '&': true, '\'': true, '+': true, '<': true, '>': true}

// escapeHTML writes s escaped for HTML text, a quoted attribute value or
// RCDATA (<title>): html/template uses one table for all three.
func escapeHTML(b *bytes.Buffer, s string) {
	last := 0
	for i := 0; i < len(s); i++ {
		if !htmlSpecial[s[i]] {
			continue
		}
		var rep string
		switch s[i] {
		case 0:
			rep = "\uFFFD"
		case '"':
			rep = "&#34;"
		case '&':
			rep = "&amp;"
		case '\'':
			rep = "&#39;"
		case '+':
			rep = "&#43;"
		case '<':
			rep = "&lt;"
		default: // '>'
			rep = "&gt;"
		}
		b.WriteString(s[last:i])
		b.WriteString(rep)
		last = i + 1
	}
	b.WriteString(s[last:])
}

// safeURL reports whether html/template lets a URL through at the start of
// a URL attribute: no scheme, or http, https or mailto.
func safeURL(s string) bool {
	if protocol, _, ok := strings.Cut(s, ":"); ok && !strings.Contains(protocol, "/") {
		return strings.EqualFold(protocol, "http") || strings.EqualFold(protocol, "https") || strings.EqualFold(protocol, "mailto")
	}
	return true
}

// escapeURL writes a whole URL attribute value ("{{.Href}}"): unsafe
// schemes are replaced, bytes a URL may not hold are percent-encoded
// (keeping reserved characters and valid escapes), then the result is
// escaped as an attribute.
func escapeURL(b *bytes.Buffer, s string) {
	if !safeURL(s) {
		b.WriteString("#ZgotmplZ")
		return
	}
	writeURL(b, s, true)
}

// escapeURLPart writes a value placed after the start of a URL attribute
// ("#{{.ID}}"): every byte but the unreserved ones is percent-encoded.
func escapeURLPart(b *bytes.Buffer, s string) { writeURL(b, s, false) }

const hexDigits = "0123456789abcdef"

func writeURL(b *bytes.Buffer, s string, norm bool) {
	last := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9',
			c == '-', c == '.', c == '_', c == '~':
			continue
		case c == '!', c == '#', c == '$', c == '*', c == ',', c == '/',
			c == ':', c == ';', c == '=', c == '?', c == '@', c == '[', c == ']':
			if norm {
				continue
			}
		case c == '&', c == '+':
			if norm {
				// Kept in the URL, then escaped for the attribute.
				escapeHTML(b, s[last:i+1])
				last = i + 1
				continue
			}
		case c == '%':
			if norm && i+2 < len(s) && isHex(s[i+1]) && isHex(s[i+2]) {
				continue
			}
		}
		b.WriteString(s[last:i])
		b.WriteByte('%')
		b.WriteByte(hexDigits[c>>4])
		b.WriteByte(hexDigits[c&15])
		last = i + 1
	}
	b.WriteString(s[last:])
}

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}
