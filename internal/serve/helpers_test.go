package serve_test

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/counterpoint-ssg/counterpoint/internal/build"
	"github.com/counterpoint-ssg/counterpoint/internal/cli"
)

// These tests drive the real command, cli.Main("serve", ...), over real
// HTTP and a real temporary site directory, and judge the served site
// against a clean build.Build of the same files.

// syncBuffer is an io.Writer the server writes to while the test reads it.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// server is one running `counterpoint serve`.
type server struct {
	t       *testing.T
	dir     string
	origin  string // "http://127.0.0.1:PORT"
	url     string // origin + base path
	in      build.Inputs
	stdout  *syncBuffer
	stderr  *syncBuffer
	cancel  context.CancelFunc
	done    chan int
	client  *http.Client
	stopped bool
}

var servingRE = regexp.MustCompile(`serving (http://[^/\s]+)(/\S*) `)

// startServe runs serve on a free port for the site in dir and waits until
// it prints its address. It is stopped when the test ends.
func startServe(t testing.TB, dir string, flags ...string) *server {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	s := &server{dir: dir, stdout: &syncBuffer{}, stderr: &syncBuffer{}, cancel: cancel, done: make(chan int, 1),
		in: build.Inputs{FS: os.DirFS(dir)}}
	if tt, ok := t.(*testing.T); ok {
		s.t = tt
	}
	for i, f := range flags {
		switch {
		case f == "--drafts":
			s.in.Drafts = true
		case f == "--base-url" && i+1 < len(flags):
			s.in.BaseURL = flags[i+1]
		}
	}
	args := append([]string{"serve", "--source", dir, "--addr", "127.0.0.1:0"}, flags...)
	go func() { s.done <- cli.Main(ctx, args, s.stdout, s.stderr) }()
	deadline := time.Now().Add(2 * time.Minute)
	for {
		if m := servingRE.FindStringSubmatch(s.stdout.String()); m != nil {
			s.origin, s.url = m[1], m[1]+m[2]
			break
		}
		select {
		case code := <-s.done:
			cancel()
			t.Fatalf("serve exited with %d before serving\nstdout:\n%s\nstderr:\n%s", code, s.stdout, s.stderr)
		case <-time.After(10 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			cancel()
			t.Fatalf("serve printed no address\nstdout:\n%s\nstderr:\n%s", s.stdout, s.stderr)
		}
	}
	s.client = &http.Client{
		Timeout:       2 * time.Minute,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
		Transport:     &http.Transport{MaxIdleConnsPerHost: 4, DisableCompression: true},
	}
	t.Cleanup(s.stop)
	return s
}

// stop cancels the command's context, as SIGINT does, and checks that it
// shuts down promptly with status 0.
func (s *server) stop() {
	if s.stopped {
		return
	}
	s.stopped = true
	s.cancel()
	select {
	case code := <-s.done:
		if code != 0 && s.t != nil {
			s.t.Errorf("serve exited with %d\nstderr:\n%s", code, s.stderr)
		}
	case <-time.After(2 * time.Minute):
		if s.t != nil {
			s.t.Errorf("serve did not stop within 2 minutes of cancelling")
		}
	}
	s.client.CloseIdleConnections()
}

// rebuilds counts the "rebuilt" lines printed so far.
func (s *server) rebuilds() int { return strings.Count(s.stdout.String(), "\nrebuilt ") }

func (s *server) get(path string) (int, []byte, http.Header) {
	s.t.Helper()
	resp, err := s.client.Get(s.origin + path)
	if err != nil {
		s.t.Fatalf("GET %s: %v", path, err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		s.t.Fatalf("GET %s: %v", path, err)
	}
	return resp.StatusCode, b, resp.Header
}

var injected = regexp.MustCompile(`<script src="/__counterpoint/reload\.js" data-build="[^"]*"( data-notfound)? defer></script>\n?`)

// strip removes the live-reload script that serve adds to HTML.
func strip(b []byte) []byte { return injected.ReplaceAll(b, nil) }

// clean builds the site from scratch, as `counterpoint build` would.
func (s *server) clean() (*build.Result, error) {
	return build.Build(context.Background(), s.in)
}

// urlPath is where a browser asks for an output file.
func (s *server) urlPath(p string) string {
	base := strings.TrimPrefix(s.url, s.origin)
	if p == "index.html" {
		return base
	}
	if d, ok := strings.CutSuffix(p, "/index.html"); ok {
		return base + d + "/"
	}
	return base + p
}

// mismatch compares the served site with a clean build: every file must
// be served with the same bytes (but for the injected script), and every
// path in gone must answer 404. It returns "" when they agree.
func (s *server) mismatch(want *build.Result, gone []string) string {
	for _, p := range want.Paths() {
		code, body, _ := s.get(s.urlPath(p))
		if code != http.StatusOK {
			return fmt.Sprintf("%s: status %d", p, code)
		}
		if !bytes.Equal(strip(body), want.Files[p]) {
			return fmt.Sprintf("%s: served %d bytes differ from the clean build's %d", p, len(strip(body)), len(want.Files[p]))
		}
	}
	for _, p := range gone {
		if _, ok := want.Files[p]; ok {
			continue
		}
		if code, _, _ := s.get(s.urlPath(p)); code != http.StatusNotFound {
			return fmt.Sprintf("%s: status %d, want 404 (it is not in the clean build)", p, code)
		}
	}
	return ""
}

// synced waits until the served site equals a clean build of the files as
// they are now, and returns that build. before is the clean build of an
// earlier state: its paths missing from the new build must be gone.
func (s *server) synced(before *build.Result) *build.Result {
	s.t.Helper()
	deadline := time.Now().Add(2 * time.Minute)
	var why string
	for time.Now().Before(deadline) {
		want, err := s.clean()
		if err != nil {
			s.t.Fatalf("the clean build fails: %v", err)
		}
		var gone []string
		if before != nil {
			gone = before.Paths()
		}
		if why = s.mismatch(want, gone); why == "" {
			return want
		}
		time.Sleep(30 * time.Millisecond)
	}
	s.t.Fatalf("served site never matched a clean build: %s\nstdout:\n%s\nstderr:\n%s", why, s.stdout, s.stderr)
	return nil
}

// Site files.

func writeFile(t testing.TB, dir, rel, content string) {
	t.Helper()
	p := filepath.Join(dir, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

func demand(title, body string) string {
	return "---\ntitle: " + title + "\nclaimant: Russia\ndate: 2022-01-01\nsummary: A demand.\n---\n\n" + body + "\n"
}

func page(title, body string) string {
	return "---\ntitle: " + title + "\nsummary: A page.\n---\n\n" + body + "\n"
}

// smallSite is a site with a few of each kind, all links valid.
func smallSite(t testing.TB) string {
	t.Helper()
	dir := t.TempDir()
	writeSmallContent(t, dir)
	return dir
}

// writeSmallContent writes smallSite's content/ into dir.
func writeSmallContent(t testing.TB, dir string) {
	t.Helper()
	files := map[string]string{
		"content/_index.md":                 "---\ntitle: Test site\nsummary: A site for tests.\n---\n\nSee [[alpha]] and [[nato]].\n",
		"content/about.md":                  page("About", "About this site."),
		"content/demands/alpha.md":          demand("Alpha", "Alpha text. See [[NATO]]."),
		"content/demands/beta.md":           demand("Beta", "Beta text."),
		"content/counterpositions/reply.md": "---\ntitle: Reply\nrespondent: NATO\nresponds_to: [alpha]\ndate: 2022-01-02\nsummary: A reply.\n---\n\nReply text.\n",
		"content/glossary/nato.md":          "---\ntitle: NATO\nshort: The North Atlantic alliance.\n---\n\nAn alliance.\n",
		"content/timeline/summit.md":        "---\ntitle: Summit\ndate: 2021-12-07\nrelated: [alpha]\n---\n\nA summit.\n",
		"content/notes/first.md":            page("First note", "First."),
		"content/notes/deep/second.md":      page("Second note", "Second."),
		"content/notes/deep/diagram.svg":    `<svg xmlns="http://www.w3.org/2000/svg"/>`,
	}
	for p, c := range files {
		writeFile(t, dir, p, c)
	}
}
