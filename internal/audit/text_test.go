package audit

import (
	"strings"
	"testing"

	"github.com/counterpoint-ssg/counterpoint/internal/markdown"
)

func wordsOf(t *testing.T, src string) (all, quoted []string) {
	t.Helper()
	doc := markdown.New(false).Parse([]byte(src), "", nil)
	for _, u := range units(doc, nil, nil) {
		for _, w := range u.words {
			all = append(all, w.lower)
			if w.quoted {
				quoted = append(quoted, w.lower)
			}
		}
	}
	return all, quoted
}

func TestQuotesAndWords(t *testing.T) {
	for _, tc := range []struct {
		name, src string
		words     int
		quoted    string
	}{
		{"ascii quotes through the typographer", `He said "we will stay" and left.`, 7, "we will stay"},
		{"curly quotes", "He said “we will stay” and left.", 7, "we will stay"},
		{"apostrophes are not quotes", "Russia's view isn't 'settled' they say.", 6, "settled"},
		{"guillemets in Russian", "Лавров заявил: «Мы не согласны» — и ушёл.", 7, "мы не согласны"},
		{"german quotes", "Er sagte: „Wir bleiben hier“ und ging.", 7, "wir bleiben hier"},
		{"german single quotes", "Sie nannte es ‚unannehmbar‘ heute.", 5, "unannehmbar"},
		{"ukrainian", "Міністр сказав: «Ми готові до переговорів».", 6, "ми готові до переговорів"},
		{"blockquote", "Before.\n\n> All of this is quoted.\n\nAfter.", 7, "all of this is quoted"},
		{"footnote definitions are not text", "Text.[^1]\n\n[^1]: Source, 2021.", 1, ""},
		{"link destinations are not words", "See [the page](https://example.org/a-b-c).", 3, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			all, quoted := wordsOf(t, tc.src)
			if len(all) != tc.words {
				t.Errorf("words %q: %d, want %d", all, len(all), tc.words)
			}
			if got := strings.Join(quoted, " "); got != tc.quoted {
				t.Errorf("quoted %q, want %q", got, tc.quoted)
			}
		})
	}
}

func TestSettings(t *testing.T) {
	s, err := ParseSettings(map[string]any{"word_ratio": 1.5, "loaded_verbs": []any{"Lamented"}, "neutral_verbs": []any{"claimed"}, "late_dates": int64(2)})
	if err != nil {
		t.Fatal(err)
	}
	if s.WordRatio != 1.5 || s.LateDates != 2 {
		t.Errorf("thresholds: %+v", s)
	}
	if v := s.Verbs["lamented"]; !v.Loaded {
		t.Errorf("lamented = %+v, want loaded", v)
	}
	if v := s.Verbs["claimed"]; v.Loaded {
		t.Errorf("claimed = %+v, want neutral after the override", v)
	}
	if v := s.Verbs["complained"]; !v.Loaded {
		t.Errorf("built-in complained = %+v, want loaded", v)
	}
	s, err = ParseSettings(map[string]any{"builtin_verbs": false})
	if err != nil || len(s.Verbs) != 0 {
		t.Errorf("builtin_verbs: false left %d verbs, err %v", len(s.Verbs), err)
	}
	for _, bad := range []map[string]any{{"word_ratoi": 1}, {"quote_gap": "ten"}, {"late_dates": -1}, {"loaded_verbs": "claimed"}} {
		if _, err := ParseSettings(bad); err == nil {
			t.Errorf("%v: no error", bad)
		}
	}
}

func TestSides(t *testing.T) {
	for v, want := range map[string]string{
		"United States and NATO":  "United States|NATO",
		"Russia":                  "Russia",
		"France, Germany & Italy": "France|Germany|Italy",
	} {
		if got := strings.Join(members(v), "|"); got != want {
			t.Errorf("members(%q) = %q, want %q", v, got, want)
		}
	}
	sd := &Side{Members: []string{"United States", "NATO"}}
	for pub, want := range map[string]bool{"U.S. Department of State": true, "NATO": true, "Newsweek": false, "The New York Times": false} {
		if officials(pub, sd, nil) != want {
			t.Errorf("officials(%q) = %v", pub, !want)
		}
	}
	if !officials("Ministry of Foreign Affairs of the Russian Federation", &Side{Members: []string{"Russia"}}, nil) {
		t.Error("the Russian ministry is not Russia's own")
	}
}
