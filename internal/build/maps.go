package build

import (
	"context"

	"github.com/counterpoint-ssg/counterpoint/internal/mapsvg"
	"github.com/counterpoint-ssg/counterpoint/internal/par"
	"github.com/counterpoint-ssg/counterpoint/internal/site"
)

// draw is the stage between derive and render: it draws the pictures
// the site's pictures setting leaves on (the relationship map, each
// demand's neighbourhood) once per build, for the layouts to show. They
// depend only on front matter and links, which every page's render key
// covers, so a rebuild that keeps a page's output also keeps its picture.
func (b *builder) draw(ctx context.Context) error {
	s := b.site
	s.Map = nil
	for _, p := range s.Demands {
		p.Neighbourhood = ""
	}
	if !s.Pictures.Map && !s.Pictures.Neighbourhood {
		return nil
	}
	// The pictures link to pages: give them their addresses now.
	for _, p := range s.All {
		b.setHref(p)
	}
	if s.Pictures.Map {
		m, err := mapsvg.Map(s, b.urls.Rel("/map/"))
		if err != nil {
			return err
		}
		s.Map = m
	}
	if !s.Pictures.Neighbourhood {
		return nil
	}
	errs := make([]error, len(s.Demands))
	if err := par.For(ctx, len(s.Demands), func(i int) {
		p := s.Demands[i]
		p.Neighbourhood, errs[i] = mapsvg.Neighbourhood(p)
	}); err != nil {
		return err
	}
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

// mapPage is the generated /map/ page, when the map is on.
func (b *builder) mapPage() *site.Page {
	s := b.site
	return &site.Page{Kind: site.List, ListKind: "map", Title: s.Word("map_title"), Slug: "map", URL: "/map/", Summary: s.Word("map_summary"), Params: map[string]any{}, Site: s}
}
