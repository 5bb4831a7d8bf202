package build

import (
	"strings"
	"testing"
)

// TestReservedName holds ReservedName to what a build writes: every
// top-level name of a site with no pages of its own is reserved, and a
// page named after one is refused by the build as well.
func TestReservedName(t *testing.T) {
	res := mustBuild(t, Inputs{FS: mapFS("-- content/_index.md --\n---\ntitle: Empty\n---\n")})
	for _, p := range res.Paths() {
		top := strings.TrimSuffix(topLevel(p), "/")
		if top == "index.html" {
			continue
		}
		name := strings.TrimSuffix(top, ".html")
		name = strings.TrimSuffix(strings.TrimSuffix(strings.TrimSuffix(name, ".xml"), ".txt"), ".json")
		if !ReservedName(name) {
			t.Errorf("%s is written by the build but %q is not reserved", p, name)
		}
	}
	for _, name := range []string{"about", "nato", "searching", "assets-list", "demand"} {
		if ReservedName(name) {
			t.Errorf("%q is reserved", name)
		}
	}
	if got := buildErrors(t, Inputs{FS: baseSite(t, "-- content/glossary.md --\n---\ntitle: G\n---\n")}); len(got) != 1 {
		t.Errorf("a page at /glossary/: %q", got)
	}
}
