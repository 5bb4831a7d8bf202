// Package timestrip lays out the time strip of the timeline page: a
// horizontal axis from the earliest to the latest event, ticks for years,
// months and days, and one mark per event placed by its date at its
// precision (a day is a dot, a month or a year known only roughly is a
// box as wide as that month or year, a range is a bar), stacked in lanes
// so that no two marks overlap.
//
// A long timeline with a dense crisis at its end would squeeze the crisis
// into a few pixels, so when a crisis date is given the strip has two
// bands: the overview of everything before it, with the crisis era
// shaded, and the crisis itself enlarged below, joined to the shading by
// a connector. Each event is a mark in exactly one band.
//
// The package knows nothing of pages or HTML: it takes dates and returns
// coordinates, the same for the same input, for a layout to draw.
package timestrip

import (
	"cmp"
	"math"
	"slices"
	"strconv"
	"time"
	"unicode/utf8"

	"github.com/counterpoint-ssg/counterpoint/internal/date"
)

// Sizes of the drawing, in SVG user units (about a CSS pixel at full width).
const (
	Width     = 800.0 // the strip's width
	pad       = 12.0  // left and right margin of every axis
	laneH     = 12.0  // one lane of marks
	markH     = 8.0   // a mark's height (lane minus the gap between lanes)
	minMark   = 8.0   // the narrowest mark, so a day can be seen and clicked
	markGap   = 3.0   // the least space between two marks in one lane
	labelGap  = 8.0   // the least space between two tick labels
	charW     = 7.2   // an estimate of one character's width at the label size
	topPad    = 22.0  // room above the lanes for the band's title
	axisDrop  = 6.0   // the axis below the lowest lane
	tickLen   = 5.0   // minor tick; major ticks are twice as long
	labelDown = 24.0  // tick labels' baseline below the axis
	bandGap   = 34.0  // between the overview and the crisis band (the connector)
)

// Kinds of mark.
const (
	Point = "point" // a day
	Span  = "span"  // a month or a year: the event is somewhere in it
	Bar   = "bar"   // a range from a start to an end
)

// Event is one event to place: its start and optional end.
type Event struct {
	Start, End date.Date
}

// Mark is one event's mark. Index is the event's position in the input.
type Mark struct {
	Index      int
	Kind       string
	X, Y, W, H float64
	Lane       int
}

// Tick is one tick of an axis; Label is empty when the label would not fit.
type Tick struct {
	X      float64
	Major  bool
	Y2     float64 // where the tick line ends (below the axis)
	Label  string
	LabelX float64 // the label's start
}

// Band is one axis with its marks, drawn at Y (its top) in the figure.
type Band struct {
	Crisis   bool // the enlarged crisis band
	Y        float64
	Height   float64
	AxisY    float64 // the axis, relative to Y
	X0, X1   float64 // the axis's ends
	From, To date.Date
	Ticks    []Tick
	Marks    []Mark
	// Shade is the crisis era on the overview (ShadeW 0: none), from
	// below the band's title to the band's foot.
	ShadeX, ShadeW float64
	Lanes          int

	lo     int64   // the day at X0
	perDay float64 // units per day
}

// Figure is the whole strip.
type Figure struct {
	Width, Height float64
	Bands         []Band
	// Connector joins the overview's shading to the crisis band: a
	// polygon's points, empty when there is one band.
	Connector string
}

// Labels writes the tick labels: a year ("2014"), a month ("December
// 2021", or the month alone when Short), a day of the month ("15").
type Labels interface {
	Year(y int) string
	Month(y, m int, short bool) string
	Day(d int) string
}

// Layout places events (in any order; each mark keeps its event's index)
// on a strip; with a non-zero crisis date and events on both sides of it,
// the strip has the overview and the crisis band.
func Layout(events []Event, crisis date.Date, l Labels) *Figure {
	f := &Figure{Width: Width}
	if len(events) == 0 {
		return f
	}
	var before, after []int
	cut := int64(math.MaxInt64)
	if !crisis.IsZero() {
		cut = day(crisis.Time())
	}
	for i, e := range events {
		if day(e.Start.Time()) < cut {
			before = append(before, i)
		} else {
			after = append(after, i)
		}
	}
	if len(before) == 0 || len(after) == 0 {
		all := append(before, after...)
		f.Bands = []Band{band(events, all, l, false, 0, 0)}
	} else {
		// The overview runs to the end of the crisis so the shading shows
		// where the crisis sits in the whole; the crisis band starts at
		// the crisis date.
		lo, hi := extent(events, after)
		lo = min(lo, cut)
		ov := band(events, before, l, false, lo, hi)
		cr := band(events, after, l, true, lo, hi)
		cr.Y = ov.Height + bandGap
		ov.ShadeX = ov.x(lo)
		ov.ShadeW = round(max(ov.x(hi)-ov.ShadeX, 3))
		if ov.ShadeX+ov.ShadeW > ov.X1 {
			ov.ShadeX = round(ov.X1 - ov.ShadeW)
		}
		f.Bands = []Band{ov, cr}
		// From the shading's foot on the overview's axis to the crisis
		// band's top.
		top := ov.Height
		f.Connector = pt(ov.ShadeX, top) + " " + pt(ov.ShadeX+ov.ShadeW, top) + " " +
			pt(cr.X1, cr.Y) + " " + pt(cr.X0, cr.Y)
	}
	last := f.Bands[len(f.Bands)-1]
	f.Height = round(last.Y + last.Height)
	return f
}

