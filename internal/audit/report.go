package audit

import (
	"io/fs"
	"slices"
	"strconv"

	"github.com/counterpoint-ssg/counterpoint/internal/markdown"
	"github.com/counterpoint-ssg/counterpoint/internal/site"
)

// Body is one page's parsed Markdown; its source starts on file line Line.
type Body struct {
	Page *site.Page
	Doc  *markdown.Doc
	Line int
}

// Input is what the audit reads.
type Input struct {
	Site   *site.Site
	Bodies []Body
	Index  *site.Index
	// FS, when set, is the site root, read to place sources at their
	// lines in the front matter.
	FS fs.FS
}

// Report is the audit's result. Percentages are 0 to 100, rounded to one
// decimal; word means are rounded to whole words.
type Report struct {
	SiteTitle string  `json:"site"`
	Sides     []*Side `json:"sides"`
	// Checks are the figures compared with the thresholds, in table order.
	Checks []Check   `json:"checks"`
	Pages  []PageFig `json:"pages"`
	// ByKind counts paragraphs and those without a source per page kind.
	ByKind []KindFig `json:"by_kind"`
	// OneSided lists every use of a loaded verb that only one side gets.
	OneSided  []Finding     `json:"one_sided_verbs"`
	Late      []Finding     `json:"late_dates"`
	Timing    []Timing      `json:"timing"`
	Unsourced []Finding     `json:"unsourced_paragraphs"`
	NoURL     []Finding     `json:"sources_without_url"`
	AfterDate []Finding     `json:"sources_after_date"`
	Settings  Settings      `json:"settings"`
	Attribute []Attribution `json:"attributions"`
}

// Side is the figures of one side.
type Side struct {
	Name    string   `json:"name"`
	Members []string `json:"members"`
	Values  []string `json:"values"`

	Pages    int `json:"pages"`
	demands  int
	counters int
	Words    Stat `json:"words"`
	Position Stat `json:"position_words"`
	Response Stat `json:"response_words"`
	Context  Stat `json:"context_words"`
	// QuotedPosition is the quoted words of position sections, and
	// QuoteShare their share; Quoted and QuoteShareAll over all text.
	QuotedPosition int     `json:"quoted_position_words"`
	QuoteShare     float64 `json:"quote_share_position"`
	Quoted         int     `json:"quoted_words"`
	QuoteShareAll  float64 `json:"quote_share_all"`

	// Verbs counts the attribution verbs used for the side, by lemma.
	Verbs   map[string]int `json:"verbs"`
	Neutral int            `json:"neutral_verbs"`
	Loaded  int            `json:"loaded_verbs"`

	Paragraphs     int     `json:"paragraphs"`
	Unsourced      int     `json:"unsourced_paragraphs"`
	UnsourcedShare float64 `json:"unsourced_share"`

	Sources   int     `json:"sources"`
	NoURL     int     `json:"sources_without_url"`
	AfterDate int     `json:"sources_after_date"`
	Own       int     `json:"own_official_sources"`
	OwnShare  float64 `json:"own_official_share"`
	// Publishers counts the side's sources by publisher; TopPublisher is
	// the most cited (a source the text leans on most, to check first).
	Publishers   map[string]int `json:"publishers"`
	TopPublisher string         `json:"top_publisher"`
	TopCount     int            `json:"top_publisher_sources"`
	Late         int            `json:"late_dates"`
}

// Stat is words per page: total, mean, least and most.
type Stat struct {
	Total int `json:"total"`
	Mean  int `json:"mean"`
	Min   int `json:"min"`
	Max   int `json:"max"`
}

// Check is one figure compared between the sides. Diff is the ratio of
// the highest value to the lowest (Ratio) or their difference (a gap or
// a count); Over is set when it passes the threshold.
type Check struct {
	Name      string    `json:"name"`
	Values    []float64 `json:"values"`
	Diff      float64   `json:"diff"`
	Ratio     bool      `json:"ratio"`
	Threshold float64   `json:"threshold"`
	Over      bool      `json:"over"`
}

// PageFig is the figures of one page.
type PageFig struct {
	Path           string `json:"path"`
	Kind           string `json:"kind"`
	Side           string `json:"side,omitempty"`
	Date           string `json:"date,omitempty"`
	Words          int    `json:"words"`
	Position       int    `json:"position_words"`
	Response       int    `json:"response_words"`
	Context        int    `json:"context_words"`
	Quoted         int    `json:"quoted_words"`
	QuotedPosition int    `json:"quoted_position_words"`
	Paragraphs     int    `json:"paragraphs"`
	Unsourced      int    `json:"unsourced_paragraphs"`
}

// KindFig is the sourcing of one kind of page.
type KindFig struct {
	Kind       string `json:"kind"`
	Paragraphs int    `json:"paragraphs"`
	Unsourced  int    `json:"unsourced"`
}

// Finding is a fact at a place in a file.
type Finding struct {
	Path string `json:"path"`
	Line int    `json:"line"`
	Col  int    `json:"col"`
	Side string `json:"side,omitempty"`
	Msg  string `json:"message"`
}

// Pos is the finding's place as path:line:col.
func (f Finding) Pos() string {
	return f.Path + ":" + strconv.Itoa(max(f.Line, 1)) + ":" + strconv.Itoa(max(f.Col, 1))
}

// Attribution is one attribution verb and the side it was attributed to.
type Attribution struct {
	Finding
	Verb   string `json:"verb"`
	Lemma  string `json:"lemma"`
	Loaded bool   `json:"loaded"`
}

// Timing is a demand's first-stated date and its answers'.
type Timing struct {
	Demand  string   `json:"demand"`
	Path    string   `json:"path"`
	Date    string   `json:"date"`
	Answers []Answer `json:"answers"`
}

// Answer is a counterposition answering a demand; Days is how long after
// the demand it was first stated, when both dates give a day.
type Answer struct {
	Slug string `json:"slug"`
	Path string `json:"path"`
	Date string `json:"date"`
	Days *int   `json:"days,omitempty"`
	// Mentioned is the earliest statement the page itself mentions in its
	// "when" section, when that is before Date.
	Mentioned string `json:"mentioned,omitempty"`
}

// Over reports whether any check passes its threshold.
func (r *Report) Over() bool {
	return slices.ContainsFunc(r.Checks, func(c Check) bool { return c.Over })
}
