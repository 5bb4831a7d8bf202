package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log"
	"net"
	"net/http"
	"os"
	"sync"
	"time"

	"github.com/counterpoint-ssg/counterpoint/internal/build"
	"github.com/counterpoint-ssg/counterpoint/internal/diag"
	"github.com/counterpoint-ssg/counterpoint/internal/serve"
	"github.com/counterpoint-ssg/counterpoint/internal/watch"
)

// runServe builds the site, serves it from memory, and rebuilds on every
// change until ctx is cancelled. Builds run one at a time on this
// goroutine; the watcher merges whatever changes during a build into the
// next change set, so the last state of the files is always built.
func runServe(ctx context.Context, env Env, args []string) int {
	fs := newFlags(env, "serve")
	source := fs.String("source", ".", "site directory holding content/, layouts/ and assets/")
	addr := fs.String("addr", "127.0.0.1:1313", "address to listen on; 127.0.0.1:0 picks a free port")
	drafts := fs.Bool("drafts", false, "include pages marked draft: true")
	baseURL := fs.String("base-url", "", "URL the site is published at; its path (/sub/) is where it is served (overrides base_url)")
	editor := fs.String("editor", "", "link errors in the browser to your editor: vscode, cursor, idea, zed, or a URL pattern with {file}, {line} and {col} (default from $EDITOR)")
	cacheDir := cacheFlag(fs)
	poll := fs.Bool("poll", false, "find changes by scanning the files every 300 ms instead of file system events (for network or container file systems)")
	if code, ok := parse(fs, env, args); !ok {
		return code
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(env.Stderr, "counterpoint serve: unexpected argument %q\n", fs.Arg(0))
		return 2
	}
	if err := checkAddr(*addr); err != nil {
		fmt.Fprintf(env.Stderr, "counterpoint serve: --addr %s: %v\n", *addr, err)
		return 2
	}
	stderr := &lockedWriter{w: env.Stderr}
	logf := func(format string, a ...any) { fmt.Fprintf(stderr, "counterpoint: "+format+"\n", a...) }

	root, err := openSite(*source)
	if err != nil {
		logf("%v", err)
		return 1
	}
	defer root.Close()

	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		if listenError(err) {
			fmt.Fprintf(env.Stderr, "counterpoint serve: --addr %s: %v\n", *addr, err)
			return 2
		}
		logf("cannot listen on %s: %v\n(is another server running there? --addr 127.0.0.1:0 picks a free port)", *addr, err)
		return 1
	}
	defer ln.Close()
	bound := ln.Addr().(*net.TCPAddr)
	pattern, err := editorPattern(*editor, os.Getenv("EDITOR"))
	if err != nil {
		fmt.Fprintf(stderr, "counterpoint serve: %v\n", err)
		return 2
	}
	opts := serve.Options{Logf: logf, Audit: auditPage(root.FS(), *drafts), Editor: editorURL(pattern, *source)}
	if h, _, err := net.SplitHostPort(*addr); err == nil && h != "" && net.ParseIP(h) == nil {
		opts.Hosts = append(opts.Hosts, h)
	}
	if !bound.IP.IsLoopback() {
		opts.AnyIP = true
		if name, err := os.Hostname(); err == nil {
			opts.Hosts = append(opts.Hosts, name)
		}
		fmt.Fprintf(stderr, "\nWARNING: serving on %s, which other machines on the network can reach.\n"+
			"WARNING: anyone who can connect sees the site, drafts included. Use --addr 127.0.0.1:1313 unless you mean this.\n\n", bound)
	}

	w, err := watch.Start(*source, watch.Options{Poll: *poll, Logf: logf})
	if err != nil {
		var le *watch.LimitError
		if errors.As(err, &le) {
			logf("%v.\nTo watch this site, %s; or run 'counterpoint serve --poll', which scans for changes instead.", err, le.Hint())
		} else {
			logf("cannot watch %s for changes: %v (try --poll)", *source, err)
		}
		return 1
	}
	defer w.Close()

	builder := build.NewBuilder(build.Inputs{FS: root.FS(), BaseURL: *baseURL, Drafts: *drafts, Cache: openCache(env, *cacheDir), Root: cacheName(*source), SearchLater: true})
	srv := serve.New(opts)
	res, err := buildSite(ctx, builder, root, nil)
	switch {
	case ctx.Err() != nil:
		return 0
	case err == nil:
		srv.Publish(res)
		printWarnings(stderr, res.Warnings, ".", false)
		s := res.Stats
		fmt.Fprintf(env.Stdout, "built %d pages, %d terms, %d events, %d files in %d ms\n", s.Pages, s.Terms, s.Events, s.Files, s.Duration.Milliseconds())
	case build.IsContentError(err):
		printErrors(stderr, err)
		srv.Fail(err)
		fmt.Fprintln(stderr, "counterpoint: the site does not build yet; serving the errors until it does")
	default:
		logf("%v", err)
		return 1
	}

	host := bound.String()
	if bound.IP.IsUnspecified() {
		host = net.JoinHostPort("localhost", fmt.Sprint(bound.Port))
	}
	fmt.Fprintf(env.Stdout, "serving http://%s%s (ctrl-c to stop)\n", host, srv.Base())
	fmt.Fprintf(env.Stdout, "balance audit at http://%s/__counterpoint/audit\n", host)

	hs := &http.Server{
		Handler:           srv,
		ReadHeaderTimeout: 10 * time.Second,
		IdleTimeout:       2 * time.Minute,
		// "OPTIONS *" would otherwise get an answer without our checks.
		DisableGeneralOptionsHandler: true,
		ErrorLog:                     log.New(stderr, "counterpoint: http: ", 0),
	}
	hs.RegisterOnShutdown(srv.Close)
	served := make(chan error, 1)
	go func() { served <- hs.Serve(ln) }()
	index := newIndexLater()
	defer index.stop()

	for {
		select {
		case <-ctx.Done():
			sctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
			defer cancel()
			if err := hs.Shutdown(sctx); err != nil {
				hs.Close()
			}
			fmt.Fprintln(env.Stdout, "stopped")
			return 0
		case err := <-served:
			logf("server stopped: %v", err)
			return 1
		case changed, ok := <-w.Changes():
			if !ok {
				logf("the file watcher stopped")
				return 1
			}
			// The last index, if still being made, is for an old build.
			index.stop()
			index.start(ctx, rebuild(ctx, env.Stdout, stderr, builder, srv, root, changed))
		case ix := <-index.ready:
			switch {
			case !index.current(ix):
			case ix.err != nil:
				logf("search index: %v", ix.err)
			default:
				// The same build with its own index in place of the last.
				srv.Publish(ix.res)
			}
		}
	}
}

