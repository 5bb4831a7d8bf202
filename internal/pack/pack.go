// Package pack keeps many small cache entries in one file: a build that
// reuses ten thousand parsed pages reads one file instead of opening ten
// thousand, and writes it back only when an entry was added or went
// unused. Entries are found by a 16-byte key the caller derives from
// everything the entry depends on.
//
// A pack is only ever a cache: one that is missing, cut short, corrupt or
// written for another version reads as empty, so the worst a bad file
// can cost is the time to redo the work.
package pack

import (
	"bytes"
	"encoding/binary"
	"errors"
	"hash/crc32"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"time"

	"github.com/counterpoint-ssg/counterpoint/internal/cache"
)

// Key names an entry, typically a truncated cryptographic hash of its
// inputs.
type Key [16]byte

// magic starts every pack file; the version follows it.
const magic = "counterpoint pack 1\n"

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// Pack is the entries of one file, read once. It is safe for concurrent
// use. A nil *Pack keeps nothing.
type Pack struct {
	dir     *cache.Dir
	name    string
	version string

	mu    sync.Mutex
	old   map[Key][]byte // as read; the slices share the file's buffer
	used  map[Key][]byte // read or put this time
	added bool
}

// Open reads the pack name of d written for version; an unreadable or
// foreign file gives an empty pack, which Save then replaces. A nil d
// gives a nil Pack.
func Open(d *cache.Dir, name, version string) *Pack {
	if d == nil {
		return nil
	}
	p := &Pack{dir: d, name: name, version: version, used: map[Key][]byte{}}
	if data, err := d.ReadFile(name); err == nil {
		p.old = decode(data, version)
	}
	if p.old == nil {
		p.old = map[Key][]byte{}
	}
	return p
}

// Len is the number of entries read from the file.
func (p *Pack) Len() int {
	if p == nil {
		return 0
	}
	return len(p.old)
}

