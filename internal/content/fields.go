package content

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/counterpoint-ssg/counterpoint/internal/date"
	"github.com/counterpoint-ssg/counterpoint/internal/diag"
	"github.com/counterpoint-ssg/counterpoint/internal/frontmatter"
	"github.com/counterpoint-ssg/counterpoint/internal/site"
)

// fields reads typed values out of one file's front matter, recording a
// positioned error for each value of the wrong type.
type fields struct {
	path string
	m    *frontmatter.Value
	errs *diag.List
	// draft is the page's draft setting, once read: a draft may leave a
	// date empty (counterpoint new writes it so rather than guess one).
	draft bool
}

func (f *fields) errAt(v *frontmatter.Value, format string, args ...any) {
	line, col := 1, 1
	if v != nil {
		line, col = v.Line, v.Col
	}
	f.errs.Add(f.path, line, col, fmt.Sprintf(format, args...))
}

func (f *fields) get(key string) *frontmatter.Value {
	v := f.m.Get(key)
	if v != nil && v.Kind == frontmatter.Scalar && v.Tag == frontmatter.Null {
		return nil
	}
	return v
}

// knownKeys are the front-matter keys the loader reads, of every kind and
// of the site settings; sourceKeys those of one entry of sources.
var (
	knownKeys = []string{"title", "slug", "summary", "weight", "draft", "updated", "date", "aliases", "sources",
		"claimant", "respondent", "responds_to", "short", "end", "related", "role",
		"language", "base_url", "crisis_from", "unsafe", "image_hosts", "embed_hosts", "labels", "pictures"}
	sourceKeys = []string{"title", "publisher", "date", "url"}
)

// checkCase reports keys that differ from a known key only in case
// ("Title", "DRAFT"): keys are case-sensitive, so such a key would be kept
// as an unknown parameter while the page silently lacks the real one.
func (f *fields) checkCase(known []string) {
	for _, k := range f.m.Keys {
		if k.Kind != frontmatter.Scalar || !hasUpper(k.Raw) {
			continue // the usual case: nothing to compare
		}
		for _, want := range known {
			if k.Raw != want && strings.EqualFold(k.Raw, want) {
				f.errAt(k, "key %q must be written %q (keys are lower-case)", k.Raw, want)
			}
		}
	}
}

// hasUpper reports whether s has a byte that is not lower-case ASCII
// (an upper-case letter, or any non-ASCII letter that might fold to one).
func hasUpper(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; 'A' <= c && c <= 'Z' || c >= 0x80 {
			return true
		}
	}
	return false
}

// miscased reports whether the front matter has key written in another
// case, which checkCase reports instead of the key being missing.
func (f *fields) miscased(key string) bool {
	for _, k := range f.m.Keys {
		if k.Raw != key && strings.EqualFold(k.Raw, key) {
			return true
		}
	}
	return false
}

func (f *fields) require(key, kind string) bool {
	if f.get(key) == nil {
		if f.miscased(key) {
			return false
		}
		article := "a"
		if kind != "" && strings.IndexByte("aeiou", kind[0]) >= 0 {
			article = "an" // an actor
		}
		f.errs.Add(f.path, f.m.Line, 1, fmt.Sprintf("missing required key %q for %s %s", key, article, kind))
		return false
	}
	return true
}

func (f *fields) str(key string) string {
	v := f.get(key)
	if v == nil {
		return ""
	}
	if v.Kind != frontmatter.Scalar || v.Tag == frontmatter.Bool {
		f.errAt(v, "%s must be a string, not %s", key, v.Describe())
		return ""
	}
	return v.Raw
}

func (f *fields) nonEmpty(key string) string {
	s := f.str(key)
	if v := f.get(key); v != nil && strings.TrimSpace(s) == "" && v.Kind == frontmatter.Scalar {
		f.errAt(v, "%s must not be empty", key)
	}
	return strings.TrimSpace(s)
}

func (f *fields) int(key string) int {
	v := f.get(key)
	if v == nil {
		return 0
	}
	if v.Kind == frontmatter.Scalar {
		switch x := v.Native().(type) {
		case int64:
			if v.Tag == frontmatter.Int {
				return int(x)
			}
		case float64:
			switch {
			case x != math.Trunc(x) || math.IsNaN(x):
				f.errAt(v, "%s must be a whole number, not %s", key, v.Raw)
			case x < math.MinInt64 || x >= math.MaxInt64:
				f.errAt(v, "%s %s is too large: whole numbers go up to %d", key, v.Raw, int64(math.MaxInt64))
			default:
				return int(x) // 1e3, 5.0: whole numbers written as floats
			}
			return 0
		case string:
			if _, err := strconv.ParseInt(x, 10, 64); errors.Is(err, strconv.ErrRange) {
				f.errAt(v, "%s %s is too large: whole numbers go up to %d", key, v.Raw, int64(math.MaxInt64))
				return 0
			}
		}
	}
	f.errAt(v, "%s must be a whole number, not %s", key, v.Describe())
	return 0
}

