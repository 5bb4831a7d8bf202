package content

import (
	"strings"
	"testing"
	"testing/fstest"

	"github.com/counterpoint-ssg/counterpoint/internal/site"
)

func TestPicturesSetting(t *testing.T) {
	home := func(fm string) fstest.MapFS {
		return fstest.MapFS{"content/_index.md": {Data: []byte("---\ntitle: Site\n" + fm + "---\n")}}
	}
	for _, c := range []struct {
		fm   string
		want site.Pictures
		err  string
	}{
		{"", site.AllPictures, ""},
		{"pictures: false\n", site.Pictures{}, ""},
		{"pictures: true\n", site.AllPictures, ""},
		{"pictures:\n  map: false\n  cards: false\n", site.Pictures{Timeline: true, Neighbourhood: true, TOC: true}, ""},
		{"pictures: none\n", site.AllPictures, "content/_index.md:3:11: pictures must be false"},
		{"pictures:\n  maps: false\n", site.AllPictures, `content/_index.md:4:3: pictures: no picture "maps" (the pictures are map, timeline`},
		{"pictures:\n  toc: no\n", site.AllPictures, "content/_index.md:4:8: pictures: toc must be true or false"},
	} {
		res, errs := Load(home(c.fm), Options{})
		if c.err == "" && errs.Errors() > 0 {
			t.Errorf("%q: %v", c.fm, errs)
			continue
		}
		if c.err != "" && !strings.Contains(errs.Error(), c.err) {
			t.Errorf("%q: errors %q, want %q", c.fm, errs, c.err)
			continue
		}
		if res.Site.Pictures != c.want {
			t.Errorf("%q: pictures %+v, want %+v", c.fm, res.Site.Pictures, c.want)
		}
	}
	res, _ := Load(fstest.MapFS{"content/demands/x.md": {Data: []byte("---\ntitle: X\nclaimant: A\ndate: 2021\n---\n")}}, Options{})
	if res.Site.Pictures != site.AllPictures {
		t.Errorf("a site without _index.md: %+v, want every picture", res.Site.Pictures)
	}
}
