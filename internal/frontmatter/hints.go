package frontmatter

import (
	"fmt"
	"strings"
)

// The parsers describe what they found ("mapping values are not allowed
// in this context"), not what the writer should do. The hints below
// recognise the usual slips in the text itself and say how to fix them;
// the parser's words follow on a second line for the rare case a hint is
// wrong.

// hint is advice for one syntax error: where, and what to do.
type hint struct {
	line, col int // file line and column; 0 keeps the parser's
	text      string
}

// withParser joins a hint and the parser's text into one message.
func withParser(lang, h, parser string) string {
	return fmt.Sprintf("invalid %s front matter: %s\n\t(the %s parser said: %s)", lang, h, lang, parser)
}

// headLines splits front matter into lines without their line ends.
func headLines(head []byte) []string {
	lines := strings.Split(string(head), "\n")
	for i, l := range lines {
		lines[i] = strings.TrimSuffix(l, "\r")
	}
	return lines
}

// yamlHint looks for a usual slip: a tab in indentation, a quote or list
// never closed, a plain value holding ": ". at is the file line the parser
// stopped at; first is the file line of the first line of head.
func yamlHint(head []byte, first, at int, parser string) (hint, bool) {
	lines := headLines(head)
	for i, l := range lines {
		indent := len(l) - len(strings.TrimLeft(l, " \t"))
		if j := strings.IndexByte(l[:indent], '\t'); j >= 0 {
			return hint{first + i, j + 1, "use spaces, not tabs, to indent"}, true
		}
	}
	for i, l := range lines {
		key, value, col, ok := yamlPair(l)
		if !ok || value == "" {
			continue
		}
		switch q := value[0]; q {
		case '"', '\'':
			if !closesQuote(value[1:], q) && !quoteClosedLater(lines[i+1:], q) {
				return hint{0, 0, fmt.Sprintf("this quote is never closed (opened at line %d, column %d): end the value of %s with %c", first+i, col, key, q)}, true
			}
		case '[', '{':
			closer := map[byte]byte{'[': ']', '{': '}'}[q]
			if strings.Count(value, string(q)) > strings.Count(value, string(closer)) && strings.HasPrefix(parser, "did not find expected ',' or '"+string(closer)+"'") {
				return hint{0, 0, fmt.Sprintf("this list is never closed (opened at line %d, column %d): end it with %c", first+i, col, closer)}, true
			}
		default:
			if first+i == at && strings.Contains(value, ": ") && parser == "mapping values are not allowed in this context" {
				return hint{first + i, col, fmt.Sprintf("a value containing \": \" must be quoted: write %s: %q", key, value)}, true
			}
		}
	}
	return hint{}, false
}

// yamlPair splits a "key: value" line of a mapping; col is the value's
// 1-based column.
func yamlPair(l string) (key, value string, col int, ok bool) {
	trimmed := strings.TrimLeft(l, " ")
	trimmed = strings.TrimPrefix(trimmed, "- ")
	k, v, found := strings.Cut(trimmed, ": ")
	if !found || k == "" || strings.ContainsAny(k, "\"'#[]{}") {
		return "", "", 0, false
	}
	v = strings.TrimRight(v, " ")
	lead := len(v) - len(strings.TrimLeft(v, " "))
	v = v[lead:]
	return k, v, len(l) - len(trimmed) + len(k) + 2 + lead + 1, true
}

// closesQuote reports whether s, the text after an opening quote q, holds
// its closing quote ("" escapes \" in double quotes, ” in single ones).
func closesQuote(s string, q byte) bool {
	for i := 0; i < len(s); i++ {
		switch {
		case q == '"' && s[i] == '\\':
			i++
		case s[i] == q && q == '\'' && i+1 < len(s) && s[i+1] == '\'':
			i++
		case s[i] == q:
			return true
		}
	}
	return false
}

// quoteClosedLater reports whether a quoted value that goes on over
// several lines ends on one of them. A line that starts a new top-level
// key ends the search: continuation lines are indented, and the quote
// there opens that key's value.
func quoteClosedLater(lines []string, q byte) bool {
	for _, l := range lines {
		if _, _, col, ok := yamlPair(l); ok && l[0] != ' ' && col > 0 {
			return false
		}
		if closesQuote(l, q) {
			return true
		}
	}
	return false
}

// tomlHint says how to fix the usual TOML slips: YAML's ":" for "=", an
// unquoted text, a quote never closed.
func tomlHint(head []byte, first, at int, parser string) (hint, bool) {
	lines := headLines(head)
	if i := at - first; i >= 0 && i < len(lines) {
		l := lines[i]
		k, v, _ := strings.Cut(l, "=")
		k, v = strings.TrimSpace(k), strings.TrimSpace(v)
		switch {
		case strings.Contains(parser, "expected '=' after key"):
			if yk, yv, _, ok := yamlPair(l); ok {
				return hint{at, 1, fmt.Sprintf("TOML sets a key with \"=\", not \":\": write %s = %q", yk, yv)}, true
			}
		case strings.Contains(parser, "strings cannot have new lines"):
			if j := strings.IndexAny(l, "\"'"); j >= 0 {
				return hint{0, 0, fmt.Sprintf("this quote is never closed (opened at line %d, column %d): end the value of %s with %c", at, j+1, k, l[j])}, true
			}
		case strings.Contains(parser, "at start of value") && v != "":
			return hint{0, 0, fmt.Sprintf("a text value must be quoted: write %s = %q", k, v)}, true
		}
	}
	return hint{}, false
}
