package publishtest

import (
	"archive/zip"
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// module is the path `go install` is given; it must be the repository's.
const module = "github.com/counterpoint-ssg/counterpoint"

// release is the version the test publishes the working tree as.
const release = "v0.1.0"

// TestGoInstall runs the README's
//
//	go install github.com/counterpoint-ssg/counterpoint/cmd/counterpoint@latest
//
// with no network: the working tree (the files git would commit) is put
// on a module proxy on disk as release v0.1.0, the dependencies come from
// the local module cache, and the installed command must report v0.1.0 as
// its version. So the module path, go.mod and go.sum are right, and no
// file the build needs is left out of the repository.
func TestGoInstall(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the command from a module proxy (-short)")
	}
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command on PATH")
	}
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("no git: cannot tell which files the repository holds")
	}
	root := repoRoot(t)
	gomod, err := os.ReadFile(filepath.Join(root, "go.mod"))
	if err != nil {
		t.Fatal(err)
	}
	if m := regexp.MustCompile(`(?m)^module (\S+)$`).FindSubmatch(gomod); m == nil || string(m[1]) != module {
		t.Fatalf("go.mod declares module %q, want %s (the repository's path)", m, module)
	}
	readme, _ := os.ReadFile(filepath.Join(root, "README.md"))
	if !bytes.Contains(readme, []byte("go install "+module+"/cmd/counterpoint@latest")) {
		t.Errorf("README.md does not show go install %s/cmd/counterpoint@latest", module)
	}

	// The files of the module: tracked and new ones, less what .gitignore
	// leaves out, as a commit of the working tree would hold.
	git := exec.Command("git", "ls-files", "-z", "--cached", "--others", "--exclude-standard")
	git.Dir = root
	list, err := git.Output()
	if err != nil {
		t.Skipf("git ls-files: %v (not a git checkout?)", err)
	}
	var zbuf bytes.Buffer
	zw := zip.NewWriter(&zbuf)
	n := 0
	for _, name := range strings.Split(string(list), "\x00") {
		if name == "" {
			continue
		}
		data, err := os.ReadFile(filepath.Join(root, filepath.FromSlash(name)))
		if err != nil {
			continue // deleted in the working tree, or a directory (submodule)
		}
		w, err := zw.Create(module + "@" + release + "/" + name)
		if err != nil {
			t.Fatal(err)
		}
		w.Write(data)
		n++
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}

	tmp := t.TempDir()
	proxy := filepath.Join(tmp, "proxy")
	at := filepath.Join(proxy, filepath.FromSlash(module), "@v")
	if err := os.MkdirAll(at, 0o755); err != nil {
		t.Fatal(err)
	}
	for name, data := range map[string][]byte{
		"list":            []byte(release + "\n"),
		release + ".info": []byte(`{"Version":"` + release + `","Time":"2026-01-01T00:00:00Z"}`),
		release + ".mod":  gomod,
		release + ".zip":  zbuf.Bytes(),
	} {
		if err := os.WriteFile(filepath.Join(at, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	modcache, err := exec.Command(goTool, "env", "GOMODCACHE").Output()
	if err != nil {
		t.Fatal(err)
	}
	local := filepath.Join(strings.TrimSpace(string(modcache)), "cache", "download")

	bin := filepath.Join(tmp, "bin")
	cmd := exec.Command(goTool, "install", "-trimpath", module+"/cmd/counterpoint@latest")
	cmd.Dir = tmp // outside any module
	cmd.Env = append(withoutGoEnv(os.Environ()),
		"GOPROXY=file://"+filepath.ToSlash(proxy)+",file://"+filepath.ToSlash(local),
		"GOSUMDB=off", // the release is made up; the dependencies are checked against its go.sum
		"GOMODCACHE="+filepath.Join(tmp, "modcache"),
		"GOFLAGS=-modcacherw", // so the test can remove it
		"GOBIN="+bin,
		"GOTOOLCHAIN=local",
		"GOWORK=off",
	)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go install %s/cmd/counterpoint@latest (%d files in the module): %v\n%s", module, n, err, out)
	}
	out, err := exec.Command(filepath.Join(bin, "counterpoint"), "version").CombinedOutput()
	if err != nil {
		t.Fatalf("counterpoint version: %v\n%s", err, out)
	}
	if got, want := string(out), "counterpoint "+release+"\n"; got != want {
		t.Errorf("counterpoint version printed %q, want %q", got, want)
	}
}

// withoutGoEnv drops the variables that would send the go command
// elsewhere than the test's proxy.
func withoutGoEnv(env []string) []string {
	var out []string
	for _, kv := range env {
		k, _, _ := strings.Cut(kv, "=")
		switch k {
		case "GOPROXY", "GOPRIVATE", "GONOPROXY", "GONOSUMDB", "GONOSUMCHECK", "GOSUMDB", "GOFLAGS", "GOMODCACHE", "GOBIN", "GOWORK", "GOTOOLCHAIN", "GOPATH":
			continue
		}
		out = append(out, kv)
	}
	return out
}
