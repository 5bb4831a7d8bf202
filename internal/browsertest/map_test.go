package browsertest

import (
	"net/http"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// mapPages are the pages with a picture drawn by the build.
var mapPages = []string{"/", "/map/", demandPage}

// TestMapLinksAndFocus checks the relationship map and a demand's
// neighbourhood at phone and desktop widths: every box that is a link
// leads to a page that answers 200 (or an anchor on the page), Tab
// reaches every link of the picture in order, each shows the focus
// colour when focused, and every label fits its box as the browser sets
// it (the build only estimates text widths).
func TestMapLinksAndFocus(t *testing.T) {
	ctx := browser(t)
	srv := serve(t)
	for _, w := range []int64{390, 1280} {
		run(t, ctx, viewport(w, 900))
		for _, p := range mapPages {
			where := p + " at " + itoa(w) + " px"
			run(t, ctx, chromedp.Navigate(srv.URL+p), chromedp.WaitReady(chromedp.CSS("body")))
			links := eval[[]string](t, ctx, `[...document.querySelectorAll("svg.map-svg a")].filter(a => a.getBoundingClientRect().width > 0).map(a => new URL(a.getAttribute("href"), location.href).href)`)
			if len(links) < 3 {
				t.Fatalf("%s: %d links in the picture", where, len(links))
			}
			for _, u := range links {
				if base, frag, ok := strings.Cut(u, "#"); ok && base == srv.URL+p {
					if !eval[bool](t, ctx, `!!document.getElementById(`+quote(frag)+`)`) {
						t.Errorf("%s: a box links to #%s, which is not on the page", where, frag)
					}
					continue
				}
				resp, err := http.Get(u)
				if err != nil {
					t.Fatal(err)
				}
				resp.Body.Close()
				if resp.StatusCode != 200 {
					t.Errorf("%s: a box links to %s: %s", where, u, resp.Status)
				}
			}
			// Focus what comes just before the picture, then Tab through it.
			eval[bool](t, ctx, `(() => {
				const vis = e => e.getBoundingClientRect().width > 0 && e.tabIndex >= 0;
				const all = [...document.querySelectorAll("a[href], button, input, select, textarea")].filter(vis);
				const first = all.findIndex(e => e.closest("svg.map-svg"));
				all[first - 1].focus();
				return true;
			})()`)
			for k := range links {
				run(t, ctx, chromedp.KeyEvent(kb.Tab))
				type focused struct {
					Href string `json:"h"`
					Fill string `json:"f"`
					Ring string `json:"r"`
				}
				f := eval[focused](t, ctx, `(() => {
					const a = document.activeElement, r = a.querySelector && a.querySelector("rect");
					const ring = getComputedStyle(document.documentElement).getPropertyValue("--focus").trim();
					const probe = document.createElement("i"); probe.style.color = ring; document.body.append(probe);
					const want = getComputedStyle(probe).color; probe.remove();
					return {h: a.closest("svg.map-svg") ? new URL(a.getAttribute("href"), location.href).href : "(outside) " + a.outerHTML.slice(0, 60), f: r ? getComputedStyle(r).fill : "", r: want};
				})()`)
				if f.Href != links[k] {
					t.Errorf("%s: Tab %d reached %s, want %s", where, k+1, f.Href, links[k])
					break
				}
				if f.Fill != f.Ring {
					t.Errorf("%s: focused box %s is filled %s, not the focus colour %s", where, f.Href, f.Fill, f.Ring)
				}
			}
			overflow := eval[[]string](t, ctx, `[...document.querySelectorAll("svg.map-svg .map-node")].filter(g => g.getBoundingClientRect().width > 0).flatMap(g => {
				const r = g.querySelector("rect").getBBox(), b = g.querySelector("text").getBBox();
				return b.x >= r.x && b.x + b.width <= r.x + r.width && b.y >= r.y && b.y + b.height <= r.y + r.height ? [] : [g.textContent + ": text " + Math.round(b.width) + "x" + Math.round(b.height) + " in box " + r.width + "x" + r.height];
			})`)
			for _, o := range overflow {
				t.Errorf("%s: a label overflows its box: %s", where, o)
			}
		}
	}
}

// TestMapContrast: every label of the pictures, on its box or on the
// page, has a contrast of 4.5:1 at least, in both colour schemes (axe
// does not measure text inside SVG).
func TestMapContrast(t *testing.T) {
	ctx := browser(t)
	srv := serve(t)
	for _, scheme := range []string{"light", "dark"} {
		emulate(t, ctx, scheme)
		for _, w := range []int64{390, 1280} {
			run(t, ctx, chromedp.EmulateViewport(w, 900))
			for _, p := range mapPages {
				run(t, ctx, chromedp.Navigate(srv.URL+p), chromedp.WaitReady(chromedp.CSS("body")))
				low := eval[[]string](t, ctx, `(() => {
					const rgb = c => (c.match(/[\d.]+/g) || []).slice(0, 3).map(Number);
					const lum = c => { const v = rgb(c).map(x => { x /= 255; return x <= 0.03928 ? x / 12.92 : ((x + 0.055) / 1.055) ** 2.4; }); return 0.2126 * v[0] + 0.7152 * v[1] + 0.0722 * v[2]; };
					let page = getComputedStyle(document.body).backgroundColor;
					if (page === "rgba(0, 0, 0, 0)") page = getComputedStyle(document.documentElement).backgroundColor;
					const out = [];
					for (const t of document.querySelectorAll("svg.map-svg text")) {
						if (!t.getBoundingClientRect().width) continue;
						const r = t.parentNode.closest(".map-node") && t.parentNode.querySelector("rect");
						const bg = r ? getComputedStyle(r).fill : page, fg = getComputedStyle(t).fill;
						const a = lum(fg), b = lum(bg), ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
						if (ratio < 4.5) out.push(t.textContent + ": " + fg + " on " + bg + " = " + ratio.toFixed(2));
					}
					return out;
				})()`)
				for _, l := range low {
					t.Errorf("%s, %s, %d px: low contrast: %s", p, scheme, w, l)
				}
			}
		}
	}
}

// TestMapPrint: printed, the pictures are black on white.
func TestMapPrint(t *testing.T) {
	ctx := browser(t)
	srv := serve(t)
	emulate(t, ctx, "dark")
	if _, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: "print"}); err != nil {
		t.Fatal(err)
	}
	for _, p := range mapPages {
		run(t, ctx, chromedp.Navigate(srv.URL+p), chromedp.WaitReady(chromedp.CSS("body")))
		wrong := eval[[]string](t, ctx, `(() => {
			const out = [], black = "rgb(0, 0, 0)", white = "rgb(255, 255, 255)";
			for (const e of document.querySelectorAll("svg.map-svg text")) if (getComputedStyle(e).fill !== black) out.push("text " + e.textContent + " is " + getComputedStyle(e).fill);
			for (const e of document.querySelectorAll("svg.map-svg rect")) { const s = getComputedStyle(e); if (s.fill !== white || s.stroke !== black) out.push("box " + s.fill + " edged " + s.stroke); }
			for (const e of document.querySelectorAll("svg.map-svg .map-edges")) if (getComputedStyle(e).stroke !== black) out.push("lines " + getComputedStyle(e).stroke);
			return out.slice(0, 5);
		})()`)
		for _, w := range wrong {
			t.Errorf("%s, printed: %s", p, w)
		}
	}
}

func quote(s string) string {
	return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(s) + `"`
}
