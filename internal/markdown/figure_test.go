package markdown

import (
	"bytes"
	"testing"
)

// TestFigure: a titled image alone in its paragraph becomes a figure with
// the title as its caption; one inside text, or without a title, stays an
// image; every image after the first loads lazily.
func TestFigure(t *testing.T) {
	tests := []struct{ src, want string }{
		{"![A map](map.png \"The cordon & its line\")\n", "<figure><img src=\"map.png\" alt=\"A map\"><figcaption>The cordon &amp; its line</figcaption></figure>\n"},
		{"![A map](map.png)\n", "<p><img src=\"map.png\" alt=\"A map\"></p>\n"},
		{"See ![A map](map.png \"Title\") here.\n", "<p>See <img src=\"map.png\" alt=\"A map\" title=\"Title\"> here.</p>\n"},
		{"![A](a.png)\n\n![B](b.png \"Second\")\n", "<p><img src=\"a.png\" alt=\"A\"></p>\n<figure><img src=\"b.png\" alt=\"B\" loading=\"lazy\"><figcaption>Second</figcaption></figure>\n"},
	}
	e := New(false)
	for _, tt := range tests {
		var b bytes.Buffer
		if err := e.Render(&b, e.Parse([]byte(tt.src), "", nil)); err != nil {
			t.Fatal(err)
		}
		if b.String() != tt.want {
			t.Errorf("%q:\ngot  %q\nwant %q", tt.src, b.String(), tt.want)
		}
	}
}
