package search

import (
	"encoding/binary"
	"math/bits"
)

// dict numbers the words one worker meets. It is an open-addressing
// table of ids over the words themselves, looked up with the folded
// word's bytes: every word of every page passes through it, and a
// hash of a word's 8-byte blocks with one probe is several times
// cheaper than a map[string] with its per-call hashing and groups.
type dict struct {
	slots  []int32 // id+1, 0 empty; len a power of two
	hashes []uint32
	words  []string
}

// hashWord mixes w 8 bytes at a time (multiply and fold), which is all
// an in-memory table needs: it never leaves the process.
func hashWord(w []byte) uint32 {
	h := uint64(len(w)) * 0x9e3779b97f4a7c15
	for len(w) >= 8 {
		hi, lo := bits.Mul64(h^binary.LittleEndian.Uint64(w), 0xbf58476d1ce4e5b9)
		h = hi ^ lo
		w = w[8:]
	}
	if len(w) > 0 {
		var tail uint64
		for i, c := range w {
			tail |= uint64(c) << (8 * i)
		}
		hi, lo := bits.Mul64(h^tail, 0x94d049bb133111eb)
		h = hi ^ lo
	}
	return uint32(h ^ h>>32)
}

// id returns w's number, adding w (copied) if it is new.
func (d *dict) id(w []byte) (id int32, added bool) {
	if 2*len(d.words) >= len(d.slots) {
		d.grow()
	}
	h := hashWord(w)
	mask := uint32(len(d.slots) - 1)
	for i := h & mask; ; i = (i + 1) & mask {
		s := d.slots[i]
		if s == 0 {
			id = int32(len(d.words))
			d.slots[i] = id + 1
			d.hashes = append(d.hashes, h)
			d.words = append(d.words, string(w))
			return id, true
		}
		if d.hashes[s-1] == h && d.words[s-1] == string(w) {
			return s - 1, false
		}
	}
}

func (d *dict) grow() {
	n := max(1024, 2*len(d.slots))
	d.slots = make([]int32, n)
	mask := uint32(n - 1)
	for id, h := range d.hashes {
		i := h & mask
		for d.slots[i] != 0 {
			i = (i + 1) & mask
		}
		d.slots[i] = int32(id) + 1
	}
}
