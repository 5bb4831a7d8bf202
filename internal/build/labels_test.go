package build

import (
	"encoding/json"
	"fmt"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/counterpoint-ssg/counterpoint/internal/i18n"
	"github.com/counterpoint-ssg/counterpoint/internal/site"
)

// labelSite is a site whose own text has no English word, so that any
// English left in its pages comes from the layouts. It has every shape a
// label is shown for: an answered and an unanswered demand, answers to one
// and to two demands, both timeline eras, sources of one and of many,
// aliases, actors with neighbours, a page linked from the home page.
const labelSite = `-- content/demands/alpha.md --
---
title: Alfa
claimant: Ipsum
date: 2020-07-01
stated_by: Dolor
stated_in: 1
updated: 2020-09-01
sources:
  - {title: Fons, publisher: Editor, date: 2020-07-01, url: "https://example.org/a"}
---
Lorem [[zeta]] [[kappa]] [[iota]].
-- content/demands/beta.md --
---
title: Beta
claimant: Ipsum
---
## Unum

Lorem.

## Duo

Lorem.

## Tres

Lorem.
-- content/demands/delta.md --
---
title: Delta
claimant: Ipsum
---
Lorem.
-- content/counterpositions/gamma.md --
---
title: Gamma
respondent: Sit
responds_to: [alpha, beta]
---
Lorem [[zeta]].
-- content/counterpositions/epsilon.md --
---
title: Epsilon
respondent: Sit
responds_to: [alpha]
---
Lorem.
-- content/glossary/zeta.md --
---
title: Zeta
short: Amet.
aliases: [Zetae]
---
Lorem [[iota]].
-- content/timeline/eta.md --
---
title: Eta
date: 2019-05
related: [alpha]
sources:
  - {title: Fons, publisher: Editor, url: "https://example.org/b"}
---
Lorem [[iota]].
-- content/timeline/theta.md --
---
title: Theta
date: 2020-08-01
related: [alpha]
sources:
  - {title: Fons, publisher: Editor, url: "https://example.org/c"}
  - {title: Fons secunda, publisher: Editor, url: "https://example.org/d"}
---
Lorem.
-- content/actors/kappa.md --
---
title: Kappa
role: Consectetur
---
Lorem.
-- content/actors/lambda.md --
---
title: Lambda
role: Consectetur
---
Lorem.
-- content/iota.md --
---
title: Iota
---
Lorem.
-- content/omicron.md --
---
title: Omicron
---
Lorem [[iota]].
`

// labelMarker is the test's word for key: unique, and keeping the value's
// placeholders.
func labelMarker(key string) string {
	m := "Q" + strings.ReplaceAll(key, "_", "") + "Q"
	for _, ph := range regexp.MustCompile(`\{\w+\}`).FindAllString(site.Labels[key], -1) {
		m += " " + ph
	}
	return m
}

// labelHome is a home page that overrides every label.
func labelHome(withLinks bool) string {
	var b strings.Builder
	b.WriteString("-- content/_index.md --\n---\ntitle: Lorem\ncrisis_from: 2020-06\nlabels:\n")
	for _, k := range site.LabelKeys() {
		fmt.Fprintf(&b, "  %s: %q\n", k, labelMarker(k))
	}
	b.WriteString("---\nLorem")
	if withLinks {
		b.WriteString(" [[alpha]] [[iota]]")
	}
	b.WriteString(".\n")
	return b.String()
}

var (
	scriptBlock = regexp.MustCompile(`(?s)<script.*?</script>`)
	tag         = regexp.MustCompile(`(?s)<[^>]*>`)
	shownAttr   = regexp.MustCompile(`\s(?:aria-label|placeholder|title|content|alt)="([^"]*)"`)
)

// shownText is what a reader (or a screen reader) gets of a page: its text
// and the attributes that are read out or shown.
func shownText(html string) string {
	html = scriptBlock.ReplaceAllString(html, " ")
	var b strings.Builder
	for _, m := range shownAttr.FindAllStringSubmatch(html, -1) {
		b.WriteString(m[1] + "\n")
	}
	b.WriteString(tag.ReplaceAllString(html, " "))
	return b.String()
}

