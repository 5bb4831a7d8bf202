package graphlayout

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// TextWidth estimates the width of s set in a system sans-serif face at
// size (in the same units as size). The build cannot ask a browser how
// wide a line is, so it adds up per-character widths of the widest
// common system face (DejaVu Sans, which Linux falls back to; Helvetica,
// Arial, Segoe UI and Roboto are narrower): a label wrapped by this
// estimate fits its box in each of them.
func TextWidth(s string, size float64) float64 {
	var em float64
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < utf8.RuneSelf {
			em += ascii[c]
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		em += runeWidth(r)
		i += n - 1
	}
	return em * size
}

// ascii holds runeWidth of the ASCII characters, which most labels are.
var ascii = func() (t [utf8.RuneSelf]float64) {
	for c := range t {
		t[c] = runeWidth(rune(c))
	}
	return t
}()

// runeWidth is a character's advance in ems.
func runeWidth(r rune) float64 {
	switch {
	case r == ' ':
		return 0.32
	case strings.ContainsRune("il|.,:;'!`ıìíîï", r):
		return 0.3
	case strings.ContainsRune("jft()[]/\\\"-r", r):
		return 0.42
	case strings.ContainsRune("mw", r):
		return 0.98
	case strings.ContainsRune("MW", r):
		return 1.0
	case r >= 'A' && r <= 'Z':
		return 0.75
	case r >= '0' && r <= '9':
		return 0.64
	case r >= 'a' && r <= 'z':
		return 0.62
	case r == '—' || r == '…':
		return 1.0
	case unicode.Is(unicode.Han, r) || unicode.Is(unicode.Hangul, r) || unicode.Is(unicode.Hiragana, r) || unicode.Is(unicode.Katakana, r):
		return 1.0
	case unicode.IsUpper(r):
		return 0.72
	case unicode.IsPunct(r):
		return 0.36
	}
	return 0.62
}

// Wrap breaks s into lines no wider than width at size: at spaces, and
// inside a word longer than a line after a hyphen or, failing that,
// between characters. It never drops text.
func Wrap(s string, width, size float64) []string {
	if strings.Contains(s, "  ") || strings.ContainsAny(s, "\t\n\r\v\f") {
		s = strings.Join(strings.Fields(s), " ")
	}
	s = strings.TrimSpace(s)
	var lines []string
	// The line is s[start:end], lw wide; words are added while they fit.
	start, end, lw := -1, 0, 0.0
	space := runeWidth(' ') * size
	for i := 0; i < len(s); i++ { // s[i] is a word's first byte
		j := strings.IndexByte(s[i:], ' ')
		if j < 0 {
			j = len(s)
		} else {
			j += i
		}
		word, ww := s[i:j], TextWidth(s[i:j], size)
		switch {
		case start >= 0 && lw+space+ww <= width:
			end, lw = j, lw+space+ww
		case start < 0 && ww <= width:
			start, end, lw = i, j, ww
		default:
			if start >= 0 {
				lines = append(lines, s[start:end])
				start = -1
			}
			for ww > width {
				head, rest := splitWord(word, width, size)
				lines = append(lines, head)
				word = rest
				ww = TextWidth(word, size)
			}
			// The rest of a split word starts the next line.
			start, end, lw = j-len(word), j, ww
		}
		i = j
	}
	if start >= 0 {
		lines = append(lines, s[start:end])
	}
	return lines
}

// splitWord cuts the longest head of word that fits width, preferring a
// cut after a hyphen; the head holds at least one character.
func splitWord(word string, width, size float64) (string, string) {
	fit, hyphen := 0, 0
	w := 0.0
	for i, r := range word {
		w += runeWidth(r) * size
		if w > width && fit > 0 {
			break
		}
		fit = i + utf8.RuneLen(r)
		if r == '-' && fit < len(word) {
			hyphen = fit
		}
	}
	if hyphen > 0 {
		fit = hyphen
	}
	return word[:fit], word[fit:]
}
