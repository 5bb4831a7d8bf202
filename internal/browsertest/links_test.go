package browsertest

import (
	"bytes"
	"fmt"
	"net/url"
	"path"
	"slices"
	"strings"
	"testing"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// page is what the link checker knows about one built HTML file.
type page struct {
	ids   map[string]int
	refs  []ref
	nodes *html.Node
}

type ref struct {
	attr, val string
}

func parsePage(t *testing.T, name string, data []byte) *page {
	t.Helper()
	doc, err := html.Parse(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	p := &page{ids: map[string]int{}, nodes: doc}
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			for _, a := range n.Attr {
				switch a.Key {
				case "id":
					p.ids[a.Val]++
				case "href", "src":
					p.refs = append(p.refs, ref{n.Data + " " + a.Key, a.Val})
				case "srcset":
					for _, part := range strings.Split(a.Val, ",") {
						if f := strings.Fields(part); len(f) > 0 {
							p.refs = append(p.refs, ref{n.Data + " srcset", f[0]})
						}
					}
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	return p
}

// siteURL is the URL path a built file is served at.
func siteURL(name string) string {
	if name == "index.html" {
		return "/"
	}
	if d, ok := strings.CutSuffix(name, "/index.html"); ok {
		return "/" + d + "/"
	}
	return "/" + name
}

// TestInternalLinks resolves every href and src of every built page: the
// file must exist and a #fragment must name an element of its target.
// Every id on a page must be unique.
func TestInternalLinks(t *testing.T) {
	files := builtSite(t).Files
	pages := map[string]*page{}
	var names []string
	for name, data := range files {
		if strings.HasSuffix(name, ".html") {
			pages[name] = parsePage(t, name, data)
			names = append(names, name)
		}
	}
	slices.Sort(names)
	if len(names) < 10 {
		t.Fatalf("only %d HTML files built", len(names))
	}
	checked := 0
	for _, name := range names {
		p := pages[name]
		for id, n := range p.ids {
			if n > 1 {
				t.Errorf("%s: id %q is used %d times", name, id, n)
			}
		}
		base, _ := url.Parse("http://site.invalid" + siteURL(name))
		if name == "404.html" {
			// Served at any missing address, so its links must not be relative.
			base, _ = url.Parse("http://site.invalid/some/missing/page/")
		}
		for _, r := range p.refs {
			if id, ok := strings.CutPrefix(r.val, "#"); ok {
				if id != "" && p.ids[id] == 0 {
					t.Errorf("%s: %s %q: no element on this page has id %q", name, r.attr, r.val, id)
				}
				checked++
				continue
			}
			u, err := base.Parse(r.val)
			if err != nil {
				t.Errorf("%s: %s %q: %v", name, r.attr, r.val, err)
				continue
			}
			if u.Host != "site.invalid" || (u.Scheme != "http" && u.Scheme != "https") {
				continue // external, mailto:, data: ...
			}
			checked++
			target := strings.TrimPrefix(u.Path, "/")
			if target == "" || strings.HasSuffix(target, "/") {
				target += "index.html"
			}
			if _, ok := files[target]; !ok {
				t.Errorf("%s: %s %q: nothing is built at %s", name, r.attr, r.val, target)
				continue
			}
			if u.Fragment == "" {
				continue
			}
			tp, ok := pages[target]
			if !ok {
				t.Errorf("%s: %s %q: fragment on a file that is not HTML", name, r.attr, r.val)
				continue
			}
			if tp.ids[u.Fragment] == 0 {
				t.Errorf("%s: %s %q: %s has no element with id %q", name, r.attr, r.val, target, u.Fragment)
			}
		}
	}
	t.Logf("%d pages, %d internal references checked", len(names), checked)
}

// TestCSPFriendly keeps pages free of inline script and inline style, so
// that a Content-Security-Policy without 'unsafe-inline' works. JSON-LD
// data blocks are not scripts and are allowed.
func TestCSPFriendly(t *testing.T) {
	for name, data := range builtSite(t).Files {
		if !strings.HasSuffix(name, ".html") {
			continue
		}
		var walk func(n *html.Node)
		walk = func(n *html.Node) {
			if n.Type == html.ElementNode {
				for _, a := range n.Attr {
					if a.Key == "style" || strings.HasPrefix(a.Key, "on") {
						t.Errorf("%s: <%s %s=...>: inline %s", name, n.Data, a.Key, a.Key)
					}
					if (a.Key == "href" || a.Key == "src") && strings.HasPrefix(strings.ToLower(strings.TrimSpace(a.Val)), "javascript:") {
						t.Errorf("%s: <%s %s=%q>", name, n.Data, a.Key, a.Val)
					}
				}
				switch n.DataAtom {
				case atom.Style:
					t.Errorf("%s: inline <style> element", name)
				case atom.Script:
					typ, src := attr(n, "type"), attr(n, "src")
					if src == "" && typ != "application/ld+json" {
						t.Errorf("%s: inline <script>", name)
					}
				}
			}
			for c := n.FirstChild; c != nil; c = c.NextSibling {
				walk(c)
			}
		}
		doc, err := html.Parse(bytes.NewReader(data))
		if err != nil {
			t.Fatal(err)
		}
		walk(doc)
	}
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

// pictureCSS are the stylesheets of single pictures, linked only on the
// pages that draw them.
var pictureCSS = []string{"timestrip", "map"}

func isPictureCSS(ref string) bool {
	name := path.Base(ref)
	for _, p := range pictureCSS {
		if strings.HasPrefix(name, p+".") {
			return true
		}
	}
	return false
}

// TestPageWeight keeps the CSS and JavaScript each page loads under 24 KB,
// uncompressed (the search script, fetched when the search box is first
// focused, is not loaded with the page), and a picture's own stylesheet
// (pictureCSS) under 4 KB, and logs every page's total weight.
func TestPageWeight(t *testing.T) {
	files := builtSite(t).Files
	type row struct {
		name          string
		html, css, js int
		pic           int // a picture's own stylesheet (pictureCSS)
		total         int
	}
	var rows []row
	for name, data := range files {
		if !strings.HasSuffix(name, ".html") {
			continue
		}
		doc, err := html.Parse(bytes.NewReader(data))
		if err != nil {
			t.Fatal(err)
		}
		r := row{name: name, html: len(data)}
		var walk func(n *html.Node)
		walk = func(n *html.Node) {
			if n.Type == html.ElementNode {
				var ref string
				switch {
				case n.DataAtom == atom.Link && attr(n, "rel") == "stylesheet":
					ref = attr(n, "href")
				case n.DataAtom == atom.Script && attr(n, "src") != "":
					ref = attr(n, "src")
				}
				if ref != "" {
					asset, ok := files[strings.TrimPrefix(path.Clean(ref), "/")]
					if !ok {
						t.Errorf("%s: %s is not built", name, ref)
					}
					if n.DataAtom == atom.Link && isPictureCSS(ref) {
						r.pic += len(asset)
					} else if n.DataAtom == atom.Link {
						r.css += len(asset)
					} else {
						r.js += len(asset)
					}
				}
			}
			for c := n.FirstChild; c != nil; c = c.NextSibling {
				walk(c)
			}
		}
		walk(doc)
		r.total = r.html + r.css + r.js + r.pic
		rows = append(rows, r)
		// The home page with its map (inline SVG) stays under 60 KB.
		if name == "index.html" && r.total > 60*1024 {
			t.Errorf("the home page weighs %d bytes of HTML, SVG, CSS and JavaScript; the budget is 60 KB", r.total)
		}
		if r.css+r.js > 24*1024 {
			t.Errorf("%s loads %d bytes of CSS and JavaScript; the budget is 24 KB", name, r.css+r.js)
		}
		// A picture's stylesheet loads only where the picture is, and
		// has a budget of its own.
		if r.pic > 4*1024 {
			t.Errorf("%s loads %d bytes of pictures' CSS; the budget is 4 KB", name, r.pic)
		}
	}
	slices.SortFunc(rows, func(a, b row) int { return b.total - a.total })
	var sb strings.Builder
	fmt.Fprintf(&sb, "%-50s %7s %6s %6s %7s\n", "page", "html", "css", "js", "total")
	for _, r := range rows {
		fmt.Fprintf(&sb, "%-50s %7d %6d %6d %7d\n", r.name, r.html, r.css, r.js, r.total)
	}
	t.Logf("page weights, uncompressed bytes, largest first:\n%s", sb.String())
}

// TestHeadings gives every page one h1, headings that never skip a level
// on the way down, and a lang on <html>.
func TestHeadings(t *testing.T) {
	for name, data := range builtSite(t).Files {
		if !strings.HasSuffix(name, ".html") {
			continue
		}
		doc, err := html.Parse(bytes.NewReader(data))
		if err != nil {
			t.Fatal(err)
		}
		var levels []int
		var walk func(n *html.Node)
		walk = func(n *html.Node) {
			if n.Type == html.ElementNode {
				switch n.DataAtom {
				case atom.Html:
					if attr(n, "lang") == "" {
						t.Errorf("%s: <html> has no lang", name)
					}
				case atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6:
					levels = append(levels, int(n.Data[1]-'0'))
				}
			}
			for c := n.FirstChild; c != nil; c = c.NextSibling {
				walk(c)
			}
		}
		walk(doc)
		if len(levels) == 0 || levels[0] != 1 || slices.Contains(levels[1:], 1) {
			t.Errorf("%s: want exactly one h1, before any other heading; the headings are h%v", name, levels)
		}
		for i := 1; i < len(levels); i++ {
			if levels[i] > levels[i-1]+1 {
				t.Errorf("%s: heading level jumps from h%d to h%d", name, levels[i-1], levels[i])
			}
		}
	}
}
