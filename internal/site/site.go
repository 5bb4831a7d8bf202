// Package site is the typed model of an explainer site: pages of each kind,
// the links between them and the relations derived from those links. It does
// no I/O; the content package fills it and the layout package reads it.
package site

import (
	"cmp"
	"html/template"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/counterpoint-ssg/counterpoint/internal/date"
)

// Kind is what a page is.
type Kind string

const (
	Home            Kind = "home"
	Demand          Kind = "demand"
	Counterposition Kind = "counterposition"
	Term            Kind = "term"
	Event           Kind = "event"
	Actor           Kind = "actor"
	Generic         Kind = "page"
	// List is a generated list page (/demands/, /glossary/, ...).
	List Kind = "list"
)

// Dir is the content directory each kind lives in.
var Dir = map[Kind]string{
	Demand:          "demands",
	Counterposition: "counterpositions",
	Term:            "glossary",
	Event:           "timeline",
	Actor:           "actors",
}

// Source is one entry of a page's sources list.
type Source struct {
	Title     string
	Publisher string
	Date      date.Date
	URL       string
	// Excerpt is a short passage copied word for word from the source, so
	// that a quotation taken from it can be checked against the text.
	Excerpt string
}

// Page is one content file (or a generated list page).
type Page struct {
	Kind Kind
	// Href is URL with the site's base path, ready for links; Permalink is
	// the absolute URL when the base URL is known. The build sets both.
	Href, Permalink string
	// Card is the absolute URL of the page's social card and CardAlt its
	// text; both are empty when the page has none. The build sets them.
	Card, CardAlt string
	// Menu is the home page's menu setting, unresolved (Site.Menu is what
	// it gives).
	Menu []MenuEntry
	// Labels is the home page's labels setting (Site.Labels).
	Labels map[string]string
	// Pictures is the home page's pictures setting, as read.
	Pictures Pictures

	// Path is the content file, relative to the site root ("content/demands/x.md").
	Path  string
	Slug  string
	Title string
	// URL is site-relative, starting with "/"; entries on the glossary and
	// timeline pages carry a fragment ("/glossary/#nato").
	URL     string
	Summary string
	Weight  int
	Draft   bool
	Date    date.Date
	End     date.Date
	Updated date.Date
	Aliases []string
	Sources []Source

	Claimant   string
	Respondent string
	Short      string
	Role       string

	// StatedBy names who first stated a position and StatedIn is the
	// source that records that statement (one of Sources), for the byline.
	StatedBy string
	StatedIn *Source

	// Params holds every front-matter key, known or not, as plain data.
	Params map[string]any

	// Content is the rendered body.
	Content template.HTML
	// HeadingIDs are the anchors the body defines, for [[slug#id]] checks.
	HeadingIDs []string
	// Sections are the body's level-2 headings, for the table of contents.
	Sections []Section
	// HasCode is true when the body, or a member's body for a list page,
	// holds a highlighted code block (so the page needs syntax.css).
	HasCode bool

	// Declared relations, resolved to pages.
	RespondsTo []*Page
	Related    []*Page

	// Derived relations.
	Counterpositions []*Page // demands: who answers them
	Backlinks        []*Page // pages whose text links here
	Events           []*Page // events whose related list names this page
	Links            []*Page // pages this page's text links to, in first-use order
	Terms            []*Page // the glossary terms among Links
	Actors           []*Page // the actors among Links
	Prev, Next       *Page   // neighbours within the kind's list order

	// Neighbourhood is a demand's small map (the demand, the
	// counterpositions answering it, the events and actors related to
	// it) as inline SVG; empty for other pages and when the picture is off.
	Neighbourhood template.HTML

	// Pages lists the members of a List page.
	Pages []*Page
	// ListKind is the kind a List page lists.
	ListKind Kind

	Site *Site
}

// IsEntry reports whether the page is an entry on a shared page (glossary
// term or timeline event) rather than a page of its own.
func (p *Page) IsEntry() bool { return p.Kind == Term || p.Kind == Event }

// OutputPath is the file the page is written to ("demands/x/index.html").
func (p *Page) OutputPath() string {
	if p.IsEntry() {
		return ""
	}
	u := strings.TrimPrefix(p.URL, "/")
	return u + "index.html"
}

