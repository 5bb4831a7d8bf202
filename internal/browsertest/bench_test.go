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
// It reports the time from the first focus of the search box to the first
// suggestions (index download and preparation included) and the time of
// each later query; it asserts nothing about speed.
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
	first, err := chromedp.Run(ctx, chromedp.Evaluate[float64](`new Promise(done => {
		const t0 = performance.now(), q = document.getElementById("q");
		q.focus(); q.value = "treaty"; q.dispatchEvent(new Event("input"));
		const check = () => document.querySelector("#q_list [role=option]") ? done(performance.now() - t0) : setTimeout(check, 2);
		check();
	})`, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%d bytes of search index for %d entries", len(res.Files["search-index.json"]), len(res.Site.All))
	t.Logf("first focus to first suggestions (download, parse, prepare, search, render): %.1f ms", first)
	type timing struct {
		Q  string  `json:"q"`
		Ms float64 `json:"ms"`
		N  int     `json:"n"`
	}
	ts, err := chromedp.Run(ctx, chromedp.Evaluate[[]timing](`(() => {
		const q = document.getElementById("q"), out = [];
		for (const s of ["s", "se", "sec", "security", "security guar", "treaty summit", "coun 12", "term 2499", "zzzz", "missile defense border"]) {
			for (let i = 0; i < 3; i++) {
				const t0 = performance.now();
				q.value = s; q.dispatchEvent(new Event("input"));
				const ms = performance.now() - t0;
				if (i === 2) out.push({q: s, ms, n: document.querySelectorAll("#q_list [role=option]").length});
			}
		}
		return out;
	})()`))
	if err != nil {
		t.Fatal(err)
	}
	for _, x := range ts {
		t.Logf("query %-24q %6.2f ms (search and render, %d shown)", x.Q, x.Ms, x.N)
	}
}
