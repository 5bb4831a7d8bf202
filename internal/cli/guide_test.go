package cli_test

import (
	"bytes"
	"image"
	"image/png"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// guideCase is one mistake a writer makes, and the exact message that must
// lead them to the fix.
type guideCase struct {
	name  string
	files string   // txtar written over the script site
	want  []string // standard error of check, line by line, without the count line
	// warn says want are warnings: check passes, check --strict fails.
	warn bool
}

// TestGuidance makes each mistake of issue 14 on purpose in a fresh site
// and runs the real command line: the message must say how to fix it.
func TestGuidance(t *testing.T) {
	for _, c := range guideCases() {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			site := filepath.Join(t.TempDir(), "site")
			if err := writeSite(site); err != nil {
				t.Fatal(err)
			}
			overlay(t, site, c.files)
			check := func(wantCode int, args ...string) {
				t.Helper()
				code, _, stderr := runCLI(append([]string{"check", "--source", site}, args...)...)
				stderr = strings.ReplaceAll(stderr, site+string(filepath.Separator), "")
				lines := strings.Split(strings.TrimSuffix(stderr, "\n"), "\n")
				if len(lines) > 0 && strings.HasPrefix(lines[len(lines)-1], "counterpoint: ") {
					lines = lines[:len(lines)-1]
				}
				if code != wantCode || strings.Join(lines, "\n") != strings.Join(c.want, "\n") {
					t.Errorf("check %q: status %d, stderr:\n%s\nwant status %d and:\n%s", args, code, stderr, wantCode, strings.Join(c.want, "\n"))
				}
			}
			if c.warn {
				check(0)
			}
			check(1, "--strict")
		})
	}
}

// mdFile is a txtar file of one page: front matter fm, then body.
func mdFile(name, fm, body string) string {
	return "-- " + name + " --\n---\n" + fm + "---\n" + body
}

