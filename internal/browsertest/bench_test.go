package browsertest

import (
	"context"
	"net/http/httptest"
	"os"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/counterpoint-ssg/counterpoint/internal/build"
)

// TestSearchTiming measures search in the browser on a site of your
// choice, for example the 10,000-page corpus of
// ../shared/bench/gencorpus.py (beside the repository):
//
//	COUNTERPOINT_SEARCH_SITE=/tmp/c10k/ours go test -run TestSearchTiming -v ./internal/browsertest
//
// It reports the time from the first query to its suggestions (manifest,
// chunks and fragments downloaded from a local server) with the bytes
// fetched, and the time of each later query from input to rendered
// suggestions; it asserts nothing about speed.
func TestSearchTiming(t *testing.T) {
	src := os.Getenv("COUNTERPOINT_SEARCH_SITE")
	if src == "" {
		t.Skip("set COUNTERPOINT_SEARCH_SITE to a site directory to measure search")
	}
	res, err := build.Build(context.Background(), build.Inputs{FS: os.DirFS(src)})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(Handler(res.Files))
	defer srv.Close()
	ctx := browser(t)
	run(t, ctx, chromedp.Navigate(srv.URL+"/"), chromedp.WaitReady(chromedp.CSS("body")))
	// ask types s and resolves to the milliseconds until the list shows
	// its results.
	const ask = `function ask(s) {
		return new Promise(done => {
			const q = document.getElementById("q"), list = document.getElementById("q_list"), t0 = performance.now();
			const seen = new MutationObserver(() => { seen.disconnect(); done({q: s, ms: performance.now() - t0, n: list.querySelectorAll(".r-title").length}); });
			seen.observe(list, {childList: true});
			q.focus(); q.value = s; q.dispatchEvent(new Event("input"));
		});
	}`
	type timing struct {
		Q     string  `json:"q"`
		Ms    float64 `json:"ms"`
		N     int     `json:"n"`
		Bytes int     `json:"bytes"`
	}
	f, err := chromedp.Run(ctx, chromedp.Evaluate[timing](`(async () => {
		`+ask+`
		const r = await ask("treaty");
		r.bytes = performance.getEntriesByType("resource").filter(e => e.initiatorType === "fetch").reduce((n, e) => n + e.encodedBodySize, 0);
		return r;
	})()`, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("first query %q: %.1f ms to %d suggestions, %d bytes fetched (bodies)", f.Q, f.Ms, f.N, f.Bytes)
	ts, err := chromedp.Run(ctx, chromedp.Evaluate[[]timing](`(async () => {
		`+ask+`
		const out = [];
		for (const s of ["se", "sec", "security", "security guar", "treaty summit", "coun 12", "term 2499", "zzzz", "missile defense border"]) {
			const cold = await ask(s), warm = await ask(s);
			out.push(cold, warm);
		}
		return out;
	})()`, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatal(err)
	}
	// Each query ran twice: first fetching its chunks and fragments, then
	// with them at hand.
	for i := 0; i+1 < len(ts); i += 2 {
		t.Logf("query %-24q %7.2f ms, again %6.2f ms (input to rendered, %d shown)", ts[i].Q, ts[i].Ms, ts[i+1].Ms, ts[i].N)
	}
}
