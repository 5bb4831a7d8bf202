package build_test

import (
	"bytes"
	"cmp"
	"compress/gzip"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/counterpoint-ssg/counterpoint/internal/benchsite"
	"github.com/counterpoint-ssg/counterpoint/internal/build"
	"github.com/counterpoint-ssg/counterpoint/internal/cache"
	"github.com/counterpoint-ssg/counterpoint/internal/search"
)

// prefixBytes is the script's PREFIX_BYTES: how far a prefix reaches
// into the chunks after its own.
const prefixBytes = 65536

// reader answers queries over a built index the way site.js does, and
// counts the bytes it reads.
type reader struct {
	t     testing.TB
	files map[string][]byte
	man   struct {
		F, X, H string
		G       []int
		C       [][3]any
	}
	read map[string]bool
}

func newReader(t testing.TB, files map[string][]byte) *reader {
	t.Helper()
	r := &reader{t: t, files: files, read: map[string]bool{}}
	// A page fetches the search script for its first query too.
	for p := range files {
		if strings.HasPrefix(p, "assets/search.") && strings.HasSuffix(p, ".js") {
			r.read[p] = true
		}
	}
	if err := json.Unmarshal(r.get(search.ManifestPath), &r.man); err != nil {
		t.Fatal(err)
	}
	return r
}

func (r *reader) get(path string) []byte {
	data, ok := r.files[path]
	if !ok {
		r.t.Fatalf("the index refers to %s, which was not built", path)
	}
	r.read[path] = true
	return data
}

// fragment reads page p's fragment from the file that holds it, the
// manifest's g counting the pages of each file in order and h holding
// their hashes one after the other; the file is gzip, decompressed as
// the script does.
func (r *reader) fragment(p int) json.RawMessage {
	for i, n := range r.man.G {
		if p < n {
			name := r.man.F + r.man.H[i*search.HashLen:(i+1)*search.HashLen] + r.man.X
			var list []json.RawMessage
			if err := json.Unmarshal(gunzip(r.t, r.get(name)), &list); err != nil || len(list) != n {
				r.t.Fatalf("fragment file %s: %d pages, want %d (%v)", name, len(list), n, err)
			}
			return list[p]
		}
		p -= n
	}
	r.t.Fatalf("no fragment file holds page %d", p)
	return nil
}

