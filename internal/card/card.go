// Package card draws a page's social card: the 1200x630 PNG that link
// previews on social sites and chat apps show for a shared page (Open
// Graph og:image, twitter:card summary_large_image). It draws in pure Go
// with the Go fonts, which cover Latin, Greek and Cyrillic, so a build
// needs no image tool outside the binary; the same card always gives the
// same bytes, and Key names those bytes before they are drawn, so a build
// can link a card and keep it between builds without drawing it again.
package card

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"image/color"
	"runtime"
	"sync"

	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/goregular"
)

// Width and Height are the card's size in pixels: the 1.91:1 of Open
// Graph's large image, at the size Facebook and X recommend.
const Width, Height = 1200, 630

// Version changes whenever the drawing does, so cards kept from an older
// build are drawn again rather than reused.
const Version = "card-2"

// Card is what one card shows.
type Card struct {
	// Site is the site's title, in the band at the top.
	Site string
	// Kind is the page's kind as the site names it ("Demand").
	Kind string
	// Title is the page's title, the headline.
	Title string
	// Holder says who holds the position (or an actor's role), and Date
	// when it was first stated, as the site writes dates.
	Holder, Date string
	// Address is the site's address without its scheme ("example.org/sub").
	Address string
	Theme   Theme
}

// Theme holds the card's colours, taken from the site's stylesheet (see
// ThemeFromCSS).
type Theme struct {
	// BG and FG are the body's background and text; Muted the kind
	// label and the address.
	BG, FG, Muted color.RGBA
	// HeadBG and HeadFG are the band at the top, as the site's header;
	// Accent the stripes under it and at the bottom.
	HeadBG, HeadFG, Accent color.RGBA
}

// DefaultTheme is the built-in stylesheet's light scheme.
var DefaultTheme = Theme{
	BG:     color.RGBA{0xff, 0xff, 0xff, 0xff},
	FG:     color.RGBA{0x0b, 0x0c, 0x0c, 0xff},
	Muted:  color.RGBA{0x50, 0x5a, 0x5f, 0xff},
	HeadBG: color.RGBA{0x0b, 0x0c, 0x0c, 0xff},
	HeadFG: color.RGBA{0xff, 0xff, 0xff, 0xff},
	Accent: color.RGBA{0x1d, 0x70, 0xb8, 0xff},
}

// fontSum is a hash of the fonts the cards are drawn with.
var fontSum = sync.OnceValue(func() [32]byte {
	h := sha256.New()
	for _, f := range [][]byte{goregular.TTF, gobold.TTF} {
		binary.Write(h, binary.LittleEndian, int64(len(f)))
		h.Write(f)
	}
	var s [32]byte
	h.Sum(s[:0])
	return s
})

// Key is a hash of everything that goes into the card's bytes: its text
// and colours, the drawing's Version, the fonts, and the Go release (whose
// compressor writes the PNG). Equal keys mean equal bytes.
func (c Card) Key() string {
	h := sha256.New()
	fs := fontSum()
	h.Write(fs[:])
	for _, s := range []string{Version, runtime.Version(), c.Site, c.Kind, c.Title, c.Holder, c.Date, c.Address} {
		binary.Write(h, binary.LittleEndian, int64(len(s)))
		h.Write([]byte(s))
	}
	t := c.Theme
	for _, col := range []color.RGBA{t.BG, t.FG, t.Muted, t.HeadBG, t.HeadFG, t.Accent} {
		h.Write([]byte{col.R, col.G, col.B, col.A})
	}
	return hex.EncodeToString(h.Sum(nil))
}
