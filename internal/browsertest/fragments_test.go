package browsertest

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"

	cdppage "github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
	"github.com/counterpoint-ssg/counterpoint/internal/search"
)

// TestSearchFragmentsDecodedByServer serves the fragment files as a host
// that maps them to Content-Encoding: gzip would, so that the browser
// undoes the gzip before the script sees the bytes: the script reads
// them as plain JSON, and results show their marked snippets as usual.
func TestSearchFragmentsDecodedByServer(t *testing.T) {
	h := Handler(builtSite(t).Files)
	var encoded atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Security-Policy", csp)
		if strings.HasSuffix(r.URL.Path, search.FragmentExt) {
			w.Header().Set("Content-Encoding", "gzip")
			encoded.Add(1)
		}
		h.ServeHTTP(w, r)
	}))
	t.Cleanup(srv.Close)
	ctx := browser(t)
	c := listen(ctx)
	run(t, ctx, chromedp.Navigate(srv.URL+"/"), chromedp.WaitReady(chromedp.CSS("body")))
	query(t, ctx, "abstentions")
	if got := eval[string](t, ctx, `document.querySelector("#q_list [role=option] mark").textContent.toLowerCase()`); got != "abstentions" {
		t.Errorf("first result marks %q, want abstentions", got)
	}
	if encoded.Load() == 0 {
		t.Error("no fragment file was fetched")
	}
	if errs := c.take(); len(errs) > 0 {
		t.Errorf("console errors: %v", errs)
	}
}

// TestSearchWithoutDecompressionStream runs the script in a browser
// without DecompressionStream (as older ones are): results still show,
// with the page's summary for a snippet and a link to the page, and no
// fragment file is fetched; nothing is reported as an error.
func TestSearchWithoutDecompressionStream(t *testing.T) {
	res := builtSite(t)
	var list []struct{ U, T, S string }
	if err := json.Unmarshal(res.Files["search-index.json"], &list); err != nil {
		t.Fatal(err)
	}
	summary := map[string]string{}
	for _, e := range list {
		summary[e.U] = e.S
	}
	srv := serve(t)
	ctx := browser(t)
	c := listen(ctx)
	if _, err := chromedp.Call(ctx, cdppage.AddScriptToEvaluateOnNewDocument, cdppage.AddScriptToEvaluateOnNewDocumentParams{Source: "delete window.DecompressionStream;"}); err != nil {
		t.Fatal(err)
	}
	f := watchFetches(t, ctx)
	for _, tt := range []struct{ q, path string }{
		{"abstentions", "/counterpositions/ukraine-sovereignty/"},
		// The home page, which search-index.json lacks: words of its body.
		{"newsweek diplomacy subject", "/"},
	} {
		run(t, ctx, chromedp.Navigate(srv.URL+"/about/"), chromedp.WaitReady(chromedp.CSS("body")))
		if eval[bool](t, ctx, `"DecompressionStream" in window`) {
			t.Fatal("DecompressionStream is still there")
		}
		f.settle(t)
		query(t, ctx, tt.q)
		urls, _ := f.settle(t)
		for _, u := range urls {
			if strings.HasSuffix(u, search.FragmentExt) {
				t.Errorf("%q: fetched %s without DecompressionStream", tt.q, u)
			}
		}
		first := eval[struct{ Title, Snip string }](t, ctx, `(() => {
			const o = document.querySelector("#q_list [role=option]"), s = o.querySelector(".r-snip");
			return {Title: o.querySelector(".r-title").textContent, Snip: s ? s.textContent : ""};
		})()`)
		if first.Title == "" {
			t.Errorf("%q: the first result has no title", tt.q)
		}
		if tt.path != "/" {
			snip := strings.TrimSuffix(strings.TrimPrefix(first.Snip, "… "), " …")
			if snip == "" || !strings.Contains(summary[tt.path], snip) {
				t.Errorf("%q: snippet %q, want the summary %q", tt.q, first.Snip, summary[tt.path])
			}
		}
		run(t, ctx, chromedp.KeyEvent(kb.Enter))
		waitFor(t, ctx, "the first result to open", `location.pathname !== "/about/"`)
		if got := eval[string](t, ctx, `location.pathname + location.hash`); got != tt.path {
			t.Errorf("%q: first result opens %s, want %s", tt.q, got, tt.path)
		}
	}
	if errs := c.take(); len(errs) > 0 {
		t.Errorf("console errors: %v", errs)
	}
}
