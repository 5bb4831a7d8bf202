package browsertest

import (
	"context"
	"fmt"
	"github.com/counterpoint-ssg/counterpoint/internal/chromium"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// Known pages of the repository's site that the browser tests visit.
const (
	demandPage  = "/demands/no-nato-expansion/"
	counterPage = "/counterpositions/right-to-choose-alliances/"
)

// browser starts headless Chromium with a fresh profile for one test and
// returns a tab context.
func browser(t *testing.T) context.Context {
	t.Helper()
	return chromium.Start(t, 1280, 900, 150*time.Second)
}

// console collects what a page reports as an error: console.error
// calls, uncaught exceptions, and browser log entries at error level
// (failed loads, CSP violations).
type console struct {
	mu   sync.Mutex
	errs []string
}

func listen(ctx context.Context) *console {
	c := &console{}
	msgs := chromedp.Console(ctx)
	go func() {
		for m, err := range msgs {
			if err != nil {
				return
			}
			if m.Type == chromedp.ConsoleError || m.Type == chromedp.ConsoleException {
				c.mu.Lock()
				c.errs = append(c.errs, m.String()+" "+m.URL)
				c.mu.Unlock()
			}
		}
	}()
	return c
}

func (c *console) take() []string {
	c.mu.Lock()
	defer c.mu.Unlock()
	out := c.errs
	c.errs = nil
	return out
}

func run(t *testing.T, ctx context.Context, steps ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	if err := chromedp.Do(ctx, steps...); err != nil {
		t.Fatal(err)
	}
}

// emulate sets the colour scheme the page sees through prefers-color-scheme.
func emulate(t *testing.T, ctx context.Context, scheme string) {
	t.Helper()
	_, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
		Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: scheme}},
	})
	if err != nil {
		t.Fatal(err)
	}
}

// waitFor polls a JavaScript condition until it is true.
func waitFor(t *testing.T, ctx context.Context, what, js string) {
	t.Helper()
	deadline := time.Now().Add(2 * time.Minute) // generous: the machine may be busy
	for {
		ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool]("!!("+js+")"))
		if err != nil {
			t.Fatalf("waiting for %s: %v", what, err)
		}
		if ok {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s (%s)", what, js)
		}
		time.Sleep(25 * time.Millisecond)
	}
}

func eval[T any](t *testing.T, ctx context.Context, js string) T {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](js))
	if err != nil {
		t.Fatalf("%s: %v", js, err)
	}
	return v
}

// TestPagesLoadWithoutErrors visits every built page, and a missing
// address, and fails on any console error, uncaught exception, failed
// load or CSP violation.
func TestPagesLoadWithoutErrors(t *testing.T) {
	ctx := browser(t)
	srv := serve(t)
	c := listen(ctx)
	var paths []string
	for name := range builtSite(t).Files {
		if strings.HasSuffix(name, ".html") && name != "404.html" {
			paths = append(paths, siteURL(name))
		}
	}
	slices.Sort(paths)
	paths = append(paths, "/no/such/page/", "/search/?q=nato", "/timeline/?demand=no-nato-expansion")
	for _, p := range paths {
		run(t, ctx, chromedp.Navigate(srv.URL+p), chromedp.WaitReady(chromedp.CSS("body")))
		// Let deferred scripts and the lazy index settle.
		run(t, ctx, chromedp.Sleep(30*time.Millisecond))
		for _, e := range c.take() {
			if p == "/no/such/page/" && strings.Contains(e, "404") && strings.Contains(e, "/no/such/page/") {
				continue // the 404 status of the page itself
			}
			t.Errorf("%s: %s", p, e)
		}
	}
	// The search page runs a query from ?q= without being asked.
	run(t, ctx, chromedp.Navigate(srv.URL+"/search/?q=nato"))
	waitFor(t, ctx, "search page results", `document.querySelectorAll("#search-results li").length > 0`)
	// The timeline filter narrows the events to one demand.
	run(t, ctx, chromedp.Navigate(srv.URL+"/timeline/?demand=no-nato-expansion"))
	waitFor(t, ctx, "timeline filter", `!document.querySelector(".timeline-filter").hidden && document.querySelectorAll(".event[hidden]").length > 0`)
	for _, e := range c.take() {
		t.Error(e)
	}
}

// hover moves the mouse to the middle of the first element matching sel.
func hover(t *testing.T, ctx context.Context, sel string) {
	t.Helper()
	box := eval[[]float64](t, ctx, fmt.Sprintf(`(() => {
		const e = document.querySelector(%q);
		e.scrollIntoView({block: "center"});
		const r = e.getClientRects()[0];
		return [r.left + r.width / 2, r.top + r.height / 2];
	})()`, sel))
	run(t, ctx, chromedp.MouseEvent(chromedp.MouseMoved, box[0]-40, box[1]-40), chromedp.MouseEvent(chromedp.MouseMoved, box[0], box[1]))
}

