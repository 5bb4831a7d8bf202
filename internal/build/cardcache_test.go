package build

import (
	"bytes"
	"context"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/counterpoint-ssg/counterpoint/internal/cache"
	"github.com/counterpoint-ssg/counterpoint/internal/output"
)

// buildInto builds fsys as the site root into dest through output.Writer,
// as the build command does: cards hard-linked from the cache c. link,
// when set, stands between the build and the writer's Link.
func buildInto(c *cache.Dir, root, dest string, fsys fs.FS, link func(w *output.Writer, p, src, sum string) error) (*Result, error) {
	src := filepath.Join(filepath.Dir(dest), "src-"+filepath.Base(dest))
	if err := os.MkdirAll(src, 0o755); err != nil {
		return nil, err
	}
	w, err := output.Begin(context.Background(), src, dest, output.Options{})
	if err != nil {
		return nil, err
	}
	defer w.Close()
	l := w.Link
	if link != nil {
		l = func(p, src, sum string) error { return link(w, p, src, sum) }
	}
	res, err := Build(context.Background(), Inputs{FS: fsys, BaseURL: "https://example.org/", Cache: c, Root: root, Sink: w.Put, Link: l})
	if err != nil {
		return nil, err
	}
	if _, err := w.Commit(); err != nil {
		return nil, err
	}
	return res, nil
}

// cachedCards lists the cards kept in the cache, by the 16-digit prefix
// of their key that names them in the output.
func cachedCards(t *testing.T, c *cache.Dir) []string {
	t.Helper()
	names, _ := filepath.Glob(c.Path("cards/*.png"))
	var out []string
	for _, n := range names {
		out = append(out, filepath.Base(n)[:16])
	}
	slices.Sort(out)
	return out
}

// publishedCards lists the cards published in dest, by the same prefix.
func publishedCards(t *testing.T, dest string) []string {
	t.Helper()
	names, _ := filepath.Glob(filepath.Join(dest, filepath.FromSlash(cardDir), "*.png"))
	var out []string
	for _, n := range names {
		out = append(out, filepath.Base(n)[:16])
	}
	slices.Sort(out)
	return out
}

// TestCardsPruned: a title edited twice leaves in the cache the cards the
// site links now, and no card of the former titles.
func TestCardsPruned(t *testing.T) {
	c, err := cache.Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	dest := filepath.Join(t.TempDir(), "public")
	var first []string
	for i, title := range []string{"Нет расширению", "Нет расширению НАТО", "Нет расширению НАТО на восток"} {
		if _, err := buildInto(c, "/site/a", dest, mapFS(cardSite("", title)), nil); err != nil {
			t.Fatal(err)
		}
		now := publishedCards(t, dest)
		if len(now) < 8 {
			t.Fatalf("%d cards", len(now))
		}
		if got := cachedCards(t, c); !slices.Equal(got, now) {
			t.Fatalf("build %d: the cache keeps cards %v, the site links %v", i, got, now)
		}
		if i == 0 {
			first = now
		}
	}
	if got := cachedCards(t, c); slices.Equal(got, first) {
		t.Fatal("the edited page's card was never replaced")
	}
}

// TestCardsPrunedKeepsOtherSites: two sites sharing a cache keep each
// other's cards; an edit of one removes only its own old card.
func TestCardsPrunedKeepsOtherSites(t *testing.T) {
	c, err := cache.Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	build := func(root, dest, archive string) []string {
		t.Helper()
		if _, err := buildInto(c, root, dest, mapFS(archive), nil); err != nil {
			t.Fatal(err)
		}
		return publishedCards(t, dest)
	}
	a1 := build("/site/a", filepath.Join(dir, "a"), cardSite("", "Нет"))
	b := build("/site/b", filepath.Join(dir, "b"), cardSite("", "Да")+"-- content/b-only.md --\n---\ntitle: Только Б\n---\nТекст.\n")
	a2 := build("/site/a", filepath.Join(dir, "a"), cardSite("", "Нет, нет"))
	kept := cachedCards(t, c)
	for _, k := range append(slices.Clone(b), a2...) {
		if !slices.Contains(kept, k) {
			t.Errorf("card %s of a site built last was removed", k)
		}
	}
	gone := 0
	for _, k := range a1 {
		if !slices.Contains(a2, k) && !slices.Contains(b, k) {
			gone++
			if slices.Contains(kept, k) {
				t.Errorf("card %s that no site links is kept", k)
			}
		}
	}
	if gone == 0 {
		t.Fatal("the edit changed no card")
	}
}

