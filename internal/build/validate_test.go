package build

import (
	"context"
	"fmt"
	"reflect"
	"strings"
	"testing"
)

// TestValidation checks every class of content error with its exact
// path:line:col: message. Each case adds or replaces files of the base
// site (testdata/base.txtar).
func TestValidation(t *testing.T) {
	tests := []struct {
		name    string
		files   string
		baseURL string
		want    []string
	}{
		// Relations named in front matter.
		{
			name:  "unknown-responds-to",
			files: "-- content/counterpositions/x.md --\n---\ntitle: X\nresponds_to: [no-expansion, nothing-here]\n---\n",
			want:  []string{`content/counterpositions/x.md:3:29: responds_to: no page has the slug "nothing-here"`},
		},
		{
			name:  "unknown-related",
			files: "-- content/timeline/x.md --\n---\ntitle: X\ndate: 2020\nrelated:\n  - nato\n  - natoo\n---\n",
			want:  []string{`content/timeline/x.md:6:5: related: no page has the slug "natoo"; did you mean "nato"?`},
		},
		{
			name:  "responds-to-non-demand",
			files: "-- content/counterpositions/x.md --\n---\ntitle: X\nresponds_to:\n  - open-door\n  - nato\n  - minsk-ii\n---\n",
			want: []string{
				`content/counterpositions/x.md:4:5: responds_to: "open-door" is a counterposition, not a demand`,
				`content/counterpositions/x.md:5:5: responds_to: "nato" is a glossary term, not a demand`,
				`content/counterpositions/x.md:6:5: responds_to: "minsk-ii" is a timeline event, not a demand`,
			},
		},
		{
			name:  "responds-to-string",
			files: "-- content/counterpositions/x.md --\n---\ntitle: X\nresponds_to: no-expansion\n---\n",
			want:  []string{`content/counterpositions/x.md:3:14: responds_to must be a list (e.g. [a, b]), not the string "no-expansion"`},
		},
		{
			name:  "responds-to-item-not-string",
			files: "-- content/counterpositions/x.md --\n---\ntitle: X\nresponds_to: [no-expansion, [a], \"\"]\n---\n",
			want: []string{
				`content/counterpositions/x.md:3:29: each item of responds_to must be a non-empty string, not a list`,
				`content/counterpositions/x.md:3:34: each item of responds_to must be a non-empty string, not the string ""`,
			},
		},
		{
			name:  "related-string",
			files: "-- content/timeline/x.md --\n---\ntitle: X\ndate: 2020\nrelated: nato\n---\n",
			want:  []string{`content/timeline/x.md:4:10: related must be a list (e.g. [a, b]), not the string "nato"`},
		},

		// Slugs.
		{
			name:  "duplicate-slug",
			files: "-- content/glossary/no-expansion.md --\n---\ntitle: Expansion\nshort: Growth.\n---\n",
			want:  []string{`content/glossary/no-expansion.md:1:1: duplicate slug "no-expansion": content/demands/no-expansion.md already uses it (slugs are unique across all kinds)`},
		},
		{
			name:  "duplicate-slug-by-key",
			files: "-- content/actors/x.md --\n---\ntitle: X\nslug: lavrov\n---\n",
			want:  []string{`content/actors/x.md:1:1: duplicate slug "lavrov": content/actors/lavrov.md already uses it (slugs are unique across all kinds)`},
		},
		{
			name:  "bad-slug-key",
			files: "-- content/actors/x.md --\n---\ntitle: X\nslug: Bad_Slug\n---\n",
			want:  []string{`content/actors/x.md:3:7: slug "Bad_Slug": use lower-case letters, digits and single hyphens ([a-z0-9-]+)`},
		},
		{
			name:  "bad-slug-file-name",
			files: "-- content/demands/No Expansion.md --\n---\ntitle: X\n---\n",
			want:  []string{`content/demands/No Expansion.md:1:1: file name "No Expansion" is not a valid slug: rename the file or set slug: in the front matter ([a-z0-9-]+)`},
		},
		{
			name:  "bad-slug-double-hyphen",
			files: "-- content/demands/x.md --\n---\ntitle: X\nslug: a--b\n---\n",
			want:  []string{`content/demands/x.md:3:7: slug "a--b": use lower-case letters, digits and single hyphens ([a-z0-9-]+)`},
		},

		// Required keys, per kind.
		{
			name: "missing-title",
			files: "-- content/demands/x.md --\n---\nclaimant: Russia\n---\n" +
				"-- content/counterpositions/y.md --\n---\nresponds_to: [no-expansion]\n---\n" +
				"-- content/actors/z.md --\nNo front matter at all.\n" +
				"-- content/glossary/t.md --\n---\nshort: A term.\n---\n" +
				"-- content/timeline/e.md --\n---\ndate: 2020\n---\n" +
				"-- content/page.md --\n---\n---\nEmpty front matter.\n",
			want: []string{
				`content/actors/z.md:1:1: missing required key "title" for an actor`,
				`content/counterpositions/y.md:2:1: missing required key "title" for a counterposition`,
				`content/demands/x.md:2:1: missing required key "title" for a demand`,
				`content/glossary/t.md:2:1: missing required key "title" for a glossary term`,
				`content/page.md:2:1: missing required key "title" for a page`,
				`content/timeline/e.md:2:1: missing required key "title" for a timeline event`,
			},
		},
		{
			name:  "missing-home-title",
			files: "-- content/_index.md --\n---\nsummary: No title.\n---\n",
			want:  []string{`content/_index.md:2:1: missing required key "title" for a home page`},
		},
		{
			name:  "missing-home-page",
			files: "-- content/_index.md --\nDELETE\n",
			want:  []string{`content/_index.md:1:1: missing home page: every site needs content/_index.md with at least a title`},
		},
		{
			name:  "empty-title",
			files: "-- content/about.md --\n---\ntitle: \"  \"\n---\n",
			want:  []string{`content/about.md:2:8: title must not be empty`},
		},
		{
			name:  "missing-responds-to",
			files: "-- content/counterpositions/x.md --\n---\ntitle: X\nrespondent: NATO\n---\n",
			want:  []string{`content/counterpositions/x.md:2:1: missing required key "responds_to" for a counterposition`},
		},
		{
			name:  "missing-short",
			files: "-- content/glossary/x.md --\n---\ntitle: X\n---\n",
			want:  []string{`content/glossary/x.md:2:1: missing required key "short" for a glossary term`},
		},
		{
			name:  "empty-short",
			files: "-- content/glossary/x.md --\n---\ntitle: X\nshort: \"\"\n---\n",
			want:  []string{`content/glossary/x.md:3:8: short must not be empty`},
		},
		{
			name:  "missing-event-date",
			files: "-- content/timeline/x.md --\n---\ntitle: X\ndate:\n---\n",
			want:  []string{`content/timeline/x.md:2:1: missing required key "date" for a timeline event`},
		},

		// Dates.
		{
			name:  "malformed-dates",
			files: "-- content/timeline/x.md --\n---\ntitle: X\ndate: 2022-02-30\nend: 2022-13\n---\n" + "-- content/demands/y.md --\n---\ntitle: Y\ndate: 22-01-01\nupdated: yesterday\n---\n",
			want: []string{
				`content/demands/y.md:3:7: date: invalid date "22-01-01": use YYYY, YYYY-MM or YYYY-MM-DD`,
				`content/demands/y.md:4:10: updated: invalid date "yesterday": use YYYY, YYYY-MM or YYYY-MM-DD`,
				`content/timeline/x.md:3:7: date: impossible date "2022-02-30": February 2022 has 28 days`,
				`content/timeline/x.md:4:6: end: impossible date "2022-13": month 13`,
			},
		},
		{
			name:  "date-wrong-type",
			files: "-- content/timeline/x.md --\n---\ntitle: X\ndate: [2022]\n---\n" + "-- content/timeline/y.md --\n---\ntitle: Y\ndate: true\n---\n",
			want: []string{
				`content/timeline/x.md:3:7: date must be a date (YYYY, YYYY-MM or YYYY-MM-DD), not a list`,
				`content/timeline/y.md:3:7: date must be a date (YYYY, YYYY-MM or YYYY-MM-DD), not a boolean`,
			},
		},
		{
			name:  "time-where-date-expected",
			files: "-- content/timeline/x.md --\n---\ntitle: X\ndate: 2022-02-01T10:00:00Z\n---\n",
			want:  []string{`content/timeline/x.md:3:7: date: invalid date "2022-02-01T10:00:00Z": use YYYY, YYYY-MM or YYYY-MM-DD`},
		},
		{
			name:  "end-before-date",
			files: "-- content/timeline/x.md --\n---\ntitle: X\ndate: 2022-02-01\nend: 2022-01\n---\n",
			want:  []string{`content/timeline/x.md:4:6: end 2022-01 is before date 2022-02-01`},
		},
		{
			name:  "source-date",
			files: "-- content/about.md --\n---\ntitle: About\nsources:\n  - title: A report\n    date: 2021-02-29\n---\n",
			want:  []string{`content/about.md:5:11: date: impossible date "2021-02-29": February 2021 has 28 days`},
		},

		// Types.
		{
			name:  "weight-string",
			files: "-- content/demands/x.md --\n---\ntitle: X\nweight: \"x\"\n---\n",
			want:  []string{`content/demands/x.md:3:9: weight must be a whole number, not the string "x"`},
		},
		{
			name:  "weight-float",
			files: "-- content/demands/x.md --\n---\ntitle: X\nweight: 1.5\n---\n",
			want:  []string{`content/demands/x.md:3:9: weight must be a whole number, not 1.5`},
		},
		{
			name:  "draft-string",
			files: "-- content/demands/x.md --\n---\ntitle: X\ndraft: \"yes\"\n---\n",
			want:  []string{`content/demands/x.md:3:8: draft must be true or false, not the string "yes"`},
		},
		{
			name:  "title-list",
			files: "-- content/demands/x.md --\n---\ntitle: [a, b]\n---\n",
			want:  []string{`content/demands/x.md:2:8: title must be a string, not a list`},
		},
		{
			name:  "summary-map",
			files: "-- content/demands/x.md --\n---\ntitle: X\nsummary:\n  a: b\n---\n",
			want:  []string{`content/demands/x.md:4:3: summary must be a string, not a mapping`},
		},
		{
			name:  "aliases-string",
			files: "-- content/glossary/x.md --\n---\ntitle: X\nshort: Y\naliases: Z\n---\n",
			want:  []string{`content/glossary/x.md:4:10: aliases must be a list (e.g. [a, b]), not the string "Z"`},
		},
		{
			name:  "sources-string",
			files: "-- content/about.md --\n---\ntitle: About\nsources: a report\n---\n",
			want:  []string{`content/about.md:3:10: sources must be a list of {title, publisher, date, url}, not the string "a report"`},
		},
		{
			name:  "source-shape",
			files: "-- content/about.md --\n---\ntitle: About\nsources:\n  - just a title\n  - publisher: P\n  - title: T\n    url: javascript:alert(1)\n---\n",
			want: []string{
				`content/about.md:4:5: each source must be a mapping with title, publisher, date and url, not the string "just a title"`,
				`content/about.md:5:5: a source needs a title`,
				`content/about.md:7:10: source url "javascript:alert(1)" must be an http(s) URL`,
			},
		},
		{
			name:  "stated-in-out-of-range",
			files: "-- content/demands/x.md --\n---\ntitle: X\nstated_by: Someone\nstated_in: 2\nsources:\n  - title: T\n    publisher: P\n---\n",
			want:  []string{`content/demands/x.md:4:12: stated_in is 2 but the page lists 1 sources; give the number of the source that records the first statement`},
		},
		{
			name:  "stated-in-not-number",
			files: "-- content/counterpositions/x.md --\n---\ntitle: X\nresponds_to: []\nstated_in: first\n---\n",
			want: []string{
				`content/counterpositions/x.md:3:14: responds_to is empty: name the demands this page answers, e.g. responds_to: [demand-slug] (or set draft: true until it is ready)`,
				`content/counterpositions/x.md:4:12: stated_in must be a whole number, not the string "first"`,
			},
		},
		{
			name:  "toml-wrong-type",
			files: "-- content/demands/x.md --\n+++\ntitle = \"X\"\nweight = \"heavy\"\n+++\n",
			want:  []string{`content/demands/x.md:3:1: weight must be a whole number, not the string "heavy"`},
		},
		{
			name:  "unsafe-not-bool",
			files: "-- content/_index.md --\n---\ntitle: Site\nunsafe: \"yes\"\n---\n",
			want:  []string{`content/_index.md:3:9: unsafe must be true or false, not the string "yes"`},
		},

		// Front matter and file problems.
		{
			name:  "yaml-syntax",
			files: "-- content/demands/x.md --\n---\ntitle: X\nsummary: [unclosed\n---\n",
			// The YAML parser reports the line before the flow list.
			want: []string{"content/demands/x.md:2:1: invalid YAML front matter: this list is never closed (opened at line 3, column 10): end it with ]\n\t(the YAML parser said: did not find expected ',' or ']')"},
		},
		{
			name:  "unclosed-front-matter",
			files: "-- content/demands/x.md --\n---\ntitle: X\n",
			want:  []string{`content/demands/x.md:1:1: front matter opened with "---" is never closed`},
		},
		{
			name:  "duplicate-key",
			files: "-- content/demands/x.md --\n---\ntitle: X\ntitle: Y\n---\n",
			want:  []string{`content/demands/x.md:3:1: key "title" appears twice`},
		},
		{
			name:  "nul-byte",
			files: "-- content/demands/x.md --\n---\ntitle: X\n---\nab\x00c\n",
			want:  []string{`content/demands/x.md:4:3: file contains a NUL byte: is it binary? Markdown files must be text`},
		},
		{
			name:  "invalid-utf8",
			files: "-- content/demands/x.md --\n---\ntitle: X\n---\n\xff\n",
			want:  []string{`content/demands/x.md:4:1: invalid UTF-8: save the file as UTF-8`},
		},
		{
			name:  "index-in-section",
			files: "-- content/demands/index.md --\n---\ntitle: X\n---\n",
			want:  []string{`content/demands/index.md:1:1: index.md directly in a section directory is not a page: use content/demands/_index.md for the section's own page`},
		},
		{
			name:  "bad-base-url-setting",
			files: "-- content/_index.md --\n---\ntitle: Site\nbase_url: example.org\n---\n",
			want:  []string{`content/_index.md:1:1: base URL "example.org" must be an absolute http(s) URL or a path starting with /`},
		},

		// A page with a bad field is still known to the rest of the site:
		// its one error does not turn into errors in every page naming it.
		{
			name: "no-cascade",
			files: "-- content/demands/no-expansion.md --\n---\ntitle: No further NATO expansion\nweight: heavy\n---\n" +
				"-- content/about.md --\n---\ntitle: About\n---\n[[no-expansion]] [x](/demands/no-expansion/)\n",
			want: []string{`content/demands/no-expansion.md:3:9: weight must be a whole number, not the string "heavy"`},
		},

		// Several problems in several files are all reported, sorted.
		{
			name: "all-at-once",
			files: "-- content/counterpositions/x.md --\n---\ntitle: X\nweight: x\nresponds_to: [nato]\n---\n[[nobody]]\n" +
				"-- content/timeline/y.md --\n---\ntitle: Y\ndate: 2022-02-30\nrelated: [ghost]\n---\n",
			want: []string{
				`content/counterpositions/x.md:3:9: weight must be a whole number, not the string "x"`,
				`content/counterpositions/x.md:4:15: responds_to: "nato" is a glossary term, not a demand`,
				`content/counterpositions/x.md:6:1: unknown link target [[nobody]]: no page or term has this slug, title or alias`,
				`content/timeline/y.md:3:7: date: impossible date "2022-02-30": February 2022 has 28 days`,
				`content/timeline/y.md:4:11: related: no page has the slug "ghost"`,
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := buildErrors(t, Inputs{FS: baseSite(t, tt.files), BaseURL: tt.baseURL})
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("errors:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}

// TestBadBaseURLFlag: a bad Inputs.BaseURL (the --base-url flag) is the
// caller's mistake, reported as a plain error rather than against a file.
func TestBadBaseURLFlag(t *testing.T) {
	for _, u := range []string{"ftp://example.org/", "example.org/sub/", "https:///nohost", "//example.org/", "//example.org/sub/"} {
		t.Run(u, func(t *testing.T) {
			_, err := Build(context.Background(), Inputs{FS: baseSite(t, ""), BaseURL: u})
			want := fmt.Sprintf("base URL %q must be an absolute http(s) URL or a path starting with /", u)
			if strings.HasPrefix(u, "//") {
				want = fmt.Sprintf("base URL %q has no scheme: write https:%s (the site needs its full address for the feed and sitemap)", u, u)
			}
			if err == nil || IsContentError(err) || err.Error() != want {
				t.Errorf("error = %v (content error: %v), want %q", err, IsContentError(err), want)
			}
		})
	}
}