// TestLinkPreview hovers and focuses internal links and expects the
// popover with the target's title and summary; Escape closes it.
func TestLinkPreview(t *testing.T) {
	ctx := browser(t)
	srv := serve(t)
	run(t, ctx, chromedp.Navigate(srv.URL+demandPage), chromedp.WaitReady(chromedp.CSS("body")))

	// Hover: a link in the text to a counterposition.
	sel := `main .prose a[href$="/counterpositions/right-to-choose-alliances/"]`
	hover(t, ctx, sel)
	waitFor(t, ctx, "preview on hover", `(() => { const p = document.querySelector(".preview"); return !!p && !p.hidden && p.textContent.includes("Every state may choose its alliances") && p.textContent.includes("United States and NATO"); })()`)
	if got := eval[string](t, ctx, `document.querySelector(`+fmt.Sprintf("%q", sel)+`).getAttribute("aria-describedby") || ""`); got != "cp_preview" {
		t.Errorf("hovered link: aria-describedby = %q, want cp_preview", got)
	}
	run(t, ctx, chromedp.MouseEvent(chromedp.MouseMoved, 5, 5))
	waitFor(t, ctx, "preview to close when the pointer leaves", `document.querySelector(".preview").hidden`)

	// Hover a glossary term: the short definition, and no native tooltip on top.
	hover(t, ctx, `main .prose a.term[href$="#nato"]`)
	waitFor(t, ctx, "term preview", `(() => { const p = document.querySelector(".preview"); return !p.hidden && p.textContent.includes("North Atlantic Treaty Organization, a military alliance"); })()`)
	if eval[bool](t, ctx, `document.querySelector('main .prose a.term[href$="#nato"]').hasAttribute("title")`) {
		t.Error("the title attribute should be set aside while the preview shows")
	}
	run(t, ctx, chromedp.MouseEvent(chromedp.MouseMoved, 5, 5))
	waitFor(t, ctx, "term preview to close", `document.querySelector(".preview").hidden && document.querySelector('main .prose a.term[href$="#nato"]').hasAttribute("title")`)

	// Keyboard focus: Tab from the link before it.
	eval[bool](t, ctx, `document.querySelector('main .prose a[href$="/actors/vladimir-putin/"]').focus(), true`)
	run(t, ctx, chromedp.KeyEvent(kb.Tab))
	waitFor(t, ctx, "preview on keyboard focus", `(() => { const p = document.querySelector(".preview"); const a = document.activeElement; return !p.hidden && a.getAttribute("aria-describedby") === "cp_preview" && p.textContent.length > 20; })()`)
	run(t, ctx, chromedp.KeyEvent(kb.Escape))
	waitFor(t, ctx, "Escape to close the preview", `document.querySelector(".preview").hidden`)

	// Previews never block navigation: a click still follows the link.
	run(t, ctx, chromedp.Click(chromedp.CSS(sel)))
	waitFor(t, ctx, "navigation", `location.pathname === "/counterpositions/right-to-choose-alliances/"`)
}

// TestSearch types into the header's search box, expects a known term
// among the suggestions, and opens it with Enter; arrows move the choice.
func TestSearch(t *testing.T) {
	ctx := browser(t)
	srv := serve(t)
	run(t, ctx, chromedp.Navigate(srv.URL+"/"), chromedp.WaitReady(chromedp.CSS("body")))
	run(t, ctx, chromedp.SendKeys(chromedp.ID("q"), "msta"))
	waitFor(t, ctx, "suggestions", `(() => { const o = document.querySelector("#q_list [role=option]"); return !!o && o.textContent.includes("Msta-S"); })()`)
	if got := eval[string](t, ctx, `document.getElementById("q").getAttribute("aria-expanded")`); got != "true" {
		t.Errorf("aria-expanded = %q with suggestions open", got)
	}
	run(t, ctx, chromedp.KeyEvent(kb.Enter))
	waitFor(t, ctx, "Enter to open the term", `location.pathname === "/glossary/" && location.hash === "#msta-s"`)

	// Arrow keys choose, Enter opens the chosen one.
	run(t, ctx, chromedp.Navigate(srv.URL+"/"), chromedp.WaitReady(chromedp.CSS("body")))
	run(t, ctx, chromedp.SendKeys(chromedp.ID("q"), "indivisib"))
	waitFor(t, ctx, "two or more suggestions", `document.querySelectorAll("#q_list [role=option]").length >= 2`)
	run(t, ctx, chromedp.KeyEvent(kb.ArrowDown), chromedp.KeyEvent(kb.ArrowDown))
	want := eval[string](t, ctx, `document.getElementById(document.getElementById("q").getAttribute("aria-activedescendant")).querySelector(".r-title").textContent`)
	if want == "" {
		t.Fatal("no active option after ArrowDown")
	}
	run(t, ctx, chromedp.KeyEvent(kb.Enter))
	waitFor(t, ctx, "the chosen result to open", `location.pathname !== "/" && document.readyState === "complete"`)
	title := eval[string](t, ctx, `document.title + " " + (location.hash ? document.getElementById(location.hash.slice(1)).textContent : "")`)
	if !strings.Contains(title, want) {
		t.Errorf("opened %q, want the chosen %q", title, want)
	}

	// Without JavaScript's help the form still goes to /search/.
	run(t, ctx, chromedp.Navigate(srv.URL+"/search/?q=Lavrov"), chromedp.WaitReady(chromedp.CSS("body")))
	waitFor(t, ctx, "search page results", `document.querySelector("#search-results a") && document.querySelector("#search-results a").textContent.includes("Lavrov")`)
}

