package cli

import (
	"context"
	"fmt"
	"path/filepath"

	"github.com/counterpoint-ssg/counterpoint/internal/build"
	"github.com/counterpoint-ssg/counterpoint/internal/output"
)

func runBuild(ctx context.Context, env Env, args []string) int {
	fs := newFlags(env, "build")
	source := fs.String("source", ".", "site directory holding content/, layouts/ and assets/")
	dest := fs.String("dest", "", "output directory (default: public inside the site directory)")
	baseURL := fs.String("base-url", "", "absolute URL the site is published at, e.g. https://example.org/sub/ (overrides base_url)")
	drafts := fs.Bool("drafts", false, "include pages marked draft: true")
	if code, ok := parse(fs, env, args); !ok {
		return code
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(env.Stderr, "counterpoint build: unexpected argument %q\n", fs.Arg(0))
		return 2
	}
	if *dest == "" {
		*dest = filepath.Join(*source, "public")
	}
	if err := output.Check(*source, *dest); err != nil {
		fmt.Fprintf(env.Stderr, "counterpoint: %v\n", err)
		return 1
	}
	root, err := openSite(*source)
	if err != nil {
		fmt.Fprintf(env.Stderr, "counterpoint: %v\n", err)
		return 1
	}
	defer root.Close()
	res, err := build.Build(ctx, build.Inputs{FS: root.FS(), BaseURL: *baseURL, Drafts: *drafts})
	if err != nil {
		printErrors(env.Stderr, err)
		return 1
	}
	st, err := output.Write(*source, *dest, res.Files)
	if err != nil {
		fmt.Fprintf(env.Stderr, "counterpoint: writing %s: %v\n", *dest, err)
		return 1
	}
	s := res.Stats
	fmt.Fprintf(env.Stdout, "built %d pages, %d terms, %d events, %d files (%d written, %d unchanged) in %d ms\n",
		s.Pages, s.Terms, s.Events, s.Files, st.Written, st.Unchanged, s.Duration.Milliseconds())
	return 0
}

func runCheck(ctx context.Context, env Env, args []string) int {
	fs := newFlags(env, "check")
	source := fs.String("source", ".", "site directory holding content/, layouts/ and assets/")
	drafts := fs.Bool("drafts", false, "include pages marked draft: true")
	if code, ok := parse(fs, env, args); !ok {
		return code
	}
	root, err := openSite(*source)
	if err != nil {
		fmt.Fprintf(env.Stderr, "counterpoint: %v\n", err)
		return 1
	}
	defer root.Close()
	res, err := build.Build(ctx, build.Inputs{FS: root.FS(), Drafts: *drafts})
	if err != nil {
		printErrors(env.Stderr, err)
		return 1
	}
	s := res.Stats
	fmt.Fprintf(env.Stdout, "ok: %d pages, %d terms, %d events, %d files checked in %d ms\n", s.Pages, s.Terms, s.Events, s.Files, s.Duration.Milliseconds())
	return 0
}

func runServe(ctx context.Context, env Env, args []string) int {
	fmt.Fprintln(env.Stderr, "counterpoint serve: not available in this version yet; use 'counterpoint build' and any static server")
	return 2
}
