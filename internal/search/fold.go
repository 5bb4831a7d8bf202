package search

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Fold returns s as the index compares it: NFD, combining marks dropped,
// lower case, ß as "ss" and final sigma as σ. The script folds queries
// with the same steps (normalize("NFD"), drop \p{M}, toLowerCase).
func Fold(s string) string {
	if isPlainLower(s) {
		return s
	}
	d := norm.NFD.String(s)
	var b strings.Builder
	b.Grow(len(d))
	for _, r := range d {
		if unicode.Is(unicode.M, r) {
			continue
		}
		writeLower(&b, r)
	}
	return b.String()
}

// writeLower writes r lower-cased as JavaScript's toLowerCase does for
// the letters that survive NFD without marks, plus the two foldings.
func writeLower(b *strings.Builder, r rune) {
	switch r = unicode.ToLower(r); r {
	case 'ß':
		b.WriteString("ss")
	case 'ς':
		b.WriteRune('σ')
	default:
		b.WriteRune(r)
	}
}

// isPlainLower reports whether s is ASCII without upper-case letters, which
// folds to itself: most words of most sites.
func isPlainLower(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= utf8.RuneSelf || 'A' <= c && c <= 'Z' {
			return false
		}
	}
	return true
}

// isWordRune is a letter or digit: the runes a word is made of once folded.
func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsNumber(r)
}

// Words calls f with each folded word of s, in order.
func Words(s string, f func(w string)) {
	// Fold word by word: marks inside a word stay with it until folding
	// drops them, as the script's /[\p{L}\p{N}\p{M}]+/ does.
	start := -1
	for i, r := range s {
		in := isWordRune(r) || start >= 0 && unicode.Is(unicode.M, r)
		switch {
		case in && start < 0:
			start = i
		case !in && start >= 0:
			emit(s[start:i], f)
			start = -1
		}
	}
	if start >= 0 {
		emit(s[start:], f)
	}
}

// emit folds a raw word and splits it again: folding can leave non-word
// runes (a letter whose lower case is not a letter is rare, but cheap to
// handle).
func emit(raw string, f func(string)) {
	w := Fold(raw)
	start := -1
	for i, r := range w {
		switch {
		case isWordRune(r) && start < 0:
			start = i
		case !isWordRune(r) && start >= 0:
			f(w[start:i])
			start = -1
		}
	}
	if start >= 0 {
		f(w[start:])
	}
}