func guideCases() []guideCase {
	page := mdFile
	return []guideCase{
		{name: "link-typo", files: page("content/about.md", "title: About\n", "See [[natoo]].\n"), want: []string{
			`content/about.md:4:5: unknown link target [[natoo]]: no page or term has this slug, title or alias; did you mean [[nato]]?`,
		}},
		{name: "link-transposed", files: page("content/about.md", "title: About\n", "See [[no-expnasion]].\n"), want: []string{
			`content/about.md:4:5: unknown link target [[no-expnasion]]: no page or term has this slug, title or alias; did you mean [[no-expansion]]?`,
		}},
		{name: "link-spaces-for-hyphens", files: page("content/about.md", "title: About\n", "See [[open door]].\n"), want: []string{
			`content/about.md:4:5: unknown link target [[open door]]: no page or term has this slug, title or alias; did you mean [[open-door]]?`,
		}},
		{name: "link-title-typo", files: page("content/about.md", "title: About\n", "See [[Sergey Lavrvo]].\n"), want: []string{
			`content/about.md:4:5: unknown link target [[Sergey Lavrvo]]: no page or term has this slug, title or alias; did you mean [[lavrov]]?`,
		}},
		{name: "link-nothing-close", files: page("content/about.md", "title: About\n", "See [[zanzibar]].\n"), want: []string{
			`content/about.md:4:5: unknown link target [[zanzibar]]: no page or term has this slug, title or alias`,
		}},
		{name: "heading-as-written", files: page("content/demands/no-expansion.md", "title: No further NATO expansion\nclaimant: Russia\ndate: 2021-12-17\n", "## The argument\n\nText.\n") +
			page("content/about.md", "title: About\n", "See [[no-expansion#The argument]] and [[no-expansion#the-arguments]].\n"), want: []string{
			`content/about.md:4:5: unknown heading [[no-expansion#The argument]]: content/demands/no-expansion.md has no heading with id "The argument"; did you mean [[no-expansion#the-argument]]?`,
			`content/about.md:4:39: unknown heading [[no-expansion#the-arguments]]: content/demands/no-expansion.md has no heading with id "the-arguments"; did you mean [[no-expansion#the-argument]]?`,
		}},
		{name: "fragment-typo", files: page("content/about.md", "title: About\n", "## Method\n\nSee [above](#methd).\n"), want: []string{
			`content/about.md:6:5: unknown heading #methd: this page has no heading with that id; did you mean #method?`,
		}},
		{name: "link-to-draft", files: page("content/glossary/cordon.md", "title: Cordon\nshort: A line.\ndraft: true\n", "Text.\n") +
			page("content/about.md", "title: About\n", "See [[cordon]].\n"), want: []string{
			`content/about.md:4:5: link to a draft [[cordon]]: content/glossary/cordon.md is a draft (draft: true): remove that line to publish it, or build with --drafts to include drafts`,
		}},
		{name: "responds-to-typo", files: page("content/counterpositions/open-door.md", "title: The open door\nrespondent: NATO\nresponds_to: [no-expansoin]\n", "Text.\n"), want: []string{
			`content/counterpositions/open-door.md:4:15: responds_to: no page has the slug "no-expansoin"; did you mean "no-expansion"?`,
		}},
		{name: "related-to-draft", files: page("content/actors/putin.md", "title: Putin\ndraft: true\n", "Text.\n") +
			page("content/timeline/minsk-ii.md", "title: Minsk II\ndate: 2015-02-12\nrelated: [putin]\n", "Text.\n"), want: []string{
			`content/timeline/minsk-ii.md:4:11: related: "putin" is not published: content/actors/putin.md is a draft (draft: true): remove that line to publish it, or build with --drafts to include drafts`,
		}},
		{name: "yaml-unclosed-quote", files: page("content/actors/lavrov.md", "title: \"Sergey Lavrov\nrole: Foreign minister of Russia\n", "Minister.\n"), want: []string{
			"content/actors/lavrov.md:4:1: invalid YAML front matter: this quote is never closed (opened at line 2, column 8): end the value of title with \"\n" +
				"\t(the YAML parser said: found unexpected end of stream)",
		}},
		{name: "yaml-unclosed-quote-before-quoted", files: page("content/actors/lavrov.md", "title: \"Sergey Lavrov\nrole: \"Foreign minister\"\n", "Minister.\n"), want: []string{
			"content/actors/lavrov.md:2:1: invalid YAML front matter: this quote is never closed (opened at line 2, column 8): end the value of title with \"\n" +
				"\t(the YAML parser said: did not find expected key)",
		}},
		{name: "yaml-colon-in-value", files: page("content/actors/lavrov.md", "title: Lavrov: the minister\nrole: Minister\n", "Minister.\n"), want: []string{
			"content/actors/lavrov.md:2:8: invalid YAML front matter: a value containing \": \" must be quoted: write title: \"Lavrov: the minister\"\n" +
				"\t(the YAML parser said: mapping values are not allowed in this context)",
		}},
		{name: "yaml-tab", files: page("content/actors/lavrov.md", "title: Lavrov\n\trole: Minister\n", "Minister.\n"), want: []string{
			"content/actors/lavrov.md:3:1: invalid YAML front matter: use spaces, not tabs, to indent\n" +
				"\t(the YAML parser said: found a tab character that violates indentation)",
		}},
		{name: "toml-colon", files: "-- content/actors/lavrov.md --\n+++\ntitle = \"Lavrov\"\nrole: Minister\n+++\nText.\n", want: []string{
			"content/actors/lavrov.md:3:1: invalid TOML front matter: TOML sets a key with \"=\", not \":\": write role = \"Minister\"\n" +
				"\t(the TOML parser said: toml: expected '=' after key)",
		}},
		{name: "toml-unquoted", files: "-- content/actors/lavrov.md --\n+++\ntitle = Sergey Lavrov\n+++\nText.\n", want: []string{
			"content/actors/lavrov.md:2:9: invalid TOML front matter: a text value must be quoted: write title = \"Sergey Lavrov\"\n" +
				"\t(the TOML parser said: toml: unexpected character U+0053 'S' at start of value)",
		}},
		// One broken file, one error: the links, responds_to and related
		// naming its slug are not reported as well.
		{name: "no-cascade", files: page("content/demands/no-expansion.md", "title: No expansion: ever\nclaimant: Russia\n", "Text.\n"), want: []string{
			"content/demands/no-expansion.md:2:8: invalid YAML front matter: a value containing \": \" must be quoted: write title: \"No expansion: ever\"\n" +
				"\t(the YAML parser said: mapping values are not allowed in this context)",
		}},
		{name: "unknown-key", warn: true, files: page("content/counterpositions/open-door.md", "title: The open door\nrespondnt: NATO\nresponds_to: [no-expansion]\n", "Text.\n"), want: []string{
			`content/counterpositions/open-door.md:3:1: warning: unknown key "respondnt" for a counterposition: no layout shows it (it is kept as .Params.respondnt); did you mean "respondent"?`,
		}},
		{name: "unknown-key-far", warn: true, files: page("content/glossary/nato.md", "title: NATO\nshort: The alliance.\ncolour: blue\n", "Text.\n"), want: []string{
			`content/glossary/nato.md:4:1: warning: unknown key "colour" for a glossary term: no layout shows it (it is kept as .Params.colour)`,
		}},
		{name: "image-without-alt", warn: true, files: page("content/about.md", "title: About\n", "A map: ![](/files/map.png)\n"), want: []string{
			`content/about.md:4:8: warning: image without alt text: describe it between the brackets, ![what it shows](...), for readers who cannot see it`,
		}},
		{name: "external-image", warn: true, files: page("content/about.md", "title: About\n", "![A map](https://maps.example.com/cordon.png)\n"), want: []string{
			`content/about.md:4:1: warning: image from another site (maps.example.com): the site's Content-Security-Policy blocks it in the browser; add maps.example.com to image_hosts in content/_index.md, or copy the file into content/ and link it by its path`,
		}},
		{name: "pasted-iframe", warn: true, files: page("content/about.md", "title: About\n", "Text.\n\n<iframe src=\"https://video.example.com/x\"></iframe>\n"), want: []string{
			`content/about.md:6:1: warning: an embed (<iframe>) is shown as text, as unsafe is off: write it in Markdown, or set unsafe: true in content/_index.md to let HTML through`,
		}},
		{name: "inline-html", warn: true, files: page("content/about.md", "title: About\n", "Some <b>bold</b> text.\n"), want: []string{
			`content/about.md:4:6: warning: raw HTML is shown as text, as unsafe is off: write it in Markdown, or set unsafe: true in content/_index.md to let HTML through`,
		}},
		{name: "bundle-image-typo", files: page("content/demands/cordon/index.md", "title: A cordon\nclaimant: Russia\n", "![The map](cordon-map.png) and ![The old map](cordon-mapp.png)\n") +
			"-- content/demands/cordon/cordon-map.png --\nnot really a png\n", want: []string{
			`content/demands/cordon/index.md:5:32: missing image "cordon-mapp.png": nothing is published at /demands/cordon/cordon-mapp.png; did you mean "cordon-map.png"?`,
		}},
		{name: "bad-image-host", files: page("content/_index.md", "title: Script site\nimage_hosts: [\"https://maps.example.com/\"]\n", "Russia asks for [[no-expansion]]; NATO answers with [[open-door]].\n"), want: []string{
			`content/_index.md:3:15: image_hosts: "https://maps.example.com/" is not a host name: write the name alone, as in maps.example.org`,
		}},
		{name: "link-typo-to-draft", files: page("content/glossary/cordon.md", "title: Cordon\nshort: A line.\ndraft: true\n", "Text.\n") +
			page("content/about.md", "title: About\n", "See [[cordn]].\n"), want: []string{
			`content/about.md:4:5: unknown link target [[cordn]]: no page or term has this slug, title or alias; did you mean [[cordon]]?`,
		}},
	}
}

