package serve_test

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
)

// TestServeLatency measures how long an edit takes to be served: it
// generates the benchmark corpus, runs serve on it, edits one demand page
// 15 times writing a unique marker, and polls the page over HTTP until the
// marker is there. It is a measurement, not a check, and runs only when
// asked: COUNTERPOINT_LATENCY=1000,10000 (the corpus sizes), as
// scripts/serve-latency.sh does.
func TestServeLatency(t *testing.T) {
	sizes := os.Getenv("COUNTERPOINT_LATENCY")
	if sizes == "" {
		t.Skip("set COUNTERPOINT_LATENCY=1000,10000 (or run scripts/serve-latency.sh) to measure edit-to-served latency")
	}
	gen := os.Getenv("COUNTERPOINT_GENCORPUS")
	if gen == "" {
		gen = "../../../shared/bench/gencorpus.py" // beside the repository
	}
	for _, f := range strings.Split(sizes, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(f))
		if err != nil {
			t.Fatalf("COUNTERPOINT_LATENCY: %v", err)
		}
		measure(t, gen, n)
	}
}

func measure(t *testing.T, gen string, n int) {
	dir := t.TempDir()
	if out, err := exec.Command("python3", gen, strconv.Itoa(n), dir).CombinedOutput(); err != nil {
		t.Fatalf("%s: %v\n%s", gen, err, out)
	}
	site := filepath.Join(dir, "ours")
	startAt := time.Now()
	s := startServe(t, site)
	started := time.Since(startAt)
	defer s.stop()
	src := filepath.Join(site, "content/demands/dema-00000.md")
	orig, err := os.ReadFile(src)
	if err != nil {
		t.Fatal(err)
	}
	url := strings.TrimPrefix(s.url, s.origin) + "demands/dema-00000/"
	if code, _, _ := s.get(url); code != 200 {
		t.Fatalf("%s: status %d", url, code)
	}
	var lat []time.Duration
	for i := range 15 {
		marker := fmt.Sprintf("latency-marker-%d-%d-%d", n, i, time.Now().UnixNano())
		body := append(append([]byte{}, orig...), "\n\n"+marker+"\n"...)
		t0 := time.Now()
		if err := os.WriteFile(src, body, 0o644); err != nil {
			t.Fatal(err)
		}
		for {
			_, b, _ := s.get(url)
			if strings.Contains(string(b), marker) {
				break
			}
			if time.Since(t0) > time.Minute {
				t.Fatalf("edit %d never served\nstderr:\n%s", i, s.stderr)
			}
			time.Sleep(time.Millisecond)
		}
		lat = append(lat, time.Since(t0))
		time.Sleep(50 * time.Millisecond)
	}
	slices.Sort(lat)
	ms := func(d time.Duration) string { return fmt.Sprintf("%.1f ms", float64(d.Microseconds())/1000) }
	fmt.Printf("latency %d sources: edit-to-served over %d edits: min %s, median %s, max %s (serve started in %s)\n",
		n, len(lat), ms(lat[0]), ms(lat[len(lat)/2]), ms(lat[len(lat)-1]), ms(started))
	os.WriteFile(src, orig, 0o644)
}
