package cli

import (
	"embed"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// scaffold is the site `new site` writes: every site setting, commented,
// and one linked example of each kind. gitignore is stored without its dot
// so that the embedded tree holds no hidden file.
//
//go:embed all:scaffold
var scaffold embed.FS

// newHelp is the text `new --help` shows before the flags.
const newHelp = `Kinds:
  site DIR          a new site in DIR (empty or not yet there): settings, one example of each kind, .gitignore
  demand SLUG       content/demands/SLUG.md
  counterposition   content/counterpositions/SLUG.md (answers demands named in responds_to)
  term              content/glossary/SLUG.md (plural names work too: glossary, terms)
  event             content/timeline/SLUG.md (also: timeline, events)
  actor             content/actors/SLUG.md
  page              content/SLUG.md, a page such as /about/
`

// runNewSite writes the scaffold into dir. It refuses a directory that
// holds anything, so it never overwrites or mixes with a writer's files.
func runNewSite(env Env, args []string) int {
	fset := newFlags(env, "new")
	if code, ok := parse(fset, env, args); !ok {
		return code
	}
	if fset.NArg() != 1 {
		fmt.Fprintln(env.Stderr, "usage: counterpoint new site DIR")
		return 2
	}
	dir := fset.Arg(0)
	if err := emptyDir(dir); err != nil {
		fmt.Fprintf(env.Stderr, "counterpoint new site: %v\n", err)
		return 1
	}
	err := fs.WalkDir(scaffold, "scaffold", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel := p[len("scaffold/"):]
		if rel == "gitignore" {
			rel = ".gitignore"
		}
		data, err := scaffold.ReadFile(p)
		if err != nil {
			return err
		}
		return createFile(filepath.Join(dir, filepath.FromSlash(rel)), data)
	})
	if err != nil {
		fmt.Fprintf(env.Stderr, "counterpoint new site: %v\n", err)
		return 1
	}
	fmt.Fprintf(env.Stdout, "created a site in %s with one example of each kind; next:\n\n  cd %s\n  counterpoint serve\n", dir, shellQuote(dir))
	return 0
}

// emptyDir creates dir, or accepts it if it exists and is empty.
func emptyDir(dir string) error {
	f, err := os.Open(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return os.MkdirAll(dir, 0o755)
	}
	if err != nil {
		return err
	}
	defer f.Close()
	if fi, err := f.Stat(); err != nil {
		return err
	} else if !fi.IsDir() {
		return fmt.Errorf("%s is not a directory", dir)
	}
	if _, err := f.Readdirnames(1); err != io.EOF {
		if err != nil {
			return err
		}
		return fmt.Errorf("%s is not empty; give a new or empty directory (nothing was written)", dir)
	}
	return nil
}

// createFile writes a new file, failing if one is already there.
func createFile(name string, data []byte) error {
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		return err
	}
	f, err := os.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// shellQuote quotes dir for the printed cd command when it needs it.
func shellQuote(s string) string {
	for _, r := range s {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' || r == '_' || r == '.' || r == '/') {
			return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
		}
	}
	return s
}
