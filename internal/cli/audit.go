package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io/fs"
	"path/filepath"

	"github.com/counterpoint-ssg/counterpoint/internal/audit"
	"github.com/counterpoint-ssg/counterpoint/internal/serve"
)

// runAudit measures the balance between the sides (internal/audit) on the
// site as check loads it.
func runAudit(ctx context.Context, env Env, args []string) int {
	fs := newFlags(env, "audit")
	source := fs.String("source", ".", "site directory holding content/, layouts/ and assets/")
	asJSON := fs.Bool("json", false, "write the figures and findings as JSON")
	strict := fs.Bool("strict", false, "exit 1 when a figure passes a threshold of the site settings (audit:)")
	if code, ok := parse(fs, env, args); !ok {
		return code
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(env.Stderr, "counterpoint audit: unexpected argument %q\n", fs.Arg(0))
		return 2
	}
	root, err := openSite(*source)
	if err != nil {
		fmt.Fprintf(env.Stderr, "counterpoint: %v\n", err)
		return 1
	}
	defer root.Close()
	rep, err := audit.Site(ctx, root.FS(), false)
	if err != nil {
		printErrorsIn(env.Stderr, err, *source)
		return 1
	}
	rep.Rebase(func(p string) string { return filepath.Join(*source, filepath.FromSlash(p)) })
	if *asJSON {
		out, _ := json.MarshalIndent(rep, "", "  ")
		fmt.Fprintf(env.Stdout, "%s\n", out)
	} else {
		rep.WriteText(env.Stdout)
	}
	if *strict && rep.Over() {
		fmt.Fprintln(env.Stderr, "counterpoint audit: a figure is over its threshold (--strict)")
		return 1
	}
	return 0
}

// auditPage is the preview's audit page (serve.Options.Audit): the site as
// it is on disk at the time of the request.
func auditPage(fsys fs.FS, drafts bool) serve.AuditPage {
	return func(ctx context.Context) ([]byte, error) {
		rep, err := audit.Site(ctx, fsys, drafts)
		if err != nil {
			return nil, err
		}
		var b bytes.Buffer
		title := "the site"
		if rep.SiteTitle != "" {
			title = rep.SiteTitle
		}
		err = rep.WriteHTML(&b, title)
		return b.Bytes(), err
	}
}