func (f *fields) bool(key string) bool {
	v := f.get(key)
	if v == nil {
		return false
	}
	if v.Kind != frontmatter.Scalar || v.Tag != frontmatter.Bool {
		f.errAt(v, "%s must be true or false, not %s", key, v.Describe())
		return false
	}
	b, _ := v.Native().(bool)
	return b
}

func (f *fields) date(key string, allowTime bool) date.Date {
	return f.dateOf(f.get(key), key, allowTime)
}

func (f *fields) dateOf(v *frontmatter.Value, key string, allowTime bool) date.Date {
	if v == nil {
		return date.Date{}
	}
	if v.Kind == frontmatter.Scalar && (v.Tag == frontmatter.Str || v.Tag == frontmatter.Null) && strings.TrimSpace(v.Raw) == "" {
		if !f.draft {
			f.errAt(v, "%s is empty: write the date, as precisely as it is known (YYYY, YYYY-MM or YYYY-MM-DD), or keep draft: true until you know it", key)
		}
		return date.Date{}
	}
	if v.Kind != frontmatter.Scalar || v.Tag == frontmatter.Bool || v.Tag == frontmatter.Float {
		f.errAt(v, "%s must be a date (YYYY, YYYY-MM or YYYY-MM-DD), not %s", key, v.Describe())
		return date.Date{}
	}
	d, err := date.Parse(v.Raw, allowTime)
	if err != nil {
		f.errAt(v, "%s: %v", key, err)
	}
	return d
}

// ref is a slug named in front matter, with where it was written.
type ref struct {
	slug      string
	line, col int
}

func (f *fields) strList(key string) ([]string, []ref) {
	v := f.get(key)
	if v == nil {
		return nil, nil
	}
	if v.Kind != frontmatter.Seq {
		f.errAt(v, "%s must be a list (e.g. [a, b]), not %s", key, v.Describe())
		return nil, nil
	}
	out := make([]string, 0, len(v.Seq))
	refs := make([]ref, 0, len(v.Seq))
	for _, e := range v.Seq {
		if e.Kind != frontmatter.Scalar || e.Tag == frontmatter.Null || strings.TrimSpace(e.Raw) == "" {
			f.errAt(e, "each item of %s must be a non-empty string, not %s", key, e.Describe())
			continue
		}
		out = append(out, strings.TrimSpace(e.Raw))
		refs = append(refs, ref{slug: strings.TrimSpace(e.Raw), line: e.Line, col: e.Col})
	}
	return out, refs
}

// once reports a slug named twice in one list (a slip, or a copy that was
// meant to name another page) and returns the list without repeats.
func (f *fields) once(key string, refs []ref) []ref {
	out := refs[:0:0]
	for i, r := range refs {
		if slices.ContainsFunc(refs[:i], func(q ref) bool { return q.slug == r.slug }) {
			f.errs.Add(f.path, r.line, r.col, fmt.Sprintf("%s: %q is named twice", key, r.slug))
			continue
		}
		out = append(out, r)
	}
	return out
}

func (f *fields) sources() []site.Source {
	v := f.get("sources")
	if v == nil {
		return nil
	}
	if v.Kind != frontmatter.Seq {
		f.errAt(v, "sources must be a list of {title, publisher, date, url}, not %s", v.Describe())
		return nil
	}
	var out []site.Source
	for _, e := range v.Seq {
		if e.Kind != frontmatter.Map {
			f.errAt(e, "each source must be a mapping with title, publisher, date and url, not %s", e.Describe())
			continue
		}
		sub := &fields{path: f.path, m: e, errs: f.errs}
		sub.checkCase(sourceKeys)
		s := site.Source{
			Title:     sub.str("title"),
			Publisher: sub.str("publisher"),
			URL:       sub.str("url"),
			Date:      sub.date("date", true),
			Excerpt:   strings.Join(strings.Fields(sub.str("excerpt")), " "),
		}
		if s.Title == "" && !sub.miscased("title") {
			sub.errAt(e, "a source needs a title")
		}
		if s.URL != "" && !safeURL(s.URL) {
			sub.errAt(e.Get("url"), "source url %q must be an http(s) URL", s.URL)
			s.URL = ""
		}
		out = append(out, s)
	}
	return out
}

// statedIn returns the source that stated_in names by its place in the
// sources list (1 for the first), so the byline can cite it.
func (f *fields) statedIn(sources []site.Source) *site.Source {
	v := f.get("stated_in")
	n := f.int("stated_in")
	if v == nil || n == 0 && v.Tag != frontmatter.Int {
		return nil
	}
	if n < 1 || n > len(sources) {
		f.errAt(v, "stated_in is %d but the page lists %d sources; give the number of the source that records the first statement", n, len(sources))
		return nil
	}
	s := sources[n-1]
	return &s
}

func safeURL(u string) bool {
	l := strings.ToLower(strings.TrimSpace(u))
	return strings.HasPrefix(l, "https://") || strings.HasPrefix(l, "http://")
}
