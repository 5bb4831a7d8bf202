package cli

import (
	"fmt"
	"io"
	"net/url"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/counterpoint-ssg/counterpoint/internal/build"
	"github.com/counterpoint-ssg/counterpoint/internal/diag"
)

// printWarnings writes the warnings of a build that succeeded, one a line
// as path:line:col: warning: message, and a count. With strict (check
// --strict, for CI) they fail the check: it returns true then.
func printWarnings(w io.Writer, warns diag.List, dir string, strict bool) (failed bool) {
	if len(warns) == 0 {
		return false
	}
	for _, e := range warns {
		fmt.Fprintln(w, inDir(e, dir).Error())
	}
	n := len(warns)
	if strict {
		fmt.Fprintf(w, "counterpoint: %d warning%s, errors under --strict\n", n, plural(n))
		return true
	}
	fmt.Fprintf(w, "counterpoint: %d warning%s\n", n, plural(n))
	return false
}

// withBaseWarning adds to a finished build's warnings one for a missing
// base URL: without it the feed, the sitemap and the canonical links are
// bare paths (<loc>/</loc>), which feed readers and search engines cannot
// follow. check and serve write none of them, so only build warns.
func withBaseWarning(res *build.Result) diag.List {
	if strings.Contains(res.Site.BaseURL, "://") {
		return res.Warnings
	}
	w := slices.Clone(res.Warnings)
	w.Warn("content/_index.md", 1, 1, "no base URL: the feed, sitemap and canonical links are relative paths; set base_url: https://example.org/ here or build with --base-url")
	return w.Sort()
}

// warningCount is the tail of the count line of a failed build: ", 1
// warning", or nothing.
func warningCount(n int) string {
	if n == 0 {
		return ""
	}
	return fmt.Sprintf(", %d warning%s", n, plural(n))
}

// editorPatterns are the URL patterns of editors that register a URL
// scheme; {file} is the file's absolute path, {line} and {col} the place.
var editorPatterns = map[string]string{
	"vscode":        "vscode://file{file}:{line}:{col}",
	"code":          "vscode://file{file}:{line}:{col}",
	"code-insiders": "vscode-insiders://file{file}:{line}:{col}",
	"cursor":        "cursor://file{file}:{line}:{col}",
	"idea":          "idea://open?file={file}&line={line}&column={col}",
	"zed":           "zed://file{file}:{line}:{col}",
}

// editorPattern resolves --editor (a name above or a pattern holding
// {file}), else $EDITOR the same way; "" when neither names one.
func editorPattern(flagValue, env string) (string, error) {
	if flagValue != "" {
		if strings.Contains(flagValue, "{file}") {
			return flagValue, nil
		}
		if p, ok := editorPatterns[flagValue]; ok {
			return p, nil
		}
		names := make([]string, 0, len(editorPatterns))
		for n := range editorPatterns {
			names = append(names, n)
		}
		slices.Sort(names)
		return "", fmt.Errorf("--editor %q: use one of %s, or a URL pattern with {file}, {line} and {col}", flagValue, strings.Join(names, ", "))
	}
	if strings.Contains(env, "{file}") {
		return env, nil
	}
	if f := strings.Fields(env); len(f) > 0 {
		return editorPatterns[filepath.Base(f[0])], nil
	}
	return "", nil
}

// editorURL makes serve.Options.Editor of a pattern, for a site in dir.
func editorURL(pattern, dir string) func(path string, line, col int) string {
	if pattern == "" {
		return nil
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil
	}
	return func(p string, line, col int) string {
		file := (&url.URL{Path: filepath.ToSlash(filepath.Join(abs, filepath.FromSlash(p)))}).EscapedPath()
		return strings.NewReplacer("{file}", file, "{line}", strconv.Itoa(line), "{col}", strconv.Itoa(col)).Replace(pattern)
	}
}
