package build

import (
	"cmp"
	"context"
	"crypto/sha256"
	"errors"
	"os"
	"path"
	"strings"
	"time"

	"github.com/counterpoint-ssg/counterpoint/internal/cache"
	"github.com/counterpoint-ssg/counterpoint/internal/par"
	"github.com/counterpoint-ssg/counterpoint/internal/search"
	"github.com/counterpoint-ssg/counterpoint/internal/site"
)

// searchDocs are the site's pages as the full-text index reads them: the
// home page, then Site.All in order.
func (b *builder) searchDocs() []search.Doc {
	s := b.site
	pages := append([]*site.Page{s.Home}, s.All...)
	docs := make([]search.Doc, len(pages))
	for i, p := range pages {
		d := search.Doc{URL: b.urls.Rel(p.URL), Title: p.Title, Kind: string(p.Kind), Summary: p.Summary,
			Aliases: p.Aliases, Who: cmp.Or(p.Claimant, p.Respondent, p.Role), Body: string(p.Content)}
		if p.Kind == site.Term {
			d.Summary = p.Short
		}
		if !p.Date.IsZero() {
			d.Date = p.Date.ISO()
		}
		if !p.End.IsZero() {
			d.End = p.End.ISO()
		}
		docs[i] = d
	}
	return docs
}

// startSearch builds the full-text index from every page's final body
// while the layouts run, and returns the wait for its files. It runs on
// every build, a prose edit's included, as the bodies are its input;
// with Inputs.SearchLater, a Builder's rebuild instead emits the last
// index made and leaves this one to Result.Later (searchlater.go).
func (b *builder) startSearch(ctx context.Context) func() ([]search.File, error) {
	docs := b.searchDocs()
	store := b.searchStore() // the pages read before, kept in the cache
	b.pending = nil
	k := b.reuse.searchKept()
	if k != nil && b.in.SearchLater && b.in.Sink == nil {
		if prev := k.last(); prev != nil {
			b.pending = &laterSearch{docs: docs, standIn: prev, kept: k, store: store}
			return func() ([]search.File, error) { return prev, nil }
		}
	}
	var files []search.File
	var err error
	done := make(chan struct{})
	go func() {
		defer close(done)
		files, err = search.BuildCached(ctx, docs, store)
		if err == nil && k != nil {
			k.keep(files)
		}
	}()
	return func() ([]search.File, error) {
		<-done
		return files, err
	}
}

// emitSearch emits the index's files; the paths under assets/ are kept
// for the headers file, as they are named by their contents.
func (b *builder) emitSearch(ctx context.Context, out *emitter, wait func() ([]search.File, error)) error {
	files, err := wait()
	if err != nil {
		return err
	}
	b.searchAssets = b.searchAssets[:0]
	for _, f := range files {
		if strings.HasPrefix(f.Path, "assets/") {
			b.searchAssets = append(b.searchAssets, f.Path)
		}
	}
	// A fragment per page: as many files as pages, written on all cores.
	errs := make([]error, len(files))
	if err := par.For(ctx, len(files), func(i int) { errs[i] = out.emit(files[i].Path, files[i].Data, true) }); err != nil {
		return err
	}
	return errors.Join(errs...)
}

// siteStore keeps each site's search memo apart in the cache directory,
// under a name made from the site's root (Inputs.Root), as the parsed
// bodies are: two sites sharing the default cache would otherwise replace
// each other's memo on every build, and neither would gain from it. Like
// the packs of parsed bodies, only the memos of the sites built last are
// kept (keptSites); reading one marks it as used.
type siteStore struct {
	dir  *cache.Dir
	root string
}

// memoDir is the cache's directory of search memos, one file per site.
const memoDir = "search"

func (s siteStore) name(n string) string {
	sum := sha256.Sum256([]byte(s.root))
	return memoDir + "/" + hexString(sum[:8]) + "." + path.Base(n)
}

func (s siteStore) ReadFile(n string) ([]byte, error) {
	data, err := s.dir.ReadFile(s.name(n))
	if err == nil {
		now := time.Now()
		os.Chtimes(s.dir.Path(s.name(n)), now, now)
	}
	return data, err
}

func (s siteStore) WriteFile(n string, data []byte) error { return s.dir.WriteFile(s.name(n), data) }
