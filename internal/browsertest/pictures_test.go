package browsertest

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/emulation"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// screenshotDir is where screenshots go (see TestScreenshots).
func screenshotDir(t *testing.T) string {
	dir := os.Getenv("COUNTERPOINT_SCREENSHOTS")
	if dir == "" {
		dir = filepath.Join(repoRoot(t), "screenshots")
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	return dir
}

// TestTimeStrip checks the time strip atop /timeline/: every mark is a
// link to an entry that exists on the page, Tab reaches every mark in
// date order with a visible focus style, and the page logs no errors.
// It writes screenshots of the strip at 390 and 1280 px in both schemes.
func TestTimeStrip(t *testing.T) {
	ctx := browser(t)
	srv := serve(t)
	con := listen(ctx)
	dir := screenshotDir(t)
	for _, scheme := range []string{"light", "dark"} {
		emulate(t, ctx, scheme)
		for _, w := range []int64{390, 1280} {
			run(t, ctx, viewport(w, 900), chromedp.Navigate(srv.URL+"/timeline/"), chromedp.WaitReady(chromedp.CSS(".timestrip")))
			png, err := chromedp.Run(ctx, chromedp.Screenshot(chromedp.CSS(".timestrip")))
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(dir, "timestrip-"+itoa(w)+"-"+scheme+".png"), png, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	run(t, ctx, chromedp.EmulateViewport(1280, 900), chromedp.Navigate(srv.URL+"/timeline/"), chromedp.WaitReady(chromedp.CSS(".timestrip")))
	marks := eval[[]string](t, ctx, `[...document.querySelectorAll(".timestrip a")].map(a => a.getAttribute("href"))`)
	events := eval[int](t, ctx, `document.querySelectorAll("li.event").length`)
	if len(marks) != events || events == 0 {
		t.Fatalf("%d marks for %d events", len(marks), events)
	}
	missing := eval[[]string](t, ctx, `[...document.querySelectorAll(".timestrip a")].map(a => a.getAttribute("href")).filter(h => !h.startsWith("#") || !document.getElementById(h.slice(1))?.matches("li.event"))`)
	for _, h := range missing {
		t.Errorf("mark %s links to no event on the page", h)
	}
	if n := eval[int](t, ctx, `[...document.querySelectorAll(".timestrip a")].filter(a => !a.getAttribute("aria-label") || !a.querySelector("rect")).length`); n > 0 {
		t.Errorf("%d marks without a name or a shape", n)
	}
	// Tab from the element before the strip reaches every mark in order.
	run(t, ctx, chromedp.Evaluate[chromedp.Void](`(() => { const b = document.createElement("button"); b.id = "before-strip"; b.textContent = "x"; document.querySelector(".timestrip").before(b); b.focus(); })()`))
	var order []string
	for range len(marks) + 1 {
		run(t, ctx, chromedp.KeyEvent(kb.Tab))
		type focused struct {
			In     bool   `json:"in"`
			Href   string `json:"h"`
			Stroke string `json:"s"`
			Fill   string `json:"f"`
		}
		f := eval[focused](t, ctx, `(() => { const a = document.activeElement, r = a.querySelector("rect"), s = r ? getComputedStyle(r) : null; return {in: !!a.closest(".timestrip"), h: a.getAttribute("href") || "", s: s ? s.strokeWidth : "", f: s ? s.fill : ""}; })()`)
		if !f.In {
			break
		}
		order = append(order, f.Href)
		if f.Stroke != "3px" || f.Fill != "rgb(255, 221, 0)" {
			t.Errorf("focused mark %s: stroke %s, fill %s; want the focus colours", f.Href, f.Stroke, f.Fill)
		}
	}
	if len(order) != len(marks) {
		t.Fatalf("Tab reached %d of %d marks", len(order), len(marks))
	}
	for i := range order {
		if order[i] != marks[i] {
			t.Errorf("Tab stop %d is %s, want %s", i, order[i], marks[i])
		}
	}
	run(t, ctx, chromedp.Evaluate[chromedp.Void](`[...document.querySelectorAll(".timestrip a")].pop().focus()`), chromedp.KeyEvent(kb.Enter))
	waitFor(t, ctx, "Enter on the last mark to go to its entry", `location.hash === `+jsString(marks[len(marks)-1]))
	if n := eval[int](t, ctx, `document.querySelectorAll(".timestrip-svg svg[role=img] > title, .timestrip-svg svg[role=img] > desc").length`); n != 2 {
		t.Errorf("the strip's picture has %d of its <title> and <desc>", n)
	}
	// In print, black on white, in the dark scheme too.
	emulate(t, ctx, "dark")
	if _, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: "print"}); err != nil {
		t.Fatal(err)
	}
	colours := eval[[]string](t, ctx, `[...new Set([...document.querySelectorAll(".timestrip .mark, .timestrip .tick-label, .timestrip-band, .timestrip-axis, .timestrip-shade")].map(e => { const s = getComputedStyle(e); return e.getAttribute("class") + " fill " + s.fill + " stroke " + s.stroke; }))]`)
	for _, c := range colours {
		for _, part := range strings.SplitAfter(c, ")") {
			if strings.Contains(part, "rgb(") && !strings.Contains(part, "rgb(0, 0, 0)") && !strings.Contains(part, "rgb(255, 255, 255)") {
				t.Errorf("in print, %s: not black on white", c)
				break
			}
		}
	}
	if len(colours) < 5 {
		t.Errorf("in print, only %d kinds of element in the strip: %q", len(colours), colours)
	}
	if _, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: ""}); err != nil {
		t.Fatal(err)
	}
	for _, e := range con.take() {
		t.Errorf("console: %s", e)
	}
}

func jsString(s string) string {
	b := []byte{'"'}
	for _, r := range s {
		if r == '"' || r == '\\' {
			b = append(b, '\\')
		}
		b = append(b, string(r)...)
	}
	return string(append(b, '"'))
}

// TestTableOfContents checks the contents of a page with three or more
// sections: folded at the top at 390 px, open in the side panel at
// 1280 px, each link going to its heading. It writes screenshots.
func TestTableOfContents(t *testing.T) {
	ctx := browser(t)
	srv := serve(t)
	con := listen(ctx)
	dir := screenshotDir(t)
	for _, scheme := range []string{"light", "dark"} {
		emulate(t, ctx, scheme)
		for _, w := range []int64{390, 1280} {
			run(t, ctx, viewport(w, 900), chromedp.Navigate(srv.URL+demandPage), chromedp.WaitReady(chromedp.CSS(".toc")))
			png, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(dir, "toc-"+itoa(w)+"-"+scheme+".png"), png, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	type place struct {
		Links      int  `json:"n"`
		Shown      int  `json:"shown"`
		Summary    bool `json:"summary"`
		AboveMain  bool `json:"above"`
		BesideMain bool `json:"beside"`
	}
	where := `(() => {
		const toc = document.querySelector(".toc"), main = document.querySelector(".main-col");
		const links = [...toc.querySelectorAll("ol a")], t = toc.getBoundingClientRect(), m = main.getBoundingClientRect();
		return {n: links.length, shown: links.filter(a => a.checkVisibility()).length,
			summary: toc.querySelector("summary").checkVisibility(),
			above: t.bottom <= m.top + 1, beside: t.left >= m.right && t.top < m.top + 50};
	})()`
	run(t, ctx, chromedp.EmulateViewport(390, 844, chromedp.EmulateMobile), chromedp.Navigate(srv.URL+demandPage), chromedp.WaitReady(chromedp.CSS(".toc")))
	p := eval[place](t, ctx, where)
	if p.Links < 3 || p.Shown != 0 || !p.Summary || !p.AboveMain {
		t.Errorf("at 390 px: %+v; want at least 3 links, folded (none shown) under a summary above the text", p)
	}
	run(t, ctx, chromedp.Click(chromedp.CSS(".toc summary")))
	waitFor(t, ctx, "the contents to unfold", `[...document.querySelectorAll(".toc ol a")].every(a => a.checkVisibility())`)

	run(t, ctx, chromedp.EmulateViewport(1280, 900), chromedp.Navigate(srv.URL+demandPage), chromedp.WaitReady(chromedp.CSS(".toc")))
	p = eval[place](t, ctx, where)
	if p.Shown != p.Links || p.Summary || !p.BesideMain {
		t.Errorf("at 1280 px: %+v; want every link shown, no summary, in the side panel beside the text", p)
	}
	hrefs := eval[[]string](t, ctx, `[...document.querySelectorAll(".toc ol a")].map(a => a.getAttribute("href"))`)
	for i, h := range hrefs {
		run(t, ctx, chromedp.Click(chromedp.CSS(".toc li:nth-child("+itoa(int64(i+1))+") a")))
		waitFor(t, ctx, "the link to "+h, `location.hash === `+jsString(h))
		if !eval[bool](t, ctx, `(() => { const h = document.getElementById(`+jsString(h[1:])+`); return !!h && h.tagName === "H2" && h.closest(".prose") !== null && Math.abs(h.getBoundingClientRect().top) < 40; })()`) {
			t.Errorf("%s does not bring its h2 in the text to the top", h)
		}
	}
	for _, e := range con.take() {
		t.Errorf("console: %s", e)
	}
}