func pt(x, y float64) string {
	return ftoa(x) + "," + ftoa(y)
}

// day is the number of days since the Unix epoch.
func day(t time.Time) int64 { return t.Unix() / 86400 }

// span is the days [a, b) an event covers at its precision.
func span(e Event) (a, b int64) {
	a = day(e.Start.Time())
	end := e.Start
	if !e.End.IsZero() {
		end = e.End
	}
	b = day(after(end))
	return a, max(b, a+1)
}

// after is the first instant after the period d names.
func after(d date.Date) time.Time {
	t := d.Time()
	switch d.Prec {
	case date.Year:
		return t.AddDate(1, 0, 0)
	case date.Month:
		return t.AddDate(0, 1, 0)
	}
	return t.AddDate(0, 0, 1)
}

// extent is the days the events idx cover, from the first to the last.
func extent(events []Event, idx []int) (lo, hi int64) {
	lo, hi = math.MaxInt64, math.MinInt64
	for _, i := range idx {
		a, b := span(events[i])
		lo, hi = min(lo, a), max(hi, b)
	}
	return lo, hi
}

func kind(e Event) string {
	switch {
	case !e.End.IsZero():
		return Bar
	case e.Start.Prec == date.Year || e.Start.Prec == date.Month:
		return Span
	}
	return Point
}

// band lays out the events idx. For the overview of a two-band figure,
// crisisLo and crisisHi (days) widen its axis to the crisis's end.
func band(events []Event, idx []int, l Labels, crisis bool, crisisLo, crisisHi int64) Band {
	b := Band{Crisis: crisis, X0: pad, X1: Width - pad}
	lo, hi := extent(events, idx)
	if crisisHi > 0 {
		if crisis {
			lo = min(lo, crisisLo)
		} else {
			hi = max(hi, crisisHi)
		}
	}
	lo, hi = b.bounds(lo, hi)
	b.From, b.To = fromDay(lo), fromDay(hi-1)
	b.setScale(lo, hi)
	b.Marks = b.place(events, idx)
	b.AxisY = topPad + float64(b.Lanes)*laneH + axisDrop
	for i := range b.Marks {
		m := &b.Marks[i]
		m.Y = round(topPad + float64(b.Lanes-1-m.Lane)*laneH)
	}
	b.Ticks = b.ticks(lo, hi, l)
	b.Height = round(b.AxisY + labelDown + 8)
	b.AxisY = round(b.AxisY)
	return b
}

// bounds widens [lo, hi) to whole years (or, for short periods, whole
// months) so the axis begins and ends on a tick.
func (b *Band) bounds(lo, hi int64) (int64, int64) {
	a, z := fromDayTime(lo), fromDayTime(hi-1)
	if hi-lo > 3*365 {
		return day(time.Date(a.Year(), 1, 1, 0, 0, 0, 0, time.UTC)), day(time.Date(z.Year()+1, 1, 1, 0, 0, 0, 0, time.UTC))
	}
	return day(time.Date(a.Year(), a.Month(), 1, 0, 0, 0, 0, time.UTC)), day(time.Date(z.Year(), z.Month()+1, 1, 0, 0, 0, 0, time.UTC))
}

// setScale maps the days [lo, hi) onto the axis.
func (b *Band) setScale(lo, hi int64) {
	b.lo, b.perDay = lo, (b.X1-b.X0)/float64(hi-lo)
}

func (b *Band) x(d int64) float64 { return round(b.X0 + float64(d-b.lo)*b.perDay) }

