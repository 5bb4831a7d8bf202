package serve

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/counterpoint-ssg/counterpoint/internal/build"
	"github.com/counterpoint-ssg/counterpoint/internal/diag"
)

func TestInject(t *testing.T) {
	tag := `<script src="/__counterpoint/reload.js" data-build="b-1" defer></script>`
	for in, want := range map[string]string{
		"<html><body><p>x</p></body></html>":   "<html><body><p>x</p>" + tag + "\n</body></html>",
		"<HTML><BODY>x</BODY></HTML>":          "<HTML><BODY>x" + tag + "\n</BODY></HTML>",
		"<p></body> in text</p><body>x</body>": "<p></body> in text</p><body>x" + tag + "\n</body>",
		"<head><title>t</title></head>no body": "<head><title>t</title>" + tag + "\n</head>no body",
		"just text":                            "just text" + tag,
		"":                                     tag,
	} {
		page := []byte(in)
		got := string(inject(page, "b-1", false))
		if got != want {
			t.Errorf("inject(%q) =\n%q\nwant\n%q", in, got, want)
		}
		if string(page) != in {
			t.Errorf("inject modified its input %q", in)
		}
	}
	if got := string(inject([]byte("<body></body>"), `"><img src=x>`, true)); !strings.Contains(got, `data-build="&#34;&gt;&lt;img src=x&gt;" data-notfound defer`) {
		t.Errorf("build id not escaped or notfound missing: %s", got)
	}
}

func files(kv ...string) map[string][]byte {
	m := map[string][]byte{}
	for i := 0; i < len(kv); i += 2 {
		m[kv[i]] = []byte(kv[i+1])
	}
	return m
}

func TestDiff(t *testing.T) {
	page := func(css, text string) string {
		return `<link rel="stylesheet" href="/assets/site.` + css + `.css"><link rel="stylesheet" href="/assets/syntax.0000aaaa.css"><p>` + text + `</p>`
	}
	old := files(
		"index.html", page("11111111", "home"),
		"demands/a/index.html", page("11111111", "a"),
		"demands/b/index.html", page("11111111", "b"),
		"404.html", page("11111111", "not found"),
		"assets/site.11111111.css", "body{}",
		"assets/syntax.0000aaaa.css", ".k{}",
		"assets/site.22222222.js", "x()",
		"sitemap.xml", "<urlset/>",
		"search-index.json", "[]",
		"notes/pic.png", "png",
		"_headers", "/assets/*",
	)
	with := func(kv ...string) map[string][]byte {
		m := map[string][]byte{}
		for k, v := range old {
			m[k] = v
		}
		for i := 0; i < len(kv); i += 2 {
			if kv[i+1] == "" {
				delete(m, kv[i])
			} else {
				m[kv[i]] = []byte(kv[i+1])
			}
		}
		return m
	}
	tests := []struct {
		name string
		cur  map[string][]byte
		want Change
	}{
		{"nothing", with(), Change{Pages: []string{}}},
		{"one page and the index files", with("demands/a/index.html", page("11111111", "a2"), "sitemap.xml", "<urlset></urlset>", "search-index.json", "[1]"),
			Change{Pages: []string{"/sub/demands/a/"}, Files: 3}},
		{"css only: fingerprint changes everywhere", with(
			"assets/site.11111111.css", "", "assets/site.33333333.css", "body{color:red}",
			"index.html", page("33333333", "home"), "demands/a/index.html", page("33333333", "a"),
			"demands/b/index.html", page("33333333", "b"), "404.html", page("33333333", "not found")),
			Change{Pages: []string{}, CSS: []Swap{{Stem: "assets/site", Href: "assets/site.33333333.css"}}, Files: 6}},
		{"css and one page", with(
			"assets/site.11111111.css", "", "assets/site.33333333.css", "body{color:red}",
			"index.html", page("33333333", "home"), "demands/a/index.html", page("33333333", "a changed"),
			"demands/b/index.html", page("33333333", "b"), "404.html", page("33333333", "not found")),
			Change{Pages: []string{"/sub/demands/a/"}, CSS: []Swap{{Stem: "assets/site", Href: "assets/site.33333333.css"}}, Files: 6}},
		{"css kept its name", with("assets/syntax.0000aaaa.css", ".k{color:blue}"),
			Change{Pages: []string{}, CSS: []Swap{{Stem: "assets/syntax", Href: "assets/syntax.0000aaaa.css", Bust: true}}, Files: 1}},
		{"page added and removed", with("demands/c/index.html", page("11111111", "c"), "demands/b/index.html", ""),
			Change{Pages: []string{"/sub/demands/b/", "/sub/demands/c/"}, Files: 2}},
		{"404 page", with("404.html", page("11111111", "gone")), Change{Pages: []string{"/sub/404.html"}, Files: 1}},
		{"script", with("assets/site.22222222.js", "", "assets/site.44444444.js", "y()"), Change{Pages: []string{}, Reload: true, Files: 2}},
		{"image", with("notes/pic.png", "png2"), Change{Pages: []string{}, Reload: true, Files: 1}},
		// The search index caught up with a preview's edit: nothing shown.
		{"search index and headers file", with("search/index.json", "{}", "assets/search/c/0123abcd.json", "{}", "_headers", "/assets/search/*"),
			Change{Pages: []string{}, Files: 3}},
	}
	for _, tt := range tests {
		got := diff(old, tt.cur, "/sub/")
		if fmt.Sprint(got) != fmt.Sprint(tt.want) {
			t.Errorf("%s:\n got %+v\nwant %+v", tt.name, got, tt.want)
		}
	}
	many := with()
	for i := range maxPages + 1 {
		many[fmt.Sprintf("p%d/index.html", i)] = []byte("new")
	}
	if got := diff(old, many, "/"); !got.Reload || len(got.Pages) != 0 {
		t.Errorf("%d new pages: %+v, want a reload of all", maxPages+1, got)
	}
}

