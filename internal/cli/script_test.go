package cli_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/counterpoint-ssg/counterpoint/internal/cli"
	"github.com/counterpoint-ssg/counterpoint/internal/output"
	"github.com/rogpeppe/go-internal/testscript"
	"github.com/rogpeppe/go-internal/txtar"
)

// TestMain makes the test binary double as the counterpoint command, so
// scripts run the real entry point as a separate process.
func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"counterpoint": func() {
			os.Exit(cli.Main(context.Background(), os.Args[1:], os.Stdout, os.Stderr))
		},
	})
}

// TestScript runs testdata/script/*.txtar. Besides the standard commands,
// scripts can use:
//
//	exitcode N prog args...   run prog and require exit status N
//	cmpdir dir1 dir2          require two trees to hold the same files, byte for byte
//	                          (apart from the output marker and its manifest)
//	tree dir                  print every file under dir with a hash of its bytes
func TestScript(t *testing.T) {
	testscript.Run(t, testscript.Params{
		Dir:                 "testdata/script",
		RequireExplicitExec: true,
		RequireUniqueNames:  true,
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){
			"exitcode": exitcode,
			"cmpdir":   cmpdir,
			"tree":     tree,
		},
		Setup: func(env *testscript.Env) error {
			// A home directory inside the work directory, so nothing a
			// script does can reach the real one.
			env.Setenv("HOME", filepath.Join(env.WorkDir, "home"))
			return writeSite(filepath.Join(env.WorkDir, "site"))
		},
	})
}

// writeSite writes the shared test site (testdata/site.txtar) into dir,
// keeping any file the script itself already put there.
func writeSite(dir string) error {
	data, err := os.ReadFile("testdata/site.txtar")
	if err != nil {
		return err
	}
	for _, f := range txtar.Parse(data).Files {
		name := filepath.Join(dir, filepath.FromSlash(f.Name))
		if _, err := os.Stat(name); err == nil {
			continue
		}
		if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(name, f.Data, 0o644); err != nil {
			return err
		}
	}
	return nil
}

func exitcode(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) < 2 {
		ts.Fatalf("usage: exitcode N prog args...")
	}
	want, err := strconv.Atoi(args[0])
	if err != nil {
		ts.Fatalf("exitcode: %v", err)
	}
	err = ts.Exec(args[1], args[2:]...)
	got := 0
	var ee *exec.ExitError
	switch {
	case errors.As(err, &ee):
		got = ee.ExitCode()
	case err != nil:
		ts.Fatalf("exitcode: %v", err)
	}
	if got != want {
		ts.Fatalf("%s exited with status %d, want %d", strings.Join(args[1:], " "), got, want)
	}
}

// files maps every regular file under dir (slash-separated, relative) to
// its content. skipMarker leaves out the output marker, whose manifest
// records modification times.
func files(ts *testscript.TestScript, dir string, skipMarker bool) map[string][]byte {
	out := map[string][]byte{}
	root := ts.MkAbs(dir)
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(root, p)
		if skipMarker && d.Name() == output.Marker {
			return nil
		}
		data, err := os.ReadFile(p)
		out[filepath.ToSlash(rel)] = data
		return err
	})
	if err != nil {
		ts.Fatalf("%v", err)
	}
	return out
}

func cmpdir(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) != 2 {
		ts.Fatalf("usage: cmpdir dir1 dir2")
	}
	a, b := files(ts, args[0], true), files(ts, args[1], true)
	var diffs []string
	for name, data := range a {
		other, ok := b[name]
		switch {
		case !ok:
			diffs = append(diffs, name+" only in "+args[0])
		case !bytes.Equal(data, other):
			diffs = append(diffs, name+" differs")
		}
	}
	for name := range b {
		if _, ok := a[name]; !ok {
			diffs = append(diffs, name+" only in "+args[1])
		}
	}
	slices.Sort(diffs)
	switch {
	case neg && len(diffs) == 0:
		ts.Fatalf("%s and %s are identical", args[0], args[1])
	case !neg && len(diffs) > 0:
		ts.Fatalf("%s and %s differ:\n%s", args[0], args[1], strings.Join(diffs, "\n"))
	case !neg:
		ts.Logf("%s and %s hold the same %d files", args[0], args[1], len(a))
	}
}

func tree(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 1 {
		ts.Fatalf("usage: tree dir")
	}
	m := files(ts, args[0], false)
	names := make([]string, 0, len(m))
	for name := range m {
		names = append(names, name)
	}
	slices.Sort(names)
	for _, name := range names {
		fmt.Fprintf(ts.Stdout(), "%s %x\n", name, sha256.Sum256(m[name]))
	}
}
