package cli

import (
	"fmt"
	"io"
	"slices"
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