func TestStem(t *testing.T) {
	for in, want := range map[string]string{
		"assets/site.3f2a9c1e.css":   "assets/site",
		"assets/syntax.0123abcd.css": "assets/syntax",
		"css/plain.css":              "css/plain",
		"assets/a.b.3f2a9c1e.css":    "assets/a.b",
	} {
		if got := stem(in); got != want {
			t.Errorf("stem(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestHostAllowed(t *testing.T) {
	s := New(Options{Hosts: []string{"devbox"}})
	for host, want := range map[string]bool{
		"127.0.0.1:1313":        true,
		"127.0.0.1":             true,
		"127.1.2.3:80":          true,
		"[::1]:1313":            true,
		"localhost:1313":        true,
		"LocalHost":             true,
		"localhost.":            true,
		"site.localhost:1313":   true,
		"devbox:1313":           true,
		"":                      false,
		"evil.com":              false,
		"127.0.0.1.evil.com":    false,
		"localhost.evil.com":    false,
		"evillocalhost":         false,
		"10.0.0.2:1313":         false,
		"[::]:1313":             false,
		"devbox.evil.com":       false,
		"2130706433":            false,
		"127.0.0.1:1313@evil":   false,
		"[fe80::1%25eth0]:1313": false,
	} {
		if got := s.hostAllowed(host); got != want {
			t.Errorf("hostAllowed(%q) = %v, want %v", host, got, want)
		}
	}
	any := New(Options{AnyIP: true})
	if !any.hostAllowed("192.168.1.5:1313") || any.hostAllowed("evil.com") {
		t.Error("AnyIP should accept IP addresses and nothing else new")
	}
}

func TestProtect(t *testing.T) {
	var logged []string
	h := protect(func(f string, a ...any) { logged = append(logged, fmt.Sprintf(f, a...)) }, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/boom" {
			panic("boom")
		}
		w.Write([]byte("fine"))
	}))
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest("GET", "/boom", nil))
	if rec.Code != 500 || len(logged) != 1 || !strings.Contains(logged[0], "boom") {
		t.Errorf("panic: status %d, logged %q", rec.Code, logged)
	}
	rec = httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest("GET", "/", nil))
	if rec.Code != 200 || rec.Body.String() != "fine" {
		t.Errorf("after a panic: %d %q", rec.Code, rec.Body)
	}
	defer func() {
		if recover() != http.ErrAbortHandler {
			t.Error("http.ErrAbortHandler must pass through")
		}
	}()
	protect(t.Logf, http.HandlerFunc(func(http.ResponseWriter, *http.Request) { panic(http.ErrAbortHandler) })).ServeHTTP(httptest.NewRecorder(), httptest.NewRequest("GET", "/", nil))
}

