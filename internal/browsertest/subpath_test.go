package browsertest

import (
	"bytes"
	"context"
	"fmt"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
	"github.com/counterpoint-ssg/counterpoint/internal/build"
	"github.com/counterpoint-ssg/counterpoint/internal/cli"
)

// The site is published under a path, as a GitHub Pages project site is.
const (
	subBaseURL = "https://example.org/sub/dir/"
	subPath    = "/sub/dir/"
)

// buildSubpath builds the repository's site with the command line, as
// scripts/publish.sh does, into a new directory, and returns public/.
func buildSubpath(t *testing.T) string {
	t.Helper()
	public := filepath.Join(t.TempDir(), "public")
	var stdout, stderr bytes.Buffer
	args := []string{"build", "--source", repoRoot(t), "--dest", public, "--base-url", subBaseURL}
	if code := cli.Main(context.Background(), args, &stdout, &stderr); code != 0 {
		t.Fatalf("counterpoint %s: exit %d\n%s", strings.Join(args, " "), code, stderr.String())
	}
	return public
}

// headerRule is one block of a _headers file.
type headerRule struct {
	pattern string
	headers [][2]string
}

// readHeaders parses public/_headers as Netlify and Cloudflare Pages do.
func readHeaders(t *testing.T, public string) []headerRule {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(public, "_headers"))
	if err != nil {
		t.Fatal(err)
	}
	var rules []headerRule
	for i, line := range strings.Split(string(data), "\n") {
		trimmed := strings.TrimSpace(line)
		switch {
		case trimmed == "" || strings.HasPrefix(trimmed, "#"):
		case strings.HasPrefix(line, "/"):
			rules = append(rules, headerRule{pattern: trimmed})
		case line[0] == ' ' && len(rules) > 0 && strings.Contains(trimmed, ":"):
			name, value, _ := strings.Cut(trimmed, ":")
			r := &rules[len(rules)-1]
			r.headers = append(r.headers, [2]string{strings.TrimSpace(name), strings.TrimSpace(value)})
		default:
			t.Fatalf("_headers line %d: unexpected %q", i+1, line)
		}
	}
	return rules
}

// headersFor returns what the rules give a path: a pattern ending in *
// matches every path it begins, any other only itself.
func headersFor(rules []headerRule, urlPath string) http.Header {
	h := http.Header{}
	for _, r := range rules {
		prefix, splat := strings.CutSuffix(r.pattern, "*")
		if splat && strings.HasPrefix(urlPath, prefix) || !splat && urlPath == r.pattern {
			for _, kv := range r.headers {
				h.Add(kv[0], kv[1])
			}
		}
	}
	return h
}

// serveSubpath serves public/ under /sub/dir/ from a plain static file
// server, with the headers its _headers file gives each path, as a host
// that reads the file would. Requests outside /sub/dir/ get 404 and are
// reported by outside.
func serveSubpath(t *testing.T, public string) (srv *httptest.Server, outside func() []string) {
	t.Helper()
	rules := readHeaders(t, public)
	files := http.StripPrefix(strings.TrimSuffix(subPath, "/"), http.FileServer(http.Dir(public)))
	var mu sync.Mutex
	var stray []string
	srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !strings.HasPrefix(r.URL.Path, subPath) {
			mu.Lock()
			stray = append(stray, r.URL.Path)
			mu.Unlock()
			http.NotFound(w, r)
			return
		}
		for k, vs := range headersFor(rules, r.URL.Path) {
			w.Header()[k] = vs
		}
		files.ServeHTTP(w, r)
	}))
	t.Cleanup(srv.Close)
	return srv, func() []string {
		mu.Lock()
		defer mu.Unlock()
		out := stray
		stray = nil
		return out
	}
}

// exchange is one request the browser made and what came of it.
type exchange struct {
	url, kind string
	status    int64
	headers   network.Headers
	failed    string
	done      bool // a response came, or the request failed or was cancelled
}

// traffic records the page's requests from network events.
type traffic struct {
	mu    sync.Mutex
	byID  map[network.RequestID]*exchange
	order []*exchange
}

