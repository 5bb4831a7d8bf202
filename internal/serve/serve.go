// Package serve serves a built site from memory for live preview and tells
// the browsers showing it when it changes.
//
// A Server holds the current build behind an atomic pointer: Publish swaps
// a complete new Result in, so a request sees one build or the next, never
// a mix, and Fail records that the latest build broke while the last good
// one goes on being served. Nothing is read from disk: a request can only
// ever get a file of the Result, which rules out path traversal by
// construction; the request checks in guard.go are a second fence and keep
// odd requests out of the logs.
//
// HTML is served with a small script added at the end (the Result itself
// stays clean, as it would be written to public/). The script listens on
// /__counterpoint/events, a Server-Sent Events stream, and after each build
// it is told which pages changed: a page reloads itself if it is among
// them (keeping its scroll position), swaps stylesheets in place if only
// CSS changed, and shows an overlay with every error while the build is
// broken. On reconnecting, a page whose build is not the server's current
// one reloads, which also covers a restarted server.
//
// The server is meant for a developer's own machine: see guard.go for the
// checks against DNS rebinding and cross-origin use.
package serve

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"sync/atomic"

	"github.com/counterpoint-ssg/counterpoint/internal/build"
	"github.com/counterpoint-ssg/counterpoint/internal/diag"
)

// Options configure a Server.
type Options struct {
	// Hosts are host names that requests may name besides loopback
	// addresses, localhost and *.localhost: the name the server was
	// bound to, say.
	Hosts []string
	// AnyIP accepts a request naming any IP address as its host, for a
	// server bound to a non-loopback address on purpose. IP addresses are
	// safe from DNS rebinding; names are not.
	AnyIP bool
	// Logf reports handler panics; nil discards them.
	Logf func(format string, args ...any)
	// Audit, when set, renders the page served at /__counterpoint/audit.
	Audit AuditPage
	// Editor, when set, gives the URL that opens a file of the site at a
	// line in the writer's editor (vscode://file/...); the overlay links
	// every error and warning to it.
	Editor func(path string, line, col int) string
}

// Server is an http.Handler over the current build.
type Server struct {
	opts  Options
	state atomic.Pointer[state]
	hub   *hub
	nonce string
	seq   atomic.Uint64
}

// state is one published build, or the last good one with the errors of
// the build that failed after it.
type state struct {
	res   *build.Result // nil until a build succeeds
	build string        // id of res, sent to pages to tell builds apart
	base  string        // path the site lives under: "/" or "/sub/"
	errs  []Problem     // non-nil while the latest build is broken
	warns []Problem     // of the latest build
}

// Problem is one build error as the browser overlay shows it.
type Problem struct {
	Path string `json:"path,omitempty"`
	Line int    `json:"line,omitempty"`
	Col  int    `json:"col,omitempty"`
	Msg  string `json:"msg"`
	// Text is the whole error as the terminal prints it: path:line:col: msg.
	Text string `json:"text"`
	// Href opens the file at the line in an editor (Options.Editor).
	Href string `json:"href,omitempty"`

	warning bool
}

// New returns a Server with nothing published yet: until Publish or Fail
// is called, every page answers 503.
func New(opts Options) *Server {
	if opts.Logf == nil {
		opts.Logf = func(string, ...any) {}
	}
	b := make([]byte, 4)
	rand.Read(b)
	return &Server{opts: opts, hub: newHub(), nonce: hex.EncodeToString(b)}
}

func (s *Server) nextID() string {
	return fmt.Sprintf("%s-%d", s.nonce, s.seq.Add(1))
}

// Publish makes res the build that is served and tells every connected
// page what changed. It returns that change. Publish and Fail are meant to
// be called from one goroutine, the one that builds.
func (s *Server) Publish(res *build.Result) Change {
	old := s.state.Load()
	st := &state{res: res, build: s.nextID(), base: basePath(res)}
	st.warns = s.problems(res.Warnings)
	var ch Change
	if old == nil || old.res == nil || old.base != st.base {
		ch = Change{Reload: true, Files: len(res.Files)}
	} else {
		ch = diff(old.res.Files, res.Files, st.base)
	}
	ch.Build, ch.Base, ch.Warnings = st.build, st.base, st.warns
	s.state.Store(st)
	s.hub.broadcast(message("change", ch))
	return ch
}

