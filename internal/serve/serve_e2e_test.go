package serve_test

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/counterpoint-ssg/counterpoint/internal/build"
)

// Every kind of change a writer, an editor or git makes, one after the
// other on one running server; after each, the served site must equal a
// clean build of the files.
func TestServeFollowsChanges(t *testing.T) {
	dir := smallSite(t)
	s := startServe(t, dir)
	at := func(rel string) string { return filepath.Join(dir, filepath.FromSlash(rel)) }
	prev := s.synced(nil)
	away := t.TempDir()
	steps := []struct {
		name string
		do   func()
	}{
		{"edit", func() { writeFile(t, dir, "content/demands/alpha.md", demand("Alpha edited", "New alpha text.")) }},
		{"create in a new directory", func() {
			writeFile(t, dir, "content/essays/2022/one.md", page("Essay one", "One."))
			writeFile(t, dir, "content/essays/2022/two.md", page("Essay two", "Two, see [[alpha]]."))
		}},
		{"delete", func() { os.Remove(at("content/demands/beta.md")) }},
		{"rename a file", func() { os.Rename(at("content/notes/first.md"), at("content/notes/renamed.md")) }},
		{"rename a directory", func() { os.Rename(at("content/notes"), at("content/articles")) }},
		{"delete a directory", func() { os.RemoveAll(at("content/essays")) }},
		{"atomic save", func() {
			tmp := at("content/demands/.alpha.md.tmp")
			os.WriteFile(tmp, []byte(demand("Alpha saved atomically", "Saved.")), 0o644)
			os.Rename(tmp, at("content/demands/alpha.md"))
		}},
		{"vim-style save with backup and probe", func() {
			os.WriteFile(at("content/4913"), nil, 0o644)
			os.Remove(at("content/4913"))
			os.Rename(at("content/about.md"), at("content/about.md~"))
			os.WriteFile(at("content/about.md"), []byte(page("About, by vim", "Vim.")), 0o644)
			os.Remove(at("content/about.md~"))
		}},
		{"layouts created later", func() {
			writeFile(t, dir, "layouts/partials/footer.html", `<footer class="custom">custom footer</footer>`)
		}},
		{"asset", func() { writeFile(t, dir, "assets/extra.css", "body{color:#123}") }},
		{"content static file", func() {
			writeFile(t, dir, "content/articles/deep/diagram.svg", `<svg xmlns="http://www.w3.org/2000/svg" width="2"/>`)
		}},
		{"directory moved out of the site", func() { os.Rename(at("content/articles"), filepath.Join(away, "articles")) }},
		{"directory moved back in", func() { os.Rename(filepath.Join(away, "articles"), at("content/back")) }},
	}
	for _, st := range steps {
		st.do()
		next := s.synced(prev)
		if sameFiles(prev, next) {
			t.Fatalf("%s: the step changed nothing in the output; the test proves nothing", st.name)
		}
		prev = next
		t.Logf("%s: ok", st.name)
	}
	if !strings.Contains(s.stdout.String(), "rebuilt content/") {
		t.Errorf("no rebuild line printed:\n%s", s.stdout)
	}
}

func sameFiles(a, b *build.Result) bool {
	if len(a.Files) != len(b.Files) {
		return false
	}
	for p, x := range a.Files {
		if y, ok := b.Files[p]; !ok || !bytes.Equal(x, y) {
			return false
		}
	}
	return true
}

