package graphlayout

import (
	"fmt"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"
)

var words = strings.Fields("No further NATO expansion legally binding security guarantees indivisibility of Msta-S-M2 the door for diplomacy remains open eastern-flank presence answers Russia's actions since 2014 a substantive exchange on mutual concerns Commitment to Ukraine's sovereignty and territorial integrity Überraschung безопасность")

// randomGraph makes a seeded graph of n nodes in 2 to 4 layers, with
// groups and labels of 1 to 14 words (a few very long words too), edges
// between adjacent layers only.
func randomGraph(seed uint64, n int) Graph {
	r := rand.New(rand.NewPCG(seed, 7))
	layers := 2 + r.IntN(3)
	var g Graph
	for i := range n {
		var label []string
		for range 1 + r.IntN(14) {
			label = append(label, words[r.IntN(len(words))])
		}
		if r.IntN(20) == 0 {
			label = append(label, strings.Repeat("Msta-S-M2", 4))
		}
		grp := ""
		if r.IntN(3) > 0 {
			grp = []string{"Russia", "United States", "United States and NATO", "European Union"}[r.IntN(4)]
		}
		g.Nodes = append(g.Nodes, Node{Label: strings.Join(label, " "), Group: grp, Layer: i % layers, Bold: r.IntN(10) == 0})
	}
	for range n + r.IntN(2*n) {
		a := r.IntN(n)
		l := g.Nodes[a].Layer
		if l+1 >= layers {
			continue
		}
		var cands []int
		for j, m := range g.Nodes {
			if m.Layer == l+1 {
				cands = append(cands, j)
			}
		}
		if len(cands) > 0 {
			g.Edges = append(g.Edges, Edge{a, cands[r.IntN(len(cands))]})
		}
	}
	return g
}

func TestRandomGraphs(t *testing.T) {
	for seed := uint64(1); seed <= 60; seed++ {
		n := 5 + int(seed*seed*7)%196 // 5 to 200 nodes
		g := randomGraph(seed, n)
		t.Run(fmt.Sprintf("seed%d_n%d", seed, n), func(t *testing.T) {
			l, err := Place(g, Defaults)
			if err != nil {
				t.Fatal(err)
			}
			if p := l.Problems(g); len(p) > 0 {
				t.Fatalf("%d problems, first: %s", len(p), strings.Join(p[:min(5, len(p))], "; "))
			}
			in := Crossings(g, initialOrder(g, len(l.Order)))
			if got := Crossings(g, l.Order); got > in {
				t.Errorf("crossings %d, more than the input order's %d", got, in)
			}
			for _, nd := range l.Nodes {
				if len(nd.Lines) == 0 {
					t.Fatal("a node without lines")
				}
			}
			again, _ := Place(g, Defaults)
			if !reflect.DeepEqual(l, again) {
				t.Error("two layouts of one graph differ")
			}
		})
	}
}

// TestBarycentreHelps: over the random graphs the sweeps remove a good
// share of the input order's crossings, not merely match them.
func TestBarycentreHelps(t *testing.T) {
	var before, after int
	for seed := uint64(1); seed <= 40; seed++ {
		g := randomGraph(seed, 30+int(seed))
		l, err := Place(g, Defaults)
		if err != nil {
			t.Fatal(err)
		}
		before += Crossings(g, initialOrder(g, len(l.Order)))
		after += Crossings(g, l.Order)
	}
	if after*10 > before*8 {
		t.Errorf("crossings %d after the sweeps, %d before: under 20%% removed", after, before)
	}
}

// TestCrossingsCount compares the accumulator-tree count with the
// definition, pair by pair.
func TestCrossingsCount(t *testing.T) {
	for seed := uint64(1); seed <= 30; seed++ {
		g := randomGraph(seed, 5+int(seed)*6)
		order := initialOrder(g, 4)
		at := map[int]int{}
		for _, layer := range order {
			for k, n := range layer {
				at[n] = k
			}
		}
		naive := 0
		for i, a := range g.Edges {
			for _, b := range g.Edges[i+1:] {
				if g.Nodes[a.From].Layer != g.Nodes[b.From].Layer {
					continue
				}
				if (at[a.From]-at[b.From])*(at[a.To]-at[b.To]) < 0 {
					naive++
				}
			}
		}
		if got := Crossings(g, order); got != naive {
			t.Errorf("seed %d: Crossings = %d, pair by pair %d", seed, got, naive)
		}
	}
}

