package content

import (
	"fmt"
	"path"
	"strings"
	"sync"

	"github.com/counterpoint-ssg/counterpoint/internal/site"
	"github.com/counterpoint-ssg/counterpoint/internal/suggest"
)

// LeftOut is what a load did not include but messages about links need:
// drafts, so that a link to one says it is a draft rather than unknown,
// and the slugs of files that failed to load, so that a link naming one
// adds no second, misleading error to the one real error in that file.
type LeftOut struct {
	Drafts []*site.Page
	Broken map[string]bool

	once   sync.Once
	drafts *site.Index
}

// note records a file that was not included: a draft (pg set) or a file
// whose front matter failed (pg nil, failed true).
func (l *LeftOut) note(p string, pg *site.Page, failed bool) {
	switch {
	case pg != nil && pg.Draft:
		l.Drafts = append(l.Drafts, pg)
	case pg == nil && failed:
		if s := fileSlug(p); s != "" {
			if l.Broken == nil {
				l.Broken = map[string]bool{}
			}
			l.Broken[s] = true
		}
	}
}

// Draft returns the draft a link target or slug names, if any. It is
// safe for concurrent use once loading is done.
func (l *LeftOut) Draft(ref string) *site.Page {
	if len(l.Drafts) == 0 {
		return nil
	}
	l.once.Do(func() { l.drafts = site.NewIndex(l.Drafts, nil) })
	p, _ := l.drafts.Lookup(ref)
	return p
}

// IsBroken reports whether ref names, by slug or in slug form, a file
// that failed to load.
func (l *LeftOut) IsBroken(ref string) bool {
	return l.Broken[ref] || l.Broken[suggest.SlugForm(ref)]
}

// DraftNote is the message for a reference to a draft.
func DraftNote(p *site.Page) string {
	return fmt.Sprintf("%s is a draft (draft: true): remove that line to publish it, or build with --drafts to include drafts", p.Path)
}

// fileSlug is the slug a content file gets from its name (a bundle's from
// its directory); "" for section and home pages.
func fileSlug(p string) string {
	dir, file := path.Split(strings.TrimPrefix(p, "content/"))
	name, _ := markdownStem(file)
	if name == "_index" {
		return ""
	}
	if name == "index" {
		name = path.Base(strings.TrimSuffix(dir, "/"))
	}
	return name
}

// Candidates lists every page a slug may name, for suggestions.
func Candidates(pages []*site.Page) []suggest.Candidate {
	out := make([]suggest.Candidate, 0, len(pages))
	for _, p := range pages {
		if p.Kind == site.Home || p.Kind == site.List {
			continue
		}
		c := suggest.Candidate{Name: p.Slug, Also: make([]string, 0, 1+len(p.Aliases))}
		c.Also = append(append(c.Also, p.Title), p.Aliases...)
		out = append(out, c)
	}
	return out
}
