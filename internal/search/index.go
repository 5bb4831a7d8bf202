package search

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
)

// Doc is one searchable page as the index sees it. Body is its rendered
// HTML; the other fields are shown with a result or weigh its words.
type Doc struct {
	URL, Title, Kind string
	// Who is the claimant, respondent or role, shown with the result and
	// weighed as a heading.
	Who        string
	Date, End  string
	Summary    string
	Aliases    []string
	Body       string
	sections   []Section
	entries    []uint64 // a word's id in its dictionary <<8 | its weight
	worker     int      // whose dictionary: 0 the memo's, k+1 worker k's
	key        [sha256.Size]byte
	fragment   []byte
	fragDigest [sha256.Size]byte
}

// Weights of a word on a page: a title (or alias) word outranks a heading
// (or who) word, which outranks any number of body words, and the body
// count adds up to a cap so that a long page does not drown a short one.
const (
	WeightTitle   = 100
	WeightHeading = 10
	maxBodyCount  = 9
)

// Paths of the index under the site's base.
const (
	ManifestPath = "search/index.json"
	ChunkDir     = "assets/search/c/"
	FragmentDir  = "assets/search/f/"
)

// ChunkTarget is the size a chunk grows to before the next word starts a
// new one; a word whose postings alone are larger gets a chunk of its own.
const ChunkTarget = 8 << 10

// File is one output file of the index.
type File struct {
	Path string
	Data []byte
}

// Build indexes docs (page number = position in docs) on all cores and
// returns the manifest, chunk and fragment files, sorted by path.
func Build(ctx context.Context, docs []Doc) ([]File, error) {
	return BuildCached(ctx, docs, nil)
}

// BuildCached is Build with a memo of each page's words and fragment
// kept in store between builds (nil: none), so that only pages whose
// text changed are read again; the files are the same bytes either way.
func BuildCached(ctx context.Context, docs []Doc, store Store) ([]File, error) {
	files, _, err := buildCached(ctx, docs, store)
	return files, err
}

// counts say what a build took from the memo and what it did anew.
type counts struct {
	recalled   int // pages whose words and fragment the memo gave
	compressed int // fragment files compressed anew
}

