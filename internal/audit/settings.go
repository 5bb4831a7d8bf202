package audit

import (
	"fmt"
	"slices"
	"strings"
)

// Settings are the audit's thresholds and word lists, from the `audit:`
// key of the site settings over the defaults.
type Settings struct {
	// WordRatio: mean words per page of the heaviest side over the
	// lightest, in all body text and in position sections.
	WordRatio float64 `json:"word_ratio"`
	// QuoteGap: percentage points between the sides' quoted shares of
	// their position sections.
	QuoteGap float64 `json:"quote_gap"`
	// UnsourcedGap: percentage points between the sides' shares of
	// paragraphs with no footnote or citation.
	UnsourcedGap float64 `json:"unsourced_gap"`
	// OneSidedVerbs: loaded verbs used for one side only that are allowed.
	OneSidedVerbs int `json:"one_sided_verbs"`
	// LateDates: pages whose date is after the first statement they
	// mention that are allowed.
	LateDates int `json:"late_dates"`
	// MinParagraphWords: shorter paragraphs are not asked for a source.
	MinParagraphWords int `json:"min_paragraph_words"`

	// Verbs maps a word form ("claimed") to its verb and class.
	Verbs map[string]Verb `json:"-"`
	// Sections: words in a level-1 or level-2 heading that make its
	// section a response to the other side, context, or the statement
	// of when the position was first stated (which also counts as position).
	Response, Context, Stated []string `json:"-"`
	// Names adds names (lower case) by which a side is mentioned, by side
	// member ("russia": ["moscow", "kremlin"]).
	Names map[string][]string `json:"-"`
}

// Verb is an attribution verb.
type Verb struct {
	Lemma  string `json:"lemma"`
	Loaded bool   `json:"loaded"`
}

// builtinNeutral and builtinLoaded are English attribution verbs, each
// with its forms; the first is the lemma, which is matched only when also
// listed again. Forms that are mostly nouns in this kind of text ("states",
// "calls", "lists") are left out.
var builtinNeutral = [][]string{
	{"say", "say", "says", "said"},
	{"state", "stated"},
	{"argue", "argue", "argues", "argued"},
	{"write", "write", "writes", "wrote", "written"},
	{"tell", "tell", "tells", "told"},
	{"hold", "hold", "holds", "held"},
	{"restate", "restate", "restates", "restated"},
	{"reiterate", "reiterate", "reiterates", "reiterated"},
	{"note", "note", "notes", "noted"},
	{"add", "add", "adds", "added"},
	{"ask", "ask", "asks", "asked"},
	{"reply", "reply", "replies", "replied"},
	{"respond", "respond", "responds", "responded"},
	{"call", "called"},
	{"describe", "describe", "describes", "described"},
	{"propose", "propose", "proposes", "proposed"},
	{"warn", "warn", "warns", "warned"},
	{"cite", "cite", "cites", "cited"},
	{"accept", "accept", "accepts", "accepted"},
	{"deny", "deny", "denies", "denied"},
	{"reject", "reject", "rejects", "rejected"},
	{"reaffirm", "reaffirm", "reaffirms", "reaffirmed"},
	{"announce", "announce", "announces", "announced"},
	{"declare", "declare", "declares", "declared"},
	{"publish", "publish", "publishes", "published"},
	{"present", "presented"},
	{"list", "listed"},
}

var builtinLoaded = [][]string{
	{"claim", "claim", "claims", "claimed"},
	{"complain", "complain", "complains", "complained"},
	{"insist", "insist", "insists", "insisted"},
	{"admit", "admit", "admits", "admitted"},
	{"concede", "concede", "concedes", "conceded"},
	{"allege", "allege", "alleges", "alleged"},
	{"boast", "boast", "boasts", "boasted"},
	{"object", "object", "objects", "objected"},
	{"acknowledge", "acknowledge", "acknowledges", "acknowledged"},
	{"grumble", "grumble", "grumbles", "grumbled"},
}

// Defaults returns the settings a site without `audit:` gets.
func Defaults() Settings {
	s := Settings{
		WordRatio:         1.25,
		QuoteGap:          10,
		UnsourcedGap:      10,
		MinParagraphWords: 8,
		Verbs:             map[string]Verb{},
		Response:          []string{"response", "response", "responses", "reply", "replies", "answer", "answers", "rebuttal"},
		Context:           []string{"context", "context", "background"},
		Stated:            []string{"when", "when"},
		Names:             map[string][]string{},
	}
	for _, forms := range builtinNeutral {
		for _, f := range forms[1:] {
			s.Verbs[f] = Verb{Lemma: forms[0]}
		}
	}
	for _, forms := range builtinLoaded {
		for _, f := range forms[1:] {
			s.Verbs[f] = Verb{Lemma: forms[0], Loaded: true}
		}
	}
	return s
}

