package serve_test

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/network"
	cdppage "github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	"github.com/counterpoint-ssg/counterpoint/internal/chromium"
)

// headless starts Chromium (Debian's /usr/bin/chromium, or the one named
// by COUNTERPOINT_CHROMIUM) with a fresh profile and returns a tab. Without
// Chromium the test is skipped, except in CI, where it fails.
//
// The tab's context bounds the whole test, every step of it, so it is a
// hang guard and nothing tighter: each wait has its own ceiling (until).
func headless(t *testing.T) context.Context {
	t.Helper()
	return chromium.Start(t, 1024, 768, 10*time.Minute)
}

func js[T any](t *testing.T, ctx context.Context, expr string) T {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](expr))
	if err != nil {
		t.Fatalf("%s: %v", expr, err)
	}
	return v
}

// until polls a JavaScript condition; a page being reloaded may fail to
// evaluate for a moment, which is not an error. The ceiling is generous,
// for a loaded machine; the loop ends as soon as the condition holds.
func until(t *testing.T, ctx context.Context, what, cond string) {
	t.Helper()
	deadline := time.Now().Add(2 * time.Minute)
	var last error
	for time.Now().Before(deadline) {
		ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool](cond))
		if err == nil && ok {
			return
		}
		last = err
		time.Sleep(25 * time.Millisecond)
	}
	// Say what the tab shows, to tell a page that never reloaded from
	// one that reloaded into something else (an error page, say).
	where, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`location.href + " (mark " + window.__mark + "): " + (document.body ? document.body.textContent : "").trim().slice(0, 300)`))
	t.Fatalf("timed out waiting for %s (%s; last error %v)\nthe tab shows %s", what, cond, last, where)
}

// streams tells which documents in the tab have their live-reload event
// stream open, from the browser's network events: once the answer has
// come, the server has subscribed the page and every later build reaches
// it. A page's text is there before its deferred scripts have run, so a
// test that changes files, or stops the server, as soon as the text shows
// may act before the page listens: a build is then missed, or, with the
// server stopped, reload.js fails to load and the page never reloads.
type streams struct {
	mu   sync.Mutex
	open map[cdp.LoaderID]bool
}

