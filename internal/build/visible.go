package build

import (
	"fmt"
	"strings"
	"unicode"
)

// visible returns s for an error message with every character that would
// not show escaped as \uXXXX: a link to "[[\u200b]]" (a zero-width space)
// would otherwise print as an empty, baffling "[[]]". Format characters
// (category Cf: U+200B, U+FEFF, bidirectional marks) are escaped too.
func visible(s string) string {
	clean := true
	for _, r := range s {
		if hidden(r) {
			clean = false
			break
		}
	}
	if clean {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		switch {
		case !hidden(r):
			b.WriteRune(r)
		case r > 0xffff:
			fmt.Fprintf(&b, `\U%08x`, r)
		default:
			fmt.Fprintf(&b, `\u%04x`, r)
		}
	}
	return b.String()
}

func hidden(r rune) bool { return !unicode.IsPrint(r) || unicode.Is(unicode.Cf, r) }
