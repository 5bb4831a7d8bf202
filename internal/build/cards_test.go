package build

import (
	"bytes"
	"context"
	"image/png"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"

	"github.com/counterpoint-ssg/counterpoint/internal/cache"
	"github.com/counterpoint-ssg/counterpoint/internal/card"
	"github.com/counterpoint-ssg/counterpoint/internal/output"
)

// cardSite is a small site on the built-in layouts; settings go into the
// home page's front matter.
func cardSite(settings, title string) string {
	return `-- content/_index.md --
---
title: Контрапункт
summary: Требования и ответы, бок о бок.
language: ru
` + settings + `
---
Главная.
-- content/demands/no-expansion.md --
---
title: ` + title + `
claimant: Россия
date: 2021-12-17
---
Текст, [[talks]].
-- content/demands/guarantees.md --
---
title: Юридически обязывающие гарантии безопасности, съёмка «№5» — їжа, ґанок, єдність
claimant: Россия
---
Текст.
-- content/counterpositions/talks.md --
---
title: Двери для дипломатии открыты
respondent: США и НАТО
responds_to: [no-expansion, guarantees]
date: 2022-01-26
---
Текст.
-- content/actors/lavrov.md --
---
title: Сергей Лавров
role: Министр иностранных дел
---
Текст.
-- content/about.md --
---
title: О сайте
---
Текст.
`
}

var (
	ogImage  = regexp.MustCompile(`<meta property="og:image" content="([^"]*)">`)
	ogAlt    = regexp.MustCompile(`<meta property="og:image:alt" content="([^"]+)">`)
	largeImg = `<meta name="twitter:card" content="summary_large_image">`
)

// TestCards: with an absolute base URL every HTML page but the 404 page
// links its own card by absolute URL, with its size, text and the large
// image summary; the card is a 1200x630 PNG; the cards are drawn once,
// then come from the cache, with the same bytes as drawn without one;
// and a changed title draws its card alone again.
func TestCards(t *testing.T) {
	const base = "https://example.org/sub/"
	c, err := cache.Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	fsys := mapFS(cardSite("", "Нет расширению НАТО"))
	res := mustBuild(t, Inputs{FS: fsys, BaseURL: base, Cache: c})
	cards := map[string]bool{}
	pages := 0
	for _, name := range res.Paths() {
		if !strings.HasSuffix(name, ".html") || name == "404.html" {
			continue
		}
		pages++
		html := string(res.Files[name])
		m := ogImage.FindStringSubmatch(html)
		if m == nil || !strings.Contains(html, largeImg) || !ogAlt.MatchString(html) ||
			!strings.Contains(html, `<meta property="og:image:width" content="1200">`) ||
			!strings.Contains(html, `<meta property="og:image:height" content="630">`) {
			t.Errorf("%s: no card meta", name)
			continue
		}
		path, ok := strings.CutPrefix(m[1], base+"assets/cards/")
		if !ok {
			t.Errorf("%s: og:image %s is not an absolute URL under %sassets/cards/", name, m[1], base)
			continue
		}
		if cards["assets/cards/"+path] {
			t.Errorf("%s: card %s shared with another page", name, path)
		}
		cards["assets/cards/"+path] = true
		img, err := png.Decode(bytes.NewReader(res.Files["assets/cards/"+path]))
		if err != nil {
			t.Errorf("%s: card %s: %v", name, path, err)
			continue
		}
		if b := img.Bounds(); b.Dx() != 1200 || b.Dy() != 630 {
			t.Errorf("%s: card is %v", name, b)
		}
	}
	if strings.Contains(string(res.Files["404.html"]), "og:image") {
		t.Error("the 404 page has a card")
	}
	onDisk := 0
	for name := range res.Files {
		if strings.HasPrefix(name, "assets/cards/") {
			onDisk++
		}
	}
	if pages < 8 || len(cards) != pages || onDisk != pages || res.Stats.Cards != pages {
		t.Fatalf("%d pages, %d cards linked, %d written, %d drawn", pages, len(cards), onDisk, res.Stats.Cards)
	}
	alt := ogAlt.FindStringSubmatch(string(res.Files["demands/no-expansion/index.html"]))[1]
	if want := "Требование: Нет расширению НАТО. Россия, 17 декабря 2021 г."; alt != want {
		t.Errorf("og:image:alt %q, want %q", alt, want)
	}

	// Again: every card from the cache, byte for byte the same, and the
	// same as drawn without a cache.
	again := mustBuild(t, Inputs{FS: fsys, BaseURL: base, Cache: c})
	if again.Stats.Cards != 0 {
		t.Errorf("second build drew %d cards, want 0 (all cached)", again.Stats.Cards)
	}
	none := mustBuild(t, Inputs{FS: fsys, BaseURL: base})
	for _, r := range []*Result{again, none} {
		if !maps.EqualFunc(res.Files, r.Files, bytes.Equal) {
			t.Fatal("a build from the cache, or without one, differs")
		}
	}

	// A changed title: its card alone is drawn again.
	fsys = mapFS(cardSite("", "Нет расширению НАТО на восток"))
	changed := mustBuild(t, Inputs{FS: fsys, BaseURL: base, Cache: c})
	if changed.Stats.Cards != 1 {
		t.Errorf("after a title changed, %d cards drawn, want 1", changed.Stats.Cards)
	}
}

