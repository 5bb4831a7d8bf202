package build

// The keys that decide whether an output page of the previous build can
// be reused: what the layouts may show of the whole site, and of the
// bodies a page shows.

import (
	"bytes"
	"hash/maphash"
	"io/fs"

	"github.com/counterpoint-ssg/counterpoint/internal/layout"
	"github.com/counterpoint-ssg/counterpoint/internal/site"
)

// rendering hashes what any layout may show of the whole site: every
// page's front matter and links, the layouts and assets; and the bodies
// (sumBodies). It notes which pages' own bodies hold code.
func (s *state) rendering(b *builder) {
	heads := make(map[*site.Page]uint64, len(b.bodies))
	for _, cb := range b.bodies {
		heads[cb.Page] = cb.HeadSum
	}
	var h maphash.Hash
	h.SetSeed(s.seed)
	writeU64(&h, s.env)
	writeU64(&h, s.filesKey)
	s.ownCode = map[*site.Page]bool{}
	for _, p := range sitePages(b.site) {
		h.WriteString(p.Path)
		writeU64(&h, heads[p])
		for _, t := range p.Links {
			h.WriteString(t.Slug)
			h.WriteByte(0)
		}
		h.WriteByte(1)
		if p.HasCode {
			s.ownCode[p] = true
		}
	}
	s.global = h.Sum64()
	s.sumBodies(b)
}

// sumBodies hashes the bodies, all together and kind by kind, and keeps
// each page's sum for resum.
func (s *state) sumBodies(b *builder) {
	pages := sitePages(b.site)
	s.sums = make([]uint64, len(pages))
	s.sumAt = make(map[*site.Page]int, len(pages))
	for i, p := range pages {
		s.sums[i] = s.sumOf(p)
		s.sumAt[p] = i
	}
	s.hashSums(pages)
}

// resum updates the body hashes after the bodies of pages changed, the
// site being otherwise the same as at the last sumBodies.
func (s *state) resum(b *builder, changed []*site.Page) {
	for _, p := range changed {
		s.sums[s.sumAt[p]] = s.sumOf(p)
	}
	s.hashSums(sitePages(b.site))
}

func (s *state) hashSums(pages []*site.Page) {
	var all maphash.Hash
	all.SetSeed(s.seed)
	kinds := map[site.Kind]*maphash.Hash{}
	for i, p := range pages {
		writeU64(&all, s.sums[i])
		k := kinds[p.Kind]
		if k == nil {
			k = &maphash.Hash{}
			k.SetSeed(s.seed)
			kinds[p.Kind] = k
		}
		writeU64(k, s.sums[i])
	}
	s.allBody = all.Sum64()
	s.kindBody = map[string]uint64{}
	for k, kh := range kinds {
		s.kindBody[string(k)] = kh.Sum64()
	}
}

func writeU64(h *maphash.Hash, v uint64) {
	var buf [8]byte
	for i := range buf {
		buf[i] = byte(v >> (8 * i))
	}
	h.Write(buf[:])
}

// sumOf is a hash of the page's body HTML.
func (s *state) sumOf(p *site.Page) uint64 {
	if p.Path != "" {
		s.mu.Lock()
		e := s.links[p.Path]
		s.mu.Unlock()
		if e != nil && e.content == p.Content && e.sum != 0 {
			return e.sum
		}
	}
	return maphash.String(s.seed, string(p.Content))
}

// pageKey covers everything the page's layout can show: the site as a
// whole, and the bodies the layout may show (layout.BodyDeps).
func (s *state) pageKey(p *site.Page, name string, deps layout.BodyDeps) uint64 {
	var h maphash.Hash
	h.SetSeed(s.seed)
	writeU64(&h, s.global)
	h.WriteString(name)
	h.WriteByte(0)
	h.WriteString(string(p.Kind))
	h.WriteString(p.URL)
	h.WriteByte(0)
	if p.HasCode {
		h.WriteByte(1)
	}
	if deps.All {
		writeU64(&h, s.allBody)
	}
	if deps.Own {
		writeU64(&h, s.sumOf(p))
	}
	if deps.Members {
		for _, m := range p.Pages {
			writeU64(&h, s.sumOf(m))
		}
	}
	for _, k := range deps.KindList() {
		h.WriteString(k)
		writeU64(&h, s.kindBody[k])
	}
	return h.Sum64()
}

// siteKey covers what the generated files show: only front matter and
// links, which the global hash covers.
func (s *state) siteKey() uint64 { return s.global }

// output returns the previous bytes of an output whose key matches.
func (s *state) output(name string, fp uint64) ([]byte, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.next == nil {
		s.next = map[string]outEntry{}
	}
	if e, ok := s.outputs[name]; ok && e.fp == fp {
		s.next[name] = e
		return e.data, true
	}
	return nil, false
}

func (s *state) keep(name string, fp uint64, data []byte) []byte {
	data = bytes.Clone(data)
	s.mu.Lock()
	if s.next == nil {
		s.next = map[string]outEntry{}
	}
	s.next[name] = outEntry{fp: fp, data: data}
	s.mu.Unlock()
	return data
}

// siteFiles hashes the site's layouts/ and assets/ trees, so the parsed
// layouts and processed assets are reused while neither changes.
func siteFiles(fsys fs.FS, seed maphash.Seed) uint64 {
	var h maphash.Hash
	h.SetSeed(seed)
	for _, root := range []string{"layouts", "assets"} {
		fs.WalkDir(fsys, root, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				h.WriteString("error:" + p)
				return nil
			}
			h.WriteString(p)
			h.WriteByte(0)
			if !d.IsDir() {
				data, err := fs.ReadFile(fsys, p)
				if err != nil {
					h.WriteString("unreadable")
				}
				h.Write(data)
				h.WriteByte(1)
			}
			return nil
		})
	}
	return h.Sum64()
}
