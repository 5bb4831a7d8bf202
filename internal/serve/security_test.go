package serve_test

import (
	"bufio"
	"io"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"
)

// raw sends one request exactly as written (no client normalising its
// path) and returns the response status and body.
func raw(t *testing.T, addr, request string) (int, string, http.Header) {
	t.Helper()
	conn, err := net.DialTimeout("tcp", addr, time.Minute)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	conn.SetDeadline(time.Now().Add(2 * time.Minute))
	if _, err := io.WriteString(conn, request); err != nil {
		t.Fatal(err)
	}
	resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		t.Fatalf("reading the answer to %q: %v", request, err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b), resp.Header
}

func TestServeRefusesHostileRequests(t *testing.T) {
	dir := smallSite(t)
	writeFile(t, dir, "secret.txt", "TOP-SECRET")
	s := startServe(t, dir)
	addr := strings.TrimPrefix(s.origin, "http://")
	_, port, _ := net.SplitHostPort(addr)
	good := "Host: " + addr + "\r\n"
	cases := []struct {
		name, target, headers string
		method                string
		want                  int
	}{
		// Traversal, however spelled.
		{"dot-dot", "/../../etc/passwd", good, "", 400},
		{"dot-dot to the site root", "/../secret.txt", good, "", 400},
		{"dot-dot inside", "/demands/../index.html", good, "", 400},
		{"dot segment", "/./index.html", good, "", 400},
		{"encoded dots", "/%2e%2e/%2e%2e/etc/passwd", good, "", 400},
		{"encoded dots upper case", "/%2E%2E/secret.txt", good, "", 400},
		{"half-encoded dots", "/.%2e/secret.txt", good, "", 400},
		{"half-encoded dots 2", "/%2e./secret.txt", good, "", 400},
		{"encoded slash", "/..%2f..%2fsecret.txt", good, "", 400},
		{"encoded slash upper case", "/demands%2Falpha%2Findex.html", good, "", 400},
		{"double-encoded dots", "/%252e%252e/secret.txt", good, "", 400},
		{"double-encoded slash", "/..%252f..%252fsecret.txt", good, "", 400},
		{"backslashes", `/..\..\secret.txt`, good, "", 400},
		{"encoded backslashes", "/%5c..%5c..%5csecret.txt", good, "", 400},
		{"encoded dots and backslashes", "/%2e%2e%5c%2e%2e%5csecret.txt", good, "", 400},
		{"NUL", "/index.html%00.txt", good, "", 400},
		{"control character", "/index%0a.html", good, "", 400},
		{"empty segment", "//etc/passwd", good, "", 400},
		{"overlong UTF-8 dots", "/%c0%ae%c0%ae/secret.txt", good, "", 404},
		{"internal endpoint traversal", "/__counterpoint/../secret.txt", good, "", 400},
		{"unknown internal endpoint", "/__counterpoint/secret", good, "", 404},
		{"file outside the build", "/secret.txt", good, "", 404},
		{"source file", "/content/_index.md", good, "", 404},
		// DNS rebinding: names that are not this server.
		{"foreign host", "/", "Host: evil.com\r\n", "", 403},
		{"foreign host with port", "/", "Host: evil.com:" + port + "\r\n", "", 403},
		{"loopback-looking name", "/", "Host: 127.0.0.1.evil.com\r\n", "", 403},
		{"localhost-looking name", "/", "Host: localhost.evil.com\r\n", "", 403},
		{"localhost inside a name", "/", "Host: app.localhost.evil.com:" + port + "\r\n", "", 403},
		{"private address", "/", "Host: 10.0.0.1:" + port + "\r\n", "", 403},
		{"unspecified address", "/", "Host: 0.0.0.0:" + port + "\r\n", "", 403},
		{"decimal IP", "/", "Host: 2130706433\r\n", "", 403},
		{"absolute-form URL", "http://evil.com/", good, "", 403},
		{"rebinding to the event stream", "/__counterpoint/events", "Host: evil.com\r\n", "", 403},
		// Cross-origin use of the event stream.
		{"foreign origin", "/__counterpoint/events", good + "Origin: http://evil.com\r\n", "", 403},
		{"null origin", "/__counterpoint/events", good + "Origin: null\r\n", "", 403},
		{"other port", "/__counterpoint/events", good + "Origin: http://127.0.0.1:1\r\n", "", 403},
		{"other scheme", "/__counterpoint/events", good + "Origin: https://" + addr + "\r\n", "", 403},
		{"look-alike origin", "/__counterpoint/events", good + "Origin: http://" + addr + ".evil.com\r\n", "", 403},
		{"cross-site fetch", "/__counterpoint/events", good + "Sec-Fetch-Site: cross-site\r\n", "", 403},
		// Only reading.
		{"POST", "/", good + "Content-Length: 0\r\n", "POST", 405},
		{"PUT", "/index.html", good + "Content-Length: 4\r\n\r\nowned", "PUT", 405},
		{"DELETE", "/index.html", good, "DELETE", 405},
		{"OPTIONS", "*", good, "OPTIONS", 405},
	}
	if len(cases) < 30 {
		t.Fatalf("only %d cases", len(cases))
	}
	for _, c := range cases {
		method := c.method
		if method == "" {
			method = "GET"
		}
		req := method + " " + c.target + " HTTP/1.1\r\n" + c.headers + "Connection: close\r\n\r\n"
		if strings.Contains(c.headers, "\r\n\r\n") {
			req = method + " " + c.target + " HTTP/1.1\r\nConnection: close\r\n" + c.headers
		}
		code, body, h := raw(t, addr, req)
		if code != c.want {
			t.Errorf("%s: %s %s: status %d, want %d (%q)", c.name, method, c.target, code, c.want, body)
		}
		if strings.Contains(body, "TOP-SECRET") || strings.Contains(body, "root:") {
			t.Errorf("%s: leaked a file: %q", c.name, body)
		}
		if h.Get("Access-Control-Allow-Origin") != "" {
			t.Errorf("%s: CORS header %q", c.name, h.Get("Access-Control-Allow-Origin"))
		}
		// The server answers an ordinary request after each hostile one.
		if code, body, _ := raw(t, addr, "GET / HTTP/1.1\r\n"+good+"Connection: close\r\n\r\n"); code != 200 || !strings.Contains(body, "Test site") {
			t.Fatalf("after %s: GET / answered %d", c.name, code)
		}
	}
	// HTTP/1.0 without a Host header names no server at all.
	if code, _, _ := raw(t, addr, "GET / HTTP/1.0\r\n\r\n"); code != 403 {
		t.Errorf("no Host: status %d, want 403", code)
	}

	// The server is still up, and the legitimate spellings work.
	for _, host := range []string{addr, "localhost:" + port, "LOCALHOST:" + port, "site.localhost:" + port, "localhost.:" + port} {
		code, body, _ := raw(t, addr, "GET / HTTP/1.1\r\nHost: "+host+"\r\nConnection: close\r\n\r\n")
		if code != 200 || !strings.Contains(body, "Test site") {
			t.Errorf("Host %s: status %d after the hostile requests", host, code)
		}
	}
}

// A same-origin page may open the event stream.
func TestServeEventsSameOrigin(t *testing.T) {
	s := startServe(t, smallSite(t))
	req, _ := http.NewRequest("GET", s.origin+"/__counterpoint/events", nil)
	req.Header.Set("Origin", s.origin)
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	resp, err := s.client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != 200 || resp.Header.Get("Content-Type") != "text/event-stream" {
		t.Fatalf("status %d, type %q", resp.StatusCode, resp.Header.Get("Content-Type"))
	}
	line, _ := bufio.NewReader(resp.Body).ReadString('\n')
	if line != "retry: 300\n" {
		t.Errorf("first line %q", line)
	}
}
