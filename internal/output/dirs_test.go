package output

import (
	"context"
	"fmt"
	"path/filepath"
	"sync"
	"testing"
)

// TestPutSameNewDirectoryAtOnce puts many files of the same new
// directories from many goroutines at once, as a build's workers do: no
// file may be written before its directory exists.
func TestPutSameNewDirectoryAtOnce(t *testing.T) {
	for round := range 5 {
		src := t.TempDir()
		dest := filepath.Join(t.TempDir(), "public")
		w, err := Begin(context.Background(), src, dest, Options{})
		if err != nil {
			t.Fatal(err)
		}
		want := map[string][]byte{}
		for d := range 40 {
			for f := range 8 {
				want[fmt.Sprintf("d%d/e%d/f%d.html", d, d%3, f)] = []byte(fmt.Sprintf("round %d file %d/%d", round, d, f))
			}
		}
		start := make(chan struct{})
		var wg sync.WaitGroup
		errs := make(chan error, len(want))
		for p, data := range want {
			wg.Add(1)
			go func() {
				defer wg.Done()
				<-start
				if err := w.Put(p, data); err != nil {
					errs <- err
				}
			}()
		}
		close(start)
		wg.Wait()
		close(errs)
		for err := range errs {
			t.Fatal(err)
		}
		if _, err := w.Commit(); err != nil {
			t.Fatal(err)
		}
		got := tree(t, dest)
		for p, data := range want {
			if string(got[p]) != string(data) {
				t.Fatalf("%s: got %q, want %q", p, got[p], data)
			}
		}
	}
}
