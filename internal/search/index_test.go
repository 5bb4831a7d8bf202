package search

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strings"
	"testing"
)

func TestSections(t *testing.T) {
	body := `<p>Intro <em>text</em> here.</p>
<h2 id="first">First <code>part</code></h2>
<p>One</p><ul><li>two</li><li>three&amp;four</li></ul>
<script>var hidden = 1;</script>
<h3>No id</h3><p>five</p>
<h2 id="second">Second</h2><table><tr><td>six</td><td>seven</td></tr></table>`
	want := []Section{
		{"", "", "Intro text here."},
		{"first", "First part", "One two three&four"},
		{"first", "No id", "five"},
		{"second", "Second", "six seven"},
	}
	if got := Sections(body); !slices.Equal(got, want) {
		t.Errorf("Sections =\n%q\nwant\n%q", got, want)
	}
	if got := Sections(""); len(got) != 0 {
		t.Errorf("Sections(\"\") = %q", got)
	}
}

func TestWeights(t *testing.T) {
	for _, tt := range []struct {
		title, heading bool
		count, want    int
	}{
		{false, false, 1, 1},
		{false, false, 50, maxBodyCount},
		{false, true, 0, WeightHeading},
		{true, false, 0, WeightTitle},
		{true, true, 3, WeightTitle + WeightHeading + 3},
	} {
		if got := weight(tt.title, tt.heading, tt.count); got != tt.want {
			t.Errorf("weight(%v, %v, %d) = %d, want %d", tt.title, tt.heading, tt.count, got, tt.want)
		}
	}
	// Title over heading over any body count.
	if weight(true, false, 0) <= weight(false, true, 1000) || weight(false, true, 0) <= weight(false, false, 1000) {
		t.Error("a body count outweighs a heading or a heading a title")
	}
}

// testDocs make a small site: "zebra" in a title, a heading and a body.
func testDocs() []Doc {
	return []Doc{
		{URL: "/a/", Title: "About zebras", Kind: "page", Body: "<p>Nothing here.</p>"},
		{URL: "/b/", Title: "Bees", Kind: "demand", Who: "Russia", Date: "2021-12", Body: `<h2 id="z">Zebra</h2><p>stripes</p>`},
		{URL: "/c/", Title: "Cats", Kind: "term", Aliases: []string{"Felines"}, Body: `<p>zebra zebra zebra Zebra.</p><h2 id="x">Other</h2><p>Straße</p>`},
		{URL: "/d/", Title: "Zebra", Kind: "page", Summary: "A zebra.", Body: ""},
	}
}

// index builds docs and returns the files by path.
func index(t testing.TB, docs []Doc) map[string][]byte {
	t.Helper()
	files, err := Build(context.Background(), docs)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string][]byte{}
	for _, f := range files {
		out[f.Path] = f.Data
	}
	return out
}

type manifest struct {
	F, X, H string
	G       []int
	C       [][3]any
}

// fragmentFile is the path of fragment file i: the manifest's h holds
// their hashes one after the other.
func (m *manifest) fragmentFile(i int) string {
	return m.F + m.H[i*HashLen:(i+1)*HashLen] + m.X
}

