package build

import (
	"bytes"
	"context"
	"flag"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden/want")

const (
	goldenSite = "testdata/golden/site"
	goldenWant = "testdata/golden/want"
)

// TestGolden builds a small fixture site with its own layouts and assets
// and compares every output file, byte for byte, with the files in
// testdata/golden/want. Run `go test ./internal/build -update` after an
// intended change and review the diff. Fingerprinted assets are left out:
// the HTML names them, and their bytes are covered by TestAssets.
func TestGolden(t *testing.T) {
	res, err := Build(context.Background(), Inputs{FS: os.DirFS(goldenSite), BaseURL: "https://example.org/sub/"})
	if err != nil {
		t.Fatalf("build failed:\n%v", err)
	}
	var got []string
	for _, p := range res.Paths() {
		if !strings.HasPrefix(p, "assets/") {
			got = append(got, p)
		}
	}
	if *update {
		if err := os.RemoveAll(goldenWant); err != nil {
			t.Fatal(err)
		}
		for _, p := range got {
			dst := filepath.Join(goldenWant, filepath.FromSlash(p))
			if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(dst, res.Files[p], 0o644); err != nil {
				t.Fatal(err)
			}
		}
		t.Logf("wrote %d golden files", len(got))
		return
	}
	var want []string
	err = fs.WalkDir(os.DirFS(goldenWant), ".", func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			want = append(want, p)
		}
		return err
	})
	if err != nil {
		t.Fatalf("reading golden files (run with -update to create them): %v", err)
	}
	for _, p := range want {
		if !slices.Contains(got, p) {
			t.Errorf("%s: in %s but not built", p, goldenWant)
		}
	}
	for _, p := range got {
		if !slices.Contains(want, p) {
			t.Errorf("%s: built but not in %s (run with -update)", p, goldenWant)
			continue
		}
		w, err := os.ReadFile(filepath.Join(goldenWant, filepath.FromSlash(p)))
		if err != nil {
			t.Fatal(err)
		}
		if g := res.Files[p]; !bytes.Equal(g, w) {
			t.Errorf("%s differs from the golden file (run with -update if intended):\n%s", p, lineDiff(string(w), string(g)))
		}
	}
	// The fixture's own assets are the ones its pages refer to.
	for _, name := range []string{"site.css", "site.js", "syntax.css"} {
		src, err := os.ReadFile(filepath.Join(goldenSite, "assets", name))
		if err != nil {
			t.Fatal(err)
		}
		found := false
		for _, p := range res.Paths() {
			ext := filepath.Ext(name)
			if strings.HasPrefix(p, "assets/"+strings.TrimSuffix(name, ext)+".") && strings.HasSuffix(p, ext) {
				found = true
				if len(res.Files[p]) >= len(src) {
					t.Errorf("%s (from %s) is not minified", p, name)
				}
			}
		}
		if !found {
			t.Errorf("no output for the fixture's %s", name)
		}
	}
}

// lineDiff shows the first lines where two texts differ.
func lineDiff(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	var b strings.Builder
	shown := 0
	for i := 0; i < max(len(w), len(g)) && shown < 6; i++ {
		var wl, gl string
		if i < len(w) {
			wl = w[i]
		}
		if i < len(g) {
			gl = g[i]
		}
		if wl != gl {
			shown++
			b.WriteString("line " + strconv.Itoa(i+1) + ":\n  want: " + wl + "\n   got: " + gl + "\n")
		}
	}
	return b.String()
}
