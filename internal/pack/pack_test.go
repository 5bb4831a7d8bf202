package pack

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/counterpoint-ssg/counterpoint/internal/cache"
)

func key(s string) Key {
	var k Key
	copy(k[:], s)
	return k
}

func openDir(t *testing.T) *cache.Dir {
	t.Helper()
	d, err := cache.Open(filepath.Join(t.TempDir(), "cache"))
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// fill saves a pack of entries and returns the file's bytes.
func fill(t *testing.T, d *cache.Dir, entries map[string]string) []byte {
	t.Helper()
	p := Open(d, "x/site.pack", "v1")
	for k, v := range entries {
		p.Put(key(k), []byte(v))
	}
	if err := p.Save(); err != nil {
		t.Fatal(err)
	}
	data, err := d.ReadFile("x/site.pack")
	if err != nil {
		t.Fatal(err)
	}
	return data
}

func TestRoundTrip(t *testing.T) {
	d := openDir(t)
	want := map[string]string{"a": "one", "b": "", "c": strings.Repeat("x", 100000)}
	first := fill(t, d, want)
	p := Open(d, "x/site.pack", "v1")
	if p.Len() != len(want) {
		t.Fatalf("read %d entries, want %d", p.Len(), len(want))
	}
	for k, v := range want {
		got, ok := p.Get(key(k))
		if !ok || string(got) != v {
			t.Errorf("Get(%q) = %d bytes, %v; want %d bytes", k, len(got), ok, len(v))
		}
	}
	if _, ok := p.Get(key("z")); ok {
		t.Error("Get of a key never put answered")
	}
	// The same entries, put in another order, give the same bytes.
	if again := fill(t, openDir(t), want); !bytes.Equal(first, again) {
		t.Error("the same entries gave different files")
	}
}

func TestSaveOnlyWhenChanged(t *testing.T) {
	d := openDir(t)
	fill(t, d, map[string]string{"a": "one", "b": "two"})
	path := d.Path("x/site.pack")
	before, _ := os.Stat(path)

	p := Open(d, "x/site.pack", "v1")
	p.Get(key("a"))
	p.Get(key("b"))
	p.Put(key("a"), []byte("one")) // the same bytes again
	if err := p.Save(); err != nil {
		t.Fatal(err)
	}
	if after, _ := os.Stat(path); !os.SameFile(before, after) {
		t.Error("a pack whose every entry was read unchanged was written again")
	}

	// An entry not used this time is dropped.
	p = Open(d, "x/site.pack", "v1")
	p.Get(key("a"))
	if err := p.Save(); err != nil {
		t.Fatal(err)
	}
	p = Open(d, "x/site.pack", "v1")
	if _, ok := p.Get(key("b")); ok || p.Len() != 1 {
		t.Errorf("unused entry kept: %d entries", p.Len())
	}

	// A changed entry is written.
	p.Put(key("a"), []byte("uno"))
	if err := p.Save(); err != nil {
		t.Fatal(err)
	}
	if v, _ := Open(d, "x/site.pack", "v1").Get(key("a")); string(v) != "uno" {
		t.Errorf("changed entry reads %q", v)
	}
}

// TestBadFilesReadEmpty: a pack that is cut short, has any byte changed,
// carries another version or is not a pack reads as empty, never as
// wrong entries.
func TestBadFilesReadEmpty(t *testing.T) {
	d := openDir(t)
	good := fill(t, d, map[string]string{"a": "one", "b": "two", "c": "three"})
	check := func(name string, data []byte) {
		t.Helper()
		if err := d.WriteFile("x/site.pack", data); err != nil {
			t.Fatal(err)
		}
		if p := Open(d, "x/site.pack", "v1"); p.Len() != 0 {
			t.Errorf("%s: read %d entries", name, p.Len())
		}
	}
	for n := range len(good) {
		check(fmt.Sprint("cut at ", n), good[:n])
	}
	for i := range good {
		bad := bytes.Clone(good)
		bad[i] ^= 0x10
		check("byte flipped", bad)
	}
	check("garbage", []byte(strings.Repeat("\xff", 200)))
	if err := d.WriteFile("x/site.pack", good); err != nil {
		t.Fatal(err)
	}
	if p := Open(d, "x/site.pack", "v2"); p.Len() != 0 {
		t.Errorf("another version's pack read: %d entries", p.Len())
	}
	// Saving over a bad file gives a good one.
	if err := d.WriteFile("x/site.pack", good[:10]); err != nil {
		t.Fatal(err)
	}
	p := Open(d, "x/site.pack", "v1")
	p.Put(key("a"), []byte("one"))
	if err := p.Save(); err != nil {
		t.Fatal(err)
	}
	if v, ok := Open(d, "x/site.pack", "v1").Get(key("a")); !ok || string(v) != "one" {
		t.Errorf("after saving over a bad pack: %q, %v", v, ok)
	}
}

func TestNilPack(t *testing.T) {
	p := Open(nil, "x", "v")
	p.Put(key("a"), []byte("b"))
	if _, ok := p.Get(key("a")); ok || p.Save() != nil || p.Len() != 0 {
		t.Error("the nil pack kept something")
	}
}

func TestReader(t *testing.T) {
	b := AppendString(nil, "hello")
	b = AppendBytes(b, []byte{1, 2})
	r := NewReader(b)
	if s := r.String(); s != "hello" {
		t.Errorf("String = %q", s)
	}
	if v := r.Bytes(); !bytes.Equal(v, []byte{1, 2}) || !r.Done() {
		t.Errorf("Bytes = %v, done %v", v, r.Done())
	}
	r = NewReader(b[:3])
	_ = r.String()
	if r.Err() == nil || r.Int() != 0 || r.String() != "" {
		t.Error("a short input read without a problem")
	}
}

func TestBinaryID(t *testing.T) {
	id := BinaryID()
	if id == "" || id != BinaryID() {
		t.Fatalf("BinaryID = %q, not stable or empty", id)
	}
	if !strings.HasPrefix(id, "go:") {
		t.Logf("no Go build ID in the executable; using %q", id)
	}
}

// TestPrune keeps the most recently written or used packs.
func TestPrune(t *testing.T) {
	d := openDir(t)
	base := time.Now().Add(-time.Hour)
	for i := range 5 {
		name := fmt.Sprintf("p/%d.pack", i)
		if err := d.WriteFile(name, []byte("x")); err != nil {
			t.Fatal(err)
		}
		at := base.Add(time.Duration(i) * time.Minute)
		os.Chtimes(d.Path(name), at, at)
	}
	// The oldest is used now: an unchanged Save touches it.
	p := Open(d, "p/0.pack", "v")
	if err := p.Save(); err != nil {
		t.Fatal(err)
	}
	Prune(d, "p", 2)
	left, _ := filepath.Glob(filepath.Join(d.Path("p"), "*"))
	var names []string
	for _, l := range left {
		names = append(names, filepath.Base(l))
	}
	if strings.Join(names, " ") != "0.pack 4.pack" {
		t.Errorf("left %v, want the one in use and the newest", names)
	}
}
