package build

import (
	"html/template"
	"io/fs"

	"github.com/counterpoint-ssg/counterpoint/internal/assets"
	"github.com/counterpoint-ssg/counterpoint/internal/content"
	"github.com/counterpoint-ssg/counterpoint/internal/diag"
	"github.com/counterpoint-ssg/counterpoint/internal/layout"
	"github.com/counterpoint-ssg/counterpoint/internal/markdown"
	"github.com/counterpoint-ssg/counterpoint/internal/site"
)

// reuse is the incremental layer as the pipeline sees it. At each stage
// the pipeline asks it for the result of the stage's work, and it either
// does the work or answers from what an earlier build computed, by rules
// it keeps to itself. Build consults clean, which remembers nothing; a
// Builder consults its state (incremental.go), whose every answer must
// equal clean's.
type reuse interface {
	// loadOptions adds to opts what loading may take from earlier builds.
	loadOptions(opts *content.Options)
	// begin is told the settings bodies are parsed and resolved with.
	begin(settings string)
	// persistent says whether parsing consults the cache directory
	// (parsecache.go); parse returns cb's parsed body.
	persistent() bool
	parse(b *builder, cb content.Body, prefix string) *body
	// siteFiles returns the processed assets and parsed layouts when
	// layouts/, assets/ and the URLs are as an earlier build found them,
	// else nils; keepSiteFiles is told what this build made of them.
	siteFiles(fsys fs.FS, urls layout.URLs, lang string) (*assets.Set, *layout.Set)
	keepSiteFiles(set *assets.Set, tmpl *layout.Set, urls layout.URLs)
	// linking is told the pages and static files links resolve against,
	// before any resolve.
	linking(b *builder)
	// resolve returns the links of cb, adding its problems to errs.
	resolve(b *builder, cb content.Body, errs *diag.List) resolution
	// fill returns cb's body HTML with its links in, and whether it holds
	// highlighted code; r's HTML is not needed afterwards.
	fill(cb content.Body, bd *body, r *resolution) (template.HTML, bool)
	// rendering is told the site is derived and its layouts loaded,
	// before any pageKey or siteKey.
	rendering(b *builder)
	// pageKey identifies everything p's layout can show; siteKey what the
	// generated files (feed, sitemap, index) show.
	pageKey(p *site.Page, layoutName string, deps layout.BodyDeps) uint64
	siteKey() uint64
	// output returns the bytes an earlier build made of name under key.
	output(name string, key uint64) ([]byte, bool)
	// keep stores a copy of data as name's bytes under key and returns
	// the copy, or nil when it stores nothing.
	keep(name string, key uint64, data []byte) []byte
	// searchKept is what the index keeps between builds (nil: nothing).
	searchKept() *searchKept
	// built is told what a successful build made.
	built(b *builder, tmpl *layout.Set, set *assets.Set, static []string, warnings diag.List)
}

// clean is a build that reuses nothing.
type clean struct{}

func (clean) loadOptions(*content.Options) {}
func (clean) begin(string)                 {}

func (clean) persistent() bool { return true }

func (clean) parse(b *builder, cb content.Body, prefix string) *body {
	return b.parseKept(cb, prefix)
}

func (clean) siteFiles(fs.FS, layout.URLs, string) (*assets.Set, *layout.Set) { return nil, nil }
func (clean) keepSiteFiles(*assets.Set, *layout.Set, layout.URLs)             {}
func (clean) linking(*builder)                                                {}

func (clean) resolve(b *builder, cb content.Body, errs *diag.List) resolution {
	return b.resolveBody(cb, errs)
}

func (clean) fill(_ content.Body, bd *body, r *resolution) (template.HTML, bool) {
	c := template.HTML(markdown.Fill(bd.html, r.html))
	// The links' HTML is in the page now: drop it early.
	r.html = nil
	return c, hasCode(c)
}

func (clean) rendering(*builder)                                            {}
func (clean) pageKey(*site.Page, string, layout.BodyDeps) uint64            { return 0 }
func (clean) siteKey() uint64                                               { return 0 }
func (clean) output(string, uint64) ([]byte, bool)                          { return nil, false }
func (clean) keep(string, uint64, []byte) []byte                            { return nil }
func (clean) searchKept() *searchKept                                       { return nil }
func (clean) built(*builder, *layout.Set, *assets.Set, []string, diag.List) {}
