package cli_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/counterpoint-ssg/counterpoint/internal/cli"
	"github.com/rogpeppe/go-internal/txtar"
)

// Helpers of the bad-input tables: running the CLI in process, writing
// and comparing site trees.

func runCLI(args ...string) (int, string, string) {
	var stdout, stderr bytes.Buffer
	code := cli.Main(context.Background(), args, &stdout, &stderr)
	return code, stdout.String(), stderr.String()
}

// overlay writes txtar files into dir ("DELETE\n" removes a file).
func overlay(t *testing.T, dir, archive string) {
	t.Helper()
	for _, f := range txtar.Parse([]byte(archive)).Files {
		name := filepath.Join(dir, filepath.FromSlash(f.Name))
		if string(f.Data) == "DELETE\n" {
			if err := os.Remove(name); err != nil {
				t.Fatal(err)
			}
			continue
		}
		if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(name, f.Data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// entryState is what a snapshot records of one directory entry.
type entryState struct {
	mode  fs.FileMode
	mtime int64
	sum   [32]byte // of a file's bytes, or a link's target
}

// snapshot records every entry under dir: type, permissions, modification
// time and a hash of the contents.
func snapshot(t *testing.T, dir string) map[string]entryState {
	t.Helper()
	out := map[string]entryState{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		fi, err := os.Lstat(p)
		if err != nil {
			return err
		}
		e := entryState{mode: fi.Mode(), mtime: fi.ModTime().UnixNano()}
		switch {
		case fi.Mode().IsRegular():
			data, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			e.sum = sha256.Sum256(data)
		case fi.Mode()&fs.ModeSymlink != 0:
			target, err := os.Readlink(p)
			if err != nil {
				return err
			}
			e.sum = sha256.Sum256([]byte(target))
		}
		rel, _ := filepath.Rel(dir, p)
		out[filepath.ToSlash(rel)] = e
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func compareSnapshots(a, b map[string]entryState) string {
	var diffs []string
	for p, e := range a {
		f, ok := b[p]
		switch {
		case !ok:
			diffs = append(diffs, p+": removed")
		case e.sum != f.sum:
			diffs = append(diffs, p+": contents changed")
		case e.mode != f.mode:
			diffs = append(diffs, fmt.Sprintf("%s: mode %v -> %v", p, e.mode, f.mode))
		case e.mtime != f.mtime:
			diffs = append(diffs, p+": modification time changed")
		}
	}
	for p := range b {
		if _, ok := a[p]; !ok {
			diffs = append(diffs, p+": added")
		}
	}
	slices.Sort(diffs)
	return strings.Join(diffs, "\n")
}

func symlink(oldname, newname string) func(t *testing.T, site string) {
	return func(t *testing.T, site string) {
		if err := os.Symlink(oldname, filepath.Join(site, newname)); err != nil {
			t.Fatal(err)
		}
	}
}

// bigFile writes content/big.md of size bytes of ordinary prose.
func bigFile(size int) func(t *testing.T, site string) {
	return func(t *testing.T, site string) {
		para := "Prose with *emphasis*, a [link](/about/) and [[NATO]], as on any page.\n\n"
		data := []byte("---\ntitle: Big\n---\n" + strings.Repeat(para, size/len(para)+1))
		if err := os.WriteFile(filepath.Join(site, "content", "big.md"), data[:size], 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func staircase(n int) string {
	var b strings.Builder
	for i := range n {
		b.WriteString(strings.Repeat("  ", i) + "- level\n")
	}
	return b.String()
}

// TestUnreadableFile makes a content file unreadable with its permissions;
// root reads any file whatever its mode, so the test needs another user.
// (TestBadInput's "fifo" case covers a file that cannot be read as root.)
