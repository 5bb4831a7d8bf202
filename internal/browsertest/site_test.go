package browsertest

import (
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"sync"
	"testing"

	"github.com/counterpoint-ssg/counterpoint/internal/build"
)

// csp is the policy the test server sends: the site must work with no
// inline script or style at all.
const csp = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'"

var (
	siteOnce sync.Once
	siteRes  *build.Result
	siteErr  error
)

// repoRoot is the repository's top directory, two levels above this package.
func repoRoot(t testing.TB) string {
	t.Helper()
	_, file, _, ok := runtime.Caller(0)
	if !ok {
		t.Fatal("cannot locate the test file")
	}
	return filepath.Clean(filepath.Join(filepath.Dir(file), "..", ".."))
}

// builtSite builds the repository's own site once per test binary.
func builtSite(t testing.TB) *build.Result {
	t.Helper()
	root := repoRoot(t)
	siteOnce.Do(func() {
		siteRes, siteErr = build.Build(context.Background(), build.Inputs{FS: os.DirFS(root)})
	})
	if siteErr != nil {
		t.Fatalf("building the repository's site: %v", siteErr)
	}
	return siteRes
}

// serve serves the built site on 127.0.0.1 with a strict
// Content-Security-Policy, so that any inline script or style shows up as
// a console error in the browser tests.
func serve(t testing.TB) *httptest.Server {
	t.Helper()
	h := Handler(builtSite(t).Files)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Security-Policy", csp)
		h.ServeHTTP(w, r)
	}))
	t.Cleanup(srv.Close)
	return srv
}

// inCI reports whether the tests run in CI, where every tool must be present.
func inCI() bool { return os.Getenv("CI") == "true" }

// need skips (or in CI fails) a test whose outside tool is missing.
func need(t testing.TB, what, install string) {
	t.Helper()
	if inCI() {
		t.Fatalf("%s is missing (CI=true): %s", what, install)
	}
	t.Skipf("%s is missing: %s (CI=true makes this a failure)", what, install)
}

// toolPath returns the file named by env, or def (relative to the
// repository root) when env is unset; ok is false when it does not exist.
func toolPath(t testing.TB, env, def string) (string, bool) {
	p := os.Getenv(env)
	if p == "" {
		p = filepath.Join(repoRoot(t), def)
	}
	_, err := os.Stat(p)
	return p, err == nil
}

func javaPath(t testing.TB) string {
	t.Helper()
	p, err := exec.LookPath("java")
	if err != nil {
		need(t, "java", "apt-get install -y default-jre-headless")
	}
	return p
}
