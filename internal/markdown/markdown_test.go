package markdown

import (
	"bytes"
	"fmt"
	"reflect"
	"strings"
	"sync"
	"testing"
)

func render(t *testing.T, e *Engine, src string) string {
	t.Helper()
	d := e.Parse([]byte(src), "", nil)
	out, err := e.RenderString(d)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func TestSlugify(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Intro", "intro"},
		{"The argument", "the-argument"},
		{"  Leading and trailing  ", "leading-and-trailing"},
		{"Who holds it, and when?", "who-holds-it-and-when"},
		{"NATO's open-door policy", "natos-open-door-policy"},
		{"snake_case words", "snake-case-words"},
		{"many   spaces\tand--dashes", "many-spaces-and-dashes"},
		{"Ünïcode héading 2!", "ünïcode-héading-2"},
		{"1997: Founding Act", "1997-founding-act"},
		{"!!!", ""},
		{"", ""},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if got := Slugify([]byte(tt.in)); got != tt.want {
				t.Errorf("Slugify(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestHeadingIDs(t *testing.T) {
	tests := []struct {
		name     string
		src      string
		prefix   string
		reserved map[string]bool
		want     []string
	}{
		{name: "plain", src: "# Intro\n\n## The argument\n", want: []string{"intro", "the-argument"}},
		{name: "unique-within-page", src: "## Context\n\n## Context\n\n## Context\n\n## Context 1\n", want: []string{"context", "context-1", "context-2", "context-1-1"}},
		{name: "empty-heading", src: "## \n\n## !!!\n", want: []string{"section", "section-1"}},
		{name: "reserved-by-layout", src: "## Main\n\n## Sources\n", reserved: map[string]bool{"main": true, "sources": true}, want: []string{"main-1", "sources-1"}},
		{name: "entry-prefix", src: "## History\n\n## History\n", prefix: "nato-", want: []string{"nato-history", "nato-history-1"}},
		// An entry's prefixed heading must not take the id of another
		// entry on the same shared page.
		{name: "entry-prefix-reserved", src: "## Treaty\n", prefix: "abm-", reserved: map[string]bool{"abm-treaty": true}, want: []string{"abm-treaty-1"}},
		{name: "explicit-id", src: "## Custom {#my-id}\n\n## My id\n", want: []string{"my-id", "my-id-1"}},
		// On a shared page an explicit id gets the entry's prefix too, so
		// [[term#id]] finds it and entries never clash.
		{name: "explicit-id-entry", src: "## Custom {#history}\n\n## History\n", prefix: "nato-", want: []string{"nato-history", "nato-history-1"}},
		{name: "explicit-id-entry-already-prefixed", src: "## Custom {#nato-history}\n", prefix: "nato-", want: []string{"nato-history"}},
		{name: "setext", src: "Title\n=====\n\nSub\n---\n", want: []string{"title", "sub"}},
	}
	e := New(false)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := e.Parse([]byte(tt.src), tt.prefix, tt.reserved)
			if !reflect.DeepEqual(d.HeadingIDs, tt.want) {
				t.Fatalf("HeadingIDs = %q, want %q", d.HeadingIDs, tt.want)
			}
			out, err := e.RenderString(d)
			if err != nil {
				t.Fatal(err)
			}
			for _, id := range tt.want {
				if !strings.Contains(out, ` id="`+id+`"`) {
					t.Errorf("rendered HTML lacks id=%q:\n%s", id, out)
				}
			}
			// Stable: parsing the same text again gives the same ids.
			again := e.Parse([]byte(tt.src), tt.prefix, tt.reserved)
			if !reflect.DeepEqual(again.HeadingIDs, d.HeadingIDs) {
				t.Errorf("second parse gave %q, first %q", again.HeadingIDs, d.HeadingIDs)
			}
			if tt.reserved != nil {
				for _, id := range d.HeadingIDs {
					if tt.reserved[id] {
						t.Errorf("generated reserved id %q", id)
					}
				}
			}
		})
	}
}

func TestFootnotePrefix(t *testing.T) {
	e := New(false)
	src := "Text[^n].\n\n[^n]: The note.\n"
	d := e.Parse([]byte(src), "nato-", nil)
	out, _ := e.RenderString(d)
	for _, want := range []string{`id="nato-fnref:1"`, `href="#nato-fn:1"`, `id="nato-fn:1"`, `href="#nato-fnref:1"`} {
		if !strings.Contains(out, want) {
			t.Errorf("prefixed footnote lacks %s:\n%s", want, out)
		}
	}
	// Without a prefix the ids are goldmark's own.
	out = render(t, e, src)
	if !strings.Contains(out, `id="fn:1"`) || strings.Contains(out, "nato-") {
		t.Errorf("unprefixed footnote:\n%s", out)
	}
}

