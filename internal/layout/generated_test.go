package layout

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestGeneratedIsFresh runs the //go:generate line of render.go into a
// temporary directory and fails when layouts_gen.go differs from what it
// writes: a built-in template was changed without go generate.
func TestGeneratedIsFresh(t *testing.T) {
	src, err := os.ReadFile("render.go")
	if err != nil {
		t.Fatal(err)
	}
	var args []string
	for _, line := range strings.Split(string(src), "\n") {
		if cmd, ok := strings.CutPrefix(line, "//go:generate "); ok {
			args = strings.Fields(cmd)
		}
	}
	// Read the generator's sources here, so that go test's cache, which
	// knows the files a test opens but not those of the go run below,
	// runs the test again when they change.
	for _, pattern := range []string{"gen/*.go", "gen/layoutgen/*.go"} {
		names, _ := filepath.Glob(pattern)
		for _, name := range names {
			if _, err := os.ReadFile(name); err != nil {
				t.Fatal(err)
			}
		}
	}
	out := filepath.Join(t.TempDir(), "layouts_gen.go")
	i := 0
	for i < len(args) && args[i] != "-o" {
		i++
	}
	if len(args) < 2 || args[0] != "go" || i+1 >= len(args) {
		t.Fatalf("render.go has no //go:generate go ... -o FILE line: %q", args)
	}
	committed := args[i+1]
	args[i+1] = out
	if b, err := exec.Command(args[0], args[1:]...).CombinedOutput(); err != nil {
		t.Fatalf("%s: %v\n%s", strings.Join(args, " "), err, b)
	}
	want, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile(committed)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		line := 1 + bytes.Count(want[:commonPrefix(got, want)], []byte("\n"))
		t.Errorf("%s is stale (it differs from line %d on): run go generate ./internal/layout", committed, line)
	}
}

func commonPrefix(a, b []byte) int {
	i := 0
	for i < len(a) && i < len(b) && a[i] == b[i] {
		i++
	}
	return i
}
