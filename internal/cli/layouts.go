package cli

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"text/tabwriter"

	"github.com/counterpoint-ssg/counterpoint/internal/layout"
)

// runLayouts lists the built-in layouts, or copies one into the site's
// layouts/ to be edited there (--eject), never over a file already there.
func runLayouts(_ context.Context, env Env, args []string) int {
	fset := newFlags(env, "layouts")
	source := fset.String("source", ".", "site directory")
	eject := fset.String("eject", "", "copy the built-in layout `NAME` (page.html, partials/card.html) into the site's layouts/")
	if code, ok := parse(fset, env, args); !ok {
		return code
	}
	if fset.NArg() > 0 {
		fmt.Fprintf(env.Stderr, "counterpoint layouts: unexpected argument %q\n", fset.Arg(0))
		return 2
	}
	if *eject == "" {
		w := tabwriter.NewWriter(env.Stdout, 0, 0, 2, ' ', 0)
		for _, b := range layout.Builtins() {
			mark := ""
			if _, err := os.Stat(filepath.Join(*source, "layouts", filepath.FromSlash(b.Name))); err == nil {
				mark = " (the site replaces it)"
			}
			fmt.Fprintf(w, "%s\t%s%s\n", b.Name, b.What, mark)
		}
		w.Flush()
		fmt.Fprintln(env.Stdout, "\nCopy one into layouts/ to change it: counterpoint layouts --eject NAME")
		return 0
	}
	name := *eject
	data, ok := layout.BuiltinFile(name)
	if !ok && !strings.Contains(name, "/") {
		name = "partials/" + name
		data, ok = layout.BuiltinFile(name)
	}
	if !ok {
		fmt.Fprintf(env.Stderr, "counterpoint layouts: no built-in layout %q; counterpoint layouts lists them\n", *eject)
		return 2
	}
	if fi, err := os.Stat(*source); err != nil || !fi.IsDir() {
		fmt.Fprintf(env.Stderr, "counterpoint layouts: the site directory %s does not exist or is not a directory; give the site with --source DIR\n", *source)
		return 1
	}
	dest := filepath.Join(*source, "layouts", filepath.FromSlash(name))
	if err := createFile(dest, data); err != nil {
		if errors.Is(err, fs.ErrExist) {
			fmt.Fprintf(env.Stderr, "counterpoint layouts: %s already exists; not overwritten\n", dest)
		} else {
			fmt.Fprintf(env.Stderr, "counterpoint layouts: %v\n", err)
		}
		return 1
	}
	fmt.Fprintf(env.Stdout, "created %s: the site now uses it instead of the built-in %s\n", dest, name)
	return 0
}