func TestFeatures(t *testing.T) {
	tests := []struct {
		name   string
		unsafe bool
		src    string
		want   []string
		not    []string
	}{
		{name: "gfm-table", src: "| a | b |\n|---|--:|\n| 1 | 2 |\n", want: []string{"<table>", "<th>a</th>", `<td style="text-align:right">2</td>`}},
		{name: "gfm-strikethrough", src: "~~gone~~\n", want: []string{"<del>gone</del>"}},
		{name: "gfm-autolink", src: "See https://example.org/x and www.example.com.\n", want: []string{`<a href="https://example.org/x">https://example.org/x</a>`, `<a href="http://www.example.com">www.example.com</a>`}},
		{name: "gfm-task-list", src: "- [x] done\n- [ ] todo\n", want: []string{`<li><input checked="" disabled="" type="checkbox"> done</li>`, `<li><input disabled="" type="checkbox"> todo</li>`}},
		{name: "footnote", src: "Claim[^1].\n\n[^1]: Source.\n", want: []string{`<sup id="fnref:1"><a href="#fn:1" class="footnote-ref" role="doc-noteref">1</a></sup>`, `<div class="footnotes" role="doc-endnotes">`, `<li id="fn:1">`, "Source."}},
		{name: "typographer", src: "\"Quoted\" -- and --- that's it...\n", want: []string{"&ldquo;Quoted&rdquo;", "&ndash;", "&mdash;", "that&rsquo;s", "&hellip;"}},
		{name: "definition-list", src: "Term\n: Definition\n", want: []string{"<dl>\n<dt>Term</dt>\n<dd>Definition</dd>\n</dl>"}},
		{name: "raw-inline-html-escaped", src: "A <b>bold</b> <script>alert(1)</script> move.\n", want: []string{"&lt;b&gt;bold&lt;/b&gt;", "&lt;script&gt;alert(1)&lt;/script&gt;"}, not: []string{"<b>", "<script>"}},
		{name: "raw-block-html-escaped", src: "<div class=\"x\">\nblock\n</div>\n", want: []string{"&lt;div class=&quot;x&quot;&gt;"}, not: []string{"<div"}},
		{name: "raw-comment-escaped", src: "<!-- hidden -->\n\nText\n", want: []string{"&lt;!-- hidden --&gt;"}},
		{name: "raw-html-unsafe", unsafe: true, src: "A <b>bold</b> move.\n\n<div class=\"x\">\nblock\n</div>\n", want: []string{"<b>bold</b>", "<div class=\"x\">\nblock\n</div>"}, not: []string{"&lt;"}},
		{name: "javascript-link-dropped", src: "[x](javascript:alert(1))\n", not: []string{"javascript:"}},
		{name: "chroma-go", src: "```go\nfunc main() {}\n```\n", want: []string{`<pre class="chroma" tabindex="0"><code class="language-go" data-lang="go">`, `<span class="kd">func</span>`, `<span class="nf">main</span>`}, not: []string{"style="}},
		{name: "chroma-info-attrs", src: "```YAML {.wide}\nkey: value\n```\n", want: []string{`class="language-yaml" data-lang="yaml"`, `<span class="nt">key</span>`}},
		{name: "unknown-language", src: "```nosuchlang\nx < y\n```\n", want: []string{"<pre class=\"chroma\" tabindex=\"0\"><code>x &lt; y\n</code></pre>"}},
		{name: "indented-code", src: "    a <b>\n", want: []string{"<pre class=\"chroma\" tabindex=\"0\"><code>a &lt;b&gt;\n</code></pre>"}},
		{name: "attribute-class", src: "## Heading {.note}\n", want: []string{`<h2 class="note" id="heading">Heading</h2>`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := render(t, New(tt.unsafe), tt.src)
			for _, w := range tt.want {
				if !strings.Contains(out, w) {
					t.Errorf("output lacks %q:\n%s", w, out)
				}
			}
			for _, n := range tt.not {
				if strings.Contains(out, n) {
					t.Errorf("output contains %q:\n%s", n, out)
				}
			}
		})
	}
}

