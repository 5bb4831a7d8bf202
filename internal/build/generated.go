package build

import (
	"bytes"
	"cmp"
	"encoding/json"
	"encoding/xml"
	"slices"

	"github.com/counterpoint-ssg/counterpoint/internal/date"
	"github.com/counterpoint-ssg/counterpoint/internal/site"
)

func xmlText(b *bytes.Buffer, s string) {
	_ = xml.EscapeText(b, []byte(s))
}

// sitemap lists every page with its lastmod, for search engines.
func (b *builder) sitemap(pages []*site.Page) []byte {
	var out bytes.Buffer
	out.WriteString(xml.Header)
	out.WriteString(`<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">` + "\n")
	for _, p := range pages {
		if p.Kind == site.NotFound {
			continue
		}
		out.WriteString("<url><loc>")
		xmlText(&out, b.urls.Abs(p.URL))
		out.WriteString("</loc>")
		if lm := p.Lastmod(); !lm.IsZero() && p.Kind != site.List {
			out.WriteString("<lastmod>")
			out.WriteString(lm.ISO())
			out.WriteString("</lastmod>")
		}
		out.WriteString("</url>\n")
	}
	out.WriteString("</urlset>\n")
	return out.Bytes()
}

func (b *builder) robots() []byte {
	return []byte("User-agent: *\nAllow: /\n\nSitemap: " + b.urls.Abs("/sitemap.xml") + "\n")
}

// feed is an Atom feed of the site's own pages, newest change first.
func (b *builder) feed() []byte {
	s := b.site
	var entries []*site.Page
	for _, p := range s.All {
		if !p.IsEntry() {
			entries = append(entries, p)
		}
	}
	slices.SortStableFunc(entries, func(x, y *site.Page) int {
		return cmp.Or(date.Compare(y.Lastmod(), x.Lastmod()), site.ByTitle(x, y))
	})
	fallback := siteDate(s)
	// An entry without a date of its own takes the site's: Atom requires
	// one, and the epoch would claim the page is fifty years old.
	entryDate := func(p *site.Page) date.Date {
		if d := p.Lastmod(); !d.IsZero() {
			return d
		}
		return fallback
	}
	var newest date.Date
	if len(entries) == 0 {
		newest = fallback
	}
	for _, p := range entries {
		if date.Compare(entryDate(p), newest) > 0 {
			newest = entryDate(p)
		}
	}
	// A site where nothing is dated has no date to give, and gets no
	// <updated> rather than an invented one.
	updated := func(d date.Date) string {
		if d.IsZero() {
			return ""
		}
		return "<updated>" + d.Time().UTC().Format("2006-01-02T15:04:05Z") + "</updated>"
	}
	var out bytes.Buffer
	out.WriteString(xml.Header)
	out.WriteString(`<feed xmlns="http://www.w3.org/2005/Atom">` + "\n<title>")
	xmlText(&out, s.Title)
	out.WriteString("</title>\n")
	if s.Summary != "" {
		out.WriteString("<subtitle>")
		xmlText(&out, s.Summary)
		out.WriteString("</subtitle>\n")
	}
	out.WriteString(`<link href="`)
	xmlText(&out, b.urls.Abs("/"))
	out.WriteString(`"/>` + "\n" + `<link rel="self" href="`)
	xmlText(&out, b.urls.Abs("/atom.xml"))
	out.WriteString(`"/>` + "\n<id>")
	xmlText(&out, b.urls.Abs("/"))
	out.WriteString("</id>\n")
	if u := updated(newest); u != "" {
		out.WriteString(u + "\n")
	}
	for _, p := range entries {
		out.WriteString("<entry><title>")
		xmlText(&out, p.Title)
		out.WriteString(`</title><link href="`)
		xmlText(&out, b.urls.Abs(p.URL))
		out.WriteString(`"/><id>`)
		xmlText(&out, b.urls.Abs(p.URL))
		out.WriteString("</id>" + updated(entryDate(p)))
		if p.Summary != "" {
			out.WriteString("<summary>")
			xmlText(&out, p.Summary)
			out.WriteString("</summary>")
		}
		out.WriteString("<author><name>")
		xmlText(&out, s.Title)
		out.WriteString("</name></author></entry>\n")
	}
	out.WriteString("</feed>\n")
	return out.Bytes()
}

// siteDate is the date of the site as a whole, which the feed gives pages
// that carry none of their own: the home page's updated (or date), else
// the newest updated or date of any page; zero when nothing is dated.
func siteDate(s *site.Site) date.Date {
	if s.Home != nil && !s.Home.Lastmod().IsZero() {
		return s.Home.Lastmod()
	}
	var newest date.Date
	for _, p := range s.All {
		if date.Compare(p.Lastmod(), newest) > 0 {
			newest = p.Lastmod()
		}
	}
	return newest
}

// searchEntry is one record of the search index; short keys keep it small.
type searchEntry struct {
	URL     string `json:"u"`
	Title   string `json:"t"`
	Kind    string `json:"k"`
	Summary string `json:"s,omitempty"`
	Aliases string `json:"a,omitempty"`
	Who     string `json:"w,omitempty"`
	Date    string `json:"d,omitempty"`
	End     string `json:"e,omitempty"`
}

// searchIndex is the JSON the search box loads lazily.
func (b *builder) searchIndex() []byte {
	out, _ := json.Marshal(b.searchEntries())
	return append(out, '\n')
}

// searchEntries are the records of search-index.json, one per page, in
// the order of Site.All.
func (b *builder) searchEntries() []searchEntry {
	s := b.site
	entries := make([]searchEntry, 0, len(s.All))
	for _, p := range s.All {
		e := searchEntry{URL: b.urls.Rel(p.URL), Title: p.Title, Kind: string(p.Kind), Summary: p.Summary}
		if p.Kind == site.Term {
			e.Summary = p.Short
		}
		for i, a := range p.Aliases {
			if i > 0 {
				e.Aliases += "; "
			}
			e.Aliases += a
		}
		e.Who = cmp.Or(p.Claimant, p.Respondent, p.Role)
		if !p.Date.IsZero() {
			e.Date = p.Date.ISO()
		}
		if !p.End.IsZero() {
			e.End = p.End.ISO()
		}
		entries = append(entries, e)
	}
	return entries
}
