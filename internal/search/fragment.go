package search

import "unicode/utf8"

// appendFragment appends what a result shows of the page as JSON, short
// keys keeping it small: {"u","t","k","w","d","e","m","s":[[id,heading,text]...]}.
func (d *Doc) appendFragment(b []byte) []byte {
	b = append(b, `{"u":`...)
	b = appendJSON(b, d.URL)
	b = append(b, `,"t":`...)
	b = appendJSON(b, d.Title)
	b = append(b, `,"k":`...)
	b = appendJSON(b, d.Kind)
	for _, f := range []struct{ key, v string }{{"w", d.Who}, {"d", d.Date}, {"e", d.End}, {"m", d.Summary}} {
		if f.v != "" {
			b = append(b, `,"`+f.key+`":`...)
			b = appendJSON(b, f.v)
		}
	}
	if len(d.sections) > 0 {
		b = append(b, `,"s":[`...)
		for i, s := range d.sections {
			if i > 0 {
				b = append(b, ',')
			}
			b = append(b, '[')
			b = appendJSON(b, s.ID)
			b = append(b, ',')
			b = appendJSON(b, s.Heading)
			b = append(b, ',')
			b = appendJSON(b, s.Text)
			b = append(b, ']')
		}
		b = append(b, ']')
	}
	return append(b, '}')
}

// appendJSON appends s as a JSON string, byte for byte as encoding/json
// writes it: <, > and & escaped (a fragment never holds a raw tag), and
// invalid UTF-8 as U+FFFD.
func appendJSON(b []byte, s string) []byte {
	const hex = "0123456789abcdef"
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' && c != '<' && c != '>' && c != '&' {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '"', '\\':
				b = append(b, '\\', c)
			case '\b':
				b = append(b, '\\', 'b')
			case '\f':
				b = append(b, '\\', 'f')
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default:
				b = append(b, '\\', 'u', '0', '0', hex[c>>4], hex[c&15])
			}
			i++
			start = i
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && n == 1 || r == '\u2028' || r == '\u2029' {
			b = append(b, s[start:i]...)
			switch r {
			case utf8.RuneError:
				b = append(b, `\ufffd`...)
			case '\u2028':
				b = append(b, `\u2028`...)
			default:
				b = append(b, `\u2029`...)
			}
			i += n
			start = i
			continue
		}
		i += n
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}
