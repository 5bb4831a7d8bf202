// Package cli is the command line: one file per subcommand, flags parsed
// with the standard flag package, output written to the writers it is
// given so tests call the real entry point.
package cli

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"runtime/debug"
	"strconv"
	"strings"
	"syscall"

	"github.com/counterpoint-ssg/counterpoint/internal/diag"
	"github.com/counterpoint-ssg/counterpoint/internal/suggest"
)

// Env is what a command needs from the outside world.
type Env struct {
	Stdout, Stderr io.Writer
}

type command struct {
	name, args, short string
	run               func(ctx context.Context, env Env, args []string) int
}

func commands() []command {
	return []command{
		{"build", "[--source DIR] [--dest DIR] [--base-url URL] [--drafts]", "build the site into the destination directory", runBuild},
		{"serve", "[--source DIR] [--addr 127.0.0.1:1313] [--drafts] [--base-url URL] [--poll]", "build, serve and rebuild on every change, with live reload", runServe},
		{"check", "[--source DIR] [--base-url URL] [--drafts]", "check everything build checks, writing nothing", runCheck},
		{"audit", "[--source DIR] [--json] [--strict]", "measure whether both sides get the same weight: words, quotations, verbs, sources, dates", runAudit},
		{"new", "<kind> <slug> [--source DIR] | new site DIR", "create a content file with the right front matter, or a new site", runNew},
		{"layouts", "[--source DIR] [--eject NAME]", "list the built-in layouts, or copy one into layouts/ to change it", runLayouts},
		{"version", "", "print the version", runVersion},
	}
}

// Signal is the cause of a context that NotifyContext cancelled.
type Signal struct{ os.Signal }

func (s Signal) Error() string { return s.String() + " signal received" }

// NotifyContext is signal.NotifyContext, with Signal as the cause, so that
// a command can tell Ctrl-C (exit 130) from SIGTERM (143).
func NotifyContext(parent context.Context, sigs ...os.Signal) (context.Context, context.CancelFunc) {
	ctx, cancel := context.WithCancelCause(parent)
	ch := make(chan os.Signal, 1)
	signal.Notify(ch, sigs...)
	go func() {
		select {
		case s := <-ch:
			cancel(Signal{s})
		case <-ctx.Done():
		}
	}()
	return ctx, func() {
		signal.Stop(ch)
		cancel(nil)
	}
}

// stopped reports, once ctx is cancelled, the message and exit status of
// a command stopped by a signal: "interrupted" and 130 for Ctrl-C (or any
// other cancellation), as shells report a process killed by SIGINT, and
// 128 plus the number for another signal.
func stopped(ctx context.Context, env Env) (int, bool) {
	if ctx.Err() == nil {
		return 0, false
	}
	var s Signal
	if errors.As(context.Cause(ctx), &s) && s.Signal != os.Interrupt {
		if n, ok := s.Signal.(syscall.Signal); ok {
			fmt.Fprintf(env.Stderr, "counterpoint: %v\n", s.Signal) // "terminated"
			return 128 + int(n), true
		}
	}
	fmt.Fprintln(env.Stderr, "counterpoint: interrupted")
	return 130, true
}

// Main runs the command line and returns the process exit code:
// 0 success, 1 content or build errors, 2 usage errors, 130 interrupted.
func Main(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	env := Env{Stdout: stdout, Stderr: stderr}
	if len(args) == 0 {
		usage(stderr)
		return 2
	}
	switch args[0] {
	case "-h", "-help", "--help", "help":
		if len(args) > 1 && args[0] == "help" { // help CMD is CMD --help
			return Main(ctx, []string{args[1], "--help"}, stdout, stderr)
		}
		usage(stdout)
		return 0
	case "--version", "-version":
		return runVersion(ctx, env, nil)
	}
	for _, c := range commands() {
		if c.name == args[0] {
			return c.run(ctx, env, args[1:])
		}
	}
	var names []string
	for _, c := range commands() {
		names = append(names, c.name)
	}
	fmt.Fprintf(stderr, "counterpoint: unknown command %q%s\n\n", args[0], suggest.Phrase(suggest.Closest(args[0], suggest.Names(names...)), strconv.Quote))
	usage(stderr)
	return 2
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "counterpoint builds explainer microsites: demands, counterpositions, a glossary and a timeline.")
	fmt.Fprintln(w, "\nUsage:")
	for _, c := range commands() {
		fmt.Fprintf(w, "  counterpoint %s %s\n        %s\n", c.name, c.args, c.short)
	}
	fmt.Fprintln(w, "\nRun 'counterpoint <command> --help' for the command's flags.")
}