// gunzip decompresses a fragment file, which must be gzip.
func gunzip(t testing.TB, data []byte) []byte {
	t.Helper()
	z, err := gzip.NewReader(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("a fragment file is not gzip: %v", err)
	}
	out, err := io.ReadAll(z)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// bytes is the total size of the files read so far.
func (r *reader) bytes() int {
	n := 0
	for p := range r.read {
		n += len(r.files[p])
	}
	return n
}

// postings maps page -> weight for w, halving words that only start with
// w when prefix.
func (r *reader) postings(w string, prefix bool) map[int]float64 {
	c := r.man.C
	i := len(c) - 1
	for i > 0 && c[i][0].(string) > w {
		i--
	}
	names := []string{c[i][1].(string)}
	size := 0
	for j := i + 1; prefix && len(w) > 1 && j < len(c) && strings.HasPrefix(c[j][0].(string), w); j++ {
		if size += int(c[j][2].(float64)); size > prefixBytes {
			break
		}
		names = append(names, c[j][1].(string))
	}
	out := map[int]float64{}
	for _, name := range names {
		var ch map[string][]int
		if err := json.Unmarshal(r.get(name), &ch); err != nil {
			r.t.Fatal(err)
		}
		for k, a := range ch {
			half := k != w
			if half && !(prefix && len(w) > 1 && strings.HasPrefix(k, w)) {
				continue
			}
			p := -1
			for x := 0; x < len(a); x += 2 {
				p += a[x]
				v := float64(a[x+1])
				if half {
					v /= 2
				}
				out[p] = max(out[p], v)
			}
		}
	}
	return out
}

// query returns the URLs of the best limit pages for q, reading their
// fragments as the script does to show them.
func (r *reader) query(q string, limit int) []string {
	var ws []string
	search.Words(q, func(w string) { ws = append(ws, w) })
	open := !strings.HasSuffix(q, " ")
	score := map[int]float64{}
	for i, w := range ws {
		m := r.postings(w, open && i == len(ws)-1)
		if i == 0 {
			score = m
			continue
		}
		for p := range score {
			if m[p] == 0 {
				delete(score, p)
			} else {
				score[p] += m[p]
			}
		}
	}
	pages := make([]int, 0, len(score))
	for p := range score {
		pages = append(pages, p)
	}
	slices.SortFunc(pages, func(a, b int) int { return cmp.Or(cmp.Compare(score[b], score[a]), cmp.Compare(a, b)) })
	var urls []string
	for _, p := range pages[:min(limit, len(pages))] {
		var f struct{ U string }
		if err := json.Unmarshal(r.fragment(p), &f); err != nil {
			r.t.Fatal(err)
		}
		urls = append(urls, f.U)
	}
	return urls
}

var searchSite = fstest.MapFS{
	"content/_index.md":             {Data: []byte("---\ntitle: Site\nbase_url: https://example.org/sub/\n---\nWelcome home.\n")},
	"content/demands/a.md":          {Data: []byte("---\ntitle: Alpha demand\nclaimant: Russia\n---\n## Background\n\nTalks in Bucharest. A reply came.\n")},
	"content/demands/b.md":          {Data: []byte("---\ntitle: Bucharest summit\nclaimant: NATO\n---\nThe summit.\n")},
	"content/glossary/aegis.md":     {Data: []byte("---\ntitle: Aegis Ashore\nshort: A missile defence system.\n---\nBuilt at Deveselu.\n")},
	"content/timeline/summit.md":    {Data: []byte("---\ntitle: Summit opens\ndate: 2008-04-02\n---\nLeaders gather at the Palace of the Parliament.\n")},
	"content/counterpositions/c.md": {Data: []byte("---\ntitle: Gamma\nrespondent: NATO\nresponds_to: [a]\n---\n## Reply\n\nRecalled the Bucharest declaration.\n")},
}

// TestSearchIndexesEveryWord finds body words of a demand, a term and an
// event, ranks a title above a heading's section above body text, and
// gives URLs with the base path.
func TestSearchIndexesEveryWord(t *testing.T) {
	res, err := build.Build(context.Background(), build.Inputs{FS: searchSite})
	if err != nil {
		t.Fatal(err)
	}
	r := newReader(t, res.Files)
	for q, want := range map[string][]string{
		"deveselu":   {"/sub/glossary/#aegis"},
		"parliament": {"/sub/timeline/#summit"},
		"palace of":  {"/sub/timeline/#summit"},
		"bucharest":  {"/sub/demands/b/", "/sub/counterpositions/c/", "/sub/demands/a/"},
		"buch":       {"/sub/demands/b/", "/sub/counterpositions/c/", "/sub/demands/a/"},
		"background": {"/sub/demands/a/"},
		// A heading outranks body text.
		"reply":      {"/sub/counterpositions/c/", "/sub/demands/a/"},
		"nosuchword": nil,
		// The home page's body too.
		"welcome": {"/sub/"},
	} {
		if got := r.query(q, 8); !slices.Equal(got, want) {
			t.Errorf("%q: %q, want %q", q, got, want)
		}
	}
}

// TestSearchFollowsProseEdits edits a body as live preview does (the
// prose-edit path) and finds the new word, and no longer the old one;
// with a cache directory too, where the index keeps its memo of each
// page, and the index files are the same bytes as without it. With
// SearchLater, the rebuild serves the index before the edit until its
// Later gives the new one.
func TestSearchFollowsProseEdits(t *testing.T) {
	var plain map[string][]byte
	for _, v := range []struct{ withCache, later bool }{{false, false}, {true, false}, {false, true}, {true, true}} {
		withCache := v.withCache
		t.Run(fmt.Sprintf("cache=%v,later=%v", withCache, v.later), func(t *testing.T) {
			fsys := fstest.MapFS{}
			for k, v := range searchSite {
				fsys[k] = &fstest.MapFile{Data: v.Data}
			}
			in := build.Inputs{FS: fsys, SearchLater: v.later}
			if withCache {
				c, err := cache.Open(t.TempDir())
				if err != nil {
					t.Fatal(err)
				}
				in.Cache = c
			}
			b := build.NewBuilder(in)
			first, err := b.Build(context.Background(), nil)
			if err != nil {
				t.Fatal(err)
			}
			if got := newReader(t, first.Files).query("deveselu", 8); len(got) != 1 {
				t.Fatalf("deveselu before the edit: %q", got)
			}
			p := "content/glossary/aegis.md"
			fsys[p] = &fstest.MapFile{Data: []byte(strings.Replace(string(fsys[p].Data), "Deveselu", "Redzikowo", 1))}
			got, err := b.Build(context.Background(), []string{p})
			if err != nil {
				t.Fatal(err)
			}
			if got.Site != first.Site {
				t.Fatal("the edit did not take the prose-edit path")
			}
			if v.later {
				if urls := newReader(t, got.Files).query("deveselu", 8); len(urls) != 1 {
					t.Errorf("deveselu before the index caught up: %q", urls)
				}
				ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
				defer cancel()
				if got, err = got.Later(ctx); err != nil {
					t.Fatal(err)
				}
			}
			r := newReader(t, got.Files)
			if urls := r.query("redzikowo", 8); !slices.Equal(urls, []string{"/sub/glossary/#aegis"}) {
				t.Errorf("redzikowo after the edit: %q", urls)
			}
			if urls := r.query("deveselu", 8); len(urls) != 0 {
				t.Errorf("deveselu after the edit: %q", urls)
			}
			index := map[string][]byte{}
			for p, d := range got.Files {
				if strings.HasPrefix(p, "search/") || strings.HasPrefix(p, search.ChunkDir) || strings.HasPrefix(p, search.FragmentDir) {
					index[p] = d
				}
			}
			if plain == nil {
				plain = index
				return
			}
			if len(index) != len(plain) {
				t.Fatalf("%d index files with the cache, %d without", len(index), len(plain))
			}
			for p, d := range plain {
				if !bytes.Equal(index[p], d) {
					t.Errorf("%s differs with the cache", p)
				}
			}
		})
	}
}

// TestSearchFirstQueryBytes10k builds the 10,000-page synthetic site and
// counts what the first query of a word on nearly every page downloads:
// the search script, the manifest, chunks and the fragments of the eight
// results shown.
func TestSearchFirstQueryBytes10k(t *testing.T) {
	if testing.Short() {
		t.Skip("builds 10,000 pages")
	}
	res, err := build.Build(context.Background(), build.Inputs{FS: benchsite.Generate(10000)})
	if err != nil {
		t.Fatal(err)
	}
	const budget = 300 << 10
	for _, q := range []string{"ceasefire", "security", "treaty summit", "sec", "s", "dema 00"} {
		r := newReader(t, res.Files)
		urls := r.query(q, 8)
		t.Logf("first query %q: %d bytes, %d results shown", q, r.bytes(), len(urls))
		if r.bytes() > budget {
			t.Errorf("first query %q: %d bytes, over %d", q, r.bytes(), budget)
		}
		if len(urls) == 0 && q != "s" {
			t.Errorf("first query %q: no results", q)
		}
	}
}

// TestSearchMemoPerSite builds two sites into one cache directory: each
// keeps its own memo (Inputs.Root names it), so neither replaces the
// other's; and many sites leave only the memos of the last ones built.
func TestSearchMemoPerSite(t *testing.T) {
	c, err := cache.Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	memos := buildSites(t, c, 2)
	if len(memos) != 2 {
		t.Errorf("two sites left %d search memos in one cache, want one each: %q", len(memos), memos)
	}
	const kept = 32 // keptSites
	if memos := buildSites(t, c, kept+8); len(memos) > kept+1 {
		t.Errorf("%d sites left %d search memos, want the last %d (and the one being built)", kept+8, len(memos), kept)
	}
}

// buildSites builds the search site from n site roots into c and returns
// the search memos c then holds.
func buildSites(t *testing.T, c *cache.Dir, n int) []string {
	t.Helper()
	for i := range n {
		root := fmt.Sprintf("/sites/%d", i)
		fsys := fstest.MapFS{}
		for k, v := range searchSite {
			fsys[k] = &fstest.MapFile{Data: v.Data}
		}
		if _, err := build.Build(context.Background(), build.Inputs{FS: fsys, Cache: c, Root: root}); err != nil {
			t.Fatal(err)
		}
	}
	var memos []string
	err := filepath.WalkDir(c.Root(), func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".memo") {
			memos = append(memos, p)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return memos
}