// place puts each event in the lowest lane where it overlaps no mark.
// Events are taken in order of start, so a lane's last mark is the only
// one a new mark can meet: linear in the events times the lanes.
func (b *Band) place(events []Event, idx []int) []Mark {
	marks := make([]Mark, len(idx))
	order := make([]int, len(idx))
	for k := range idx {
		order[k] = k
		e := events[idx[k]]
		a, z := span(e)
		x0, x1 := b.X0+float64(a-b.lo)*b.perDay, b.X0+float64(z-b.lo)*b.perDay
		if w := x1 - x0; w < minMark {
			c := (x0 + x1) / 2
			x0, x1 = c-minMark/2, c+minMark/2
		}
		// Keep every mark inside the axis.
		if x0 < b.X0 {
			x1 += b.X0 - x0
			x0 = b.X0
		}
		if x1 > b.X1 {
			x0 -= x1 - b.X1
			x1 = b.X1
		}
		x0, x1 = round(x0), round(x1)
		marks[k] = Mark{Index: idx[k], Kind: kind(e), X: x0, W: round(x1 - x0), H: markH}
	}
	slices.SortFunc(order, func(i, j int) int {
		return cmp.Or(cmp.Compare(marks[i].X, marks[j].X), cmp.Compare(marks[i].Index, marks[j].Index))
	})
	var ends []float64
	for _, k := range order {
		m := &marks[k]
		lane := -1
		for i, e := range ends {
			if e+markGap <= m.X {
				lane = i
				break
			}
		}
		if lane < 0 {
			lane = len(ends)
			ends = append(ends, 0)
		}
		ends[lane] = m.X + m.W
		m.Lane = lane
	}
	b.Lanes = max(len(ends), 1)
	return marks
}

// ticks makes the axis's ticks: years, and months and days when there is
// room for them, labelled where the labels fit without overlapping.
func (b *Band) ticks(lo, hi int64, l Labels) []Tick {
	var ticks []Tick
	perYear := b.perDay * 365.25
	perMonth := perYear / 12
	a, z := fromDayTime(lo), fromDayTime(hi)
	last := -math.MaxFloat64 // the end of the last label
	label := func(t *Tick, s string) {
		w := float64(utf8.RuneCountInString(s)) * charW
		x := t.X + 3
		if x < last+labelGap || x+w > b.X1+pad {
			return
		}
		t.Label, t.LabelX, last = s, round(x), x+w
	}
	if perMonth < 14 {
		// Years, labelled every first, second, fifth, tenth... year.
		step := 1
		for _, s := range []int{1, 2, 5, 10, 20, 50, 100} {
			step = s
			if float64(s)*perYear >= 4*charW+labelGap+3 {
				break
			}
		}
		for y := a.Year(); y <= z.Year(); y++ {
			d := day(time.Date(y, 1, 1, 0, 0, 0, 0, time.UTC))
			if d < lo || d > hi {
				continue
			}
			if perMonth >= 4 && y < z.Year() {
				for m := 2; m <= 12; m++ {
					md := day(time.Date(y, time.Month(m), 1, 0, 0, 0, 0, time.UTC))
					if md < hi {
						ticks = append(ticks, Tick{X: b.x(md), Y2: b.AxisY + tickLen})
					}
				}
			}
			t := Tick{X: b.x(d), Major: true, Y2: b.AxisY + 2*tickLen}
			if y%step == 0 {
				label(&t, l.Year(y))
			}
			ticks = append(ticks, t)
		}
	} else {
		// Months, with their year on January and on the first; days 8,
		// 15 and 22 when a week has room.
		first := true
		for t := time.Date(a.Year(), a.Month(), 1, 0, 0, 0, 0, time.UTC); day(t) <= hi; t = t.AddDate(0, 1, 0) {
			d := day(t)
			tk := Tick{X: b.x(d), Major: true, Y2: b.AxisY + 2*tickLen}
			if d < hi {
				label(&tk, l.Month(t.Year(), int(t.Month()), !first && t.Month() != time.January))
			}
			ticks = append(ticks, tk)
			first = false
			if b.perDay*7 >= 6 && d < hi {
				for _, dd := range []int{8, 15, 22} {
					wd := day(time.Date(t.Year(), t.Month(), dd, 0, 0, 0, 0, time.UTC))
					mt := Tick{X: b.x(wd), Y2: b.AxisY + tickLen}
					if b.perDay*7 >= 3*charW+labelGap {
						label(&mt, l.Day(dd))
					}
					ticks = append(ticks, mt)
				}
			}
		}
	}
	for i := range ticks {
		ticks[i].Y2 = round(ticks[i].Y2)
	}
	return ticks
}

func fromDayTime(d int64) time.Time { return time.Unix(d*86400, 0).UTC() }

func fromDay(d int64) date.Date {
	t := fromDayTime(d)
	return date.Date{Y: t.Year(), M: int(t.Month()), D: t.Day(), Prec: date.Day}
}

// round keeps one decimal: enough for the eye, short in the markup.
func round(v float64) float64 { return math.Round(v*10) / 10 }

func ftoa(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }
