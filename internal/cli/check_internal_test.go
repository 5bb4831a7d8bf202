package cli

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/counterpoint-ssg/counterpoint/internal/build"
	"github.com/rogpeppe/go-internal/txtar"
)

// TestCheckHoldsNoFiles: check renders every file as build does but keeps
// none of them (it streams to a sink that drops them), so it never needs
// more memory than build. scripts/check-memory.sh measures the peaks.
func TestCheckHoldsNoFiles(t *testing.T) {
	dir := t.TempDir()
	ar, err := txtar.ParseFile("testdata/site.txtar")
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range ar.Files {
		name := filepath.Join(dir, filepath.FromSlash(f.Name))
		if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(name, f.Data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	root, err := openSite(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer root.Close()
	res, err := checkSite(context.Background(), root, build.Inputs{})
	if err != nil {
		t.Fatal(err)
	}
	if res.Files != nil {
		t.Errorf("check kept %d rendered files in memory", len(res.Files))
	}
	if res.Stats.Files < 20 {
		t.Errorf("check rendered only %d files", res.Stats.Files)
	}
}
