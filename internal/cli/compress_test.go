package cli_test

import (
	"bytes"
	"compress/gzip"
	"context"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/andybalholm/brotli"
	"github.com/counterpoint-ssg/counterpoint/internal/cli"
	"github.com/counterpoint-ssg/counterpoint/internal/precompress"
)

// readTree maps every file under dir (slash-separated, relative) to its bytes.
func readTree(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		out[filepath.ToSlash(rel)] = data
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func mainOK(t *testing.T, args ...string) string {
	t.Helper()
	var stdout, stderr bytes.Buffer
	if code := cli.Main(context.Background(), args, &stdout, &stderr); code != 0 {
		t.Fatalf("counterpoint %s: exit %d\n%s", strings.Join(args, " "), code, stderr.String())
	}
	return stdout.String()
}

// TestBuildCompress: with --compress every text file of 1 KB or more gets
// .gz and .br siblings that decompress to its bytes, and nothing else
// does; without it there are none, and a later build without the flag
// removes them.
func TestBuildCompress(t *testing.T) {
	dir := t.TempDir()
	site := filepath.Join(dir, "site")
	if err := writeSite(site); err != nil {
		t.Fatal(err)
	}
	// A page large enough to compress, and a static file that is not text.
	long := "---\ntitle: Long\n---\n" + strings.Repeat("A paragraph of the long page, which is long.\n\n", 100)
	if err := os.WriteFile(filepath.Join(site, "content", "long.md"), []byte(long), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "out")
	stdout := mainOK(t, "build", "--source", site, "--dest", out, "--compress")
	files := readTree(t, out)
	delete(files, ".counterpoint-output")

	copies, text := 0, 0
	for name, data := range files {
		base, ext := name, filepath.Ext(name)
		if ext == ".gz" || ext == ".br" {
			base = strings.TrimSuffix(name, ext)
			orig, ok := files[base]
			if !ok {
				t.Errorf("%s has no original %s", name, base)
				continue
			}
			var r io.Reader
			if ext == ".gz" {
				zr, err := gzip.NewReader(bytes.NewReader(data))
				if err != nil {
					t.Errorf("%s: %v", name, err)
					continue
				}
				r = zr
			} else {
				r = brotli.NewReader(bytes.NewReader(data))
			}
			got, err := io.ReadAll(r)
			if err != nil || !bytes.Equal(got, orig) {
				t.Errorf("%s does not decompress to %s (%v)", name, base, err)
			}
			copies++
			continue
		}
		_, gz := files[name+".gz"]
		_, br := files[name+".br"]
		want := precompress.Wants(name, len(data))
		if gz != want || br != want {
			t.Errorf("%s (%d bytes): .gz %v, .br %v, want %v", name, len(data), gz, br, want)
		}
		if want {
			text++
		}
	}
	if text < 5 || copies != 2*text {
		t.Errorf("%d text files compressed, %d copies", text, copies)
	}
	for _, name := range []string{"index.html", "long/index.html"} {
		if _, ok := files[name+".br"]; !ok {
			t.Errorf("no %s.br", name)
		}
	}
	if !strings.Contains(stdout, " "+strconv.Itoa(len(files))+" files (") {
		t.Errorf("summary %q does not count the %d files written", stdout, len(files))
	}

	// The same bytes again: the copies are deterministic.
	out2 := filepath.Join(dir, "out2")
	mainOK(t, "build", "--source", site, "--dest", out2, "--compress")
	again := readTree(t, out2)
	for name, data := range files {
		if !bytes.Equal(again[name], data) {
			t.Errorf("%s differs between two builds", name)
		}
	}

	// Without the flag: no copies, in a new directory or in the old one.
	for _, dest := range []string{filepath.Join(dir, "plain"), out} {
		mainOK(t, "build", "--source", site, "--dest", dest)
		for name := range readTree(t, dest) {
			if strings.HasSuffix(name, ".gz") || strings.HasSuffix(name, ".br") {
				t.Errorf("%s: %s without --compress", dest, name)
			}
		}
	}
}
