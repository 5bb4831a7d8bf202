package serve

import (
	"net"
	"net/http"
	"net/url"
	"runtime/debug"
	"strings"
)

// A development server runs on the writer's machine next to a browser that
// visits arbitrary sites. Those sites can make the browser send requests
// to 127.0.0.1, and with DNS rebinding (evil.example resolving to
// 127.0.0.1) even read the answers as same-origin. So the server answers
// only requests that name it by a loopback address or a localhost name
// (or the name it was bound to), refuses cross-origin use of the event
// stream, sends no CORS headers, and accepts only clean paths.

// hostAllowed reports whether the Host header names this server in a way
// a rebinding attack cannot fake.
func (s *Server) hostAllowed(hostport string) bool {
	h := hostport
	if hh, port, err := net.SplitHostPort(hostport); err == nil {
		if strings.Trim(port, "0123456789") != "" {
			return false
		}
		h = hh
	}
	h = strings.TrimSuffix(strings.ToLower(strings.TrimSuffix(strings.TrimPrefix(h, "["), "]")), ".")
	if h == "" {
		return false
	}
	if h == "localhost" || strings.HasSuffix(h, ".localhost") {
		return true
	}
	if ip := net.ParseIP(h); ip != nil {
		return ip.IsLoopback() || s.opts.AnyIP
	}
	for _, n := range s.opts.Hosts {
		if n != "" && strings.EqualFold(strings.TrimSuffix(n, "."), h) {
			return true
		}
	}
	return false
}

// cleanPath returns the request's decoded path if it is one a site file
// can have: absolute, no "." or ".." segments (however encoded), no empty
// segments, no backslashes, NUL or control characters, no encoded slashes
// and no double encoding.
func cleanPath(r *http.Request) (string, bool) {
	raw := r.URL.EscapedPath()
	if raw == "" || raw[0] != '/' {
		return "", false
	}
	low := strings.ToLower(raw)
	for _, bad := range []string{"%2f", "%5c", "%00", "%25", "\\"} {
		if strings.Contains(low, bad) {
			return "", false
		}
	}
	p := r.URL.Path
	if p == "" || p[0] != '/' || strings.Contains(p, "//") {
		return "", false
	}
	for i := 0; i < len(p); i++ {
		if c := p[i]; c < 0x20 || c == 0x7f || c == '\\' || c == '%' {
			return "", false
		}
	}
	for seg := range strings.SplitSeq(p[1:], "/") {
		if seg == "." || seg == ".." {
			return "", false
		}
	}
	return p, true
}

// sameOrigin reports whether a request to the event stream comes from a
// page of this server. Browsers send Origin on cross-origin requests and
// Sec-Fetch-Site on all of them; a request with neither (curl, a test) is
// not a browser being abused.
func sameOrigin(r *http.Request) bool {
	if r.Header.Get("Sec-Fetch-Site") == "cross-site" {
		return false
	}
	o := r.Header.Get("Origin")
	if o == "" {
		return true
	}
	u, err := url.Parse(o)
	if err != nil || u.Scheme != "http" || u.Host == "" || u.Path != "" {
		return false
	}
	return strings.EqualFold(u.Host, r.Host)
}

// protect turns a panic in h into a 500 for that request alone, so one bad
// request never stops the server (net/http would drop the connection).
func protect(logf func(string, ...any), h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		tw := &trackingWriter{ResponseWriter: w}
		defer func() {
			v := recover()
			if v == nil {
				return
			}
			if v == http.ErrAbortHandler {
				panic(v)
			}
			logf("serve: panic answering %s %q: %v\n%s", r.Method, r.URL.Path, v, debug.Stack())
			if !tw.wrote {
				http.Error(tw, "500 internal server error", http.StatusInternalServerError)
			}
		}()
		h.ServeHTTP(tw, r)
	})
}

// trackingWriter remembers whether a response was started. Unwrap lets
// http.ResponseController reach the real writer to flush event streams.
type trackingWriter struct {
	http.ResponseWriter
	wrote bool
}

func (t *trackingWriter) WriteHeader(code int) {
	t.wrote = true
	t.ResponseWriter.WriteHeader(code)
}

func (t *trackingWriter) Write(b []byte) (int, error) {
	t.wrote = true
	return t.ResponseWriter.Write(b)
}

func (t *trackingWriter) Unwrap() http.ResponseWriter { return t.ResponseWriter }
