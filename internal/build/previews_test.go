package build

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/counterpoint-ssg/counterpoint/internal/benchsite"
)

// TestShardCount: K is 1 up to two shards' worth of records, then the
// smallest power of two that brings the average shard to shardTarget
// bytes or less, so it moves only when the records double.
func TestShardCount(t *testing.T) {
	for _, c := range []struct{ total, want int }{
		{0, 1}, {1, 1}, {shardTarget, 1}, {2 * shardTarget, 1}, {2*shardTarget + 1, 4},
		{4 * shardTarget, 4}, {4*shardTarget + 1, 8}, {100 * shardTarget, 128},
	} {
		if got := shardCount(c.total); got != c.want {
			t.Errorf("shardCount(%d) = %d, want %d", c.total, got, c.want)
		}
	}
	// Growing by a tenth at a time, K at most doubles per doubling.
	last := 4
	for total := 3 * shardTarget; total < 1000*shardTarget; total += total / 10 {
		k := shardCount(total)
		if k != last && k != 2*last {
			t.Fatalf("at %d bytes K went from %d to %d", total, last, k)
		}
		last = k
	}
}

// TestPreviewShardHash pins the hash to FNV-1a 32-bit over the UTF-8
// bytes (the published test vectors), which site.js computes too.
func TestPreviewShardHash(t *testing.T) {
	for _, c := range []struct {
		s    string
		want uint32
	}{
		{"", 0x811c9dc5}, {"a", 0xe40c292c}, {"foobar", 0xbf9cf968},
	} {
		if got := previewShard(c.s, 1<<31); uint32(got) != c.want&(1<<31-1) {
			t.Errorf("shard of %q among 2^31 = %#x, want %#x", c.s, got, c.want&(1<<31-1))
		}
	}
}

var dataPreviews = regexp.MustCompile(`<body [^>]*data-previews="(\d+)"`)

// TestPreviewShards builds a large site: every page names K, every record
// of search-index.json is in the shard its link hashes to and in no
// other, without its aliases; no shard is far above shardTarget; two
// builds give the same bytes. A small site writes no shards.
func TestPreviewShards(t *testing.T) {
	for _, base := range []string{"", "https://example.org/сайт/"} {
		t.Run("base="+base, func(t *testing.T) {
			fsys := benchsite.Generate(2000)
			res, err := Build(context.Background(), Inputs{FS: fsys, BaseURL: base})
			if err != nil {
				t.Fatal(err)
			}
			m := dataPreviews.FindSubmatch(res.Files["index.html"])
			if m == nil {
				t.Fatal("index.html: no data-previews on <body>")
			}
			k, _ := strconv.Atoi(string(m[1]))
			if k < 2 || k&(k-1) != 0 {
				t.Fatalf("data-previews=%d, want a power of two above 1", k)
			}
			for name, data := range res.Files {
				if strings.HasSuffix(name, ".html") && bytes.Contains(data, []byte("<body ")) {
					if m := dataPreviews.FindSubmatch(data); m == nil || string(m[1]) != strconv.Itoa(k) {
						t.Fatalf("%s: data-previews not %d", name, k)
					}
				}
			}
			var all []searchEntry
			if err := json.Unmarshal(res.Files["search-index.json"], &all); err != nil {
				t.Fatal(err)
			}
			seen := map[string]int{}
			for i := 0; i < k; i++ {
				name := fmt.Sprintf("previews/%d.json", i)
				data, ok := res.Files[name]
				if !ok {
					t.Fatalf("no %s", name)
				}
				if len(data) > shardTarget*3/2 {
					t.Errorf("%s: %d bytes, want about %d or less", name, len(data), shardTarget)
				}
				var recs []searchEntry
				if err := json.Unmarshal(data, &recs); err != nil {
					t.Fatalf("%s: %v", name, err)
				}
				for _, r := range recs {
					if got := previewShard(r.URL, k); got != i {
						t.Errorf("%s holds %s, which hashes to shard %d", name, r.URL, got)
					}
					seen[r.URL]++
				}
			}
			if _, ok := res.Files[fmt.Sprintf("previews/%d.json", k)]; ok {
				t.Errorf("a shard beyond the %d", k)
			}
			for _, r := range all {
				if base != "" && !strings.HasPrefix(r.URL, "/%D1%81%D0%B0%D0%B9%D1%82/") {
					t.Fatalf("record %s: not under the base path as the pages link it", r.URL)
				}
				if seen[r.URL] != 1 {
					t.Errorf("%s in %d shards, want 1", r.URL, seen[r.URL])
				}
			}
			if len(seen) != len(all) {
				t.Errorf("%d records in the shards, %d in search-index.json", len(seen), len(all))
			}
			headers := string(res.Files["_headers"])
			if rule := "previews/*\n  Cache-Control: " + CacheRevalidate + "\n"; !strings.Contains(headers, rule) {
				t.Errorf("_headers lacks %q:\n%s", rule, headers)
			}

			again, err := Build(context.Background(), Inputs{FS: fsys, BaseURL: base})
			if err != nil {
				t.Fatal(err)
			}
			for name, data := range res.Files {
				if !bytes.Equal(again.Files[name], data) {
					t.Errorf("%s differs between two builds", name)
				}
			}
		})
	}

	// The repository's own site is small: its previews read
	// search-index.json, as they always have.
	for name, small := range map[string]fs.FS{
		"tiny": fstest.MapFS{"content/_index.md": {Data: []byte("---\ntitle: Small\n---\n")}, "content/demands/a.md": {Data: []byte("---\ntitle: A\n---\nText.\n")}},
		"ours": os.DirFS("../.."),
	} {
		res, err := Build(context.Background(), Inputs{FS: small})
		if err != nil {
			t.Fatal(err)
		}
		for f := range res.Files {
			if strings.HasPrefix(f, previewDir) {
				t.Errorf("%s: a small site has %s", name, f)
			}
		}
		if bytes.Contains(res.Files["index.html"], []byte("data-previews")) {
			t.Errorf("%s: a small site's pages name preview shards", name)
		}
	}
}

// BenchmarkPreviewShards measures what the shards add to a build that
// must make them again (a front-matter edit) on the 10,000-page site:
//
//	go test -run '^$' -bench PreviewShards -benchmem ./internal/build
func BenchmarkPreviewShards(b *testing.B) {
	res, err := Build(context.Background(), Inputs{FS: benchsite.Generate(10000)})
	if err != nil {
		b.Fatal(err)
	}
	bd := &builder{site: res.Site}
	bd.urls.Path = "/"
	b.ResetTimer()
	for range b.N {
		if k, _ := bd.previewShards(); k < 2 {
			b.Fatalf("K = %d", k)
		}
	}
}
