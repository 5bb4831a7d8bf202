package build

import (
	"context"
	"errors"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/counterpoint-ssg/counterpoint/internal/diag"
)

// fuzzHome is the home page of the one-file sites FuzzBuild builds.
const fuzzHome = "---\ntitle: Fuzz site\nsummary: A site around one file.\n---\nThe home page.\n"

// FuzzBuild builds a site whose only page besides the home page is
// arbitrary bytes (content/x.md), with the built-in layouts. The build must
// not panic, and must either fail with content errors that each name a
// file and a position (line and column from 1, the line within the file)
// or succeed with output in which nothing is live markup (inertProblems).
func FuzzBuild(f *testing.F) {
	for _, s := range []string{
		"---\ntitle: X\n---\nBody with [[x]] and a [link](/).\n",
		"+++\ntitle = \"X\"\nweight = 3\n+++\n## Heading {#h}\n\n[[x#h]]\n",
		"---\ntitle: <script>alert(1)</script>\nsummary: '\" onmouseover=\"alert(1)'\n---\n<img src=x onerror=alert(1)>\n",
		"---\ntitle: X\n---\n[a](javascript:alert(1)) ![b](data:image/png;base64,AA) <javascript:alert(1)>\n",
		"---\ntitle: X\n---\n```js\" onclick=\"x\ncode\n```\n\n| a | b |\n|---|---|\n| <b> | c |\n\nT[^1]\n\n[^1]: note\n",
		"---\ntitle: X\nsources:\n  - title: S\n    url: https://example.org/\"><script>\n---\n",
		"---\ntitle: [unclosed\n---\n",
		"---\n- a list\n---\n",
		"\xef\xbb\xbf---\r\ntitle: BOM\r\n---\r\nCRLF\r\n",
		"---\ntitle: X\n---\n" + strings.Repeat("> ", 200) + "deep\n",
		"---\ntitle: X\ndate: 2022-02-30\nupdated: 22-01-01\n---\n[[nobody]] [z](/nowhere/)\n",
		"no front matter \x00 binary",
		"---\ntitle: X\n---\n\xff\xfe",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		fsys := fstest.MapFS{
			"content/_index.md": {Data: []byte(fuzzHome)},
			"content/x.md":      {Data: data},
		}
		res, err := Build(context.Background(), Inputs{FS: fsys})
		if err != nil {
			var list diag.List
			if !errors.As(err, &list) {
				t.Fatalf("error is %T, not a diag.List: %v", err, err)
			}
			if len(list) == 0 {
				t.Fatal("an empty error list")
			}
			// Lines as the loader counts them: CRLF, LF and a lone CR each end one.
			text := strings.ReplaceAll(string(data), "\r\n", "\n")
			lines := strings.Count(strings.ReplaceAll(text, "\r", "\n"), "\n") + 1
			for _, e := range list {
				if e.Path == "" || e.Line < 1 || e.Col < 1 || e.Msg == "" {
					t.Fatalf("error without a place or a message: %#v", *e)
				}
				if e.Path == "content/x.md" && e.Line > lines {
					t.Fatalf("error on line %d of a file of %d lines: %v", e.Line, lines, e)
				}
				if e.Path != "content/x.md" && e.Path != "content/_index.md" {
					t.Fatalf("error in a file that is not the site's: %v", e)
				}
			}
			return
		}
		for _, name := range res.Paths() {
			if p := inertProblems(name, res.Files[name], "/"); len(p) > 0 {
				t.Fatalf("%s\ninput: %q", strings.Join(p, "\n"), data)
			}
		}
	})
}
