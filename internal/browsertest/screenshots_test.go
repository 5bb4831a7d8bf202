package browsertest

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestScreenshots writes full-page screenshots of the main screens at a
// phone width (390 px) and a desktop width (1280 px), in the light and the
// dark scheme, for people to look at: screenshots/<page>-<width>-<scheme>.png
// at the repository root, or in $COUNTERPOINT_SCREENSHOTS.
func TestScreenshots(t *testing.T) {
	dir := os.Getenv("COUNTERPOINT_SCREENSHOTS")
	if dir == "" {
		dir = filepath.Join(repoRoot(t), "screenshots")
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	ctx := browser(t)
	srv := serve(t)
	n := 0
	for _, scheme := range []string{"light", "dark"} {
		emulate(t, ctx, scheme)
		for _, w := range []int64{390, 1280} {
			h := int64(844)
			if w > 800 {
				h = 900
			}
			run(t, ctx, viewport(w, h))
			for _, s := range screens {
				run(t, ctx, chromedp.Navigate(srv.URL+s.path), chromedp.WaitReady(chromedp.CSS("body")))
				if s.name == "search" {
					waitFor(t, ctx, "search results", `document.querySelectorAll("#search-results li").length > 0`)
				}
				png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
				if err != nil {
					t.Fatal(err)
				}
				name := filepath.Join(dir, s.name+"-"+itoa(w)+"-"+scheme+".png")
				if err := os.WriteFile(name, png, 0o644); err != nil {
					t.Fatal(err)
				}
				n++
			}
		}
	}
	t.Logf("%d screenshots in %s", n, dir)
}

func itoa(n int64) string {
	if n == 0 {
		return "0"
	}
	var b []byte
	for ; n > 0; n /= 10 {
		b = append([]byte{byte('0' + n%10)}, b...)
	}
	return string(b)
}

// TestNarrowScreens loads every built page 320 px wide and expects no
// sideways scrolling: long words such as "Msta-S-M2" wrap, and nothing is
// wider than the screen.
func TestNarrowScreens(t *testing.T) {
	ctx := browser(t)
	srv := serve(t)
	run(t, ctx, chromedp.EmulateViewport(320, 640, chromedp.EmulateMobile))
	var paths []string
	for name := range builtSite(t).Files {
		if strings.HasSuffix(name, ".html") && name != "404.html" {
			paths = append(paths, siteURL(name))
		}
	}
	slices.Sort(paths)
	paths = append(paths, "/no/such/page/", "/search/?q=nato")
	for _, p := range paths {
		run(t, ctx, chromedp.Navigate(srv.URL+p), chromedp.WaitReady(chromedp.CSS("body")))
		wide := eval[[]string](t, ctx, `(() => {
			const w = document.documentElement.clientWidth, out = [];
			if (document.documentElement.scrollWidth > w) out.push("page scrolls sideways: " + document.documentElement.scrollWidth + " > " + w);
			for (const e of document.querySelectorAll("main *, header *, footer *")) {
				const r = e.getBoundingClientRect();
				if (r.width && r.right > w + 0.5 && getComputedStyle(e).position !== "fixed" && !e.closest(".visually-hidden, pre, .skip-link, .timestrip-scroll")) {
					out.push(e.tagName.toLowerCase() + (e.className ? "." + e.className : "") + " ends at " + Math.round(r.right) + ": " + (e.textContent || "").trim().slice(0, 60));
				}
			}
			return out.slice(0, 5);
		})()`)
		for _, w := range wide {
			t.Errorf("%s at 320 px: %s", p, w)
		}
	}
}

// viewport sizes the page w by h CSS pixels, as a phone below 800.
func viewport(w, h int64) chromedp.Action[chromedp.Void] {
	if w < 800 {
		return chromedp.EmulateViewport(w, h, chromedp.EmulateMobile)
	}
	return chromedp.EmulateViewport(w, h)
}
