package card

import (
	"image/color"
	"slices"
	"strings"
	"sync"
	"unicode"

	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/goregular"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/math/fixed"
)

// The card's geometry, in pixels.
const (
	margin    = 80               // left and right
	bandH     = 112              // the band at the top
	stripeH   = 12               // the accent stripes
	kindBase  = 200              // the kind label's baseline
	titleTop  = 232              // the headline's box
	titleBot  = 520              //
	footBase  = 574              // the byline's and address's baseline
	textWidth = Width - 2*margin // every line's room
)

// titleSizes are the headline's sizes, largest first: the largest at
// which the whole title fits is taken, else the smallest, ellipsised.
var titleSizes = []float64{76, 66, 58, 50}

// The palette: three flat colours, then the three ramps text is drawn
// with, from a quarter or a fifth of the text colour to all of it. Sixteen
// colours make a 4-bit PNG, and few levels of antialiasing compress well.
const (
	pBG, pHead, pAccent = 0, 1, 2
)

// ramp is a run of palette entries from background towards a text colour.
type ramp struct{ base, n int }

var (
	rampFG    = ramp{3, 5}  // body text on BG
	rampMuted = ramp{8, 4}  // kind and address on BG
	rampHead  = ramp{12, 4} // site title on HeadBG
)

// Renderer draws cards. It is safe for concurrent use, and keeps each
// glyph it has drawn, so one Renderer should draw all of a build's cards.
type Renderer struct {
	once    sync.Once
	err     error
	regular *opentype.Font
	bold    *opentype.Font
	faces   sync.Map // faceKey -> *face
	mu      sync.Mutex
}

type faceKey struct {
	bold bool
	size float64
}

// NewRenderer returns a renderer; the fonts are read on first use.
func NewRenderer() *Renderer { return &Renderer{} }

