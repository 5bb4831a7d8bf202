package assets

import "testing"

// BenchmarkBuild processes the built-in assets, as every build does.
func BenchmarkBuild(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, errs := Build(nil); len(errs) > 0 {
			b.Fatal(errs)
		}
	}
}
