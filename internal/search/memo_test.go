package search

import (
	"bytes"
	"context"
	"encoding/binary"
	"fmt"
	"hash/crc32"
	"os"
	"strings"
	"testing"

	"github.com/counterpoint-ssg/counterpoint/internal/cache"
)

// memoDocs are enough pages, in several scripts, for the memo to matter.
func memoDocs() []Doc {
	docs := testDocs()
	for i := range 40 {
		docs = append(docs, Doc{URL: fmt.Sprintf("/m%d/", i), Title: fmt.Sprintf("Page %d Ёлка", i), Kind: "event",
			Body: fmt.Sprintf(`<p>Text %d Straße &amp; more</p><h2 id="s%d">Section</h2><p>word%d café</p>`, i, i, i%7)})
	}
	return docs
}

// same fails unless two builds made the same files, byte for byte.
func same(t *testing.T, what string, got, want map[string][]byte) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("%s: %d files, want %d", what, len(got), len(want))
	}
	for p, d := range want {
		if !bytes.Equal(got[p], d) {
			t.Fatalf("%s: %s differs", what, p)
		}
	}
}

func cached(t *testing.T, docs []Doc, store Store) (map[string][]byte, counts) {
	t.Helper()
	files, c, err := buildCached(context.Background(), docs, store)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string][]byte{}
	for _, f := range files {
		out[f.Path] = f.Data
	}
	return out, c
}

// TestMemo: with a cache, a second build reads no page again and
// compresses no fragment file, an edit reads only the page edited and
// compresses only its file, and the files are those of a build without
// one.
func TestMemo(t *testing.T) {
	dir, err := cache.Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	docs := memoDocs()
	want := index(t, memoDocs())
	got, n := cached(t, memoDocs(), dir)
	same(t, "first build", got, want)
	if n.recalled != 0 || n.compressed != len(docs) {
		t.Errorf("first build recalled %d pages and compressed %d files, want 0 and %d", n.recalled, n.compressed, len(docs))
	}
	got, n = cached(t, memoDocs(), dir)
	same(t, "second build", got, want)
	if n.recalled != len(docs) || n.compressed != 0 {
		t.Errorf("second build recalled %d of %d pages and compressed %d files", n.recalled, len(docs), n.compressed)
	}
	// The edit drops "nothing", a word of no other page.
	edit := func() []Doc { d := memoDocs(); d[0].Body = "<p>quagga zebra</p>"; return d }
	got, n = cached(t, edit(), dir)
	same(t, "after an edit", got, index(t, edit()))
	if n.recalled != len(docs)-1 || n.compressed != 1 {
		t.Errorf("after an edit recalled %d of %d pages and compressed %d files, want 1", n.recalled, len(docs), n.compressed)
	}
	if len(lookup(t, got, "quagga")) == 0 {
		t.Error("the edited page's new word is not found")
	}
	if !bytes.Contains(want[ManifestPath], []byte("nothing")) && len(lookup(t, want, "nothing")) == 0 {
		t.Fatal("the test's pages lack the word the edit drops")
	}
	for p, d := range got {
		if bytes.Contains(inflate(t, d), []byte(`"nothing"`)) {
			t.Errorf("%s still lists the dropped word", p)
		}
	}
}

// TestMemoGroups: on pages that share fragment files, a build with no
// cache, a cold cache, a warm one and a damaged one make the same bytes;
// the warm build compresses nothing, and an edit of one page's text
// compresses and renames one or two files, leaving the others' names.
func TestMemoGroups(t *testing.T) {
	docs := func() []Doc { return manyDocs(8 * FragmentFiles) }
	want := index(t, docs())
	dir, err := cache.Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	got, n := cached(t, docs(), dir)
	same(t, "cold", got, want)
	files := len(want) - 1 - chunkFiles(want)
	if n.compressed != files || files > 2*FragmentFiles || files > len(docs())/2 {
		t.Errorf("cold: compressed %d of %d fragment files for %d pages", n.compressed, files, len(docs()))
	}
	got, n = cached(t, docs(), dir)
	same(t, "warm", got, want)
	if n.compressed != 0 {
		t.Errorf("warm: compressed %d fragment files", n.compressed)
	}
	good, err := dir.ReadFile(memoName)
	if err != nil {
		t.Fatal(err)
	}
	// A byte of the last fragment file's gzip bytes.
	bad := append([]byte{}, good...)
	bad[len(bad)-9] ^= 0x40
	if err := os.WriteFile(dir.Path(memoName), bad, 0o644); err != nil {
		t.Fatal(err)
	}
	got, n = cached(t, docs(), dir)
	same(t, "damaged", got, want)
	if n.compressed != files {
		t.Errorf("damaged: compressed %d of %d fragment files", n.compressed, files)
	}

	edit := docs()
	edit[len(edit)/2].Body = strings.Replace(edit[len(edit)/2].Body, "word", "quagga", 1)
	got, n = cached(t, edit, dir)
	same(t, "edit", got, index(t, edit))
	if n.compressed < 1 || n.compressed > 2 {
		t.Errorf("edit of one page: compressed %d fragment files", n.compressed)
	}
	gone := 0
	for p := range want {
		if strings.HasPrefix(p, FragmentDir) && got[p] == nil {
			gone++
		}
	}
	if gone < 1 || gone > 2 {
		t.Errorf("edit of one page: %d of %d fragment files renamed", gone, files)
	}
}

