package i18n_test

import (
	"slices"
	"testing"

	"github.com/counterpoint-ssg/counterpoint/internal/date"
	"github.com/counterpoint-ssg/counterpoint/internal/i18n"
	"github.com/counterpoint-ssg/counterpoint/internal/site"
)

// TestLanguages checks that every built-in language has a word for every
// label, and no word for a label that does not exist, keeping each
// value's {placeholders}.
func TestLanguages(t *testing.T) {
	for _, lang := range i18n.Languages {
		words := i18n.Labels(lang)
		if words == nil {
			t.Fatalf("%s: no words", lang)
		}
		for _, k := range site.LabelKeys() {
			v, ok := words[k]
			if !ok || v == "" {
				t.Errorf("%s: no word for %s", lang, k)
				continue
			}
			if want, got := placeholders(site.Labels[k]), placeholders(v); !slices.Equal(want, got) {
				t.Errorf("%s: %s has placeholders %v, want %v", lang, k, got, want)
			}
		}
		for k := range words {
			if _, ok := site.Labels[k]; !ok {
				t.Errorf("%s: %s is not a label", lang, k)
			}
		}
	}
	if i18n.Labels("en") != nil || i18n.Labels("xx") != nil {
		t.Errorf("English or an unknown language has built-in words")
	}
	if i18n.Labels("de-AT")["kind_demand"] != "Forderung" {
		t.Errorf("de-AT does not get German")
	}
}

func placeholders(s string) []string {
	var out []string
	for {
		i := indexByte(s, '{')
		if i < 0 {
			break
		}
		j := indexByte(s[i:], '}')
		if j < 0 {
			break
		}
		out = append(out, s[i:i+j+1])
		s = s[i+j+1:]
	}
	slices.Sort(out)
	return out
}

func indexByte(s string, c byte) int {
	for i := 0; i < len(s); i++ {
		if s[i] == c {
			return i
		}
	}
	return -1
}

// TestDate checks dates are written each language's way, at each
// precision.
func TestDate(t *testing.T) {
	day := date.Date{Y: 2021, M: 12, D: 1, Prec: date.Day}
	month := date.Date{Y: 2021, M: 12, Prec: date.Month}
	year := date.Date{Y: 2021, Prec: date.Year}
	for _, c := range []struct {
		lang string
		d    date.Date
		want string
	}{
		{"en", day, "1 December 2021"},
		{"ru", day, "1 декабря 2021 г."},
		{"ru", month, "декабрь 2021 г."},
		{"uk", day, "1 грудня 2021 р."},
		{"uk", month, "грудень 2021 р."},
		{"de", day, "1. Dezember 2021"},
		{"de", month, "Dezember 2021"},
		{"fr", day, "1 décembre 2021"},
		{"fr", month, "décembre 2021"},
		{"de", year, "2021"},
		{"en", month, "December 2021"},
	} {
		if got := i18n.Date(c.lang, c.d); got != c.want {
			t.Errorf("Date(%s, %s) = %q, want %q", c.lang, c.d, got, c.want)
		}
	}
	if got, want := i18n.Range("de", day, date.Date{Y: 2022, M: 1, D: 2, Prec: date.Day}), "1. Dezember 2021 – 2. Januar 2022"; got != want {
		t.Errorf("Range = %q, want %q", got, want)
	}
}

// TestPlural checks the CLDR plural forms come through for languages
// with more than two.
func TestPlural(t *testing.T) {
	for _, c := range []struct {
		lang string
		n    int
		want string
	}{
		{"en", 1, "one"}, {"en", 2, "other"}, {"en", 0, "other"},
		{"ru", 1, "one"}, {"ru", 2, "few"}, {"ru", 5, "many"}, {"ru", 21, "one"}, {"ru", 22, "few"}, {"ru", 11, "many"},
		{"uk", 3, "few"}, {"uk", 12, "many"},
		{"de", 1, "one"}, {"de", 3, "other"},
		{"fr", 0, "one"}, {"fr", 1, "one"}, {"fr", 2, "other"},
	} {
		if got := i18n.Plural(c.lang, c.n); got != c.want {
			t.Errorf("Plural(%s, %d) = %s, want %s", c.lang, c.n, got, c.want)
		}
	}
}

func TestRTL(t *testing.T) {
	for lang, want := range map[string]bool{"ar": true, "he": true, "fa": true, "ur": true, "en": false, "ru": false, "de": false, "az": false, "xx-invalid-": false} {
		if got := i18n.RTL(lang); got != want {
			t.Errorf("RTL(%s) = %v", lang, got)
		}
	}
}