// inflate decompresses a fragment file as the script does: gzip when it
// starts with the gzip magic, else the bytes as they are.
func inflate(t testing.TB, data []byte) []byte {
	t.Helper()
	if len(data) < 2 || data[0] != 0x1f || data[1] != 0x8b {
		return data
	}
	r, err := gzip.NewReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	out, err := io.ReadAll(r)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// fragment finds page p's fragment the way the script does: in the file
// whose pages, counted through the manifest's g, include p.
func fragment(t testing.TB, files map[string][]byte, p int) json.RawMessage {
	t.Helper()
	var m manifest
	if err := json.Unmarshal(files[ManifestPath], &m); err != nil {
		t.Fatal(err)
	}
	for i, n := range m.G {
		if p < n {
			var list []json.RawMessage
			if err := json.Unmarshal(inflate(t, files[m.fragmentFile(i)]), &list); err != nil {
				t.Fatal(err)
			}
			if len(list) != n {
				t.Fatalf("fragment file %s: %d pages, the manifest says %d", m.fragmentFile(i), len(list), n)
			}
			return list[p]
		}
		p -= n
	}
	t.Fatalf("no fragment file holds page %d", p)
	return nil
}

// TestFragmentFiles: on a large site consecutive pages share a
// compressed fragment file of at most twice FragmentTarget raw bytes (a
// larger page alone), every page's fragment is found through the
// manifest, and there are far fewer files than pages; a small site
// keeps a file per page.
func TestFragmentFiles(t *testing.T) {
	small := index(t, testDocs())
	var m manifest
	json.Unmarshal(small[ManifestPath], &m)
	if !slices.Equal(m.G, []int{1, 1, 1, 1}) || len(m.H) != 4*HashLen || m.X != FragmentExt {
		t.Errorf("small site: pages per fragment file %v, hashes %q, extension %q", m.G, m.H, m.X)
	}
	docs := manyDocs(8 * FragmentFiles)
	files := index(t, docs)
	json.Unmarshal(files[ManifestPath], &m)
	if len(m.G) > 2*FragmentFiles || len(m.G) > len(docs)/2 {
		t.Errorf("%d fragment files for %d pages", len(m.G), len(docs))
	}
	raw, packed := 0, 0
	for i, n := range m.G {
		name := m.fragmentFile(i)
		data := files[name]
		if data == nil {
			t.Fatalf("fragment file %s not built", name)
		}
		if !bytes.HasPrefix(data, []byte{0x1f, 0x8b}) {
			t.Errorf("fragment file %s is not gzip", name)
		}
		plain := inflate(t, data)
		raw, packed = raw+len(plain), packed+len(data)
		if len(plain) > 2*FragmentTarget && n > 1 {
			t.Errorf("fragment file %s: %d bytes for %d pages", name, len(plain), n)
		}
	}
	if packed*3 > raw {
		t.Errorf("fragment files: %d bytes compressed from %d", packed, raw)
	}
	for i := 0; i < len(docs); i += 17 {
		var f struct{ U string }
		if err := json.Unmarshal(fragment(t, files, i), &f); err != nil || f.U != docs[i].URL {
			t.Fatalf("page %d: fragment %q (%v)", i, f.U, err)
		}
	}
}

// lookup finds word w the way the script does: in the last chunk whose
// first word is not after w.
func lookup(t testing.TB, files map[string][]byte, w string) []int {
	t.Helper()
	var m manifest
	if err := json.Unmarshal(files[ManifestPath], &m); err != nil {
		t.Fatal(err)
	}
	i := len(m.C) - 1
	for i > 0 && m.C[i][0].(string) > w {
		i--
	}
	var ch map[string][]int
	if err := json.Unmarshal(files[m.C[i][1].(string)], &ch); err != nil {
		t.Fatal(err)
	}
	return ch[w]
}

func TestBuildPostings(t *testing.T) {
	files := index(t, testDocs())
	// page delta, weight: /a/ title (zebras is another word), /b/ heading,
	// /c/ four body words, /d/ title and summary.
	if got, want := lookup(t, files, "zebra"), []int{2, WeightHeading, 1, 4, 1, WeightTitle + 1}; !slices.Equal(got, want) {
		t.Errorf("zebra: %v, want %v", got, want)
	}
	if got, want := lookup(t, files, "zebras"), []int{1, WeightTitle}; !slices.Equal(got, want) {
		t.Errorf("zebras: %v, want %v", got, want)
	}
	if got, want := lookup(t, files, "strasse"), []int{3, 1}; !slices.Equal(got, want) {
		t.Errorf("strasse: %v, want %v", got, want)
	}
	if got, want := lookup(t, files, "felines"), []int{3, WeightTitle}; !slices.Equal(got, want) {
		t.Errorf("felines (an alias): %v, want %v", got, want)
	}
	if got, want := lookup(t, files, "russia"), []int{2, WeightHeading}; !slices.Equal(got, want) {
		t.Errorf("russia (who): %v, want %v", got, want)
	}
	var f struct {
		U, T, K, W, D string
		S             [][3]string
	}
	if err := json.Unmarshal(fragment(t, files, 1), &f); err != nil {
		t.Fatal(err)
	}
	if f.U != "/b/" || f.T != "Bees" || f.K != "demand" || f.W != "Russia" || f.D != "2021-12" || !slices.Equal(f.S, [][3]string{{"z", "Zebra", "stripes"}}) {
		t.Errorf("fragment 1 = %+v", f)
	}
}

// TestChunks indexes many words and finds every one through the manifest.
func TestChunks(t *testing.T) {
	var docs []Doc
	var all []string
	for i := range 400 {
		var body strings.Builder
		for j := range 40 {
			w := fmt.Sprintf("w%05d", (i*40+j)%5000)
			body.WriteString(w + " ")
			all = append(all, w)
		}
		docs = append(docs, Doc{URL: fmt.Sprintf("/p%d/", i), Title: "page", Body: "<p>" + body.String() + "</p>"})
	}
	files := index(t, docs)
	var m manifest
	json.Unmarshal(files[ManifestPath], &m)
	if len(m.C) < 5 {
		t.Fatalf("%d chunks for %d words", len(m.C), 5000)
	}
	for i, c := range m.C {
		name, size := c[1].(string), int(c[2].(float64))
		if len(files[name]) != size {
			t.Errorf("chunk %s: manifest says %d bytes, file has %d", name, size, len(files[name]))
		}
		if size > ChunkTarget*2 {
			t.Errorf("chunk %s: %d bytes", name, size)
		}
		if i > 0 && c[0].(string) <= m.C[i-1][0].(string) {
			t.Errorf("chunk %d starts at %q, not after %q", i, c[0], m.C[i-1][0])
		}
	}
	slices.Sort(all)
	all = slices.Compact(all)
	for i := 0; i < len(all); i += 17 {
		if w := all[i]; len(lookup(t, files, w)) == 0 {
			t.Fatalf("%s not found through the manifest", w)
		}
	}
}

// TestDeterministic builds the same pages twice, once with the work in
// another order of goroutines, and wants the same bytes; a changed body
// changes the manifest, and nothing else is left behind.
func TestDeterministic(t *testing.T) {
	a, b := index(t, testDocs()), index(t, testDocs())
	if len(a) != len(b) {
		t.Fatalf("%d files, then %d", len(a), len(b))
	}
	for p, d := range a {
		if !bytes.Equal(d, b[p]) {
			t.Errorf("%s differs between two builds", p)
		}
	}
	docs := testDocs()
	docs[2].Body = "<p>quagga</p>"
	c := index(t, docs)
	if bytes.Equal(a[ManifestPath], c[ManifestPath]) {
		t.Error("a changed body left the manifest as it was")
	}
	if len(lookup(t, c, "quagga")) == 0 {
		t.Error("the new word is not found")
	}
}

// FuzzAppendJSON: appendJSON writes what encoding/json writes.
func FuzzAppendJSON(f *testing.F) {
	for _, s := range []string{"", "plain", "quote \" back \\ nl \n tab \t cr \r bs \b ff \f ctl \x01", "<script>&amp;", "ünï «»", "bad \xff utf8", "\u2028\u2029"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		want, _ := json.Marshal(s)
		if got := appendJSON(nil, s); !bytes.Equal(got, want) {
			t.Fatalf("%q: %s, encoding/json %s", s, got, want)
		}
	})
}

// FuzzSections: any body splits without a panic into texts with white
// space collapsed.
func FuzzSections(f *testing.F) {
	for _, s := range []string{"<p>a</p><h2 id=\"x\">H</h2>b", "<!-- c", "<script>x", "<h1", "a &amp; b\n\n c", "<H2 ID='y'>Up</H2>z<svg/>w"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, body string) {
		for _, s := range Sections(body) {
			for _, x := range []string{s.Heading, s.Text} {
				if strings.HasPrefix(x, " ") || strings.HasSuffix(x, " ") || strings.Contains(x, "  ") || strings.ContainsAny(x, "\n\t\r") {
					if !strings.Contains(body, "&") { // a reference may decode to white space
						t.Fatalf("%q: uncollapsed %q", body, x)
					}
				}
			}
		}
	})
}
