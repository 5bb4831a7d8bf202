package fsfilter

import "testing"

func TestIgnored(t *testing.T) {
	for name, want := range map[string]bool{
		"x.md": false, "x.markdown": false, "map.png": false, "orig.md": false, "x.origin": false,
		".git": true, "x.md~": true, "#x.md#": true, "x.md.swp": true, "4913": true,
		"x.md.orig": true, "x.md.rej": true, "map.png.orig": true,
	} {
		if got := Ignored(name); got != want {
			t.Errorf("Ignored(%q) = %v, want %v", name, got, want)
		}
	}
}
