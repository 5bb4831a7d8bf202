package suggest

import (
	"slices"
	"strings"
	"testing"
)

var pages = []Candidate{
	{Name: "cordon", Also: []string{"Cordon"}},
	{Name: "modal-shift", Also: []string{"Modal shift"}},
	{Name: "council-vote", Also: []string{"Council vote"}},
	{Name: "flat-fee", Also: []string{"A flat fee for every driver"}},
	{Name: "nato", Also: []string{"North Atlantic Treaty Organization", "NATO"}},
	{Name: "income-based-fee", Also: []string{"Income-based fee"}},
	{Name: "the-argument"},
	{Name: "the-arguments"},
}

func TestClosest(t *testing.T) {
	tests := []struct {
		typed string
		want  []string
	}{
		{"cordn", []string{"cordon"}},
		{"modal-shfit", []string{"modal-shift"}},
		{"council vote", []string{"council-vote"}},
		{"Council  Vote", []string{"council-vote"}},
		{"The argument", []string{"the-argument"}},
		{"the-argumentz", []string{"the-argument", "the-arguments"}},
		{"north atlantic treaty organisation", []string{"nato"}},
		{"income-basd-fee", []string{"income-based-fee"}},
		{"zebra", nil},
		{"", nil},
		{"   ", nil},
		{"x", nil},
		{"crodon", []string{"cordon"}},
		{"a", nil},
	}
	for _, tt := range tests {
		t.Run(tt.typed, func(t *testing.T) {
			if got := Closest(tt.typed, pages); !slices.Equal(got, tt.want) {
				t.Errorf("Closest(%q) = %q, want %q", tt.typed, got, tt.want)
			}
		})
	}
}

func TestClosestAtMostMax(t *testing.T) {
	got := Closest("abcd", Names("abce", "abcf", "abcg", "abch", "abci"))
	if want := []string{"abce", "abcf", "abcg"}; !slices.Equal(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestPhrase(t *testing.T) {
	wiki := func(s string) string { return "[[" + s + "]]" }
	tests := []struct {
		names []string
		want  string
	}{
		{nil, ""},
		{[]string{"a"}, "; did you mean [[a]]?"},
		{[]string{"a", "b"}, "; did you mean [[a]] or [[b]]?"},
		{[]string{"a", "b", "c"}, "; did you mean [[a]], [[b]] or [[c]]?"},
	}
	for _, tt := range tests {
		if got := Phrase(tt.names, wiki); got != tt.want {
			t.Errorf("Phrase(%q) = %q, want %q", tt.names, got, tt.want)
		}
	}
}

func TestSlugForm(t *testing.T) {
	for in, want := range map[string]string{
		"The argument":    "the-argument",
		"  council  vote": "council-vote",
		"Café_au-lait!":   "café-au-lait",
		"e\u0301":         "é",
		"---":             "",
	} {
		if got := SlugForm(in); got != want {
			t.Errorf("SlugForm(%q) = %q, want %q", in, got, want)
		}
	}
}

func FuzzClosest(f *testing.F) {
	f.Add("cordn", "cordon", "Cordon")
	f.Add("council vote", "council-vote", "")
	f.Add("\xff\xfe", "é", "e\u0301")
	f.Fuzz(func(t *testing.T, typed, name, also string) {
		cands := []Candidate{{Name: name, Also: []string{also}}, {Name: typed}, {Name: strings.ToUpper(name)}, {Name: name + "x"}}
		got := Closest(typed, cands)
		if len(got) > Max {
			t.Fatalf("%d suggestions, more than %d", len(got), Max)
		}
		// Deterministic whatever the order of the candidates.
		rev := slices.Clone(cands)
		slices.Reverse(rev)
		if again := Closest(typed, rev); !slices.Equal(got, again) {
			t.Fatalf("order depends on input order: %q vs %q", got, again)
		}
		for _, g := range got {
			if !slices.ContainsFunc(cands, func(c Candidate) bool { return c.Name == g }) {
				t.Fatalf("suggested %q, not a candidate", g)
			}
		}
	})
}
