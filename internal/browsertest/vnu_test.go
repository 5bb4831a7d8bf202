package browsertest

import (
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/counterpoint-ssg/counterpoint/internal/output"
)

// TestNuHTMLChecker writes the built site to a temporary directory and
// runs the W3C Nu Html Checker over every page: no errors allowed.
func TestNuHTMLChecker(t *testing.T) {
	java := javaPath(t)
	jar, ok := toolPath(t, "COUNTERPOINT_VNU_JAR", ".ci/node_modules/vnu-jar/build/dist/vnu.jar")
	if !ok {
		need(t, "the Nu Html Checker ("+jar+")", "npm install --prefix .ci (see .ci/run), or set COUNTERPOINT_VNU_JAR")
	}
	dir := filepath.Join(t.TempDir(), "public")
	if _, err := output.Write(repoRoot(t), dir, builtSite(t).Files); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(java, "-jar", jar, "--errors-only", "--skip-non-html", dir).CombinedOutput()
	if msg := strings.TrimSpace(string(out)); err != nil || msg != "" {
		t.Errorf("vnu reports errors (%v):\n%s", err, strings.ReplaceAll(msg, dir, "public"))
	}
}
