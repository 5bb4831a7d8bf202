package mapsvg

import (
	"html"
	"html/template"
	"math"
	"strconv"
	"strings"

	"github.com/counterpoint-ssg/counterpoint/internal/graphlayout"
)

// drawing is a graph ready to write: the layout's input plus, per node,
// where it links to ("" for a box that is not a link) and its class.
type drawing struct {
	g       graphlayout.Graph
	href    []string
	class   []string
	id      string // prefix of the ids inside the SVG
	title   string
	desc    string
	rtl     bool
	scale   float64 // shown size over the layout's units
	options graphlayout.Options
}

// write lays d out and writes it as inline SVG. The SVG is a group (its
// links stay visible to assistive technology, which role="img" would
// hide) named by its <title> and described by its <desc>; colours come
// from classes the stylesheet sets, never from attributes.
func (d *drawing) write() (template.HTML, error) {
	l, err := graphlayout.Place(d.g, d.options)
	if err != nil {
		return "", err
	}
	var b strings.Builder
	b.Grow(600 + 300*len(d.g.Nodes) + 80*len(d.g.Edges))
	w, h := l.Width, l.Height
	b.WriteString(`<svg class="map-svg" viewBox="0 0 `)
	num(&b, w)
	b.WriteByte(' ')
	num(&b, h)
	b.WriteString(`" width="`)
	num(&b, math.Round(w*d.scale))
	b.WriteString(`" height="`)
	num(&b, math.Round(h*d.scale))
	// The label sizes are the layout's: the widths were estimated at them.
	b.WriteString(`" font-size="`)
	num(&b, d.options.FontSize)
	b.WriteString(`" role="group" aria-labelledby="` + d.id + `-t" aria-describedby="` + d.id + `-d">`)
	b.WriteString(`<title id="` + d.id + `-t">` + html.EscapeString(d.title) + `</title>`)
	b.WriteString(`<desc id="` + d.id + `-d">` + html.EscapeString(d.desc) + `</desc>`)
	// Lines first, so that boxes are drawn over their ends.
	b.WriteString(`<g class="map-edges" fill="none" stroke-width="1.5" aria-hidden="true">`)
	for _, c := range l.Edges {
		x1, x2 := d.x(l, c.X1), d.x(l, c.X2)
		mx := (x1 + x2) / 2
		b.WriteString(`<path d="M`)
		pts(&b, x1, c.Y1, mx, c.Y1, mx, c.Y2, x2, c.Y2)
		b.WriteString(`"/>`)
	}
	b.WriteString(`</g>`)
	o := l.Options
	// Layer titles and group headings, then each layer's boxes, in
	// reading order: a heading is written just before its first box.
	heads := map[int][]graphlayout.Head{}
	for _, hd := range l.Heads {
		if hd.Group == "" {
			d.heading(&b, l, "map-title", hd.Rect, hd.Lines, o.TitleSize)
			continue
		}
		heads[hd.Layer] = append(heads[hd.Layer], hd)
	}
	for layer, nodes := range l.Order {
		hs := heads[layer]
		group := "\x00"
		for _, n := range nodes {
			if grp := d.g.Nodes[n].Group; grp != group {
				group = grp
				if grp != "" && len(hs) > 0 {
					d.heading(&b, l, "map-group", hs[0].Rect, hs[0].Lines, o.HeadSize)
					hs = hs[1:]
				}
			}
			d.node(&b, l, n)
		}
	}
	b.WriteString(`</svg>`)
	return template.HTML(b.String()), nil
}

// node writes one box: a link holding its rectangle and label, or a
// plain group for a box that leads nowhere.
func (d *drawing) node(b *strings.Builder, l *graphlayout.Layout, n int) {
	nd := l.Nodes[n]
	cls := "map-node"
	if d.class[n] != "" {
		cls += " " + d.class[n]
	}
	if d.href[n] != "" {
		b.WriteString(`<a class="` + cls + `" href="` + html.EscapeString(d.href[n]) + `">`)
	} else {
		b.WriteString(`<g class="` + cls + `">`)
	}
	rx := nd.X
	if d.rtl {
		rx = l.Width - nd.X - nd.W
	}
	if d.class[n] != "map-more" { // "and 3 more" is text alone
		b.WriteString(`<rect x="`)
		num(b, rx)
		b.WriteString(`" y="`)
		num(b, nd.Y)
		b.WriteString(`" width="`)
		num(b, nd.W)
		b.WriteString(`" height="`)
		num(b, nd.H)
		b.WriteString(`"`)
		if d.g.Nodes[n].Bold {
			b.WriteString(` stroke-width="3"`)
		}
		b.WriteString(`/>`)
	}
	if d.g.Nodes[n].Bold {
		b.WriteString(`<text font-weight="700">`)
	} else {
		b.WriteString(`<text>`)
	}
	d.lines(b, l, nd.Rect, nd.Lines, l.Options.FontSize, l.Options.Pad)
	b.WriteString(`</text>`)
	if d.href[n] != "" {
		b.WriteString(`</a>`)
	} else {
		b.WriteString(`</g>`)
	}
}

// heading writes a layer title or group heading: bold, as its width was
// estimated.
func (d *drawing) heading(b *strings.Builder, l *graphlayout.Layout, cls string, r graphlayout.Rect, lines []string, size float64) {
	b.WriteString(`<text class="` + cls + `" font-weight="700" font-size="`)
	num(b, size)
	b.WriteString(`">`)
	d.lines(b, l, r, lines, size, 0)
	b.WriteString(`</text>`)
}

// lines writes lines at the top of r, indented by pad, one <tspan> each.
func (d *drawing) lines(b *strings.Builder, l *graphlayout.Layout, r graphlayout.Rect, lines []string, size, pad float64) {
	o := l.Options
	// On a right-to-left page the text's "start" is its right end, which
	// x mirrors to.
	x := d.x(l, r.X+pad)
	for k, line := range lines {
		b.WriteString(`<tspan x="`)
		num(b, x)
		b.WriteString(`" y="`)
		// The baseline: a line's height is the leading, the glyphs'
		// ascent about three quarters of it.
		num(b, r.Y+pad+float64(k)*o.Leading+math.Round((o.Leading+size)/2)-2)
		b.WriteString(`">`)
		b.WriteString(html.EscapeString(line))
		b.WriteString(`</tspan>`)
	}
}

// x mirrors a horizontal position for a right-to-left page.
func (d *drawing) x(l *graphlayout.Layout, x float64) float64 {
	if d.rtl {
		return l.Width - x
	}
	return x
}

// num writes v with at most one decimal, the same way every time.
func num(b *strings.Builder, v float64) {
	var buf [24]byte
	v = math.Round(v*10) / 10
	if v == math.Trunc(v) && math.Abs(v) < 1e15 {
		b.Write(strconv.AppendInt(buf[:0], int64(v), 10))
		return
	}
	b.Write(strconv.AppendFloat(buf[:0], v, 'f', -1, 64))
}

// pts writes a cubic path's points after its M: x1 y1 C x y x y x y.
func pts(b *strings.Builder, v ...float64) {
	for i, x := range v {
		switch i {
		case 0:
		case 2:
			b.WriteString("C")
		default:
			b.WriteByte(' ')
		}
		num(b, x)
	}
}
