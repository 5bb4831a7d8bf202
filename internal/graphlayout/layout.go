// Package graphlayout places a layered graph for drawing, as Graphviz dot
// and dagre do (Sugiyama's method): nodes sit in columns (layers), each
// column is ordered by barycentre sweeps to cut edge crossings, and boxes
// get coordinates with their labels wrapped to the column's width. Edges
// join adjacent layers only, and run in the gap between two columns, so a
// line never crosses a label. It knows nothing of pages or SVG: package
// mapsvg builds the graphs and draws them.
package graphlayout

import (
	"cmp"
	"fmt"
	"math"
	"slices"
)

// Node is one box to draw.
type Node struct {
	Label string
	// Group keeps nodes of one layer together under a heading (the
	// claimant of a demand); "" is a group without a heading.
	Group string
	Layer int
	// Bold labels are wrapped narrower, as bold text sets wider.
	Bold bool
}

// Edge joins a node to one in the next layer (Nodes[To].Layer is
// Nodes[From].Layer+1).
type Edge struct{ From, To int }

// Graph is what Place lays out.
type Graph struct {
	Nodes []Node
	Edges []Edge
	// Titles head the layers ("Demands", "Answered by"); optional.
	Titles []string
}

// Options size the drawing, in user units (CSS pixels at scale 1).
type Options struct {
	BoxWidth, Gap       float64 // a column's width; the space between columns
	FontSize, Leading   float64 // label size; distance between baselines
	Pad                 float64 // inside a box, around its label
	NodeGap, GroupGap   float64 // between boxes; before a group's heading
	Margin              float64 // around the drawing
	Sweeps              int     // barycentre sweeps, at most
	HeadSize, TitleSize float64 // group headings and layer titles
}

// Defaults are sizes readable on a phone when the drawing is shown at
// its own width (a little under 400 units).
var Defaults = Options{BoxWidth: 160, Gap: 64, FontSize: 14, Leading: 18, Pad: 8, NodeGap: 10, GroupGap: 14, Margin: 4, Sweeps: 12, HeadSize: 13, TitleSize: 13}

// bold is how much wider the headings' bold (and the titles' spaced
// capitals) set than the estimate for regular text.
const bold = 1.15

// Rect is an axis-aligned box.
type Rect struct{ X, Y, W, H float64 }

// Label is wrapped text in a box.
type Label struct {
	Rect
	Lines []string
}

// Curve is an edge's cubic Bézier: from (X1,Y1) to (X2,Y2) with both
// control points at the horizontal middle, so it stays between x1 and x2.
type Curve struct{ X1, Y1, X2, Y2 float64 }

// Head is a group heading or layer title and the layer it belongs to.
type Head struct {
	Label
	Layer int
	Group string
	first int // the node a group heading stands above
}

// Layout is a placed graph.
type Layout struct {
	Width, Height float64
	Nodes         []Label // by input index
	Edges         []Curve // by input index
	Heads         []Head  // layer titles, then group headings
	// Order holds each layer's nodes, top to bottom.
	Order   [][]int
	Options Options
}

// Place lays g out. Equal inputs give equal layouts.
func Place(g Graph, o Options) (*Layout, error) {
	layers := len(g.Titles)
	for _, n := range g.Nodes {
		if n.Layer < 0 {
			return nil, fmt.Errorf("graphlayout: negative layer %d", n.Layer)
		}
		layers = max(layers, n.Layer+1)
	}
	for _, e := range g.Edges {
		if e.From < 0 || e.To < 0 || e.From >= len(g.Nodes) || e.To >= len(g.Nodes) || g.Nodes[e.To].Layer != g.Nodes[e.From].Layer+1 {
			return nil, fmt.Errorf("graphlayout: edge %d→%d does not join adjacent layers", e.From, e.To)
		}
	}
	order := minimise(g, initialOrder(g, layers), o.Sweeps)
	l := &Layout{Nodes: make([]Label, len(g.Nodes)), Order: order, Options: o}
	l.Width = 2*o.Margin + float64(layers)*o.BoxWidth + float64(max(layers-1, 0))*o.Gap
	top := o.Margin
	for i, t := range g.Titles {
		if t == "" {
			continue
		}
		lines := Wrap(t, o.BoxWidth/bold, o.TitleSize)
		h := float64(len(lines)) * o.Leading
		l.Heads = append(l.Heads, Head{Label: Label{Rect{l.colX(i), o.Margin, o.BoxWidth, h}, lines}, Layer: i})
		top = max(top, o.Margin+h+o.GroupGap)
	}
	heights := make([]float64, layers)
	for i, layer := range order {
		heights[i] = l.stack(g, i, layer, top)
	}
	l.Height = top + slices.Max(append(heights, 0)) + o.Margin
	l.align(g, heights, top)
	l.route(g)
	return l, nil
}

