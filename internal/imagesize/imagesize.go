// Package imagesize reads the width and height of an image file from its
// header (PNG, JPEG, GIF, WebP, SVG), so a page can reserve an image's
// space before it loads and the text does not jump.
package imagesize

import (
	"encoding/xml"
	"image"
	_ "image/gif" // registers the GIF header reader with image.DecodeConfig
	_ "image/jpeg"
	_ "image/png"
	"io"
	"math"
	"path"
	"strconv"
	"strings"

	_ "golang.org/x/image/webp"
)

// Of returns the size in CSS pixels of the image in r, named name (its
// extension says whether it is SVG); ok is false when it cannot tell.
func Of(r io.Reader, name string) (w, h int, ok bool) {
	if strings.EqualFold(path.Ext(name), ".svg") {
		return svg(r)
	}
	c, _, err := image.DecodeConfig(r)
	if err != nil || c.Width <= 0 || c.Height <= 0 {
		return 0, 0, false
	}
	return c.Width, c.Height, true
}

// svg reads width and height from the root element, else the viewBox.
func svg(r io.Reader) (w, h int, ok bool) {
	d := xml.NewDecoder(io.LimitReader(r, 64<<10))
	d.Strict = false
	for {
		t, err := d.Token()
		if err != nil {
			return 0, 0, false
		}
		el, isStart := t.(xml.StartElement)
		if !isStart {
			continue
		}
		if el.Name.Local != "svg" {
			return 0, 0, false
		}
		var width, height, box string
		for _, a := range el.Attr {
			switch a.Name.Local {
			case "width":
				width = a.Value
			case "height":
				height = a.Value
			case "viewBox":
				box = a.Value
			}
		}
		if w, ok1 := pixels(width); ok1 {
			if h, ok2 := pixels(height); ok2 {
				return w, h, true
			}
		}
		f := strings.Fields(strings.ReplaceAll(box, ",", " "))
		if len(f) == 4 {
			bw, err1 := strconv.ParseFloat(f[2], 64)
			bh, err2 := strconv.ParseFloat(f[3], 64)
			if err1 == nil && err2 == nil && bw >= 1 && bh >= 1 && bw < 1e6 && bh < 1e6 {
				return int(math.Round(bw)), int(math.Round(bh)), true
			}
		}
		return 0, 0, false
	}
}

// pixels reads a length in pixels ("120" or "120px"); other units and
// percentages give no size.
func pixels(s string) (int, bool) {
	s = strings.TrimSuffix(strings.TrimSpace(s), "px")
	v, err := strconv.ParseFloat(s, 64)
	if err != nil || v < 1 || v >= 1e6 {
		return 0, false
	}
	return int(math.Round(v)), true
}
