package build

import (
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strconv"
	"strings"

	"github.com/counterpoint-ssg/counterpoint/internal/content"
	"github.com/counterpoint-ssg/counterpoint/internal/imagesize"
	"github.com/counterpoint-ssg/counterpoint/internal/markdown"
	"github.com/counterpoint-ssg/counterpoint/internal/site"
	"github.com/counterpoint-ssg/counterpoint/internal/suggest"
)

// unknownTarget is the message for a wikilink that names no page, saying
// what the writer probably meant; ok is false when the target is a file
// that failed to load, whose own error is the one to fix.
func (b *builder) unknownTarget(target string) (msg string, ok bool) {
	if b.left.IsBroken(target) {
		return "", false
	}
	if d := b.left.Draft(target); d != nil {
		return fmt.Sprintf("link to a draft [[%s]]: %s", visible(target), content.DraftNote(d)), true
	}
	// Drafts too: the writer may mean one, and the link then says it is a draft.
	b.candOnce.Do(func() { b.cands = content.Candidates(append(slices.Clone(b.site.All), b.left.Drafts...)) })
	hint := suggest.Phrase(suggest.Closest(target, b.cands), func(s string) string { return "[[" + s + "]]" })
	return fmt.Sprintf("unknown link target [[%s]]: no page or term has this slug, title or alias%s", visible(target), hint), true
}

// headingHint suggests the heading ids of t nearest to anchor, written as
// the link would be: [[target#id]].
func headingHint(t *site.Page, target, anchor string) string {
	prefix := ""
	if t.IsEntry() {
		prefix = t.Slug + entrySep
	}
	var ids []string
	for _, id := range t.HeadingIDs {
		if s, ok := strings.CutPrefix(id, prefix); ok {
			ids = append(ids, s)
		}
	}
	return suggest.Phrase(suggest.Closest(anchor, suggest.Names(ids...)), func(s string) string {
		return "[[" + visible(target) + "#" + s + "]]"
	})
}

// fragmentHint suggests the heading ids of t nearest to a Markdown link's
// fragment, written as "#id".
func fragmentHint(t *site.Page, anchor string) string {
	return suggest.Phrase(suggest.Closest(anchor, suggest.Names(t.HeadingIDs...)), func(s string) string { return "#" + s })
}

// missingImage checks an image written relative to its page (a file
// beside a bundle's index.md): "" when it is published, else the message,
// with the nearest file names of that directory.
func (b *builder) missingImage(p *site.Page, rel string) string {
	dir, _, _ := strings.Cut(p.URL, "#")
	dir = dir[:strings.LastIndexByte(dir, '/')+1]
	target := path.Join(dir, rel)
	if b.static[target] {
		return ""
	}
	var names []string
	for f := range b.static {
		if path.Dir(f) == path.Dir(target) {
			names = append(names, path.Base(f))
		}
	}
	hint := suggest.Phrase(suggest.Closest(path.Base(target), suggest.Names(names...)), strconv.Quote)
	return fmt.Sprintf("missing image %s: nothing is published at %s%s", strconv.Quote(visible(rel)), visible(target), hint)
}

// imageFile is a local image and the size it had when its page was
// parsed; ok is false when it had none (missing, or not an image), as a
// file that appears later changes the HTML too.
type imageFile struct {
	name string // in the site FS: content/...
	w, h int
	ok   bool
}

// sizeImage gives a local image its width and height from the file, and
// records it in images.
func (b *builder) sizeImage(p *site.Page, l *markdown.Link, images []imageFile) []imageFile {
	var target string
	switch {
	case l.Relative != "":
		dir, _, _ := strings.Cut(p.URL, "#")
		target = path.Join(dir[:strings.LastIndexByte(dir, '/')+1], l.Relative)
	case l.Path != "":
		target = path.Clean(l.Path)
	default:
		return images
	}
	name := "content" + target
	w, h, ok := imageSize(b.in.FS, name)
	if ok {
		l.SetSize(w, h)
	}
	return append(images, imageFile{name, w, h, ok})
}

// imageSize reads the size of an image file of the site.
func imageSize(fsys fs.FS, name string) (w, h int, ok bool) {
	if !fs.ValidPath(name) {
		return 0, 0, false
	}
	f, err := fsys.Open(name)
	if err != nil {
		return 0, 0, false
	}
	defer f.Close()
	return imagesize.Of(f, name)
}

// imagesSame reports whether every image of a parsed body still has the
// size its HTML gives it.
func (bd *body) imagesSame(fsys fs.FS) bool {
	for _, im := range bd.images {
		if w, h, ok := imageSize(fsys, im.name); ok != im.ok || w != im.w || h != im.h {
			return false
		}
	}
	return true
}

// allowed reports whether the site's settings allow images (or, with
// embed, frames) from host.
func (b *builder) allowed(host string, embed bool) bool {
	hosts := b.imageHosts
	if embed {
		hosts = b.embedHosts
	}
	return slices.Contains(hosts, strings.ToLower(host))
}

// draftOnly is the warning for a link from a published page into a draft,
// which resolves only while drafts are built (--drafts).
func draftOnly(target, anchor string, t *site.Page) string {
	ref := visible(target)
	if anchor != "" {
		ref += "#" + visible(anchor)
	}
	return fmt.Sprintf("[[%s]] links into a draft (%s): it works only with --drafts, and the published site will fail to build until that page is published", ref, t.Path)
}