func watchStreams(t *testing.T, ctx context.Context) *streams {
	t.Helper()
	s := &streams{open: map[cdp.LoaderID]bool{}}
	err := chromedp.Listen(ctx, func(ev any) {
		e, ok := ev.(*network.EventResponseReceived)
		if ok && e.Response.Status == 200 && strings.HasSuffix(e.Response.URL, "/__counterpoint/events") {
			s.mu.Lock()
			s.open[e.LoaderID] = true
			s.mu.Unlock()
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// wait waits until the document now in the tab has its stream open.
func (s *streams) wait(t *testing.T, ctx context.Context) {
	t.Helper()
	frameTree := func(ctx context.Context, tg *chromedp.Target) (cdppage.GetFrameTreeResult, error) {
		return cdp.Call(ctx, tg, cdppage.GetFrameTree, cdp.Empty{})
	}
	deadline := time.Now().Add(2 * time.Minute)
	for time.Now().Before(deadline) {
		if r, err := chromedp.Run(ctx, frameTree); err == nil && r.FrameTree != nil {
			s.mu.Lock()
			ok := s.open[r.FrameTree.Frame.LoaderID]
			s.mu.Unlock()
			if ok {
				return
			}
		}
		time.Sleep(25 * time.Millisecond)
	}
	t.Fatal("timed out waiting for the page's live-reload event stream")
}

// longDemand has enough text to scroll.
func longDemand(title, marker string) string {
	var b strings.Builder
	for i := range 60 {
		fmt.Fprintf(&b, "Paragraph %d of a long text about the demand.\n\n", i)
	}
	return demand(title, marker+"\n\n"+b.String())
}

// A page in real headless Chromium follows its source: an edit reloads it
// (keeping the scroll position), a CSS edit restyles it without a reload,
// a broken build shows an overlay with the error, and fixing it removes
// the overlay.
func TestBrowserLiveReload(t *testing.T) {
	ctx := headless(t)
	dir := smallSite(t)
	writeFile(t, dir, "content/demands/alpha.md", longDemand("Alpha", "First text."))
	s := startServe(t, dir)
	st := watchStreams(t, ctx)
	if err := chromedp.Do(ctx, chromedp.Navigate(s.url+"demands/alpha/"), chromedp.WaitReady(chromedp.CSS("body"))); err != nil {
		t.Fatal(err)
	}
	until(t, ctx, "the page", `document.body.textContent.includes("First text.")`)
	until(t, ctx, "the live-reload script", `window.__counterpointReload === true`)
	st.wait(t, ctx)

	// 1. Editing the page's source reloads it by itself, where it was.
	js[any](t, ctx, `window.scrollTo(0, 600); window.__mark = 1`)
	until(t, ctx, "scrolling", `Math.abs(window.scrollY - 600) < 2`)
	writeFile(t, dir, "content/demands/alpha.md", longDemand("Alpha", "Second text."))
	until(t, ctx, "the edit to appear", `document.body.textContent.includes("Second text.")`)
	if js[bool](t, ctx, `window.__mark === 1`) {
		t.Fatal("the text changed without a reload")
	}
	until(t, ctx, "the scroll position to come back", `Math.abs(window.scrollY - 600) < 50`)
	st.wait(t, ctx) // the reloaded page listens before the next change

	// 2. Editing only CSS restyles the page in place.
	js[any](t, ctx, `window.__mark = 2`)
	writeFile(t, dir, "assets/site.css", "body{outline:7px solid rgb(1,2,3)}")
	until(t, ctx, "the new style", `getComputedStyle(document.body).outlineColor === "rgb(1, 2, 3)"`)
	if !js[bool](t, ctx, `window.__mark === 2`) {
		t.Error("the page reloaded for a CSS-only change")
	}
	until(t, ctx, "one site stylesheet after the swap", `document.querySelectorAll('link[rel~="stylesheet"][href*="assets/site."]').length === 1`)
	// Swaps overtaking each other leave one stylesheet, the last.
	for i := 4; i <= 9; i++ {
		writeFile(t, dir, "assets/site.css", fmt.Sprintf("body{outline:7px solid rgb(%d,2,3)}", i))
		time.Sleep(time.Duration(i) * 4 * time.Millisecond)
	}
	until(t, ctx, "the last style", `getComputedStyle(document.body).outlineColor === "rgb(9, 2, 3)"`)
	until(t, ctx, "one site stylesheet after many swaps", `document.querySelectorAll('link[rel~="stylesheet"][href*="assets/site."]').length === 1`)
	if !js[bool](t, ctx, `window.__mark === 2`) {
		t.Error("the page reloaded for CSS-only changes")
	}

	// 3. Breaking the build shows every error in an overlay.
	overlay := `(document.getElementById("__counterpoint-overlay")?.shadowRoot?.textContent || "")`
	writeFile(t, dir, "content/demands/alpha.md", longDemand("Alpha", "Broken: [[no-such-page]] and [[another-missing]]."))
	until(t, ctx, "the error overlay", overlay+`.includes("content/demands/alpha.md:8:9: unknown link target [[no-such-page]]")`)
	if !js[bool](t, ctx, overlay+`.includes("[[another-missing]]") && `+overlay+`.includes("2 errors")`) {
		t.Errorf("overlay lacks an error: %q", js[string](t, ctx, overlay))
	}
	// Styled under the pages' Content-Security-Policy, which allows no inline style.
	if got := js[string](t, ctx, `getComputedStyle(document.getElementById("__counterpoint-overlay").shadowRoot.querySelector(".box")).position`); got != "fixed" {
		t.Errorf("the overlay is not styled: position %q, want fixed", got)
	}
	if !js[bool](t, ctx, `document.body.textContent.includes("Second text.")`) {
		t.Error("the last good page is gone while the build is broken")
	}
	// A page opened while the build is broken shows the overlay too.
	if err := chromedp.Do(ctx, chromedp.Navigate(s.url), chromedp.WaitReady(chromedp.CSS("body"))); err != nil {
		t.Fatal(err)
	}
	until(t, ctx, "the overlay on a page opened while broken", overlay+`.includes("unknown link target")`)

	// 4. Fixing it takes the overlay away.
	if err := chromedp.Do(ctx, chromedp.Navigate(s.url+"demands/alpha/"), chromedp.WaitReady(chromedp.CSS("body"))); err != nil {
		t.Fatal(err)
	}
	until(t, ctx, "the overlay after navigating", overlay+`.includes("unknown link target")`)
	st.wait(t, ctx)
	writeFile(t, dir, "content/demands/alpha.md", longDemand("Alpha", "Fixed text."))
	until(t, ctx, "the fix to appear", `document.body.textContent.includes("Fixed text.")`)
	until(t, ctx, "the overlay to go", `document.getElementById("__counterpoint-overlay") === null`)
	// The text and the missing overlay show before the reloaded page's
	// scripts have run; stopping the server then would leave it without
	// reload.js, never to reload again.
	st.wait(t, ctx)

	// 5. A restarted server: the page reconnects, sees another build and
	// reloads.
	js[any](t, ctx, `window.__mark = 5`)
	s.stop()
	writeFile(t, dir, "content/demands/alpha.md", longDemand("Alpha", "Text after a restart."))
	s2 := startServe(t, dir, "--addr", strings.TrimPrefix(s.origin, "http://"))
	if s2.origin != s.origin {
		t.Fatalf("restarted on %s, not %s", s2.origin, s.origin)
	}
	until(t, ctx, "the page to reload from the new server", `document.body.textContent.includes("Text after a restart.") && window.__mark === undefined`)
}
