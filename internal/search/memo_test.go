package search

import (
	"bytes"
	"context"
	"encoding/binary"
	"fmt"
	"hash/crc32"
	"os"
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

func cached(t *testing.T, docs []Doc, store Store) (map[string][]byte, int) {
	t.Helper()
	files, recalled, err := buildCached(context.Background(), docs, store)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string][]byte{}
	for _, f := range files {
		out[f.Path] = f.Data
	}
	return out, recalled
}

// TestMemo: with a cache, a second build reads no page again and an edit
// only the page edited, and the files are those of a build without one.
func TestMemo(t *testing.T) {
	dir, err := cache.Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	docs := memoDocs()
	want := index(t, memoDocs())
	got, n := cached(t, memoDocs(), dir)
	same(t, "first build", got, want)
	if n != 0 {
		t.Errorf("first build recalled %d pages", n)
	}
	got, n = cached(t, memoDocs(), dir)
	same(t, "second build", got, want)
	if n != len(docs) {
		t.Errorf("second build recalled %d of %d pages", n, len(docs))
	}
	// The edit drops "nothing", a word of no other page.
	edit := func() []Doc { d := memoDocs(); d[0].Body = "<p>quagga zebra</p>"; return d }
	got, n = cached(t, edit(), dir)
	same(t, "after an edit", got, index(t, edit()))
	if n != len(docs)-1 {
		t.Errorf("after an edit recalled %d of %d pages", n, len(docs))
	}
	if len(lookup(t, got, "quagga")) == 0 {
		t.Error("the edited page's new word is not found")
	}
	if !bytes.Contains(want[ManifestPath], []byte("nothing")) && len(lookup(t, want, "nothing")) == 0 {
		t.Fatal("the test's pages lack the word the edit drops")
	}
	for p, d := range got {
		if bytes.Contains(d, []byte(`"nothing"`)) {
			t.Errorf("%s still lists the dropped word", p)
		}
	}
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
		if n != 0 {
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