// align moves the boxes of each column but the tallest towards the
// boxes they are joined to, keeping their order and spacing, so that
// lines run as level as they can: a column's shifts are the isotonic
// regression (pool adjacent violators, linear time) of each box's wish
// to be level with the mean of its neighbours, clipped to the drawing.
// Columns are placed tallest first, each against those already placed.
func (l *Layout) align(g Graph, heights []float64, top float64) {
	up, down := adjacency(g)
	inner := l.Height - l.Options.Margin - top
	layers := make([]int, len(l.Order))
	for i := range layers {
		layers[i] = i
	}
	slices.SortStableFunc(layers, func(a, b int) int { return cmp.Compare(heights[b], heights[a]) })
	placed := make([]bool, len(l.Order))
	shift := make([]float64, len(g.Nodes))
	for _, i := range layers {
		room := inner - heights[i]
		type block struct {
			sum, w float64
			n      int
		}
		var blocks []block
		for _, n := range l.Order[i] {
			r := l.Nodes[n].Rect
			want, w := room/2, 0.01 // no neighbour placed yet: centred, weakly
			var sum float64
			cnt := 0
			for _, m := range append(slices.Clone(up[n]), down[n]...) {
				if placed[g.Nodes[m].Layer] {
					mr := l.Nodes[m].Rect
					sum += mr.Y + mr.H/2
					cnt++
				}
			}
			if cnt > 0 {
				want, w = sum/float64(cnt)-r.H/2-r.Y, float64(cnt)
			}
			blocks = append(blocks, block{want * w, w, 1})
			for k := len(blocks) - 1; k > 0 && blocks[k-1].sum/blocks[k-1].w > blocks[k].sum/blocks[k].w; k-- {
				b := blocks[k]
				blocks = blocks[:k]
				blocks[k-1].sum += b.sum
				blocks[k-1].w += b.w
				blocks[k-1].n += b.n
			}
		}
		k := 0
		for _, b := range blocks {
			v := math.Round(min(max(b.sum/b.w, 0), room))
			for range b.n {
				shift[l.Order[i][k]] = v
				k++
			}
		}
		for _, n := range l.Order[i] {
			l.Nodes[n].Y += shift[n]
		}
		placed[i] = true
	}
	for k := range l.Heads {
		if h := &l.Heads[k]; h.Group != "" {
			h.Y += shift[h.first]
		}
	}
}

// textWidth is the width a node's label is wrapped to.
func (l *Layout) textWidth(n Node) float64 {
	w := l.Options.BoxWidth - 2*l.Options.Pad
	if n.Bold {
		w /= bold
	}
	return w
}

func (l *Layout) colX(layer int) float64 {
	o := l.Options
	return o.Margin + float64(layer)*(o.BoxWidth+o.Gap)
}

// stack places one column's headings and boxes from y down and returns
// the column's height.
func (l *Layout) stack(g Graph, i int, layer []int, y float64) float64 {
	o := l.Options
	x, start := l.colX(i), y
	group := ""
	for k, n := range layer {
		if grp := g.Nodes[n].Group; k == 0 || grp != group {
			group = grp
			if k > 0 {
				y += o.GroupGap - o.NodeGap
			}
			if grp != "" {
				lines := Wrap(grp, o.BoxWidth/bold, o.HeadSize)
				h := float64(len(lines)) * o.Leading
				l.Heads = append(l.Heads, Head{Label: Label{Rect{x, y, o.BoxWidth, h}, lines}, Layer: i, Group: grp, first: n})
				y += h + 4
			}
		}
		lines := Wrap(g.Nodes[n].Label, l.textWidth(g.Nodes[n]), o.FontSize)
		h := 2*o.Pad + float64(max(len(lines), 1))*o.Leading
		l.Nodes[n] = Label{Rect{x, y, o.BoxWidth, h}, lines}
		y += h + o.NodeGap
	}
	if len(layer) > 0 {
		y -= o.NodeGap
	}
	return y - start
}

// route draws each edge from the right side of its upper node to the
// left side of its lower one; a node's edges leave and arrive spread
// along its side in the order of their other ends, so that they do not
// cross at the box.
func (l *Layout) route(g Graph) {
	l.Edges = make([]Curve, len(g.Edges))
	out, in := map[int][]int{}, map[int][]int{}
	for i, e := range g.Edges {
		out[e.From] = append(out[e.From], i)
		in[e.To] = append(in[e.To], i)
	}
	centre := func(n int) float64 { r := l.Nodes[n].Rect; return r.Y + r.H/2 }
	port := func(r Rect, k, n int) float64 {
		return math.Round(r.Y + r.H*float64(k+1)/float64(n+1))
	}
	for n, es := range out {
		slices.SortFunc(es, func(a, b int) int {
			return cmp.Or(cmp.Compare(centre(g.Edges[a].To), centre(g.Edges[b].To)), cmp.Compare(a, b))
		})
		r := l.Nodes[n].Rect
		for k, e := range es {
			l.Edges[e].X1, l.Edges[e].Y1 = r.X+r.W, port(r, k, len(es))
		}
	}
	for n, es := range in {
		slices.SortFunc(es, func(a, b int) int {
			return cmp.Or(cmp.Compare(centre(g.Edges[a].From), centre(g.Edges[b].From)), cmp.Compare(a, b))
		})
		r := l.Nodes[n].Rect
		for k, e := range es {
			l.Edges[e].X2, l.Edges[e].Y2 = r.X, port(r, k, len(es))
		}
	}
}
