package build

import (
	"crypto/sha256"
	"encoding/binary"
	"strconv"

	"github.com/counterpoint-ssg/counterpoint/internal/content"
	"github.com/counterpoint-ssg/counterpoint/internal/pack"
	"github.com/counterpoint-ssg/counterpoint/internal/site"
)

// Parsing a body is most of what an unchanged build does, and its result
// depends only on the body's text and a few settings, so it is kept in
// the cache directory (Inputs.Cache) between builds, even when the
// destination is emptied: one pack file per site (Inputs.Root) holding
// every body's parsed form under a hash of everything the parse reads.
// Images are the exception, being other files: an entry records the size
// each image had, and is used only while every one still has it.

// parseFormat names the layout of an entry below; the pack's version adds
// the program's build ID, so a new binary never reads an old entry.
const parseFormat = "parsed body 2"

// keptSites is how many sites' packs the cache keeps; the least recently
// built go first.
const keptSites = 32

// openParses opens the site's pack of parsed bodies, or returns nil when
// there is no cache or no way to tell one binary from another.
func openParses(in Inputs) *pack.Pack {
	id := pack.BinaryID()
	if in.Cache == nil || id == "" {
		return nil
	}
	site := sha256.Sum256([]byte(in.Root))
	name := "parsed/" + hexString(site[:8]) + ".pack"
	pack.Prune(in.Cache, "parsed", keptSites)
	return pack.Open(in.Cache, name, parseFormat+"\x00"+id)
}

func hexString(b []byte) string {
	const digits = "0123456789abcdef"
	out := make([]byte, 0, 2*len(b))
	for _, c := range b {
		out = append(out, digits[c>>4], digits[c&15])
	}
	return string(out)
}

// parseKey names cb's parsed form: its text, where in its file it starts,
// its page's URL (which places its relative images), its id prefix, and
// the settings parsing reads (base URL, raw HTML, allowed hosts).
func (b *builder) parseKey(cb content.Body, prefix string) pack.Key {
	h := sha256.New()
	var n [binary.MaxVarintLen64]byte
	for _, s := range []string{b.settings, prefix, cb.Page.URL, strconv.Itoa(cb.Line)} {
		h.Write(binary.AppendUvarint(n[:0], uint64(len(s))))
		h.Write([]byte(s))
	}
	h.Write(cb.Text)
	var k pack.Key
	copy(k[:], h.Sum(nil))
	return k
}

// parseKept is parseOne (with the usual reserved ids) through the pack.
func (b *builder) parseKept(cb content.Body, prefix string) *body {
	var k pack.Key
	if b.parses != nil {
		k = b.parseKey(cb, prefix)
		if data, ok := b.parses.Get(k); ok {
			if bd, parts, ok := decodeBody(data); ok && bd.imagesSame(b.in.FS) {
				cb.Page.HeadingIDs, cb.Page.Sections = parts.headings, parts.sections
				return bd
			}
		}
	}
	b.parsed.Add(1)
	bd := b.parseOne(cb, prefix, templateIDSet)
	if b.parses != nil {
		b.parses.Put(k, encodeBody(bd, pageParts{cb.Page.HeadingIDs, cb.Page.Sections}))
	}
	return bd
}

// pageParts are what parsing sets on the page besides the body: the ids
// of its headings and its sections (the table of contents).
type pageParts struct {
	headings []string
	sections []site.Section
}

func encodeBody(bd *body, parts pageParts) []byte {
	out := make([]byte, 0, len(bd.html)+64*len(bd.links)+16*len(parts.headings)+32*len(parts.sections)+16)
	out = pack.AppendBytes(out, bd.html)
	out = binary.AppendUvarint(out, uint64(len(parts.headings)))
	for _, h := range parts.headings {
		out = pack.AppendString(out, h)
	}
	out = binary.AppendUvarint(out, uint64(len(parts.sections)))
	for _, sc := range parts.sections {
		out = pack.AppendString(out, sc.ID)
		out = pack.AppendString(out, sc.Text)
	}
	out = pack.AppendString(out, bd.problem)
	out = binary.AppendUvarint(out, uint64(bd.line))
	out = binary.AppendUvarint(out, uint64(bd.col))
	out = binary.AppendUvarint(out, uint64(len(bd.notes)))
	for _, n := range bd.notes {
		out = binary.AppendUvarint(out, uint64(n.line))
		out = binary.AppendUvarint(out, uint64(n.col))
		out = pack.AppendString(out, n.msg)
	}
	out = binary.AppendUvarint(out, uint64(len(bd.images)))
	for _, im := range bd.images {
		out = pack.AppendString(out, im.name)
		out = binary.AppendUvarint(out, uint64(im.w))
		out = binary.AppendUvarint(out, uint64(im.h))
		out = append(out, boolByte(im.ok))
	}
	out = binary.AppendUvarint(out, uint64(len(bd.links)))
	for _, l := range bd.links {
		out = append(out, boolByte(l.wiki)|boolByte(l.image)<<1)
		for _, s := range []string{l.target, l.label, l.path, l.anchor, l.rel} {
			out = pack.AppendString(out, s)
		}
		out = binary.AppendUvarint(out, uint64(l.line))
		out = binary.AppendUvarint(out, uint64(l.col))
	}
	return out
}

func boolByte(v bool) byte {
	if v {
		return 1
	}
	return 0
}

// decodeBody takes an entry apart; ok is false for anything but a whole,
// well-formed entry. The HTML shares data.
func decodeBody(data []byte) (bd *body, parts pageParts, ok bool) {
	r := pack.NewReader(data)
	bad := false
	// count reads a number of items, each at least a byte long.
	count := func() int {
		n := r.Int()
		if n > len(data) {
			bad = true
			return 0
		}
		return n
	}
	bd = &body{html: r.Bytes()}
	if n := count(); n > 0 {
		parts.headings = make([]string, n)
		for i := range parts.headings {
			parts.headings[i] = r.String()
		}
	}
	if n := count(); n > 0 {
		parts.sections = make([]site.Section, n)
		for i := range parts.sections {
			parts.sections[i] = site.Section{ID: r.String(), Text: r.String()}
		}
	}
	bd.problem = r.String()
	bd.line, bd.col = r.Int(), r.Int()
	if n := count(); n > 0 {
		bd.notes = make([]note, n)
		for i := range bd.notes {
			bd.notes[i] = note{line: r.Int(), col: r.Int(), msg: r.String()}
		}
	}
	if n := count(); n > 0 {
		bd.images = make([]imageFile, n)
		for i := range bd.images {
			name, w, h := r.String(), r.Int(), r.Int()
			bd.images[i] = imageFile{name: name, w: w, h: h, ok: r.Int() == 1}
		}
	}
	bd.links = make([]linkRef, count())
	for i := range bd.links {
		flags := r.Int()
		l := linkRef{wiki: flags&1 != 0, image: flags&2 != 0}
		l.target, l.label, l.path, l.anchor, l.rel = r.String(), r.String(), r.String(), r.String(), r.String()
		l.line, l.col = r.Int(), r.Int()
		bd.links[i] = l
	}
	if bad || !r.Done() {
		return nil, pageParts{}, false
	}
	return bd, parts, true
}