// Lastmod is the date shown as "updated": Updated, else Date.
func (p *Page) Lastmod() date.Date {
	if !p.Updated.IsZero() {
		return p.Updated
	}
	return p.Date
}

// Param returns a front-matter value or nil; unlike .Params.key in a
// template it never fails on a missing key.
func (p *Page) Param(key string) any { return p.Params[key] }

// Site is the whole model.
type Site struct {
	Title    string
	Summary  string
	Language string
	// BaseURL is absolute ("https://example.org/sub/") or "/".
	BaseURL string
	// CSP is the Content-Security-Policy for a <meta http-equiv> tag; the
	// build sets it (and sends the same policy in its _headers file).
	CSP string
	// PreviewShards is how many files the link previews' records are
	// split into (previews/0.json, ...), so that a first preview on a
	// large site fetches one small file; the build sets it. 0 when the
	// site is small and previews read search-index.json.
	PreviewShards int
	Unsafe        bool
	Params        map[string]any

	Home *Page
	// All holds every content page, sorted by Path.
	All []*Page

	Demands          []*Page
	Counterpositions []*Page
	Terms            []*Page // alphabetical
	Events           []*Page // date order
	Actors           []*Page
	Generic          []*Page

	// Lists are the generated list pages by kind.
	Lists map[Kind]*Page

	// Menu is the site's navigation, shown in the header and footer of
	// every page: the home page's menu setting, or the sections when it
	// has none. It is short by design: no layout shows every page of a
	// kind on every page, which would make the output grow with the
	// square of the number of pages.
	Menu []MenuEntry

	// Labels are the site's own words for the layouts' labels (see T).
	Labels map[string]string

	// Pictures says which pictures the build draws (the pictures setting).
	Pictures Pictures

	// Map is the relationship map the build drew; nil when the map
	// picture is off.
	Map *Map
}

// Map is the relationship map of demands and counterpositions, drawn by
// the build (package mapsvg) for the home page and /map/.
type Map struct {
	// Home is the map for the home page as inline SVG; empty when the
	// site has more positions than fit there (the home links to /map/).
	Home template.HTML
	// Full is the map for /map/: every position, or, when Grouped, one
	// box for each claimant and respondent.
	Full    template.HTML
	Grouped bool
	// Positions counts the demands and counterpositions.
	Positions int
	// Claimants are the demands by claimant and Respondents the
	// counterpositions by respondent, for the map's text; the group
	// boxes of a Grouped map link to their ids.
	Claimants, Respondents []Group
	// Href is the /map/ page's address, with the base path.
	Href string
}

// Pictures are the pictures the build draws, each on unless the site's
// pictures setting turns it off.
type Pictures struct {
	// Map is the relationship map on the home page and /map/.
	Map bool
	// Timeline is the time strip at the top of the timeline page.
	Timeline bool
	// Neighbourhood is the small map on each demand's page.
	Neighbourhood bool
	// Cards are the social cards (a PNG per page, og:image).
	Cards bool
	// TOC is the table of contents on pages with three or more sections.
	TOC bool
}

// AllPictures has every picture on, as a site without the setting gets.
var AllPictures = Pictures{Map: true, Timeline: true, Neighbourhood: true, Cards: true, TOC: true}

// MenuEntry is one link of Site.Menu.
type MenuEntry struct {
	Title string
	// Link is what the setting says: a slug, a site path or an absolute
	// URL. URL is the site path or absolute URL it leads to, and Href
	// that with the site's base path, ready for links; the build sets it.
	Link, URL, Href string
	// Line and Col place the entry's link in content/_index.md.
	Line, Col int
}

// ByWeight orders pages by weight, then title, then slug.
func ByWeight(a, b *Page) int {
	if c := cmp.Compare(a.Weight, b.Weight); c != 0 {
		return c
	}
	return ByTitle(a, b)
}

// ByTitle orders pages alphabetically, case-insensitively.
func ByTitle(a, b *Page) int {
	if c := CompareFold(a.Title, b.Title); c != 0 {
		return c
	}
	return cmp.Compare(a.Slug, b.Slug)
}

// ByDate orders events by start, then end, then title; partial dates sort
// before the finer dates they contain.
func ByDate(a, b *Page) int {
	if c := date.Compare(a.Date, b.Date); c != 0 {
		return c
	}
	if c := date.Compare(a.End, b.End); c != 0 {
		return c
	}
	return ByTitle(a, b)
}

