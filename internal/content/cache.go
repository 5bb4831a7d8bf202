package content

import (
	"bytes"
	"io/fs"
	"path"
	"slices"
	"strings"
	"sync"

	"github.com/counterpoint-ssg/counterpoint/internal/diag"
	"github.com/counterpoint-ssg/counterpoint/internal/fsfilter"
	"github.com/counterpoint-ssg/counterpoint/internal/site"
)

// Cache remembers loaded files between loads of the same site, so a
// preview server that rebuilds on every save decodes only what changed.
// Each load still gets fresh Page values: nothing derived in one build
// leaks into the next.
type Cache struct {
	mu    sync.Mutex
	files map[string]*cached
	// list is every file the last walk of content/ found, sorted, and
	// inList the same as a set, when that walk found nothing to refuse
	// (see Options.Changed).
	list   []string
	inList map[string]bool
}

type cached struct {
	src  []byte // the file as read
	page *site.Page
	text []byte
	line int
	head uint64
	refs []pending
	errs diag.List
}

// NewCache returns an empty cache.
func NewCache() *Cache { return &Cache{files: map[string]*cached{}} }

// load returns the page for p from the cache when it is known not to have
// changed (or its bytes are the same), and loads it afresh otherwise.
func (c *Cache) load(fsys fs.FS, p string, dirty func(string) bool, errs *diag.List) (*site.Page, Body, []pending) {
	c.mu.Lock()
	e := c.files[p]
	c.mu.Unlock()
	if e != nil && dirty != nil && !dirty(p) {
		return e.fresh(errs)
	}
	src, err := readLimited(fsys, p)
	if err != nil {
		errs.Add(p, 1, 1, err.Error())
		c.mu.Lock()
		delete(c.files, p)
		c.mu.Unlock()
		return nil, Body{}, nil
	}
	if e != nil && bytes.Equal(e.src, src) {
		return e.fresh(errs)
	}
	var fileErrs diag.List
	pg, body, refs, _ := loadSource(p, src, &fileErrs)
	e = &cached{src: src, page: pg, text: body.Text, line: body.Line, head: body.HeadSum, refs: refs, errs: fileErrs}
	c.mu.Lock()
	c.files[p] = e
	c.mu.Unlock()
	return e.fresh(errs)
}

// fresh returns a copy of the cached page that the caller may change.
func (e *cached) fresh(errs *diag.List) (*site.Page, Body, []pending) {
	errs.Merge(e.errs)
	if e.page == nil {
		return nil, Body{}, nil
	}
	pg := *e.page
	pg.RespondsTo, pg.Related = nil, nil
	refs := make([]pending, len(e.refs))
	for i, r := range e.refs {
		r.page = &pg
		refs[i] = r
	}
	return &pg, Body{Page: &pg, Text: e.text, Line: e.line, HeadSum: e.head}, refs
}

// keep forgets every file not in paths (deleted since the last load).
func (c *Cache) keep(paths []string) {
	want := make(map[string]bool, len(paths))
	for _, p := range paths {
		want[p] = true
	}
	c.mu.Lock()
	for p := range c.files {
		if !want[p] {
			delete(c.files, p)
		}
	}
	c.mu.Unlock()
}

// setFiles remembers what a walk of content/ found; a walk that refused
// something is not reused, so that its errors are reported every time.
func (c *Cache) setFiles(files []string, clean bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.list, c.inList = nil, nil
	if clean {
		c.list = slices.Sorted(slices.Values(files))
		c.inList = make(map[string]bool, len(files))
		for _, f := range files {
			c.inList[f] = true
		}
	}
}

// sameFiles returns the files of the last walk when the changed paths
// cannot have added or removed any: each is outside content/, or a file
// the walk found that is still a regular file. Otherwise it returns nil.
func (c *Cache) sameFiles(fsys fs.FS, changed []string) []string {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.list == nil {
		return nil
	}
	for _, p := range changed {
		p = path.Clean(p)
		if p != "content" && !strings.HasPrefix(p, "content/") {
			continue
		}
		if ignoredPath(strings.TrimPrefix(p, "content/")) {
			continue // the walk skips it too
		}
		if !c.inList[p] {
			return nil
		}
		if fi, err := fs.Stat(fsys, p); err != nil || !fi.Mode().IsRegular() {
			return nil
		}
	}
	return slices.Clone(c.list)
}

// ignoredPath reports whether a walk of content/ skips a path below it:
// one of its names is noise (fsfilter.Ignored).
func ignoredPath(rel string) bool {
	for _, name := range strings.Split(rel, "/") {
		if fsfilter.Ignored(name) {
			return true
		}
	}
	return false
}

// ReloadBody reads the file at p again and, when only its body changed
// since the last load (the front matter is byte for byte the same and the
// file loads without a problem), records it and returns the new body
// text. Otherwise ok is false, and the next Load decides. A preview server
// uses it to skip rebuilding the site model after a prose edit.
func (c *Cache) ReloadBody(fsys fs.FS, p string) (text []byte, ok bool) {
	c.mu.Lock()
	e := c.files[p]
	c.mu.Unlock()
	if e == nil || e.page == nil || len(e.errs) > 0 {
		return nil, false
	}
	src, err := readLimited(fsys, p)
	if err != nil {
		return nil, false
	}
	if bytes.Equal(e.src, src) {
		return e.text, true
	}
	var errs diag.List
	pg, body, refs, _ := loadSource(p, src, &errs)
	if pg == nil || len(errs) > 0 || body.HeadSum != e.head || body.Line != e.line {
		return nil, false
	}
	n := &cached{src: src, page: pg, text: body.Text, line: body.Line, head: body.HeadSum, refs: refs}
	c.mu.Lock()
	c.files[p] = n
	c.mu.Unlock()
	return n.text, true
}
