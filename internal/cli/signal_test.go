//go:build unix

package cli_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/counterpoint-ssg/counterpoint/internal/destlock"
	"github.com/counterpoint-ssg/counterpoint/internal/output"
)

// ceiling bounds every wait for an event, generously for a loaded machine.
const ceiling = 2 * time.Minute

// waitLine reads lines until one equals want; it returns the lines read.
func waitLine(t *testing.T, lines <-chan string, want string) []string {
	t.Helper()
	var got []string
	timeout := time.After(ceiling)
	for {
		select {
		case l, ok := <-lines:
			if !ok {
				t.Fatalf("the command ended without saying %q; it said %q", want, got)
			}
			got = append(got, l)
			if l == want {
				return got
			}
		case <-timeout:
			t.Fatalf("no %q after %v; the command said %q", want, ceiling, got)
		}
	}
}

func rest(lines <-chan string) []string {
	var out []string
	for l := range lines {
		out = append(out, l)
	}
	return out
}

func exitCode(t *testing.T, err error) int {
	t.Helper()
	var ee *exec.ExitError
	switch {
	case err == nil:
		return 0
	case errors.As(err, &ee):
		return ee.ExitCode()
	}
	t.Fatal(err)
	return -1
}

// TestBuildWaitsForLock holds a destination's lock in the test process and
// checks what a build of it does: says once whom it waits for and builds
// when the lock is free, gives up after --lock-timeout, and stops at once
// on Ctrl-C or SIGTERM.
func TestBuildWaitsForLock(t *testing.T) {
	bin := buildCommand(t)
	dir := t.TempDir()
	site := filepath.Join(dir, "site")
	if err := writeSite(site); err != nil {
		t.Fatal(err)
	}
	dest := filepath.Join(dir, "public")
	lf, err := output.LockFile(dest)
	if err != nil {
		t.Fatal(err)
	}
	waiting := fmt.Sprintf("counterpoint: waiting for build by process %d to finish (lock %s)", os.Getpid(), lf)
	hold := func() *destlock.Lock {
		l, err := destlock.Acquire(context.Background(), lf, 0, nil)
		if err != nil {
			t.Fatal(err)
		}
		return l
	}

	t.Run("builds once the lock is free", func(t *testing.T) {
		l := hold()
		cmd, lines := startBuild(t, bin, "build", "--source", site, "--dest", dest, "--base-url", "https://example.org/")
		waitLine(t, lines, waiting)
		if _, err := os.Stat(dest); !errors.Is(err, os.ErrNotExist) {
			t.Errorf("the destination was written while another held its lock (%v)", err)
		}
		l.Release()
		if more := rest(lines); len(more) > 0 {
			t.Errorf("more on stderr: %q", more)
		}
		if err := cmd.Wait(); err != nil {
			t.Fatalf("build: %v", err)
		}
		if _, err := os.Stat(filepath.Join(dest, "index.html")); err != nil {
			t.Fatal(err)
		}
	})

	t.Run("gives up after --lock-timeout", func(t *testing.T) {
		l := hold()
		defer l.Release()
		out, err := exec.Command(bin, "build", "--source", site, "--dest", dest, "--lock-timeout", "300ms").CombinedOutput()
		if code := exitCode(t, err); code != 1 {
			t.Errorf("exit status %d, want 1", code)
		}
		want := waiting + "\n" + fmt.Sprintf("counterpoint: gave up after 300ms waiting for build by process %d to finish (lock %s); raise --lock-timeout to wait longer\n", os.Getpid(), lf)
		if string(out) != want {
			t.Errorf("output:\n%s\nwant:\n%s", out, want)
		}
	})

	for _, c := range []struct {
		sig  syscall.Signal
		code int
		msg  string
	}{
		{syscall.SIGINT, 130, "counterpoint: interrupted"},
		{syscall.SIGTERM, 143, "counterpoint: terminated"},
	} {
		t.Run("stops on "+c.sig.String(), func(t *testing.T) {
			before := publishedTree(t, dest)
			l := hold()
			defer l.Release()
			cmd, lines := startBuild(t, bin, "build", "--source", site, "--dest", dest, "--base-url", "https://example.org/")
			waitLine(t, lines, waiting)
			cmd.Process.Signal(c.sig)
			more := rest(lines)
			if code := exitCode(t, cmd.Wait()); code != c.code {
				t.Errorf("exit status %d, want %d", code, c.code)
			}
			if len(more) != 1 || more[0] != c.msg {
				t.Errorf("after the signal stderr said %q, want %q", more, c.msg)
			}
			if d := diffPublished(before, publishedTree(t, dest)); d != "" {
				t.Errorf("the destination changed: %s", d)
			}
		})
	}
}

// TestInterruptMidWork sends Ctrl-C to build and check while they work
// on a large site: each says "interrupted", exits 130, and build leaves
// the published site as it was.
func TestInterruptMidWork(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a large site")
	}
	if _, err := os.Stat("/proc/self/fd"); err != nil {
		t.Skip("needs /proc to see when check is reading the site")
	}
	bin := buildCommand(t)
	dir := t.TempDir()
	siteA, siteB := writeGenerated(t, filepath.Join(dir, "site"), 3000)
	dest := filepath.Join(dir, "public")
	buildSite(t, bin, siteA, dest)
	before := publishedTree(t, dest)
	twinMarker := filepath.Join(output.Twin(dest), output.Marker)

	// Each waits until the command is surely past installing its signal
	// handler and busy: build has written its first file into the twin,
	// check has a directory of the site's content open.
	building := func(cmd *exec.Cmd) bool {
		data, err := os.ReadFile(twinMarker)
		return err == nil && bytes.HasSuffix(data, []byte("dirty\n"))
	}
	checking := func(cmd *exec.Cmd) bool {
		fds, _ := os.ReadDir(fmt.Sprintf("/proc/%d/fd", cmd.Process.Pid))
		for _, fd := range fds {
			if l, err := os.Readlink(fmt.Sprintf("/proc/%d/fd/%s", cmd.Process.Pid, fd.Name())); err == nil && strings.HasPrefix(l, siteB+"/content") {
				return true
			}
		}
		return false
	}
	for _, c := range []struct {
		name string
		args []string
		busy func(*exec.Cmd) bool
	}{
		{"build", []string{"build", "--source", siteB, "--dest", dest}, building},
		{"check", []string{"check", "--source", siteB}, checking},
	} {
		t.Run(c.name, func(t *testing.T) {
			// The command may finish between being seen busy and the
			// signal's arrival on a fast machine; then try again.
			for try := 1; ; try++ {
				cmd, lines := startBuild(t, bin, c.args...)
				for deadline := time.Now().Add(ceiling); !c.busy(cmd); time.Sleep(100 * time.Microsecond) {
					if time.Now().After(deadline) {
						cmd.Process.Kill()
						t.Fatalf("%s not seen at work after %v", c.name, ceiling)
					}
				}
				cmd.Process.Signal(syscall.SIGINT)
				said := rest(lines)
				code := exitCode(t, cmd.Wait())
				if code == 0 && try < 5 {
					t.Logf("try %d: %s finished before the signal arrived", try, c.name)
					continue
				}
				if code != 130 || len(said) != 1 || said[0] != "counterpoint: interrupted" {
					t.Fatalf("exit status %d and stderr %q, want 130 and %q", code, said, "counterpoint: interrupted")
				}
				break
			}
			if d := diffPublished(before, publishedTree(t, dest)); d != "" {
				t.Errorf("the published site changed: %s", d)
			}
		})
	}
}
