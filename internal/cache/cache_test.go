package cache

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"testing"
)

func TestResolve(t *testing.T) {
	t.Setenv(Env, "")
	if got := Resolve(Off); got != "" {
		t.Errorf("Resolve(%q) = %q, want off", Off, got)
	}
	if got := Resolve("x/y"); got != "x/y" {
		t.Errorf("flag ignored: %q", got)
	}
	t.Setenv(Env, "/from/env")
	if got := Resolve(""); got != "/from/env" {
		t.Errorf("env ignored: %q", got)
	}
	if got := Resolve("flag"); got != "flag" {
		t.Errorf("flag must win over env: %q", got)
	}
	t.Setenv(Env, Off)
	if got := Resolve(""); got != "" {
		t.Errorf("env %q must turn the cache off: %q", Off, got)
	}
	t.Setenv(Env, "")
	t.Setenv("XDG_CACHE_HOME", "/xdg")
	t.Setenv("HOME", "/home/w")
	if got := Resolve(""); filepath.Base(got) != "counterpoint" {
		t.Errorf("default = %q, want a counterpoint directory", got)
	}
}

func TestReadWrite(t *testing.T) {
	d, err := Open(filepath.Join(t.TempDir(), "c"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := d.ReadFile("a/b.bin"); !errors.Is(err, fs.ErrNotExist) {
		t.Fatalf("missing entry: %v", err)
	}
	for _, v := range []string{"one", "two"} {
		if err := d.WriteFile("a/b.bin", []byte(v)); err != nil {
			t.Fatal(err)
		}
		got, err := d.ReadFile("a/b.bin")
		if err != nil || string(got) != v {
			t.Fatalf("read %q, %v; want %q", got, err, v)
		}
	}
	left, _ := os.ReadDir(filepath.Dir(d.Path("a/b.bin")))
	if len(left) != 1 {
		t.Errorf("temporary files left: %v", left)
	}
	for _, bad := range []string{"", "../x", "/abs", "a\\b"} {
		if err := d.WriteFile(bad, nil); err == nil {
			t.Errorf("WriteFile(%q) accepted", bad)
		}
	}
}

func TestNilKeepsNothing(t *testing.T) {
	var d *Dir
	if err := d.WriteFile("x", []byte("y")); err != nil {
		t.Fatal(err)
	}
	if _, err := d.ReadFile("x"); !errors.Is(err, fs.ErrNotExist) {
		t.Fatalf("nil cache answered: %v", err)
	}
	if d2, err := Open(""); d2 != nil || err != nil {
		t.Fatalf("Open(\"\") = %v, %v", d2, err)
	}
}