// TestScaffoldPublished runs counterpoint new, removes draft: true as a
// writer would when done, and checks: every placeholder the scaffold left
// is an error naming its key or the sentence.
func TestScaffoldPublished(t *testing.T) {
	site := filepath.Join(t.TempDir(), "site")
	if err := writeSite(site); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{{"counterposition", "flat-fee"}, {"term", "cordon"}, {"event", "vote-day"}} {
		if code, _, stderr := runCLI(append([]string{"new"}, append(args, "--source", site)...)...); code != 0 {
			t.Fatalf("new %q: %d %s", args, code, stderr)
		}
	}
	if code, _, stderr := runCLI("check", "--source", site); code != 0 {
		t.Fatalf("drafts must not be checked for placeholders: %s", stderr)
	}
	for _, name := range []string{"content/counterpositions/flat-fee.md", "content/glossary/cordon.md", "content/timeline/vote-day.md"} {
		p := filepath.Join(site, filepath.FromSlash(name))
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(strings.Replace(string(data), "draft: true\n", "", 1)), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	code, _, stderr := runCLI("check", "--source", site)
	stderr = strings.ReplaceAll(stderr, site+string(filepath.Separator), "")
	want := `content/counterpositions/flat-fee.md:4:13: respondent is empty: fill it in (or set draft: true until the page is ready)
content/counterpositions/flat-fee.md:5:14: responds_to is empty: name the demands this page answers, e.g. responds_to: [demand-slug] (or set draft: true until it is ready)
content/counterpositions/flat-fee.md:6:7: date is empty: write the date, as precisely as it is known (YYYY, YYYY-MM or YYYY-MM-DD), or keep draft: true until you know it
content/counterpositions/flat-fee.md:11:1: the placeholder "Write the text here." from counterpoint new is still here: replace it with the page's text (or set draft: true until it is ready)
content/glossary/cordon.md:4:8: short still holds the placeholder "TODO: a one-line definition": write it (or set draft: true until the page is ready)
content/glossary/cordon.md:10:1: the placeholder "Write the text here." from counterpoint new is still here: replace it with the page's text (or set draft: true until it is ready)
content/timeline/vote-day.md:4:7: date is empty: write the date, as precisely as it is known (YYYY, YYYY-MM or YYYY-MM-DD), or keep draft: true until you know it
content/timeline/vote-day.md:10:1: the placeholder "Write the text here." from counterpoint new is still here: replace it with the page's text (or set draft: true until it is ready)
counterpoint: 8 errors
`
	if code != 1 || stderr != want {
		t.Errorf("status %d, stderr:\n%s\nwant:\n%s", code, stderr, want)
	}
}

// TestUnknownNames: a misspelt command or kind names the one meant.
func TestUnknownNames(t *testing.T) {
	site := filepath.Join(t.TempDir(), "site")
	if err := writeSite(site); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		args []string
		want string // first line of standard error
	}{
		{[]string{"biuld"}, `counterpoint: unknown command "biuld"; did you mean "build"?`},
		{[]string{"chekc", "--strict"}, `counterpoint: unknown command "chekc"; did you mean "check"?`},
		{[]string{"new", "counterpositon", "x", "--source", site}, `counterpoint new: unknown kind "counterpositon" (kinds: demand, counterposition, term, event, actor, page); did you mean "counterposition"?`},
		{[]string{"new", "widget", "x", "--source", site}, `counterpoint new: unknown kind "widget" (kinds: demand, counterposition, term, event, actor, page)`},
	}
	for _, tt := range tests {
		code, _, stderr := runCLI(tt.args...)
		if first, _, _ := strings.Cut(stderr, "\n"); code != 2 || first != tt.want {
			t.Errorf("%q: status %d, stderr:\n%s\nwant first line:\n%s", tt.args, code, stderr, tt.want)
		}
	}
}

