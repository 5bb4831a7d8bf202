package search

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"hash/crc32"
	"sync"
	"unsafe"
)

// Store keeps the memo between builds; *cache.Dir is one. A read that
// fails is a miss, and a write that fails costs only time.
type Store interface {
	ReadFile(name string) ([]byte, error)
	WriteFile(name string, data []byte) error
}

// memoName is the memo's entry in the store.
const memoName = "search/pages.memo"

// The memo keeps, for each page by the digest of everything the index
// reads of it, its words with their weights and its fragment: reading a
// page's text is most of the index's cost, and between two builds few
// pages change. It is one file (a file per page would cost more to open
// than to read), in this layout, all integers little-endian uint32:
//
//	magic, probe digest
//	word count, then each word's end in the blob, then the blob
//	page count, then per page: key, fragment digest,
//	  entry count, entries (word<<8 | weight), fragment length, fragment
//	group count, then per fragment file: key, length, gzip bytes
//	CRC-32C of all the above (a damaged memo is none)
//
// The compressed fragment files are kept by their key (the digest of
// their pages' fragments), so that a build whose fragments did not
// change compresses nothing. The probe digest is of a sample page's
// words, fragment and compressed fragment as this program makes them, so
// a memo written by a program that indexes or compresses differently is
// never used.
const memoMagic = "counterpoint search memo 2\n"

// memo is a memo as read: its pages by key, its fragments and words
// still in the file's bytes.
type memo struct {
	words  []string
	recs   map[[sha256.Size]byte]memoRec
	groups map[[sha256.Size]byte][]byte
}

type memoRec struct {
	digest  [sha256.Size]byte
	entries []byte // entry count × 4 bytes
	frag    []byte
}

// digest is the key of a page in the memo: every field the index reads,
// each with its length so that no two pages run together.
func (d *Doc) digest() [sha256.Size]byte {
	h := sha256.New()
	var n [8]byte
	put := func(s string) {
		binary.LittleEndian.PutUint64(n[:], uint64(len(s)))
		h.Write(n[:])
		// The string's own bytes, not a copy of each body: a Writer
		// neither keeps nor changes what it is given.
		h.Write(unsafe.Slice(unsafe.StringData(s), len(s)))
	}
	for _, s := range []string{d.URL, d.Title, d.Kind, d.Who, d.Date, d.End, d.Summary, d.Body} {
		put(s)
	}
	binary.LittleEndian.PutUint64(n[:], uint64(len(d.Aliases)))
	h.Write(n[:])
	for _, a := range d.Aliases {
		put(a)
	}
	var k [sha256.Size]byte
	h.Sum(k[:0])
	return k
}

// probe is the digest of a sample page as this program indexes it.
var probe = sync.OnceValue(func() [sha256.Size]byte {
	d := Doc{URL: "/p/", Title: "Ça Straße ΣΊΣΥΦΟΣ", Kind: "demand", Who: "Россия", Date: "2021-12", End: "2022",
		Summary: "A «summary» &amp; x2Y", Aliases: []string{"Ёлка", "e\u0301cole"},
		Body: `<p>Intro <em>te</em>xt&amp;more</p><h2 id="h">Head <code>c</code></h2><script>no</script><ul><li>a</li><li>b b b b b b b b b b b</li></ul><h3>Sub</h3>end`}
	wk := &worker{}
	d.prepare(wk)
	h := sha256.New()
	for _, e := range d.entries {
		h.Write([]byte(wk.words[e>>8]))
		h.Write([]byte{0, byte(e)})
	}
	h.Write(d.fragment)
	h.Write(compress(d.fragment))
	var k [sha256.Size]byte
	h.Sum(k[:0])
	return k
})

func (m *memo) wordList() []string {
	if m == nil {
		return nil
	}
	return m.words
}

// group returns the compressed fragment file of key, if the memo has it.
func (m *memo) group(key [sha256.Size]byte) ([]byte, bool) {
	if m == nil {
		return nil, false
	}
	data, ok := m.groups[key]
	return data, ok
}

func (m *memo) groupCount() int {
	if m == nil {
		return 0
	}
	return len(m.groups)
}

func (m *memo) pages() int {
	if m == nil {
		return 0
	}
	return len(m.recs)
}

// recall fills d's entries (numbered in the memo's words), fragment and
// its digest from the memo, if it holds d's key.
func (m *memo) recall(d *Doc) bool {
	if m == nil {
		return false
	}
	r, ok := m.recs[d.key]
	if !ok {
		return false
	}
	d.entries = make([]uint64, len(r.entries)/4)
	for i := range d.entries {
		d.entries[i] = uint64(binary.LittleEndian.Uint32(r.entries[4*i:]))
	}
	d.fragment, d.fragDigest, d.worker = r.frag, r.digest, 0
	return true
}

// reader takes little-endian fields off a memo, failing for good at the
// first that does not fit.
type reader struct {
	b  []byte
	ok bool
}

