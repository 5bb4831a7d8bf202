package serve_test

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"net/http"
	"testing"
	"time"

	"github.com/counterpoint-ssg/counterpoint/internal/search"
)

// TestServeSearchFollowsEdit edits a page's prose while serve runs: the
// page is served at once, and its new word becomes searchable in the
// served index once the index, made after the page, catches up; the
// served site then equals a clean build.
func TestServeSearchFollowsEdit(t *testing.T) {
	dir := smallSite(t)
	s := startServe(t, dir)
	s.synced(nil)
	const word = "zeppelinword"
	if urls := s.searchExact(word); len(urls) != 0 {
		t.Fatalf("%s found before the edit: %q", word, urls)
	}
	writeFile(t, dir, "content/demands/alpha.md", demand("Alpha", "Alpha text with a "+word+". See [[NATO]]."))
	deadline := time.Now().Add(2 * time.Minute)
	var urls []string
	for time.Now().Before(deadline) {
		if urls = s.searchExact(word); len(urls) > 0 {
			break
		}
		time.Sleep(20 * time.Millisecond)
	}
	if len(urls) != 1 || urls[0] != "/demands/alpha/" {
		t.Fatalf("%s in the served index after the edit: %q\nstdout:\n%s\nstderr:\n%s", word, urls, s.stdout, s.stderr)
	}
	s.synced(nil)
}

// searchExact looks word up in the served index, as the site's script
// does for a whole word, and returns the URLs of the pages holding it.
func (s *server) searchExact(word string) []string {
	s.t.Helper()
	var man struct {
		F, X, H string
		G       []int
		C       [][3]any
	}
	s.getJSON(s.urlPath(search.ManifestPath), &man)
	i := len(man.C) - 1
	for i > 0 && man.C[i][0].(string) > word {
		i--
	}
	var chunk map[string][]int
	s.getJSON(s.urlPath(man.C[i][1].(string)), &chunk)
	var urls []string
	p := -1
	for x := 0; x+1 < len(chunk[word]); x += 2 {
		p += chunk[word][x]
		urls = append(urls, s.fragmentURL(man.F, man.X, man.H, man.G, p))
	}
	return urls
}

// fragmentURL reads page p's URL from the fragment file holding it: the
// manifest lists the files' hashes one after the other in h, and how
// many pages each holds in g; the file is gzip.
func (s *server) fragmentURL(dir, ext, hashes string, groups []int, p int) string {
	for i, n := range groups {
		if p < n {
			path := s.urlPath(dir + hashes[i*search.HashLen:(i+1)*search.HashLen] + ext)
			code, body, _ := s.get(path)
			if code != http.StatusOK {
				s.t.Fatalf("GET %s: status %d", path, code)
			}
			z, err := gzip.NewReader(bytes.NewReader(body))
			if err != nil {
				s.t.Fatalf("GET %s: %v", path, err)
			}
			var list []struct{ U string }
			if err := json.NewDecoder(z).Decode(&list); err != nil {
				s.t.Fatalf("GET %s: %v", path, err)
			}
			return list[p].U
		}
		p -= n
	}
	s.t.Fatalf("no fragment file holds page %d", p)
	return ""
}

func (s *server) getJSON(path string, v any) {
	s.t.Helper()
	code, body, _ := s.get(path)
	if code != http.StatusOK {
		s.t.Fatalf("GET %s: status %d", path, code)
	}
	if err := json.Unmarshal(body, v); err != nil {
		s.t.Fatalf("GET %s: %v", path, err)
	}
}