// manyDocs are n pages of unequal sizes, one of them larger than
// FragmentTarget.
func manyDocs(n int) []Doc {
	var docs []Doc
	for i := range n {
		k := 1 + i%7*300
		if i == 100 {
			k = 25000
		}
		docs = append(docs, Doc{URL: fmt.Sprintf("/p%d/", i), Title: "page", Body: "<p>" + strings.Repeat("word ", k) + fmt.Sprint(i) + "</p>"})
	}
	return docs
}

func chunkFiles(files map[string][]byte) int {
	n := 0
	for p := range files {
		if strings.HasPrefix(p, ChunkDir) {
			n++
		}
	}
	return n
}

// TestMemoDamaged: a memo cut short, with a byte changed or added, or written by
// a program that indexes otherwise (another probe) is not used, and the
// build is as without it.
func TestMemoDamaged(t *testing.T) {
	dir, err := cache.Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	want := index(t, memoDocs())
	cached(t, memoDocs(), dir)
	good, err := dir.ReadFile(memoName)
	if err != nil {
		t.Fatal(err)
	}
	probeAt := len(memoMagic)
	for name, bad := range map[string][]byte{
		"cut":      good[:len(good)/2],
		"empty":    nil,
		"probe":    resum(append(append(append([]byte{}, good[:probeAt]...), good[probeAt]^1), good[probeAt+1:]...)),
		"trailing": append(append([]byte{}, good...), 0),
		"a byte":   append(append(append([]byte{}, good[:len(good)-9]...), good[len(good)-9]^1), good[len(good)-8:]...),
	} {
		if err := os.WriteFile(dir.Path(memoName), bad, 0o644); err != nil {
			t.Fatal(err)
		}
		got, n := cached(t, memoDocs(), dir)
		same(t, name, got, want)
		if n.recalled != 0 || n.compressed != len(memoDocs()) {
			t.Errorf("%s: %d pages recalled from a damaged memo", name, n)
		}
		if m := loadMemo(dir); m == nil || m.pages() != len(memoDocs()) {
			t.Errorf("%s: the build did not write a good memo again", name)
		}
	}
}

// resum gives a memo its checksum again, so that only the change made to
// it is wrong.
func resum(m []byte) []byte {
	body := m[:len(m)-4]
	return binary.LittleEndian.AppendUint32(body[:len(body):len(body)], crc32.Checksum(body, castagnoli))
}

// FuzzLoadMemo: no bytes make loading a memo panic.
func FuzzLoadMemo(f *testing.F) {
	dir, err := cache.Open(f.TempDir())
	if err != nil {
		f.Fatal(err)
	}
	files, _, err := buildCached(context.Background(), testDocs(), dir)
	if err != nil || len(files) == 0 {
		f.Fatal(err)
	}
	good, _ := dir.ReadFile(memoName)
	f.Add(good)
	f.Add(good[:len(good)-3])
	f.Fuzz(func(t *testing.T, data []byte) {
		if err := os.WriteFile(dir.Path(memoName), data, 0o644); err != nil {
			t.Fatal(err)
		}
		if m := loadMemo(dir); m != nil {
			for _, r := range m.recs {
				_ = r.frag
			}
		}
	})
}

// FuzzMemoGroups: compressed fragment files of any bytes come back from
// a memo as they went in, each under its key.
func FuzzMemoGroups(f *testing.F) {
	f.Add([]byte("\x1f\x8b\x08\x00"), 3)
	f.Add([]byte{}, 1)
	f.Add(bytes.Repeat([]byte{0xff}, 300), 7)
	f.Fuzz(func(t *testing.T, data []byte, n int) {
		n = 1 + max(n, -n)%8
		var gs []group
		for i := range n {
			g := group{data: data[i*len(data)/n : (i+1)*len(data)/n]}
			g.key[0], g.key[1] = byte(i), byte(len(data))
			gs = append(gs, g)
		}
		store := mapStore{}
		store.WriteFile(memoName, encodeMemo(nil, nil, gs))
		m := loadMemo(store)
		if m == nil || m.groupCount() != n {
			t.Fatalf("memo of %d groups read as %v", n, m)
		}
		for _, g := range gs {
			if got, ok := m.group(g.key); !ok || !bytes.Equal(got, g.data) {
				t.Fatalf("group %x: %q, want %q", g.key[:2], got, g.data)
			}
		}
	})
}

// mapStore is a Store in memory.
type mapStore map[string][]byte

func (s mapStore) ReadFile(name string) ([]byte, error) {
	if d, ok := s[name]; ok {
		return d, nil
	}
	return nil, os.ErrNotExist
}

func (s mapStore) WriteFile(name string, data []byte) error {
	s[name] = bytes.Clone(data)
	return nil
}