// newFlags makes a flag set whose help explains the command.
func newFlags(env Env, name string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(env.Stderr)
	for _, c := range commands() {
		if c.name == name {
			fs.Usage = func() {
				fmt.Fprintf(fs.Output(), "Usage: counterpoint %s %s\n\n%s.\n\n", c.name, c.args, capital(c.short))
				if name == "new" {
					fmt.Fprintf(fs.Output(), "%s\n", newHelp)
				}
				fmt.Fprintln(fs.Output(), "Flags:")
				fs.PrintDefaults()
			}
		}
	}
	return fs
}

func capital(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// parse parses flags; it returns an exit code and false when the command
// must stop (help shown, or a usage error).
func parse(fs *flag.FlagSet, env Env, args []string) (int, bool) {
	// The flag package prints the usage itself on -help and on errors;
	// hold that back so help goes to stdout only, and errors to stderr.
	var msgs bytes.Buffer
	fs.SetOutput(&msgs)
	err := fs.Parse(args)
	fs.SetOutput(env.Stderr)
	if err != nil {
		if errors.Is(err, flag.ErrHelp) {
			fs.SetOutput(env.Stdout)
			fs.Usage()
			return 0, false
		}
		env.Stderr.Write(msgs.Bytes())
		return 2, false
	}
	return 0, true
}

// printErrors writes each positioned error on its own line and a count.
func printErrors(w io.Writer, err error) { printErrorsIn(w, err, ".") }

// printErrorsIn is printErrors for a site in dir (--source): paths are
// shown from the current directory, so an editor can open them.
func printErrorsIn(w io.Writer, err error, dir string) {
	var list diag.List
	var one *diag.Error
	switch {
	case errors.As(err, &list):
		for _, e := range list {
			fmt.Fprintln(w, inDir(e, dir).Error())
		}
		n := list.Errors()
		fmt.Fprintf(w, "counterpoint: %d error%s%s\n", n, plural(n), warningCount(len(list)-n))
	case errors.As(err, &one):
		fmt.Fprintln(w, inDir(one, dir).Error())
		fmt.Fprintln(w, "counterpoint: 1 error")
	default:
		fmt.Fprintf(w, "counterpoint: %v\n", err)
	}
}

func inDir(e *diag.Error, dir string) *diag.Error {
	if strings.HasPrefix(e.Path, "built-in ") { // an embedded default layout
		return e
	}
	c := *e
	c.Path = filepath.Join(dir, filepath.FromSlash(e.Path))
	return &c
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

// Version is the module version from build info ("(devel)" in a checkout).
func Version() string {
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return "unknown"
	}
	v := bi.Main.Version
	for _, s := range bi.Settings {
		if s.Key == "vcs.revision" && (v == "" || v == "(devel)") {
			v = "(devel) " + s.Value
			if len(s.Value) > 12 {
				v = "(devel) " + s.Value[:12]
			}
		}
	}
	if v == "" {
		v = "(devel)"
	}
	return v
}

func runVersion(_ context.Context, env Env, _ []string) int {
	fmt.Fprintf(env.Stdout, "counterpoint %s\n", Version())
	return 0
}

// openSite opens the site directory so that reads cannot escape it
// (symbolic links pointing outside are refused by os.Root).
func openSite(dir string) (*os.Root, error) {
	fi, err := os.Stat(dir)
	if err != nil {
		return nil, fmt.Errorf("site directory %s: %w", dir, errors.Unwrap(err))
	}
	if !fi.IsDir() {
		return nil, fmt.Errorf("site directory %s is not a directory", dir)
	}
	content := filepath.Join(dir, "content")
	fi, err = os.Stat(content)
	if err != nil {
		return nil, fmt.Errorf("%s has no content/ directory: is --source the site's root?", dir)
	}
	if !fi.IsDir() {
		return nil, fmt.Errorf("%s is not a directory: content/ must be a directory of Markdown files", content)
	}
	return os.OpenRoot(dir)
}
