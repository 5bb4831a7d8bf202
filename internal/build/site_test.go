package build

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"io/fs"
	"math/rand/v2"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"testing/fstest"

	"github.com/counterpoint-ssg/counterpoint/internal/benchsite"
)

// repoRoot finds the repository root (the directory holding go.mod).
func repoRoot(t testing.TB) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatal("no go.mod above the test directory")
		}
		dir = parent
	}
}

// defaultLayoutSite is the base site without its layouts/, so the built-in
// layouts render it.
func defaultLayoutSite(t testing.TB, overlay string) fstest.MapFS {
	fsys := baseSite(t, overlay)
	for name := range fsys {
		if strings.HasPrefix(name, "layouts/") {
			delete(fsys, name)
		}
	}
	return fsys
}

var idAttr = regexp.MustCompile(`\sid="([^"]+)"`)

// checkLinks fails the test for every broken internal link in res.
func checkLinks(t *testing.T, res *Result, base string) {
	t.Helper()
	problems, checked := brokenLinks(res, base)
	for _, p := range problems {
		t.Error(p)
	}
	if checked == 0 {
		t.Error("no internal links checked")
	}
}

// brokenLinks follows every internal href and src in every HTML file of
// res and reports those that lead to no output file, or to an id the
// target page does not have. base is the site's base path.
func brokenLinks(res *Result, base string) (problems []string, checked int) {
	errorf := func(format string, args ...any) { problems = append(problems, fmt.Sprintf(format, args...)) }
	idsOf := map[string]map[string]bool{}
	idSet := func(name string) map[string]bool {
		if m, ok := idsOf[name]; ok {
			return m
		}
		m := map[string]bool{}
		for _, match := range idAttr.FindAllStringSubmatch(string(res.Files[name]), -1) {
			m[match[1]] = true
		}
		idsOf[name] = m
		return m
	}
	for _, name := range res.Paths() {
		if !strings.HasSuffix(name, ".html") {
			continue
		}
		for _, h := range hrefs(string(res.Files[name])) {
			if h == "" || strings.Contains(h, ":") && !strings.HasPrefix(h, "/") && !strings.HasPrefix(h, "#") {
				continue // external, mailto:, javascript: never appear in our own links
			}
			h = strings.ReplaceAll(h, "&amp;", "&")
			target, frag, _ := strings.Cut(h, "#")
			target, _, _ = strings.Cut(target, "?")
			switch {
			case target == "":
				target = name
			case strings.HasPrefix(target, "/"):
				if !strings.HasPrefix(target, base) {
					errorf("%s: link %q is outside the base path %s", name, h, base)
					continue
				}
				target = strings.TrimPrefix(target, base)
			default:
				target = path.Join(path.Dir(name), target)
				if target == "." {
					target = ""
				} else if strings.HasSuffix(h, "/") {
					target += "/"
				}
			}
			if target == "" || strings.HasSuffix(target, "/") {
				target += "index.html"
			}
			checked++
			if _, ok := res.Files[target]; !ok {
				errorf("%s: broken link %q (no %s)", name, h, target)
				continue
			}
			if frag != "" && strings.HasSuffix(target, ".html") && !idSet(target)[frag] {
				errorf("%s: link %q: %s has no id %q", name, h, target, frag)
			}
		}
	}
	return problems, checked
}

// TestBrokenLinks shows that the link checker used on whole sites can fail.
func TestBrokenLinks(t *testing.T) {
	res := &Result{Files: map[string][]byte{
		"index.html":   []byte(`<a href="/sub/a/">a</a> <a href="/sub/a/#x">x</a> <a href="/sub/b/">b</a> <a href="/sub/a/#y">y</a> <a href="/c/">c</a> <img src="rel.png"> <a href="#top">top</a> <a href="https://example.org/">ext</a>`),
		"a/index.html": []byte(`<h2 id="x">X</h2><a href="../">up</a> <a href="../missing/">m</a>`),
		"assets/x.css": []byte(`body{}`),
	}}
	problems, checked := brokenLinks(res, "/sub/")
	want := []string{
		`a/index.html: broken link "../missing/" (no missing/index.html)`,
		`index.html: broken link "/sub/b/" (no b/index.html)`,
		`index.html: link "/sub/a/#y": a/index.html has no id "y"`,
		`index.html: link "/c/" is outside the base path /sub/`,
		`index.html: broken link "rel.png" (no rel.png)`,
		`index.html: link "#top": index.html has no id "top"`,
	}
	if !slices.Equal(problems, want) || checked != 8 {
		t.Errorf("brokenLinks found (%d checked):\n%s\nwant:\n%s", checked, strings.Join(problems, "\n"), strings.Join(want, "\n"))
	}
}

