package frontmatter

import (
	"errors"
	"fmt"
	"reflect"
	"strings"
	"testing"
)

func TestSplitFile(t *testing.T) {
	tests := []struct {
		name     string
		src      string
		format   Format
		head     string
		headLine int
		body     string
		bodyLine int
	}{
		{name: "yaml", src: "---\ntitle: A\n---\nBody\n", format: YAML, head: "title: A\n", headLine: 2, body: "Body\n", bodyLine: 4},
		{name: "yaml-dots", src: "---\ntitle: A\n...\nBody\n", format: YAML, head: "title: A\n", headLine: 2, body: "Body\n", bodyLine: 4},
		{name: "toml", src: "+++\ntitle = \"A\"\nweight = 2\n+++\n\nBody\n", format: TOML, head: "title = \"A\"\nweight = 2\n", headLine: 2, body: "\nBody\n", bodyLine: 5},
		{name: "none", src: "# Heading\n\nBody\n", format: NoFrontMatter, body: "# Heading\n\nBody\n", bodyLine: 1},
		{name: "empty-yaml", src: "---\n---\nBody\n", format: YAML, head: "", headLine: 2, body: "Body\n", bodyLine: 3},
		{name: "blank-yaml", src: "---\n\n---\nBody\n", format: YAML, head: "\n", headLine: 2, body: "Body\n", bodyLine: 4},
		{name: "empty-toml", src: "+++\n+++\n", format: TOML, head: "", headLine: 2, body: "", bodyLine: 3},
		{name: "no-body", src: "---\ntitle: A\n---", format: YAML, head: "title: A\n", headLine: 2, body: "", bodyLine: 4},
		{name: "trailing-blanks-on-delimiters", src: "--- \ntitle: A\n---\t\nBody", format: YAML, head: "title: A\n", headLine: 2, body: "Body", bodyLine: 4},
		// A thematic break later in the body is not front matter.
		{name: "rule-in-body", src: "Intro\n\n---\n\nMore\n", format: NoFrontMatter, body: "Intro\n\n---\n\nMore\n", bodyLine: 1},
		// "----" is not a delimiter.
		{name: "four-dashes", src: "----\ntext\n", format: NoFrontMatter, body: "----\ntext\n", bodyLine: 1},
		{name: "body-with-rule", src: "---\ntitle: A\n---\nOne\n\n---\n\nTwo\n", format: YAML, head: "title: A\n", headLine: 2, body: "One\n\n---\n\nTwo\n", bodyLine: 4},
		{name: "empty-file", src: "", format: NoFrontMatter, body: "", bodyLine: 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := SplitFile([]byte(tt.src))
			if err != nil {
				t.Fatal(err)
			}
			if s.Format != tt.format || string(s.Head) != tt.head || s.HeadLine != tt.headLine || string(s.Body) != tt.body || s.BodyLine != tt.bodyLine {
				t.Errorf("SplitFile(%q) = {%d %q line %d, body %q line %d}, want {%d %q line %d, body %q line %d}",
					tt.src, s.Format, s.Head, s.HeadLine, s.Body, s.BodyLine, tt.format, tt.head, tt.headLine, tt.body, tt.bodyLine)
			}
		})
	}
}

func TestSplitFileUnclosed(t *testing.T) {
	for _, src := range []string{"---\ntitle: A\n", "---", "+++\ntitle = 1\n---\n", "---\ntitle: A\n+++\nBody"} {
		t.Run(src, func(t *testing.T) {
			_, err := SplitFile([]byte(src))
			var se *SplitError
			if !errors.As(err, &se) {
				t.Fatalf("SplitFile(%q) error = %v, want a *SplitError", src, err)
			}
			want := fmt.Sprintf("front matter opened with %q is never closed", src[:3])
			if se.Line != 1 || se.Col != 1 || se.Msg != want {
				t.Errorf("got %d:%d: %s, want 1:1: %s", se.Line, se.Col, se.Msg, want)
			}
		})
	}
}

func decode(t *testing.T, src string) (*Value, error) {
	t.Helper()
	s, err := SplitFile([]byte(src))
	if err != nil {
		t.Fatal(err)
	}
	return Decode(s)
}

