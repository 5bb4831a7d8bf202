package browsertest

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"hash/fnv"
	"html/template"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/counterpoint-ssg/counterpoint/internal/benchsite"
	"github.com/counterpoint-ssg/counterpoint/internal/build"
)

// siteJSPart cuts site.js from the line that starts with from to the one
// that starts with to.
func siteJSPart(t *testing.T, from, to string) string {
	t.Helper()
	src, err := os.ReadFile(filepath.Join(repoRoot(t), "internal", "assets", "defaults", "site.js"))
	if err != nil {
		t.Fatal(err)
	}
	js := string(src)
	i, j := strings.Index(js, from), strings.Index(js, to)
	if i < 0 || j < i {
		t.Fatalf("site.js: %q ... %q not found", from, to)
	}
	return js[i:j]
}

// TestPreviewKeyAndHashAsGo: for base paths that need care (Cyrillic,
// CJK, combining marks, spaces, percent signs, reserved characters), the
// key site.js makes of the link a page writes (the record's "u" through
// html/template into href) is the record's "u", byte for byte, and
// site.js's FNV-1a of it, and of raw non-ASCII text, is Go's.
func TestPreviewKeyAndHashAsGo(t *testing.T) {
	fn := siteJSPart(t, "  function fnv(s) {", "  function shard(key) {")
	var keys, hrefs []string
	tmpl := template.Must(template.New("a").Parse(`<a href="{{.}}">`))
	for _, base := range []string{"/", "/sub/dir/", "/сайт/", "/日本語/", "/cafe\u0301/", "/a b/", "/100%/", "/x'(y)*!~$&+,;=@:/", "/ёлка/Ёлка/"} {
		for _, p := range []string{"demands/dema-00001/", "glossary/#glos-00002", "timeline/#time-00003", ""} {
			u := (&url.URL{Path: base}).EscapedPath() + p
			var b bytes.Buffer
			if err := tmpl.Execute(&b, u); err != nil {
				t.Fatal(err)
			}
			keys = append(keys, u)
			hrefs = append(hrefs, b.String())
		}
	}
	raw := []string{"", "a", "/сайт/demands/x/", "/日本/#見出し", "😀/#🙂", "cafe\u0301", "%D1%81", "#", "/a b/?q"}
	ctx := browser(t)
	run(t, ctx, chromedp.Navigate("about:blank"))
	in, _ := json.Marshal(map[string][]string{"hrefs": hrefs, "raw": append(raw, keys...)})
	type result struct {
		Keys   []string `json:"keys"`
		Hashes []uint32 `json:"hashes"`
	}
	got := eval[result](t, ctx, `(() => {`+fn+`
		const in_ = `+string(in)+`;
		const keys = in_.hrefs.map(h => {
			const d = document.createElement("div");
			d.innerHTML = h;
			const u = new URL(d.firstChild.getAttribute("href"), "https://example.org/");
			return u.pathname + u.hash;
		});
		return {keys: keys, hashes: in_.raw.map(fnv)};
	})()`)
	for i, k := range keys {
		if got.Keys[i] != k {
			t.Errorf("link %s: key %q in the browser, record %q", hrefs[i], got.Keys[i], k)
		}
	}
	for i, s := range append(raw, keys...) {
		h := fnv.New32a()
		h.Write([]byte(s))
		if got.Hashes[i] != h.Sum32() {
			t.Errorf("fnv(%q) = %#x in site.js, %#x in Go", s, got.Hashes[i], h.Sum32())
		}
	}
}

var shardURL = regexp.MustCompile(`/previews/\d+\.json$`)

