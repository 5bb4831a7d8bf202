package build

import (
	"fmt"
	"strings"

	"github.com/counterpoint-ssg/counterpoint/internal/diag"
)

// checkMenu reports the menu setting's site paths that lead nowhere, as
// links in bodies are checked; slugs were checked when the site loaded.
func (b *builder) checkMenu(errs *diag.List) {
	for _, e := range b.site.Menu {
		if e.Link == "" || !strings.HasPrefix(e.Link, "/") {
			continue
		}
		path, anchor, _ := strings.Cut(e.Link, "#")
		path, _, _ = strings.Cut(path, "?")
		t := b.index.URL(path)
		if t == nil && path == "/" {
			t = b.site.Home
		}
		switch {
		case t != nil && anchor != "":
			b.anchorsOnce.Do(b.computeAnchors)
			if !b.hasAnchor(t, anchor) {
				errs.Add(b.site.Home.Path, e.Line, e.Col, fmt.Sprintf("menu: %s has no element with id %q", path, anchor))
			}
		case t != nil, b.static[path]:
		default:
			errs.Add(b.site.Home.Path, e.Line, e.Col, fmt.Sprintf("menu: nothing is published at %s", path))
		}
	}
}
