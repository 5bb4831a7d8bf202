package search

import (
	"strings"
	"unicode"
	"unicode/utf8"
	"unsafe"

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
	scanWords(s, nil, func(w []byte) { f(string(w)) })
}

// Byte classes of the ASCII scan.
const (
	other = iota
	lower // a-z and 0-9: a word byte that folds to itself
	upper // A-Z
)

var class = func() (t [utf8.RuneSelf]uint8) {
	for c := '0'; c <= '9'; c++ {
		t[c] = lower
	}
	for c := 'a'; c <= 'z'; c++ {
		t[c] = lower
	}
	for c := 'A'; c <= 'Z'; c++ {
		t[c] = upper
	}
	return t
}()

// scanWords calls f with each folded word of s, in bytes that are only
// valid during the call (so a lookup with string(w) costs nothing); buf
// is scratch space, returned for reuse. Most words are ASCII without
// capitals: those are handed over in place, not copied; other ASCII
// words are lower-cased here byte by byte; a word with any other rune
// goes through Fold.
func scanWords(s string, buf []byte, f func(w []byte)) []byte {
	start, ascii, caps := -1, true, false
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if k := class[c]; k != other {
				if start < 0 {
					start, ascii, caps = i, true, false
				}
				caps = caps || k == upper
			} else if start >= 0 {
				buf = word(s[start:i], ascii, caps, buf, f)
				start = -1
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case isWordRune(r):
			if start < 0 {
				start = i
			}
			ascii = false
		case start >= 0 && unicode.Is(unicode.M, r):
			// Marks inside a word stay with it until folding drops them,
			// as the script's /[\p{L}\p{N}\p{M}]+/ does.
			ascii = false
		case start >= 0:
			buf = word(s[start:i], ascii, caps, buf, f)
			start = -1
		}
		i += n
	}
	if start >= 0 {
		buf = word(s[start:], ascii, caps, buf, f)
	}
	return buf
}

// word folds one raw word and hands it (or, rarely, the words folding
// splits it into) to f.
func word(raw string, ascii, caps bool, buf []byte, f func([]byte)) []byte {
	if ascii && !caps {
		// The bytes of raw itself, read only: f never writes to them.
		f(unsafe.Slice(unsafe.StringData(raw), len(raw)))
		return buf
	}
	if ascii {
		buf = buf[:0]
		for i := 0; i < len(raw); i++ {
			c := raw[i]
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			buf = append(buf, c)
		}
		f(buf)
		return buf
	}
	w := Fold(raw)
	start := -1
	for i, r := range w {
		switch {
		case isWordRune(r) && start < 0:
			start = i
		case !isWordRune(r) && start >= 0:
			f(append(buf[:0], w[start:i]...))
			start = -1
		}
	}
	if start >= 0 {
		f(append(buf[:0], w[start:]...))
	}
	return buf
}
