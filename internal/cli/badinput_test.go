package cli_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// badInput is one way of breaking the script site (testdata/site.txtar).
type badInput struct {
	name string
	// files are written over the site (txtar); a file whose content is
	// exactly "DELETE\n" is removed instead.
	files string
	// setup, if set, changes the site further (links, pipes, big files).
	setup func(t *testing.T, site string)
	// want is standard error, line by line, before the count line; paths
	// are relative to the site. Empty want means the build must succeed.
	want []string
	// published, for a build that succeeds, maps output files to text
	// they must hold.
	published map[string]string
	// absent, for a build that succeeds, lists output files that must not
	// exist.
	absent []string
}

// TestBadInput breaks a site that built, in one way per case, and runs the
// real command line on it: the build must exit with status 1, print every
// error as path:line:col: message (and nothing else), and leave the
// published site exactly as it was, byte for byte and time for time.
// Input that is odd but valid (a byte-order mark, CRLF line ends) must
// build.
func TestBadInput(t *testing.T) {
	cases := badInputs()
	if len(cases) < 40 {
		t.Fatalf("only %d cases", len(cases))
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			dir := t.TempDir()
			site, dest := filepath.Join(dir, "site"), filepath.Join(dir, "public")
			if err := writeSite(site); err != nil {
				t.Fatal(err)
			}
			if code, _, stderr := runCLI("build", "--source", site, "--dest", dest); code != 0 {
				t.Fatalf("the good site did not build (%d):\n%s", code, stderr)
			}
			before := snapshot(t, dest)
			overlay(t, site, c.files)
			if c.setup != nil {
				c.setup(t, site)
			}
			code, stdout, stderr := runCLI("build", "--source", site, "--dest", dest)
			stderr = strings.ReplaceAll(stderr, site+string(filepath.Separator), "")
			if len(c.want) == 0 {
				if code != 0 {
					t.Fatalf("exit status %d, want 0; stderr:\n%s", code, stderr)
				}
				for name, text := range c.published {
					data, err := os.ReadFile(filepath.Join(dest, name))
					if err != nil || !strings.Contains(string(data), text) {
						t.Errorf("%s does not hold %q (%v)", name, text, err)
					}
				}
				for _, name := range c.absent {
					if _, err := os.Lstat(filepath.Join(dest, name)); err == nil {
						t.Errorf("%s is published", name)
					}
				}
				return
			}
			want := strings.Join(c.want, "\n") + "\n" + fmt.Sprintf("counterpoint: %d error%s\n", len(c.want), map[bool]string{true: "s"}[len(c.want) > 1])
			if code != 1 {
				t.Errorf("exit status %d, want 1", code)
			}
			if stderr != want {
				t.Errorf("stderr:\n%s\nwant:\n%s", stderr, want)
			}
			if stdout != "" {
				t.Errorf("stdout: %q", stdout)
			}
			if diff := compareSnapshots(before, snapshot(t, dest)); diff != "" {
				t.Errorf("the failed build changed the destination:\n%s", diff)
			}
			// check reports the same, and writes nothing either.
			code, _, cstderr := runCLI("check", "--source", site)
			if cstderr = strings.ReplaceAll(cstderr, site+string(filepath.Separator), ""); code != 1 || cstderr != want {
				t.Errorf("check: status %d, stderr:\n%s", code, cstderr)
			}
		})
	}
}

