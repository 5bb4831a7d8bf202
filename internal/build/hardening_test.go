package build

import (
	"bytes"
	"context"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io"
	"path"
	"strings"
	"testing"
	"testing/fstest"

	"golang.org/x/net/html"
)

// xssPayloads are strings that become live markup if any layer forgets to
// escape: tags, attribute breakouts, event handlers, script URLs in many
// spellings, comment and CDATA tricks, template syntax, and the line
// separators that end a JavaScript string.
var xssPayloads = []string{
	`<script>alert("xss")</script>`,
	`"><script>alert(1)</script>`,
	`'><img src=x onerror=alert(1)>`,
	`" onmouseover="alert(1)`,
	`' autofocus onfocus='alert(1)`,
	"` onclick=`alert(1)",
	`</title><script>alert(1)</script>`,
	`</script><script>alert(1)</script>`,
	`</textarea><svg onload=alert(1)>`,
	`<!--<script>alert(1)//-->`,
	`]]><script>alert(1)</script>`,
	`<a href="javascript:alert(1)">x</a>`,
	`javascript:alert(1)`,
	`JaVaScRiPt:alert(1)`,
	"java\tscript:alert(1)",
	`&#106;avascript:alert(1)`,
	`data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==`,
	`vbscript:msgbox(1)`,
	`{{.Site.Title}}{{template "x"}}`,
	"line\u2028separator\u2029and </script>",
	`<style>@import'//evil.example/x.css';</style>`,
	`<iframe src=javascript:alert(1)>`,
	`<object data=javascript:alert(1)>`,
	`<base href=//evil.example/>`,
	`<meta http-equiv=refresh content="0;url=javascript:alert(1)">`,
}

// xssMarkdown is Markdown that tries to smuggle markup through the body:
// raw HTML, links and images with script and data URLs however spelled,
// autolinks, reference links, heading attributes, code info strings,
// footnotes, tables and wikilink labels.
const xssMarkdown = `## Heading <script>alert(1)</script> {onclick="alert(1)" style="background:url(javascript:alert(1))" class="x"}

<script>alert("block")</script>

<div onmouseover="alert(1)">raw block</div>

Inline <img src=x onerror=alert(1)> and <svg/onload=alert(1)> and <a href="javascript:alert(1)">a</a>.

[plain](javascript:alert(1)) [upper](JaVaScRiPt:alert(1)) [entity](&#106;avascript:alert(1))
[hex entity](&#x6A;avascript:alert&#x28;1&#x29;) [colon entity](javascript&colon;alert(1))
[tab](<java	script:alert(1)>) [spaced]( javascript:alert(1) ) [vb](vbscript:msgbox(1))
[data](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==) [file](file:///etc/passwd)
![data image](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+) ![png](data:image/png;base64,iVBORw0KGgo=)
![img js](javascript:alert(1)) [title]("onmouseover=alert(1) "\"><script>alert(1)</script>")
<javascript:alert(1)> <data:text/html,<script>alert(1)</script>> <vbscript:msgbox(1)>
[ref link][evil] and [another][evil2].

[evil]: javascript:alert(1)
[evil2]: data:text/html,x "<script>alert(1)</script>"

www.example.org/"onmouseover="alert(1) and https://example.org/<script>alert(1)</script>

` + "```" + `js" onmouseover="alert(1)
code
` + "```" + `

` + "```" + `<script>alert(1)</script>
code
` + "```" + `

| <script>alert(1)</script> | <img src=x onerror=alert(1)> |
|---|---|
| [x](javascript:alert(1)) | *<b onclick=alert(1)>b</b>* |

Term
: <script>alert("definition")</script>

A claim.[^x]

[^x]: <script>alert("footnote")</script> [note link](javascript:alert(1))

[[xss-term|<img src=x onerror=alert(1)>]] [[<b onclick="alert(1)">bold alias</b>]] [[xss-term|"><svg onload=alert(1)>]]
[[xss-demand]] [[xss-actor]] [[xss-event]] [[xss-term]]

&lt;script&gt;alert("entity")&lt;/script&gt; \<script>alert("escaped")\</script>
`

