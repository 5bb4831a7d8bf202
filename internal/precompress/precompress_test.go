package precompress

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"io"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/andybalholm/brotli"
)

func TestWants(t *testing.T) {
	for _, tt := range []struct {
		name string
		size int
		want bool
	}{
		{"index.html", 1024, true},
		{"demands/x/index.html", 50000, true},
		{"assets/site.0a1b2c3d.css", 2000, true},
		{"assets/site.0a1b2c3d.js", 2000, true},
		{"search-index.json", 2000, true},
		{"sitemap.xml", 2000, true},
		{"assets/favicon.0a1b2c3d.svg", 2000, true},
		{"notes.txt", 2000, true},
		{"robots.txt", 73, false},
		{"index.html", 1023, false},
		{"files/map.png", 50000, false},
		{"files/font.woff2", 50000, false},
		{"_headers", 5000, false},
		{"index.html.gz", 5000, false},
	} {
		if got := Wants(tt.name, tt.size); got != tt.want {
			t.Errorf("Wants(%q, %d) = %v, want %v", tt.name, tt.size, got, tt.want)
		}
	}
}

func sample(n int) []byte {
	var b bytes.Buffer
	for i := 0; b.Len() < n; i++ {
		fmt.Fprintf(&b, "<p>Paragraph %d of a page, with <a href=\"/sub/dir/demands/x/\">a link</a>.</p>\n", i)
	}
	return b.Bytes()[:n]
}

func gunzip(t *testing.T, z []byte) []byte {
	t.Helper()
	r, err := gzip.NewReader(bytes.NewReader(z))
	if err != nil {
		t.Fatal(err)
	}
	if r.Name != "" || !r.ModTime.IsZero() && !r.ModTime.Equal(time.Unix(0, 0)) {
		t.Errorf("gzip header carries name %q, time %v", r.Name, r.ModTime)
	}
	out, err := io.ReadAll(r)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func unbrotli(t *testing.T, z []byte) []byte {
	t.Helper()
	out, err := io.ReadAll(brotli.NewReader(bytes.NewReader(z)))
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// TestRoundTrip: the copies decompress to the original, are smaller, and
// are the same bytes every time (the pooled writers keep no state).
func TestRoundTrip(t *testing.T) {
	for _, n := range []int{0, 1, 1024, 20000} {
		data := sample(n)
		gz, err := Gzip(data)
		if err != nil {
			t.Fatal(err)
		}
		br, err := Brotli(data)
		if err != nil {
			t.Fatal(err)
		}
		if got := gunzip(t, gz); !bytes.Equal(got, data) {
			t.Errorf("%d bytes: gzip round trip differs", n)
		}
		if got := unbrotli(t, br); !bytes.Equal(got, data) {
			t.Errorf("%d bytes: brotli round trip differs", n)
		}
		if n >= MinSize && (len(gz) >= n || len(br) >= len(gz)) {
			t.Errorf("%d bytes: gzip %d, brotli %d", n, len(gz), len(br))
		}
		gz2, _ := Gzip(data)
		br2, _ := Brotli(data)
		if !bytes.Equal(gz, gz2) || !bytes.Equal(br, br2) {
			t.Errorf("%d bytes: compressing twice gave different bytes", n)
		}
		if len(gz) >= 10 && (gz[4] != 0 || gz[5] != 0 || gz[6] != 0 || gz[7] != 0) {
			t.Errorf("gzip MTIME is % x, want zero", gz[4:8])
		}
	}
}

// TestSink passes every file on and adds copies after the text files
// only, from many goroutines at once.
func TestSink(t *testing.T) {
	var mu sync.Mutex
	got := map[string][]byte{}
	s := NewSink(func(p string, data []byte) error {
		mu.Lock()
		defer mu.Unlock()
		if _, dup := got[p]; dup {
			return fmt.Errorf("%s twice", p)
		}
		got[p] = bytes.Clone(data)
		return nil
	})
	in := map[string][]byte{
		"index.html":            sample(5000),
		"a/index.html":          sample(1024),
		"b/index.html":          sample(1023),
		"robots.txt":            sample(50),
		"files/m.png":           sample(5000),
		"assets/site.1234.css":  sample(3000),
		"search-index.json":     sample(9000),
		"assets/favicon.12.svg": sample(1500),
	}
	var wg sync.WaitGroup
	for p, data := range in {
		wg.Go(func() {
			if err := s.Put(p, data); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	var names []string
	for p := range got {
		names = append(names, p)
	}
	slices.Sort(names)
	want := []string{
		"a/index.html", "a/index.html.br", "a/index.html.gz",
		"assets/favicon.12.svg", "assets/favicon.12.svg.br", "assets/favicon.12.svg.gz",
		"assets/site.1234.css", "assets/site.1234.css.br", "assets/site.1234.css.gz",
		"b/index.html", "files/m.png",
		"index.html", "index.html.br", "index.html.gz",
		"robots.txt",
		"search-index.json", "search-index.json.br", "search-index.json.gz",
	}
	if !slices.Equal(names, want) {
		t.Errorf("files:\n%s\nwant:\n%s", strings.Join(names, "\n"), strings.Join(want, "\n"))
	}
	if s.Copies() != 10 {
		t.Errorf("Copies() = %d, want 10", s.Copies())
	}
	for p, data := range in {
		if !bytes.Equal(got[p], data) {
			t.Errorf("%s changed on the way", p)
		}
		if z, ok := got[p+".gz"]; ok && !bytes.Equal(gunzip(t, z), data) {
			t.Errorf("%s.gz does not decompress to %s", p, p)
		}
		if z, ok := got[p+".br"]; ok && !bytes.Equal(unbrotli(t, z), data) {
			t.Errorf("%s.br does not decompress to %s", p, p)
		}
	}
}

// TestSinkError stops at the first error of the sink it wraps.
func TestSinkError(t *testing.T) {
	var calls []string
	s := NewSink(func(p string, _ []byte) error {
		calls = append(calls, p)
		if strings.HasSuffix(p, ".gz") {
			return fmt.Errorf("disk full")
		}
		return nil
	})
	if err := s.Put("index.html", sample(4000)); err == nil || err.Error() != "disk full" {
		t.Errorf("error = %v", err)
	}
	if !slices.Equal(calls, []string{"index.html", "index.html.gz"}) {
		t.Errorf("calls = %q", calls)
	}
}

func BenchmarkBrotli(b *testing.B) {
	data := sample(30000)
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		Brotli(data)
	}
}

func BenchmarkGzip(b *testing.B) {
	data := sample(30000)
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		Gzip(data)
	}
}
