package site

import (
	"cmp"
	"strings"
	"testing"
)

// CompareFold must order exactly as comparing lower-cased strings does.
func FuzzCompareFold(f *testing.F) {
	for _, p := range [][2]string{{"NATO", "nato"}, {"Abm", "abc"}, {"Ärger", "apfel"}, {"", "a"}, {"Zeta", "alpha"}, {"Msta-S", "msta-s-m2"}, {"ÉCOLE", "école"}} {
		f.Add(p[0], p[1])
	}
	f.Fuzz(func(t *testing.T, a, b string) {
		want := cmp.Compare(strings.ToLower(a), strings.ToLower(b))
		if got := CompareFold(a, b); got != want && strings.ToValidUTF8(a, "") == a && strings.ToValidUTF8(b, "") == b {
			t.Errorf("CompareFold(%q, %q) = %d, want %d", a, b, got, want)
		}
	})
}
