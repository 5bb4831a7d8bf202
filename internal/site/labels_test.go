package site

import (
	"os"
	"strings"
	"testing"
)

// TestLabelsDocumented checks that docs/labels.md lists every label with
// its English, and no label that does not exist.
func TestLabelsDocumented(t *testing.T) {
	doc, err := os.ReadFile("../../docs/labels.md")
	if err != nil {
		t.Fatal(err)
	}
	listed := map[string]bool{}
	for _, line := range strings.Split(string(doc), "\n") {
		if k, ok := strings.CutPrefix(line, "| `"); ok {
			k, rest, _ := strings.Cut(k, "` | ")
			listed[k] = true
			if want := Labels[k] + " |"; rest != want {
				t.Errorf("docs/labels.md: %s is %q, want %q", k, rest, want)
			}
		}
	}
	for _, k := range LabelKeys() {
		if !listed[k] {
			t.Errorf("docs/labels.md does not list %s", k)
		}
	}
}

// TestT checks the lookup order: the site's word, then the English, and an
// error for a key that does not exist.
func TestT(t *testing.T) {
	s := &Site{Labels: map[string]string{"answered_by": "Replies", "range": "{from}–{to}"}}
	if got, _ := s.T("answered_by"); got != "Replies" {
		t.Errorf("T(answered_by) = %q", got)
	}
	if got, _ := s.T("sources"); got != "Sources" {
		t.Errorf("T(sources) = %q", got)
	}
	if got, _ := s.KindT("kinds", Demand); got != "Demands" {
		t.Errorf("KindT(kinds, demand) = %q", got)
	}
	if got, _ := s.Fill("range", "from", 1997, "to", "2014"); got != "1997–2014" {
		t.Errorf("Fill(range) = %q", got)
	}
	if _, err := s.T("no_such_label"); err == nil {
		t.Errorf("T(no_such_label) gave no error")
	}
}
