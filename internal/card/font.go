package card

import (
	"image"
	"image/draw"
	"sync"

	"golang.org/x/image/font"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/math/fixed"
)

// face is one font at one size, with the glyphs drawn so far: a site's
// cards share a few hundred glyphs, so each is rasterised once per build
// and copied from then on.
type face struct {
	mu     sync.Mutex
	f      font.Face
	font   *opentype.Font
	glyphs map[rune]*glyph
	kerns  map[[2]rune]fixed.Int26_6
	// ascent and height are the line's ascent and its height, in pixels.
	ascent, height int
}

// glyph is a rasterised glyph: its coverage and where it sits relative to
// the dot (the pen position on the baseline).
type glyph struct {
	mask    []uint8 // coverage 0-255, rect's width per row
	rect    image.Rectangle
	advance fixed.Int26_6
	// missing is set when the font has no glyph for the rune (it is drawn
	// as the font's "not defined" box).
	missing bool
}

func newFace(f *opentype.Font, size float64) (*face, error) {
	ff, err := opentype.NewFace(f, &opentype.FaceOptions{Size: size, DPI: 72, Hinting: font.HintingNone})
	if err != nil {
		return nil, err
	}
	m := ff.Metrics()
	return &face{f: ff, font: f, glyphs: map[rune]*glyph{}, kerns: map[[2]rune]fixed.Int26_6{},
		ascent: m.Ascent.Ceil(), height: m.Height.Ceil()}, nil
}

// glyph returns r's glyph, rasterising it on first use.
func (fc *face) glyph(r rune) *glyph {
	fc.mu.Lock()
	defer fc.mu.Unlock()
	if g := fc.glyphs[r]; g != nil {
		return g
	}
	g := &glyph{}
	if i, err := fc.font.GlyphIndex(nil, r); err != nil || i == 0 {
		g.missing = true
	}
	dr, mask, mp, adv, ok := fc.f.Glyph(fixed.Point26_6{}, r)
	g.advance = adv
	if ok && !dr.Empty() {
		a := image.NewAlpha(image.Rectangle{Max: dr.Size()})
		draw.Draw(a, a.Rect, mask, mp, draw.Src)
		g.mask, g.rect = a.Pix, dr
	}
	fc.glyphs[r] = g
	return g
}

// kern is the adjustment between a and b.
func (fc *face) kern(a, b rune) fixed.Int26_6 {
	fc.mu.Lock()
	defer fc.mu.Unlock()
	k, ok := fc.kerns[[2]rune{a, b}]
	if !ok {
		k = fc.f.Kern(a, b)
		fc.kerns[[2]rune{a, b}] = k
	}
	return k
}

// width is the advance of s in pixels, kerning included.
func (fc *face) width(s string) int {
	var w fixed.Int26_6
	prev := rune(-1)
	for _, r := range s {
		if prev >= 0 {
			w += fc.kern(prev, r)
		}
		w += fc.glyph(r).advance
		prev = r
	}
	return w.Ceil()
}