// TestLinkPreviewShards builds a large site (K > 1 shards) at the root
// and under a Cyrillic sub-path, and previews page, event, term and
// picture links on a demand page: each shows its record's title; the
// first fetches one shard of at most 24 KB; none fetches
// search-index.json, and none more than one shard.
func TestLinkPreviewShards(t *testing.T) {
	fsys := benchsite.Generate(2000)
	for _, base := range []string{"", "https://example.org/сайт/"} {
		t.Run("base="+base, func(t *testing.T) {
			res, err := build.Build(context.Background(), build.Inputs{FS: fsys, BaseURL: base})
			if err != nil {
				t.Fatal(err)
			}
			if res.Site.PreviewShards < 2 {
				t.Fatalf("%d preview shards, want a site large enough for 2 or more", res.Site.PreviewShards)
			}
			var recs []struct{ U, T string }
			if err := json.Unmarshal(res.Files["search-index.json"], &recs); err != nil {
				t.Fatal(err)
			}
			titles := map[string]string{}
			for _, r := range recs {
				titles[r.U] = r.T
			}
			prefix := ""
			if base != "" {
				u, _ := url.Parse(base)
				prefix = strings.TrimSuffix(u.Path, "/")
			}
			h := Handler(res.Files)
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Content-Security-Policy", csp)
				p, ok := strings.CutPrefix(r.URL.Path, prefix)
				if !ok {
					http.NotFound(w, r)
					return
				}
				r = r.Clone(r.Context())
				r.URL.Path, r.URL.RawPath = p, ""
				h.ServeHTTP(w, r)
			}))
			t.Cleanup(srv.Close)
			ctx := browser(t)
			con := listen(ctx)
			f := watchFetches(t, ctx)
			run(t, ctx, chromedp.Navigate(srv.URL+(&url.URL{Path: prefix}).EscapedPath()+"/demands/dema-00001/"), chromedp.WaitReady(chromedp.CSS("body")))
			waitFor(t, ctx, "site.js to run", `window.counterpoint`)
			if urls, _ := f.settle(t); len(urls) > 0 {
				t.Fatalf("fetched before any preview: %v", urls)
			}
			for i, sel := range []string{
				`main .prose a[href*="/counterpositions/"]`, `main .prose a[href*="/demands/"]`,
				`main .prose a[href*="/timeline/#"]`, `main svg a.map-event`, `main svg a.map-cp`, `main .prose a.term`,
			} {
				key := eval[string](t, ctx, fmt.Sprintf(`(() => { const a = document.querySelector(%q); if (!a) return ""; const u = new URL(a.getAttribute("href"), location.href); return u.pathname + u.hash; })()`, sel))
				want := titles[key]
				if want == "" {
					t.Fatalf("%s: no such link, or it leads to %q, no record", sel, key)
				}
				shows := fmt.Sprintf(`(() => { const p = document.querySelector(".preview"); return !!p && !p.hidden && document.querySelector(%q).getAttribute("aria-describedby") === "cp_preview" && p.querySelector(".p-title").textContent; })()`, sel)
				pointAt(t, ctx, sel)
				waitFor(t, ctx, sel+": preview on hover", shows)
				got := eval[string](t, ctx, shows)
				if strings.Contains(sel, ".term") {
					// A term link shows its own title attribute at once,
					// and its record's title only once its shard is in.
					want = eval[string](t, ctx, fmt.Sprintf(`document.querySelector(%q).textContent`, sel))
					if got != want && got != titles[key] {
						t.Errorf("%s: preview titled %q, want %q", sel, got, titles[key])
					}
				} else if got != want {
					t.Errorf("%s: preview titled %q, want %q", sel, got, want)
				}
				run(t, ctx, chromedp.MouseEvent(chromedp.MouseMoved, 2, 2))
				waitFor(t, ctx, sel+": preview to close", `document.querySelector(".preview").hidden`)
				urls, n := f.settle(t)
				for _, u := range urls {
					if strings.HasSuffix(u, "search-index.json") {
						t.Errorf("%s: fetched search-index.json", sel)
					}
				}
				if len(urls) > 1 || len(urls) == 1 && !shardURL.MatchString(urls[0]) {
					t.Errorf("%s: fetched %v, want one shard at most", sel, urls)
				}
				if i == 0 {
					if len(urls) != 1 {
						t.Errorf("first preview fetched %v, want one shard", urls)
					}
					if n > 24<<10 {
						t.Errorf("first preview fetched %d bytes, want 24 KB at most", n)
					}
					t.Logf("first preview: %v, %d bytes", urls, n)
				}
			}
			for _, e := range con.take() {
				t.Error(e)
			}
		})
	}
}

// TestFirstPreviewBytes measures the first preview's download on a site
// of your choice, for example the 10,000-page corpus of
// ../shared/bench/gencorpus.py:
//
//	COUNTERPOINT_PREVIEW_SITE=/tmp/c10k/ours go test -run TestFirstPreviewBytes -v ./internal/browsertest
//
// It focuses the first link to a page in the first demand page's text
// and reports what was fetched, uncompressed, as served by a plain
// server; it asserts only that a preview showed.
func TestFirstPreviewBytes(t *testing.T) {
	src := os.Getenv("COUNTERPOINT_PREVIEW_SITE")
	if src == "" {
		t.Skip("set COUNTERPOINT_PREVIEW_SITE to a site directory to measure the first preview")
	}
	res, err := build.Build(context.Background(), build.Inputs{FS: os.DirFS(src)})
	if err != nil {
		t.Fatal(err)
	}
	page := res.Site.Demands[0].URL
	srv := httptest.NewServer(Handler(res.Files))
	defer srv.Close()
	ctx := browser(t)
	f := watchFetches(t, ctx)
	run(t, ctx, chromedp.Navigate(srv.URL+page), chromedp.WaitReady(chromedp.CSS("body")))
	waitFor(t, ctx, "site.js to run", `window.counterpoint`)
	f.settle(t)
	sel := `main .prose a[href*="/demands/"], main .prose a[href*="/counterpositions/"]`
	pointAt(t, ctx, sel)
	waitFor(t, ctx, "the preview", `(() => { const p = document.querySelector(".preview"); return !!p && !p.hidden; })()`)
	urls, n := f.settle(t)
	t.Logf("%d pages, %d preview shards: first preview on %s fetched %v, %d bytes", len(res.Site.All), res.Site.PreviewShards, page, urls, n)
}

// pointAt moves the mouse onto the middle of the first element matching
// sel, a link in text or in a picture, from the window's corner.
func pointAt(t *testing.T, ctx context.Context, sel string) {
	t.Helper()
	box := eval[[]float64](t, ctx, fmt.Sprintf(`(() => {
		const e = document.querySelector(%q);
		e.scrollIntoView({block: "center", inline: "center"});
		const r = e.getClientRects()[0] || e.getBoundingClientRect();
		return [r.left + r.width / 2, r.top + r.height / 2];
	})()`, sel))
	run(t, ctx, chromedp.MouseEvent(chromedp.MouseMoved, 2, 2), chromedp.MouseEvent(chromedp.MouseMoved, box[0], box[1]))
}
