package site

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"github.com/counterpoint-ssg/counterpoint/internal/i18n"
)

// Labels are the words the built-in layouts show, by key, in English. A
// site replaces any of them with the labels setting (Site.Labels), so that
// "Demand" can read "Claim" or a whole interface can be in another
// language. A value may hold {placeholders} that the layout fills.
var Labels = map[string]string{
	// The kinds, one and many (the many are also the sections' titles).
	"kind_demand":           "Demand",
	"kind_counterposition":  "Counterposition",
	"kind_term":             "Glossary term",
	"kind_event":            "Timeline event",
	"kind_actor":            "Actor",
	"kind_page":             "Page",
	"kinds_demand":          "Demands",
	"kinds_counterposition": "Counterpositions",
	"kinds_term":            "Glossary",
	"kinds_event":           "Timeline",
	"kinds_actor":           "Actors",
	"prev_demand":           "Previous demand",
	"next_demand":           "Next demand",
	"prev_counterposition":  "Previous counterposition",
	"next_counterposition":  "Next counterposition",
	"prev_actor":            "Previous actor",
	"next_actor":            "Next actor",
	"kinds_page":            "Pages",
	"prev_page":             "Previous page",
	"next_page":             "Next page",

	// Every page.
	"skip_link":          "Skip to main content",
	"nav_main":           "Main",
	"theme_toggle":       "Dark theme",
	"search_form_site":   "Site",
	"search_label":       "Search this site",
	"search_placeholder": "Search",
	"search_button":      "Search",
	"all_pages":          "All pages",
	"atom_feed":          "Atom feed",
	"sources":            "Sources",
	"updated":            "Updated",

	// The home page.
	"matrix_note":    "Each row below is one demand and the positions that answer it. Every position is labelled with who holds it and when it was first stated.",
	"matrix_heading": "Demands and counterpositions",
	"answered_by":    "Answered by",
	"no_answer":      "No counterposition answers this demand yet.",
	"background":     "Background",

	// The relationship map (home, /map/) and a demand's neighbourhood.
	"map_title":           "Map of demands and counterpositions",
	"map_summary":         "Who answers whom: every demand and the counterpositions that answer it.",
	"map_desc":            "Demands on one side, grouped by who made them, and counterpositions on the other, grouped by who holds them; a line joins each counterposition to each demand it answers.",
	"map_sides_desc":      "One box for everyone on a side, with the number of their positions; a line joins two sides when one answers the other.",
	"map_text":            "The same as a list",
	"map_too_big":         "There are {n} demands and counterpositions, too many to draw here.",
	"map_link":            "See the map",
	"map_more":            "and {n} more",
	"map_unnamed":         "Unnamed",
	"map_answers_below":   "The same pages and links are listed in the table below.",
	"neighbourhood_title": "This demand and what surrounds it",
	"neighbourhood_desc":  "The demand on one side; on the other, the counterpositions that answer it, grouped by who holds them, then the events and people related to it. The same pages are listed beside the text.",

	// Positions and their side panel.
	"first_stated":          "First stated",
	"stated_by":             "by",
	"source":                "Source",
	"answers":               "Answers",
	"answers_this_demand":   "Answers this demand",
	"answers_these_demands": "Answers these demands",
	"related":               "Related",
	"on_the_timeline":       "On the timeline",
	"terms_used":            "Terms used",
	"people":                "People and institutions",
	"referenced_by":         "Referenced by",
	"toc":                   "On this page",

	// Lists.
	"lead_demand":          "Each demand, who made it and when, and the positions that answer it.",
	"lead_counterposition": "Each counterposition, who holds it and when it was first stated, and the demands it answers.",
	"lead_actor":           "The people and institutions whose statements this site records.",
	"nothing_yet":          "Nothing here yet.",

	// The glossary.
	"glossary_lead":      "The terms this site uses, A to Z: what each means, and where it is used.",
	"glossary_by_letter": "Glossary by letter",
	"also":               "Also",
	"used_in":            "Used in",
	"no_terms":           "No terms yet.",

	// The timeline.
	"timeline_lead":            "Events in date order, each dated as precisely as the sources allow",
	"timeline_lead_background": "; the background before {date} is set in a quieter style",
	"filter_label":             "Show events about",
	"filter_all":               "Every demand",
	"era_background":           "Background",
	"era_crisis":               "The crisis",
	"range":                    "{from} to {to}",
	"no_events":                "No events yet.",
	"timestrip_point":          "A day",
	"timestrip_span":           "Within a month or a year",
	"timestrip_bar":            "A period",
	"timestrip_title":          "The events on a time axis",
	"timestrip_desc":           "Each event is a mark at its date: a dot for a day, a box as wide as the month or year for an event known only to the month or year, a bar for a period. Every mark links to its entry in the list below, which gives every event as text.",
	"timestrip_zoom":           "The crisis, shaded on the upper axis, is enlarged on the lower one.",

	// What the script writes: search suggestions and results, the
	// timeline filter's count.
	"search_suggestions":   "Suggestions",
	"search_no_matches":    "No matches. Press Enter to search every page.",
	"search_result_one":    "{n} result",
	"search_result_few":    "{n} results",
	"search_result_many":   "{n} results",
	"search_result_other":  "{n} results",
	"search_showing":       ", showing {n}",
	"search_choose":        "Use the up and down arrows to choose.",
	"search_no_results":    "No results.",
	"search_results_for":   "{results} for “{q}”",
	"search_showing_first": ", showing the first {n}",
	"search_none_for":      "No results for “{q}”. Every page is listed below.",
	"search_unavailable":   "Search is unavailable. Every page is listed below.",
	"filter_showing":       "Showing {shown} of {total} events.",

	// Search and the 404 page.
	"search_title":      "Search",
	"search_summary":    "Search every demand, counterposition, term, event and page.",
	"search_form_all":   "Every page",
	"search_site":       "Search the site",
	"every_page":        "Every page",
	"notfound_title":    "Page not found",
	"notfound_summary":  "There is no page at this address.",
	"notfound_lead":     "There is no page at this address. It may have moved, or the link may be mistyped.",
	"notfound_start":    "Or start from",
	"notfound_home":     "The home page",
	"notfound_home_for": ", with every demand and the positions that answer it",
}

