package cli

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/counterpoint-ssg/counterpoint/internal/build"
	"github.com/counterpoint-ssg/counterpoint/internal/destlock"
	"github.com/counterpoint-ssg/counterpoint/internal/gctune"
	"github.com/counterpoint-ssg/counterpoint/internal/output"
	"github.com/counterpoint-ssg/counterpoint/internal/precompress"
	"github.com/counterpoint-ssg/counterpoint/internal/sitefs"
)

func runBuild(ctx context.Context, env Env, args []string) int {
	fs := newFlags(env, "build")
	source := fs.String("source", ".", "site directory holding content/, layouts/ and assets/")
	dest := fs.String("dest", "", "output directory (default: public inside the site directory)")
	baseURL := fs.String("base-url", "", "absolute URL the site is published at, e.g. https://example.org/sub/ (overrides base_url)")
	drafts := fs.Bool("drafts", false, "include pages marked draft: true")
	stats := fs.Bool("stats", false, "also print how long each stage took")
	compress := fs.Bool("compress", false, "also write .gz and .br copies of text files of 1 KB or more, for servers that send them (nginx gzip_static, brotli_static)")
	cpuProfile := fs.String("cpuprofile", "", "write a CPU profile of the build to this file (for go tool pprof)")
	memProfile := fs.String("memprofile", "", "write a heap profile taken at the end of the build to this file")
	cacheDir := cacheFlag(fs)
	lockTimeout := fs.Duration("lock-timeout", 10*time.Minute, "how long to wait for another build of the same --dest to finish (0: no limit)")
	if code, ok := parse(fs, env, args); !ok {
		return code
	}
	defer gctune.Start(gctune.Default)()
	if *cpuProfile != "" {
		stop, err := startCPUProfile(*cpuProfile)
		if err != nil {
			fmt.Fprintf(env.Stderr, "counterpoint: %v\n", err)
			return 1
		}
		defer stop()
	}

	if fs.NArg() > 0 {
		fmt.Fprintf(env.Stderr, "counterpoint build: unexpected argument %q\n", fs.Arg(0))
		return 2
	}
	if *lockTimeout < 0 {
		fmt.Fprintf(env.Stderr, "counterpoint build: --lock-timeout %v: must be 0 (no limit) or more\n", *lockTimeout)
		return 2
	}
	if *dest == "" {
		*dest = filepath.Join(*source, "public")
	}
	root, err := openSite(*source)
	if err != nil {
		fmt.Fprintf(env.Stderr, "counterpoint: %v\n", err)
		return 1
	}
	defer root.Close()
	w, err := output.Begin(ctx, *source, *dest, output.Options{
		LockTimeout: *lockTimeout,
		Waiting:     func(msg string) { fmt.Fprintf(env.Stderr, "counterpoint: %s\n", msg) },
	})
	if err != nil {
		var te *destlock.TimeoutError
		if code, ok := stopped(ctx, env); ok {
			return code
		} else if errors.As(err, &te) {
			fmt.Fprintf(env.Stderr, "counterpoint: %v; raise --lock-timeout to wait longer\n", err)
		} else {
			fmt.Fprintf(env.Stderr, "counterpoint: %v\n", err)
		}
		return 1
	}
	defer w.Close()
	sink, copies := w.Put, func() int { return 0 }
	if *compress {
		z := precompress.NewSink(w.Put)
		sink, copies = z.Put, z.Copies
	}
	site := sitefs.New(root)
	defer site.Close()
	res, err := build.Build(ctx, build.Inputs{FS: site, BaseURL: *baseURL, Drafts: *drafts, Sink: sink, Link: w.Link, Cache: openCache(env, *cacheDir), Root: cacheName(*source)})
	if code, ok := stopped(ctx, env); ok {
		return code // before Commit: the published site stays as it was
	}
	if err != nil {
		printErrorsIn(env.Stderr, err, *source)
		return 1
	}
	printWarnings(env.Stderr, withBaseWarning(res), *source, false)
	tw := time.Now()
	st, err := w.Commit()
	if err != nil {
		fmt.Fprintf(env.Stderr, "counterpoint: writing %s: %v\n", *dest, err)
		return 1
	}
	if *memProfile != "" {
		// Taken while the built site is still in memory, to show what holds it.
		writeHeapProfile(env, *memProfile)
	}
	s := res.Stats
	fmt.Fprintf(env.Stdout, "built %d pages, %d terms, %d events, %d files (%d written, %d unchanged) in %d ms\n",
		s.Pages, s.Terms, s.Events, s.Files+copies(), st.Written, st.Unchanged, (s.Duration + time.Since(tw)).Milliseconds())
	if *stats {
		fmt.Fprintf(env.Stdout, "stages: load+parse %d ms (%d bodies parsed, the others from the cache), link %d ms, layouts+write %d ms, commit %d ms\n",
			s.Load.Milliseconds(), s.Parsed, s.Link.Milliseconds(), s.Layout.Milliseconds(), time.Since(tw).Milliseconds())
	}
	return 0
}

func runCheck(ctx context.Context, env Env, args []string) int {
	fs := newFlags(env, "check")
	source := fs.String("source", ".", "site directory holding content/, layouts/ and assets/")
	baseURL := fs.String("base-url", "", "absolute URL the site is published at, as build's --base-url (overrides base_url)")
	drafts := fs.Bool("drafts", false, "include pages marked draft: true")
	strict := fs.Bool("strict", false, "fail on warnings too (for CI)")
	cacheDir := cacheFlag(fs)
	if code, ok := parse(fs, env, args); !ok {
		return code
	}
	defer gctune.Start(gctune.Default)() // as build, so that the two peak alike
	root, err := openSite(*source)
	if err != nil {
		fmt.Fprintf(env.Stderr, "counterpoint: %v\n", err)
		return 1
	}
	defer root.Close()
	res, err := checkSite(ctx, root, build.Inputs{BaseURL: *baseURL, Drafts: *drafts, Cache: openCache(env, *cacheDir)})
	if code, ok := stopped(ctx, env); ok {
		return code
	}
	if err != nil {
		printErrorsIn(env.Stderr, err, *source)
		return 1
	}
	if printWarnings(env.Stderr, res.Warnings, *source, *strict) {
		return 1
	}
	s := res.Stats
	fmt.Fprintf(env.Stdout, "ok: %d pages, %d terms, %d events, %d files checked in %d ms\n", s.Pages, s.Terms, s.Events, s.Files, s.Duration.Milliseconds())
	return 0
}

// checkSite builds the site as build does with the settings in (base URL,
// drafts, cache), through sitefs, into a sink that drops every file, so
// that checking holds no more of the output in memory than building does.
func checkSite(ctx context.Context, root *os.Root, in build.Inputs) (*build.Result, error) {
	site := sitefs.New(root)
	defer site.Close()
	in.FS, in.Root = site, cacheName(root.Name())
	in.Sink = func(string, []byte) error { return nil }
	in.Link = func(string, string, string) error { return nil }
	in.Discard = true // no card is drawn for nobody to see
	return build.Build(ctx, in)
}
