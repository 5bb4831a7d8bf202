package frontmatter

import (
	"bytes"
	"errors"
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/pelletier/go-toml/v2"
	"go.yaml.in/yaml/v3"
)

// DecodeError is a syntax error with a position relative to the file.
type DecodeError struct {
	Line, Col int
	Msg       string
}

func (e *DecodeError) Error() string { return e.Msg }

// Decode parses the front matter of s into a map Value with file positions.
// Empty front matter gives an empty map.
func Decode(s Split) (*Value, error) {
	switch s.Format {
	case YAML:
		return decodeYAML(s.Head, s.HeadLine)
	case TOML:
		return decodeTOML(s.Head, s.HeadLine)
	}
	return &Value{Kind: Map, Line: 1, Col: 1, native: map[string]any{}}, nil
}

var yamlLine = regexp.MustCompile(`^yaml: (?:line (\d+): )?(.*)$`)

func decodeYAML(head []byte, first int) (*Value, error) {
	if len(bytes.TrimSpace(head)) == 0 {
		return &Value{Kind: Map, Line: first, Col: 1, native: map[string]any{}}, nil
	}
	if v, ok := fastYAML(string(head), first); ok {
		return v, nil
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(head, &doc); err != nil {
		line, msg := 0, err.Error()
		var te *yaml.TypeError
		if errors.As(err, &te) && len(te.Errors) > 0 {
			msg = te.Errors[0]
		}
		if m := yamlLine.FindStringSubmatch(msg); m != nil {
			line, _ = strconv.Atoi(m[1])
			msg = m[2]
		}
		if line == 0 {
			line = 1
		}
		line, _ = newYAMLPos(head, first).at(line, 1)
		if h, ok := yamlHint(head, first, line, msg); ok {
			col := 1
			if h.line > 0 {
				line, col = h.line, h.col
			}
			return nil, &DecodeError{Line: line, Col: col, Msg: withParser("YAML", h.text, msg)}
		}
		return nil, &DecodeError{Line: line, Col: 1, Msg: "invalid YAML front matter: " + msg}
	}
	if len(doc.Content) == 0 {
		return &Value{Kind: Map, Line: first, Col: 1, native: map[string]any{}}, nil
	}
	root := doc.Content[0]
	pos := newYAMLPos(head, first)
	if root.Kind != yaml.MappingNode {
		line, col := pos.at(root.Line, root.Column)
		return nil, &DecodeError{Line: line, Col: col, Msg: "front matter must be a mapping of keys to values, not " + yamlShape(root)}
	}
	return fromYAML(root, pos, 0)
}

func yamlShape(n *yaml.Node) string {
	switch n.Kind {
	case yaml.SequenceNode:
		return "a list"
	case yaml.ScalarNode:
		return "a single value"
	}
	return "this"
}

func fromYAML(n *yaml.Node, pos *yamlPos, depth int) (*Value, error) {
	line, col := pos.at(n.Line, n.Column)
	if depth > 64 {
		return nil, &DecodeError{Line: line, Col: col, Msg: "front matter nested too deeply"}
	}
	v := &Value{Line: line, Col: col}
	switch n.Kind {
	case yaml.AliasNode:
		return nil, &DecodeError{Line: v.Line, Col: v.Col, Msg: "YAML aliases are not supported in front matter"}
	case yaml.DocumentNode:
		return fromYAML(n.Content[0], pos, depth)
	case yaml.SequenceNode:
		v.Kind = Seq
		list := make([]any, 0, len(n.Content))
		for _, c := range n.Content {
			cv, err := fromYAML(c, pos, depth+1)
			if err != nil {
				return nil, err
			}
			v.Seq = append(v.Seq, cv)
			list = append(list, cv.native)
		}
		v.native = list
	case yaml.MappingNode:
		v.Kind = Map
		m := make(map[string]any, len(n.Content)/2)
		for i := 0; i+1 < len(n.Content); i += 2 {
			kn := n.Content[i]
			kl, kc := pos.at(kn.Line, kn.Column)
			if kn.Kind != yaml.ScalarNode {
				return nil, &DecodeError{Line: kl, Col: kc, Msg: "front matter keys must be plain names"}
			}
			if kn.Value == "<<" {
				return nil, &DecodeError{Line: kl, Col: kc, Msg: "YAML merge keys are not supported in front matter"}
			}
			if _, dup := m[kn.Value]; dup {
				return nil, &DecodeError{Line: kl, Col: kc, Msg: fmt.Sprintf("key %q appears twice", kn.Value)}
			}
			k := &Value{Kind: Scalar, Raw: kn.Value, Line: kl, Col: kc, native: kn.Value}
			val, err := fromYAML(n.Content[i+1], pos, depth+1)
			if err != nil {
				return nil, err
			}
			v.Keys = append(v.Keys, k)
			v.Vals = append(v.Vals, val)
			m[kn.Value] = val.native
		}
		v.native = m
	case yaml.ScalarNode:
		v.Kind, v.Raw = Scalar, n.Value
		switch n.ShortTag() {
		case "!!int":
			v.Tag = Int
			i, err := strconv.ParseInt(strings.ReplaceAll(n.Value, "_", ""), 0, 64)
			if err != nil {
				v.Tag, v.native = Str, n.Value
			} else {
				v.native = i
			}
		case "!!float":
			v.Tag = Float
			f, err := strconv.ParseFloat(n.Value, 64)
			if err != nil {
				v.Tag, v.native = Str, n.Value
			} else {
				v.native = f
			}
		case "!!bool":
			v.Tag = Bool
			var b bool
			if err := n.Decode(&b); err != nil {
				v.Tag, v.native = Str, n.Value
			} else {
				v.native = b
			}
		case "!!null":
			v.Tag = Null
		case "!!timestamp":
			v.Tag, v.native = Timestamp, n.Value
		default:
			v.Tag, v.native = Str, n.Value
		}
	}
	return v, nil
}

func decodeTOML(head []byte, first int) (*Value, error) {
	var m map[string]any
	if err := toml.Unmarshal(head, &m); err != nil {
		line, col := 1, 1
		var de *toml.DecodeError
		if errors.As(err, &de) {
			line, col = de.Position()
		}
		if h, ok := tomlHint(head, first, first+line-1, err.Error()); ok {
			if h.line > 0 {
				line, col = h.line-first+1, h.col
			}
			return nil, &DecodeError{Line: first + line - 1, Col: col, Msg: withParser("TOML", h.text, err.Error())}
		}
		return nil, &DecodeError{Line: first + line - 1, Col: col, Msg: "invalid TOML front matter: " + err.Error()}
	}
	pos := tomlKeyLines(head)
	return fromTOML(m, pos, first, first, 1), nil
}

var tomlKey = regexp.MustCompile(`^(\s*)(?:\[\[?\s*)?["']?([A-Za-z0-9_-]+)["']?\s*(?:=|\]|\.)`)

// tomlKeyLines finds the line and column where each top-level key is
// written; go-toml does not expose positions of decoded values.
func tomlKeyLines(head []byte) map[string][2]int {
	pos := map[string][2]int{}
	for i, l := range strings.Split(string(head), "\n") {
		if m := tomlKey.FindStringSubmatch(l); m != nil {
			if _, ok := pos[m[2]]; !ok {
				pos[m[2]] = [2]int{i, len(m[1]) + 1}
			}
		}
	}
	return pos
}

func fromTOML(x any, pos map[string][2]int, first, line, col int) *Value {
	v := &Value{Line: line, Col: col}
	switch t := x.(type) {
	case map[string]any:
		v.Kind = Map
		keys := make([]string, 0, len(t))
		for k := range t {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		nat := make(map[string]any, len(t))
		for _, k := range keys {
			kl, kc := line, col
			if p, ok := pos[k]; ok && line == first {
				kl, kc = first+p[0], p[1]
			}
			v.Keys = append(v.Keys, &Value{Kind: Scalar, Raw: k, Line: kl, Col: kc, native: k})
			cv := fromTOML(t[k], nil, first, kl, kc)
			v.Vals = append(v.Vals, cv)
			nat[k] = cv.native
		}
		v.native = nat
	case []any:
		v.Kind = Seq
		for _, e := range t {
			v.Seq = append(v.Seq, fromTOML(e, nil, first, line, col))
		}
		v.native = natives(v.Seq)
	case []map[string]any:
		v.Kind = Seq
		for _, e := range t {
			v.Seq = append(v.Seq, fromTOML(e, nil, first, line, col))
		}
		v.native = natives(v.Seq)
	case string:
		v.Tag, v.Raw, v.native = Str, t, t
	case int64:
		v.Tag, v.Raw, v.native = Int, strconv.FormatInt(t, 10), t
	case float64:
		v.Tag, v.Raw, v.native = Float, strconv.FormatFloat(t, 'g', -1, 64), t
	case bool:
		v.Tag, v.Raw, v.native = Bool, strconv.FormatBool(t), t
	case toml.LocalDate:
		v.Tag, v.Raw = Timestamp, t.String()
		v.native = v.Raw
	case toml.LocalDateTime:
		v.Tag, v.Raw = Timestamp, t.String()
		v.native = v.Raw
	case time.Time:
		v.Tag, v.Raw = Timestamp, t.Format(time.RFC3339Nano)
		v.native = v.Raw
	case nil:
		v.Tag = Null
	default:
		v.Tag, v.Raw = Str, fmt.Sprint(t)
		v.native = v.Raw
	}
	return v
}

// yamlPos turns the YAML parser's positions into positions in the file.
// The parser breaks lines at \n, \r, \r\n, NEL, LS and PS and counts
// columns in characters; the file's lines end at \n only (the loader has
// made CR line ends LF) and columns count bytes, as everywhere else.
type yamlPos struct {
	head  []byte
	first int
	// starts are the byte offsets where the parser's lines begin, lines
	// the file line of each and lineStarts the offset where that file line
	// begins.
	starts, lines, lineStarts []int
	// The last position asked for, to go on from: the parser's nodes come
	// in order, so finding columns costs the length of the text once.
	lastLine, lastCol, lastOff int
}

func newYAMLPos(head []byte, first int) *yamlPos {
	p := &yamlPos{head: head, first: first, starts: []int{0}, lines: []int{first}, lineStarts: []int{0}}
	line, lineStart := first, 0
	for i := 0; i < len(head); {
		n := 0 // length of a line break at i
		switch c := head[i]; {
		case c == '\n':
			n = 1
		case c == '\r' && i+1 < len(head) && head[i+1] == '\n':
			n = 2
		case c == '\r':
			n = 1
		case c == 0xc2 && i+1 < len(head) && head[i+1] == 0x85:
			n = 2
		case c == 0xe2 && i+2 < len(head) && head[i+1] == 0x80 && (head[i+2] == 0xa8 || head[i+2] == 0xa9):
			n = 3
		default:
			i++
			continue
		}
		i += n
		if head[i-1] == '\n' {
			line, lineStart = line+1, i
		}
		p.starts, p.lines, p.lineStarts = append(p.starts, i), append(p.lines, line), append(p.lineStarts, lineStart)
	}
	return p
}

// at returns the file line and column of the parser's line and column.
func (p *yamlPos) at(line, col int) (int, int) {
	if line < 1 {
		line = 1
	}
	if line > len(p.starts) { // just past the end: the closing delimiter
		return p.lines[len(p.lines)-1] + line - len(p.starts), max(col, 1)
	}
	off, c := p.starts[line-1], 1
	if line == p.lastLine && col >= p.lastCol {
		off, c = p.lastOff, p.lastCol
	}
	end := len(p.head)
	if line < len(p.starts) {
		end = p.starts[line]
	}
	for ; c < col && off < end; c++ {
		_, size := utf8.DecodeRune(p.head[off:end])
		off += size
	}
	p.lastLine, p.lastCol, p.lastOff = line, c, off
	return p.lines[line-1], off - p.lineStarts[line-1] + 1 + (col - c)
}

// natives lists the plain Go values of a sequence's items.
func natives(seq []*Value) []any {
	list := make([]any, len(seq))
	for i, v := range seq {
		list[i] = v.native
	}
	return list
}
