package build

import (
	"fmt"
	"path"
	"slices"
	"strings"

	"github.com/counterpoint-ssg/counterpoint/internal/assets"
	"github.com/counterpoint-ssg/counterpoint/internal/diag"
	"github.com/counterpoint-ssg/counterpoint/internal/site"
)

// ReservedName reports whether name, as the slug of a page directly in
// content/ (published at /name/), is taken by what the build writes
// itself: a list page (/glossary/), the search page, assets/, or a
// generated file of that name (404.html, sitemap.xml, atom.xml, ...).
// `counterpoint new` asks before creating a file the next build would
// refuse or that would be confused with a generated one.
func ReservedName(name string) bool {
	if name+"/" == assets.Dir {
		return true
	}
	for _, d := range site.Dir {
		if name == d {
			return true
		}
	}
	for _, g := range generated {
		top := topLevel(g)
		if top == name+"/" || strings.TrimSuffix(top, path.Ext(top)) == name {
			return true
		}
	}
	return false
}

// checkOutputs reports content files that would be written to the same
// output path as another page or file (content/search.md and the search
// page, content/demands.md and the demands list, content/sitemap.xml and
// the sitemap); otherwise one would silently replace the other.
func (b *builder) checkOutputs(static []string, set *assets.Set) diag.List {
	type claim struct {
		by      string
		content bool // by is a content file, where the error is reported
	}
	owners := map[string][]claim{}
	add := func(name, by string, content bool) {
		owners[name] = append(owners[name], claim{by, content})
	}
	s := b.site
	pages := append([]*site.Page{s.Home}, s.All...)
	for _, p := range append(pages, listPages(s)...) {
		switch {
		case p == nil || p.IsEntry():
		case p.Path != "":
			add(p.OutputPath(), p.Path, true)
		default:
			add(p.OutputPath(), "the generated "+p.URL+" page", false)
		}
	}
	for _, g := range generated {
		switch {
		case strings.HasSuffix(g, "/"):
		case strings.HasSuffix(g, "/index.html"):
			add(g, "the generated /"+strings.TrimSuffix(g, "index.html")+" page", false)
		default:
			add(g, "the generated "+g, false)
		}
	}
	for _, f := range set.Files {
		add(f.Path, "the asset "+f.Logical, false)
	}
	for _, st := range static {
		add(st, "content/"+st, true)
	}
	var errs diag.List
	for name, cs := range owners {
		if len(cs) < 2 {
			continue
		}
		for i, c := range cs {
			if !c.content {
				continue
			}
			var others []string
			for j, o := range cs {
				if j != i {
					others = append(others, o.by)
				}
			}
			slices.Sort(others)
			errs.Add(c.by, 1, 1, fmt.Sprintf("its output %s is also written by %s: rename the file or set another slug", name, strings.Join(others, " and ")))
		}
	}
	return errs
}