// jsonString quotes s as a JSON string, which YAML reads as a double-quoted
// scalar.
func jsonString(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

// xssSite is a site with every payload in every field the built-in
// layouts show, and the Markdown corpus in every kind of page.
func xssSite(t testing.TB) map[string]string {
	p := func(i int) string { return jsonString(xssPayloads[i%len(xssPayloads)]) }
	list := func(i int) string { return "[" + p(i) + ", " + p(i+1) + "]" }
	var files = map[string]string{}
	add := func(name, fm string) {
		files[name] = "---\n" + fm + "---\n" + xssMarkdown
	}
	add("content/_index.md", fmt.Sprintf("title: %s\nsummary: %s\nlanguage: %s\nxss: %s\n", p(0), p(1), p(3), p(2)))
	for i := range xssPayloads {
		// One page of each kind per payload, so each payload lands in
		// every field.
		src := fmt.Sprintf("sources:\n  - title: %s\n    publisher: %s\n    url: %s\n    date: 2022-01-02\n", p(i+1), p(i+2),
			jsonString("https://example.org/"+xssPayloads[i]))
		add(fmt.Sprintf("content/demands/d%d.md", i), fmt.Sprintf("title: %s\nsummary: %s\nclaimant: %s\naliases: %s\ndate: 2021-12\nstated_by: %s\nstated_in: 1\n%s", p(i), p(i+3), p(i+4), list(i+5), p(i+6), src))
		add(fmt.Sprintf("content/counterpositions/c%d.md", i), fmt.Sprintf("title: %s\nsummary: %s\nrespondent: %s\nresponds_to: [d%d]\n%s", p(i+6), p(i+7), p(i+8), i, src))
		add(fmt.Sprintf("content/glossary/t%d.md", i), fmt.Sprintf("title: %s\nshort: %s\naliases: %s\n%s", jsonString(fmt.Sprintf("%s term %d", xssPayloads[i], i)), p(i+9), list(i+10), src))
		add(fmt.Sprintf("content/timeline/e%d.md", i), fmt.Sprintf("title: %s\nsummary: %s\ndate: 2022-01-%02d\nrelated: [d%d, t%d]\n%s", p(i+11), p(i+12), i%28+1, i, i, src))
		add(fmt.Sprintf("content/actors/a%d.md", i), fmt.Sprintf("title: %s\nrole: %s\nsummary: %s\n%s", p(i+13), p(i+14), p(i+15), src))
		add(fmt.Sprintf("content/pages/p%d.md", i), fmt.Sprintf("title: %s\nsummary: %s\nweight: %d\n%s", p(i+16), p(i+17), i, src))
	}
	// The pages the corpus links to by slug and by a payload as alias.
	files["content/glossary/xss-term.md"] = "---\ntitle: XSS term\nshort: " + jsonString(`"><script>alert("short")</script>`) + "\naliases: [" + jsonString(`<b onclick="alert(1)">bold alias</b>`) + "]\n---\nText.\n"
	files["content/demands/xss-demand.md"] = "---\ntitle: " + jsonString(`<script>alert("demand")</script>`) + "\n---\nText.\n"
	files["content/actors/xss-actor.md"] = "---\ntitle: " + jsonString(`" onmouseover="alert(1)`) + "\nrole: " + jsonString(`<img src=x onerror=alert(1)>`) + "\n---\nText.\n"
	files["content/timeline/xss-event.md"] = "---\ntitle: " + jsonString(`</script><script>alert(1)</script>`) + "\ndate: 2022\n---\nText.\n"
	return files
}

// TestUntrustedContentIsInert builds the XSS corpus with the built-in
// layouts and requires that no payload survives as live markup in any
// output file (see inertProblems).
func TestUntrustedContentIsInert(t *testing.T) {
	fsys := defaultLayoutSite(t, "")
	for name := range fsys {
		if strings.HasPrefix(name, "content/") {
			delete(fsys, name)
		}
	}
	var archive strings.Builder
	for name, data := range xssSite(t) {
		fmt.Fprintf(&archive, "-- %s --\n%s", name, data)
	}
	for name, f := range mapFS(archive.String()) {
		fsys[name] = f
	}
	res := mustBuild(t, Inputs{FS: fsys, BaseURL: "https://example.org/sub/"})
	checked, problems := 0, 0
	for _, name := range res.Paths() {
		for _, p := range inertProblems(name, res.Files[name], "/sub/") {
			if problems++; problems <= 40 {
				t.Error(p)
			}
		}
		checked++
	}
	if problems > 40 {
		t.Errorf("and %d more problems", problems-40)
	}
	if checked < 4*len(xssPayloads) {
		t.Errorf("only %d output files checked", checked)
	}
	// The payloads are there, shown as text.
	page := file(t, res, "pages/p0/index.html")
	for _, want := range []string{`&lt;script&gt;alert(&quot;block&quot;)&lt;/script&gt;`, `&lt;img src=x onerror=alert(1)&gt;`} {
		if !strings.Contains(page, want) {
			t.Errorf("pages/p0/index.html does not show %s as text", want)
		}
	}
}

// inertProblems checks one output file of a site published under
// basePath: in HTML, no <script> but the site's own (a src under
// basePath+"assets/", or JSON-LD that is valid JSON and cannot end its
// element), no element that loads or runs other documents (iframe,
// object, embed, base, refresh), no on* attribute, no javascript:,
// vbscript: or data: URL in any URL attribute (however spelled: the
// parser decodes entities, and tabs, new lines and control characters are
// ignored as browsers ignore them), no script in a style attribute; in
// JSON, no raw < or >; in XML, well-formed and no script element.
func inertProblems(name string, data []byte, basePath string) []string {
	var problems []string
	bad := func(format string, args ...any) {
		problems = append(problems, name+": "+fmt.Sprintf(format, args...))
	}
	switch path.Ext(name) {
	case ".html":
		doc, err := html.Parse(bytes.NewReader(data))
		if err != nil {
			bad("does not parse: %v", err)
			return problems
		}
		var walk func(n *html.Node)
		walk = func(n *html.Node) {
			if n.Type == html.ElementNode {
				inertElement(n, basePath, bad)
			}
			for c := n.FirstChild; c != nil; c = c.NextSibling {
				walk(c)
			}
		}
		walk(doc)
	case ".json":
		if !json.Valid(data) {
			bad("is not valid JSON")
		}
		if bytes.ContainsAny(data, "<>") {
			bad("holds a raw < or >")
		}
	case ".xml":
		d := xml.NewDecoder(bytes.NewReader(data))
		for {
			tok, err := d.Token()
			if err == io.EOF {
				break
			}
			if err != nil {
				bad("is not well-formed XML: %v", err)
				break
			}
			if se, ok := tok.(xml.StartElement); ok && strings.EqualFold(se.Name.Local, "script") {
				bad("holds a script element")
			}
		}
	}
	return problems
}

var urlAttrs = map[string]bool{"href": true, "src": true, "action": true, "formaction": true, "poster": true, "background": true,
	"cite": true, "data": true, "codebase": true, "longdesc": true, "manifest": true, "xlink:href": true, "ping": true, "srcset": true}

func inertElement(n *html.Node, basePath string, bad func(string, ...any)) {
	attr := func(key string) (string, bool) {
		for _, a := range n.Attr {
			if strings.EqualFold(a.Key, key) {
				return a.Val, true
			}
		}
		return "", false
	}
	switch strings.ToLower(n.Data) {
	case "script":
		src, hasSrc := attr("src")
		typ, _ := attr("type")
		switch {
		case hasSrc && strings.HasPrefix(src, basePath+"assets/") && n.FirstChild == nil:
		case !hasSrc && typ == "application/ld+json":
			var text strings.Builder
			for c := n.FirstChild; c != nil; c = c.NextSibling {
				text.WriteString(c.Data)
			}
			if s := text.String(); !json.Valid([]byte(s)) || strings.ContainsAny(s, "<>") {
				bad("JSON-LD that is not plain JSON: %.200s", s)
			}
		default:
			bad("a script that is not the site's own: <script src=%q type=%q>", src, typ)
		}
	case "iframe", "frame", "frameset", "object", "embed", "applet", "base", "portal":
		bad("a <%s> element", n.Data)
	case "meta":
		if v, ok := attr("http-equiv"); ok && strings.EqualFold(v, "refresh") {
			bad("a refresh <meta>")
		}
	}
	for _, a := range n.Attr {
		key := strings.ToLower(a.Key)
		if a.Namespace != "" {
			key = strings.ToLower(a.Namespace + ":" + a.Key)
		}
		if strings.HasPrefix(key, "on") {
			bad("an event handler attribute %s=%q on <%s>", a.Key, a.Val, n.Data)
		}
		if urlAttrs[key] || key == "content" && strings.EqualFold(attrOf(n, "http-equiv"), "refresh") {
			for _, u := range strings.Split(a.Val, ",") {
				if s := scheme(u); s == "javascript:" || s == "vbscript:" || s == "data:" || s == "livescript:" {
					bad("a %s URL in %s=%q on <%s>", s, a.Key, a.Val, n.Data)
				}
			}
		}
		if key == "style" {
			if l := strings.ToLower(strings.Join(strings.Fields(a.Val), "")); strings.Contains(l, "javascript:") || strings.Contains(l, "expression(") || strings.Contains(l, "url(") {
				bad("a style attribute that loads or runs something: %q on <%s>", a.Val, n.Data)
			}
		}
	}
}

func attrOf(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if strings.EqualFold(a.Key, key) {
			return a.Val
		}
	}
	return ""
}

