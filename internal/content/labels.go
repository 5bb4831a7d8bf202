package content

import (
	"maps"

	"github.com/counterpoint-ssg/counterpoint/internal/frontmatter"
	"github.com/counterpoint-ssg/counterpoint/internal/i18n"
	"github.com/counterpoint-ssg/counterpoint/internal/site"
)

// labels reads the home page's labels setting: a mapping from the keys of
// site.Labels to the site's own words. An unknown key or a value that is
// not a string is an error at its position, so a misspelt key does not
// leave the default word in place unnoticed.
func (f *fields) labels() map[string]string {
	v := f.get("labels")
	if v == nil {
		return nil
	}
	if v.Kind != frontmatter.Map {
		f.errAt(v, "labels must be a mapping of label keys to words, not %s", v.Describe())
		return nil
	}
	out := make(map[string]string, len(v.Keys))
	for i, k := range v.Keys {
		val := v.Vals[i]
		if _, ok := site.Labels[k.Raw]; !ok {
			f.errAt(k, "labels: no label %q (the keys are listed in docs/labels.md)", k.Raw)
			continue
		}
		if val.Kind != frontmatter.Scalar || val.Tag == frontmatter.Bool || val.Tag == frontmatter.Null {
			f.errAt(val, "labels: %s must be a string, not %s", k.Raw, val.Describe())
			continue
		}
		out[k.Raw] = val.Raw
	}
	return out
}

// siteLabels are the words of the site's language (nil for English) with
// the site's own labels over them.
func siteLabels(lang string, own map[string]string) map[string]string {
	words := i18n.Labels(lang)
	if words == nil {
		return own
	}
	maps.Copy(words, own)
	return words
}
