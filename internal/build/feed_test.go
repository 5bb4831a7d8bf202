package build

import (
	"encoding/xml"
	"strings"
	"testing"
)

// TestFeedDates checks the <updated> of every feed entry: a page's own
// updated or date, else the site's date (the home page's updated, else the
// newest date of any page, events included), and never the epoch.
func TestFeedDates(t *testing.T) {
	type feed struct {
		Updated string `xml:"updated"`
		Entries []struct {
			Title   string `xml:"title"`
			Updated string `xml:"updated"`
		} `xml:"entry"`
	}
	for _, tt := range []struct {
		name, overlay string
		want          map[string]string // entry title -> updated; "" for the feed itself
	}{
		{"home-updated", "", map[string]string{
			"":                           "2022-02-02T00:00:00Z",
			"About":                      "2022-02-02T00:00:00Z", // no date: the home page's
			"No further NATO expansion":  "2022-01-10T00:00:00Z", // its own updated
			"Legally binding guarantees": "2021-12-01T00:00:00Z", // its own date
		}},
		{"newest-page", "-- content/_index.md --\n---\ntitle: Test site\n---\n" +
			"-- content/timeline/late.md --\n---\ntitle: Late\ndate: 2022-03-05\n---\n", map[string]string{
			"":      "2022-03-05T00:00:00Z",
			"About": "2022-03-05T00:00:00Z", // no date, no home date: the newest event's
		}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			res := mustBuild(t, Inputs{FS: baseSite(t, tt.overlay)})
			var f feed
			if err := xml.Unmarshal(res.Files["atom.xml"], &f); err != nil {
				t.Fatal(err)
			}
			got := map[string]string{"": f.Updated}
			for _, e := range f.Entries {
				if e.Updated == "" || e.Updated == "1970-01-01T00:00:00Z" {
					t.Errorf("%s: updated %q", e.Title, e.Updated)
				}
				got[e.Title] = e.Updated
			}
			for title, want := range tt.want {
				if got[title] != want {
					t.Errorf("%q: updated %q, want %q", title, got[title], want)
				}
			}
		})
	}
	res := mustBuild(t, Inputs{FS: mapFS("-- content/_index.md --\n---\ntitle: Undated\n---\n-- content/about.md --\n---\ntitle: About\n---\n")})
	if feed := file(t, res, "atom.xml"); strings.Contains(feed, "1970") {
		t.Errorf("a site without dates got the epoch:\n%s", feed)
	}
}
