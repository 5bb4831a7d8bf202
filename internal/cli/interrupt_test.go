package cli_test

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/counterpoint-ssg/counterpoint/internal/benchsite"
	"github.com/counterpoint-ssg/counterpoint/internal/output"
)

// TestInterruptedBuilds kills the real command (SIGKILL) at many points
// while it writes a large site over a published one, and checks after
// every kill that the destination holds exactly the old site or exactly
// the new one, never a mix, and that the next build succeeds and gives
// what a clean build gives.
func TestInterruptedBuilds(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a large site many times")
	}
	bin := buildCommand(t)
	dir := t.TempDir()

	// Two versions of a 2,000-source site: B changes the site title, which
	// every page shows (B's other files are hard links to A's).
	siteA, siteB := filepath.Join(dir, "a"), filepath.Join(dir, "b")
	made := map[string]bool{}
	for p, f := range benchsite.Generate(2000) {
		a, b := filepath.Join(siteA, p), filepath.Join(siteB, p)
		for _, d := range []string{filepath.Dir(a), filepath.Dir(b)} {
			if !made[d] {
				if err := os.MkdirAll(d, 0o755); err != nil {
					t.Fatal(err)
				}
				made[d] = true
			}
		}
		if err := os.WriteFile(a, f.Data, 0o644); err != nil {
			t.Fatal(err)
		}
		if p == "content/_index.md" {
			err := os.WriteFile(b, bytes.Replace(f.Data, []byte("title: Synthetic explainer"), []byte("title: Synthetic explainer, revised"), 1), 0o644)
			if err != nil {
				t.Fatal(err)
			}
		} else if err := os.Link(a, b); err != nil {
			t.Fatal(err)
		}
	}
	// Clean builds, each into a fresh directory, are the references.
	want := map[string]map[string][]byte{}
	for name, site := range map[string]string{"A": siteA, "B": siteB} {
		ref := filepath.Join(dir, "ref-"+name)
		if out, err := exec.Command(bin, "build", "--source", site, "--dest", ref).CombinedOutput(); err != nil {
			t.Fatalf("clean build of %s: %v\n%s", name, err, out)
		}
		want[name] = publishedTree(t, ref)
	}
	if len(want["A"]) < 1000 {
		t.Fatalf("only %d files in the reference build", len(want["A"]))
	}
	for p, a := range want["A"] {
		if strings.HasSuffix(p, ".html") && bytes.Equal(a, want["B"][p]) {
			t.Fatalf("%s is the same in both versions", p)
		}
	}

	dest := filepath.Join(dir, "public")
	twinMarker := filepath.Join(output.Twin(dest), output.Marker)
	start := time.Now()
	buildSite(t, bin, siteA, dest)
	full := time.Since(start)
	live := "A"
	check := func(when string, ok ...string) string {
		t.Helper()
		got := publishedTree(t, dest)
		for _, name := range ok {
			if d := diffPublished(want[name], got); d == "" {
				return name
			}
		}
		var diffs []string
		for _, name := range ok {
			diffs = append(diffs, fmt.Sprintf("against build %s: %s", name, diffPublished(want[name], got)))
		}
		t.Fatalf("%s: the destination is neither build %s:\n%s", when, strings.Join(ok, " nor "), strings.Join(diffs, "\n"))
		return ""
	}

	// Kill points: fractions of a full build's time, and moments read
	// from the twin directory, where the new build is written: as soon
	// as the first file goes in (its marker turns "dirty"), shortly
	// after, once its manifest is complete (just before the swap), and,
	// when a killed build left the twin dirty, while it is being removed.
	type point struct {
		name string
		wait func(*exec.Cmd) bool // returns false if the build ended first
	}
	after := func(d time.Duration) func(*exec.Cmd) bool {
		return func(*exec.Cmd) bool { time.Sleep(d); return true }
	}
	// marker waits until the twin's marker has met each condition in
	// turn, then for extra.
	type cond func(data []byte, err error) bool
	marker := func(extra time.Duration, conds ...cond) func(*exec.Cmd) bool {
		return func(cmd *exec.Cmd) bool {
			deadline := time.Now().Add(4 * full)
			for time.Now().Before(deadline) {
				if data, err := os.ReadFile(twinMarker); conds[0](data, err) {
					if conds = conds[1:]; len(conds) == 0 {
						time.Sleep(extra)
						return true
					}
					continue
				}
				time.Sleep(100 * time.Microsecond)
			}
			return false
		}
	}
	dirty := func(data []byte, err error) bool { return err == nil && bytes.HasSuffix(data, []byte("dirty\n")) }
	complete := func(data []byte, err error) bool { return err == nil && bytes.HasSuffix(data, []byte("\nend\n")) }
	var points []point
	for _, f := range []float64{0.1, 0.3, 0.5, 0.7, 0.9, 1.1, 1.5} {
		points = append(points, point{fmt.Sprintf("%.0f%% of a build", f*100), after(time.Duration(f * float64(full)))})
	}
	points = append(points,
		point{"first file written", marker(0, dirty)},
		point{"first file written + 20ms", marker(20*time.Millisecond, dirty)},
		point{"first file written + 100ms", marker(100*time.Millisecond, dirty)},
		point{"new manifest complete", marker(0, dirty, complete)},
	)
	// Each round kills several builds towards the other version in a
	// row (so later ones start from a dirty twin), then lets one finish.
	outcomes := map[string]int{}
	for round := 0; round < 3; round++ {
		target := map[string]string{"A": "B", "B": "A"}[live]
		site := map[string]string{"A": siteA, "B": siteB}[target]
		for i, p := range points {
			if (i+round)%3 != 0 { // a third of the points per round
				continue
			}
			cmd := exec.Command(bin, "build", "--source", site, "--dest", dest)
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			if !p.wait(cmd) {
				t.Logf("%s: the build ended before the kill point", p.name)
			}
			cmd.Process.Signal(syscall.SIGKILL)
			cmd.Wait()
			got := check(fmt.Sprintf("round %d, killed at %s", round, p.name), live, target)
			outcome := "new"
			if got == live {
				outcome = "old"
			}
			outcomes[outcome]++
			t.Logf("round %d, killed at %s: the %s site", round, p.name, outcome)
			live = got
		}
		// A build starts by removing the twin a killed build left dirty;
		// kill it early in that (as soon as the twin has fewer entries),
		// late (two entries or fewer left), or as soon as its marker is
		// gone. The twin loses its marker last, so the next build may
		// remove it in turn; were the marker removed first, the next
		// build would refuse the twin as a directory it did not write.
		if data, err := os.ReadFile(twinMarker); err == nil && bytes.HasSuffix(data, []byte("dirty\n")) {
			twin := output.Twin(dest)
			entries, _ := os.ReadDir(twin)
			cmd := exec.Command(bin, "build", "--source", site, "--dest", dest)
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			for deadline := time.Now().Add(4 * full); time.Now().Before(deadline); time.Sleep(50 * time.Microsecond) {
				now, err := os.ReadDir(twin)
				if err != nil || round == 0 && len(now) < len(entries) || round == 1 && len(now) <= 2 {
					break
				}
				if _, err := os.Stat(twinMarker); round == 2 && err != nil {
					break
				}
			}
			cmd.Process.Signal(syscall.SIGKILL)
			cmd.Wait()
			now, _ := os.ReadDir(twin)
			t.Logf("round %d, killed while removing the dirty twin: %d of its %d entries left", round, len(now), len(entries))
			live = check(fmt.Sprintf("round %d, killed while removing the dirty twin", round), live, target)
		}
		buildSite(t, bin, site, dest)
		live = check(fmt.Sprintf("round %d, after an uninterrupted build", round), target)
	}
	t.Logf("a full build takes %v; after a kill the destination held the old site %d times and the new one %d times",
		full.Round(time.Millisecond), outcomes["old"], outcomes["new"])
}