// stream reads server-sent events.
type stream struct {
	r    *bufio.Reader
	body interface{ Close() error }
}

func openStream(t *testing.T, ctx context.Context, client *http.Client, url string) *stream {
	t.Helper()
	req, _ := http.NewRequestWithContext(ctx, "GET", url+"/__counterpoint/events", nil)
	resp, err := client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	if resp.StatusCode != 200 {
		t.Fatalf("events: status %d", resp.StatusCode)
	}
	return &stream{r: bufio.NewReader(resp.Body), body: resp.Body}
}

// next returns the next event's name and data.
func (s *stream) next() (string, string, error) {
	var event, data string
	for {
		line, err := s.r.ReadString('\n')
		if err != nil {
			return "", "", err
		}
		line = strings.TrimSuffix(line, "\n")
		switch {
		case line == "" && event != "":
			return event, data, nil
		case strings.HasPrefix(line, "event: "):
			event = line[len("event: "):]
		case strings.HasPrefix(line, "data: "):
			data = line[len("data: "):]
		}
	}
}

func result(body string) *build.Result {
	return &build.Result{Files: files(
		"index.html", "<html><body>"+body+"</body></html>",
		"demands/a/index.html", "<html><body>a</body></html>",
		"404.html", "<html><body>404</body></html>",
	)}
}

func TestEventsPublishAndFail(t *testing.T) {
	srv := New(Options{})
	srv.Publish(result("one"))
	ts := httptest.NewServer(srv)
	defer ts.Close()
	st := openStream(t, t.Context(), ts.Client(), ts.URL)
	defer st.body.Close()

	ev, data, err := st.next()
	var hello helloData
	json.Unmarshal([]byte(data), &hello)
	if err != nil || ev != "hello" || hello.Build != srv.state.Load().build || hello.Errors != nil {
		t.Fatalf("first event %q %s %v", ev, data, err)
	}

	srv.Publish(result("two"))
	ev, data, _ = st.next()
	var ch Change
	json.Unmarshal([]byte(data), &ch)
	if ev != "change" || !slices.Equal(ch.Pages, []string{"/"}) || ch.Reload || ch.Build == hello.Build || ch.Base != "/" {
		t.Fatalf("after publishing: %q %s", ev, data)
	}

	srv.Fail(diag.List{{Path: "content/a.md", Line: 3, Col: 5, Msg: "unknown link target [[<script>alert(1)</script>]]"}})
	ev, data, _ = st.next()
	var broken helloData
	json.Unmarshal([]byte(data), &broken)
	if ev != "errors" || len(broken.Errors) != 1 || broken.Errors[0].Text != "content/a.md:3:5: unknown link target [[<script>alert(1)</script>]]" || broken.Build != ch.Build {
		t.Fatalf("after failing: %q %s", ev, data)
	}
	if strings.Contains(data, "<script>") {
		t.Errorf("markup not escaped in the event stream: %s", data)
	}

	// The last good build is still served, and a page opened now gets
	// the errors on connecting.
	resp, _ := ts.Client().Get(ts.URL + "/")
	resp.Body.Close()
	if resp.StatusCode != 200 {
		t.Errorf("while broken: status %d", resp.StatusCode)
	}
	st2 := openStream(t, t.Context(), ts.Client(), ts.URL)
	defer st2.body.Close()
	if ev, data, _ := st2.next(); ev != "hello" || !strings.Contains(data, "content/a.md:3:5") {
		t.Errorf("hello while broken: %q %s", ev, data)
	}

	srv.Publish(result("two"))
	if ev, data, _ := st.next(); ev != "change" || !strings.Contains(data, `"pages":[]`) {
		t.Errorf("after fixing without page changes: %q %s", ev, data)
	}
}