// TestCardsVanishBeforeLink: a card removed from the cache between the
// build's check and its link (by another build's pruning) is drawn again:
// the build succeeds with the same bytes.
func TestCardsVanishBeforeLink(t *testing.T) {
	fsys := mapFS(cardSite("", "Нет расширению НАТО"))
	want := mustBuild(t, Inputs{FS: fsys, BaseURL: "https://example.org/"})
	c, err := cache.Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	dest := filepath.Join(t.TempDir(), "public")
	for _, warm := range []bool{false, true} {
		os.RemoveAll(dest)
		os.RemoveAll(output.Twin(dest))
		var mu sync.Mutex
		removed := 0
		_, err := buildInto(c, "/site/a", dest, fsys, func(w *output.Writer, p, src, sum string) error {
			if err := os.Remove(src); err == nil {
				mu.Lock()
				removed++
				mu.Unlock()
			}
			return w.Link(p, src, sum)
		})
		if err != nil {
			t.Fatalf("warm cache %v: %v", warm, err)
		}
		if removed < 8 {
			t.Fatalf("removed %d cards before their link", removed)
		}
		sameCards(t, dest, want)
	}
}

// TestCardsConcurrentSites builds two sites sharing one cache at the same
// time, each editing a title from build to build, so that each prunes
// while the other links: every build succeeds with the cards a build
// without a cache draws.
func TestCardsConcurrentSites(t *testing.T) {
	c, err := cache.Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	const rounds = 6
	titles := func(site string, i int) string { return fmt.Sprintf("%s %d", site, i%3) }
	want := map[string]*Result{}
	for _, s := range []string{"a", "b"} {
		for i := range 3 {
			want[titles(s, i)] = mustBuild(t, Inputs{FS: mapFS(cardSite("", titles(s, i))), BaseURL: "https://example.org/"})
		}
	}
	var wg sync.WaitGroup
	errs := make(chan error, 2*rounds)
	for _, s := range []string{"a", "b"} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			dest := filepath.Join(dir, s)
			for i := range rounds {
				if _, err := buildInto(c, "/site/"+s, dest, mapFS(cardSite("", titles(s, i))), nil); err != nil {
					errs <- fmt.Errorf("site %s, build %d: %w", s, i, err)
					return
				}
				if err := cardsAre(dest, want[titles(s, i)]); err != nil {
					errs <- fmt.Errorf("site %s, build %d: %w", s, i, err)
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}

// sameCards fails unless dest holds every card of want with its bytes.
func sameCards(t *testing.T, dest string, want *Result) {
	t.Helper()
	if err := cardsAre(dest, want); err != nil {
		t.Fatal(err)
	}
}

func cardsAre(dest string, want *Result) error {
	n := 0
	for name, data := range want.Files {
		if !strings.HasPrefix(name, cardDir) {
			continue
		}
		n++
		got, err := os.ReadFile(filepath.Join(dest, filepath.FromSlash(name)))
		if err != nil {
			return err
		}
		if !bytes.Equal(got, data) {
			return fmt.Errorf("%s differs from a build without a cache", name)
		}
	}
	if n < 8 {
		return fmt.Errorf("%d cards", n)
	}
	return nil
}

// BenchmarkPruneCards: what pruning costs the build whose list changed,
// at the 10k benchmark site's size: 5,000 cards kept, two sites' lists.
func BenchmarkPruneCards(b *testing.B) {
	c, err := cache.Open(b.TempDir())
	if err != nil {
		b.Fatal(err)
	}
	jobs := make([]cardJob, 5000)
	for i := range jobs {
		jobs[i].key = fmt.Sprintf("%064x", i)
		if err := c.WriteFile("cards/"+jobs[i].key+".png", nil); err != nil {
			b.Fatal(err)
		}
	}
	listCards(c, "/site/other", jobs[:2500])
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		jobs[0].key = fmt.Sprintf("%064x", i%2) // the list changes every time
		if !listCards(c, "/site/a", jobs) {
			b.Fatal("list unchanged")
		}
		pruneCards(c)
	}
}
