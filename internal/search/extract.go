package search

import (
	"html"
	"strings"
	"unsafe"
)

// Section is the text of a page from one heading to the next: the
// heading's id (empty before the first heading), its text and the text
// under it, whitespace collapsed.
type Section struct {
	ID, Heading, Text string
}

// isInline: inline elements join their text to the words around them;
// any other tag separates words ("<li>a</li><li>b</li>" is "a b").
func isInline(name string) bool {
	switch name {
	case "a", "abbr", "b", "bdi", "bdo", "cite", "code", "data", "dfn", "em", "i", "kbd",
		"mark", "q", "s", "samp", "small", "span", "strong", "sub", "sup", "time", "u", "var",
		"del", "ins":
		return true
	}
	return false
}

// isSkipped: these elements hold no prose a reader searches for.
func isSkipped(name string) bool {
	switch name {
	case "script", "style", "template", "svg", "noscript":
		return true
	}
	return false
}

func isHeading(name string) bool {
	return len(name) == 2 && name[0] == 'h' && '1' <= name[1] && name[1] <= '6'
}

// Sections splits body HTML at its headings. Text before the first
// heading is a section with an empty ID; a heading without an id keeps the
// id of the section it is in.
//
// The body is HTML the build rendered (well formed, "<" in text escaped),
// so a scan for tags serves: it is many times faster than a tokenizer,
// which matters as every page of the site passes through it. All texts
// are parts of one string, white space collapsed as they are copied.
func Sections(body string) []Section {
	out, _ := sections(body, nil)
	return out
}

// sections is Sections with buf as scratch space, returned for reuse.
func sections(body string, buf []byte) ([]Section, []byte) {
	type span struct {
		id         string
		head, text [2]int
		headDone   bool
	}
	var spans []span
	buf = buf[:0]
	pending := false // white space seen since the last character kept
	spanStart := 0
	cur := span{}
	inHead := false
	open := func() int { pending, spanStart = false, len(buf); return len(buf) }
	add := func(s string) {
		if strings.IndexByte(s, '&') >= 0 {
			s = html.UnescapeString(s)
		}
		for i := 0; i < len(s); {
			if isSpace(s[i]) {
				pending = len(buf) > spanStart
				i++
				continue
			}
			j := i + 1
			for j < len(s) && !isSpace(s[j]) {
				j++
			}
			if pending {
				buf = append(buf, ' ')
				pending = false
			}
			buf = append(buf, s[i:j]...)
			i = j
		}
	}
	closeText := func() {
		cur.text[1] = len(buf)
		if cur.text[1] > cur.text[0] || cur.headDone || cur.id != "" {
			spans = append(spans, cur)
		}
	}
	cur.text[0] = open()
	for i := 0; i < len(body); {
		lt := strings.IndexByte(body[i:], '<')
		if lt < 0 {
			lt = len(body) - i
		}
		add(body[i : i+lt])
		i += lt
		if i >= len(body) {
			break
		}
		if strings.HasPrefix(body[i:], "<!--") {
			end := strings.Index(body[i:], "-->")
			if end < 0 {
				break
			}
			i += end + 3
			continue
		}
		gt := strings.IndexByte(body[i:], '>')
		if gt < 0 {
			break
		}
		tag := body[i+1 : i+gt]
		i += gt + 1
		closing := strings.HasPrefix(tag, "/")
		name := strings.ToLower(tagName(strings.TrimPrefix(tag, "/")))
		switch {
		case isSkipped(name) && !closing && !strings.HasSuffix(tag, "/"):
			end := strings.Index(body[i:], "</"+name)
			if end < 0 {
				i = len(body)
				continue
			}
			i += end
		case isHeading(name) && !closing:
			if inHead {
				continue
			}
			closeText()
			id, ok := attr(tag, "id")
			if !ok {
				id = cur.id
			}
			cur = span{id: id}
			inHead = true
			cur.head[0] = open()
		case isHeading(name) && inHead:
			cur.head[1] = len(buf)
			cur.headDone = true
			inHead = false
			cur.text[0] = open()
		case !isInline(name):
			pending = len(buf) > spanStart
		}
	}
	if inHead {
		cur.head[1] = len(buf)
		cur.headDone = true
		cur.text[0] = len(buf)
	}
	closeText()
	// The sections' strings share buf rather than copy it: Sections passes
	// a fresh buffer that nothing writes again, and prepare drops its
	// sections before the worker's next page reuses the buffer.
	text := unsafe.String(unsafe.SliceData(buf), len(buf))
	out := make([]Section, len(spans))
	for i, sp := range spans {
		out[i] = Section{ID: sp.id, Heading: text[sp.head[0]:sp.head[1]], Text: text[sp.text[0]:sp.text[1]]}
	}
	return out, buf
}

// isSpace is HTML's white space, by table: it is asked of every byte of
// every page's text.
func isSpace(c byte) bool { return spaceTab[c] }

var spaceTab = [256]bool{' ': true, '\n': true, '\t': true, '\r': true, '\f': true}

// tagName is the name at the start of a tag's text.
func tagName(tag string) string {
	for i := 0; i < len(tag); i++ {
		if c := tag[i]; c == ' ' || c == '\t' || c == '\n' || c == '/' || c == '\r' {
			return tag[:i]
		}
	}
	return tag
}

// attr returns the value of the attribute name in a tag's text.
func attr(tag, name string) (string, bool) {
	for _, q := range []string{`"`, `'`} {
		key := " " + name + "=" + q
		if i := strings.Index(tag, key); i >= 0 {
			v := tag[i+len(key):]
			if j := strings.Index(v, q); j >= 0 {
				return html.UnescapeString(v[:j]), true
			}
		}
	}
	return "", false
}