// scheme returns the lower-cased scheme of a URL as a browser reads it:
// with ASCII white space and control characters removed, or "".
func scheme(u string) string {
	var b strings.Builder
	for _, r := range u {
		if r > ' ' && r != 0x7f {
			b.WriteRune(r)
		}
	}
	s := strings.ToLower(b.String())
	if i := strings.IndexByte(s, ':'); i > 0 && !strings.ContainsAny(s[:i], "/?#") {
		return s[:i+1]
	}
	return ""
}

// TestInertProblemsCatches holds the checker to what it must find.
func TestInertProblemsCatches(t *testing.T) {
	bad := []string{
		`<script>alert(1)</script>`,
		`<script src="/sub/evil.js"></script>`,
		`<script src="https://evil.example/sub/assets/x.js"></script>`,
		`<script src="/sub/assets/site.js">alert(1)</script>`,
		`<script type="application/ld+json">{"a":"</script><script>alert(1)</script>"}</script>`,
		`<script type="application/ld+json">{"a":"<b>"}</script>`,
		`<script type="text/javascript">alert(1)</script>`,
		`<img src=x onerror=alert(1)>`,
		`<p ONMOUSEOVER="alert(1)">x</p>`,
		`<svg><a xlink:href="javascript:alert(1)">x</a></svg>`,
		`<a href="javascript:alert(1)">x</a>`,
		`<a href="JaVaScRiPt:alert(1)">x</a>`,
		`<a href="&#106;avascript:alert(1)">x</a>`,
		`<a href="java&#9;script:alert(1)">x</a>`,
		`<a href="  java` + "\n" + `script:alert(1)">x</a>`,
		`<a href="vbscript:msgbox(1)">x</a>`,
		`<img src="data:image/png;base64,AAAA">`,
		`<img srcset="/a.png 1x, data:image/png;base64,AAAA 2x">`,
		`<form action="javascript:alert(1)"></form>`,
		`<iframe src="/x"></iframe>`,
		`<object data="/x"></object>`,
		`<embed src="/x">`,
		`<base href="//evil.example/">`,
		`<meta http-equiv="refresh" content="0;url=/x">`,
		`<h2 style="background:url(javascript:alert(1))">x</h2>`,
	}
	for _, b := range bad {
		if p := inertProblems("x.html", []byte("<!doctype html><html><body>"+b+"</body></html>"), "/sub/"); len(p) == 0 {
			t.Errorf("not caught: %s", b)
		}
	}
	good := []string{
		`<script src="/sub/assets/site.3f2a9c1e.js" defer></script>`,
		`<script type="application/ld+json">{"a":"\u003c/script\u003e"}</script>`,
		`<a href="/sub/demands/x/">x</a> <a href="https://example.org/javascript:">y</a> <a href="#javascript:x">z</a>`,
		`<p>javascript:alert(1) &lt;script&gt;alert(1)&lt;/script&gt; onclick=alert(1)</p>`,
		`<a href="" title="javascript:alert(1)" data-short="&lt;script&gt;">x</a>`,
		`<form class="search" action="/sub/search/" method="get"><input name="q"></form>`,
	}
	for _, g := range good {
		if p := inertProblems("x.html", []byte("<!doctype html><html><body>"+g+"</body></html>"), "/sub/"); len(p) > 0 {
			t.Errorf("flagged harmless markup %s: %v", g, p)
		}
	}
	for name, data := range map[string]string{"x.json": `{"t":"</script>"}`, "x.xml": `<feed><script/></feed>`, "y.xml": `<feed>&</feed>`} {
		if p := inertProblems(name, []byte(data), "/sub/"); len(p) == 0 {
			t.Errorf("not caught: %s %s", name, data)
		}
	}
}

