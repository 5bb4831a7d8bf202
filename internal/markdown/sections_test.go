package markdown

import (
	"reflect"
	"testing"
)

func TestSections(t *testing.T) {
	e := New(false)
	d := e.Parse([]byte("# Title\n\n## The *first* `one`\n\ntext\n\n### Deeper\n\n## The other side's reply\n\n## [[nato|The alliance]] and [[osce]]\n"), "", nil)
	want := []Section{{"the-first-one", "The first one"}, {"the-other-sides-reply", "The other side’s reply"}, {"natothe-alliance-and-osce", "The alliance and osce"}}
	if !reflect.DeepEqual(d.Sections, want) {
		t.Errorf("sections %q, want %q", d.Sections, want)
	}
}
