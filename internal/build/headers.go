package build

import (
	"bytes"
	"net/url"
	"slices"
	"strings"

	"github.com/counterpoint-ssg/counterpoint/internal/assets"
	"github.com/counterpoint-ssg/counterpoint/internal/site"
)

// The HTTP headers a published site should be served with. The build
// writes them to _headers, the file Netlify and Cloudflare Pages read, and
// puts the Content-Security-Policy in every built-in page as a <meta
// http-equiv> tag (Site.CSP) for hosts that send no headers of their own.

// cspDirectives is the Content-Security-Policy. The pages load only the
// site's own scripts, stylesheets, images and search index, and carry no
// inline script, inline style or event-handler attribute, so nothing needs
// 'unsafe-inline'. JSON-LD blocks (<script type="application/ld+json">)
// are data that is never run, which the policy does not govern.
var cspDirectives = []string{
	"default-src 'self'",
	"script-src 'self'",
	"style-src 'self'",
	"img-src 'self' data:",
	"object-src 'none'",
	"base-uri 'self'",
	"form-action 'self'",
	"frame-ancestors 'none'",
}

// CSP is the Content-Security-Policy to send as an HTTP header.
func CSP() string { return strings.Join(cspDirectives, "; ") }

// MetaCSP is the same policy for a <meta http-equiv> tag. Browsers ignore
// frame-ancestors there (and say so in the console), so it is left out.
func MetaCSP() string { return metaOf(cspDirectives) }

func metaOf(directives []string) string {
	var kept []string
	for _, d := range directives {
		if !strings.HasPrefix(d, "frame-ancestors ") {
			kept = append(kept, d)
		}
	}
	return strings.Join(kept, "; ")
}

// siteDirectives is the policy of a site that allows images from
// imageHosts and frames from embedHosts (its image_hosts and embed_hosts
// settings), over https only.
func siteDirectives(imageHosts, embedHosts []string) []string {
	out := slices.Clone(cspDirectives)
	if len(imageHosts) > 0 {
		i := slices.Index(out, "img-src 'self' data:")
		out[i] += " https://" + strings.Join(imageHosts, " https://")
	}
	if len(embedHosts) > 0 {
		out = slices.Insert(out, slices.Index(out, "object-src 'none'"), "frame-src https://"+strings.Join(embedHosts, " https://"))
	}
	return out
}

// Cache policies: fingerprinted assets get a new name whenever their bytes
// change, so a cached copy never goes stale; every other file (pages, the
// feed, the search index) is checked with the host on each use, so a new
// build shows at once.
const (
	CacheImmutable  = "public, max-age=31536000, immutable"
	CacheRevalidate = "public, max-age=0, must-revalidate"
)

// headersName is the headers file the build writes.
const headersName = "_headers"

// maxHeaderRules is Cloudflare Pages' limit on the rules of a _headers file.
const maxHeaderRules = 100

// headersFile is the _headers file for a site published under the base
// path (the URL path of the base URL, "/" or "/sub/dir/"). top lists the
// top-level names of the output, a trailing slash marking a directory
// ("index.html", "demands/").
//
// Hosts differ in what they do when several rules match one path and set
// the same header (Netlify keeps the last, Cloudflare Pages joins the
// values with commas), so no two rules here that can match one path set
// the same header: the security headers go on the whole site, Cache-Control
// on /assets/ and, separately, on each other top-level file or directory.
//
// plain lists the output paths under assets/ that are not fingerprinted
// (files and pages from content/assets/): they keep their name when they
// change, so they must not be cached for ever. When there are any, every
// file under assets/ gets a rule of its own instead of one for the whole
// directory.
func headersFile(base, csp string, top []string, fingerprinted, plain []string) []byte {
	var b bytes.Buffer
	b.WriteString("# HTTP headers for hosts that read this file (Netlify, Cloudflare Pages),\n")
	b.WriteString("# written by counterpoint on every build. No two rules that can match one\n")
	b.WriteString("# path set the same header.\n\n")
	b.WriteString(base + "*\n")
	b.WriteString("  Content-Security-Policy: " + csp + "\n")
	b.WriteString("  X-Content-Type-Options: nosniff\n")
	b.WriteString("  Referrer-Policy: strict-origin-when-cross-origin\n\n")
	rules := 1
	switch {
	case len(plain) == 0:
		b.WriteString("# Fingerprinted: a changed file gets a new name.\n")
		b.WriteString(base + assets.Dir + "*\n")
		b.WriteString("  Cache-Control: " + CacheImmutable + "\n\n")
		rules++
	case 1+len(fingerprinted)+len(plain) > maxHeaderRules:
		b.WriteString("# Under " + assets.Dir + ": the host's own Cache-Control (too many files\n")
		b.WriteString("# to list, and not all of them are fingerprinted).\n")
		b.WriteString("# Everything else: the host's own Cache-Control as well.\n")
		return b.Bytes()
	default:
		b.WriteString("# Fingerprinted: a changed file gets a new name.\n")
		for _, p := range fingerprinted {
			b.WriteString(base + escapePath(p) + "\n  Cache-Control: " + CacheImmutable + "\n")
		}
		b.WriteString("\n# Copied from content/" + assets.Dir + ": checked on each use, as the name stays.\n")
		for _, p := range plain {
			b.WriteString(base + escapePath(p) + "\n  Cache-Control: " + CacheRevalidate + "\n")
		}
		b.WriteString("\n")
		rules += len(fingerprinted) + len(plain)
	}

	var paths []string
	for _, name := range top {
		if name == assets.Dir || name == headersName {
			continue
		}
		p := escapePath(name)
		if strings.HasSuffix(name, "/") {
			p += "*"
		}
		paths = append(paths, base+p)
	}
	if rules+1+len(paths) > maxHeaderRules {
		b.WriteString("# Everything else: the host's own Cache-Control (too many top-level\n")
		b.WriteString("# files and directories to list them here).\n")
		return b.Bytes()
	}
	b.WriteString("# Everything else is checked on each use, so a new build shows at once.\n")
	paths = append(paths, base)
	slices.Sort(paths)
	for _, p := range paths {
		b.WriteString(p + "\n  Cache-Control: " + CacheRevalidate + "\n")
	}
	return b.Bytes()
}

func escapePath(p string) string { return (&url.URL{Path: p}).EscapedPath() }

// plainAssets lists the output paths under assets/ that come from content/
// rather than the fingerprinted asset set: static files, and the pages
// of content/assets/ both as their directory and as their index.html.
func plainAssets(s *site.Site, static []string) []string {
	var out []string
	for _, st := range static {
		if strings.HasPrefix(st, assets.Dir) {
			out = append(out, st)
		}
	}
	for _, p := range append(append([]*site.Page{s.Home}, s.All...), listPages(s)...) {
		if p == nil || p.IsEntry() {
			continue
		}
		if o := p.OutputPath(); strings.HasPrefix(o, assets.Dir) {
			out = append(out, strings.TrimSuffix(o, "index.html"), o)
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// topLevel returns the top-level name of an output path: the file name, or
// the first directory with a trailing slash.
func topLevel(path string) string {
	if i := strings.IndexByte(path, '/'); i >= 0 {
		return path[:i+1]
	}
	return path
}