func TestDecodeValues(t *testing.T) {
	tests := []struct {
		name   string
		src    string
		native map[string]any
	}{
		{
			name: "yaml",
			src:  "---\ntitle: \"A: b\"\nweight: 3\ndraft: true\nratio: 1.5\nupdated: 2022-02-01\nmonth: 2022-02\nyear: 2022\nnothing:\naliases: [NATO, \"North Atlantic Treaty Organization\"]\nsources:\n  - title: T\n    url: https://example.org/\nextra:\n  nested: [1, 2]\n---\n",
			native: map[string]any{
				"title": "A: b", "weight": int64(3), "draft": true, "ratio": 1.5,
				"updated": "2022-02-01", "month": "2022-02", "year": int64(2022), "nothing": nil,
				"aliases": []any{"NATO", "North Atlantic Treaty Organization"},
				"sources": []any{map[string]any{"title": "T", "url": "https://example.org/"}},
				"extra":   map[string]any{"nested": []any{int64(1), int64(2)}},
			},
		},
		{
			name: "toml",
			src:  "+++\ntitle = \"A: b\"\nweight = 3\ndraft = true\nratio = 1.5\nupdated = 2022-02-01\nwhen = 2022-02-01T10:00:00Z\naliases = [\"NATO\"]\n[extra]\nnested = [1, 2]\n[[sources]]\ntitle = \"T\"\n+++\n",
			native: map[string]any{
				"title": "A: b", "weight": int64(3), "draft": true, "ratio": 1.5,
				"updated": "2022-02-01", "when": "2022-02-01T10:00:00Z",
				"aliases": []any{"NATO"},
				"extra":   map[string]any{"nested": []any{int64(1), int64(2)}},
				"sources": []any{map[string]any{"title": "T"}},
			},
		},
		{name: "none", src: "Just a body.\n", native: map[string]any{}},
		{name: "empty-yaml", src: "---\n---\nBody\n", native: map[string]any{}},
		{name: "blank-yaml", src: "---\n\n   \n---\nBody\n", native: map[string]any{}},
		{name: "comment-only-yaml", src: "---\n# nothing yet\n---\nBody\n", native: map[string]any{}},
		{name: "empty-toml", src: "+++\n+++\nBody\n", native: map[string]any{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v, err := decode(t, tt.src)
			if err != nil {
				t.Fatal(err)
			}
			if v.Kind != Map {
				t.Fatalf("Kind = %d, want Map", v.Kind)
			}
			if got := v.Native(); !reflect.DeepEqual(got, tt.native) {
				t.Errorf("Native() =\n%#v\nwant\n%#v", got, tt.native)
			}
		})
	}
}

func TestDecodeTags(t *testing.T) {
	for _, format := range []string{"yaml", "toml"} {
		src := "---\ns: \"x\"\ni: 3\nf: 1.5\nb: false\nd: 2022-01-05\nl: [a]\nm:\n  k: v\n---\n"
		if format == "toml" {
			src = "+++\ns = \"x\"\ni = 3\nf = 1.5\nb = false\nd = 2022-01-05\nl = [\"a\"]\n[m]\nk = \"v\"\n+++\n"
		}
		v, err := decode(t, src)
		if err != nil {
			t.Fatal(err)
		}
		tests := []struct {
			key      string
			kind     Kind
			tag      Tag
			raw      string
			describe string
		}{
			{"s", Scalar, Str, "x", `the string "x"`},
			{"i", Scalar, Int, "3", "a number"},
			{"f", Scalar, Float, "1.5", "a number"},
			{"b", Scalar, Bool, "false", "a boolean"},
			{"d", Scalar, Timestamp, "2022-01-05", "a date"},
			{"l", Seq, Str, "", "a list"},
			{"m", Map, Str, "", "a mapping"},
		}
		for _, tt := range tests {
			t.Run(format+"/"+tt.key, func(t *testing.T) {
				got := v.Get(tt.key)
				if got == nil {
					t.Fatalf("Get(%q) = nil", tt.key)
				}
				if got.Kind != tt.kind || (tt.kind == Scalar && (got.Tag != tt.tag || got.Raw != tt.raw)) {
					t.Errorf("Get(%q) = kind %d tag %d raw %q, want kind %d tag %d raw %q", tt.key, got.Kind, got.Tag, got.Raw, tt.kind, tt.tag, tt.raw)
				}
				if d := got.Describe(); d != tt.describe {
					t.Errorf("Describe() = %q, want %q", d, tt.describe)
				}
			})
		}
	}
	v, _ := decode(t, "---\nn: ~\n---\n")
	if got := v.Get("n"); got == nil || got.Tag != Null || got.Describe() != "empty" {
		t.Errorf("null value: %+v", got)
	}
	if v.Get("missing") != nil {
		t.Error("Get of a missing key must be nil")
	}
	var nilValue *Value
	if nilValue.Get("x") != nil {
		t.Error("Get on a nil Value must be nil")
	}
}

