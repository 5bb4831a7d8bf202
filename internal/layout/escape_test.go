package layout

import (
	"bytes"
	"html/template"
	"strings"
	"testing"
	"testing/fstest"
)

// escapeBoth escapes s in every context the generated code uses, once with
// html/template and once with escape.go, separating contexts with "|".
func escapeBoth(t *testing.T, s string) (want, got string) {
	t.Helper()
	tmpl := template.Must(template.New("x").Parse(
		`<title>{{.}}</title>|{{.}}|<p title="{{.}}">|<a href="{{.}}">|<a href="#{{.}}">`))
	var w bytes.Buffer
	if err := tmpl.Execute(&w, s); err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	b.WriteString("<title>")
	escapeHTML(&b, s)
	b.WriteString("</title>|")
	escapeHTML(&b, s)
	b.WriteString(`|<p title="`)
	escapeHTML(&b, s)
	b.WriteString(`">|<a href="`)
	escapeURL(&b, s)
	b.WriteString(`">|<a href="#`)
	escapeURLPart(&b, s)
	b.WriteString(`">`)
	return w.String(), b.String()
}

// TestEscapersMatchHTMLTemplate holds the generated code's escapers to
// html/template's on strings that reach each of their branches.
func TestEscapersMatchHTMLTemplate(t *testing.T) {
	for _, s := range []string{
		"", "plain", `<b>"Q" & 'q' + x</b>`, "nul\x00byte", "\xff\xfe invalid",
		"/demands/x/", "https://example.org/a b?c=d&e=f+g#h", "javascript:alert(1)",
		"JavaScript:x", "HTTPS://x/", "mailto:a@b", "data:x", "httpſ://x", "/a:b", "a/b:c",
		"%41%zz%4", "%", "ü/é", "[]@!$*,;=?#~", "\t\n\r ", "é+&",
	} {
		if want, got := escapeBoth(t, s); want != got {
			t.Errorf("%q:\nhtml/template %q\nescape.go     %q", s, want, got)
		}
	}
}

func FuzzEscapers(f *testing.F) {
	for _, s := range []string{"a&b+c", "javascript:x", "%4g%41", "\x00<>\"'"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if want, got := escapeBoth(t, s); want != got {
			t.Fatalf("%q:\nhtml/template %q\nescape.go     %q", s, want, got)
		}
	})
}

// TestNativeCovers checks when the generated code renders a page layout:
// only when both it and the base layout are the built-in ones. (Whether
// it writes the same bytes as the templates is build's
// TestNativeMatchesTemplates.)
func TestNativeCovers(t *testing.T) {
	load := func(files map[string]string) *Set {
		fsys := fstest.MapFS{}
		for n, d := range files {
			fsys[n] = &fstest.MapFile{Data: []byte(d)}
		}
		s, errs := Load(fsys, Funcs(URLs{Base: "/", Path: "/"}, func(string) (string, bool) { return "", false }))
		if len(errs) > 0 {
			t.Fatal(errs)
		}
		return s
	}
	s := load(nil)
	if len(s.pages) < 7 {
		t.Fatalf("%d built-in page layouts", len(s.pages))
	}
	for name := range s.pages {
		if !s.native.covers(name) {
			t.Errorf("built-in %s is not covered", name)
		}
	}
	s = load(map[string]string{"layouts/page.html": `{{define "main"}}x{{end}}`, "layouts/partials/footer.html": "f"})
	if s.native.covers("page.html") || !s.native.covers("list.html") {
		t.Error("an overridden page layout is covered, or another one is not")
	}
	if s.native.builtin["partials/footer.html"] || !s.native.builtin["partials/header.html"] {
		t.Error("overridden partials are not told apart")
	}
	s = load(map[string]string{"layouts/baseof.html": strings.Replace(string(mustRead(t, "defaults/baseof.html")), "<body", "<body x", 1)})
	if s.native.covers("list.html") {
		t.Error("covered with an overridden base layout")
	}
	s = load(nil)
	s.TemplatesOnly()
	if s.native.covers("page.html") {
		t.Error("covered after TemplatesOnly")
	}
	if s := mustLoadFuncs(t, "url"); s.native != nil {
		t.Error("generated code on without the url helper")
	}
}

func mustRead(t *testing.T, name string) []byte {
	t.Helper()
	b, err := defaults.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// mustLoadFuncs loads the built-in layouts with one helper replaced by a
// function of another type.
func mustLoadFuncs(t *testing.T, replace string) *Set {
	funcs := Funcs(URLs{Base: "/", Path: "/"}, func(string) (string, bool) { return "", false })
	funcs[replace] = func(s string) (string, error) { return s, nil }
	s, errs := Load(nil, funcs)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	return s
}