func TestParseWikilink(t *testing.T) {
	tests := []struct {
		inner                 string
		target, anchor, label string
		ok                    bool
	}{
		{"nato", "nato", "", "", true},
		{"nato|the alliance", "nato", "", "the alliance", true},
		{"nato#history", "nato", "history", "", true},
		{"nato#history|its history", "nato", "history", "its history", true},
		{" Indivisibility of security ", "Indivisibility of security", "", "", true},
		{"nato | label with # hash", "nato", "", "label with # hash", true},
		{"|label", "", "", "label", false},
		{"#anchor", "", "anchor", "", false},
		{"", "", "", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.inner, func(t *testing.T) {
			target, anchor, label, ok := ParseWikilink([]byte(tt.inner))
			if target != tt.target || anchor != tt.anchor || label != tt.label || ok != tt.ok {
				t.Errorf("ParseWikilink(%q) = %q, %q, %q, %v; want %q, %q, %q, %v", tt.inner, target, anchor, label, ok, tt.target, tt.anchor, tt.label, tt.ok)
			}
		})
	}
}

func TestLinksCollected(t *testing.T) {
	src := "Intro [[nato]] and [[Founding Act|the act]].\n\n" +
		"See [the timeline](/timeline/#minsk-ii), [top](#main), ![map](/img/map.png \"Map\"),\n" +
		"[search](/search/?q=x), [out](https://example.org/), [proto](//cdn.example.org/x), [rel](about/) and [[page#sec]].\n"
	e := New(false)
	d := e.Parse([]byte(src), "", nil)
	type link struct {
		wiki, path, query, anchor string
		image                     bool
		at                        string // the source text at Offset
	}
	var got []link
	for _, l := range d.Links {
		g := link{path: l.Path, query: l.Query, anchor: l.Anchor, image: l.Image}
		if l.Wiki != nil {
			g.wiki = l.Wiki.Target + "|" + l.Wiki.Label
		}
		g.at = src[l.Offset:min(l.Offset+3, len(src))]
		got = append(got, g)
	}
	want := []link{
		{wiki: "nato|", at: "[[n"},
		{wiki: "Founding Act|the act", at: "[[F"},
		{path: "/timeline/", anchor: "minsk-ii", at: "[th"},
		{path: "", anchor: "main", at: "[to"},
		{path: "/img/map.png", image: true, at: "![m"},
		{path: "/search/", query: "?q=x", at: "[se"},
		{wiki: "page|", anchor: "sec", at: "[[p"},
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("links:\n got %+v\nwant %+v", got, want)
	}
	// Rewriting destinations and resolving wikilinks changes the HTML.
	for _, l := range d.Links {
		if l.Wiki != nil {
			l.Wiki.URL = "/sub/glossary/#" + l.Wiki.Target
			continue
		}
		l.SetDest("/sub" + l.Path + "#" + l.Anchor)
	}
	out, _ := e.RenderString(d)
	for _, w := range []string{`<a href="/sub/timeline/#minsk-ii">the timeline</a>`, `<img src="/sub/img/map.png#" alt="map" title="Map">`, `<a href="https://example.org/">out</a>`, `<a href="about/">rel</a>`, `<a href="/sub/glossary/#Founding%20Act">the act</a>`} {
		if !strings.Contains(out, w) {
			t.Errorf("output lacks %s:\n%s", w, out)
		}
	}
}

func TestWikilinkRender(t *testing.T) {
	tests := []struct {
		name string
		src  string
		set  func(w *Wikilink)
		want string
	}{
		{name: "label", src: "[[nato|the alliance]]", set: func(w *Wikilink) { w.URL = "/glossary/#nato" }, want: `<a href="/glossary/#nato">the alliance</a>`},
		{name: "display", src: "[[nato]]", set: func(w *Wikilink) { w.URL = "/glossary/#nato"; w.Display = "NATO" }, want: `<a href="/glossary/#nato">NATO</a>`},
		{name: "target-fallback", src: "[[nato]]", set: func(w *Wikilink) { w.URL = "/glossary/#nato" }, want: `<a href="/glossary/#nato">nato</a>`},
		{
			name: "term-short",
			src:  "[[nato]]",
			set: func(w *Wikilink) {
				w.URL, w.Display, w.Class, w.Short = "/glossary/#nato", "NATO", "term", `An "alliance" <of> states & more`
			},
			want: `<a href="/glossary/#nato" class="term" title="An &quot;alliance&quot; &lt;of&gt; states &amp; more">NATO</a>`,
		},
		{name: "label-escaped", src: "[[x|<b>&</b>]]", set: func(w *Wikilink) { w.URL = "/x/" }, want: `<a href="/x/">&lt;b&gt;&amp;&lt;/b&gt;</a>`},
		{name: "unresolved", src: "[[missing|shown]]", set: func(*Wikilink) {}, want: "<p>shown</p>"},
		{name: "not-a-wikilink", src: "[[ ]] and [[a\n]]", set: func(*Wikilink) {}, want: "<p>[[ ]] and [[a\n]]</p>"},
		{name: "in-code-span", src: "`[[nato]]`", set: func(*Wikilink) {}, want: "<p><code>[[nato]]</code></p>"},
	}
	e := New(false)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := e.Parse([]byte(tt.src), "", nil)
			for _, l := range d.Links {
				if l.Wiki != nil {
					tt.set(l.Wiki)
				}
			}
			out, err := e.RenderString(d)
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(out, tt.want) {
				t.Errorf("got %s\nwant it to contain %s", out, tt.want)
			}
		})
	}
}

