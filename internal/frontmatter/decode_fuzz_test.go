package frontmatter

import (
	"errors"
	"strings"
	"testing"
)

// checkTree requires every node of a decoded tree to have a position
// inside the front matter (lines first..last, columns from 1), map keys
// and values in step, and Native to hold the same shape.
func checkTree(t *testing.T, v *Value, first, last int) {
	t.Helper()
	if v.Line < first || v.Line > last || v.Col < 1 {
		t.Fatalf("node %+v at %d:%d, outside lines %d-%d", *v, v.Line, v.Col, first, last)
	}
	switch v.Kind {
	case Map:
		m, ok := v.Native().(map[string]any)
		if !ok || len(v.Keys) != len(v.Vals) || len(m) != len(v.Keys) {
			t.Fatalf("map with %d keys, %d values, native %T of %d", len(v.Keys), len(v.Vals), v.Native(), len(m))
		}
		for i, k := range v.Keys {
			if k.Kind != Scalar {
				t.Fatalf("key %+v is not a scalar", *k)
			}
			if _, ok := m[k.Raw]; !ok {
				t.Fatalf("key %q missing from native map", k.Raw)
			}
			checkTree(t, k, first, last)
			checkTree(t, v.Vals[i], first, last)
		}
	case Seq:
		if l, ok := v.Native().([]any); !ok || len(l) != len(v.Seq) {
			t.Fatalf("list of %d, native %T", len(v.Seq), v.Native())
		}
		for _, e := range v.Seq {
			checkTree(t, e, first, last)
		}
	default:
		if v.Seq != nil || v.Keys != nil {
			t.Fatalf("scalar with children: %+v", *v)
		}
	}
}

// fuzzDecode decodes head as front matter of the given format starting
// on line 2, as SplitFile gives it (ending with a line break, before the
// closing delimiter), and checks the result or the error. Positions may
// be on the closing delimiter's line (YAML puts a value left empty at the
// end there), never after it.
func fuzzDecode(t *testing.T, f Format, head string) {
	if head != "" && !strings.HasSuffix(head, "\n") {
		head += "\n"
	}
	v, err := Decode(Split{Format: f, Head: []byte(head), HeadLine: 2, BodyLine: 3})
	last := 2 + strings.Count(head, "\n")
	if err != nil {
		var de *DecodeError
		if !errors.As(err, &de) {
			t.Fatalf("error %v is %T, not a *DecodeError", err, err)
		}
		if de.Line < 2 || de.Line > last || de.Col < 1 || de.Msg == "" {
			t.Fatalf("error at %d:%d (front matter is lines 2-%d): %q", de.Line, de.Col, last, de.Msg)
		}
		return
	}
	if v.Kind != Map {
		t.Fatalf("decoded a %d, not a map", v.Kind)
	}
	checkTree(t, v, 2, last)
}

func FuzzDecodeTOML(f *testing.F) {
	for _, s := range []string{
		"title = \"X\"\nweight = 3\n",
		"title = 'X'\naliases = [\"a\", \"b\"]\ndraft = true\n",
		"date = 2022-02-01\nupdated = 2022-02-01T10:00:00Z\n",
		"[[sources]]\ntitle = \"S\"\nurl = \"https://example.org/\"\n[[sources]]\ntitle = \"T\"\n",
		"[params]\nx.y = 1\n",
		"title = \n",
		"a = 1\na = 2\n",
		"x = [[1, 2], [\"a\"]]\ninf = inf\nnan = nan\n",
		"\"quoted key\" = 1\n'lit' = 2\n",
		"t = { a = 1, b = [1] }\n",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, head string) { fuzzDecode(t, TOML, head) })
}

func FuzzDecodeYAML(f *testing.F) {
	for _, s := range []string{
		"title: X\nweight: 3\n",
		"aliases: [a, b]\nsources:\n  - title: S\n    url: https://example.org/\n",
		"title: &a X\nsummary: *a\n",
		"<<: {a: 1}\n",
		"- a\n- b\n",
		"just a string\n",
		"a: [[[[[[1]]]]]]\n",
		"? complex\n: key\n",
		"title: |\n  block\n  text\n",
		"a: 1\na: 2\n",
		"date: 2022-02-01\nt: 2022-02-01T10:00:00Z\nf: .inf\nn: ~\nb: yes\n",
		"%YAML 1.2\n---\ntitle: X\n",
		"!!binary aGVsbG8=\n",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, head string) { fuzzDecode(t, YAML, head) })
}
