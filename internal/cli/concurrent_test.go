package cli_test

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/counterpoint-ssg/counterpoint/internal/benchsite"
)

// writeGenerated writes benchsite's site of n sources into dir, and a
// second version beside it (dir+"-b") whose title, shown on every page,
// differs.
func writeGenerated(t testing.TB, dir string, n int) (a, b string) {
	t.Helper()
	a, b = dir, dir+"-b"
	for p, f := range benchsite.Generate(n) {
		data := f.Data
		for _, root := range []string{a, b} {
			name := filepath.Join(root, filepath.FromSlash(p))
			if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
				t.Fatal(err)
			}
			if root == b && p == "content/_index.md" {
				data = bytes.Replace(data, []byte("title: Synthetic explainer"), []byte("title: Synthetic explainer, revised"), 1)
			}
			if err := os.WriteFile(name, data, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	return a, b
}

// TestConcurrentBuilds starts three real builds of one destination at
// once, round after round, alternating between two versions of a site of
// a few hundred pages. Every build must succeed, the destination must
// then equal a clean build of that version byte for byte, and a lone build
// after the round must succeed too. COUNTERPOINT_CONCURRENT_ROUNDS raises
// the number of rounds.
func TestConcurrentBuilds(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a site many times")
	}
	rounds := 8
	if s := os.Getenv("COUNTERPOINT_CONCURRENT_ROUNDS"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil {
			t.Fatalf("COUNTERPOINT_CONCURRENT_ROUNDS: %v", err)
		}
		rounds = n
	}
	bin := buildCommand(t)
	dir := t.TempDir()
	siteA, siteB := writeGenerated(t, filepath.Join(dir, "site"), 600)
	want := map[string]map[string][]byte{}
	for name, site := range map[string]string{"A": siteA, "B": siteB} {
		ref := filepath.Join(dir, "ref-"+name)
		buildSite(t, bin, site, ref)
		want[name] = publishedTree(t, ref)
	}
	if len(want["A"]) < 300 {
		t.Fatalf("only %d files in the reference build", len(want["A"]))
	}

	dest := filepath.Join(dir, "public")
	waited := 0
	for round := range rounds {
		name, site := "A", siteA
		if round%2 == 1 {
			name, site = "B", siteB
		}
		cmds := make([]*exec.Cmd, 3)
		outs := make([]*bytes.Buffer, 3)
		for i := range cmds {
			outs[i] = new(bytes.Buffer)
			cmds[i] = exec.Command(bin, "build", "--source", site, "--dest", dest)
			cmds[i].Stdout, cmds[i].Stderr = outs[i], outs[i]
		}
		for _, c := range cmds {
			if err := c.Start(); err != nil {
				t.Fatal(err)
			}
		}
		var failed []string
		for i, c := range cmds {
			if err := c.Wait(); err != nil {
				failed = append(failed, fmt.Sprintf("build %d: %v\n%s", i+1, err, outs[i]))
			}
			if strings.Contains(outs[i].String(), "counterpoint: waiting for build by process ") {
				waited++
			}
		}
		if len(failed) > 0 {
			t.Errorf("round %d (site %s): %s", round+1, name, strings.Join(failed, "\n"))
		}
		if d := diffPublished(want[name], publishedTree(t, dest)); d != "" {
			t.Fatalf("round %d: after three builds of site %s at once the destination differs from a clean build: %s", round+1, name, d)
		}
		buildSite(t, bin, site, dest)
		if d := diffPublished(want[name], publishedTree(t, dest)); d != "" {
			t.Fatalf("round %d: after a lone build of site %s the destination differs from a clean build: %s", round+1, name, d)
		}
	}
	t.Logf("%d rounds; %d of %d builds waited for another", rounds, waited, 3*rounds)
}

// startBuild starts the command with args and returns it with a channel
// of its standard error, line by line (closed at the end).
func startBuild(t *testing.T, bin string, args ...string) (*exec.Cmd, <-chan string) {
	t.Helper()
	cmd := exec.Command(bin, args...)
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	lines := make(chan string, 100)
	go func() {
		defer close(lines)
		sc := bufio.NewScanner(stderr)
		for sc.Scan() {
			lines <- sc.Text()
		}
		io.Copy(io.Discard, stderr)
	}()
	return cmd, lines
}
