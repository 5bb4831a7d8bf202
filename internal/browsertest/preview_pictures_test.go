package browsertest

import (
	"fmt"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// TestLinkPreviewOnPictures: the links of the inline SVG pictures (the
// relationship map on the home page and /map/, a demand's neighbourhood,
// the time strip) are SVG <a> elements, whose href is no string; they get
// the preview of the page they lead to all the same, on hover and on
// keyboard focus, placed against the box hovered, with no console error.
func TestLinkPreviewOnPictures(t *testing.T) {
	ctx := browser(t)
	srv := serve(t)
	con := listen(ctx)
	titles := map[string]string{}
	for _, p := range builtSite(t).Site.All {
		titles[p.URL] = p.Title
	}
	for _, tt := range []struct{ page, sel string }{
		{"/", `svg.map-svg a[href$="` + counterPage + `"]`},
		{"/map/", `svg.map-svg a[href$="` + demandPage + `"]`},
		{demandPage, `svg.map-svg a[href$="` + counterPage + `"]`},
		{demandPage, `svg.map-svg a.map-event`},
		{"/timeline/", `.timestrip a[href^="#"]`},
	} {
		where := tt.page + " " + tt.sel
		run(t, ctx, chromedp.Navigate(srv.URL+tt.page), chromedp.WaitReady(chromedp.CSS("body")))
		href := eval[string](t, ctx, fmt.Sprintf(`(() => { const a = document.querySelector(%q); return a ? new URL(a.getAttribute("href"), location.href).pathname + new URL(a.getAttribute("href"), location.href).hash : ""; })()`, tt.sel))
		want := titles[href]
		if want == "" {
			t.Fatalf("%s: no such link, or it leads to %q, no page of the site", where, href)
		}
		shows := fmt.Sprintf(`(() => { const p = document.querySelector(".preview"); return !!p && !p.hidden && p.querySelector(".p-title").textContent === %s && document.querySelector(%q).getAttribute("aria-describedby") === "cp_preview"; })()`, jsString(want), tt.sel)

		// Hover: the pointer on the box.
		box := eval[[]float64](t, ctx, fmt.Sprintf(`(() => {
			const e = document.querySelector(%q);
			e.scrollIntoView({block: "center", inline: "center"});
			const r = e.getBoundingClientRect();
			return [r.left + r.width / 2, r.top + r.height / 2];
		})()`, tt.sel))
		run(t, ctx, chromedp.MouseEvent(chromedp.MouseMoved, 2, 2), chromedp.MouseEvent(chromedp.MouseMoved, box[0], box[1]))
		waitFor(t, ctx, where+": preview of "+want+" on hover", shows)
		if bad := eval[string](t, ctx, placedBeside(tt.sel)); bad != "" {
			t.Errorf("%s: %s", where, bad)
		}
		run(t, ctx, chromedp.MouseEvent(chromedp.MouseMoved, 2, 2))
		waitFor(t, ctx, where+": preview to close when the pointer leaves", `document.querySelector(".preview").hidden`)

		// Keyboard focus, then Escape.
		eval[bool](t, ctx, fmt.Sprintf(`document.querySelector(%q).focus(), true`, tt.sel))
		waitFor(t, ctx, where+": preview of "+want+" on focus", shows)
		if bad := eval[string](t, ctx, placedBeside(tt.sel)); bad != "" {
			t.Errorf("%s, focused: %s", where, bad)
		}
		run(t, ctx, chromedp.KeyEvent(kb.Escape))
		waitFor(t, ctx, where+": Escape to close the preview", `document.querySelector(".preview").hidden`)
		for _, e := range con.take() {
			t.Errorf("%s: %s", where, e)
		}
	}
}

// placedBeside is JavaScript that says what is wrong with where the
// preview sits ("" for nothing): it must be inside the window's width,
// just under or just over the link's box, and overlap it across.
func placedBeside(sel string) string {
	return fmt.Sprintf(`(() => {
		const a = document.querySelector(%q).getBoundingClientRect(), p = document.querySelector(".preview").getBoundingClientRect();
		const f = r => Math.round(r.left) + "," + Math.round(r.top) + " " + Math.round(r.width) + "x" + Math.round(r.height);
		const out = [];
		if (p.left < 0 || p.right > document.documentElement.clientWidth) out.push("outside the window's width");
		const below = p.top >= a.bottom - 1 && p.top <= a.bottom + 20, above = p.bottom <= a.top + 1 && p.bottom >= a.top - 20;
		if (!below && !above) out.push("neither just under nor just over the link");
		if (p.left > a.right || p.right < a.left) out.push("beside the link, not across it");
		return out.length ? "preview at " + f(p) + " for a link at " + f(a) + ": " + out.join(", ") : "";
	})()`, sel)
}
