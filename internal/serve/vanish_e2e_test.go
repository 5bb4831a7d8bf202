package serve_test

import (
	"bufio"
	"context"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// waitFor polls cond until it holds, for at most two minutes: long enough
// for a loaded machine, and the loop ends as soon as the event happens.
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(2 * time.Minute)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// overlayErrors connects to the event stream as a page does and returns
// the errors its first message (hello) carries: what the overlay shows.
func (s *server) overlayErrors() string {
	s.t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	req, _ := http.NewRequestWithContext(ctx, "GET", s.origin+"/__counterpoint/events", nil)
	resp, err := s.client.Do(req)
	if err != nil {
		s.t.Fatalf("event stream: %v", err)
	}
	defer resp.Body.Close()
	sc := bufio.NewScanner(resp.Body)
	for sc.Scan() {
		if data, ok := strings.CutPrefix(sc.Text(), "data: "); ok {
			return data
		}
	}
	s.t.Fatalf("event stream ended without a message: %v", sc.Err())
	return ""
}

func run(t *testing.T, dir string, args ...string) {
	t.Helper()
	cmd := exec.Command(args[0], args[1:]...)
	cmd.Dir = dir
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("%s: %v\n%s", strings.Join(args, " "), err, out)
	}
}

// content/ disappearing (deleted, moved away, or a branch without it
// checked out) leaves the last good site served and says so in the
// terminal and the overlay; when it comes back the site follows it again,
// edits inside it included, which needs the watcher to watch the new
// directory. In both watching modes.
func TestServeContentVanishes(t *testing.T) {
	ways := []struct {
		name          string
		setup         func(t *testing.T, dir string)
		remove, bring func(t *testing.T, dir string)
	}{
		{"rm -rf", nil,
			func(t *testing.T, dir string) { os.RemoveAll(filepath.Join(dir, "content")) },
			func(t *testing.T, dir string) { t.Helper(); writeSmallContent(t, dir) }},
		{"mv away and back", nil,
			func(t *testing.T, dir string) {
				if err := os.Rename(filepath.Join(dir, "content"), filepath.Join(dir, "..", "away")); err != nil {
					t.Fatal(err)
				}
			},
			func(t *testing.T, dir string) {
				if err := os.Rename(filepath.Join(dir, "..", "away"), filepath.Join(dir, "content")); err != nil {
					t.Fatal(err)
				}
			}},
		{"git checkout", func(t *testing.T, dir string) {
			if _, err := exec.LookPath("git"); err != nil {
				t.Skip("git is not installed")
			}
			git := []string{"git", "-c", "user.name=t", "-c", "user.email=t@example.org", "-c", "init.defaultBranch=main"}
			run(t, dir, append(git, "init", "-q")...)
			run(t, dir, append(git, "add", ".")...)
			run(t, dir, append(git, "commit", "-q", "-m", "site")...)
			run(t, dir, append(git, "checkout", "-q", "-b", "bare")...)
			run(t, dir, append(git, "rm", "-r", "-q", "content")...)
			run(t, dir, append(git, "commit", "-q", "-m", "no content")...)
			run(t, dir, append(git, "checkout", "-q", "main")...)
		},
			func(t *testing.T, dir string) { run(t, dir, "git", "checkout", "-q", "bare") },
			func(t *testing.T, dir string) { run(t, dir, "git", "checkout", "-q", "main") }},
	}
	for _, mode := range []string{"events", "poll"} {
		for _, w := range ways {
			t.Run(mode+"/"+w.name, func(t *testing.T) {
				// One level down, so that "mv ../away" stays in the test's directory.
				dir := filepath.Join(t.TempDir(), "site")
				writeSmallContent(t, dir)
				if w.setup != nil {
					w.setup(t, dir)
				}
				var flags []string
				if mode == "poll" {
					flags = append(flags, "--poll")
				}
				s := startServe(t, dir, flags...)
				good := s.synced(nil)

				w.remove(t, dir)
				waitFor(t, "content/ is missing in the terminal", func() bool {
					return strings.Contains(s.stderr.String(), "content/ is missing")
				})
				if got := s.overlayErrors(); !strings.Contains(got, "content/ is missing") {
					t.Errorf("overlay: %s", got)
				}
				if why := s.mismatch(good, nil); why != "" {
					t.Fatalf("while content/ is missing, the last good build is not served: %s", why)
				}

				w.bring(t, dir)
				waitFor(t, "the overlay to clear", func() bool {
					return strings.Contains(s.overlayErrors(), `"errors":null`)
				})
				back := s.synced(good)
				// The watcher follows the new directory.
				writeFile(t, dir, "content/demands/alpha.md", demand("Alpha after", "Edited after content/ came back."))
				writeFile(t, dir, "content/demands/new/gamma.md", demand("Gamma", "In a new directory of the new content/."))
				s.synced(back)
			})
		}
	}
}

// Removing and restoring content/ faster than a build, as a branch switch
// there and back does, ends in the restored site, and the watcher still
// follows edits.
func TestServeContentGoneAndBackAtOnce(t *testing.T) {
	for _, mode := range []string{"events", "poll"} {
		t.Run(mode, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "site")
			writeSmallContent(t, dir)
			var flags []string
			if mode == "poll" {
				flags = append(flags, "--poll")
			}
			s := startServe(t, dir, flags...)
			prev := s.synced(nil)
			c := filepath.Join(dir, "content")
			for i := range 5 {
				if err := os.Rename(c, c+".old"); err != nil {
					t.Fatal(err)
				}
				if err := os.Rename(c+".old", c); err != nil {
					t.Fatal(err)
				}
				writeFile(t, dir, "content/demands/alpha.md", demand("Alpha", strings.Repeat("Round. ", i+1)))
				prev = s.synced(prev)
			}
		})
	}
}

// Other parts of a site vanishing are build errors or plain changes,
// never a crash: layouts/ and assets/ fall back to the built-in files, and
// a missing content/_index.md is an error until it is back.
func TestServeOtherPartsVanish(t *testing.T) {
	dir := smallSite(t)
	writeFile(t, dir, "layouts/partials/footer.html", `<footer class="custom">custom footer</footer>`)
	writeFile(t, dir, "assets/extra.css", "body{color:#123}")
	s := startServe(t, dir)
	prev := s.synced(nil)
	os.RemoveAll(filepath.Join(dir, "layouts"))
	prev = s.synced(prev)
	os.RemoveAll(filepath.Join(dir, "assets"))
	prev = s.synced(prev)

	index := filepath.Join(dir, "content/_index.md")
	home, err := os.ReadFile(index)
	if err != nil {
		t.Fatal(err)
	}
	os.Remove(index)
	waitFor(t, "the missing home page reported", func() bool {
		return strings.Contains(s.stderr.String(), "content/_index.md:1:1: missing home page")
	})
	if why := s.mismatch(prev, nil); why != "" {
		t.Fatalf("without _index.md, the last good build is not served: %s", why)
	}
	if err := os.WriteFile(index, home, 0o644); err != nil {
		t.Fatal(err)
	}
	s.synced(prev)
}
