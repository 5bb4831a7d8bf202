package card

import (
	"fmt"
	"testing"
)

// BenchmarkRender draws distinct cards with one renderer, as a build does
// (the glyphs are rasterised once); it reports the PNG's size.
func BenchmarkRender(b *testing.B) {
	r := NewRenderer()
	c := sample
	c.Title = "NATO's eastern-flank presence answers Russia's actions since 2014"
	size := 0
	b.ReportAllocs()
	b.RunParallel(func(pb *testing.PB) {
		i := 0
		for pb.Next() {
			c := c
			c.Holder = fmt.Sprint("United States and NATO ", i)
			data, err := r.Render(c)
			if err != nil {
				b.Error(err)
				return
			}
			size = len(data)
			i++
		}
	})
	b.ReportMetric(float64(size), "bytes/card")
}