func (r *reader) bytes(n int) []byte {
	if !r.ok || n < 0 || n > len(r.b) {
		r.ok = false
		return nil
	}
	v := r.b[:n:n]
	r.b = r.b[n:]
	return v
}

func (r *reader) u32() int {
	b := r.bytes(4)
	if b == nil {
		return -1
	}
	return int(binary.LittleEndian.Uint32(b))
}

// loadMemo reads the memo from store; a missing, foreign or damaged one
// is none.
func loadMemo(store Store) *memo {
	if store == nil {
		return nil
	}
	data, err := store.ReadFile(memoName)
	if err != nil {
		return nil
	}
	if len(data) < 4 {
		return nil
	}
	sum := binary.LittleEndian.Uint32(data[len(data)-4:])
	data = data[:len(data)-4]
	if crc32.Checksum(data, castagnoli) != sum {
		return nil
	}
	p := probe()
	r := &reader{b: data, ok: true}
	if string(r.bytes(len(memoMagic))) != memoMagic || !bytes.Equal(r.bytes(len(p)), p[:]) {
		return nil
	}
	nw := r.u32()
	ends := r.bytes(4 * nw)
	m := &memo{words: make([]string, max(nw, 0))}
	blob := ""
	if len(ends) > 0 {
		blob = string(r.bytes(int(binary.LittleEndian.Uint32(ends[len(ends)-4:]))))
	}
	start := 0
	for i := range m.words {
		end := int(binary.LittleEndian.Uint32(ends[4*i:]))
		if !r.ok || end < start || end > len(blob) {
			return nil
		}
		m.words[i], start = blob[start:end], end
	}
	np := r.u32()
	m.recs = make(map[[sha256.Size]byte]memoRec, max(np, 0))
	for range max(np, 0) {
		var key [sha256.Size]byte
		var rec memoRec
		copy(key[:], r.bytes(sha256.Size))
		copy(rec.digest[:], r.bytes(sha256.Size))
		rec.entries = r.bytes(4 * r.u32())
		rec.frag = r.bytes(r.u32())
		if !r.ok {
			return nil
		}
		for i := 0; i < len(rec.entries); i += 4 {
			if int(binary.LittleEndian.Uint32(rec.entries[i:])>>8) >= nw {
				return nil
			}
		}
		m.recs[key] = rec
	}
	ng := r.u32()
	m.groups = make(map[[sha256.Size]byte][]byte, max(ng, 0))
	for range max(ng, 0) {
		var key [sha256.Size]byte
		copy(key[:], r.bytes(sha256.Size))
		data := r.bytes(r.u32())
		if !r.ok {
			return nil
		}
		m.groups[key] = data
	}
	if !r.ok || len(r.b) != 0 {
		return nil
	}
	return m
}

// encodeMemo writes the memo of docs, their entries numbered by words
// (as merge leaves them), and of their compressed fragment files; nil
// when a number would not fit.
func encodeMemo(docs []Doc, words []string, gs []group) []byte {
	if len(words) >= 1<<24 {
		return nil
	}
	size, blob := len(memoMagic)+sha256.Size+8+4*len(words), 0
	for _, w := range words {
		blob += len(w)
	}
	for i := range docs {
		size += 2*sha256.Size + 8 + 4*len(docs[i].entries) + len(docs[i].fragment)
	}
	for i := range gs {
		size += sha256.Size + 4 + len(gs[i].data)
	}
	p := probe()
	b := make([]byte, 0, size+blob+8)
	b = append(b, memoMagic...)
	b = append(b, p[:]...)
	b = binary.LittleEndian.AppendUint32(b, uint32(len(words)))
	end := 0
	for _, w := range words {
		end += len(w)
		b = binary.LittleEndian.AppendUint32(b, uint32(end))
	}
	for _, w := range words {
		b = append(b, w...)
	}
	b = binary.LittleEndian.AppendUint32(b, uint32(len(docs)))
	for i := range docs {
		d := &docs[i]
		b = append(b, d.key[:]...)
		b = append(b, d.fragDigest[:]...)
		b = binary.LittleEndian.AppendUint32(b, uint32(len(d.entries)))
		for _, e := range d.entries {
			b = binary.LittleEndian.AppendUint32(b, uint32(e))
		}
		b = binary.LittleEndian.AppendUint32(b, uint32(len(d.fragment)))
		b = append(b, d.fragment...)
	}
	b = binary.LittleEndian.AppendUint32(b, uint32(len(gs)))
	for i := range gs {
		b = append(b, gs[i].key[:]...)
		b = binary.LittleEndian.AppendUint32(b, uint32(len(gs[i].data)))
		b = append(b, gs[i].data...)
	}
	return binary.LittleEndian.AppendUint32(b, crc32.Checksum(b, castagnoli))
}

var castagnoli = crc32.MakeTable(crc32.Castagnoli)
