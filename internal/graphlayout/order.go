package graphlayout

import (
	"cmp"
	"slices"
)

// initialOrder lists each layer's nodes in input order, groups kept
// together in the order each group first appears.
func initialOrder(g Graph, layers int) [][]int {
	order := make([][]int, layers)
	for i, n := range g.Nodes {
		order[n.Layer] = append(order[n.Layer], i)
	}
	for l, ns := range order {
		first := map[string]int{}
		for k, n := range ns {
			if _, ok := first[g.Nodes[n].Group]; !ok {
				first[g.Nodes[n].Group] = k
			}
		}
		slices.SortStableFunc(order[l], func(a, b int) int {
			return cmp.Compare(first[g.Nodes[a].Group], first[g.Nodes[b].Group])
		})
	}
	return order
}

// adjacency lists each node's neighbours in the layer above (up) and the
// layer below (down).
func adjacency(g Graph) (up, down [][]int) {
	up, down = make([][]int, len(g.Nodes)), make([][]int, len(g.Nodes))
	for _, e := range g.Edges {
		down[e.From] = append(down[e.From], e.To)
		up[e.To] = append(up[e.To], e.From)
	}
	return up, down
}

// reorder sorts one layer by the barycentre of each node's neighbours'
// positions (nodes without neighbours keep their place), moving whole
// groups by their members' mean barycentre. Both sorts are stable, so a
// layer that is already in barycentre order stays as it is.
func reorder(g Graph, layer []int, nbrs [][]int, pos []float64) {
	bary := make(map[int]float64, len(layer))
	gsum, gcnt := map[string]float64{}, map[string]float64{}
	for k, n := range layer {
		b := float64(k)
		if len(nbrs[n]) > 0 {
			b = 0
			for _, m := range nbrs[n] {
				b += pos[m]
			}
			b /= float64(len(nbrs[n]))
		}
		bary[n] = b
		grp := g.Nodes[n].Group
		gsum[grp] += b
		gcnt[grp]++
	}
	slices.SortStableFunc(layer, func(a, b int) int {
		ga, gb := g.Nodes[a].Group, g.Nodes[b].Group
		if ga != gb {
			if c := cmp.Compare(gsum[ga]/gcnt[ga], gsum[gb]/gcnt[gb]); c != 0 {
				return c
			}
			return cmp.Compare(ga, gb)
		}
		return cmp.Compare(bary[a], bary[b])
	})
}

// positions writes each node's index within its layer into pos, scaled
// to the layer's length so that layers of different sizes compare.
func positions(order [][]int, pos []float64) {
	for _, layer := range order {
		for k, n := range layer {
			pos[n] = float64(k) / float64(max(len(layer)-1, 1))
		}
	}
}

// minimise runs barycentre sweeps down and up the layers and returns the
// order with the fewest crossings seen, the initial one included, so the
// result is never worse than the order the input came in.
func minimise(g Graph, order [][]int, sweeps int) [][]int {
	up, down := adjacency(g)
	pos := make([]float64, len(g.Nodes))
	best, bestX := clone(order), Crossings(g, order)
	cur := clone(order)
	for s := 0; s < sweeps && bestX > 0; s++ {
		for l := 1; l < len(cur); l++ {
			positions(cur, pos)
			reorder(g, cur[l], up, pos)
		}
		for l := len(cur) - 2; l >= 0; l-- {
			positions(cur, pos)
			reorder(g, cur[l], down, pos)
		}
		transpose(g, cur, up, down)
		x := Crossings(g, cur)
		if x >= bestX {
			if s > 0 {
				break
			}
			continue
		}
		best, bestX = clone(cur), x
	}
	return best
}

// transpose swaps neighbours of one group within a layer while that
// removes crossings (the local refinement dot adds to the sweeps), a few
// passes at most.
func transpose(g Graph, order [][]int, up, down [][]int) {
	at := make([]int, len(g.Nodes))
	for _, layer := range order {
		for k, n := range layer {
			at[n] = k
		}
	}
	// cross counts the crossings between u's edges and v's when u is
	// drawn above v.
	cross := func(u, v int) int {
		c := 0
		for _, nb := range [2][][]int{up, down} {
			for _, a := range nb[u] {
				for _, b := range nb[v] {
					if at[a] > at[b] {
						c++
					}
				}
			}
		}
		return c
	}
	for pass := 0; pass < 4; pass++ {
		better := false
		for _, layer := range order {
			for k := 0; k+1 < len(layer); k++ {
				u, v := layer[k], layer[k+1]
				if g.Nodes[u].Group != g.Nodes[v].Group || cross(v, u) >= cross(u, v) {
					continue
				}
				layer[k], layer[k+1] = v, u
				at[u], at[v] = k+1, k
				better = true
			}
		}
		if !better {
			return
		}
	}
}

func clone(order [][]int) [][]int {
	out := make([][]int, len(order))
	for i, l := range order {
		out[i] = slices.Clone(l)
	}
	return out
}

// Crossings counts the pairs of edges that cross when each layer is
// drawn in the given order, in O(E log V) per pair of layers: the edges
// between two layers sorted by their upper end, the crossings are the
// inversions among their lower ends (Barth, Jünger and Mutzel's
// accumulator tree).
func Crossings(g Graph, order [][]int) int {
	at := make([]int, len(g.Nodes))
	for _, layer := range order {
		for k, n := range layer {
			at[n] = k
		}
	}
	total := 0
	for l := 0; l+1 < len(order); l++ {
		type pair struct{ a, b int }
		var ps []pair
		for _, e := range g.Edges {
			if g.Nodes[e.From].Layer == l {
				ps = append(ps, pair{at[e.From], at[e.To]})
			}
		}
		slices.SortFunc(ps, func(x, y pair) int { return cmp.Or(cmp.Compare(x.a, y.a), cmp.Compare(x.b, y.b)) })
		n := len(order[l+1])
		tree := make([]int, n+1) // Fenwick tree over lower positions
		for i, p := range ps {
			// Edges seen so far whose lower end lies right of p's cross it.
			le := 0
			for j := p.b + 1; j > 0; j -= j & -j {
				le += tree[j]
			}
			total += i - le
			for j := p.b + 1; j <= n; j += j & -j {
				tree[j]++
			}
		}
	}
	return total
}
