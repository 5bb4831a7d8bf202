package content

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/counterpoint-ssg/counterpoint/internal/frontmatter"
	"github.com/counterpoint-ssg/counterpoint/internal/site"
	"github.com/counterpoint-ssg/counterpoint/internal/suggest"
)

// commonKeys are read on every page; kindKeys are the keys each built-in
// kind adds. A key outside both is kept for layouts (.Params) but shown by
// none of the built-in ones, so on these kinds it is most likely a slip
// ("respondnt") that leaves the page without what the writer meant.
var (
	commonKeys = []string{"title", "slug", "summary", "weight", "draft", "updated", "date", "aliases", "sources", "related"}
	kindKeys   = map[site.Kind][]string{
		site.Demand:          {"claimant", "stated_by", "stated_in"},
		site.Counterposition: {"respondent", "responds_to", "stated_by", "stated_in"},
		site.Term:            {"short"},
		site.Event:           {"end"},
		site.Actor:           {"role"},
	}
)

// warnUnknown warns of keys that a built-in kind does not read, with the
// nearest known key; pages of other kinds may carry any key.
func (f *fields) warnUnknown(k site.Kind) {
	own, ok := kindKeys[k]
	if !ok {
		return
	}
	var known []string
	for _, key := range f.m.Keys {
		if key.Kind != frontmatter.Scalar || slices.Contains(commonKeys, key.Raw) || slices.Contains(own, key.Raw) {
			continue
		}
		if slices.ContainsFunc(knownKeys, func(w string) bool { return strings.EqualFold(w, key.Raw) }) {
			continue // checkCase reports it as an error
		}
		if known == nil {
			known = append(slices.Clone(commonKeys), own...)
		}
		hint := suggest.Phrase(suggest.Closest(key.Raw, suggest.Names(known...)), strconv.Quote)
		f.errs.Warn(f.path, key.Line, key.Col, fmt.Sprintf("unknown key %q for %s: no layout shows it (it is kept as .Params.%s)%s", key.Raw, articled(kindName(k)), key.Raw, hint))
	}
}

// articled puts "a" or "an" before a kind's name.
func articled(kind string) string {
	if kind != "" && strings.IndexByte("aeiou", kind[0]) >= 0 {
		return "an " + kind
	}
	return "a " + kind
}
