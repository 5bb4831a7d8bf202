package content

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/counterpoint-ssg/counterpoint/internal/frontmatter"
	"github.com/counterpoint-ssg/counterpoint/internal/site"
)

// scaffoldText is the body counterpoint new writes; a published page that
// still holds it shows readers an instruction meant for the writer.
const scaffoldText = "Write the text here."

// filledKeys are, per kind, the keys counterpoint new writes empty and a
// published page must fill: the byline and relations are built from them.
var filledKeys = map[site.Kind][]string{
	site.Demand:          {"claimant"},
	site.Counterposition: {"respondent", "responds_to"},
	site.Term:            {"short"},
	site.Actor:           {"role"},
}

// checkPlaceholders reports, on a page that is not a draft, what the
// scaffold left to fill in: an empty required value, a short that still
// starts with TODO, the scaffold's own sentence in the body.
func (f *fields) checkPlaceholders(pg *site.Page, body []byte, bodyLine int) {
	if pg.Draft {
		return
	}
	for _, key := range filledKeys[pg.Kind] {
		v := f.get(key)
		switch {
		case v == nil:
		case v.Kind == frontmatter.Seq && len(v.Seq) == 0:
			f.errAt(v, "%s is empty: name the demands this page answers, e.g. %s: [demand-slug] (or set draft: true until it is ready)", key, key)
		case v.Kind == frontmatter.Scalar && v.Tag != frontmatter.Bool && strings.TrimSpace(v.Raw) == "" && key != "short":
			f.errAt(v, "%s is empty: fill it in (or set draft: true until the page is ready)", key)
		case v.Kind == frontmatter.Scalar && strings.HasPrefix(strings.TrimSpace(v.Raw), "TODO"):
			f.errAt(v, "%s still holds the placeholder %q: write it (or set draft: true until the page is ready)", key, v.Raw)
		}
	}
	if i := bytes.Index(body, []byte(scaffoldText)); i >= 0 {
		line := bodyLine + bytes.Count(body[:i], []byte("\n"))
		col := i - (bytes.LastIndexByte(body[:i], '\n') + 1) + 1
		f.errs.Add(f.path, line, col, fmt.Sprintf("the placeholder %q from counterpoint new is still here: replace it with the page's text (or set draft: true until it is ready)", scaffoldText))
	}
}