func TestWriteSyntaxCSS(t *testing.T) {
	var b bytes.Buffer
	if err := WriteSyntaxCSS(&b); err != nil {
		t.Fatal(err)
	}
	css := b.String()
	for _, w := range []string{
		":root:not([data-theme=dark]) .chroma .kd {",
		"@media (prefers-color-scheme: dark) {\n",
		":root:not([data-theme=light]) .chroma .kd {",
		":root[data-theme=dark] .chroma .kd {",
	} {
		if !strings.Contains(css, w) {
			t.Errorf("syntax CSS lacks %q", w)
		}
	}
	if strings.Contains(css, "/*") && strings.Count(css, "/*") != 3 {
		t.Errorf("chroma comments should be dropped, found %d comments", strings.Count(css, "/*"))
	}
}

// TestConcurrentUse runs one engine from many goroutines; with -race it
// proves the engine keeps no per-document state of its own.
func TestConcurrentUse(t *testing.T) {
	e := New(false)
	var wg sync.WaitGroup
	outs := make([]string, 8)
	for i := range outs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			src := fmt.Sprintf("## Heading\n\nText[^1] [[t%d]]\n\n[^1]: Note\n\n```go\nx := 1\n```\n", i%2)
			d := e.Parse([]byte(src), "p-", map[string]bool{})
			for _, l := range d.Links {
				l.Wiki.URL = "/x/"
			}
			outs[i], _ = e.RenderString(d)
		}()
	}
	wg.Wait()
	for i := 2; i < len(outs); i++ {
		if outs[i] != outs[i%2] {
			t.Errorf("output %d differs from output %d", i, i%2)
		}
	}
}

func FuzzParseWikilink(f *testing.F) {
	for _, s := range []string{"nato", "nato|x", "a#b|c", "|", "#", "a||b##c"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, inner []byte) {
		target, _, _, ok := ParseWikilink(inner)
		if ok != (target != "") {
			t.Fatalf("ok = %v with target %q", ok, target)
		}
		if strings.ContainsAny(target, "|#") {
			t.Fatalf("target %q keeps a separator", target)
		}
	})
}

func FuzzRender(f *testing.F) {
	for _, s := range []string{"# H\n\n[[a|b]] [x](/y/#z)\n", "| a |\n|---|\n| [[b]] |\n", "Text[^1]\n\n[^1]: n\n", "```go\nx\n```\n", "<b>x</b>"} {
		f.Add(s)
	}
	e := New(false)
	f.Fuzz(func(t *testing.T, src string) {
		d := e.Parse([]byte(src), "p-", nil)
		if d.Problem != nil && (d.Problem.Offset < 0 || d.Problem.Offset > len(src) || d.Problem.Msg == "") {
			t.Fatalf("problem %+v in a source of %d bytes", *d.Problem, len(src))
		}
		seen := map[string]bool{}
		for _, id := range d.HeadingIDs {
			if !strings.HasPrefix(id, "p-") {
				t.Fatalf("heading id %q lacks the prefix", id)
			}
			seen[id] = true
		}
		for _, l := range d.Links {
			if l.Offset < 0 || l.Offset > len(src) {
				t.Fatalf("link offset %d outside the source", l.Offset)
			}
			if l.Wiki != nil {
				l.Wiki.URL = "/x/"
			}
		}
		out, err := e.RenderString(d)
		if err != nil {
			t.Fatal(err)
		}
		if strings.Contains(out, "<script") {
			t.Fatalf("raw HTML got through: %s", out)
		}
	})
}

// FuzzWikilinkInner holds the linear scan for the end of a [[...]] to
// the rule it replaced: the first "]]", with no "[" or line break before.
func FuzzWikilinkInner(f *testing.F) {
	for _, s := range []string{"[[a]]", "[[a]b]]", "[[a[b]]", "[[a\nb]]", "[[]]", "[[a]", "[[[[a]]", "[[a]]]]", "[[a|b#c]] x"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, line []byte) {
		if len(line) < 2 {
			return
		}
		want := -1
		if end := bytes.Index(line[2:], []byte("]]")); end >= 0 && !bytes.ContainsAny(line[2:2+end], "[\n") {
			want = end
		}
		if got := innerEnd(line); got != want {
			t.Fatalf("innerEnd(%q) = %d, want %d", line, got, want)
		}
	})
}