// TestRepositorySite builds the repository's own site with zero errors
// and checks that every internal link in its output leads somewhere.
func TestRepositorySite(t *testing.T) {
	root := repoRoot(t)
	fsys := os.DirFS(root)
	res := mustBuild(t, Inputs{FS: fsys})

	// Every content page is in the model (none dropped), and every page
	// that is not an entry on a shared page has its own HTML file.
	mds, err := fs.Glob(fsys, "content/*/*.md")
	if err != nil {
		t.Fatal(err)
	}
	top, _ := fs.Glob(fsys, "content/*.md")
	var want int
	for _, p := range append(mds, top...) {
		if !strings.HasSuffix(p, "/_index.md") {
			want++
		}
	}
	if got := len(res.Site.All); got != want {
		t.Errorf("the model has %d pages, content/ has %d page files", got, want)
	}
	for _, p := range res.Site.All {
		if p.IsEntry() {
			continue
		}
		if _, ok := res.Files[p.OutputPath()]; !ok {
			t.Errorf("%s: no output %s", p.Path, p.OutputPath())
		}
	}
	if len(res.Site.Demands) == 0 || len(res.Site.Counterpositions) == 0 || len(res.Site.Terms) == 0 || len(res.Site.Events) == 0 {
		t.Errorf("the site lacks a kind: %d demands, %d counterpositions, %d terms, %d events",
			len(res.Site.Demands), len(res.Site.Counterpositions), len(res.Site.Terms), len(res.Site.Events))
	}
	for _, d := range res.Site.Demands {
		if len(d.Counterpositions) == 0 {
			t.Logf("note: demand %s has no counterposition yet", d.Slug)
		}
	}
	checkLinks(t, res, "/")

	t.Run("base-url", func(t *testing.T) {
		res := mustBuild(t, Inputs{FS: fsys, BaseURL: "https://example.org/sub/dir/"})
		checkBase(t, res, "https://example.org/sub/dir/", "/sub/dir/")
		checkLinks(t, res, "/sub/dir/")
		for _, name := range res.Paths() {
			if !strings.HasSuffix(name, "index.html") {
				continue
			}
			want := `<link rel="canonical" href="https://example.org/sub/dir/` + strings.TrimSuffix(name, "index.html") + `">`
			if !strings.Contains(string(res.Files[name]), want) {
				t.Errorf("%s lacks %s", name, want)
			}
		}
		for _, loc := range regexp.MustCompile(`<loc>([^<]*)</loc>`).FindAllStringSubmatch(string(res.Files["sitemap.xml"]), -1) {
			if !strings.HasPrefix(loc[1], "https://example.org/sub/dir/") {
				t.Errorf("sitemap loc %s is not under the base URL", loc[1])
			}
		}
	})
}

// TestDefaultLayouts renders the base site with the built-in layouts and
// checks what the spec promises of any layout set: each term at #slug on
// the glossary page, events in date order, term links with their short
// text, a 404 page, and links that all lead somewhere.
func TestDefaultLayouts(t *testing.T) {
	res := mustBuild(t, Inputs{FS: defaultLayoutSite(t, linksPage("[[nato]] and [[minsk-ii]]"))})
	gl := ids(file(t, res, "glossary/index.html"))
	if want := []string{"founding-act", "nato", "osce"}; !inOrder(gl, want) {
		t.Errorf("glossary ids %q lack %q in order", gl, want)
	}
	tl := ids(file(t, res, "timeline/index.html"))
	if want := []string{"founding-act-signed", "minsk-ii", "draft-treaties"}; !inOrder(tl, want) {
		t.Errorf("timeline ids %q lack %q in order", tl, want)
	}
	out := file(t, res, "links/index.html")
	if !strings.Contains(out, `<a href="/glossary/#nato" class="term" title="The North Atlantic alliance.">NATO</a>`) {
		t.Errorf("term link without its short text:\n%s", out)
	}
	if _, ok := res.Files["404.html"]; !ok {
		t.Error("no 404.html")
	}
	checkLinks(t, res, "/")
}

