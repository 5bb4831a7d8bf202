package card

import (
	"strings"
	"unicode/utf8"
)

// ellipsis ends text cut short.
const ellipsis = "…"

// wrap breaks text into at most max lines no wider than width pixels, at
// spaces, and inside a word only when the word alone is wider than a
// line. Text that does not fit ends its last line with an ellipsis; cut
// reports whether it did.
func wrap(fc *face, text string, width, max int) (lines []string, cut bool) {
	words := strings.Fields(text)
	var line string
	for i := 0; i < len(words); i++ {
		w := words[i]
		try := w
		if line != "" {
			try = line + " " + w
		}
		if fc.width(try) <= width {
			line = try
			continue
		}
		if line == "" {
			// One word wider than the line: break it where it must.
			head, rest := split(fc, w, width)
			line = head
			words[i] = rest
			i--
		} else {
			i--
		}
		lines = append(lines, line)
		line = ""
		if len(lines) == max {
			return ellipsise(fc, lines, width), true
		}
	}
	if line != "" {
		lines = append(lines, line)
	}
	return lines, false
}

// split cuts a word into the longest head that fits width (at least one
// character) and the rest.
func split(fc *face, w string, width int) (head, rest string) {
	n := len(w)
	for n > 0 && fc.width(w[:n]) > width {
		_, size := utf8.DecodeLastRuneInString(w[:n])
		n -= size
	}
	if n == 0 {
		_, n = utf8.DecodeRuneInString(w)
	}
	return w[:n], w[n:]
}

// ellipsise ends the last line with an ellipsis, dropping words (or,
// from a single word, characters) until it fits width.
func ellipsise(fc *face, lines []string, width int) []string {
	last := lines[len(lines)-1]
	for last != "" && fc.width(last+ellipsis) > width {
		if i := strings.LastIndexByte(last, ' '); i > 0 {
			last = last[:i]
		} else {
			_, size := utf8.DecodeLastRuneInString(last)
			last = last[:len(last)-size]
		}
	}
	last = strings.TrimRight(last, " ,;:.–—-")
	lines[len(lines)-1] = last + ellipsis
	return lines
}

// fitLine is text on one line of width pixels, ellipsised if need be.
func fitLine(fc *face, text string, width int) string {
	text = strings.Join(strings.Fields(text), " ")
	if fc.width(text) <= width {
		return text
	}
	return ellipsise(fc, []string{text}, width)[0]
}