// TestCardsShared: pages whose cards would show the same share one file.
func TestCardsShared(t *testing.T) {
	fsys := mapFS(cardSite("", "Нет") + `-- content/notes/a.md --
---
title: Заметки
---
Текст.
-- content/more/b.md --
---
title: Заметки
---
Текст.
`)
	res := mustBuild(t, Inputs{FS: fsys, BaseURL: "https://example.org/"})
	// Through a sink, as build writes, each path comes once.
	var mu sync.Mutex
	seen := map[string]bool{}
	mustBuild(t, Inputs{FS: fsys, BaseURL: "https://example.org/", Sink: func(p string, _ []byte) error {
		mu.Lock()
		defer mu.Unlock()
		if seen[p] {
			t.Errorf("%s emitted twice", p)
		}
		seen[p] = true
		return nil
	}})
	a := ogImage.FindStringSubmatch(file(t, res, "notes/a/index.html"))
	b := ogImage.FindStringSubmatch(file(t, res, "more/b/index.html"))
	if a == nil || b == nil || a[1] != b[1] {
		t.Fatalf("cards %q and %q, want one shared", a, b)
	}
	if _, ok := res.Files[strings.TrimPrefix(a[1], "https://example.org/")]; !ok {
		t.Fatal("the shared card is not written")
	}
}

// TestCardsRussianGlyphs: the fonts have every character of the fixture's
// card text (no boxes).
func TestCardsRussianGlyphs(t *testing.T) {
	res := mustBuild(t, Inputs{FS: mapFS(cardSite("", "Нет расширению НАТО")), BaseURL: "https://example.org/"})
	r := card.NewRenderer()
	for _, p := range res.Site.All {
		if m := r.Missing(p.Title + p.Claimant + p.Respondent + p.Role + p.CardAlt); len(m) > 0 {
			t.Errorf("%s: no glyph for %q", p.Path, m)
		}
	}
}

// TestCardsOff: the setting off, or no absolute base URL, means no cards
// and no large-image meta.
func TestCardsOff(t *testing.T) {
	for _, tt := range []struct{ name, settings, base string }{
		{"cards: false", "pictures: {cards: false}", "https://example.org/"},
		{"pictures: false", "pictures: false", "https://example.org/"},
		{"no base URL", "", ""},
		{"a base path only", "", "/sub/"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			res := mustBuild(t, Inputs{FS: mapFS(cardSite(tt.settings, "Нет")), BaseURL: tt.base, Cache: nil})
			for name, data := range res.Files {
				if strings.HasPrefix(name, "assets/cards/") || strings.HasSuffix(name, ".png") {
					t.Errorf("%s written", name)
				}
				if bytes.Contains(data, []byte("og:image")) || bytes.Contains(data, []byte("summary_large_image")) {
					t.Errorf("%s has card meta", name)
				}
			}
			if !strings.Contains(file(t, res, "index.html"), `<meta name="twitter:card" content="summary">`) {
				t.Error("no summary card")
			}
		})
	}
}