// TestLabels builds a site that overrides every label: each override
// appears in its pages, and no built-in English word is left in them.
func TestLabels(t *testing.T) {
	full := mapFS(labelSite + labelHome(true))
	empty := mapFS(labelHome(false)) // lists, glossary and timeline with nothing in them
	var pages, raw []string
	for _, in := range []Inputs{{FS: full}, {FS: empty}} {
		res := mustBuild(t, in)
		for _, name := range res.Paths() {
			if strings.HasSuffix(name, ".html") {
				html := file(t, res, name)
				pages = append(pages, name+"\n"+shownText(html))
				raw = append(raw, html)
			}
		}
		sameWithTemplates(t, in)
	}
	// The script's words are in data-labels, for it to show.
	all := strings.Join(raw, "\n")
	// The build gives neighbours only to demands, counterpositions and
	// actors: these are for layouts that give them to other pages.
	unshown := map[string]bool{"kinds_page": true, "prev_page": true, "next_page": true,
		// Only large sites and drafts show these: TestMapLabels.
		"map_more": true, "map_sides_desc": true, "map_too_big": true, "map_unnamed": true}
	for _, k := range site.LabelKeys() {
		if unshown[k] {
			continue
		}
		m := strings.SplitN(labelMarker(k), " ", 2)[0]
		if !strings.Contains(all, m) {
			t.Errorf("label %s: its override %q is on no page", k, m)
		}
	}
	for _, k := range site.LabelKeys() {
		for _, piece := range regexp.MustCompile(`\{\w+\}`).Split(site.Labels[k], -1) {
			piece = strings.Trim(piece, " ;,.:")
			if piece == "" {
				continue
			}
			word := regexp.MustCompile(`(^|[^\pL])` + regexp.QuoteMeta(piece) + `($|[^\pL])`)
			for _, p := range pages {
				if loc := word.FindStringIndex(p); loc != nil {
					name, _, _ := strings.Cut(p, "\n")
					t.Errorf("%s: the default English of label %s (%q) is left: ...%s...", name, k, piece, p[max(0, loc[0]-40):min(len(p), loc[1]+40)])
					break
				}
			}
		}
	}
}

// TestLabelErrors checks that a misspelt key or a value of the wrong type
// is reported where it is written.
func TestLabelErrors(t *testing.T) {
	fsys := baseSite(t, "-- content/_index.md --\n---\ntitle: Test site\nlabels:\n  answerd_by: Replies\n  sources: [a, b]\n---\nText.\n")
	got := strings.Join(buildErrors(t, Inputs{FS: fsys}), "\n")
	for _, want := range []string{
		`content/_index.md:4:3: labels: no label "answerd_by"`,
		`content/_index.md:5:12: labels: sources must be a string, not a list`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("errors:\n%s\nwant one starting %s", got, want)
		}
	}
}

// TestScriptLabels checks that the script's own English is the table's,
// key for key, so a page without data-labels reads as one with the
// defaults written out; and that a site's words reach data-labels.
func TestScriptLabels(t *testing.T) {
	js, err := os.ReadFile("../assets/defaults/site.js")
	if err != nil {
		t.Fatal(err)
	}
	_, block, _ := strings.Cut(string(js), "var EN = {")
	block, _, _ = strings.Cut(block, "};")
	en := map[string]string{}
	for _, m := range regexp.MustCompile(`(\w+): "([^"]*)"`).FindAllStringSubmatch(block, -1) {
		en[m[1]] = m[2]
	}
	all := &site.Site{Labels: map[string]string{}}
	for _, k := range site.LabelKeys() {
		all.Labels[k] = "x"
	}
	var keys map[string]string
	if err := json.Unmarshal([]byte(all.ScriptLabels()), &keys); err != nil {
		t.Fatal(err)
	}
	if len(keys) != len(en) {
		t.Errorf("the script has %d words, data-labels %d", len(en), len(keys))
	}
	for k := range keys {
		if en[k] != site.Labels[k] {
			t.Errorf("site.js says %s is %q, the table %q", k, en[k], site.Labels[k])
		}
	}
	res := mustBuild(t, Inputs{FS: defaultLayoutSite(t, "-- content/_index.md --\n---\ntitle: Test site\nlabels: {search_no_results: Nichts gefunden., answered_by: Erwidert von}\n---\nText.\n")})
	if got := file(t, res, "index.html"); !strings.Contains(got, ` data-labels="{&#34;search_no_results&#34;:&#34;Nichts gefunden.&#34;}">`) {
		t.Errorf("data-labels missing or wrong:\n%s", section(t, got, "<body", ">"))
	}
	if got := file(t, mustBuild(t, Inputs{FS: defaultLayoutSite(t, "")}), "index.html"); strings.Contains(got, "data-labels") {
		t.Errorf("an English site carries data-labels")
	}
}

