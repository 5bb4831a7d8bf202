package frontmatter

import (
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/counterpoint-ssg/counterpoint/internal/benchsite"
	"go.yaml.in/yaml/v3"
)

// fullYAML decodes with the general parser only.
func fullYAML(head string, first int) (*Value, error) {
	var doc yaml.Node
	if err := yaml.Unmarshal([]byte(head), &doc); err != nil {
		return nil, err
	}
	if len(doc.Content) == 0 || doc.Content[0].Kind != yaml.MappingNode {
		return nil, nil
	}
	return fromYAML(doc.Content[0], newYAMLPos([]byte(head), first), 0)
}

// sameValue compares two trees field by field, positions included.
func sameValue(t *testing.T, where string, a, b *Value) {
	t.Helper()
	if a.Kind != b.Kind || a.Tag != b.Tag || a.Raw != b.Raw || a.Line != b.Line || a.Col != b.Col {
		t.Fatalf("%s: fast %+v, full %+v", where, *a, *b)
	}
	if !reflect.DeepEqual(a.native, b.native) {
		t.Fatalf("%s: native fast %#v, full %#v", where, a.native, b.native)
	}
	if len(a.Seq) != len(b.Seq) || len(a.Keys) != len(b.Keys) {
		t.Fatalf("%s: shape differs", where)
	}
	for i := range a.Seq {
		sameValue(t, where+"/seq", a.Seq[i], b.Seq[i])
	}
	for i := range a.Keys {
		sameValue(t, where+"/key", a.Keys[i], b.Keys[i])
		sameValue(t, where+"/"+a.Keys[i].Raw, a.Vals[i], b.Vals[i])
	}
}

// checkFast asserts that whenever the fast decoder accepts input, it
// agrees exactly with the full parser.
func checkFast(t *testing.T, head string) bool {
	t.Helper()
	fast, ok := fastYAML(head, 2)
	if !ok {
		return false
	}
	full, err := fullYAML(head, 2)
	if err != nil || full == nil {
		t.Fatalf("fast path accepted what the full parser rejects (%v):\n%s", err, head)
	}
	sameValue(t, "root", fast, full)
	return true
}

func TestFastYAMLAgreesWithFullParser(t *testing.T) {
	cases := []string{
		"title: x\n",
		"title: NATO\nsummary: A plain sentence, with commas.\nweight: 3\ndraft: false\n",
		"title: \"Quoted: with colon\"\nshort: 'it''s'\n",
		"date: 2021-12-15\nupdated: 2022-02-02\n",
		"date: 1990-03\nend: 2015-1\n",
		"aliases: [NATO, North Atlantic Treaty Organization]\n",
		"responds_to:\n  - a\n  - b\nrelated:\n- c\n",
		"sources:\n  - title: Article\n    publisher: Newsweek\n    date: 2022-02-01\n    url: https://example.org/x\n  - title: Other\n",
		"# comment\ntitle: x\n\n# another\nweight: -4\n",
		"title: Yes\nflag: on\nx: y\nn: 0\nbig: 123456789012345678\n",
		"title: a#b\nurl: http://example.org/a\n",
		"list: []\n",
		"title: ~\n", "title: null\n", "t: TRUE\nf: False\n",
		"summary: >-\n  A long line, \"quoted\": folded\n  into one.\nweight: 2\n",
		"s: >-\n  # not a comment\n  b\n# a comment\nt: x\n",
		"sources:\n  - title: T\n    excerpt: >-\n      First line: with colon\n      second # not a comment\n  - title: U\n    excerpt: >-\n        deeper\n\nweight: 1\n",
	}
	for _, c := range cases {
		if !checkFast(t, c) {
			t.Errorf("fast path declined a simple case:\n%s", c)
		}
	}
	declined := []string{
		"title: x # comment\n", "title: |\n  block\n", "a: &x 1\nb: *x\n", "weight: 007\n",
		"weight: 1_000\n", "x: 0x10\n", "d: 2022-2-1\n", "d: 2022-13\n", "d: 0000-00\n", "d: 2022-123\n", "d: 12345-1\n", "f: 1.5\n", "title:\n", "a: {b: c}\n",
		"title: foo\n  continued\n", "key: \"esc \\\" aped\"\n", "a: 1\na: 2\n", "- a\n- b\n", "t: 12:30\n",
		"sources:\n  - title: a\n    nested:\n      - x\n", "d: 2022-02-01T10:00:00Z\n", "x: !!str 3\n",
		"s: >-\n  a\n\n  b\n", "s: >-\n  a\n    b\n", "s: >-\n  a \n  b\n", "s: >-\nt: x\n", "s: >-\n  a\n b\n", "s: >\n  a\n",
		"l:\n  - t: x\n    e: >-\n    a\n", "s: >-\n\ta\n",
	}
	for _, c := range declined {
		checkFast(t, c) // may decline; must agree if it accepts
	}
}

// TestFastYAMLOnRealFrontMatter runs both decoders over the repository's
// content and a generated site.
func TestFastYAMLOnRealFrontMatter(t *testing.T) {
	var heads []string
	root := filepath.Join("..", "..", "content")
	filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err == nil && strings.HasSuffix(p, ".md") {
			if b, err := os.ReadFile(p); err == nil {
				if sp, err := SplitFile(b); err == nil && sp.Format == YAML {
					heads = append(heads, string(sp.Head))
				}
			}
		}
		return nil
	})
	for p, f := range benchsite.Generate(200) {
		if strings.HasSuffix(p, ".md") {
			if sp, err := SplitFile(f.Data); err == nil {
				heads = append(heads, string(sp.Head))
			}
		}
	}
	fast := 0
	for _, h := range heads {
		if checkFast(t, h) {
			fast++
		}
	}
	if fast < len(heads)*9/10 {
		t.Errorf("fast path took only %d of %d real front matters", fast, len(heads))
	}
}

func FuzzFastYAML(f *testing.F) {
	for _, s := range []string{"title: x\n", "s: >-\n  a b\n  c\n", "l:\n  - e: >-\n      a\n      b\n", "a: [b, c]\n", "s:\n  - t: x\n    u: y\n", "d: 2021-12-15\nw: 3\n", "d: 1990-03\n", "q: 'a''b'\n", "x: \"y\"\n"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, head string) {
		checkFast(t, head)
	})
}