// TestCardsLinkedFromCache builds into a destination through
// output.Writer: the cards are the cache's files, hard-linked; into an
// emptied destination no card is drawn; and the third build into a kept
// destination writes nothing.
func TestCardsLinkedFromCache(t *testing.T) {
	dir := t.TempDir()
	c, err := cache.Open(filepath.Join(dir, "cache"))
	if err != nil {
		t.Fatal(err)
	}
	src, dest := filepath.Join(dir, "site"), filepath.Join(dir, "public")
	os.Mkdir(src, 0o755)
	fsys := mapFS(cardSite("", "Нет расширению НАТО"))
	write := func() (*Result, output.Stats) {
		t.Helper()
		w, err := output.Begin(context.Background(), src, dest, output.Options{})
		if err != nil {
			t.Fatal(err)
		}
		defer w.Close()
		res := mustBuild(t, Inputs{FS: fsys, BaseURL: "https://example.org/", Cache: c, Sink: w.Put, Link: w.Link})
		st, err := w.Commit()
		if err != nil {
			t.Fatal(err)
		}
		return res, st
	}
	first, _ := write()
	if first.Stats.Cards == 0 {
		t.Fatal("no card drawn")
	}
	linked := func() {
		t.Helper()
		n := 0
		for _, p := range first.Site.All {
			if p.Card == "" {
				continue
			}
			name := strings.TrimPrefix(p.Card, "https://example.org/")
			key := strings.TrimSuffix(strings.TrimPrefix(name, "assets/cards/"), ".png")
			ents, _ := filepath.Glob(c.Path("cards/" + key + "*.png"))
			a, err1 := os.Stat(filepath.Join(dest, name))
			if len(ents) != 1 || err1 != nil {
				t.Fatalf("%s: no card in the destination or the cache (%v)", p.Path, err1)
			}
			b, _ := os.Stat(ents[0])
			if !os.SameFile(a, b) {
				t.Errorf("%s: the published card is not the cache's file", p.Path)
			}
			n++
		}
		if n < 4 {
			t.Fatalf("%d cards", n)
		}
	}
	linked()
	os.RemoveAll(dest)
	os.RemoveAll(output.Twin(dest))
	res, _ := write()
	if res.Stats.Cards != 0 {
		t.Errorf("a build into an emptied destination drew %d cards", res.Stats.Cards)
	}
	linked()
	write()
	if _, st := write(); st.Written != 0 {
		t.Errorf("an unchanged build wrote %d files", st.Written)
	}
}

// TestCardsTheme: the cards take their colours from the site's
// custom.css, and a new colour gives new cards.
func TestCardsTheme(t *testing.T) {
	plain := mustBuild(t, Inputs{FS: mapFS(cardSite("", "Нет")), BaseURL: "https://example.org/"})
	fsys := mapFS(cardSite("", "Нет") + "-- assets/custom.css --\n:root { --accent: light-dark(#b3261e, #ffb4a9); --head-bg: #fc0; }\n")
	res := mustBuild(t, Inputs{FS: fsys, BaseURL: "https://example.org/"})
	m := ogImage.FindStringSubmatch(file(t, res, "index.html"))
	if m == nil || strings.Contains(file(t, plain, "index.html"), m[1]) {
		t.Fatalf("card %q: want one of its own for the new colours", m)
	}
	img, err := png.Decode(bytes.NewReader(res.Files[strings.TrimPrefix(m[1], "https://example.org/")]))
	if err != nil {
		t.Fatal(err)
	}
	want := map[[3]uint32]string{{0xb3, 0x26, 0x1e}: "accent", {0xff, 0xcc, 0x00}: "band"}
	for y := 0; y < 630; y += 3 {
		r, g, b, _ := img.At(1190, y).RGBA()
		delete(want, [3]uint32{r >> 8, g >> 8, b >> 8})
	}
	if len(want) > 0 {
		t.Errorf("the card lacks the site's colours %v", want)
	}
}
