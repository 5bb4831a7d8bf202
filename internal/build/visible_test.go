package build

import "testing"

func TestVisible(t *testing.T) {
	for in, want := range map[string]string{
		"NATO":          "NATO",
		"café":          "café",
		"Путин":         "Путин",
		"a b":           "a b",
		"\u200b":        `\u200b`,
		"\ufeffNATO":    `\ufeffNATO`,
		"x\u00a0y":      `x\u00a0y`,
		"rtl\u202emark": `rtl\u202emark`,
		"tab\there":     `tab\u0009here`,
		"tag\U000e0041": `tag\U000e0041`,
	} {
		if got := visible(in); got != want {
			t.Errorf("visible(%q) = %q, want %q", in, got, want)
		}
	}
}
