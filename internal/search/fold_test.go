package search

import (
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// foldCases are strings whose words need care; TestScriptAgrees in
// internal/browsertest runs the same table through the script's fold.
var foldCases = []struct {
	in   string
	want []string
}{
	{"Bucharest", []string{"bucharest"}},
	{"Msta-S-M2", []string{"msta", "s", "m2"}},
	{"Café CAFÉ cafe\u0301", []string{"cafe", "cafe", "cafe"}},
	{"Straße STRASSE straße ẞ", []string{"strasse", "strasse", "strasse", "ss"}},
	{"Ёлка ЁЛКА елка", []string{"елка", "елка", "елка"}},
	{"договорённостей", []string{"договоренностеи"}},
	{"ΟΔΟΣ οδός", []string{"οδοσ", "οδοσ"}},
	{"İstanbul ISTANBUL", []string{"istanbul", "istanbul"}},
	{"Russia’s 1997 borders", []string{"russia", "s", "1997", "borders"}},
	{"naïve coöperation", []string{"naive", "cooperation"}},
	{"Zürich, Łódź; Ærø", []string{"zurich", "łodz", "ærø"}},
	{"«кавычки» — тире", []string{"кавычки", "тире"}},
	{"e-mail\u00a0address", []string{"e", "mail", "address"}},
	{"", nil},
	{"\u0301 stray mark", []string{"stray", "mark"}},
	{"日本語テキスト", []string{"日本語テキスト"}},
	{"x²", []string{"x²"}},
}

// TestFoldCases checks the words of each tricky string.
func TestFoldCases(t *testing.T) {
	for _, tt := range foldCases {
		var got []string
		Words(tt.in, func(w string) { got = append(got, w) })
		if !slices.Equal(got, tt.want) {
			t.Errorf("Words(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestFoldPlainASCIIUnchanged(t *testing.T) {
	for _, s := range []string{"abc", "a1 b2", "already lower"} {
		if got := Fold(s); got != s {
			t.Errorf("Fold(%q) = %q", s, got)
		}
	}
	if got := Fold("ABC"); got != "abc" {
		t.Errorf("Fold(ABC) = %q", got)
	}
}

func FuzzWords(f *testing.F) {
	for _, tt := range foldCases {
		f.Add(tt.in)
	}
	f.Fuzz(func(t *testing.T, s string) {
		Words(s, func(w string) {
			if w == "" {
				t.Fatal("empty word")
			}
			if Fold(w) != w {
				t.Fatalf("word %q of %q folds again to %q", w, s, Fold(w))
			}
			if strings.ContainsFunc(w, func(r rune) bool { return !isWordRune(r) }) {
				t.Fatalf("word %q of %q holds a non-word rune", w, s)
			}
		})
	})
}

// scanWordsRef is scanWords as first written, one byte or rune at a
// time: the tight loops must find the same words.
func scanWordsRef(s string, buf []byte, f func(w []byte)) []byte {
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

// FuzzScanWords: scanWords finds what the plain loop finds.
func FuzzScanWords(f *testing.F) {
	for _, tt := range foldCases {
		f.Add(tt.in)
	}
	f.Add("Ab\u0301c d\u0301 \u0301e fé\u0301g ÉCOLE x2Y")
	f.Fuzz(func(t *testing.T, s string) {
		var got, want []string
		scanWords(s, nil, func(w []byte) { got = append(got, string(w)) })
		scanWordsRef(s, nil, func(w []byte) { want = append(want, string(w)) })
		if !slices.Equal(got, want) {
			t.Fatalf("%q: %q, want %q", s, got, want)
		}
	})
}