func watchNetwork(t *testing.T, ctx context.Context) *traffic {
	t.Helper()
	tr := &traffic{byID: map[network.RequestID]*exchange{}}
	err := chromedp.Listen(ctx, func(ev any) {
		tr.mu.Lock()
		defer tr.mu.Unlock()
		switch e := ev.(type) {
		case *network.EventRequestWillBeSent:
			x := &exchange{url: e.Request.URL, kind: string(e.Type)}
			tr.byID[e.RequestID] = x
			tr.order = append(tr.order, x)
		case *network.EventResponseReceived:
			if x := tr.byID[e.RequestID]; x != nil {
				x.status, x.headers, x.done = e.Response.Status, e.Response.Headers, true
			}
		case *network.EventLoadingFailed:
			if x := tr.byID[e.RequestID]; x != nil {
				x.done = true
				if !e.Canceled {
					x.failed = e.ErrorText + " " + string(e.BlockedReason)
				}
			}
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	return tr
}

// take returns the requests seen so far, once each has its response (a
// favicon, say, may still be on its way when the page is ready), and
// forgets them.
func (tr *traffic) take(t *testing.T) []exchange {
	t.Helper()
	deadline := time.Now().Add(2 * time.Minute)
	tr.mu.Lock()
	defer tr.mu.Unlock()
	for !tr.settled() {
		if time.Now().After(deadline) {
			t.Fatal("requests still unanswered after 2 minutes")
		}
		tr.mu.Unlock()
		time.Sleep(20 * time.Millisecond)
		tr.mu.Lock()
	}
	out := make([]exchange, 0, len(tr.order))
	for _, x := range tr.order {
		out = append(out, *x)
	}
	tr.order = nil
	clear(tr.byID)
	return out
}

func (tr *traffic) settled() bool {
	for _, x := range tr.order {
		if !x.done {
			return false
		}
	}
	return true
}

// header reads a response header whatever its case.
func header(h network.Headers, name string) string {
	for k, v := range h {
		if strings.EqualFold(k, name) {
			return fmt.Sprint(v)
		}
	}
	return ""
}

// TestSubpathDeployment builds the site for https://example.org/sub/dir/,
// serves public/ under /sub/dir/ from a plain static server with the
// headers of its _headers file (the Content-Security-Policy among them),
// and loads every page in Chromium: no console error or CSP violation, no
// failed request and none outside /sub/dir/, every stylesheet and script
// loaded, and every link and asset pointing at a file that exists under
// /sub/dir/. Then search and link previews, which find their way by the
// base path, are used as a reader would.
func TestSubpathDeployment(t *testing.T) {
	public := buildSubpath(t)
	ctx := browser(t)
	srv, outside := serveSubpath(t, public)
	c := listen(ctx)
	tr := watchNetwork(t, ctx)
	// Every page fetches its stylesheets and scripts again, so each load
	// shows in the network events.
	if _, err := chromedp.Call(ctx, network.SetCacheDisabled, network.SetCacheDisabledParams{CacheDisabled: true}); err != nil {
		t.Fatal(err)
	}
	origin, _ := url.Parse(srv.URL)

	var pages []string
	err := filepath.WalkDir(public, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".html") {
			rel, _ := filepath.Rel(public, p)
			pages = append(pages, strings.TrimPrefix(siteURL(filepath.ToSlash(rel)), "/"))
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	slices.Sort(pages)
	if len(pages) < 20 {
		t.Fatalf("only %d pages built", len(pages))
	}

	// exists reports whether a URL of this server names a built file.
	exists := func(u *url.URL) bool {
		rel, ok := strings.CutPrefix(u.Path, subPath)
		if !ok {
			return false
		}
		if rel == "" || strings.HasSuffix(rel, "/") {
			rel += "index.html"
		}
		fi, err := os.Stat(filepath.Join(public, filepath.FromSlash(rel)))
		return err == nil && !fi.IsDir()
	}
	type refs struct {
		Links   []string `json:"links"`
		Sheets  []string `json:"sheets"`
		Scripts []string `json:"scripts"`
		Loaded  bool     `json:"loaded"`
		Ran     bool     `json:"ran"`
	}
	checked := map[string]bool{}
	for _, rel := range pages {
		p := subPath + rel
		run(t, ctx, chromedp.Navigate(srv.URL+p), chromedp.WaitReady(chromedp.CSS("body")))
		waitFor(t, ctx, "the page to load and site.js to run", `document.readyState === "complete" && !!window.counterpoint`)
		r := eval[refs](t, ctx, `(() => {
			const sheets = [...document.querySelectorAll('link[rel~="stylesheet"]')];
			return {
				links: [...document.querySelectorAll("a[href], link[href], script[src], img[src], form[action]")].map(e => (e.href && e.href.baseVal !== undefined ? new URL(e.href.baseVal, location.href).href : e.href) || e.src || e.action) /* an SVG link's href is an SVGAnimatedString */,
				sheets: sheets.map(l => l.href),
				scripts: [...document.querySelectorAll("script[src]")].map(s => s.src),
				loaded: sheets.every(l => { try { return l.sheet.cssRules.length > 0; } catch (e) { return false; } }),
				// site.js ran (search.js comes when the box is focused; see below).
				ran: document.documentElement.classList.contains("js") && !!window.counterpoint,
			};
		})()`)
		for _, e := range c.take() {
			t.Errorf("%s: console: %s", p, e)
		}
		got := map[string]exchange{}
		for _, x := range tr.take(t) {
			got[x.url] = x
			switch {
			case x.failed != "":
				t.Errorf("%s: request for %s failed: %s", p, x.url, x.failed)
			case x.status >= 400:
				t.Errorf("%s: %s answered %d", p, x.url, x.status)
			case x.kind == "Document" && header(x.headers, "Content-Security-Policy") != build.CSP():
				t.Errorf("%s: served with Content-Security-Policy %q, want %q", p, header(x.headers, "Content-Security-Policy"), build.CSP())
			case strings.Contains(x.url, subPath+"assets/") && header(x.headers, "Cache-Control") != build.CacheImmutable:
				t.Errorf("%s: asset %s served with Cache-Control %q", p, x.url, header(x.headers, "Cache-Control"))
			case x.kind == "Document" && header(x.headers, "Cache-Control") != build.CacheRevalidate:
				t.Errorf("%s: served with Cache-Control %q", p, header(x.headers, "Cache-Control"))
			}
		}
		if !r.Loaded || len(r.Sheets) == 0 {
			t.Errorf("%s: stylesheets %q not all loaded", p, r.Sheets)
		}
		if !r.Ran || len(r.Scripts) == 0 {
			t.Errorf("%s: scripts %q did not run", p, r.Scripts)
		}
		for _, s := range append(r.Sheets, r.Scripts...) {
			if x, ok := got[s]; !ok || x.status != http.StatusOK {
				t.Errorf("%s: %s was not loaded (status %d)", p, s, x.status)
			}
		}
		for _, l := range r.Links {
			u, err := url.Parse(l)
			if err != nil {
				t.Errorf("%s: link %q: %v", p, l, err)
				continue
			}
			if u.Host != origin.Host {
				continue // the canonical example.org URLs, sources elsewhere
			}
			u.Fragment, u.RawQuery = "", ""
			if k := u.String(); !checked[k] {
				checked[k] = true
				if !exists(u) {
					t.Errorf("%s: link to %s: no file there under %s", p, l, subPath)
				}
			}
		}
	}
	t.Logf("%d pages loaded under %s, %d distinct internal targets checked", len(pages), subPath, len(checked))

	// Search: the box suggests a known term; Enter opens it under /sub/dir/.
	run(t, ctx, chromedp.Navigate(srv.URL+subPath), chromedp.WaitReady(chromedp.CSS("body")))
	run(t, ctx, chromedp.SendKeys(chromedp.ID("q"), "msta"))
	waitFor(t, ctx, "suggestions", `(() => { const o = document.querySelector("#q_list [role=option]"); return !!o && o.textContent.includes("Msta-S"); })()`)
	run(t, ctx, chromedp.KeyEvent(kb.Enter))
	waitFor(t, ctx, "Enter to open the term under the base path", `location.pathname === "`+subPath+`glossary/" && location.hash === "#msta-s" && document.readyState === "complete"`)
	if !eval[bool](t, ctx, `!!document.getElementById("msta-s")`) {
		t.Error("the glossary has no #msta-s entry")
	}
	// The search page lists results whose links lead under /sub/dir/.
	run(t, ctx, chromedp.Navigate(srv.URL+subPath+"search/?q=Lavrov"), chromedp.WaitReady(chromedp.CSS("body")))
	waitFor(t, ctx, "search page results", `document.querySelector("#search-results a") && document.querySelector("#search-results a").textContent.includes("Lavrov")`)
	href := eval[string](t, ctx, `document.querySelector("#search-results a").getAttribute("href")`)
	if !strings.HasPrefix(href, subPath) {
		t.Errorf("search result links to %q, outside %s", href, subPath)
	}
	run(t, ctx, chromedp.Click(chromedp.CSS("#search-results a")))
	waitFor(t, ctx, "the result to open", fmt.Sprintf(`location.href === new URL(%q, location.href).href && document.readyState === "complete"`, href))

	// Link previews: hovering a link in the text shows the target's summary.
	run(t, ctx, chromedp.Navigate(srv.URL+subPath+strings.TrimPrefix(demandPage, "/")), chromedp.WaitReady(chromedp.CSS("body")))
	sel := `main .prose a[href="` + subPath + `counterpositions/right-to-choose-alliances/"]`
	hover(t, ctx, sel)
	waitFor(t, ctx, "preview on hover", `(() => { const p = document.querySelector(".preview"); return !!p && !p.hidden && p.textContent.includes("Every state may choose its alliances"); })()`)
	run(t, ctx, chromedp.MouseEvent(chromedp.MouseMoved, 5, 5))
	waitFor(t, ctx, "the preview to close", `document.querySelector(".preview").hidden`)
	hover(t, ctx, `main .prose a.term[href="`+subPath+`glossary/#nato"]`)
	waitFor(t, ctx, "term preview", `(() => { const p = document.querySelector(".preview"); return !p.hidden && p.textContent.includes("North Atlantic Treaty Organization"); })()`)

	for _, e := range c.take() {
		t.Errorf("console: %s", e)
	}
	for _, x := range tr.take(t) {
		if x.failed != "" || x.status >= 400 {
			t.Errorf("request for %s: status %d %s", x.url, x.status, x.failed)
		}
	}
	if s := outside(); len(s) > 0 {
		t.Errorf("requests outside %s: %q", subPath, s)
	}
}
