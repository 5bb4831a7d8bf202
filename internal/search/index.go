package search

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"slices"
	"strconv"
	"strings"

	"github.com/counterpoint-ssg/counterpoint/internal/par"
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
	weights    map[string]int
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
	if err := par.For(ctx, len(docs), func(i int) { docs[i].prepare() }); err != nil {
		return nil, err
	}
	postings := map[string][]int{}
	last := map[string]int{}
	for i := range docs {
		for w, wt := range docs[i].weights {
			prev, seen := last[w]
			if !seen {
				prev = -1
			}
			postings[w] = append(postings[w], i-prev, wt)
			last[w] = i
		}
		docs[i].weights = nil
	}
	words := make([]string, 0, len(postings))
	for w := range postings {
		words = append(words, w)
	}
	slices.Sort(words)

	h := sha256.New()
	for i := range docs {
		h.Write(docs[i].fragDigest[:])
	}
	fdir := FragmentDir + hex.EncodeToString(h.Sum(nil)[:8]) + "/"
	files := make([]File, 0, len(docs)+len(words)/64+2)
	for i := range docs {
		files = append(files, File{Path: fdir + strconv.Itoa(i) + ".json", Data: docs[i].fragment})
		docs[i].fragment = nil
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
	for _, w := range words {
		if len(chunk) >= ChunkTarget {
			flush()
		}
		if len(chunk) == 0 {
			first := w
			if len(refs) == 0 {
				first = "" // the first chunk starts at the beginning
			}
			refs = append(refs, chunkRef{first: first})
			chunk = append(chunk, '{')
		} else {
			chunk = append(chunk, ',')
		}
		chunk = strconv.AppendQuote(chunk, w)
		chunk = append(chunk, ":["...)
		for j, n := range postings[w] {
			if j > 0 {
				chunk = append(chunk, ',')
			}
			chunk = strconv.AppendInt(chunk, int64(n), 10)
		}
		chunk = append(chunk, ']')
	}
	flush()

	var man strings.Builder
	man.WriteString(`{"v":1,"f":`)
	writeString(&man, fdir)
	man.WriteString(`,"c":[`)
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
	return files, nil
}

func writeString(b *strings.Builder, s string) {
	q, _ := json.Marshal(s)
	b.Write(q)
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

// fragment is what a result shows of its page; short keys keep it small.
type fragment struct {
	URL      string      `json:"u"`
	Title    string      `json:"t"`
	Kind     string      `json:"k"`
	Who      string      `json:"w,omitempty"`
	Date     string      `json:"d,omitempty"`
	End      string      `json:"e,omitempty"`
	Summary  string      `json:"m,omitempty"`
	Sections [][3]string `json:"s,omitempty"`
}

// prepare splits the body into sections, weighs every word and encodes
// the fragment.
func (d *Doc) prepare() {
	d.sections = Sections(d.Body)
	type seen struct {
		title, heading bool
		count          int
	}
	w := map[string]*seen{}
	get := func(word string) *seen {
		e := w[word]
		if e == nil {
			e = &seen{}
			w[word] = e
		}
		return e
	}
	title := func(s string) { Words(s, func(word string) { get(word).title = true }) }
	heading := func(s string) { Words(s, func(word string) { get(word).heading = true }) }
	count := func(s string) { Words(s, func(word string) { get(word).count++ }) }
	title(d.Title)
	for _, a := range d.Aliases {
		title(a)
	}
	heading(d.Who)
	count(d.Summary)
	for _, s := range d.sections {
		heading(s.Heading)
		count(s.Text)
	}
	d.weights = make(map[string]int, len(w))
	for word, e := range w {
		d.weights[word] = weight(e.title, e.heading, e.count)
	}
	f := fragment{URL: d.URL, Title: d.Title, Kind: d.Kind, Who: d.Who, Date: d.Date, End: d.End, Summary: d.Summary}
	for _, s := range d.sections {
		f.Sections = append(f.Sections, [3]string{s.ID, s.Heading, s.Text})
	}
	d.fragment, _ = json.Marshal(f)
	d.fragment = append(d.fragment, '\n')
	d.fragDigest = sha256.Sum256(d.fragment)
	d.sections = nil
}