// buildCommand compiles the counterpoint command into a temporary
// directory (without the race detector, whatever the tests run with).
func buildCommand(t testing.TB) string {
	t.Helper()
	goTool, err := exec.LookPath("go")
	if err != nil {
		goTool = filepath.Join(runtime.GOROOT(), "bin", "go")
	}
	bin := filepath.Join(t.TempDir(), "counterpoint")
	cmd := exec.Command(goTool, "build", "-o", bin, "github.com/counterpoint-ssg/counterpoint/cmd/counterpoint")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

func buildSite(t *testing.T, bin, site, dest string) {
	t.Helper()
	if out, err := exec.Command(bin, "build", "--source", site, "--dest", dest).CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
}

// publishedTree reads every file under dir except the marker, whose manifest
// records modification times; it requires the marker to be complete.
func publishedTree(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		data, err := os.ReadFile(p)
		if rel == output.Marker {
			if !bytes.HasSuffix(data, []byte("\nend\n")) {
				return fmt.Errorf("%s: incomplete marker %q", p, data)
			}
			return err
		}
		out[filepath.ToSlash(rel)] = data
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func diffPublished(want, got map[string][]byte) string {
	var missing, extra, differ []string
	for p, w := range want {
		g, ok := got[p]
		switch {
		case !ok:
			missing = append(missing, p)
		case !bytes.Equal(w, g):
			differ = append(differ, p)
		}
	}
	for p := range got {
		if _, ok := want[p]; !ok {
			extra = append(extra, p)
		}
	}
	if len(missing)+len(extra)+len(differ) == 0 {
		return ""
	}
	slices.Sort(missing)
	slices.Sort(extra)
	slices.Sort(differ)
	first := func(l []string) string {
		if len(l) > 3 {
			return strings.Join(l[:3], ", ") + ", ..."
		}
		return strings.Join(l, ", ")
	}
	return fmt.Sprintf("%d missing (%s), %d extra (%s), %d differ (%s)",
		len(missing), first(missing), len(extra), first(extra), len(differ), first(differ))
}