// TestDecodePositions checks that keys and values remember where they
// were written in the file, counting the opening delimiter line.
func TestDecodePositions(t *testing.T) {
	tests := []struct {
		name string
		src  string
		// key -> {key line, key col, value line, value col}
		want map[string][4]int
	}{
		{
			name: "yaml",
			src:  "---\ntitle: A\nweight:   \"x\"\nresponds_to:\n  - one\n  - two\n---\n",
			want: map[string][4]int{"title": {2, 1, 2, 8}, "weight": {3, 1, 3, 11}, "responds_to": {4, 1, 5, 3}},
		},
		{
			name: "toml",
			src:  "+++\ntitle = \"A\"\n  weight = \"x\"\n[extra]\nk = 1\n+++\n",
			want: map[string][4]int{"title": {2, 1, 2, 1}, "weight": {3, 3, 3, 3}, "extra": {4, 1, 4, 1}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v, err := decode(t, tt.src)
			if err != nil {
				t.Fatal(err)
			}
			if v.Line != 2 {
				t.Errorf("map Line = %d, want 2", v.Line)
			}
			for key, want := range tt.want {
				var k *Value
				for _, kk := range v.Keys {
					if kk.Raw == key {
						k = kk
					}
				}
				val := v.Get(key)
				if k == nil || val == nil {
					t.Fatalf("key %q not found", key)
				}
				if got := [4]int{k.Line, k.Col, val.Line, val.Col}; got != want {
					t.Errorf("%s: key at %d:%d, value at %d:%d; want %d:%d and %d:%d", key, got[0], got[1], got[2], got[3], want[0], want[1], want[2], want[3])
				}
			}
		})
	}
	// List items carry their own positions.
	v, _ := decode(t, "---\nresponds_to:\n  - one\n  - two\n---\n")
	items := v.Get("responds_to").Seq
	if len(items) != 2 || items[1].Line != 4 || items[1].Col != 5 {
		t.Errorf("second item at %d:%d, want 4:5", items[1].Line, items[1].Col)
	}
	// YAML keys keep their written order.
	v, _ = decode(t, "---\nz: 1\na: 2\nm: 3\n---\n")
	var order []string
	for _, k := range v.Keys {
		order = append(order, k.Raw)
	}
	if !reflect.DeepEqual(order, []string{"z", "a", "m"}) {
		t.Errorf("key order = %v", order)
	}
}

func TestDecodeErrors(t *testing.T) {
	tests := []struct {
		name      string
		src       string
		line, col int
		msg       string
	}{
		{"duplicate-key", "---\ntitle: x\ntitle: y\n---\n", 3, 1, `key "title" appears twice`},
		{"yaml-syntax", "---\ntitle: A\nsummary: [\n---\n", 3, 1, "invalid YAML front matter: did not find expected node content"},
		{"yaml-indent", "---\ntitle: x\n  bad: indent\n---\n", 3, 1, "invalid YAML front matter: mapping values are not allowed in this context"},
		{"yaml-alias", "---\na: &x 1\nb: *x\n---\n", 3, 4, "YAML aliases are not supported in front matter"},
		{"yaml-merge", "---\nbase: {a: 1}\nother:\n  <<: {a: 1}\n---\n", 4, 3, "YAML merge keys are not supported in front matter"},
		{"yaml-list", "---\n- a\n- b\n---\n", 2, 1, "front matter must be a mapping of keys to values, not a list"},
		{"yaml-scalar", "---\njust text\n---\n", 2, 1, "front matter must be a mapping of keys to values, not a single value"},
		{"yaml-complex-key", "---\n? [a, b]\n: 1\n---\n", 2, 3, "front matter keys must be plain names"},
		{"toml-syntax", "+++\ntitle = \"A\"\nweight = \n+++\n", 3, 10, "invalid TOML front matter: toml: unexpected character U+000A at start of value"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := decode(t, tt.src)
			var de *DecodeError
			if !errors.As(err, &de) {
				t.Fatalf("error = %v, want a *DecodeError", err)
			}
			if de.Line != tt.line || de.Col != tt.col || de.Msg != tt.msg {
				t.Errorf("got %d:%d: %s\nwant %d:%d: %s", de.Line, de.Col, de.Msg, tt.line, tt.col, tt.msg)
			}
			if de.Error() != de.Msg {
				t.Errorf("Error() = %q, want the message", de.Error())
			}
		})
	}
}

