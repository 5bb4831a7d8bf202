package imagesize

import (
	"bytes"
	"image"
	"image/color"
	"image/gif"
	"image/jpeg"
	"image/png"
	"strings"
	"testing"
)

func TestOf(t *testing.T) {
	img := image.NewPaletted(image.Rect(0, 0, 30, 20), color.Palette{color.White, color.Black})
	var p, j, g bytes.Buffer
	if err := png.Encode(&p, img); err != nil {
		t.Fatal(err)
	}
	if err := jpeg.Encode(&j, img, nil); err != nil {
		t.Fatal(err)
	}
	if err := gif.Encode(&g, img, nil); err != nil {
		t.Fatal(err)
	}
	// The smallest lossless WebP: 1x1 (VP8L header).
	webp := []byte("RIFF\x1a\x00\x00\x00WEBPVP8L\x0d\x00\x00\x00\x2f\x00\x00\x00\x10\x07\x10\x11\x11\x88\x88\xfe\x07\x00")
	tests := []struct {
		name string
		data []byte
		w, h int
		ok   bool
	}{
		{"a.png", p.Bytes(), 30, 20, true},
		{"a.jpg", j.Bytes(), 30, 20, true},
		{"a.gif", g.Bytes(), 30, 20, true},
		{"a.webp", webp, 1, 1, true},
		{"a.svg", []byte(`<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" width="120px" height="80"></svg>`), 120, 80, true},
		{"a.SVG", []byte(`<svg viewBox="0 0 64.4 32"><rect/></svg>`), 64, 32, true},
		{"a.svg", []byte(`<svg width="50%" height="10"></svg>`), 0, 0, false},
		{"a.svg", []byte(`<html></html>`), 0, 0, false},
		{"a.png", []byte("not really a png"), 0, 0, false},
	}
	for _, tt := range tests {
		w, h, ok := Of(bytes.NewReader(tt.data), tt.name)
		if w != tt.w || h != tt.h || ok != tt.ok {
			t.Errorf("%s %q: %d×%d %v, want %d×%d %v", tt.name, strings.ToValidUTF8(string(tt.data[:min(len(tt.data), 20)]), "?"), w, h, ok, tt.w, tt.h, tt.ok)
		}
	}
}

func FuzzOf(f *testing.F) {
	f.Add([]byte(`<svg width="1" height="2"/>`), true)
	f.Add([]byte("\x89PNG\r\n\x1a\n"), false)
	f.Fuzz(func(t *testing.T, data []byte, isSVG bool) {
		name := "x.png"
		if isSVG {
			name = "x.svg"
		}
		if w, h, ok := Of(bytes.NewReader(data), name); ok && (w < 1 || h < 1) {
			t.Fatalf("size %d×%d reported ok", w, h)
		}
	})
}
