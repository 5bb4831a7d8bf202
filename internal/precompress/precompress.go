// Package precompress makes gzip and brotli copies of a site's text files
// (x.html.gz and x.html.br beside x.html), for static servers that send a
// file's compressed sibling to browsers that accept it instead of
// compressing on every request: nginx's gzip_static and brotli_static,
// Caddy's precompressed, and others. The copies are deterministic: the
// same bytes in give the same bytes out, so an unchanged page's copies are
// unchanged too.
package precompress

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"path"
	"sync"
	"sync/atomic"

	"github.com/andybalholm/brotli"
)

// MinSize is the smallest file that gets compressed copies: below about a
// kilobyte the saving is lost in the request itself.
const MinSize = 1024

// text are the extensions of the files worth compressing.
var text = map[string]bool{
	".html": true, ".css": true, ".js": true, ".json": true,
	".xml": true, ".svg": true, ".txt": true,
}

// Wants reports whether a file gets compressed copies: a text file of at
// least MinSize bytes.
func Wants(name string, size int) bool {
	return size >= MinSize && text[path.Ext(name)]
}

var (
	gzipPool   = sync.Pool{New: func() any { w, _ := gzip.NewWriterLevel(nil, gzip.BestCompression); return w }}
	brotliPool = sync.Pool{New: func() any { return brotli.NewWriterLevel(nil, brotli.BestCompression) }}
)

// Gzip compresses data at gzip's best compression. The header carries no
// file name and no modification time.
func Gzip(data []byte) ([]byte, error) {
	var b bytes.Buffer
	b.Grow(len(data)/3 + 64)
	w := gzipPool.Get().(*gzip.Writer)
	defer gzipPool.Put(w)
	w.Reset(&b) // a fresh header: no name, no time
	_, err := w.Write(data)
	if cerr := w.Close(); err == nil {
		err = cerr
	}
	w.Reset(nil) // let go of b
	return b.Bytes(), err
}

// Brotli compresses data at brotli's best quality.
func Brotli(data []byte) ([]byte, error) {
	var b bytes.Buffer
	b.Grow(len(data)/4 + 64)
	w := brotliPool.Get().(*brotli.Writer)
	defer brotliPool.Put(w)
	w.Reset(&b)
	_, err := w.Write(data)
	if cerr := w.Close(); err == nil { // Close also lets go of b
		err = cerr
	}
	return b.Bytes(), err
}

// Sink passes every file on to another sink and, after each text file,
// its .gz and .br copies. Like the sink it wraps, it may be called from
// several goroutines at once.
type Sink struct {
	next   func(path string, data []byte) error
	copies atomic.Int64
}

// NewSink returns a Sink that writes to next.
func NewSink(next func(path string, data []byte) error) *Sink {
	return &Sink{next: next}
}

// Put writes one file and, for a text file, its compressed copies.
func (s *Sink) Put(name string, data []byte) error {
	if err := s.next(name, data); err != nil {
		return err
	}
	if !Wants(name, len(data)) {
		return nil
	}
	for _, c := range []struct {
		ext      string
		compress func([]byte) ([]byte, error)
	}{{".gz", Gzip}, {".br", Brotli}} {
		z, err := c.compress(data)
		if err != nil {
			return fmt.Errorf("compressing %s: %w", name, err)
		}
		if err := s.next(name+c.ext, z); err != nil {
			return err
		}
	}
	s.copies.Add(2)
	return nil
}

// Copies is the number of compressed copies written so far.
func (s *Sink) Copies() int { return int(s.copies.Load()) }
