package frontmatter

import (
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// fastYAML decodes the plain YAML that front matter nearly always is —
// "key: value" lines, block lists of scalars or of flat mappings, [a, b]
// lists, plain and simply quoted strings — several times faster than a
// general YAML parser. It gives exactly the Value the full parser would
// (a differential test and fuzz target hold it to that) and reports ok ==
// false for anything outside that subset, which then goes to the full
// parser.
func fastYAML(head string, first int) (*Value, bool) {
	if !printable(head) {
		return nil, false
	}
	p := &fastParser{lines: strings.Split(head, "\n"), first: first}
	return p.document()
}

type fastParser struct {
	lines []string
	first int
	i     int // current line index
}

func (p *fastParser) document() (*Value, bool) {
	root := &Value{Kind: Map}
	nat := map[string]any{}
	for p.skipBlank(); p.i < len(p.lines); p.skipBlank() {
		line := p.lines[p.i]
		if line[0] == ' ' || line[0] == '-' {
			return nil, false
		}
		key, rest, ok := splitKey(line)
		if !ok {
			return nil, false
		}
		if _, dup := nat[key]; dup {
			return nil, false
		}
		k := &Value{Kind: Scalar, Raw: key, Line: p.first + p.i, Col: 1, native: key}
		if len(root.Keys) == 0 {
			root.Line, root.Col = k.Line, 1
		}
		v, ok := p.value(rest, len(key)+2, 0)
		if !ok {
			return nil, false
		}
		root.Keys = append(root.Keys, k)
		root.Vals = append(root.Vals, v)
		nat[key] = v.native
	}
	if len(root.Keys) == 0 {
		return nil, false
	}
	root.native = nat
	return root, true
}

// value decodes what follows "key:" on the current line (rest, starting at
// 1-based column col), possibly continuing with an indented block list.
// indent is the key's own indentation.
func (p *fastParser) value(rest string, col, indent int) (*Value, bool) {
	line := p.first + p.i
	trimmed := strings.TrimLeft(rest, " ")
	col += len(rest) - len(trimmed)
	trimmed = strings.TrimRight(trimmed, " ")
	p.i++
	if trimmed == "" {
		if indent == 0 && p.nextIsItem(indent) {
			return p.blockSeq()
		}
		return nil, false // an empty value: leave nulls to the full parser
	}
	if trimmed[0] == '[' {
		return flowSeq(trimmed, line, col)
	}
	if trimmed == ">-" {
		return p.folded(indent, line, col)
	}
	return scalar(trimmed, line, col)
}

// folded decodes the lines of a ">-" block scalar, the usual way to write a
// long quotation in front matter, in its simplest form: one or more lines
// at one indentation deeper than the parent's, no blank or more-indented
// line and no trailing space, which fold into one line joined by spaces.
// p.i is the first line after the indicator, written at line:col.
func (p *fastParser) folded(parent, line, col int) (*Value, bool) {
	ind := -1
	var words []string
	for ; p.i < len(p.lines); p.i++ {
		l := p.lines[p.i]
		if l == "" {
			break
		}
		s := strings.TrimLeft(l, " ")
		n := len(l) - len(s)
		if s == "" {
			return nil, false // spaces only: content or not, by rules left to the full parser
		}
		if ind < 0 {
			ind = n
		}
		if n < ind {
			break
		}
		if n > ind || ind <= parent || strings.HasSuffix(s, " ") || strings.ContainsRune(s, '\t') {
			return nil, false
		}
		words = append(words, s)
	}
	if len(words) == 0 {
		return nil, false
	}
	// An empty line ends the block only when what follows is less indented.
	for j := p.i; j < len(p.lines); j++ {
		if l := p.lines[j]; l != "" {
			if s := strings.TrimLeft(l, " "); s == "" || len(l)-len(s) >= ind {
				return nil, false
			}
			break
		}
	}
	text := strings.Join(words, " ")
	return &Value{Kind: Scalar, Tag: Str, Raw: text, Line: line, Col: col, native: text}, true
}

// nextIsItem reports whether the next non-blank line starts a block list
// item at an indentation the full parser would attach to the key.
func (p *fastParser) nextIsItem(indent int) bool {
	for j := p.i; j < len(p.lines); j++ {
		l := p.lines[j]
		if isBlank(l) {
			continue
		}
		s := strings.TrimLeft(l, " ")
		return len(l)-len(s) >= indent && (s == "-" || strings.HasPrefix(s, "- "))
	}
	return false
}

func (p *fastParser) blockSeq() (*Value, bool) {
	seq := &Value{Kind: Seq}
	var list []any
	dash := -1
	for p.skipBlank(); p.i < len(p.lines); p.skipBlank() {
		l := p.lines[p.i]
		s := strings.TrimLeft(l, " ")
		ind := len(l) - len(s)
		if !strings.HasPrefix(s, "- ") {
			if ind == 0 {
				break // the next top-level key
			}
			return nil, false
		}
		if dash < 0 {
			dash = ind
			seq.Line, seq.Col = p.first+p.i, ind+1
		} else if ind != dash {
			return nil, false
		}
		item := s[2:]
		itemCol := ind + 3
		lead := len(item) - len(strings.TrimLeft(item, " "))
		item = item[lead:]
		itemCol += lead
		var v *Value
		var ok bool
		if key, rest, isMap := splitKey(item); isMap {
			v, ok = p.flatMap(key, rest, itemCol)
		} else {
			v, ok = scalar(strings.TrimRight(item, " "), p.first+p.i, itemCol)
			p.i++
		}
		if !ok {
			return nil, false
		}
		seq.Seq = append(seq.Seq, v)
		list = append(list, v.native)
	}
	if dash < 0 {
		return nil, false
	}
	seq.native = list
	return seq, true
}

// flatMap decodes "- key: value" and the "  key: value" lines under it.
func (p *fastParser) flatMap(key, rest string, col int) (*Value, bool) {
	m := &Value{Kind: Map, Line: p.first + p.i, Col: col}
	nat := map[string]any{}
	add := func(key, rest string, keyCol int) bool {
		if _, dup := nat[key]; dup {
			return false
		}
		k := &Value{Kind: Scalar, Raw: key, Line: p.first + p.i, Col: keyCol, native: key}
		r := strings.TrimRight(rest, " ")
		lead := len(r) - len(strings.TrimLeft(r, " "))
		if strings.TrimSpace(r) == "" || strings.HasPrefix(strings.TrimSpace(r), "[") {
			return false
		}
		var v *Value
		var ok bool
		if r[lead:] == ">-" {
			line := p.first + p.i
			p.i++
			v, ok = p.folded(col-1, line, keyCol+len(key)+1+lead)
		} else {
			v, ok = scalar(r[lead:], p.first+p.i, keyCol+len(key)+1+lead)
			p.i++
		}
		if !ok {
			return false
		}
		m.Keys = append(m.Keys, k)
		m.Vals = append(m.Vals, v)
		nat[key] = v.native
		return true
	}
	if !add(key, rest, col) {
		return nil, false
	}
	for p.skipBlank(); p.i < len(p.lines); p.skipBlank() {
		l := p.lines[p.i]
		s := strings.TrimLeft(l, " ")
		if len(l)-len(s) != col-1 {
			break
		}
		k, r, ok := splitKey(s)
		if !ok || !add(k, r, col) {
			return nil, false
		}
	}
	m.native = nat
	return m, true
}

// flowSeq decodes a one-line "[a, b]" list of plain words.
func flowSeq(s string, line, col int) (*Value, bool) {
	if !strings.HasSuffix(s, "]") {
		return nil, false
	}
	seq := &Value{Kind: Seq, Line: line, Col: col}
	inner := s[1 : len(s)-1]
	list := []any{}
	if strings.TrimSpace(inner) != "" {
		off := 1
		for _, part := range strings.Split(inner, ",") {
			lead := len(part) - len(strings.TrimLeft(part, " "))
			w := strings.TrimSpace(part)
			// Only plain ASCII words: flow context has rules of its own
			// ("?", ":" and more), which are left to the full parser.
			if w == "" || !plainFlowWord(w) {
				return nil, false
			}
			v, ok := scalar(w, line, col+off+lead)
			if !ok || v.Tag != Str {
				return nil, false
			}
			seq.Seq = append(seq.Seq, v)
			list = append(list, v.native)
			off += len(part) + 1
		}
	}
	seq.native = list
	return seq, true
}

// scalar decodes one single-line scalar written at line:col.
func scalar(s string, line, col int) (*Value, bool) {
	if s == "" {
		return nil, false
	}
	v := &Value{Kind: Scalar, Line: line, Col: col}
	switch s[0] {
	case '"':
		body, ok := strings.CutSuffix(s[1:], `"`)
		if !ok || strings.ContainsAny(body, "\"\\") {
			return nil, false
		}
		v.Tag, v.Raw, v.native = Str, body, body
		return v, true
	case '\'':
		body, ok := strings.CutSuffix(s[1:], "'")
		if !ok {
			return nil, false
		}
		if strings.Contains(strings.ReplaceAll(body, "''", ""), "'") {
			return nil, false
		}
		body = strings.ReplaceAll(body, "''", "'")
		v.Tag, v.Raw, v.native = Str, body, body
		return v, true
	}
	if strings.ContainsRune(",[]{}#&*!|>%@`", rune(s[0])) {
		return nil, false
	}
	if strings.ContainsRune("-?:", rune(s[0])) && (len(s) == 1 || s[1] == ' ') {
		return nil, false
	}
	if strings.Contains(s, ": ") || strings.Contains(s, " #") || strings.HasSuffix(s, ":") || strings.ContainsRune(s, '\t') {
		return nil, false
	}
	v.Raw = s
	switch s {
	case "~", "null", "Null", "NULL":
		v.Tag = Null
		return v, true
	case "true", "True", "TRUE":
		v.Tag, v.native = Bool, true
		return v, true
	case "false", "False", "FALSE":
		v.Tag, v.native = Bool, false
		return v, true
	case "-":
		return nil, false
	}
	c := s[0]
	if c >= '0' && c <= '9' || c == '+' || c == '.' || c == '-' {
		if isPlainInt(s) {
			n, err := strconv.ParseInt(s, 10, 64)
			if err != nil {
				return nil, false
			}
			v.Tag, v.native = Int, n
			return v, true
		}
		if isFullDate(s) {
			v.Tag, v.native = Timestamp, s
			return v, true
		}
		if isYearMonth(s) { // a partial date, common in front matter
			v.Tag, v.native = Str, s
			return v, true
		}
		// Other numbers, dates and times follow rules left to the full parser.
		return nil, false
	}
	switch strings.ToLower(s) {
	case ".inf", ".nan", "-.inf", "+.inf":
		return nil, false
	}
	v.Tag, v.native = Str, s
	return v, true
}

// plainFlowWord reports whether a [a, b] list item is letters, digits,
// inner spaces and - . _ / only, starting with a letter or digit.
func plainFlowWord(w string) bool {
	for i := 0; i < len(w); i++ {
		c := w[i]
		switch {
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c >= '0' && c <= '9':
		case i > 0 && (c == ' ' || c == '-' || c == '.' || c == '_' || c == '/'):
		default:
			return false
		}
	}
	return true
}

func isPlainInt(s string) bool {
	if s[0] == '-' {
		s = s[1:]
	}
	if s == "0" {
		return true
	}
	if s == "" || s[0] < '1' || s[0] > '9' || len(s) > 18 {
		return false
	}
	for i := 1; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

func isFullDate(s string) bool {
	if len(s) != 10 || s[4] != '-' || s[7] != '-' {
		return false
	}
	for i, c := range []byte(s) {
		if i != 4 && i != 7 && (c < '0' || c > '9') {
			return false
		}
	}
	// YAML calls it a timestamp only when it is a real calendar date.
	_, err := time.Parse("2006-01-02", s)
	return err == nil
}

// isYearMonth reports whether s is "2006-01" or "2006-1": no YAML number
// and, lacking a day, no timestamp, so a string.
func isYearMonth(s string) bool {
	if len(s) < 6 || len(s) > 7 || s[4] != '-' {
		return false
	}
	for i, c := range []byte(s) {
		if i != 4 && (c < '0' || c > '9') {
			return false
		}
	}
	return true
}

// splitKey splits "key: rest" (or "key:") for a plain key.
func splitKey(line string) (key, rest string, ok bool) {
	i := strings.IndexByte(line, ':')
	if i <= 0 || i > 128 { // long keys go to the full parser, which limits them
		return "", "", false
	}
	key = line[:i]
	for j := 0; j < len(key); j++ {
		c := key[j]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' || j > 0 && (c >= '0' && c <= '9' || c == '-')) {
			return "", "", false
		}
	}
	rest = line[i+1:]
	if rest != "" && rest[0] != ' ' {
		return "", "", false
	}
	return key, rest, true
}

// printable reports whether s holds only characters YAML accepts as they
// are (and no tabs, whose rules differ), leaving the rest to the full parser.
func printable(s string) bool {
	for _, r := range s {
		switch {
		case r == '\n':
		case r < 0x20 || r == 0x7f:
			return false
		case r >= 0x80 && r <= 0x9f, r == utf8.RuneError, r == 0xfeff, r == 0xfffe, r == 0xffff,
			r == 0x2028, r == 0x2029: // line and paragraph separators break YAML lines
			return false
		}
	}
	return true
}

func (p *fastParser) skipBlank() {
	for p.i < len(p.lines) && isBlank(p.lines[p.i]) {
		p.i++
	}
}

func isBlank(l string) bool {
	s := strings.TrimLeft(l, " ")
	return s == "" || s[0] == '#'
}
