// Package diag holds positioned errors: every problem a build finds is a
// value that prints as path:line:col: message, so a writer can jump to it
// and a build can report all of them at once instead of stopping at the first.
package diag

import (
	"cmp"
	"slices"
	"strconv"
	"strings"
)

// Error is one problem at one place in one file. Line and Col are 1-based;
// zero means unknown and is printed as 1 so editors can still jump.
type Error struct {
	Path string
	Line int
	Col  int
	Msg  string
	// Warning marks something a reader would notice but that does not
	// stop a build (an image without alt text); check --strict treats it
	// as an error.
	Warning bool
}

func (e *Error) Error() string {
	line, col := max(e.Line, 1), max(e.Col, 1)
	var b strings.Builder
	b.Grow(len(e.Path) + len(e.Msg) + 16)
	b.WriteString(e.Path)
	b.WriteByte(':')
	b.WriteString(strconv.Itoa(line))
	b.WriteByte(':')
	b.WriteString(strconv.Itoa(col))
	b.WriteString(": ")
	if e.Warning {
		b.WriteString("warning: ")
	}
	b.WriteString(e.Msg)
	return b.String()
}

// List collects errors from many places; its zero value is ready to use.
// It is not safe for concurrent use: collect per worker and Merge.
type List []*Error

// Add records a problem.
func (l *List) Add(path string, line, col int, msg string) {
	*l = append(*l, &Error{Path: path, Line: line, Col: col, Msg: msg})
}

// Warn records a warning.
func (l *List) Warn(path string, line, col int, msg string) {
	*l = append(*l, &Error{Path: path, Line: line, Col: col, Msg: msg, Warning: true})
}

// Errors counts the entries that are errors, not warnings.
func (l List) Errors() int {
	n := 0
	for _, e := range l {
		if !e.Warning {
			n++
		}
	}
	return n
}

// Merge appends all of o.
func (l *List) Merge(o List) { *l = append(*l, o...) }

// Sort returns the errors ordered by path, line, column and message, and
// the warnings after them in the same order, without exact duplicates, so
// output is stable whatever order workers finished in. l itself is left as
// it was.
func (l List) Sort() List {
	l = slices.Clone(l) // compacting in place would leave nils in the caller's list
	slices.SortFunc(l, func(a, b *Error) int {
		return cmp.Or(
			compareBool(a.Warning, b.Warning),
			cmp.Compare(a.Path, b.Path),
			cmp.Compare(a.Line, b.Line),
			cmp.Compare(a.Col, b.Col),
			cmp.Compare(a.Msg, b.Msg),
		)
	})
	return slices.CompactFunc(l, func(a, b *Error) bool { return *a == *b })
}

// Err returns l as an error, or nil when it is empty.
func (l List) Err() error {
	if len(l) == 0 {
		return nil
	}
	return l
}

func (l List) Error() string {
	var b strings.Builder
	for i, e := range l {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(e.Error())
	}
	return b.String()
}

// Position converts a byte offset into src to a 1-based line and column
// (the column counts bytes, as the Go toolchain does).
func Position(src []byte, off int) (line, col int) {
	if off > len(src) {
		off = len(src)
	}
	line = 1
	start := 0
	for i := 0; i < off; i++ {
		if src[i] == '\n' {
			line++
			start = i + 1
		}
	}
	return line, off - start + 1
}

func compareBool(a, b bool) int {
	switch {
	case a == b:
		return 0
	case a:
		return 1
	}
	return -1
}
