package assets

import (
	"bytes"
	"flag"
	"io/fs"
	"os"
	"path/filepath"
	"testing"

	"github.com/counterpoint-ssg/counterpoint/internal/markdown"
)

var update = flag.Bool("update", false, "rewrite minified/ from the built-in assets")

// builtins returns the built-in assets that are minified, by name.
func builtins(t *testing.T) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	err := fs.WalkDir(defaults, "defaults", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || mediaType(p) == "" {
			return err
		}
		out[filepath.Base(p)], err = fs.ReadFile(defaults, p)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	var syntax bytes.Buffer
	if err := markdown.WriteSyntaxCSS(&syntax); err != nil {
		t.Fatal(err)
	}
	out[SyntaxCSS] = syntax.Bytes()
	return out
}

// TestMinified checks that minified/ holds exactly the minified form of
// every built-in asset, as the minifier makes it now.
func TestMinified(t *testing.T) {
	m := newMinifier()
	want := map[string][]byte{}
	for name, src := range builtins(t) {
		key := minifiedName(name, src) // before minifying, which may change src
		out, err := m.Bytes(mediaType(name), src)
		if err != nil {
			t.Fatal(err)
		}
		want[key] = out
	}
	if *update {
		old, _ := filepath.Glob("minified/*")
		for _, f := range old {
			os.Remove(f)
		}
		for f, b := range want {
			if err := os.WriteFile(filepath.Join("minified", f), b, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		return
	}
	ents, err := fs.ReadDir(minified, "minified")
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range ents {
		if _, ok := want[e.Name()]; !ok {
			t.Errorf("minified/%s is stale: run go test ./internal/assets -run Minified -update", e.Name())
		}
	}
	for f, b := range want {
		got, err := fs.ReadFile(minified, "minified/"+f)
		if err != nil || !bytes.Equal(got, b) {
			t.Errorf("minified/%s is missing or wrong: run go test ./internal/assets -run Minified -update", f)
		}
	}
}

// TestPreminifiedUsed checks that Build takes the built-in assets from
// minified/ and gives the same files as minifying them.
func TestPreminifiedUsed(t *testing.T) {
	m := newMinifier()
	set, errs := Build(nil)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	for name, src := range builtins(t) {
		if _, ok := preminified(name, src); !ok {
			t.Errorf("%s is not in minified/", name)
		}
		want, _ := m.Bytes(mediaType(name), src)
		i, ok := set.byName[name]
		if !ok || !bytes.Equal(set.Files[i].Data, want) {
			t.Errorf("%s: built asset differs from the minified source", name)
		}
	}
}