// TestImageSizes builds a page with local images: each gets its width and
// height from the file, and all but the first load lazily.
func TestImageSizes(t *testing.T) {
	dir := t.TempDir()
	site, dest := filepath.Join(dir, "site"), filepath.Join(dir, "public")
	if err := writeSite(site); err != nil {
		t.Fatal(err)
	}
	overlay(t, site, mdFile("content/demands/cordon/index.md", "title: A cordon\nclaimant: Russia\n",
		"![The map](cordon-map.png)\n\n![The plan](/files/plan.svg)\n"))
	var png bytes.Buffer
	if err := pngEncode(&png, 40, 30); err != nil {
		t.Fatal(err)
	}
	for name, data := range map[string][]byte{
		"content/demands/cordon/cordon-map.png": png.Bytes(),
		"content/files/plan.svg":                []byte(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 300 150"></svg>`),
	} {
		if err := os.WriteFile(filepath.Join(site, filepath.FromSlash(name)), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if code, _, stderr := runCLI("build", "--source", site, "--dest", dest, "--base-url", "https://example.org/"); code != 0 {
		t.Fatalf("build: %d %s", code, stderr)
	}
	html, err := os.ReadFile(filepath.Join(dest, "demands", "cordon", "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		`<img src="cordon-map.png" alt="The map" width="40" height="30">`,
		`<img src="/files/plan.svg" alt="The plan" loading="lazy" width="300" height="150">`,
	} {
		if !strings.Contains(string(html), want) {
			t.Errorf("page lacks %s:\n%s", want, html)
		}
	}
}

func pngEncode(w io.Writer, width, height int) error {
	return png.Encode(w, image.NewGray(image.Rect(0, 0, width, height)))
}

// TestAllowedHosts: image_hosts and embed_hosts let images and frames from
// those sites through the Content-Security-Policy, in _headers and in the
// pages' meta tag, and silence their warnings; other sites still warn.
func TestAllowedHosts(t *testing.T) {
	dir := t.TempDir()
	site, dest := filepath.Join(dir, "site"), filepath.Join(dir, "public")
	if err := writeSite(site); err != nil {
		t.Fatal(err)
	}
	overlay(t, site, mdFile("content/_index.md", "title: Script site\nunsafe: true\nimage_hosts: [maps.example.com]\nembed_hosts: [video.example.com]\n",
		"Russia asks for [[no-expansion]]; NATO answers with [[open-door]].\n")+
		mdFile("content/about.md", "title: About\n", "![A map](https://maps.example.com/a.png)\n\n<iframe src=\"https://video.example.com/v\" title=\"A talk\"></iframe>\n\n<iframe src=\"https://other.example.com/v\" title=\"Another\"></iframe>\n"))
	code, _, stderr := runCLI("build", "--source", site, "--dest", dest, "--base-url", "https://example.org/")
	stderr = strings.ReplaceAll(stderr, site+string(filepath.Separator), "")
	want := "content/about.md:8:1: warning: embed from another site (other.example.com): the site's Content-Security-Policy blocks it in the browser; add other.example.com to embed_hosts in content/_index.md\ncounterpoint: 1 warning\n"
	if code != 0 || stderr != want {
		t.Fatalf("build: status %d, stderr:\n%s\nwant:\n%s", code, stderr, want)
	}
	policy := "img-src 'self' data: https://maps.example.com; frame-src https://video.example.com; object-src 'none'"
	headers, err := os.ReadFile(filepath.Join(dest, "_headers"))
	if err != nil || !strings.Contains(string(headers), policy) {
		t.Errorf("_headers lacks %q (%v):\n%s", policy, err, headers)
	}
	page, err := os.ReadFile(filepath.Join(dest, "about", "index.html"))
	if err != nil || !strings.Contains(string(page), strings.ReplaceAll(policy, "'", "&#39;")) {
		t.Errorf("the page's policy lacks %q (%v)", policy, err)
	}
}

// TestDraftOnlyLink: with --drafts, a published page's link into a draft
// works, with a warning that the published site will not build; --strict
// fails on it.
func TestDraftOnlyLink(t *testing.T) {
	site := filepath.Join(t.TempDir(), "site")
	if err := writeSite(site); err != nil {
		t.Fatal(err)
	}
	overlay(t, site, mdFile("content/glossary/cordon.md", "title: Cordon\nshort: A line.\ndraft: true\n", "## History\n\nText.\n")+
		mdFile("content/about.md", "title: About\n", "See [[cordon#history]].\n"))
	want := "content/about.md:4:5: warning: [[cordon#history]] links into a draft (content/glossary/cordon.md): it works only with --drafts, and the published site will fail to build until that page is published\n"
	for _, strict := range []bool{false, true} {
		args := []string{"check", "--source", site, "--drafts"}
		count, code := "counterpoint: 1 warning\n", 0
		if strict {
			args = append(args, "--strict")
			count, code = "counterpoint: 1 warning, errors under --strict\n", 1
		}
		got, _, stderr := runCLI(args...)
		stderr = strings.ReplaceAll(stderr, site+string(filepath.Separator), "")
		if got != code || stderr != want+count {
			t.Errorf("%q: status %d, stderr:\n%s\nwant %d and:\n%s", args, got, stderr, code, want+count)
		}
	}
}