// Get returns the entry under k. The bytes are shared: the caller must
// not change them.
func (p *Pack) Get(k Key) ([]byte, bool) {
	if p == nil {
		return nil, false
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	v, ok := p.used[k]
	if !ok {
		if v, ok = p.old[k]; ok {
			p.used[k] = v
		}
	}
	return v, ok
}

// Put stores v under k; the pack keeps v, so the caller must not change
// it afterwards.
func (p *Pack) Put(k Key, v []byte) {
	if p == nil {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if old, ok := p.used[k]; ok && bytes.Equal(old, v) {
		return
	}
	p.used[k] = v
	p.added = true
}

// Save writes the entries got or put since Open, dropping the others,
// unless they are exactly the entries read (then it only touches the
// file, for Prune).
func (p *Pack) Save() error {
	if p == nil {
		return nil
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if !p.added && len(p.used) == len(p.old) {
		p.Touch()
		return nil
	}
	if err := p.dir.WriteFile(p.name, encode(p.used, p.version)); err != nil {
		return err
	}
	p.old, p.used, p.added = p.used, map[Key][]byte{}, false
	return nil
}

// encode lays out the entries in key order, so the same entries always
// give the same file.
func encode(entries map[Key][]byte, version string) []byte {
	keys := make([]Key, 0, len(entries))
	size := len(magic) + len(version) + 2*binary.MaxVarintLen64 + 4
	for k, v := range entries {
		keys = append(keys, k)
		size += len(k) + binary.MaxVarintLen64 + len(v)
	}
	slices.SortFunc(keys, func(a, b Key) int { return bytes.Compare(a[:], b[:]) })
	out := make([]byte, 0, size)
	out = append(out, magic...)
	out = binary.AppendUvarint(out, uint64(len(version)))
	out = append(out, version...)
	out = binary.AppendUvarint(out, uint64(len(keys)))
	for _, k := range keys {
		v := entries[k]
		out = append(out, k[:]...)
		out = binary.AppendUvarint(out, uint64(len(v)))
		out = append(out, v...)
	}
	return binary.LittleEndian.AppendUint32(out, crc32.Checksum(out, castagnoli))
}

var errBad = errors.New("pack: malformed")

// decode returns the entries of data, or nil when data is not a whole
// pack of this version.
func decode(data []byte, version string) map[Key][]byte {
	if len(data) < len(magic)+4 || string(data[:len(magic)]) != magic {
		return nil
	}
	body, sum := data[:len(data)-4], binary.LittleEndian.Uint32(data[len(data)-4:])
	if crc32.Checksum(body, castagnoli) != sum {
		return nil
	}
	r := Reader{b: body[len(magic):]}
	if v := r.Bytes(); r.err != nil || string(v) != version {
		return nil
	}
	n := r.Uvarint()
	if r.err != nil || n > uint64(len(r.b)/(len(Key{})+1)) {
		return nil
	}
	out := make(map[Key][]byte, n)
	for range n {
		var k Key
		copy(k[:], r.next(len(k)))
		v := r.Bytes()
		if r.err != nil {
			return nil
		}
		out[k] = v[:len(v):len(v)]
	}
	if len(r.b) != 0 {
		return nil
	}
	return out
}

// Reader takes apart bytes laid out with binary.AppendUvarint and
// length-prefixed byte strings, as packs and their entries are. After the
// first problem every read returns a zero value and Err reports it, so a
// caller checks once at the end.
type Reader struct {
	b   []byte
	err error
}

// NewReader reads b.
func NewReader(b []byte) *Reader { return &Reader{b: b} }

// Err is the first problem met, if any.
func (r *Reader) Err() error { return r.err }

// Done reports whether everything was read without a problem.
func (r *Reader) Done() bool { return r.err == nil && len(r.b) == 0 }

// Uvarint reads an unsigned varint.
func (r *Reader) Uvarint() uint64 {
	if r.err != nil {
		return 0
	}
	v, n := binary.Uvarint(r.b)
	if n <= 0 {
		r.err = errBad
		return 0
	}
	r.b = r.b[n:]
	return v
}

// Int reads an unsigned varint that must fit an int.
func (r *Reader) Int() int {
	v := r.Uvarint()
	if v > 1<<31 {
		r.err = errBad
		return 0
	}
	return int(v)
}

func (r *Reader) next(n int) []byte {
	if r.err != nil || n < 0 || n > len(r.b) {
		r.err = errBad
		return nil
	}
	v := r.b[:n]
	r.b = r.b[n:]
	return v
}

// Bytes reads a length-prefixed byte string; it shares the input.
func (r *Reader) Bytes() []byte {
	n := r.Uvarint()
	if n > uint64(len(r.b)) {
		r.err = errBad
		return nil
	}
	return r.next(int(n))
}

// String reads a length-prefixed string (a copy).
func (r *Reader) String() string { return string(r.Bytes()) }

// AppendBytes appends b with its length before it, for Reader.Bytes.
func AppendBytes(out, b []byte) []byte {
	return append(binary.AppendUvarint(out, uint64(len(b))), b...)
}

// AppendString appends s with its length before it, for Reader.String.
func AppendString(out []byte, s string) []byte {
	return append(binary.AppendUvarint(out, uint64(len(s))), s...)
}

// Prune removes all but the keep most recently written packs in the
// directory dir of d (slash-separated), so that packs of sites that are
// gone (a temporary directory built once) do not pile up. A pack in use
// is rewritten or touched (Touch) by every build, so it stays among the
// newest.
func Prune(d *cache.Dir, dir string, keep int) {
	if d == nil {
		return
	}
	entries, err := os.ReadDir(d.Path(dir))
	if err != nil || len(entries) <= keep {
		return
	}
	type file struct {
		name string
		mod  time.Time
	}
	var files []file
	for _, e := range entries {
		if fi, err := e.Info(); err == nil && fi.Mode().IsRegular() {
			files = append(files, file{e.Name(), fi.ModTime()})
		}
	}
	slices.SortFunc(files, func(a, b file) int { return b.mod.Compare(a.mod) })
	for _, f := range files[min(keep, len(files)):] {
		os.Remove(filepath.Join(d.Path(dir), f.name))
	}
}

// Touch marks the pack as used now, for Prune.
func (p *Pack) Touch() {
	if p == nil {
		return
	}
	now := time.Now()
	os.Chtimes(p.dir.Path(p.name), now, now)
}
