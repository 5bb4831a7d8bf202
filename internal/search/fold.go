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
// is scratch space, returned for reuse. ASCII words are found by a tight
// loop over a byte table, and those without capitals are handed over in
// place, not copied; others are lower-cased byte by byte; a word with any
// other rune goes through Fold.
func scanWords(s string, buf []byte, f func(w []byte)) []byte {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if class[c] == other {
				i++
				continue
			}
			start, caps := i, false
			for ; i < len(s); i++ {
				k := class[s[i]&0x7f]
				if s[i] >= utf8.RuneSelf || k == other {
					break
				}
				caps = caps || k == upper
			}
			if i < len(s) && s[i] >= utf8.RuneSelf {
				i, buf = wideWord(s, start, i, buf, f)
				continue
			}
			buf = word(s[start:i], true, caps, buf, f)
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if isWordRune(r) {
			i, buf = wideWord(s, i, i, buf, f)
			continue
		}
		i += n // a mark outside a word, or any other rune
	}
	return buf
}

// wideWord reads on from s[i] to the end of the word that starts at
// start and holds a rune outside ASCII, hands it to word and returns the
// index after it. Marks inside a word stay with it until folding drops
// them, as the script's /[\p{L}\p{N}\p{M}]+/ does.
func wideWord(s string, start, i int, buf []byte, f func([]byte)) (int, []byte) {
	for i < len(s) {
		if c := s[i]; c < utf8.RuneSelf {
			if class[c] == other {
				break
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if !isWordRune(r) && !unicode.Is(unicode.M, r) {
			break
		}
		i += n
	}
	return i, word(s[start:i], false, false, buf, f)
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
