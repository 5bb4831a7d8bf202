package audit

import (
	"testing"
	"unicode/utf8"

	"github.com/counterpoint-ssg/counterpoint/internal/markdown"
)

// FuzzUnits reads arbitrary Markdown as the audit does: it must not panic,
// every byte of a unit's text must map into the source, and every word
// must lie inside its unit.
func FuzzUnits(f *testing.F) {
	for _, s := range []string{
		`He said "we stay" and 'left'.`,
		"> quoted\n\nText[^1].\n\n[^1]: note",
		"Лавров: «Нет» — „Ja“ ‚nein‘ «a „b“ c»",
		"# Head\n\n- [[a|b]] item\n- [x](/y/) z\n\n| a | b |\n|---|---|\n| «c | d» |",
		"“unclosed\n\nnext ’ ’ ‘",
	} {
		f.Add(s)
	}
	md := markdown.New(false)
	f.Fuzz(func(t *testing.T, src string) {
		if !utf8.ValidString(src) {
			return
		}
		doc := md.Parse([]byte(src), "", nil)
		for _, u := range units(doc, nil, nil) {
			for i := range len(u.text) {
				if o := u.offAt(i); o < 0 || o > len(src) {
					t.Fatalf("offset %d of byte %d outside a source of %d bytes", o, i, len(src))
				}
			}
			for _, w := range u.words {
				if w.start < 0 || w.end > len(u.text) || w.start >= w.end {
					t.Fatalf("word %+v outside %q", w, u.text)
				}
			}
		}
	})
}