// buildCached is BuildCached, also saying what the memo gave.
func buildCached(ctx context.Context, docs []Doc, store Store) ([]File, counts, error) {
	m := loadMemo(store)
	var recalled atomic.Int64
	workers, err := each(ctx, len(docs), func(wk *worker, i int) {
		if store != nil {
			docs[i].key = docs[i].digest()
			if m.recall(&docs[i]) {
				recalled.Add(1)
				return
			}
		}
		docs[i].prepare(wk)
	})
	if err != nil {
		return nil, counts{}, err
	}
	dicts := [][]string{m.wordList()} // dictionary 0: the memo's
	for _, wk := range workers {
		dicts = append(dicts, wk.words)
	}
	words, postings := merge(docs, dicts)
	gs := groups(docs)
	c := counts{recalled: int(recalled.Load())}
	if c.compressed, err = fill(ctx, docs, gs, m); err != nil {
		return nil, counts{}, err
	}
	if store != nil && (c.recalled != len(docs) || m.pages() != len(docs) || c.compressed > 0 || m.groupCount() != len(gs)) {
		if data := encodeMemo(docs, words, gs); data != nil {
			store.WriteFile(memoName, data) // losing the memo costs only time
		}
	}
	for i := range docs {
		docs[i].fragment = nil
	}

	files := make([]File, 0, len(gs)+len(words)/64+2)
	for i := range gs {
		files = append(files, File{Path: gs[i].name(), Data: gs[i].data})
	}

	// Chunks: words in order, cut where a chunk reaches ChunkTarget.
	type chunkRef struct {
		first, path string
		size        int
	}
	var refs []chunkRef
	var chunk []byte
	flush := func() {
		if len(chunk) == 0 {
			return
		}
		chunk = append(chunk, "}\n"...)
		sum := sha256.Sum256(chunk)
		refs[len(refs)-1].path = ChunkDir + hex.EncodeToString(sum[:8]) + ".json"
		refs[len(refs)-1].size = len(chunk)
		files = append(files, File{Path: refs[len(refs)-1].path, Data: chunk})
		chunk = nil
	}
	for g, w := range words {
		if len(chunk) >= ChunkTarget {
			flush()
		}
		if len(chunk) == 0 {
			first := w
			if len(refs) == 0 {
				first = "" // the first chunk starts at the beginning
			}
			refs = append(refs, chunkRef{first: first})
			chunk = make([]byte, 0, ChunkTarget+ChunkTarget/4)
			chunk = append(chunk, '{')
		} else {
			chunk = append(chunk, ',')
		}
		chunk = strconv.AppendQuote(chunk, w)
		chunk = append(chunk, ":["...)
		prev := int32(-1)
		for j, p := range postings.of(g) {
			if j > 0 {
				chunk = append(chunk, ',')
			}
			chunk = strconv.AppendInt(chunk, int64(p>>8-prev), 10)
			chunk = append(chunk, ',')
			chunk = strconv.AppendInt(chunk, int64(p&0xff), 10)
			prev = p >> 8
		}
		chunk = append(chunk, ']')
	}
	flush()

	var man strings.Builder
	man.WriteString(`{"v":3,"f":`)
	writeString(&man, FragmentDir)
	man.WriteString(`,"x":`)
	writeString(&man, FragmentExt)
	man.WriteString(`,"h":"`)
	for i := range gs {
		man.WriteString(gs[i].hash())
	}
	man.WriteString(`","g":[`)
	for i := range gs {
		if i > 0 {
			man.WriteByte(',')
		}
		man.WriteString(strconv.Itoa(gs[i].n))
	}
	man.WriteString(`],"c":[`)
	for i, r := range refs {
		if i > 0 {
			man.WriteByte(',')
		}
		man.WriteByte('[')
		writeString(&man, r.first)
		man.WriteByte(',')
		writeString(&man, r.path)
		man.WriteString("," + strconv.Itoa(r.size) + "]")
	}
	man.WriteString("]}\n")
	files = append(files, File{Path: ManifestPath, Data: []byte(man.String())})
	slices.SortFunc(files, func(a, b File) int { return strings.Compare(a.Path, b.Path) })
	return files, c, nil
}

// postingList is every word's postings in one slice, page<<8|weight in
// page order, word g's at at[g]:at[g+1]: no pointer for the collector to
// follow and no slice grown word by word.
type postingList struct {
	at   []int32
	data []int32
}

func (p *postingList) of(g int) []int32 { return p.data[p.at[g]:p.at[g+1]] }

// merge numbers the words of all dictionaries in sorted order, lays out
// their postings page by page (so the result does not depend on which
// worker read which page) and leaves each page's entries numbered by the
// sorted words, as the memo keeps them.
func merge(docs []Doc, dicts [][]string) ([]string, postingList) {
	n := 0
	for _, d := range dicts {
		n += len(d)
	}
	words := make([]string, 0, n)
	for _, d := range dicts {
		words = append(words, d...)
	}
	slices.Sort(words)
	words = slices.Compact(words)
	rank := make(map[string]int32, len(words))
	for i, w := range words {
		rank[w] = int32(i)
	}
	remap := make([][]int32, len(dicts))
	for k, d := range dicts {
		remap[k] = make([]int32, len(d))
		for i, w := range d {
			remap[k][i] = rank[w]
		}
	}
	count := make([]int32, len(words))
	for i := range docs {
		r := remap[docs[i].worker]
		for _, e := range docs[i].entries {
			count[r[e>>8]]++
		}
	}
	// Only words on some page stay: the memo's dictionary may hold words
	// that an edit took away.
	keep := make([]int32, len(words))
	at := make([]int32, 1, len(words)+1)
	n = 0
	for g, w := range words {
		if count[g] > 0 {
			keep[g], words[n] = int32(n), w
			at = append(at, at[n]+count[g])
			n++
		}
	}
	words = words[:n]
	for i := range docs {
		r := remap[docs[i].worker]
		for j, e := range docs[i].entries {
			docs[i].entries[j] = uint64(keep[r[e>>8]])<<8 | e&0xff
		}
		docs[i].worker = -1
	}
	data := make([]int32, at[len(words)])
	next := slices.Clone(at[:len(words)])
	for i := range docs {
		for _, e := range docs[i].entries {
			g := e >> 8
			data[next[g]] = int32(i)<<8 | int32(e&0xff)
			next[g]++
		}
	}
	return words, postingList{at: at, data: data}
}

