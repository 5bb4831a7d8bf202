package content

import (
	"github.com/counterpoint-ssg/counterpoint/internal/frontmatter"
	"github.com/counterpoint-ssg/counterpoint/internal/site"
)

// pictureKeys are the keys of the pictures setting, one per picture the
// build draws.
var pictureKeys = []string{"map", "timeline", "neighbourhood", "cards", "toc"}

// pictures reads the pictures setting: false turns every picture off, a
// mapping turns single ones off (map: false); missing keys stay on.
func (f *fields) pictures() site.Pictures {
	all := site.AllPictures
	v := f.get("pictures")
	if v == nil {
		return all
	}
	if v.Kind == frontmatter.Scalar && v.Tag == frontmatter.Bool {
		if on, _ := v.Native().(bool); !on {
			return site.Pictures{}
		}
		return all
	}
	if v.Kind != frontmatter.Map {
		f.errAt(v, "pictures must be false (no pictures) or a mapping such as map: false, not %s", v.Describe())
		return all
	}
	for i, k := range v.Keys {
		val := v.Vals[i]
		on := true
		if val.Kind == frontmatter.Scalar && val.Tag == frontmatter.Bool {
			on, _ = val.Native().(bool)
		} else {
			f.errAt(val, "pictures: %s must be true or false, not %s", k.Raw, val.Describe())
		}
		switch k.Raw {
		case "map":
			all.Map = on
		case "timeline":
			all.Timeline = on
		case "neighbourhood":
			all.Neighbourhood = on
		case "cards":
			all.Cards = on
		case "toc":
			all.TOC = on
		default:
			f.errAt(k, "pictures: no picture %q (the pictures are %s)", k.Raw, quoteList(pictureKeys))
		}
	}
	return all
}

func quoteList(ks []string) string {
	out := ""
	for i, k := range ks {
		if i > 0 {
			out += ", "
		}
		out += k
	}
	return out
}