// TestLanguageSites builds the label fixture in German and in Russian,
// with no labels of its own: no English interface word is left on any
// page, dates are written the language's way, and lang is set.
func TestLanguageSites(t *testing.T) {
	months := regexp.MustCompile(`\b(January|February|March|April|May|June|July|August|September|October|November|December)\b`)
	for _, c := range []struct {
		lang  string
		dates []string
	}{
		{"de", []string{"1. Juli 2020", "Mai 2019", "1. September 2020", "1. August 2020"}},
		{"ru", []string{"1 июля 2020 г.", "май 2019 г.", "1 сентября 2020 г.", "1 августа 2020 г."}},
	} {
		t.Run(c.lang, func(t *testing.T) {
			words := i18n.Labels(c.lang)
			home := "-- content/_index.md --\n---\ntitle: Lorem\nlanguage: " + c.lang + "\ncrisis_from: 2020-06\n---\nLorem [[alpha]] [[iota]].\n"
			var pages []string
			for _, in := range []Inputs{{FS: mapFS(labelSite + home)}, {FS: mapFS(home[:strings.Index(home, "Lorem [[")] + "Lorem.\n")}} {
				res := mustBuild(t, in)
				for _, name := range res.Paths() {
					if !strings.HasSuffix(name, ".html") {
						continue
					}
					html := file(t, res, name)
					if !strings.HasPrefix(html, "<!doctype html>\n<html lang=\""+c.lang+"\">") {
						t.Errorf("%s: %.60q", name, html)
					}
					pages = append(pages, name+"\n"+shownText(html))
				}
				sameWithTemplates(t, in)
			}
			all := strings.Join(pages, "\n")
			for _, d := range c.dates {
				if !strings.Contains(all, d) {
					t.Errorf("no page writes the date %q", d)
				}
			}
			for _, m := range months.FindAllString(all, -1) {
				if !strings.Contains(strings.Join(c.dates, " "), m) { // German writes August as August
					t.Errorf("an English month is left: %s", m)
					break
				}
			}
			for _, k := range site.LabelKeys() {
				for _, piece := range regexp.MustCompile(`\{\w+\}`).Split(site.Labels[k], -1) {
					piece = strings.Trim(piece, " ;,.:")
					if piece == "" || strings.Contains(words[k], piece) {
						continue // the same word in both languages ("Atom")
					}
					word := regexp.MustCompile(`(^|[^\pL])` + regexp.QuoteMeta(piece) + `($|[^\pL])`)
					for _, p := range pages {
						if loc := word.FindStringIndex(p); loc != nil {
							name, _, _ := strings.Cut(p, "\n")
							t.Errorf("%s: the English of %s (%q) is left: ...%s...", name, k, piece, p[max(0, loc[0]-40):min(len(p), loc[1]+40)])
							break
						}
					}
				}
			}
		})
	}
}

// TestRTLSite checks a right-to-left language sets dir on every page, and
// a left-to-right one does not.
func TestRTLSite(t *testing.T) {
	for lang, want := range map[string]string{"ar": `<html lang="ar" dir="rtl">`, "he": `<html lang="he" dir="rtl">`, "de": `<html lang="de">`} {
		res := mustBuild(t, Inputs{FS: mapFS(labelSite + "-- content/_index.md --\n---\ntitle: Lorem\nlanguage: " + lang + "\n---\nLorem.\n")})
		for _, name := range res.Paths() {
			if strings.HasSuffix(name, ".html") && !strings.Contains(file(t, res, name), want) {
				t.Errorf("%s in %s: no %s", name, lang, want)
			}
		}
	}
}
