package graphlayout

import "fmt"

// Problems lists what makes a layout unreadable: two labels (boxes,
// headings, titles) that overlap, a line passing through a label other
// than those of its own two ends, a label wider than its box by the
// estimate it was wrapped with, or anything outside the drawing. The
// tests hold it empty on generated graphs; it is cheap enough to run on
// every drawing.
func (l *Layout) Problems(g Graph) []string {
	var out []string
	type box struct {
		r    Rect
		name string
		node int // -1 for headings
	}
	var boxes []box
	for i, n := range l.Nodes {
		boxes = append(boxes, box{n.Rect, fmt.Sprintf("node %d", i), i})
		for _, line := range n.Lines {
			if w := TextWidth(line, l.Options.FontSize); w > l.textWidth(g.Nodes[i])+0.01 {
				out = append(out, fmt.Sprintf("node %d: line %q is %.0f wide in a box of %.0f", i, line, w, n.W))
			}
		}
	}
	for _, h := range l.Heads {
		boxes = append(boxes, box{h.Rect, fmt.Sprintf("heading %q", h.Lines), -1})
	}
	for _, b := range boxes {
		if b.r.X < 0 || b.r.Y < 0 || b.r.X+b.r.W > l.Width+0.01 || b.r.Y+b.r.H > l.Height+0.01 {
			out = append(out, b.name+" lies outside the drawing")
		}
	}
	// Boxes of one column only can meet: compare each with those after it
	// in the same column (a few hundred at most per column).
	byCol := map[float64][]box{}
	for _, b := range boxes {
		byCol[b.r.X] = append(byCol[b.r.X], b)
	}
	for _, col := range byCol {
		for i := range col {
			for j := i + 1; j < len(col); j++ {
				if overlap(col[i].r, col[j].r) {
					out = append(out, col[i].name+" overlaps "+col[j].name)
				}
			}
		}
	}
	for i, c := range l.Edges {
		e := g.Edges[i]
		for _, b := range boxes {
			if b.node == e.From || b.node == e.To {
				continue
			}
			if c.hits(b.r) {
				out = append(out, fmt.Sprintf("edge %d→%d crosses %s", e.From, e.To, b.name))
			}
		}
	}
	return out
}

func overlap(a, b Rect) bool {
	return a.X < b.X+b.W && b.X < a.X+a.W && a.Y < b.Y+b.H && b.Y < a.Y+a.H
}

// At returns the curve's point at t in [0,1].
func (c Curve) At(t float64) (x, y float64) {
	mx := (c.X1 + c.X2) / 2
	u := 1 - t
	x = u*u*u*c.X1 + 3*u*u*t*mx + 3*u*t*t*mx + t*t*t*c.X2
	y = u*u*u*c.Y1 + 3*u*u*t*c.Y1 + 3*u*t*t*c.Y2 + t*t*t*c.Y2
	return x, y
}

// hits reports whether the curve passes strictly inside r, sampled
// finely enough for boxes a few units across.
func (c Curve) hits(r Rect) bool {
	const steps = 64
	for k := 0; k <= steps; k++ {
		x, y := c.At(float64(k) / steps)
		if x > r.X && x < r.X+r.W && y > r.Y && y < r.Y+r.H {
			return true
		}
	}
	return false
}