func TestDecodeDeepNesting(t *testing.T) {
	src := "---\na: "
	for range 100 {
		src += "["
	}
	for range 100 {
		src += "]"
	}
	src += "\n---\n"
	_, err := decode(t, src)
	var de *DecodeError
	if !errors.As(err, &de) || de.Msg != "front matter nested too deeply" {
		t.Fatalf("error = %v, want front matter nested too deeply", err)
	}
}

func FuzzSplitDecode(f *testing.F) {
	for _, s := range []string{
		"---\ntitle: A\n---\nBody\n",
		"+++\ntitle = \"A\"\n+++\nBody\n",
		"---\na: &x 1\nb: *x\n---\n",
		"---\nsources:\n  - title: T\n---\n",
		"no front matter",
		"---\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		s, err := SplitFile(src)
		if err != nil {
			return
		}
		if s.BodyLine < 1 || (s.Format != NoFrontMatter && s.HeadLine != 2) {
			t.Fatalf("bad lines: head %d body %d", s.HeadLine, s.BodyLine)
		}
		v, err := Decode(s)
		if err != nil {
			var de *DecodeError
			if !errors.As(err, &de) {
				t.Fatalf("error %v is not a *DecodeError", err)
			}
			if de.Line < 1 {
				t.Fatalf("error line %d", de.Line)
			}
			return
		}
		if v.Kind != Map {
			t.Fatalf("Decode returned kind %d, want a map", v.Kind)
		}
		if _, ok := v.Native().(map[string]any); !ok {
			t.Fatalf("Native() = %T", v.Native())
		}
	})
}

// TestHints holds the plain-word advice for the usual slips, and that a
// valid multi-line quoted value gets none.
func TestHints(t *testing.T) {
	tests := []struct {
		name, head string
		want       string // "" for the parser's words alone
	}{
		{"colon", "title: Income: a fee\n", `a value containing ": " must be quoted: write title: "Income: a fee"`},
		{"tab", "title: x\nsources:\n\t- title: y\n", "use spaces, not tabs, to indent"},
		{"quote", "title: \"Income\nsummary: x\n", "this quote is never closed (opened at line 2, column 8): end the value of title with \""},
		{"single-quote", "title: 'It''s\nsummary: x\n", "this quote is never closed (opened at line 2, column 8): end the value of title with '"},
		{"list", "title: x\naliases: [a, b\n", "this list is never closed (opened at line 3, column 10): end it with ]"},
		{"indent", "title: x\n  summary: y\n", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Decode(Split{Format: YAML, Head: []byte(tt.head), HeadLine: 2})
			if err == nil {
				t.Fatal("no error")
			}
			msg := err.(*DecodeError).Msg
			hint, parser, two := strings.Cut(msg, "\n\t(the YAML parser said: ")
			switch {
			case tt.want == "" && two:
				t.Errorf("hint given: %q", msg)
			case tt.want != "" && (!two || hint != "invalid YAML front matter: "+tt.want || !strings.HasSuffix(parser, ")")):
				t.Errorf("message %q, want hint %q and the parser's text", msg, tt.want)
			}
		})
	}
	if _, err := Decode(Split{Format: YAML, Head: []byte("title: \"two\n  lines\"\nsummary: x\n"), HeadLine: 2}); err != nil {
		t.Errorf("a quoted value over two lines: %v", err)
	}
}