func badInputs() []badInput {
	page := func(name, fm, body string) string {
		return "-- " + name + " --\n---\n" + fm + "---\n" + body
	}
	return []badInput{
		// Front matter that does not parse.
		{name: "yaml-unterminated", files: "-- content/about.md --\n---\ntitle: About\n\nNo closing line.\n",
			want: []string{`content/about.md:1:1: front matter opened with "---" is never closed`}},
		{name: "yaml-malformed", files: page("content/about.md", "title: [unclosed\n", ""),
			want: []string{"content/about.md:2:1: invalid YAML front matter: this list is never closed (opened at line 2, column 8): end it with ]\n\t(the YAML parser said: did not find expected ',' or ']')"}},
		{name: "yaml-bad-indentation", files: page("content/about.md", "title: About\n  summary: indented\n", ""),
			want: []string{`content/about.md:3:1: invalid YAML front matter: mapping values are not allowed in this context`}},
		{name: "yaml-tab-indentation", files: page("content/about.md", "title: About\nsources:\n\t- title: x\n", ""),
			want: []string{"content/about.md:4:1: invalid YAML front matter: use spaces, not tabs, to indent\n\t(the YAML parser said: found character that cannot start any token)"}},
		{name: "yaml-duplicate-key", files: page("content/about.md", "title: About\ntitle: Again\n", ""),
			want: []string{`content/about.md:3:1: key "title" appears twice`}},
		{name: "yaml-alias", files: page("content/about.md", "title: &t About\nsummary: *t\n", ""),
			want: []string{`content/about.md:3:10: YAML aliases are not supported in front matter`}},
		{name: "toml-unterminated", files: "-- content/about.md --\n+++\ntitle = \"About\"\n",
			want: []string{`content/about.md:1:1: front matter opened with "+++" is never closed`}},
		{name: "toml-malformed", files: "-- content/about.md --\n+++\ntitle = \"About\"\nsummary =\n+++\n",
			want: []string{`content/about.md:3:10: invalid TOML front matter: toml: unexpected character U+000A at start of value`}},
		{name: "toml-duplicate-key", files: "-- content/about.md --\n+++\ntitle = \"About\"\ntitle = \"Again\"\n+++\n",
			want: []string{`content/about.md:3:1: invalid TOML front matter: toml: key title is already defined`}},
		{name: "front-matter-list", files: page("content/about.md", "- title\n- About\n", ""),
			want: []string{`content/about.md:2:1: front matter must be a mapping of keys to values, not a list`}},
		{name: "front-matter-scalar", files: page("content/about.md", "About us\n", ""),
			want: []string{`content/about.md:2:1: front matter must be a mapping of keys to values, not a single value`}},

		// Values of the wrong type.
		{name: "weight-string", files: page("content/demands/no-expansion.md", "title: X\nweight: \"x\"\n", ""),
			want: []string{`content/demands/no-expansion.md:3:9: weight must be a whole number, not the string "x"`}},
		{name: "responds-to-string", files: page("content/counterpositions/open-door.md", "title: X\nresponds_to: no-expansion\n", ""),
			want: []string{`content/counterpositions/open-door.md:3:14: responds_to must be a list (e.g. [a, b]), not the string "no-expansion"`}},
		{name: "draft-string", files: page("content/about.md", "title: About\ndraft: \"no\"\n", ""),
			want: []string{`content/about.md:3:8: draft must be true or false, not the string "no"`}},
		{name: "title-list", files: page("content/about.md", "title: [a, b]\n", ""),
			want: []string{`content/about.md:2:8: title must be a string, not a list`}},
		{name: "aliases-string", files: page("content/glossary/nato.md", "title: NATO\nshort: An alliance.\naliases: North Atlantic\n", ""),
			want: []string{`content/glossary/nato.md:4:10: aliases must be a list (e.g. [a, b]), not the string "North Atlantic"`}},
		{name: "toml-weight-string", files: "-- content/about.md --\n+++\ntitle = \"About\"\nweight = \"heavy\"\n+++\n",
			want: []string{`content/about.md:3:1: weight must be a whole number, not the string "heavy"`}},
		{name: "source-url-javascript", files: page("content/about.md", "title: About\nsources:\n  - title: A report\n    url: \"javascript:alert(1)\"\n", ""),
			want: []string{`content/about.md:5:10: source url "javascript:alert(1)" must be an http(s) URL`}},

		// Required keys, per kind, and empty ones.
		{name: "missing-title-every-kind", files: page("content/about.md", "summary: x\n", "") +
			page("content/demands/no-expansion.md", "claimant: Russia\n", "") +
			page("content/counterpositions/open-door.md", "responds_to: [no-expansion]\n", "") +
			page("content/glossary/nato.md", "short: An alliance.\n", "") +
			page("content/timeline/minsk-ii.md", "date: 2015-02-12\n", "") +
			page("content/actors/lavrov.md", "role: Minister\n", ""),
			want: []string{
				`content/about.md:2:1: missing required key "title" for a page`,
				`content/actors/lavrov.md:2:1: missing required key "title" for an actor`,
				`content/counterpositions/open-door.md:2:1: missing required key "title" for a counterposition`,
				`content/demands/no-expansion.md:2:1: missing required key "title" for a demand`,
				`content/glossary/nato.md:2:1: missing required key "title" for a glossary term`,
				`content/timeline/minsk-ii.md:2:1: missing required key "title" for a timeline event`,
			}},
		{name: "missing-kind-keys", files: page("content/counterpositions/open-door.md", "title: The open door\n", "") +
			page("content/glossary/nato.md", "title: NATO\n", "") +
			page("content/timeline/minsk-ii.md", "title: Minsk II\n", ""),
			want: []string{
				`content/counterpositions/open-door.md:2:1: missing required key "responds_to" for a counterposition`,
				`content/glossary/nato.md:2:1: missing required key "short" for a glossary term`,
				`content/timeline/minsk-ii.md:2:1: missing required key "date" for a timeline event`,
			}},
		{name: "empty-title", files: page("content/about.md", "title: \"\"\n", ""),
			want: []string{`content/about.md:2:8: title must not be empty`}},
		{name: "no-front-matter", files: "-- content/about.md --\nJust text.\n",
			want: []string{`content/about.md:1:1: missing required key "title" for a page`}},
		{name: "missing-home-page", files: "-- content/_index.md --\nDELETE\n",
			want: []string{`content/_index.md:1:1: missing home page: every site needs content/_index.md with at least a title`}},

		// Dates.
		{name: "impossible-day", files: page("content/timeline/minsk-ii.md", "title: Minsk II\ndate: 2022-02-30\n", ""),
			want: []string{`content/timeline/minsk-ii.md:3:7: date: impossible date "2022-02-30": February 2022 has 28 days`}},
		{name: "impossible-month", files: page("content/timeline/minsk-ii.md", "title: Minsk II\ndate: 2022-13\n", ""),
			want: []string{`content/timeline/minsk-ii.md:3:7: date: impossible date "2022-13": month 13`}},
		{name: "two-digit-year", files: page("content/demands/no-expansion.md", "title: X\ndate: 22-01-01\n", ""),
			want: []string{`content/demands/no-expansion.md:3:7: date: invalid date "22-01-01": use YYYY, YYYY-MM or YYYY-MM-DD`}},
		{name: "end-before-date", files: page("content/timeline/minsk-ii.md", "title: Minsk II\ndate: 2015-02-12\nend: 2015-01\n", ""),
			want: []string{`content/timeline/minsk-ii.md:4:6: end 2015-01 is before date 2015-02-12`}},
		{name: "date-list", files: page("content/timeline/minsk-ii.md", "title: Minsk II\ndate: [2015]\n", ""),
			want: []string{`content/timeline/minsk-ii.md:3:7: date must be a date (YYYY, YYYY-MM or YYYY-MM-DD), not a list`}},
		{name: "updated-words", files: page("content/about.md", "title: About\nupdated: last week\n", ""),
			want: []string{`content/about.md:3:10: updated: invalid date "last week": use YYYY, YYYY-MM or YYYY-MM-DD`}},

		// Slugs.
		{name: "duplicate-slug-across-kinds", files: page("content/glossary/no-expansion.md", "title: Expansion\nshort: Growth.\n", ""),
			want: []string{`content/glossary/no-expansion.md:1:1: duplicate slug "no-expansion": content/demands/no-expansion.md already uses it (slugs are unique across all kinds)`}},
		{name: "duplicate-slug-by-key", files: page("content/actors/sergey.md", "title: Sergey\nslug: lavrov\n", ""),
			want: []string{`content/actors/sergey.md:1:1: duplicate slug "lavrov": content/actors/lavrov.md already uses it (slugs are unique across all kinds)`}},
		{name: "slug-bad-characters", files: page("content/about.md", "title: About\nslug: \"about us!\"\n", ""),
			want: []string{`content/about.md:3:7: slug "about us!": use lower-case letters, digits and single hyphens ([a-z0-9-]+)`}},
		{name: "slug-non-ascii", files: page("content/about.md", "title: About\nslug: café\n", ""),
			want: []string{`content/about.md:3:7: slug "café": use lower-case letters, digits and single hyphens ([a-z0-9-]+)`}},
		{name: "file-name-not-a-slug", files: page("content/actors/Sergey_Lavrov.md", "title: Sergey\n", ""),
			want: []string{`content/actors/Sergey_Lavrov.md:1:1: file name "Sergey_Lavrov" is not a valid slug: rename the file or set slug: in the front matter ([a-z0-9-]+)`}},

		// Slugs named in front matter.
		{name: "unknown-responds-to", files: page("content/counterpositions/open-door.md", "title: X\nresponds_to: [no-expansion, nothing]\n", ""),
			want: []string{`content/counterpositions/open-door.md:3:29: responds_to: no page has the slug "nothing"`}},
		{name: "unknown-related", files: page("content/timeline/minsk-ii.md", "title: Minsk II\ndate: 2015\nrelated:\n  - ghost\n", ""),
			want: []string{`content/timeline/minsk-ii.md:5:5: related: no page has the slug "ghost"`}},
		{name: "responds-to-a-term", files: page("content/counterpositions/open-door.md", "title: X\nresponds_to: [nato]\n", ""),
			want: []string{`content/counterpositions/open-door.md:3:15: responds_to: "nato" is a glossary term, not a demand`}},

		// Links in the text.
		{name: "unknown-wikilink", files: page("content/about.md", "title: About\n", "See [[nobody]].\n"),
			want: []string{`content/about.md:4:5: unknown link target [[nobody]]: no page or term has this slug, title or alias`}},
		{name: "ambiguous-alias", files: page("content/glossary/pact.md", "title: Pact\nshort: An agreement.\naliases: [The Pact]\n", "") +
			page("content/actors/the-pact.md", "title: Signer\naliases: [the pact]\n", "") +
			page("content/about.md", "title: About\n", "\nRead [[The Pact]].\n"),
			want: []string{`content/about.md:5:6: ambiguous link [[The Pact]]: it matches "pact" (content/glossary/pact.md), "the-pact" (content/actors/the-pact.md); link by slug instead`}},
		{name: "unknown-anchor", files: page("content/about.md", "title: About\n", "See [[lavrov#career]] and [[about#method]].\n"),
			want: []string{
				`content/about.md:4:5: unknown heading [[lavrov#career]]: content/actors/lavrov.md has no heading with id "career"`,
				`content/about.md:4:27: unknown heading [[about#method]]: content/about.md has no heading with id "method"`,
			}},
		{name: "link-to-missing-path", files: page("content/about.md", "title: About\n", "A [map](/files/nomap.png) and [page](/nowhere/) and ![img](/files/no.png).\n"),
			want: []string{
				`content/about.md:4:3: link to a missing page: nothing is published at /files/nomap.png`,
				`content/about.md:4:31: link to a missing page: nothing is published at /nowhere/`,
				`content/about.md:4:53: link to a missing image: nothing is published at /files/no.png`,
			}},
		{name: "link-to-missing-fragment", files: page("content/about.md", "title: About\n", "See [it](/timeline/#minsk-iii) and [here](#nothing).\n"),
			want: []string{
				`content/about.md:4:5: link to /timeline/#minsk-iii: that page has no element with id "minsk-iii"`,
				`content/about.md:4:36: unknown heading #nothing: this page has no heading with that id`,
			}},

		// Bytes that are not text.
		{name: "invalid-utf8", files: page("content/about.md", "title: About\n", "Caf\xe9 in Latin-1.\n"),
			want: []string{`content/about.md:4:4: invalid UTF-8: save the file as UTF-8`}},
		{name: "invalid-utf8-in-front-matter", files: page("content/about.md", "title: Caf\xe9\n", ""),
			want: []string{`content/about.md:2:11: invalid UTF-8: save the file as UTF-8`}},
		{name: "nul-byte", files: page("content/about.md", "title: About\n", "Text\x00more.\n"),
			want: []string{`content/about.md:4:5: file contains a NUL byte: is it binary? Markdown files must be text`}},
		{name: "binary-file", files: "-- content/logo.md --\n\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10\n",
			want: []string{`content/logo.md:3:1: file contains a NUL byte: is it binary? Markdown files must be text`}},
		{name: "byte-order-mark", files: "-- content/about.md --\n\xef\xbb\xbf---\ntitle: About BOM\n---\nText with a BOM.\n",
			published: map[string]string{"about/index.html": "<h1>About BOM</h1>"}},
		{name: "crlf", files: "-- content/about.md --\n---\r\ntitle: About CRLF\r\nsummary: Windows line ends.\r\n---\r\n## Method\r\n\r\nSee [[lavrov]].\r\n",
			published: map[string]string{"about/index.html": `<h2 id="method">Method</h2>`}},
		{name: "lone-cr", files: "-- content/about.md --\n---\rtitle: About CR\rweight: x\r---\rOld Mac line ends.\r",
			want: []string{`content/about.md:3:9: weight must be a whole number, not the string "x"`}},
		{name: "crlf-and-bom-positions", files: "-- content/about.md --\n\xef\xbb\xbf---\r\ntitle: About\r\nweight: x\r\n---\r\nSee [[nobody]].\r\n",
			want: []string{
				`content/about.md:3:9: weight must be a whole number, not the string "x"`,
				`content/about.md:5:5: unknown link target [[nobody]]: no page or term has this slug, title or alias`,
			}},

		// Sizes and shapes the parser must not choke on.
		{name: "file-too-large", setup: bigFile(9 << 20),
			want: []string{`content/big.md:1:1: file is 9 MiB; content files are limited to 8 MiB`}},
		{name: "file-50MB", setup: func(t *testing.T, site string) {
			// Sparse: refused from its size, before a byte is read.
			f, err := os.Create(filepath.Join(site, "content", "huge.md"))
			if err == nil {
				err = f.Truncate(50 << 20)
				f.Close()
			}
			if err != nil {
				t.Fatal(err)
			}
		},
			want: []string{`content/huge.md:1:1: file is 50 MiB; content files are limited to 8 MiB`}},
		{name: "nested-quotes-10000", files: page("content/about.md", "title: About\n", "Intro.\n\n"+strings.Repeat("> ", 10000)+"deep\n"),
			want: []string{`content/about.md:6:1: lists and block quotes nested more than 100 levels deep (counting indentation): flatten the structure`}},
		{name: "nested-lists-100000", files: page("content/about.md", "title: About\n", strings.Repeat("- ", 100000)+"deep\n"),
			want: []string{`content/about.md:4:1: lists and block quotes nested more than 100 levels deep (counting indentation): flatten the structure`}},
		{name: "nested-list-staircase", files: page("content/about.md", "title: About\n", staircase(200)),
			want: []string{`content/about.md:104:1: lists and block quotes nested more than 100 levels deep (counting indentation): flatten the structure`}},
		{name: "nested-emphasis", files: page("content/about.md", "title: About\n", strings.Repeat("*", 4000)+"deep"+strings.Repeat("*", 4000)+"\n"),
			want: []string{`content/about.md:4:4001: text nested more than 1000 levels deep (lists, quotes, emphasis or links): flatten the structure`}},

		// The file system.
		{name: "symlink-loop", setup: symlink("loop.md", "content/loop.md"),
			want: []string{`content/loop.md:1:1: symbolic link refused: too many levels of symbolic links`}},
		{name: "symlink-directory-loop", setup: symlink(".", "content/again"),
			want: []string{`content/again:1:1: symbolic link to a directory refused: link the files, or move the directory into content/`}},
		{name: "symlink-outside", setup: func(t *testing.T, site string) {
			outside := filepath.Join(filepath.Dir(site), "outside.md")
			if err := os.WriteFile(outside, []byte("---\ntitle: Outside\n---\nSecret.\n"), 0o644); err != nil {
				t.Fatal(err)
			}
			symlink(outside, "content/outside.md")(t, site)
			symlink("../../outside.md", "content/relative.md")(t, site)
		},
			want: []string{
				`content/outside.md:1:1: symbolic link refused: path escapes from parent`,
				`content/relative.md:1:1: symbolic link refused: path escapes from parent`,
			}},
		{name: "fifo", setup: func(t *testing.T, site string) {
			if err := syscall.Mkfifo(filepath.Join(site, "content", "pipe.md"), 0o644); err != nil {
				t.Fatal(err)
			}
		},
			want: []string{`content/pipe.md:1:1: not a regular file`}},

		// File names: Markdown under any case of .md or .markdown is built
		// as Markdown (never copied with its front matter), and the
		// leftovers of patch and merge tools are ignored.
		{name: "markdown-extensions", files: page("content/notes.markdown", "title: Notes\n", "Text.\n") +
			page("content/shout.MD", "title: Shout\n", "") +
			page("content/secret.Md", "title: Secret\ndraft: true\n", "") +
			page("content/about.md.orig", "title: Old about\n", "") +
			page("content/about.md.rej", "title: Rejected\n", ""),
			published: map[string]string{"notes/index.html": "<h1>Notes</h1>", "shout/index.html": "<h1>Shout</h1>"},
			absent:    []string{"notes.markdown", "shout.MD", "secret.Md", "secret/index.html", "about.md.orig", "about.md.rej"}},
		{name: "upper-case-extension-is-markdown", files: page("content/Foo.Md", "title: Foo\n", ""),
			want: []string{`content/Foo.Md:1:1: file name "Foo" is not a valid slug: rename the file or set slug: in the front matter ([a-z0-9-]+)`}},
		{name: "same-page-two-extensions", files: page("content/about.markdown", "title: About again\n", ""),
			want: []string{`content/about.md:1:1: content/about.markdown is the same page under another extension: keep one of the two`}},

		// Numbers and keys.
		{name: "weight-too-large", files: page("content/demands/no-expansion.md", "title: X\nweight: 1e40\n", ""),
			want: []string{`content/demands/no-expansion.md:3:9: weight 1e40 is too large: whole numbers go up to 9223372036854775807`}},
		{name: "weight-too-many-digits", files: page("content/demands/no-expansion.md", "title: X\nweight: 99999999999999999999\n", ""),
			want: []string{`content/demands/no-expansion.md:3:9: weight 99999999999999999999 is too large: whole numbers go up to 9223372036854775807`}},
		{name: "weight-fraction", files: page("content/demands/no-expansion.md", "title: X\nweight: 2.5\n", ""),
			want: []string{`content/demands/no-expansion.md:3:9: weight must be a whole number, not 2.5`}},
		{name: "key-in-capitals", files: page("content/about.md", "Title: About\n", ""),
			want: []string{`content/about.md:2:1: key "Title" must be written "title" (keys are lower-case)`}},
		{name: "keys-in-capitals-everywhere", files: page("content/about.md", "title: About\nDRAFT: true\nsources:\n  - Title: A report\n", ""),
			want: []string{
				`content/about.md:3:1: key "DRAFT" must be written "draft" (keys are lower-case)`,
				`content/about.md:5:5: key "Title" must be written "title" (keys are lower-case)`,
			}},
		{name: "toml-key-in-capitals", files: "-- content/about.md --\n+++\nTitle = \"About\"\n+++\n",
			want: []string{`content/about.md:2:1: key "Title" must be written "title" (keys are lower-case)`}},
		{name: "base-url-scheme-relative", files: page("content/_index.md", "title: Script site\nbase_url: //example.org/\n", ""),
			want: []string{`content/_index.md:1:1: base URL "//example.org/" has no scheme: write https://example.org/ (the site needs its full address for the feed and sitemap)`}},

		// Lists of slugs.
		{name: "related-itself", files: page("content/timeline/minsk-ii.md", "title: Minsk II\ndate: 2015\nrelated: [no-expansion, minsk-ii]\n", ""),
			want: []string{`content/timeline/minsk-ii.md:4:25: related: "minsk-ii" is this page itself`}},
		{name: "related-twice", files: page("content/timeline/minsk-ii.md", "title: Minsk II\ndate: 2015\nrelated:\n  - no-expansion\n  - lavrov\n  - no-expansion\n", ""),
			want: []string{`content/timeline/minsk-ii.md:7:5: related: "no-expansion" is named twice`}},
		{name: "responds-to-twice", files: page("content/counterpositions/open-door.md", "title: X\nresponds_to: [no-expansion, no-expansion]\n", ""),
			want: []string{`content/counterpositions/open-door.md:3:29: responds_to: "no-expansion" is named twice`}},

		// Places a file may not be.
		{name: "term-in-a-subdirectory", files: page("content/glossary/nested/osce.md", "title: OSCE\nshort: A security organisation.\n", "") +
			page("content/timeline/2022/talks.md", "title: Talks\ndate: 2022-01-10\n", ""),
			want: []string{
				`content/glossary/nested/osce.md:1:1: glossary terms are files directly in content/glossary/, one each: move this file there (in a subdirectory it would become a plain page)`,
				`content/timeline/2022/talks.md:1:1: timeline events are files directly in content/timeline/, one each: move this file there (in a subdirectory it would become a plain page)`,
			}},
		{name: "reserved-for-serve", files: page("content/__counterpoint/events.md", "title: Events\n", "") +
			"-- content/__counterpoint.txt --\ntext\n",
			want: []string{
				`content/__counterpoint.txt:1:1: names starting with __counterpoint are reserved for the addresses counterpoint serve uses itself: rename it`,
				`content/__counterpoint/events.md:1:1: names starting with __counterpoint are reserved for the addresses counterpoint serve uses itself: rename it`,
			}},

		// Link targets in other Unicode forms, and characters that do not show.
		{name: "wikilink-decomposed", files: page("content/glossary/cafe.md", "title: Café\nshort: A place.\n", "") +
			page("content/about.md", "title: About\n", "See [[Cafe\u0301]] and [[CAFE\u0301]].\n"),
			published: map[string]string{"about/index.html": `href="/glossary/#cafe"`}},
		{name: "wikilink-composed-to-decomposed-title", files: page("content/glossary/cafe.md", "title: Cafe\u0301\nshort: A place.\n", "") +
			page("content/about.md", "title: About\n", "See [[Café]].\n"),
			published: map[string]string{"about/index.html": `href="/glossary/#cafe"`}},
		{name: "wikilink-invisible", files: page("content/about.md", "title: About\n", "See [[\u200b]], [[NATO\u200b]], [[\ufeffNATO]] and [[lavrov#\u200bcareer]].\n"),
			want: []string{
				`content/about.md:4:5: unknown link target [[\u200b]]: no page or term has this slug, title or alias`,
				`content/about.md:4:14: unknown link target [[NATO\u200b]]: no page or term has this slug, title or alias; did you mean [[nato]]?`,
				`content/about.md:4:27: unknown link target [[\ufeffNATO]]: no page or term has this slug, title or alias; did you mean [[nato]]?`,
				`content/about.md:4:43: unknown heading [[lavrov#\u200bcareer]]: content/actors/lavrov.md has no heading with id "\u200bcareer"`,
			}},
		{name: "link-path-invisible", files: page("content/about.md", "title: About\n", "A [page](/about\u200b/), [this](#\u200bmethod) and [that](/timeline/#minsk\u00a0ii).\n"),
			want: []string{
				`content/about.md:4:3: link to a missing page: nothing is published at /about\u200b/`,
				`content/about.md:4:23: unknown heading #\u200bmethod: this page has no heading with that id`,
				`content/about.md:4:46: link to /timeline/#minsk\u00a0ii: that page has no element with id "minsk\u00a0ii"`,
			}},

		// Layouts.
		{name: "template-syntax-error", files: "-- layouts/page.html --\n{{define \"main\"}}\n<h1>{{.Title}</h1>\n{{end}}\n",
			want: []string{`layouts/page.html:2:1: bad character U+007D '}'`}},
		{name: "template-missing-field", files: "-- layouts/page.html --\n{{define \"main\"}}\n<h1>{{.Title}}</h1>\n<p>{{.Subtitle}}</p>\n{{end}}\n",
			want: []string{`layouts/page.html:3:6: executing "main" at <.Subtitle>: can't evaluate field Subtitle in type page`}},
		{name: "template-missing-param", files: "-- layouts/page.html --\n{{define \"main\"}}{{.Params.hero}}{{end}}\n",
			want: []string{`layouts/page.html:1:27: executing "main" at <.Params.hero>: map has no entry for key "hero"`}},
		{name: "missing-partial", files: "-- layouts/page.html --\n{{define \"main\"}}\n{{template \"partials/hero.html\" .}}\n{{end}}\n",
			want: []string{`layouts/page.html:2:12: no such template "partials/hero.html"`}},
		{name: "layout-without-main", files: "-- layouts/page.html --\n<p>{{.Title}}</p>\n",
			want: []string{`layouts/page.html:1:1: page layouts must define {{define "main"}}...{{end}}`}},

		// Settings and collisions.
		{name: "bad-base-url", files: page("content/_index.md", "title: Script site\nbase_url: example.org\n", ""),
			want: []string{`content/_index.md:1:1: base URL "example.org" must be an absolute http(s) URL or a path starting with /`}},
		{name: "output-collision", files: page("content/search.md", "title: Search\n", ""),
			want: []string{`content/search.md:1:1: its output search/index.html is also written by the generated /search/ page: rename the file or set another slug`}},

		// Many problems at once: every one is reported, sorted.
		{name: "all-at-once", files: page("content/about.md", "title: About\nweight: x\n", "[[nobody]]\n") +
			page("content/timeline/minsk-ii.md", "title: Minsk II\ndate: 2015-02-30\nrelated: [ghost]\n", "") +
			"-- content/demands/broken.md --\n---\ntitle: [\n---\n",
			want: []string{
				`content/about.md:3:9: weight must be a whole number, not the string "x"`,
				`content/about.md:5:1: unknown link target [[nobody]]: no page or term has this slug, title or alias`,
				`content/demands/broken.md:2:1: invalid YAML front matter: did not find expected node content`,
				`content/timeline/minsk-ii.md:3:7: date: impossible date "2015-02-30": February 2015 has 28 days`,
				`content/timeline/minsk-ii.md:4:11: related: no page has the slug "ghost"`,
			}},
	}
}

// staircase is a list nested n levels by indentation alone.
func TestUnreadableFile(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("running as root, which may read a file of mode 000; the fifo case of TestBadInput covers an unreadable file")
	}
	dir := t.TempDir()
	site := filepath.Join(dir, "site")
	if err := writeSite(site); err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(site, "content", "about.md")
	if err := os.Chmod(p, 0); err != nil {
		t.Fatal(err)
	}
	defer os.Chmod(p, 0o644)
	code, _, stderr := runCLI("build", "--source", site, "--dest", filepath.Join(dir, "public"))
	stderr = strings.ReplaceAll(stderr, site+string(filepath.Separator), "")
	if want := "content/about.md:1:1: cannot read: permission denied\ncounterpoint: 1 error\n"; code != 1 || stderr != want {
		t.Errorf("status %d, stderr:\n%s\nwant:\n%s", code, stderr, want)
	}
}
