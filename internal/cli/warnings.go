package cli

import (
	"fmt"
	"io"

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

// warningCount is the tail of the count line of a failed build: ", 1
// warning", or nothing.
func warningCount(n int) string {
	if n == 0 {
		return ""
	}
	return fmt.Sprintf(", %d warning%s", n, plural(n))
}