// rebuild builds after a change and publishes the result, or shows the
// errors and keeps the last good build. It returns the Result published,
// or nil.
func rebuild(ctx context.Context, stdout, stderr io.Writer, b *build.Builder, srv *serve.Server, root *os.Root, changed []string) *build.Result {
	start := time.Now()
	res, err := buildSite(ctx, b, root, changed)
	ms := time.Since(start).Milliseconds()
	what := changed[0]
	if len(changed) > 1 {
		what += fmt.Sprintf(" and %d more", len(changed)-1)
	}
	switch {
	case ctx.Err() != nil:
	case err == nil:
		srv.Publish(res)
		printWarnings(stderr, res.Warnings, ".", false)
		fmt.Fprintf(stdout, "rebuilt %s: %d of %d pages rendered in %d ms\n", what, res.Stats.Rendered, res.Stats.Pages, ms)
		return res
	case build.IsContentError(err):
		printErrors(stderr, err)
		srv.Fail(err)
		fmt.Fprintf(stderr, "counterpoint: build failed after %s changed (%d ms); still serving the last good build\n", what, ms)
	default:
		srv.Fail(err)
		fmt.Fprintf(stderr, "counterpoint: build failed after %s changed: %v\n", what, err)
	}
	return nil
}

// errContentMissing is the error shown while content/ is gone: deleted,
// moved away, or switched away by git for a moment. The watcher sees it
// come back, and the next build then takes its place.
var errContentMissing = &diag.Error{Path: "content", Line: 1, Col: 1,
	Msg: "content/ is missing (deleted, moved away, or not in the checked-out branch); the site is built again when it is back"}

// buildSite builds, and when the build fails because content/ is gone,
// says that in one line rather than whatever the build tripped on.
func buildSite(ctx context.Context, b *build.Builder, root *os.Root, changed []string) (*build.Result, error) {
	res, err := b.Build(ctx, changed)
	if err != nil && ctx.Err() == nil {
		if _, serr := root.Stat("content"); errors.Is(serr, fs.ErrNotExist) {
			return nil, diag.List{errContentMissing}
		}
	}
	return res, err
}

// lockedWriter lets the build loop, the watcher and the HTTP handlers
// share standard error without interleaving inside a line.
type lockedWriter struct {
	mu sync.Mutex
	w  io.Writer
}

func (l *lockedWriter) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.w.Write(p)
}
