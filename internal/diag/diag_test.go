package diag

import (
	"reflect"
	"testing"
)

func TestError(t *testing.T) {
	tests := []struct {
		e    Error
		want string
	}{
		{Error{Path: "content/a.md", Line: 3, Col: 7, Msg: "bad"}, "content/a.md:3:7: bad"},
		{Error{Path: "content/a.md", Msg: "unknown place"}, "content/a.md:1:1: unknown place"},
	}
	for _, tt := range tests {
		if got := tt.e.Error(); got != tt.want {
			t.Errorf("Error() = %q, want %q", got, tt.want)
		}
	}
}

func TestListSort(t *testing.T) {
	var l List
	l.Add("b.md", 1, 1, "x")
	l.Add("a.md", 10, 1, "y")
	l.Add("a.md", 2, 5, "z")
	l.Add("a.md", 2, 5, "a")
	var other List
	other.Add("a.md", 2, 5, "z") // an exact duplicate is dropped
	other.Add("a.md", 2, 1, "w")
	l.Merge(other)
	var got []string
	for _, e := range l.Sort() {
		got = append(got, e.Error())
	}
	want := []string{"a.md:2:1: w", "a.md:2:5: a", "a.md:2:5: z", "a.md:10:1: y", "b.md:1:1: x"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("sorted = %q, want %q", got, want)
	}
	if l.Sort().Error() != "a.md:2:1: w\na.md:2:5: a\na.md:2:5: z\na.md:10:1: y\nb.md:1:1: x" {
		t.Errorf("List.Error() = %q", l.Sort().Error())
	}
	if (List{}).Err() != nil || l.Err() == nil {
		t.Error("Err must be nil exactly when the list is empty")
	}
}

func TestPosition(t *testing.T) {
	src := []byte("ab\ncd\n\néf")
	tests := []struct{ off, line, col int }{
		{0, 1, 1}, {1, 1, 2}, {2, 1, 3}, {3, 2, 1}, {4, 2, 2}, {6, 3, 1}, {7, 4, 1}, {9, 4, 3}, {100, 4, 4},
	}
	for _, tt := range tests {
		if l, c := Position(src, tt.off); l != tt.line || c != tt.col {
			t.Errorf("Position(%d) = %d:%d, want %d:%d", tt.off, l, c, tt.line, tt.col)
		}
	}
}

// TestWarnings holds that warnings print as such and sort after every
// error, so a writer reads what stops the build first.
func TestWarnings(t *testing.T) {
	var l List
	l.Warn("a.md", 1, 1, "no alt text")
	l.Add("b.md", 2, 3, "broken")
	l.Warn("a.md", 1, 1, "no alt text")
	l.Add("a.md", 5, 1, "also broken")
	want := "a.md:5:1: also broken\nb.md:2:3: broken\na.md:1:1: warning: no alt text"
	if got := l.Sort().Error(); got != want {
		t.Errorf("sorted:\n%s\nwant:\n%s", got, want)
	}
	if n := l.Sort().Errors(); n != 2 {
		t.Errorf("Errors() = %d, want 2", n)
	}
}
