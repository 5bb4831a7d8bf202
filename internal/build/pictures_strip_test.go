package build

import (
	"strings"
	"testing"
)

// stripSite has events on both sides of crisis_from and a page with three
// sections; home is its _index.md's extra settings.
func stripSite(home string) string {
	return `-- content/_index.md --
---
title: Site
crisis_from: 2021-12
` + home + `---
-- content/demands/a.md --
---
title: A
claimant: X
---
## One

x

## Two

y

## Three's

z
-- content/demands/b.md --
---
title: B
claimant: X
---
## Only one

x
-- content/timeline/old.md --
---
title: Old
date: "1997-05"
---
x
-- content/timeline/new.md --
---
title: New
date: "2022-01-12"
---
x
-- content/timeline/talks.md --
---
title: Talks
date: "2022-01-10"
end: "2022-01-13"
---
x
`
}

// TestPicturesStripAndTOC: the time strip and the table of contents are
// drawn by default, the same bytes every time, and each is turned off by
// its key of the pictures setting; a site's partial replaces the built-in.
func TestPicturesStripAndTOC(t *testing.T) {
	res := mustBuild(t, Inputs{FS: mapFS(stripSite(""))})
	tl, a, b := file(t, res, "timeline/index.html"), file(t, res, "demands/a/index.html"), file(t, res, "demands/b/index.html")
	for _, want := range []string{`<link rel="stylesheet" href="/assets/timestrip.`, `<svg class="timestrip-axes" role="img"`, `<a href="#old"`, `<a href="#new"`, `<a href="#talks"`, `class="mark mark-span"`, `class="mark mark-point"`, `class="mark mark-bar"`, `class="timestrip-shade"`, `class="timestrip-zoom"`} {
		if !strings.Contains(tl, want) {
			t.Errorf("timeline lacks %s", want)
		}
	}
	for _, want := range []string{`<nav class="toc"`, `<a href="#one">One</a>`, `<a href="#threes">Three’s</a>`, `class="layout has-toc"`} {
		if !strings.Contains(a, want) {
			t.Errorf("a page with three sections lacks %s", want)
		}
	}
	if strings.Contains(b, `class="toc"`) {
		t.Error("a page with one section has a table of contents")
	}
	again := mustBuild(t, Inputs{FS: mapFS(stripSite(""))})
	if file(t, again, "timeline/index.html") != tl {
		t.Error("two builds of the timeline differ")
	}

	off := mustBuild(t, Inputs{FS: mapFS(stripSite("pictures: {timeline: false, toc: false}\n"))})
	if strings.Contains(file(t, off, "timeline/index.html"), "timestrip") {
		t.Error("pictures: {timeline: false} still draws the time strip")
	}
	if strings.Contains(file(t, off, "demands/a/index.html"), `class="toc"`) {
		t.Error("pictures: {toc: false} still draws the table of contents")
	}
	none := mustBuild(t, Inputs{FS: mapFS(stripSite("pictures: false\n"))})
	if strings.Contains(file(t, none, "timeline/index.html"), "timestrip") || strings.Contains(file(t, none, "demands/a/index.html"), `class="toc"`) {
		t.Error("pictures: false still draws the strip or the contents")
	}

	own := mustBuild(t, Inputs{FS: mapFS(stripSite("") + "-- layouts/partials/timestrip.html --\n<p class=\"mine\">{{len .Site.Events}} events</p>\n-- layouts/partials/toc.html --\n<p class=\"mytoc\">{{len .TOC}}</p>\n")})
	if !strings.Contains(file(t, own, "timeline/index.html"), `<p class="mine">3 events</p>`) {
		t.Error("the site's partials/timestrip.html is not used")
	}
	if !strings.Contains(file(t, own, "demands/a/index.html"), `<p class="mytoc">3</p>`) {
		t.Error("the site's partials/toc.html is not used")
	}
}
