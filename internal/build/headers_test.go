package build

import (
	"fmt"
	"html"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// headerRule is one block of a _headers file: a path pattern and its headers.
type headerRule struct {
	pattern string
	headers [][2]string
}

// parseHeaders reads a _headers file as Netlify and Cloudflare Pages do: a
// line starting with / opens a rule, indented "Name: value" lines belong to
// it, # starts a comment.
func parseHeaders(t *testing.T, data string) []headerRule {
	t.Helper()
	var rules []headerRule
	for i, line := range strings.Split(data, "\n") {
		trimmed := strings.TrimSpace(line)
		switch {
		case trimmed == "" || strings.HasPrefix(trimmed, "#"):
		case strings.HasPrefix(line, "/"):
			rules = append(rules, headerRule{pattern: trimmed})
		case line[0] == ' ' && len(rules) > 0:
			name, value, ok := strings.Cut(trimmed, ":")
			if !ok {
				t.Fatalf("_headers line %d: %q is not Name: value", i+1, line)
			}
			r := &rules[len(rules)-1]
			r.headers = append(r.headers, [2]string{strings.TrimSpace(name), strings.TrimSpace(value)})
		default:
			t.Fatalf("_headers line %d: unexpected %q", i+1, line)
		}
	}
	return rules
}

// headersFor returns the headers the rules give a URL path, failing when
// two matching rules set the same header (hosts disagree on what that means).
func headersFor(t *testing.T, rules []headerRule, urlPath string) map[string]string {
	t.Helper()
	out := map[string]string{}
	for _, r := range rules {
		prefix, splat := strings.CutSuffix(r.pattern, "*")
		if !(splat && strings.HasPrefix(urlPath, prefix) || !splat && urlPath == r.pattern) {
			continue
		}
		for _, h := range r.headers {
			if old, dup := out[h[0]]; dup {
				t.Errorf("%s: %s set twice, %q and %q (by %s)", urlPath, h[0], old, h[1], r.pattern)
			}
			out[h[0]] = h[1]
		}
	}
	return out
}

// TestHeadersFile checks _headers for a site at the root and under a
// path: every file gets the security headers, fingerprinted assets are
// cached for a year, everything else revalidates, and every rule carries
// the base path.
//
// Files under assets/ that come from content/assets/ have no fingerprint
// and keep their name when they change: they revalidate like pages.
func TestHeadersFile(t *testing.T) {
	fingerprint := regexp.MustCompile(`^assets/([^/]*\.[0-9a-f]{8}\.[a-z0-9]+|cards/[0-9a-f]{16}\.png)$|^assets/search/(c/[0-9a-f]{16}\.json|f/[0-9a-f]{16}\.frag)$`)
	for _, tt := range []struct{ flag, path, overlay string }{
		{"", "/", ""},
		{"https://example.org/sub/dir/", "/sub/dir/", ""},
		{"https://example.org/sub%20x/", "/sub%20x/", ""},
		{"", "/", "-- content/assets/logo.png --\npng\n-- content/assets/fonts/OFL.txt --\nlicence\n-- content/assets/colophon.md --\n---\ntitle: Colophon\n---\n"},
		{"https://example.org/sub/", "/sub/", "-- content/assets/img/logo-2.png --\npng\n"},
	} {
		t.Run(tt.path+tt.overlay, func(t *testing.T) {
			res := mustBuild(t, Inputs{FS: baseSite(t, "-- content/files/m.png --\npng\n"+tt.overlay), BaseURL: tt.flag})
			rules := parseHeaders(t, file(t, res, "_headers"))
			if len(rules) < 4 || len(rules) > maxHeaderRules {
				t.Fatalf("%d rules", len(rules))
			}
			for _, r := range rules {
				if !strings.HasPrefix(r.pattern, tt.path) {
					t.Errorf("rule %s lacks the base path %s", r.pattern, tt.path)
				}
			}
			assetsSeen := 0
			for _, name := range res.Paths() {
				if name == "_headers" {
					continue
				}
				urls := []string{tt.path + name}
				if d, ok := strings.CutSuffix(name, "index.html"); ok {
					urls = append(urls, tt.path+d)
				}
				for _, u := range urls {
					h := headersFor(t, rules, u)
					for k, v := range map[string]string{
						"Content-Security-Policy": CSP(),
						"X-Content-Type-Options":  "nosniff",
						"Referrer-Policy":         "strict-origin-when-cross-origin",
					} {
						if h[k] != v {
							t.Errorf("%s: %s = %q, want %q", u, k, h[k], v)
						}
					}
					want := CacheRevalidate
					if fingerprint.MatchString(name) {
						want = CacheImmutable
						assetsSeen++
					}
					if h["Cache-Control"] != want {
						t.Errorf("%s: Cache-Control = %q, want %q", u, h["Cache-Control"], want)
					}
				}
			}
			if assetsSeen < 3 {
				t.Errorf("only %d assets", assetsSeen)
			}
		})
	}
}

// TestCSP holds the policy to the one the pages are tested with, and the
// built-in pages to carrying it in a <meta> tag without frame-ancestors,
// which browsers ignore there.
func TestCSP(t *testing.T) {
	want := "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
	if CSP() != want {
		t.Errorf("CSP() = %q, want %q", CSP(), want)
	}
	if m := MetaCSP(); strings.Contains(m, "frame-ancestors") || !strings.HasPrefix(want, m+"; ") {
		t.Errorf("MetaCSP() = %q", m)
	}
	res := mustBuild(t, Inputs{FS: defaultLayoutSite(t, "")})
	meta := regexp.MustCompile(`<meta http-equiv="Content-Security-Policy" content="([^"]*)">`)
	pages := 0
	for _, name := range res.Paths() {
		if !strings.HasSuffix(name, ".html") {
			continue
		}
		pages++
		m := meta.FindAllStringSubmatch(file(t, res, name), -1)
		if len(m) != 1 || html.UnescapeString(m[0][1]) != MetaCSP() {
			t.Errorf("%s: CSP meta tags %q, want one with %q", name, m, MetaCSP())
		}
	}
	if pages < 10 {
		t.Errorf("only %d pages", pages)
	}
	// Before any script or stylesheet, so that it applies to them.
	home := file(t, res, "index.html")
	if i, j := strings.Index(home, `http-equiv="Content-Security-Policy"`), strings.Index(home, "<script"); i < 0 || j < i {
		t.Errorf("the CSP meta tag comes after the first script")
	}
}

// TestHeadersCollision: the headers file is the build's; a content file
// of the same name is an error, not a silent overwrite.
func TestHeadersCollision(t *testing.T) {
	got := buildErrors(t, Inputs{FS: baseSite(t, "-- content/_headers --\n/*\n  X-Test: 1\n")})
	want := []string{"content/_headers:1:1: its output _headers is also written by the generated _headers: rename the file or set another slug"}
	if !slices.Equal(got, want) {
		t.Errorf("errors:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestHeadersFileTooManyRules(t *testing.T) {
	var top []string
	for i := range maxHeaderRules {
		top = append(top, "f"+strings.Repeat("x", i)+".txt")
	}
	got := string(headersFile("/", CSP(), append(top, "assets/"), []string{"assets/site.3f2a9c1e.css"}, nil))
	if strings.Contains(got, CacheRevalidate) || !strings.Contains(got, CacheImmutable) || !strings.Contains(got, CSP()) {
		t.Errorf("with too many top-level names:\n%s", got)
	}
	if n := strings.Count(got, "\n/"); n > maxHeaderRules {
		t.Errorf("%d rules", n)
	}
	// Too many files under assets/, some without a fingerprint: none may
	// be cached for ever, so the host's own caching applies to all.
	var plain []string
	for i := range maxHeaderRules {
		plain = append(plain, fmt.Sprintf("assets/logo%d.png", i))
	}
	got = string(headersFile("/", CSP(), []string{"assets/", "index.html"}, []string{"assets/site.3f2a9c1e.css"}, plain))
	if strings.Contains(got, "  Cache-Control:") || !strings.Contains(got, CSP()) {
		t.Errorf("with too many plain assets:\n%s", got)
	}
}