func (r *Renderer) face(bold bool, size float64) (*face, error) {
	r.once.Do(func() {
		if r.regular, r.err = opentype.Parse(goregular.TTF); r.err == nil {
			r.bold, r.err = opentype.Parse(gobold.TTF)
		}
	})
	if r.err != nil {
		return nil, r.err
	}
	k := faceKey{bold, size}
	if f, ok := r.faces.Load(k); ok {
		return f.(*face), nil
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if f, ok := r.faces.Load(k); ok {
		return f.(*face), nil
	}
	font := r.regular
	if bold {
		font = r.bold
	}
	f, err := newFace(font, size)
	if err != nil {
		return nil, err
	}
	r.faces.Store(k, f)
	return f, nil
}

// canvases keeps the pixel buffers of cards drawn, for the next ones.
var canvases = sync.Pool{New: func() any { return make([]uint8, Width*Height) }}

// canvas is a card being drawn: one palette index per pixel.
type canvas struct {
	pix []uint8
}

// Render draws the card and encodes it as PNG.
func (r *Renderer) Render(c Card) ([]byte, error) {
	site, err := r.face(true, 34)
	if err != nil {
		return nil, err
	}
	small, _ := r.face(false, 30)
	byline, _ := r.face(false, 34)
	size, lines, err := r.headline(c.Title)
	if err != nil {
		return nil, err
	}
	title, _ := r.face(true, size)

	cv := canvas{pix: canvases.Get().([]uint8)}
	defer canvases.Put(cv.pix)
	cv.fill(0, bandH, pHead)
	cv.fill(bandH+stripeH, Height-stripeH, pBG)
	cv.fill(bandH, bandH+stripeH, pAccent)
	cv.fill(Height-stripeH, Height, pAccent)
	// The band: the site's title, and its address on the right.
	addr := fitLine(small, c.Address, textWidth/2)
	room := textWidth
	if addr != "" {
		aw := small.width(addr)
		dim := rampHead
		dim.n-- // its top level is a quarter short of the title's white
		cv.text(small, addr, Width-margin-aw, (bandH+22)/2, dim)
		room -= aw + 48
	}
	cv.text(site, fitLine(site, c.Site, room), margin, (bandH+24)/2, rampHead)
	cv.text(small, fitLine(small, strings.ToUpper(c.Kind), textWidth), margin, kindBase, rampMuted)
	for i, l := range lines {
		cv.text(title, l, margin, titleTop+title.ascent+i*lineStep(size), rampFG)
	}
	cv.text(byline, bylineOf(byline, c.Holder, c.Date), margin, footBase, rampFG)
	return encodePNG(cv.pix, palette(c.Theme))
}

// bylineOf is "holder, date" on one line: a holder too long for it is
// cut short, so that the date stays whole.
func bylineOf(fc *face, holder, date string) string {
	switch {
	case date == "":
		return fitLine(fc, holder, textWidth)
	case holder == "":
		return fitLine(fc, date, textWidth)
	}
	sep := ", " + date
	if room := textWidth - fc.width(sep); room > textWidth/3 {
		return fitLine(fc, holder, room) + sep
	}
	return fitLine(fc, holder+sep, textWidth)
}

// lineStep is the distance between the headline's baselines.
func lineStep(size float64) int { return int(size*1.16 + 0.5) }

// headline chooses the title's size and lines: the largest size at which
// it fits the box whole, else the smallest, cut short.
func (r *Renderer) headline(title string) (float64, []string, error) {
	var lines []string
	var size float64
	for _, size = range titleSizes {
		fc, err := r.face(true, size)
		if err != nil {
			return 0, nil, err
		}
		var cut bool
		lines, cut = wrap(fc, title, textWidth, maxLines(fc, size))
		if !cut {
			break
		}
	}
	return size, lines, nil
}

// maxLines is how many lines of the headline at size fit its box.
func maxLines(fc *face, size float64) int {
	return (titleBot-titleTop-fc.height)/lineStep(size) + 1
}

// fill paints rows [y0, y1) with palette entry p.
func (cv *canvas) fill(y0, y1 int, p uint8) {
	rows := cv.pix[y0*Width : y1*Width]
	if len(rows) == 0 {
		return
	}
	rows[0] = p
	for n := 1; n < len(rows); n *= 2 {
		copy(rows[n:], rows[:n])
	}
}

// text draws s with its baseline's left end at (x, base), each pixel's
// coverage rounded to one of rp's levels. Glyphs sit on whole pixels.
func (cv *canvas) text(fc *face, s string, x, base int, rp ramp) {
	dot := fixed.I(x)
	prev := rune(-1)
	for _, ru := range s {
		if prev >= 0 {
			dot += fc.kern(prev, ru)
		}
		prev = ru
		g := fc.glyph(ru)
		cv.glyph(g, dot.Round(), base, rp)
		dot += g.advance
	}
}

func (cv *canvas) glyph(g *glyph, x, y int, rp ramp) {
	w := g.rect.Dx()
	for j := 0; j < g.rect.Dy(); j++ {
		py := y + g.rect.Min.Y + j
		if py < 0 || py >= Height {
			continue
		}
		row := cv.pix[py*Width : (py+1)*Width]
		for i, a := range g.mask[j*w : (j+1)*w] {
			px := x + g.rect.Min.X + i
			if a == 0 || px < 0 || px >= Width {
				continue
			}
			lv := int(levels[rp.n][a])
			if lv == 0 {
				continue
			}
			p := uint8(rp.base + lv - 1)
			if old := row[px]; int(old) >= rp.base && old >= p {
				continue // overlapping glyphs: the stronger wins
			}
			row[px] = p
		}
	}
}

// levels[n][a] is coverage a rounded to one of n levels (0: none).
var levels = func() (t [6][256]uint8) {
	for n := range t {
		for a := range t[n] {
			t[n][a] = uint8((a*n + 127) / 255)
		}
	}
	return t
}()

// palette is the card's sixteen colours for a theme.
func palette(t Theme) color.Palette {
	p := make(color.Palette, 16)
	p[pBG], p[pHead], p[pAccent] = t.BG, t.HeadBG, t.Accent
	for _, rp := range []struct {
		ramp
		bg, fg color.RGBA
	}{{rampFG, t.BG, t.FG}, {rampMuted, t.BG, t.Muted}, {rampHead, t.HeadBG, t.HeadFG}} {
		for l := 1; l <= rp.n; l++ {
			p[rp.base+l-1] = mix(rp.bg, rp.fg, l, rp.n)
		}
	}
	return p
}

// mix is l/n of the way from a to b.
func mix(a, b color.RGBA, l, n int) color.RGBA {
	m := func(x, y uint8) uint8 { return uint8((int(x)*(n-l) + int(y)*l + n/2) / n) }
	return color.RGBA{m(a.R, b.R), m(a.G, b.G), m(a.B, b.B), 0xff}
}

// Missing lists the characters of s, once each, that the card's fonts
// have no glyph for (they would be drawn as boxes); spaces are not drawn.
func (r *Renderer) Missing(s string) []rune {
	var out []rune
	for _, bold := range []bool{false, true} {
		fc, err := r.face(bold, titleSizes[0])
		if err != nil {
			return []rune(s)
		}
		for _, ru := range s {
			if !unicode.IsSpace(ru) && fc.glyph(ru).missing && !slices.Contains(out, ru) {
				out = append(out, ru)
			}
		}
	}
	return out
}