// settingsError is a problem in the `audit:` settings.
type settingsError struct{ key, msg string }

func (e *settingsError) Error() string { return fmt.Sprintf("audit: %s: %s", e.key, e.msg) }

// ParseSettings reads the `audit:` value of the site settings (nil for
// none) over the defaults. Verb lists extend the built-in ones; a word
// listed as neutral that is built in as loaded (or the reverse) moves, and
// `builtin_verbs: false` drops the built-in lists.
func ParseSettings(v any) (Settings, error) {
	s := Defaults()
	if v == nil {
		return s, nil
	}
	m, ok := v.(map[string]any)
	if !ok {
		return s, &settingsError{"audit", "must be a mapping of settings"}
	}
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	if b, ok := m["builtin_verbs"]; ok {
		keep, isBool := b.(bool)
		if !isBool {
			return s, &settingsError{"builtin_verbs", "must be true or false"}
		}
		if !keep {
			s.Verbs = map[string]Verb{}
		}
	}
	for _, k := range keys {
		v := m[k]
		var err error
		switch k {
		case "word_ratio":
			s.WordRatio, err = number(k, v)
		case "quote_gap":
			s.QuoteGap, err = number(k, v)
		case "unsourced_gap":
			s.UnsourcedGap, err = number(k, v)
		case "one_sided_verbs":
			s.OneSidedVerbs, err = count(k, v)
		case "late_dates":
			s.LateDates, err = count(k, v)
		case "min_paragraph_words":
			s.MinParagraphWords, err = count(k, v)
		case "builtin_verbs":
		case "neutral_verbs", "loaded_verbs":
			var words []string
			if words, err = strs(k, v); err == nil {
				for _, w := range words {
					w = strings.ToLower(w)
					s.Verbs[w] = Verb{Lemma: w, Loaded: k == "loaded_verbs"}
				}
			}
		case "response_headings":
			s.Response, err = lowerStrs(k, v)
		case "context_headings":
			s.Context, err = lowerStrs(k, v)
		case "stated_headings":
			s.Stated, err = lowerStrs(k, v)
		case "names":
			nm, isMap := v.(map[string]any)
			if !isMap {
				return s, &settingsError{k, "must map a side's name to a list of other names"}
			}
			for side, list := range nm {
				names, err := lowerStrs(k+"."+side, list)
				if err != nil {
					return s, err
				}
				s.Names[strings.ToLower(side)] = names
			}
		default:
			return s, &settingsError{k, "unknown setting (known: word_ratio, quote_gap, unsourced_gap, one_sided_verbs, late_dates, min_paragraph_words, builtin_verbs, neutral_verbs, loaded_verbs, response_headings, context_headings, stated_headings, names)"}
		}
		if err != nil {
			return s, err
		}
	}
	return s, nil
}

func number(k string, v any) (float64, error) {
	switch n := v.(type) {
	case int:
		return float64(n), nil
	case int64:
		return float64(n), nil
	case uint64:
		return float64(n), nil
	case float64:
		return n, nil
	}
	return 0, &settingsError{k, "must be a number"}
}

func count(k string, v any) (int, error) {
	f, err := number(k, v)
	if err != nil || f < 0 || f != float64(int(f)) {
		return 0, &settingsError{k, "must be a whole number, 0 or more"}
	}
	return int(f), nil
}

func strs(k string, v any) ([]string, error) {
	l, ok := v.([]any)
	if !ok {
		return nil, &settingsError{k, "must be a list of words"}
	}
	out := make([]string, 0, len(l))
	for _, e := range l {
		s, ok := e.(string)
		if !ok || strings.TrimSpace(s) == "" {
			return nil, &settingsError{k, "must be a list of words"}
		}
		out = append(out, strings.TrimSpace(s))
	}
	return out, nil
}

func lowerStrs(k string, v any) ([]string, error) {
	l, err := strs(k, v)
	for i := range l {
		l[i] = strings.ToLower(l[i])
	}
	return l, err
}

// settingsLine is the line of the `audit:` key in the home page's front
// matter, or 1.
func settingsLine(src string) int {
	for i, l := range strings.Split(src, "\n") {
		if strings.HasPrefix(l, "audit:") || strings.HasPrefix(l, "[audit]") {
			return i + 1
		}
	}
	return 1
}
