package build

import (
	"context"
	"errors"
	"os"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/counterpoint-ssg/counterpoint/internal/diag"
	"github.com/rogpeppe/go-internal/txtar"
)

// mapFS turns txtar text into a file system.
func mapFS(archive string) fstest.MapFS {
	fsys := fstest.MapFS{}
	for _, f := range txtar.Parse([]byte(archive)).Files {
		fsys[f.Name] = &fstest.MapFile{Data: f.Data, Mode: 0o644}
	}
	return fsys
}

// baseSite is testdata/base.txtar with the files of overlay (txtar text)
// added or replaced. A file whose content is exactly "DELETE\n" is removed.
func baseSite(t testing.TB, overlay string) fstest.MapFS {
	t.Helper()
	data, err := os.ReadFile("testdata/base.txtar")
	if err != nil {
		t.Fatal(err)
	}
	fsys := mapFS(string(data))
	for name, f := range mapFS(overlay) {
		if string(f.Data) == "DELETE\n" {
			delete(fsys, name)
			continue
		}
		fsys[name] = f
	}
	return fsys
}

// mustBuild builds fsys and fails the test on any error.
func mustBuild(t testing.TB, in Inputs) *Result {
	t.Helper()
	res, err := Build(context.Background(), in)
	if err != nil {
		t.Fatalf("build failed:\n%v", err)
	}
	return res
}

// buildErrors builds fsys, which must fail with content errors, and
// returns each error as printed.
func buildErrors(t testing.TB, in Inputs) []string {
	t.Helper()
	res, err := Build(context.Background(), in)
	if err == nil {
		t.Fatalf("build succeeded with %d files, want errors", len(res.Files))
	}
	if res != nil {
		t.Errorf("a failed build returned a result")
	}
	var list diag.List
	if !errors.As(err, &list) {
		var one *diag.Error
		if !errors.As(err, &one) {
			t.Fatalf("error is %T, want a diag.List: %v", err, err)
		}
		list = diag.List{one}
	}
	if !IsContentError(err) {
		t.Errorf("IsContentError(%v) = false", err)
	}
	var out []string
	for _, e := range list {
		out = append(out, e.Error())
	}
	return out
}

// file returns an output file as a string, failing if it is missing.
func file(t testing.TB, res *Result, name string) string {
	t.Helper()
	data, ok := res.Files[name]
	if !ok {
		t.Fatalf("no output file %s; have %s", name, strings.Join(res.Paths(), " "))
	}
	return string(data)
}
