// Package frontmatter splits a content file into its front matter and body
// and decodes YAML (---) or TOML (+++) front matter into a Value tree that
// remembers where each key and value stood, so later checks can point at the
// exact line and column of a bad value.
package frontmatter

import (
	"bytes"
	"fmt"
)

// Format names the front-matter language.
type Format uint8

const (
	NoFrontMatter Format = iota
	YAML
	TOML
)

// Split is the result of splitting a file.
type Split struct {
	Format Format
	// Head is the front matter text without its delimiter lines.
	Head []byte
	// HeadLine is the 1-based line in the file where Head begins.
	HeadLine int
	// Body is the Markdown after the closing delimiter.
	Body []byte
	// BodyLine is the 1-based line in the file where Body begins.
	BodyLine int
}

// SplitError reports an unterminated front matter block.
type SplitError struct {
	Line, Col int
	Msg       string
}

func (e *SplitError) Error() string { return e.Msg }

// SplitFile separates front matter from body. The input must already have
// its byte-order mark removed and CRLF line endings normalised to LF.
func SplitFile(src []byte) (Split, error) {
	var delim []byte
	var f Format
	switch {
	case hasDelimLine(src, "---"):
		delim, f = []byte("---"), YAML
	case hasDelimLine(src, "+++"):
		delim, f = []byte("+++"), TOML
	default:
		return Split{Body: src, BodyLine: 1}, nil
	}
	// Skip the opening line.
	rest := src[bytes.IndexByte(src, '\n')+1:]
	if bytes.IndexByte(src, '\n') < 0 {
		rest = nil
	}
	line := 2
	for pos := 0; pos <= len(rest); {
		end := bytes.IndexByte(rest[pos:], '\n')
		var l []byte
		next := len(rest) + 1
		if end >= 0 {
			l = rest[pos : pos+end]
			next = pos + end + 1
		} else {
			l = rest[pos:]
		}
		t := bytes.TrimRight(l, " \t")
		if bytes.Equal(t, delim) || (f == YAML && bytes.Equal(t, []byte("..."))) {
			s := Split{Format: f, Head: rest[:pos], HeadLine: 2, BodyLine: line + 1}
			if next <= len(rest) {
				s.Body = rest[next:]
			}
			return s, nil
		}
		if end < 0 {
			break
		}
		pos = next
		line++
	}
	return Split{}, &SplitError{Line: 1, Col: 1, Msg: fmt.Sprintf("front matter opened with %q is never closed", delim)}
}

func hasDelimLine(src []byte, d string) bool {
	if !bytes.HasPrefix(src, []byte(d)) {
		return false
	}
	rest := bytes.TrimLeft(src[len(d):], " \t")
	return len(rest) == 0 || rest[0] == '\n'
}