func TestKnownCrossings(t *testing.T) {
	// A 2×2 bipartite graph drawn crossed: a→d, b→c with order [a b] [c d].
	g := Graph{Nodes: []Node{{Label: "a"}, {Label: "b"}, {Label: "c", Layer: 1}, {Label: "d", Layer: 1}}, Edges: []Edge{{0, 3}, {1, 2}}}
	if x := Crossings(g, [][]int{{0, 1}, {2, 3}}); x != 1 {
		t.Fatalf("crossed: %d crossings, want 1", x)
	}
	l, err := Place(g, Defaults)
	if err != nil {
		t.Fatal(err)
	}
	if x := Crossings(g, l.Order); x != 0 {
		t.Errorf("after layout: %d crossings, order %v", x, l.Order)
	}
}

// TestGroupsStayTogether: a group's nodes are contiguous in their layer,
// under one heading.
func TestGroupsStayTogether(t *testing.T) {
	for seed := uint64(1); seed <= 20; seed++ {
		g := randomGraph(seed, 80)
		l, _ := Place(g, Defaults)
		for _, layer := range l.Order {
			seen := map[string]bool{}
			prev := "\x00"
			for _, n := range layer {
				grp := g.Nodes[n].Group
				if grp != prev && seen[grp] {
					t.Fatalf("seed %d: group %q split in layer %v", seed, grp, layer)
				}
				seen[grp], prev = true, grp
			}
		}
	}
}

func TestBadEdges(t *testing.T) {
	g := Graph{Nodes: []Node{{Label: "a"}, {Label: "b", Layer: 2}}, Edges: []Edge{{0, 1}}}
	if _, err := Place(g, Defaults); err == nil {
		t.Error("an edge skipping a layer was accepted")
	}
}

func TestWrap(t *testing.T) {
	for _, c := range []struct {
		in    string
		width float64
		want  []string
	}{
		{"No further NATO expansion", 1000, []string{"No further NATO expansion"}},
		{"No further NATO expansion", 100, []string{"No further", "NATO", "expansion"}},
		{"Msta-S-M2", 50, []string{"Msta-", "S-M2"}},
		{"indivisibility", 50, []string{"indivis", "ibility"}},
		{"", 100, nil},
	} {
		got := Wrap(c.in, c.width, 14)
		if !reflect.DeepEqual(got, c.want) {
			t.Errorf("Wrap(%q, %v) = %q, want %q", c.in, c.width, got, c.want)
		}
		if strings.Join(strings.Fields(strings.Join(got, " ")), "") != strings.Join(strings.Fields(c.in), "") {
			t.Errorf("Wrap(%q) lost text: %q", c.in, got)
		}
	}
}

func BenchmarkPlace200(b *testing.B) {
	g := randomGraph(3, 200)
	for b.Loop() {
		if _, err := Place(g, Defaults); err != nil {
			b.Fatal(err)
		}
	}
}

// TestAligned: a short column's boxes move level with the boxes they
// are joined to instead of sitting at the top or the middle.
func TestAligned(t *testing.T) {
	g := Graph{Nodes: []Node{{Label: "a"}, {Label: "b"}}}
	for i := range 8 {
		g.Nodes = append(g.Nodes, Node{Label: fmt.Sprint("right ", i), Layer: 1})
	}
	g.Edges = []Edge{{0, 7}, {1, 9}}
	l, err := Place(g, Defaults)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range l.Edges {
		if d := c.Y2 - c.Y1; d < -1 || d > 1 {
			t.Errorf("edge drops %v units: %+v", d, c)
		}
	}
	if p := l.Problems(g); len(p) > 0 {
		t.Error(p)
	}
}
