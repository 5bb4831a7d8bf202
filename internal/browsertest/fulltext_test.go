package browsertest

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
	"github.com/counterpoint-ssg/counterpoint/internal/build"
	"github.com/counterpoint-ssg/counterpoint/internal/search"
)

// firstQueryBudget is what the first query may download on the
// repository's site: manifest, chunks and the fragments of the results
// shown.
const firstQueryBudget = 50 << 10

// fetched adds up the bytes of the fetch() requests a page makes, as the
// browser's network events report them (headers and body, as received).
type fetched struct {
	mu    sync.Mutex
	urls  map[network.RequestID]string
	done  map[network.RequestID]int64
	order []network.RequestID
}

func watchFetches(t *testing.T, ctx context.Context) *fetched {
	t.Helper()
	f := &fetched{urls: map[network.RequestID]string{}, done: map[network.RequestID]int64{}}
	err := chromedp.Listen(ctx, func(ev any) {
		f.mu.Lock()
		defer f.mu.Unlock()
		switch e := ev.(type) {
		case *network.EventRequestWillBeSent:
			// The search script counts too: a page fetches it for the
			// first query.
			if e.Type == network.ResourceTypeFetch || e.Type == network.ResourceTypeScript && strings.Contains(e.Request.URL, "/assets/search.") {
				f.urls[e.RequestID] = e.Request.URL
				f.order = append(f.order, e.RequestID)
			}
		case *network.EventLoadingFinished:
			if _, ok := f.urls[e.RequestID]; ok {
				f.done[e.RequestID] = int64(e.EncodedDataLength)
			}
		case *network.EventLoadingFailed:
			if _, ok := f.urls[e.RequestID]; ok {
				f.done[e.RequestID] = 0
			}
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	return f
}

// settle waits until every fetch seen so far has finished and returns
// their URLs and total bytes, then forgets them.
func (f *fetched) settle(t *testing.T) ([]string, int64) {
	t.Helper()
	deadline := time.Now().Add(2 * time.Minute)
	for {
		f.mu.Lock()
		if len(f.done) == len(f.order) {
			var urls []string
			var total int64
			for _, id := range f.order {
				urls = append(urls, f.urls[id])
				total += f.done[id]
			}
			clear(f.urls)
			clear(f.done)
			f.order = nil
			f.mu.Unlock()
			return urls, total
		}
		f.mu.Unlock()
		if time.Now().After(deadline) {
			t.Fatal("fetches still unfinished after 2 minutes")
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// query puts q into the header's search box at once, as one input event
// (the first query), and waits for the suggestions.
func query(t *testing.T, ctx context.Context, q string) {
	t.Helper()
	run(t, ctx, chromedp.Evaluate[chromedp.Void](fmt.Sprintf(`(() => { const q = document.getElementById("q"); q.focus(); q.value = %q; q.dispatchEvent(new Event("input")); })()`, q)))
	waitFor(t, ctx, "suggestions for "+q, `document.querySelector("#q_list .r-title")`)
}

// TestFullTextSearch types words that occur only in the body of one page
// of the repository's site and expects that page first, its link going
// to the section (heading anchor) that holds the word, and the word
// marked in the snippet; the first query downloads at most
// firstQueryBudget.
func TestFullTextSearch(t *testing.T) {
	ctx := browser(t)
	srv := serve(t)
	c := listen(ctx)
	if _, err := chromedp.Call(ctx, network.SetCacheDisabled, network.SetCacheDisabledParams{CacheDisabled: true}); err != nil {
		t.Fatal(err)
	}
	f := watchFetches(t, ctx)
	for _, tt := range []struct{ q, path, hash, mark string }{
		// Body-only words: in no title, summary or heading.
		{"abstentions", "/counterpositions/ukraine-sovereignty/", "#context", "abstentions"},
		{"Battalion", "/counterpositions/eastern-flank-after-2014/", "#the-argument", "battalion"},
		// A word being typed matches as a prefix.
		{"abstent", "/counterpositions/ukraine-sovereignty/", "#context", "abstentions"},
	} {
		run(t, ctx, chromedp.Navigate(srv.URL+"/"), chromedp.WaitReady(chromedp.CSS("body")))
		f.settle(t)
		query(t, ctx, tt.q)
		urls, bytes := f.settle(t)
		t.Logf("first query %q: %d bytes in %d fetches", tt.q, bytes, len(urls))
		if bytes > firstQueryBudget {
			t.Errorf("first query %q downloaded %d bytes, over %d: %s", tt.q, bytes, firstQueryBudget, strings.Join(urls, " "))
		}
		for _, u := range urls {
			if strings.HasSuffix(u, "/search-index.json") {
				t.Errorf("the query fetched %s, the whole page list", u)
			}
		}
		if got := eval[string](t, ctx, `document.querySelector("#q_list [role=option] mark").textContent.toLowerCase()`); got != tt.mark {
			t.Errorf("%q: first result marks %q, want %q", tt.q, got, tt.mark)
		}
		run(t, ctx, chromedp.KeyEvent(kb.Enter))
		waitFor(t, ctx, "the first result to open", `location.pathname !== "/"`)
		if got := eval[string](t, ctx, `location.pathname + location.hash`); got != tt.path+tt.hash {
			t.Errorf("%q: first result opens %s, want %s", tt.q, got, tt.path+tt.hash)
		}
	}

	// Words on many pages: eight results, eight fragments.
	for _, q := range []string{"russia", "nato", "security guarantees"} {
		run(t, ctx, chromedp.Navigate(srv.URL+"/"), chromedp.WaitReady(chromedp.CSS("body")))
		f.settle(t)
		query(t, ctx, q)
		urls, bytes := f.settle(t)
		t.Logf("first query %q: %d bytes in %d fetches", q, bytes, len(urls))
		if bytes > firstQueryBudget {
			t.Errorf("first query %q downloaded %d bytes, over %d: %s", q, bytes, firstQueryBudget, strings.Join(urls, " "))
		}
	}

	// The search page lists results with snippets and section links too.
	run(t, ctx, chromedp.Navigate(srv.URL+"/search/?q=bucharest"), chromedp.WaitReady(chromedp.CSS("body")))
	waitFor(t, ctx, "search page results", `document.querySelector("#search-results li mark")`)
	if got := eval[string](t, ctx, `document.querySelector("#search-results li mark").textContent`); got != "Bucharest" {
		t.Errorf("search page marks %q, want Bucharest", got)
	}
	if got := eval[string](t, ctx, `new URL(document.querySelector("#search-results a").href).hash`); got == "" {
		t.Error("search page result links to no anchor")
	}
	// The snippet is text and <mark> elements only.
	if n := eval[int](t, ctx, `document.querySelectorAll("#search-results p *:not(mark)").length`); n != 0 {
		t.Errorf("%d elements other than <mark> in snippets", n)
	}
	if errs := c.take(); len(errs) > 0 {
		t.Errorf("console errors: %v", errs)
	}
}

// russianSite is a small Russian site whose words differ from a query
// only in case and ё/е.
var russianSite = fstest.MapFS{
	"content/_index.md":           {Data: []byte("---\ntitle: Переговоры\nlanguage: ru\n---\nВступление.\n")},
	"content/demands/garantii.md": {Data: []byte("---\ntitle: Гарантии безопасности\nclaimant: Россия\ndate: 2021-12-17\n---\n## Предыстория\n\nСтороны встречались в Женеве.\n\n## Позиция\n\nМосква требует письменных договорённостей о нерасширении.\n")},
	"content/demands/vojska.md":   {Data: []byte("---\ntitle: Отвод войск\nclaimant: Россия\ndate: 2021-12-17\n---\n## Суть\n\nВойска должны вернуться к границам 1997 года.\n")},
}

// TestFullTextSearchRussian types a Russian body word in upper case and
// with е for ё, and expects the page and the section that hold it.
func TestFullTextSearchRussian(t *testing.T) {
	res, err := build.Build(context.Background(), build.Inputs{FS: russianSite})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(Handler(res.Files))
	t.Cleanup(srv.Close)
	ctx := browser(t)
	c := listen(ctx)
	run(t, ctx, chromedp.Navigate(srv.URL+"/"), chromedp.WaitReady(chromedp.CSS("body")))
	query(t, ctx, "ДОГОВОРЕННОСТЕЙ")
	if got := eval[string](t, ctx, `document.querySelector("#q_list [role=option] mark").textContent`); got != "договорённостей" {
		t.Errorf("marked %q, want договорённостей", got)
	}
	run(t, ctx, chromedp.KeyEvent(kb.Enter))
	waitFor(t, ctx, "the result to open", `location.pathname !== "/"`)
	got := eval[string](t, ctx, `decodeURIComponent(location.pathname + location.hash)`)
	if want := "/demands/garantii/#позиция"; got != want {
		t.Errorf("opened %s, want %s", got, want)
	}
	if errs := c.take(); len(errs) > 0 {
		t.Errorf("console errors: %v", errs)
	}
}

// foldInputs are strings whose words need care: marks, ß, ё, final
// sigma, dotted I, apostrophes, digits, scripts without spaces.
var foldInputs = []string{
	"Bucharest", "Msta-S-M2", "Café CAFÉ cafe\u0301", "Straße STRASSE straße ẞ",
	"Ёлка ЁЛКА елка", "договорённостей", "ΟΔΟΣ οδός", "İstanbul ISTANBUL",
	"Russia’s 1997 borders", "naïve coöperation", "Zürich, Łódź; Ærø",
	"«кавычки» — тире", "e-mail\u00a0address", "\u0301 stray mark",
	"日本語テキスト", "x²", "Ǆemal ǅ ǆ", "ﬁnance", "Ⅻ century", "tschüß",
}

// TestScriptFoldsAsIndex runs the built-in script's own fold and words
// functions, cut from search.js, in Chromium over foldInputs and expects
// the words the index (search.Words) makes of each.
func TestScriptFoldsAsIndex(t *testing.T) {
	src, err := os.ReadFile(filepath.Join(repoRoot(t), "internal", "assets", "defaults", "search.js"))
	if err != nil {
		t.Fatal(err)
	}
	js := string(src)
	from := strings.Index(js, "  function fold(s) {")
	to := strings.Index(js, "  function gunzip(r) {")
	if from < 0 || to < from {
		t.Fatal("search.js: fold and words functions not found")
	}
	ctx := browser(t)
	run(t, ctx, chromedp.Navigate("about:blank"))
	in, _ := json.Marshal(foldInputs)
	got := eval[[][]string](t, ctx, "(() => {"+js[from:to]+"return "+string(in)+".map(words); })()")
	for i, s := range foldInputs {
		var want []string
		search.Words(s, func(w string) { want = append(want, w) })
		if !slices.Equal(got[i], want) && len(got[i])+len(want) > 0 {
			t.Errorf("%q: script %q, index %q", s, got[i], want)
		}
	}
}

// TestSearchScriptOnFocus: a page does not fetch the search script until
// the reader focuses the search box, and typing then gets results. (That
// text typed before the script arrives is searched when it does is
// TestFullTextSearch's: query focuses and fills the box in one go.)
func TestSearchScriptOnFocus(t *testing.T) {
	ctx := browser(t)
	srv := serve(t)
	c := listen(ctx)
	loaded := `performance.getEntriesByType("resource").some(function (e) { return /\/assets\/search\.[0-9a-f]+\.js$/.test(e.name); })`
	run(t, ctx, chromedp.Navigate(srv.URL+"/demands/"), chromedp.WaitReady(chromedp.CSS("body")))
	waitFor(t, ctx, "site.js to run", `window.counterpoint`)
	if eval[bool](t, ctx, loaded) {
		t.Error("the search script was fetched before the search box was focused")
	}
	run(t, ctx, chromedp.SendKeys(chromedp.ID("q"), "bucharest"))
	waitFor(t, ctx, "the search script", loaded)
	waitFor(t, ctx, "results for what was typed", `document.querySelector("#q_list [role=option] mark")`)
	if got := eval[string](t, ctx, `document.querySelector("#q_list [role=option] mark").textContent`); got != "Bucharest" {
		t.Errorf("first result marks %q, want Bucharest", got)
	}
	if errs := c.take(); len(errs) > 0 {
		t.Errorf("console errors: %v", errs)
	}
}
