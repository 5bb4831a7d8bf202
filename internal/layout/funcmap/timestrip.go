package funcmap

import (
	"strconv"

	"github.com/counterpoint-ssg/counterpoint/internal/date"
	"github.com/counterpoint-ssg/counterpoint/internal/site"
	"github.com/counterpoint-ssg/counterpoint/internal/timestrip"
)

// Num is a coordinate of a picture, printed with at most the decimals it
// has ("12.5"), the same by html/template and by the generated renderer.
type Num float64

func (n Num) String() string { return strconv.FormatFloat(float64(n), 'f', -1, 64) }

// TimeStrip is the time strip of a site's timeline as
// partials/timestrip.html draws it: timestrip's layout with each mark's
// event page and the date as a reader reads it.
type TimeStrip struct {
	Width, Height Num
	ViewBox       string
	Bands         []StripBand
	Connector     string // points of the zoom polygon; empty with one band
	From, To      date.Date
	Count         int
}

// StripBand is one axis: the overview, or the enlarged crisis.
type StripBand struct {
	Era       string // site.EraCrisis, site.EraBackground, or "" for the only band
	Transform string // moves the band to its place in the figure
	AxisY     Num
	X0, X1    Num
	TitleY    Num
	From, To  date.Date
	Shaded    bool // the crisis era is shaded on this axis
	ShadeX    Num
	ShadeW    Num
	ShadeY    Num
	ShadeH    Num
	Ticks     []StripTick
	Marks     []StripMark
}

// StripTick is one tick line and its optional label.
type StripTick struct {
	X, Y1, Y2      Num
	Major          bool
	Label          string
	LabelX, LabelY Num
}

// StripMark is one event's mark; Kind is timestrip.Point, Span or Bar.
type StripMark struct {
	Page          *site.Page
	When          string
	Kind          string
	X, Y, W, H, R Num
}

type stripLabels struct{ human func(date.Date) string }

func (l stripLabels) Year(y int) string { return strconv.Itoa(y) }
func (l stripLabels) Month(y, m int, short bool) string {
	return l.human(date.Date{Y: y, M: m, Prec: date.Month})
}
func (l stripLabels) Day(d int) string { return strconv.Itoa(d) }

// timeStrip lays out the site's events; nil when there are none.
func timeStrip(s *site.Site, human func(date.Date) string, rng func(a, b date.Date) string) *TimeStrip {
	if len(s.Events) == 0 {
		return nil
	}
	evs := make([]timestrip.Event, len(s.Events))
	for i, p := range s.Events {
		evs[i] = timestrip.Event{Start: p.Date, End: p.End}
	}
	f := timestrip.Layout(evs, s.CrisisFrom(), stripLabels{human})
	out := &TimeStrip{
		Width: Num(f.Width), Height: Num(f.Height),
		ViewBox:   "0 0 " + Num(f.Width).String() + " " + Num(f.Height).String(),
		Connector: f.Connector,
		Count:     len(s.Events),
		From:      s.Events[0].Date,
	}
	for _, p := range s.Events {
		last := p.Date
		if !p.End.IsZero() {
			last = p.End
		}
		if out.To.IsZero() || date.Compare(last, out.To) > 0 {
			out.To = last
		}
	}
	for _, b := range f.Bands {
		sb := StripBand{
			Transform: "translate(0 " + Num(b.Y).String() + ")",
			AxisY:     Num(b.AxisY), X0: Num(b.X0), X1: Num(b.X1), TitleY: 14,
			From: b.From, To: b.To,
			Shaded: b.ShadeW > 0, ShadeX: Num(b.ShadeX), ShadeW: Num(b.ShadeW), ShadeY: 20, ShadeH: Num(b.Height - 20),
		}
		if len(f.Bands) == 2 {
			sb.Era = site.EraBackground
			if b.Crisis {
				sb.Era = site.EraCrisis
			}
		}
		for _, t := range b.Ticks {
			sb.Ticks = append(sb.Ticks, StripTick{X: Num(t.X), Y1: Num(b.AxisY), Y2: Num(t.Y2), Major: t.Major, Label: t.Label, LabelX: Num(t.LabelX), LabelY: Num(b.AxisY + 22)})
		}
		sb.Marks = make([]StripMark, len(b.Marks))
		for i, m := range b.Marks {
			p := s.Events[m.Index]
			when := human(p.Date)
			if !p.End.IsZero() {
				when = rng(p.Date, p.End)
			}
			r := 1.5
			if m.Kind == timestrip.Point {
				r = m.H / 2
			}
			sb.Marks[i] = StripMark{Page: p, When: when, Kind: m.Kind, X: Num(m.X), Y: Num(m.Y), W: Num(m.W), H: Num(m.H), R: Num(r)}
		}
		out.Bands = append(out.Bands, sb)
	}
	return out
}
