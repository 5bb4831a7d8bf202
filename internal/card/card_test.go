package card

import (
	"bytes"
	"image"
	"image/png"
	"os"
	"slices"
	"strings"
	"sync"
	"testing"
)

var sample = Card{
	Site:   "Counterpoint: the security guarantees standoff",
	Kind:   "Demand",
	Title:  "No further NATO expansion",
	Holder: "Russia", Date: "17 December 2021",
	Address: "example.org",
	Theme:   DefaultTheme,
}

func decode(t *testing.T, data []byte) *image.Paletted {
	t.Helper()
	img, err := png.Decode(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	p, ok := img.(*image.Paletted)
	if !ok {
		t.Fatalf("decoded a %T, want a paletted image", img)
	}
	return p
}

func TestRenderIsAPalettedPNGOfTheRightSize(t *testing.T) {
	data, err := NewRenderer().Render(sample)
	if err != nil {
		t.Fatal(err)
	}
	img := decode(t, data)
	if b := img.Bounds(); b.Dx() != Width || b.Dy() != Height || Width != 1200 || Height != 630 {
		t.Fatalf("card is %v, want 1200x630", b)
	}
	// IHDR: bit depth 4, colour type 3 (palette).
	if data[24] != 4 || data[25] != 3 {
		t.Fatalf("bit depth %d, colour type %d; want a 4-bit palette", data[24], data[25])
	}
	if len(data) > 24<<10 {
		t.Errorf("card is %d bytes, want at most 24 KiB", len(data))
	}
}

// TestDeterministic draws the same cards with two renderers, one of them
// from many goroutines at once, and wants the same bytes.
func TestDeterministic(t *testing.T) {
	cards := []Card{sample, russian, ukrainian, longCard}
	want := make([][]byte, len(cards))
	for i, c := range cards {
		var err error
		if want[i], err = NewRenderer().Render(c); err != nil {
			t.Fatal(err)
		}
	}
	r := NewRenderer()
	var wg sync.WaitGroup
	for n := 0; n < 3; n++ {
		for i, c := range cards {
			wg.Add(1)
			go func() {
				defer wg.Done()
				got, err := r.Render(c)
				if err != nil || !bytes.Equal(got, want[i]) {
					t.Errorf("card %d drawn again differs (err %v)", i, err)
				}
			}()
		}
	}
	wg.Wait()
}

var (
	russian = Card{Site: "Контрапункт: гарантии безопасности", Kind: "Требование",
		Title:  "Юридически обязывающие гарантии «нерасширения» НАТО — съёмка, объём, №\u00a05",
		Holder: "Россия", Date: "17 декабря 2021 г.", Address: "example.org/ru", Theme: DefaultTheme}
	ukrainian = Card{Site: "Контрапункт: гарантії безпеки", Kind: "Контрпозиція",
		Title:  "Ґрунтовна відповідь: їхні євроінтеграційні прагнення і право обирати союзи",
		Holder: "Сполучені Штати і НАТО", Date: "26 січня 2022 р.", Address: "example.org/uk", Theme: DefaultTheme}
	longCard = Card{Site: strings.Repeat("A very long site title ", 8), Kind: "Counterposition " + strings.Repeat("x", 90),
		Title:  strings.Repeat("Indivisibility-of-security-without-any-space-to-break-at ", 2) + strings.Repeat("and the offer of a substantive exchange on mutual concerns ", 6),
		Holder: strings.Repeat("United States and NATO and ", 9), Date: "26 January 2022", Address: "very-long-subdomain.example.org/" + strings.Repeat("sub/", 20), Theme: DefaultTheme}
)

// TestCyrillicHasEveryGlyph requires a glyph in both faces for every
// character of Russian and Ukrainian cards (no box for a missing glyph).
func TestCyrillicHasEveryGlyph(t *testing.T) {
	r := NewRenderer()
	for _, c := range []Card{russian, ukrainian} {
		if m := r.Missing(c.Site + c.Kind + c.Title + c.Holder + c.Date + c.Address + ellipsis); len(m) > 0 {
			t.Errorf("no glyph for %q", m)
		}
		if _, err := r.Render(c); err != nil {
			t.Fatal(err)
		}
	}
	// The check itself finds a missing glyph.
	if m := r.Missing("Kyiv 基辅"); string(m) != "基辅" {
		t.Fatalf("Missing found %q, want the two Chinese characters", m)
	}
}

// TestLongTextStaysInside draws overlong text everywhere and wants no ink
// outside the margins, nor between the headline's box and the byline, and
// every cut line ended with an ellipsis within the width.
func TestLongTextStaysInside(t *testing.T) {
	r := NewRenderer()
	data, err := r.Render(longCard)
	if err != nil {
		t.Fatal(err)
	}
	img := decode(t, data)
	ground := func(y int) uint8 {
		switch {
		case y < bandH:
			return pHead
		case y < bandH+stripeH, y >= Height-stripeH:
			return pAccent
		}
		return pBG
	}
	inked := 0
	for y := 0; y < Height; y++ {
		for x := 0; x < Width; x++ {
			if img.ColorIndexAt(x, y) == ground(y) {
				continue
			}
			inked++
			if x < margin || x >= Width-margin {
				t.Fatalf("ink at (%d, %d), outside the margins", x, y)
			}
			if y >= titleBot && y < footBase-40 {
				t.Fatalf("ink at (%d, %d), between the headline and the byline", x, y)
			}
		}
	}
	if inked < 10000 {
		t.Fatalf("only %d pixels inked", inked)
	}
	size, lines, err := r.headline(longCard.Title)
	if err != nil {
		t.Fatal(err)
	}
	fc, _ := r.face(true, size)
	if size != titleSizes[len(titleSizes)-1] || !strings.HasSuffix(lines[len(lines)-1], ellipsis) {
		t.Fatalf("long title at %v: %q, want the smallest size, cut short", size, lines)
	}
	by, _ := r.face(false, 34)
	if l := bylineOf(by, longCard.Holder, longCard.Date); !strings.HasSuffix(l, ellipsis+", 26 January 2022") || by.width(l) > textWidth {
		t.Errorf("byline %q: want the holder cut short and the date whole, within %d px", l, textWidth)
	}
	for _, l := range lines {
		if w := fc.width(l); w > textWidth {
			t.Errorf("line %q is %d px wide, more than %d", l, w, textWidth)
		}
	}
}

// TestHeadlineSize takes the largest size the whole title fits at: it
// fits whole at the size taken and is cut at the next larger one.
func TestHeadlineSize(t *testing.T) {
	r := NewRenderer()
	sizes := map[float64]bool{}
	words := strings.Fields(strings.Repeat("No bloc at the edge of a war, and no NATO to the east of it ", 8))
	for n := 1; n <= len(words); n++ {
		title := strings.Join(words[:n], " ")
		size, lines, err := r.headline(title)
		if err != nil {
			t.Fatal(err)
		}
		sizes[size] = true
		whole := !strings.Contains(strings.Join(lines, ""), ellipsis)
		i := slices.Index(titleSizes, size)
		if !whole && i != len(titleSizes)-1 {
			t.Errorf("%d words: cut short at %v, not the smallest size", n, size)
		}
		if i > 0 {
			fc, _ := r.face(true, titleSizes[i-1])
			if _, cut := wrap(fc, title, textWidth, maxLines(fc, titleSizes[i-1])); !cut {
				t.Errorf("%d words: drawn at %v, but fit at %v", n, size, titleSizes[i-1])
			}
		}
	}
	if len(sizes) != len(titleSizes) {
		t.Errorf("titles of 1 to 112 words took the sizes %v, want all of %v", sizes, titleSizes)
	}
}

// TestKey changes with everything drawn and stays with the rest.
func TestKey(t *testing.T) {
	k := sample.Key()
	if k != sample.Key() || len(k) != 64 {
		t.Fatalf("key %q is not stable or not a SHA-256", k)
	}
	for _, c := range []func(*Card){
		func(c *Card) { c.Site += "!" },
		func(c *Card) { c.Kind = "Counterposition" },
		func(c *Card) { c.Title += "s" },
		func(c *Card) { c.Holder = "" },
		func(c *Card) { c.Date = "18 December 2021" },
		func(c *Card) { c.Address = "example.com" },
		func(c *Card) { c.Theme.Accent.R++ },
		func(c *Card) { c.Theme.HeadFG.B-- },
		// Fields are not run together.
		func(c *Card) { c.Kind, c.Title = c.Kind+c.Title[:2], c.Title[2:] },
	} {
		m := sample
		c(&m)
		if m.Key() == k {
			t.Errorf("%+v has the same key as the sample", m)
		}
	}
}

// TestThemeFromCSS reads the built-in stylesheet as DefaultTheme, and a
// site's overrides over it.
func TestThemeFromCSS(t *testing.T) {
	site, err := os.ReadFile("../assets/defaults/site.css")
	if err != nil {
		t.Fatal(err)
	}
	if got := ThemeFromCSS(site); got != DefaultTheme {
		t.Fatalf("the built-in stylesheet gives %+v, want DefaultTheme %+v", got, DefaultTheme)
	}
	custom := []byte(`/* --accent: #000; */
@media print { :root { --fg: #123456; } }
:root[data-theme=dark] { --bg: #000; }
body { --muted: #111; }
:root, .x { --accent: light-dark(#B3261E, #ffb4a9); --head-bg: #fc0; --head-fg: var(--bg); --bg:  #fafafa !important }
`)
	got := ThemeFromCSS(site, custom)
	want := DefaultTheme
	want.Accent.R, want.Accent.G, want.Accent.B = 0xb3, 0x26, 0x1e
	want.HeadBG.R, want.HeadBG.G, want.HeadBG.B = 0xff, 0xcc, 0x00
	want.BG.R, want.BG.G, want.BG.B = 0xfa, 0xfa, 0xfa
	if got != want {
		t.Fatalf("got %+v\nwant %+v", got, want)
	}
}