// Two hundred pages connect at once and then all go away: every goroutine
// the server started for them ends.
func TestEventsManyClientsLeaveNoGoroutines(t *testing.T) {
	srv := New(Options{})
	srv.Publish(result("one"))
	ts := httptest.NewServer(srv)
	defer ts.Close()
	tr := &http.Transport{MaxIdleConnsPerHost: 256, MaxConnsPerHost: 256}
	client := &http.Client{Transport: tr}
	defer tr.CloseIdleConnections()
	baseline := runtime.NumGoroutine()

	const n = 200
	ctx, cancel := context.WithCancel(context.Background())
	var wg sync.WaitGroup
	got := make(chan string, n)
	for range n {
		wg.Go(func() {
			st := openStream(t, ctx, client, ts.URL)
			defer st.body.Close()
			if ev, _, err := st.next(); err != nil || ev != "hello" {
				got <- fmt.Sprintf("hello: %q %v", ev, err)
				return
			}
			ev, _, err := st.next()
			got <- fmt.Sprintf("%s %v", ev, err)
		})
	}
	for deadline := time.Now().Add(2 * time.Minute); srv.hub.count() < n; {
		if time.Now().After(deadline) {
			t.Fatalf("only %d of %d clients connected", srv.hub.count(), n)
		}
		time.Sleep(5 * time.Millisecond)
	}
	// Concurrent requests while builds are swapped in: run with -race.
	var rw sync.WaitGroup
	for range 4 {
		rw.Go(func() {
			for range 20 {
				if r, err := client.Get(ts.URL + "/demands/a/"); err == nil {
					r.Body.Close()
				}
			}
		})
	}
	srv.Publish(result("two"))
	rw.Wait()
	for range n {
		if s := <-got; s != "change <nil>" {
			t.Fatalf("a client got %s", s)
		}
	}
	cancel()
	wg.Wait()
	tr.CloseIdleConnections()

	deadline := time.Now().Add(2 * time.Minute)
	for runtime.NumGoroutine() > baseline || srv.hub.count() > 0 {
		if time.Now().After(deadline) {
			buf := make([]byte, 1<<20)
			t.Fatalf("goroutines: %d, baseline %d; clients %d\n%s", runtime.NumGoroutine(), baseline, srv.hub.count(), buf[:runtime.Stack(buf, true)])
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// A page that cannot keep up is cut off rather than slowing the others or
// holding memory; it reconnects and catches up by build id.
func TestHubDropsSlowClient(t *testing.T) {
	h := newHub()
	slow, fast := h.subscribe(), h.subscribe()
	for i := range clientQueue + 1 {
		h.broadcast([]byte{byte(i)})
		<-fast
	}
	if _, ok := <-slow; !ok {
		t.Fatal("slow client's queue should hold messages before the cut")
	}
	n := 1
	for range slow {
		n++
	}
	if n != clientQueue || h.count() != 1 {
		t.Errorf("slow client got %d messages then the cut; %d clients left", n, h.count())
	}
	h.close()
	if _, ok := <-fast; ok {
		t.Error("close should end every stream")
	}
	if h.subscribe() != nil {
		t.Error("subscribing after close")
	}
	h.unsubscribe(fast) // no double close
}

func TestCleanPath(t *testing.T) {
	for target, want := range map[string]string{
		"/":                "/",
		"/demands/a/":      "/demands/a/",
		"/a%20b.html":      "/a b.html",
		"/caf%C3%A9/":      "/café/",
		"/../x":            "",
		"/%2e%2e/x":        "",
		"/a/%2E/b":         "",
		"/a%2fb":           "",
		"/a%5Cb":           "",
		"/a%00":            "",
		"/%252e%252e/":     "",
		"//x":              "",
		"/a/b/..":          "",
		"/a/b/.":           "",
		"/a..b/c...d":      "/a..b/c...d",
		"/%e2%80%ae/spoof": "/\u202e/spoof",
	} {
		r := httptest.NewRequest("GET", "http://127.0.0.1"+target, nil)
		got, ok := cleanPath(r)
		if !ok {
			got = ""
		}
		if got != want {
			t.Errorf("cleanPath(%q) = %q, want %q", target, got, want)
		}
	}
}