func writeString(b *strings.Builder, s string) {
	q, _ := json.Marshal(s)
	b.Write(q)
}

// each calls f(wk, i) for every i in [0, n) on all cores, each goroutine
// with a worker of its own; page i is handled by one goroutine, so the
// output never depends on scheduling.
func each(ctx context.Context, n int, f func(wk *worker, i int)) ([]*worker, error) {
	workers := make([]*worker, max(1, min(runtime.GOMAXPROCS(0), n)))
	var next atomic.Int64
	var wg sync.WaitGroup
	for k := range workers {
		wg.Add(1)
		wk := &worker{num: k}
		workers[k] = wk
		go func() {
			defer wg.Done()
			for ctx.Err() == nil {
				i := int(next.Add(8)) - 8
				if i >= n {
					return
				}
				for j := i; j < min(i+8, n); j++ {
					f(wk, j)
				}
			}
		}()
	}
	wg.Wait()
	return workers, ctx.Err()
}

// weight is a word's weight on a page.
func weight(title, heading bool, count int) int {
	n := min(count, maxBodyCount)
	if title {
		n += WeightTitle
	}
	if heading {
		n += WeightHeading
	}
	return n
}

// Bits of a packed weight while a page is read: the low bits count body
// words (up to maxBodyCount).
const (
	inTitle   = 1 << 31
	inHeading = 1 << 30
)

// worker is one goroutine's scratch space for prepare. Its dictionary
// outlives the page, so each word's string is made once per worker, not
// once per page, and a page's counts live in vals, reset as words are
// first met on each page.
type worker struct {
	num int // its place in the workers Build returns
	dict
	vals    []uint32
	last    []int32 // the doc count at which vals[i] was last reset
	doc     int32
	touched []int32
	buf     []byte
	text    []byte
}

// at returns the current page's packed weight of word b.
func (wk *worker) at(b []byte) *uint32 {
	id, added := wk.id(b)
	if added {
		wk.vals = append(wk.vals, 0)
		wk.last = append(wk.last, 0)
	}
	if wk.last[id] != wk.doc {
		wk.last[id] = wk.doc
		wk.vals[id] = 0
		wk.touched = append(wk.touched, id)
	}
	return &wk.vals[id]
}

// prepare splits the body into sections, weighs every word and encodes
// the fragment.
func (d *Doc) prepare(wk *worker) {
	d.sections, wk.text = sections(d.Body, wk.text)
	wk.doc++
	wk.touched = wk.touched[:0]
	mark := func(s string, bit uint32) {
		wk.buf = scanWords(s, wk.buf, func(b []byte) { *wk.at(b) |= bit })
	}
	count := func(s string) {
		wk.buf = scanWords(s, wk.buf, func(b []byte) {
			if v := wk.at(b); *v&0xffff < maxBodyCount {
				*v++
			}
		})
	}
	mark(d.Title, inTitle)
	for _, a := range d.Aliases {
		mark(a, inTitle)
	}
	mark(d.Who, inHeading)
	count(d.Summary)
	for _, s := range d.sections {
		mark(s.Heading, inHeading)
		count(s.Text)
	}
	d.worker = wk.num + 1
	d.entries = make([]uint64, len(wk.touched))
	for i, id := range wk.touched {
		v := wk.vals[id]
		d.entries[i] = uint64(id)<<8 | uint64(weight(v&inTitle != 0, v&inHeading != 0, int(v&0xffff)))
	}
	// Straight into a buffer of its own, sized for the text (which JSON
	// rarely lengthens): the fragment is the bulk of the index's bytes.
	size := len(wk.text) + len(d.URL) + len(d.Title) + len(d.Kind) + len(d.Who) + len(d.Summary) + 64
	for _, s := range d.sections {
		size += len(s.ID) + 16
	}
	d.fragment = d.appendFragment(make([]byte, 0, size))
	d.fragDigest = sha256.Sum256(d.fragment)
	d.sections = nil
}