// Editor noise alone (swap, backup, lock and probe files, touch, chmod,
// the same content saved again) never triggers a build.
func TestServeIgnoresNoise(t *testing.T) {
	dir := smallSite(t)
	s := startServe(t, dir)
	prev := s.synced(nil)
	n := s.rebuilds()
	for _, name := range []string{"4913", ".alpha.md.swp", ".alpha.md.swx", "#alpha.md#", ".#alpha.md", "alpha.md___jb_tmp___", "alpha.md~", ".DS_Store"} {
		writeFile(t, dir, "content/demands/"+name, "noise")
	}
	p := filepath.Join(dir, "content/demands/alpha.md")
	later := time.Now().Add(time.Minute)
	os.Chtimes(p, later, later)
	os.Chmod(p, 0o600)
	// The same bytes over the old ones, not truncating first: a truncated
	// file is a real change, which a loaded machine gives serve time to see.
	b, _ := os.ReadFile(p)
	f, err := os.OpenFile(p, os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	f.Write(b)
	f.Close()
	// Then a real change, saved atomically: once it is served, the watcher
	// has been through the noise before it, so no wall-clock wait is needed.
	tmp := filepath.Join(dir, "content/demands/.beta.md.tmp")
	os.WriteFile(tmp, []byte(demand("Beta", "Beta after the noise.")), 0o644)
	if err := os.Rename(tmp, filepath.Join(dir, "content/demands/beta.md")); err != nil {
		t.Fatal(err)
	}
	s.synced(prev)
	// The line is printed just after the build is published.
	waitFor(t, "the rebuild line", func() bool { return s.rebuilds() > n })
	var rebuilt []string
	for _, l := range strings.Split(s.stdout.String(), "\n") {
		if strings.HasPrefix(l, "rebuilt ") {
			rebuilt = append(rebuilt, l)
		}
	}
	if len(rebuilt) != n+1 || !strings.HasPrefix(rebuilt[n], "rebuilt content/demands/beta.md: ") {
		t.Errorf("want one rebuild, for beta.md alone; got:\n%s\nstderr:\n%s", strings.Join(rebuilt[n:], "\n"), s.stderr)
	}
}

// A git checkout writes hundreds of files at once: the last build has
// all of them. How many builds that takes depends on how fast the files
// are written against the watcher's 15 ms of quiet, which a loaded machine
// decides; that batching rule is tested on a fake clock in internal/watch
// (TestBatchBurstIsOneChangeSet). Here, files that appear at once (a
// directory moved in) are one build.
func TestServeBurst(t *testing.T) {
	dir := smallSite(t)
	s := startServe(t, dir)
	prev := s.synced(nil)
	n := s.rebuilds()
	term := func(i int) string {
		return fmt.Sprintf("---\ntitle: Term %03d\nshort: Term number %d.\n---\n\nSee [[alpha]].\n", i, i)
	}
	for i := range 300 {
		writeFile(t, dir, fmt.Sprintf("content/glossary/term-%03d.md", i), term(i))
	}
	prev = s.synced(prev)
	t.Logf("300 files written one by one: %d rebuilds", s.rebuilds()-n)

	// Glossary terms live directly in content/glossary/, so the directory
	// moved in holds plain pages.
	away := t.TempDir()
	for i := range 300 {
		writeFile(t, away, fmt.Sprintf("notes/note-%03d.md", 300+i), fmt.Sprintf("---\ntitle: Note %03d\n---\n\nSee [[alpha]].\n", 300+i))
	}
	if err := os.Rename(filepath.Join(away, "notes"), filepath.Join(dir, "content/burst")); err != nil {
		t.Fatal(err)
	}
	s.synced(prev)
	waitFor(t, "the rebuild line", func() bool {
		return strings.Contains(s.stdout.String(), "\nrebuilt content/burst/")
	})
	if !strings.Contains(s.stdout.String(), "\nrebuilt content/burst/note-300.md and 299 more: ") {
		t.Errorf("300 files moved in at once were not one build:\n%s", s.stdout)
	}
}

// Ten thousand events on the same files (writes, touches, rewrites) end
// with the served site equal to a clean build of the last state.
func TestServeEventFlood(t *testing.T) {
	if testing.Short() {
		t.Skip("flood of 10,000 file events")
	}
	dir := smallSite(t)
	const files = 50
	for i := range files {
		writeFile(t, dir, fmt.Sprintf("content/notes/flood/f%02d.md", i), page(fmt.Sprintf("Flood %02d", i), "v0"))
	}
	s := startServe(t, dir)
	prev := s.synced(nil)
	events := 0
	for round := 1; events < 10000; round++ {
		for i := range files {
			p := filepath.Join(dir, fmt.Sprintf("content/notes/flood/f%02d.md", i))
			switch round % 3 {
			case 0:
				now := time.Now()
				os.Chtimes(p, now, now) // one attribute event
				events++
			default:
				// truncate and write: two events
				os.WriteFile(p, []byte(page(fmt.Sprintf("Flood %02d", i), fmt.Sprintf("round %d", round))), 0o644)
				events += 2
			}
		}
	}
	s.synced(prev)
	t.Logf("%d events, %d rebuilds", events, s.rebuilds())
}

func TestServePoll(t *testing.T) {
	dir := smallSite(t)
	s := startServe(t, dir, "--poll")
	prev := s.synced(nil)
	writeFile(t, dir, "content/demands/alpha.md", demand("Alpha polled", "Polled."))
	prev = s.synced(prev)
	os.RemoveAll(filepath.Join(dir, "content/notes"))
	s.synced(prev)
}

// A broken build leaves the last good one served and the errors printed;
// fixing it brings the site back.
func TestServeBrokenBuildKeepsLastGood(t *testing.T) {
	dir := smallSite(t)
	s := startServe(t, dir)
	good := s.synced(nil)
	writeFile(t, dir, "content/demands/alpha.md", demand("Alpha", "Links to [[no-such-page]]."))
	waitFor(t, "the build failure reported", func() bool {
		return strings.Contains(s.stderr.String(), "still serving the last good build")
	})
	if !strings.Contains(s.stderr.String(), "content/demands/alpha.md:8:10: unknown link target") {
		t.Errorf("error not printed as path:line:col:\n%s", s.stderr)
	}
	if why := s.mismatch(good, nil); why != "" {
		t.Fatalf("while broken, the last good build is not what is served: %s", why)
	}
	writeFile(t, dir, "content/demands/alpha.md", demand("Alpha fixed", "Fixed."))
	s.synced(good)
}

// A site that does not build at all still gets served: the errors, until
// it builds.
func TestServeStartsBroken(t *testing.T) {
	dir := smallSite(t)
	writeFile(t, dir, "content/demands/alpha.md", demand("Alpha", "Links to [[<nope>]]."))
	s := startServe(t, dir)
	code, body, _ := s.get("/")
	if code != http.StatusInternalServerError || !strings.Contains(string(body), "content/demands/alpha.md:") || strings.Contains(string(body), "[[<nope>") {
		t.Fatalf("status %d, body:\n%s", code, body)
	}
	writeFile(t, dir, "content/demands/alpha.md", demand("Alpha", "Fine."))
	s.synced(nil)
}

func TestServeBasePath(t *testing.T) {
	dir := smallSite(t)
	s := startServe(t, dir, "--base-url", "https://example.org/sub/")
	if !strings.HasSuffix(s.url, "/sub/") {
		t.Fatalf("printed URL %s does not end in the base path", s.url)
	}
	prev := s.synced(nil)
	if code, _, h := s.get("/"); code != http.StatusFound || h.Get("Location") != "/sub/" {
		t.Errorf("GET / = %d to %q, want a redirect to /sub/", code, h.Get("Location"))
	}
	if code, _, _ := s.get("/demands/alpha/"); code != http.StatusNotFound {
		t.Errorf("page outside the base path: %d, want 404", code)
	}
	writeFile(t, dir, "content/demands/alpha.md", demand("Alpha under sub", "Sub."))
	s.synced(prev)
}

// Directories without index.html are not listed, a directory path without
// its slash is redirected, unknown paths get the site's 404 page.
func TestServeNotFoundAndRedirects(t *testing.T) {
	s := startServe(t, smallSite(t))
	want, err := s.clean()
	if err != nil {
		t.Fatal(err)
	}
	code, body, h := s.get("/no/such/page/")
	if code != http.StatusNotFound || string(strip(body)) != string(want.Files["404.html"]) {
		t.Errorf("unknown page: %d, site's 404 page: %v", code, string(strip(body)) == string(want.Files["404.html"]))
	}
	if !strings.Contains(string(body), `data-notfound`) || h.Get("Content-Type") != "text/html; charset=utf-8" {
		t.Errorf("404 page lacks the reload script or has type %q", h.Get("Content-Type"))
	}
	if code, _, _ := s.get("/assets/"); code != http.StatusNotFound {
		t.Errorf("directory listing: %d, want 404", code)
	}
	if code, _, h := s.get("/demands/alpha?x=1"); code != http.StatusFound || h.Get("Location") != "/demands/alpha/?x=1" {
		t.Errorf("GET /demands/alpha = %d to %q", code, h.Get("Location"))
	}
	for p, ct := range map[string]string{"/": "text/html; charset=utf-8", "/sitemap.xml": "application/xml; charset=utf-8", "/notes/deep/diagram.svg": "image/svg+xml"} {
		_, _, h := s.get(p)
		if h.Get("Content-Type") != ct || h.Get("X-Content-Type-Options") != "nosniff" || h.Get("Cache-Control") != "no-store" || h.Get("Access-Control-Allow-Origin") != "" {
			t.Errorf("%s headers: %v", p, h)
		}
	}
}

// Stopping with connected pages is prompt: the server ends the event
// streams itself rather than Shutdown waiting for them, giving up after
// its 5 s and cutting the connections. A stream ended by the server
// reads to a clean end; a cut one ends in io.ErrUnexpectedEOF. (No
// stopwatch: a loaded machine may take seconds either way.)
func TestServeStopsWithOpenStreams(t *testing.T) {
	s := startServe(t, smallSite(t))
	var bodies []*bufio.Reader
	for range 5 {
		resp, err := http.Get(s.origin + "/__counterpoint/events")
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		r := bufio.NewReader(resp.Body)
		// Wait for the hello, so the stream is open on the server's side.
		for {
			l, err := r.ReadString('\n')
			if err != nil {
				t.Fatal(err)
			}
			if strings.HasPrefix(l, "event: hello") {
				break
			}
		}
		bodies = append(bodies, r)
	}
	s.stop()
	for i, r := range bodies {
		if _, err := io.ReadAll(r); err != nil {
			t.Errorf("stream %d: %v (cut off by the shutdown, not ended by the server)", i, err)
		}
	}
}