// TestDeterminism builds the same sites five times on one core and five
// times on two, reading them directly and (every other build) through a
// file system that lists every directory in a new random order each
// time, with Build and with a Builder, and requires every output byte to
// be the same.
func TestDeterminism(t *testing.T) {
	sites := []struct {
		name string
		fsys fs.FS
	}{
		{"base", baseSite(t, linksPage("[[nato]] [[lavrov]] [x](/timeline/#minsk-ii)"))},
		{"defaults", defaultLayoutSite(t, "")},
		{"repository", os.DirFS(repoRoot(t))},
		{"generated", benchsite.Generate(150)},
	}
	prev := runtime.GOMAXPROCS(0)
	defer runtime.GOMAXPROCS(prev)
	for _, s := range sites {
		t.Run(s.name, func(t *testing.T) {
			var first *Result
			compare := func(what string, res *Result) {
				t.Helper()
				if first == nil {
					first = res
					return
				}
				if !slices.Equal(res.Paths(), first.Paths()) {
					t.Fatalf("%s wrote other files:\n%q\nvs\n%q", what, res.Paths(), first.Paths())
				}
				for _, p := range first.Paths() {
					if !bytes.Equal(res.Files[p], first.Files[p]) {
						t.Errorf("%s: %s differs", what, p)
					}
				}
			}
			shuffled := &shuffleFS{fsys: s.fsys, rng: rand.New(rand.NewPCG(1, 2))}
			for i := range 10 {
				procs := 1 + i/5
				runtime.GOMAXPROCS(procs)
				fsys, how := s.fsys, "read directly"
				if i%2 == 1 {
					fsys, how = shuffled, "listed in random order"
				}
				res := mustBuild(t, Inputs{FS: fsys, BaseURL: "https://example.org/sub/"})
				compare(fmt.Sprintf("build %d (%s, GOMAXPROCS %d)", i, how, procs), res)
			}
			b := NewBuilder(Inputs{FS: shuffled, BaseURL: "https://example.org/sub/"})
			for i := range 2 {
				runtime.GOMAXPROCS(1 + i%2)
				res, err := b.Build(context.Background(), nil)
				if err != nil {
					t.Fatal(err)
				}
				compare(fmt.Sprintf("Builder build %d", i), res)
			}
			if shuffled.calls.Load() == 0 {
				t.Error("no directory was listed through the shuffling file system")
			}
		})
	}
}

// shuffleFS lists every directory in a new random order on every call,
// through ReadDir and through the ReadDir of an opened directory, so that
// nothing may depend on the order a file system happens to list files in.
type shuffleFS struct {
	fsys  fs.FS
	mu    sync.Mutex
	rng   *rand.Rand
	calls atomic.Int64
}

func (s *shuffleFS) shuffle(entries []fs.DirEntry) []fs.DirEntry {
	s.calls.Add(1)
	s.mu.Lock()
	s.rng.Shuffle(len(entries), func(i, j int) { entries[i], entries[j] = entries[j], entries[i] })
	s.mu.Unlock()
	return entries
}

func (s *shuffleFS) Open(name string) (fs.File, error) {
	f, err := s.fsys.Open(name)
	if err != nil {
		return nil, err
	}
	if d, ok := f.(fs.ReadDirFile); ok {
		return &shuffleDir{ReadDirFile: d, fs: s}, nil
	}
	return f, nil
}

func (s *shuffleFS) ReadDir(name string) ([]fs.DirEntry, error) {
	entries, err := fs.ReadDir(s.fsys, name)
	return s.shuffle(entries), err
}

type shuffleDir struct {
	fs.ReadDirFile
	fs      *shuffleFS
	entries []fs.DirEntry
	read    bool
}

func (d *shuffleDir) ReadDir(n int) ([]fs.DirEntry, error) {
	if !d.read {
		all, err := d.ReadDirFile.ReadDir(-1)
		if err != nil {
			return nil, err
		}
		d.entries, d.read = d.fs.shuffle(all), true
	}
	if n <= 0 {
		out := d.entries
		d.entries = nil
		return out, nil
	}
	if len(d.entries) == 0 {
		return nil, io.EOF
	}
	k := min(n, len(d.entries))
	out := d.entries[:k]
	d.entries = d.entries[k:]
	return out, nil
}