// TestThemeToggle switches the scheme and expects the choice to survive
// a reload, set before the first paint by the script in <head>.
func TestThemeToggle(t *testing.T) {
	ctx := browser(t)
	srv := serve(t)
	emulate(t, ctx, "light")
	run(t, ctx, chromedp.Navigate(srv.URL+"/"), chromedp.WaitVisible(chromedp.CSS(".theme-toggle")))
	bg := func() string {
		return eval[string](t, ctx, `getComputedStyle(document.body).backgroundColor`)
	}
	light := bg()
	if got := eval[string](t, ctx, `document.querySelector(".theme-toggle").getAttribute("aria-pressed")`); got != "false" {
		t.Errorf("aria-pressed = %q in the light scheme", got)
	}
	run(t, ctx, chromedp.Click(chromedp.CSS(".theme-toggle")))
	if got := eval[string](t, ctx, `document.documentElement.dataset.theme`); got != "dark" {
		t.Fatalf("data-theme = %q after the toggle", got)
	}
	dark := bg()
	if dark == light {
		t.Errorf("background %s did not change with the theme", dark)
	}
	run(t, ctx, chromedp.Reload(), chromedp.WaitReady(chromedp.CSS("body")))
	if got := eval[string](t, ctx, `document.documentElement.dataset.theme + " " + localStorage.getItem("theme")`); got != "dark dark" {
		t.Errorf("after reload: data-theme, stored = %q, want dark dark", got)
	}
	if got := bg(); got != dark {
		t.Errorf("after reload the background is %s, want %s", got, dark)
	}
	if got := eval[string](t, ctx, `document.querySelector(".theme-toggle").getAttribute("aria-pressed")`); got != "true" {
		t.Errorf("aria-pressed = %q in the dark scheme", got)
	}
	// The choice applies across pages, and toggling back works.
	run(t, ctx, chromedp.Navigate(srv.URL+demandPage), chromedp.WaitVisible(chromedp.CSS(".theme-toggle")))
	if got := bg(); got != dark {
		t.Errorf("another page: background %s, want %s", got, dark)
	}
	run(t, ctx, chromedp.Click(chromedp.CSS(".theme-toggle")), chromedp.Reload(), chromedp.WaitReady(chromedp.CSS("body")))
	if got := bg(); got != light {
		t.Errorf("toggled back: background %s, want %s", got, light)
	}
}

// TestKeyboardNavigation tabs through the home page: the skip link comes
// first and works, and Tab alone reaches every link of the matrix.
func TestKeyboardNavigation(t *testing.T) {
	ctx := browser(t)
	srv := serve(t)
	run(t, ctx, chromedp.Navigate(srv.URL+"/"), chromedp.WaitReady(chromedp.CSS("body")))
	run(t, ctx, chromedp.KeyEvent(kb.Tab))
	if got := eval[string](t, ctx, `document.activeElement.className`); got != "skip-link" {
		t.Fatalf("first Tab stop is %q, want the skip link", got)
	}
	if !eval[bool](t, ctx, `(() => { const r = document.activeElement.getBoundingClientRect(); return r.top >= 0 && r.height > 0; })()`) {
		t.Error("the focused skip link is not visible")
	}
	want := eval[[]string](t, ctx, `[...document.querySelectorAll(".matrix a")].map(a => a.getAttribute("href"))`)
	if len(want) < 6 {
		t.Fatalf("only %d links in the matrix", len(want))
	}
	reached := map[string]bool{}
	for i := 0; i < 80 && len(reached) < len(want); i++ {
		run(t, ctx, chromedp.KeyEvent(kb.Tab))
		type focused struct {
			InMatrix bool   `json:"m"`
			Href     string `json:"h"`
			Outline  string `json:"o"`
			Shadow   string `json:"s"`
		}
		info := eval[focused](t, ctx, `(() => { const a = document.activeElement, s = getComputedStyle(a); return {m: !!a.closest(".matrix"), h: a.getAttribute("href") || "", o: s.outlineStyle, s: s.boxShadow}; })()`)
		if info.InMatrix {
			reached[info.Href] = true
			if info.Shadow == "none" && info.Outline == "none" {
				t.Errorf("focused matrix link %s has no visible focus style", info.Href)
			}
		}
	}
	for _, h := range want {
		if !reached[h] {
			t.Errorf("Tab never reached the matrix link %s", h)
		}
	}
	// Enter on a focused matrix link follows it.
	run(t, ctx, chromedp.KeyEvent(kb.Enter))
	waitFor(t, ctx, "Enter to follow the focused link", `location.pathname !== "/"`)
}