// ByKindTitle groups pages by kind in a fixed order, then by title.
func ByKindTitle(a, b *Page) int {
	if c := cmp.Compare(kindRank(a.Kind), kindRank(b.Kind)); c != 0 {
		return c
	}
	return ByWeight(a, b)
}

func kindRank(k Kind) int {
	switch k {
	case Home:
		return 0
	case Demand:
		return 1
	case Counterposition:
		return 2
	case Actor:
		return 3
	case Event:
		return 4
	case Term:
		return 5
	case Generic:
		return 6
	}
	return 7
}

// SortPages sorts ps in place and drops duplicates.
func SortPages(ps []*Page, f func(a, b *Page) int) []*Page {
	slices.SortFunc(ps, f)
	return slices.Compact(ps)
}

// KindLabel is the reader's name for a kind.
func (k Kind) Label() string {
	switch k {
	case Demand:
		return "Demand"
	case Counterposition:
		return "Counterposition"
	case Term:
		return "Glossary term"
	case Event:
		return "Timeline event"
	case Actor:
		return "Actor"
	case Home:
		return "Home"
	}
	return "Page"
}

// NotFound is the kind of the generated 404 page.
const NotFound Kind = "404"

// Group is a labelled run of pages (a letter of the glossary, a year of
// the timeline).
type Group struct {
	Key   string
	ID    string
	Pages []*Page
}

// TermsByLetter groups the glossary by first letter (digits and symbols
// under "#").
func (s *Site) TermsByLetter() []Group {
	var out []Group
	for _, t := range s.Terms {
		k := "#"
		for _, r := range strings.ToUpper(t.Title) {
			if r >= 'A' && r <= 'Z' || r > 127 && strings.ToLower(string(r)) != string(r) {
				k = string(r)
			}
			break
		}
		if n := len(out); n == 0 || out[n-1].Key != k {
			id := "letter-" + strings.ToLower(k)
			if k == "#" {
				id = "letter-other"
			}
			out = append(out, Group{Key: k, ID: id})
		}
		out[len(out)-1].Pages = append(out[len(out)-1].Pages, t)
	}
	return out
}

// EventsByYear groups the timeline by the year each event starts.
func (s *Site) EventsByYear() []Group {
	var out []Group
	for _, e := range s.Events {
		k := e.Date.ISO()
		if len(k) > 4 {
			k = k[:4]
		}
		if n := len(out); n == 0 || out[n-1].Key != k {
			out = append(out, Group{Key: k, ID: "year-" + k})
		}
		out[len(out)-1].Pages = append(out[len(out)-1].Pages, e)
	}
	return out
}

// CompareFold orders strings as strings.ToLower(a) and strings.ToLower(b)
// would, without allocating: sorting thousands of pages by title compares
// titles hundreds of thousands of times.
func CompareFold(a, b string) int {
	// ASCII first, byte by byte, as most titles are.
	for a != "" && b != "" && a[0] < utf8.RuneSelf && b[0] < utf8.RuneSelf {
		ca, cb := a[0], b[0]
		if 'A' <= ca && ca <= 'Z' {
			ca += 'a' - 'A'
		}
		if 'A' <= cb && cb <= 'Z' {
			cb += 'a' - 'A'
		}
		if ca != cb {
			return cmp.Compare(ca, cb)
		}
		a, b = a[1:], b[1:]
	}
	for a != "" && b != "" {
		ra, na := utf8.DecodeRuneInString(a)
		rb, nb := utf8.DecodeRuneInString(b)
		if ra != rb {
			la, lb := unicode.ToLower(ra), unicode.ToLower(rb)
			if la != lb {
				// ToLower maps invalid bytes to U+FFFD; compare them as such.
				return cmp.Compare(la, lb)
			}
		}
		a, b = a[na:], b[nb:]
	}
	return cmp.Compare(len(a), len(b))
}

// Section is a level-2 heading of a page's body: its anchor and its text.
type Section struct {
	ID, Text string
}

// TOC is the page's sections when it has enough of them (three or more)
// for a table of contents and the site draws one; nil otherwise.
func (p *Page) TOC() []Section {
	if len(p.Sections) < 3 || p.Site == nil || !p.Site.Pictures.TOC {
		return nil
	}
	return p.Sections
}
