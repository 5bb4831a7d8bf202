package search

import (
	"bytes"
	"compress/gzip"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"hash/fnv"
	"sync"

	"github.com/counterpoint-ssg/counterpoint/internal/par"
)

// Fragment files: consecutive pages share a file, gzip-compressed, so
// that a large site has a few hundred files rather than one per page
// (file creation is most of a fresh build's cost) and its fragments take
// a fifth of their raw bytes. A group aims at 1/FragmentFiles of all
// fragments but at most FragmentTarget raw bytes; a site under some
// 2,000 pages, where the number of files matters little, keeps a file
// per page and its first queries small. On the 10k corpus, 32 KB made
// 1,368 files and first queries of 107 to 171 KB, 64 KB 585 files and
// 139 to 203 KB, 128 KB 256 files but up to 345 KB (budget 300 KB).
//
// Where a group ends depends on its pages' URLs, not on their sizes: past
// half the target, a page closes its group when the hash of its URL is a
// multiple of the stride (a power of two, about a quarter of the target
// over the mean fragment), and no group grows past twice the target. An
// edit of one page's text so changes its own group's file (and, when it
// moves a cut made for size, the next one's), never the whole index.
const (
	FragmentTarget = 64 << 10
	FragmentFiles  = 256
	// FragmentExt is the fragment files' extension: one no server maps
	// to a Content-Encoding (as .gz is), so the script's own
	// DecompressionStream sees the gzip bytes.
	FragmentExt = ".frag"
	// fragmentLevel is the gzip level: on the 10k corpus 4 gives 0.19 of
	// the raw bytes at half the CPU of 6 (0.175), and 1 gives 0.22.
	fragmentLevel = 4
)

// groupVersion goes into every group's key, so that a change of the
// file's layout around the fragments renames every file.
const groupVersion = "counterpoint search group 1\n"

// group is one fragment file: pages [first, first+n) of the docs.
type group struct {
	first, n int
	key      [sha256.Size]byte
	data     []byte // compressed
}

// hash names the group's file by its pages' fragments: HashLen hex
// digits, which the manifest lists one after the other.
func (g *group) hash() string { return hex.EncodeToString(g.key[:HashLen/2]) }

func (g *group) name() string { return FragmentDir + g.hash() + FragmentExt }

// HashLen is the length of a fragment file's hash in the manifest.
const HashLen = 16

// stride is the number of pages in which one closes a group on average
// (a power of two, so that it stays put while edits move the sizes a
// little), least the size below which none does and limit the size no
// group grows past: together they make groups of about the target.
func stride(docs []Doc) (k, least, limit int) {
	total := 0
	for i := range docs {
		total += len(docs[i].fragment)
	}
	// In whole kilobytes, so that an edit seldom moves it (and with it
	// the cuts) at all.
	target := min(FragmentTarget, total/FragmentFiles&^1023)
	mean := max(1, total/max(1, len(docs)))
	k = 1
	for 4*k*mean <= target {
		k *= 2
	}
	return k, target / 2, 2 * target
}

// groups cuts docs into fragment files and keys each by its pages'
// fragment digests.
func groups(docs []Doc) []group {
	k, least, limit := stride(docs)
	var out []group
	size, closed := 0, true
	for i := range docs {
		n := len(docs[i].fragment) + 1 // and a comma or "["
		if closed || size+n > limit {
			out = append(out, group{first: i})
			size = 0
		}
		out[len(out)-1].n++
		size += n
		closed = k == 1 || size >= least && urlHash(docs[i].URL)&uint64(k-1) == 0
	}
	for i := range out {
		h := sha256.New()
		h.Write([]byte(groupVersion))
		for j := out[i].first; j < out[i].first+out[i].n; j++ {
			h.Write(docs[j].fragDigest[:])
		}
		h.Sum(out[i].key[:0])
	}
	return out
}

func urlHash(u string) uint64 {
	h := fnv.New64a()
	h.Write([]byte(u))
	// FNV's low bits mix poorly for short strings: fold the high in.
	s := h.Sum64()
	return s ^ s>>32
}

// rawGroup is the JSON of a group: an array of its pages' fragments.
func rawGroup(docs []Doc) []byte {
	size := 2
	for i := range docs {
		size += len(docs[i].fragment) + 1
	}
	data := make([]byte, 0, size)
	for i := range docs {
		data = append(data, ',')
		data = append(data, docs[i].fragment...)
	}
	data[0] = '['
	return append(data, "]\n"...)
}

var gzipWriters = sync.Pool{New: func() any {
	w, err := gzip.NewWriterLevel(nil, fragmentLevel)
	if err != nil {
		panic(err) // fragmentLevel is a valid level
	}
	return w
}}

// compress gzips raw with a zero header (no name, no time): the same
// bytes on every build.
func compress(raw []byte) []byte {
	var b bytes.Buffer
	b.Grow(len(raw)/3 + 64)
	w := gzipWriters.Get().(*gzip.Writer)
	w.Reset(&b)
	w.Write(raw) // a bytes.Buffer does not fail
	w.Close()
	gzipWriters.Put(w)
	return b.Bytes()
}

// fill gives every group its compressed bytes: from the memo's groups
// when it holds the group's key, else compressed anew on all cores. It
// returns how many it compressed.
func fill(ctx context.Context, docs []Doc, gs []group, m *memo) (int, error) {
	var todo []int
	for i := range gs {
		if data, ok := m.group(gs[i].key); ok {
			gs[i].data = data
		} else {
			todo = append(todo, i)
		}
	}
	err := par.For(ctx, len(todo), func(j int) {
		g := &gs[todo[j]]
		g.data = compress(rawGroup(docs[g.first : g.first+g.n]))
	})
	return len(todo), err
}