// TestBuilderRefusedBody: a body refused before parsing (nested too
// deeply) fails every rebuild while it stays, not only the first, and a
// fix gives what a clean build gives.
func TestBuilderRefusedBody(t *testing.T) {
	fsys := baseSite(t, "")
	b := NewBuilder(Inputs{FS: fsys})
	ctx := context.Background()
	if _, err := b.Build(ctx, nil); err != nil {
		t.Fatal(err)
	}
	fsys["content/about.md"] = &fstest.MapFile{Data: []byte("---\ntitle: About\n---\n" + strings.Repeat("> ", 5000) + "deep\n")}
	want := "content/about.md:4:1: lists and block quotes nested more than 100 levels deep (counting indentation): flatten the structure"
	for i, changed := range [][]string{{"content/about.md"}, {}, nil} {
		if _, err := b.Build(ctx, changed); err == nil || err.Error() != want {
			t.Fatalf("rebuild %d: error %v, want %s", i, err, want)
		}
	}
	fsys["content/about.md"] = &fstest.MapFile{Data: []byte("---\ntitle: About\n---\n> Shallow.\n")}
	res, err := b.Build(ctx, []string{"content/about.md"})
	if err != nil {
		t.Fatal(err)
	}
	clean := mustBuild(t, Inputs{FS: fsys})
	for _, p := range clean.Paths() {
		if !bytes.Equal(res.Files[p], clean.Files[p]) {
			t.Errorf("%s differs from a clean build", p)
		}
	}
}
