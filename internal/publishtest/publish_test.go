package publishtest

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

var (
	binOnce sync.Once
	binPath string
	binErr  error
)

// command builds cmd/counterpoint once per test binary.
func command(t *testing.T) string {
	t.Helper()
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command on PATH")
	}
	binOnce.Do(func() {
		dir, err := os.MkdirTemp("", "counterpoint-publishtest-")
		if err != nil {
			binErr = err
			return
		}
		binPath = filepath.Join(dir, "counterpoint")
		cmd := exec.Command(goTool, "build", "-o", binPath, "./cmd/counterpoint")
		cmd.Dir = repoRoot(t)
		if out, err := cmd.CombinedOutput(); err != nil {
			binErr = err
			binPath = string(out)
		}
	})
	if binErr != nil {
		t.Fatalf("go build ./cmd/counterpoint: %v\n%s", binErr, binPath)
	}
	return binPath
}

func TestMain(m *testing.M) {
	code := m.Run()
	if binPath != "" && binErr == nil {
		os.RemoveAll(filepath.Dir(binPath))
	}
	os.Exit(code)
}

// publish runs scripts/publish.sh with the given command standing in for
// counterpoint and returns its exit code and output.
func publish(t *testing.T, counterpoint string, args ...string) (int, string) {
	t.Helper()
	for _, tool := range []string{"bash", "gzip", "cmp", "find", "grep"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skipf("%s is missing", tool)
		}
	}
	cmd := exec.Command("bash", append([]string{filepath.Join(repoRoot(t), "scripts", "publish.sh")}, args...)...)
	cmd.Env = append(os.Environ(), "COUNTERPOINT="+counterpoint)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	err := cmd.Run()
	if ee, ok := err.(*exec.ExitError); ok {
		return ee.ExitCode(), out.String()
	} else if err != nil {
		t.Fatal(err)
	}
	return 0, out.String()
}

// TestPublishScript runs scripts/publish.sh on the repository's site under
// a sub-path, and on builds spoiled after the fact, which it must refuse.
func TestPublishScript(t *testing.T) {
	bin := command(t)
	dir := t.TempDir()

	dest := filepath.Join(dir, "good", "public")
	code, out := publish(t, bin, "https://example.org/sub/dir", dest)
	if code != 0 || !strings.Contains(out, "is ready for https://example.org/sub/dir") {
		t.Fatalf("publish.sh exited %d:\n%s", code, out)
	}
	for _, name := range []string{"index.html", "index.html.gz", "index.html.br", "_headers"} {
		if _, err := os.Stat(filepath.Join(dest, name)); err != nil {
			t.Errorf("publish.sh wrote no %s: %v", name, err)
		}
	}
	headers, _ := os.ReadFile(filepath.Join(dest, "_headers"))
	if !strings.Contains(string(headers), "\n/sub/dir/assets/*\n") {
		t.Errorf("_headers without the base path:\n%s", headers)
	}

	// A relative DEST is taken from where the script is called.
	cmd := exec.Command("bash", filepath.Join(repoRoot(t), "scripts", "publish.sh"), "https://example.org/", "rel/public")
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "COUNTERPOINT="+bin)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("publish.sh with a relative DEST: %v\n%s", err, out)
	}
	if _, err := os.Stat(filepath.Join(dir, "rel", "public", "index.html")); err != nil {
		t.Errorf("a relative DEST: %v", err)
	}

	// Wrappers that build and then spoil the output.
	for _, tt := range []struct{ name, spoil, want string }{
		{"link-outside", `printf '<a href="/elsewhere/">x</a>' >> "$dest/about/index.html"`, `links outside /sub/dir/`},
		{"no-headers", `rm "$dest/_headers"`, `_headers is missing`},
		{"bad-copy", `printf 'changed' >> "$dest/index.html"`, `index.html.gz does not decompress`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			wrapper := filepath.Join(dir, tt.name+".sh")
			script := "#!/usr/bin/env bash\nset -e\n" + bin + " \"$@\"\n" +
				"while [ $# -gt 0 ]; do if [ \"$1\" = --dest ]; then dest=$2; fi; shift; done\n" + tt.spoil + "\n"
			if err := os.WriteFile(wrapper, []byte(script), 0o755); err != nil {
				t.Fatal(err)
			}
			code, out := publish(t, wrapper, "https://example.org/sub/dir/", filepath.Join(dir, tt.name, "public"))
			if code != 1 || !strings.Contains(out, tt.want) || !strings.Contains(out, "is not fit to publish") {
				t.Errorf("publish.sh exited %d, want 1 with %q:\n%s", code, tt.want, out)
			}
		})
	}

	if code, out := publish(t, bin); code != 2 || !strings.Contains(out, "usage: scripts/publish.sh BASE_URL [DEST]") {
		t.Errorf("no arguments: exit %d\n%s", code, out)
	}
}