// Fail records that the latest build failed with err: the last good build
// stays, and every page shows err in an overlay until the next Publish.
func (s *Server) Fail(err error) {
	old := s.state.Load()
	st := &state{build: s.nextID(), base: "/"}
	for _, p := range s.problems(err) {
		if p.warning {
			st.warns = append(st.warns, p)
		} else {
			st.errs = append(st.errs, p)
		}
	}
	if old != nil {
		st.res, st.base = old.res, old.base
		if old.res != nil {
			st.build = old.build
		}
	}
	s.state.Store(st)
	s.hub.broadcast(message("errors", helloData{Build: st.build, Errors: st.errs, Warnings: st.warns}))
}

// Close ends every event stream, so that http.Server.Shutdown, which waits
// for running handlers, does not wait for them. Register it with
// http.Server.RegisterOnShutdown. Pages reconnect to the next server.
func (s *Server) Close() { s.hub.close() }

// problems flattens a build error, or a list of warnings, into what the
// overlay lists.
func (s *Server) problems(err error) []Problem {
	var list diag.List
	var one *diag.Error
	switch {
	case err == nil:
		return nil
	case errors.As(err, &list):
	case errors.As(err, &one):
		list = diag.List{one}
	default:
		return []Problem{{Msg: err.Error(), Text: err.Error()}}
	}
	out := make([]Problem, 0, len(list))
	for _, e := range list {
		p := Problem{Path: e.Path, Line: e.Line, Col: e.Col, Msg: e.Msg, Text: e.Error(), warning: e.Warning}
		if s.opts.Editor != nil && e.Path != "" && !strings.HasPrefix(e.Path, "built-in ") {
			p.Href = s.opts.Editor(e.Path, max(e.Line, 1), max(e.Col, 1))
		}
		out = append(out, p)
	}
	return out
}

// basePath is the path part of the site's base URL, as the build used it
// for every internal link: "/" or "/sub/".
func basePath(res *build.Result) string {
	if res == nil || res.Site == nil {
		return "/"
	}
	u, err := url.Parse(res.Site.BaseURL)
	if err != nil || u.Path == "" {
		return "/"
	}
	p := u.Path
	if !strings.HasPrefix(p, "/") {
		p = "/" + p
	}
	if !strings.HasSuffix(p, "/") {
		p += "/"
	}
	return p
}

// ServeHTTP answers one request.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	protect(s.opts.Logf, http.HandlerFunc(s.serve)).ServeHTTP(w, r)
}

func (s *Server) serve(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Cache-Control", "no-store")
	if !s.hostAllowed(r.Host) {
		http.Error(w, "403 forbidden: this development server answers only to 127.0.0.1, [::1], localhost and *.localhost (protection against DNS rebinding)", http.StatusForbidden)
		return
	}
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		h.Set("Allow", "GET, HEAD")
		http.Error(w, "405 method not allowed", http.StatusMethodNotAllowed)
		return
	}
	p, ok := cleanPath(r)
	if !ok {
		http.Error(w, "400 bad request: malformed path", http.StatusBadRequest)
		return
	}
	if rest, ok := strings.CutPrefix(p, internalPrefix); ok {
		s.serveInternal(w, r, rest)
		return
	}
	st := s.state.Load()
	if st == nil {
		http.Error(w, "503 the site is being built; try again in a moment", http.StatusServiceUnavailable)
		return
	}
	s.servePage(w, r, st, p)
}

// Base is the path the current build is served under: "/" or "/sub/".
func (s *Server) Base() string {
	if st := s.state.Load(); st != nil {
		return st.base
	}
	return "/"
}