// LabelKeys returns the keys of Labels in order.
func LabelKeys() []string {
	keys := make([]string, 0, len(Labels))
	for k := range Labels {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// T is the site's word for key: its labels setting, else the built-in
// English. An unknown key is an error, so a layout's typo fails the build.
func (s *Site) T(key string) (string, error) {
	if v, ok := s.Labels[key]; ok {
		return v, nil
	}
	if v, ok := Labels[key]; ok {
		return v, nil
	}
	return "", fmt.Errorf("no label %q (see the labels setting)", key)
}

// KindT is T of key + "_" + kind ("kind_demand", "prev_actor").
func (s *Site) KindT(key string, k Kind) (string, error) { return s.T(key + "_" + string(k)) }

// Fill is T with each {name} replaced by the value after it:
// Fill "range" "from" "1997" "to" "2014".
func (s *Site) Fill(key string, pairs ...any) (string, error) {
	v, err := s.T(key)
	if err != nil || len(pairs)%2 != 0 {
		return v, err
	}
	for i := 0; i < len(pairs); i += 2 {
		v = strings.ReplaceAll(v, "{"+fmt.Sprint(pairs[i])+"}", fmt.Sprint(pairs[i+1]))
	}
	return v, nil
}

// Word is T for Go code, whose keys are known to exist.
func (s *Site) Word(key string) string {
	v, _ := s.T(key)
	return v
}

// scriptLabels are the labels site.js shows, which it reads from the page.
var scriptLabels = []string{
	"kind_demand", "kind_counterposition", "kind_term", "kind_event", "kind_actor", "kind_page",
	"search_suggestions", "search_no_matches", "search_result_one", "search_result_few", "search_result_many", "search_result_other",
	"search_showing", "search_choose", "search_no_results", "search_results_for",
	"search_showing_first", "search_none_for", "search_unavailable", "filter_showing",
}

// ScriptLabels is the JSON of the site's words for the labels the script
// shows (data-labels on <body>), or "" when the site keeps the English,
// which the script holds itself, so an English page carries nothing more.
func (s *Site) ScriptLabels() string {
	m := map[string]string{}
	for _, k := range scriptLabels {
		if v, ok := s.Labels[k]; ok && v != Labels[k] {
			m[k] = v
		}
	}
	if len(m) == 0 {
		return ""
	}
	b, _ := json.Marshal(m)
	return string(b)
}

// Dir is "rtl" when the site's language is written right to left, else
// "" (the default, left to right), for <html dir>.
func (s *Site) Dir() string {
	if i18n.RTL(s.Language) {
		return "rtl"
	}
	return ""
}

// Plural is T of key + "_" + the CLDR plural category of n in the site's
// language ("search_result_few"), or of key + "_other" when the labels
// have no such form.
func (s *Site) Plural(key string, n int) (string, error) {
	v, err := s.T(key + "_" + i18n.Plural(s.Language, n))
	if err != nil {
		return s.T(key + "_other")
	}
	return v, nil
}
