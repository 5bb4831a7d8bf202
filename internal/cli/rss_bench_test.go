//go:build linux

package cli_test

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// BenchmarkPeakRSS runs the real command's build and check on two sites
// of 5,000 pages and reports the peak resident memory of each process
// (what /usr/bin/time -v calls "Maximum resident set size"):
//
//	go test ./internal/cli -run '^$' -bench PeakRSS -benchtime 1x
//
// check renders everything build renders and writes nothing, so it must
// peak no higher than build.
func BenchmarkPeakRSS(b *testing.B) {
	bin := buildCommand(b)
	dir := b.TempDir()
	sites := map[string]string{"plain": filepath.Join(dir, "plain"), "explainer": ""}
	writePlain(b, sites["plain"], 5000)
	sites["explainer"], _ = writeGenerated(b, filepath.Join(dir, "explainer"), 5000)
	for _, name := range []string{"plain", "explainer"} {
		site := sites[name]
		b.Run(name, func(b *testing.B) {
			var build, check int64
			for i := 0; i < b.N; i++ {
				build = max(build, peakRSS(b, bin, "build", "--source", site, "--dest", filepath.Join(dir, "out-"+name)))
				check = max(check, peakRSS(b, bin, "check", "--source", site))
			}
			b.ReportMetric(float64(build)/1024, "build-MiB")
			b.ReportMetric(float64(check)/1024, "check-MiB")
		})
	}
}

// peakRSS runs the command and returns its peak resident set in KiB.
func peakRSS(b *testing.B, bin string, args ...string) int64 {
	b.Helper()
	cmd := exec.Command(bin, args...)
	if out, err := cmd.CombinedOutput(); err != nil {
		b.Fatalf("%s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return cmd.ProcessState.SysUsage().(*syscall.Rusage).Maxrss
}

// writePlain writes a site of n plain pages of a few paragraphs each.
func writePlain(b *testing.B, dir string, n int) {
	b.Helper()
	if err := os.MkdirAll(filepath.Join(dir, "content", "notes"), 0o755); err != nil {
		b.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "content", "_index.md"), []byte("---\ntitle: Plain pages\n---\nHome.\n"), 0o644); err != nil {
		b.Fatal(err)
	}
	para := strings.Repeat("A plain sentence of a plain page, with nothing to link. ", 12)
	for i := range n {
		body := fmt.Sprintf("---\ntitle: Note %d\nsummary: Note number %d.\n---\n## One\n\n%s\n\n## Two\n\n%s\n\n- a\n- b\n", i, i, para, para)
		if err := os.WriteFile(filepath.Join(dir, "content", "notes", fmt.Sprintf("n-%05d.md", i)), []byte(body), 0o644); err != nil {
			b.Fatal(err)
		}
	}
}
