package timestrip

import (
	"fmt"
	"math/rand"
	"reflect"
	"strconv"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/counterpoint-ssg/counterpoint/internal/date"
)

type english struct{}

func (english) Year(y int) string { return strconv.Itoa(y) }
func (english) Month(y, m int, short bool) string {
	if short {
		return time.Month(m).String()
	}
	return time.Month(m).String() + " " + strconv.Itoa(y)
}
func (english) Day(d int) string { return strconv.Itoa(d) }

// events makes n events between the years from and to, a third of each
// precision, one in eight a range, as the synthetic corpus does.
func events(seed int64, n, from, to int) []Event {
	r := rand.New(rand.NewSource(seed))
	out := make([]Event, n)
	for i := range out {
		y := from + r.Intn(to-from+1)
		d := date.Date{Y: y, Prec: date.Year}
		switch r.Intn(3) {
		case 1:
			d.M, d.Prec = 1+r.Intn(12), date.Month
		case 2:
			d.M, d.D, d.Prec = 1+r.Intn(12), 1+r.Intn(28), date.Day
		}
		e := Event{Start: d}
		if r.Intn(8) == 0 {
			t := d.Time().AddDate(0, 0, 1+r.Intn(400))
			e.End = date.Date{Y: t.Year(), M: int(t.Month()), D: t.Day(), Prec: date.Day}
		}
		out[i] = e
	}
	return out
}

// crisisEvents are many day-precise events in December 2021 to February
// 2022, the dense weeks of the real site.
func crisisEvents(seed int64, n int) []Event {
	r := rand.New(rand.NewSource(seed))
	start := time.Date(2021, 12, 1, 0, 0, 0, 0, time.UTC)
	out := make([]Event, n)
	for i := range out {
		t := start.AddDate(0, 0, r.Intn(85))
		out[i] = Event{Start: date.Date{Y: t.Year(), M: int(t.Month()), D: t.Day(), Prec: date.Day}}
	}
	return out
}

func TestLayoutInvariants(t *testing.T) {
	crisis := date.Date{Y: 2021, M: 12, Prec: date.Month}
	cases := []struct {
		name   string
		events []Event
		crisis date.Date
		bands  int
	}{
		{"one", []Event{{Start: date.Date{Y: 2022, M: 2, D: 1, Prec: date.Day}}}, date.Date{}, 1},
		{"synthetic 2500, 1990 to 2022", events(1, 2500, 1990, 2022), date.Date{}, 1},
		{"synthetic 300, one year", events(2, 300, 2014, 2014), date.Date{}, 1},
		{"synthetic 40, two years", events(3, 40, 2021, 2022), date.Date{}, 1},
		{"background and crisis", append(events(4, 60, 1990, 2020), crisisEvents(5, 200)...), crisis, 2},
		{"crisis only", crisisEvents(6, 50), crisis, 1},
		{"background only", events(7, 50, 1990, 2010), crisis, 1},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			f := Layout(c.events, c.crisis, english{})
			if len(f.Bands) != c.bands {
				t.Fatalf("%d bands, want %d", len(f.Bands), c.bands)
			}
			seen := make([]int, len(c.events))
			for _, b := range f.Bands {
				checkBand(t, b, c.events)
				for _, m := range b.Marks {
					seen[m.Index]++
				}
			}
			for i, n := range seen {
				if n != 1 {
					t.Errorf("event %d has %d marks, want 1", i, n)
				}
			}
			if g := Layout(c.events, c.crisis, english{}); !reflect.DeepEqual(f, g) {
				t.Error("two layouts of the same events differ")
			}
			if last := f.Bands[len(f.Bands)-1]; f.Height < last.Y+last.Height {
				t.Errorf("figure height %v ends above its last band (%v)", f.Height, last.Y+last.Height)
			}
		})
	}
}

func checkBand(t *testing.T, b Band, evs []Event) {
	t.Helper()
	for i, m := range b.Marks {
		if m.X < b.X0 || m.X+m.W > b.X1+0.05 || m.W < minMark-0.05 {
			t.Errorf("mark %d [%v, %v] not inside the axis [%v, %v] or narrower than %v", m.Index, m.X, m.X+m.W, b.X0, b.X1, minMark)
		}
		if m.Y < topPad-0.05 || m.Y+m.H > b.AxisY {
			t.Errorf("mark %d at y %v..%v is not between the band's title and its axis (%v)", m.Index, m.Y, m.Y+m.H, b.AxisY)
		}
		want := kind(evs[m.Index])
		if m.Kind != want {
			t.Errorf("mark %d is a %s, want a %s", m.Index, m.Kind, want)
		}
		// A mark wider than the least width starts at its date.
		if a, z := span(evs[m.Index]); b.x(z)-b.x(a) > minMark+0.2 && m.X+m.W < b.X1 && abs(m.X-b.x(a)) > 0.15 {
			t.Errorf("mark %d starts at %v, its date at %v", m.Index, m.X, b.x(a))
		}
		for _, o := range b.Marks[i+1:] {
			if m.X < o.X+o.W && o.X < m.X+m.W && m.Y < o.Y+o.H && o.Y < m.Y+m.H {
				t.Errorf("marks %d (%v+%v, %v) and %d (%v+%v, %v) overlap", m.Index, m.X, m.W, m.Y, o.Index, o.X, o.W, o.Y)
			}
		}
	}
	prev := -1.0
	labels := 0
	for _, tk := range b.Ticks {
		if tk.X < b.X0-0.05 || tk.X > b.X1+0.05 {
			t.Errorf("tick at %v outside the axis [%v, %v]", tk.X, b.X0, b.X1)
		}
		if tk.Label == "" {
			continue
		}
		labels++
		w := float64(utf8.RuneCountInString(tk.Label)) * charW
		if tk.LabelX < prev+labelGap || tk.LabelX+w > Width {
			t.Errorf("label %q at %v overlaps the one ending at %v or leaves the strip", tk.Label, tk.LabelX, prev)
		}
		prev = tk.LabelX + w
	}
	if labels < 2 {
		t.Errorf("only %d tick labels", labels)
	}
}

func abs(v float64) float64 { return max(v, -v) }

func TestCrisisBandIsEnlarged(t *testing.T) {
	evs := append(events(4, 60, 1990, 2020), crisisEvents(5, 200)...)
	f := Layout(evs, date.Date{Y: 2021, M: 12, Prec: date.Month}, english{})
	ov, cr := f.Bands[0], f.Bands[1]
	if ov.ShadeW <= 0 || ov.ShadeX < ov.X0 || ov.ShadeX+ov.ShadeW > ov.X1 {
		t.Errorf("shading [%v +%v] not on the overview's axis", ov.ShadeX, ov.ShadeW)
	}
	if !cr.Crisis || cr.From != (date.Date{Y: 2021, M: 12, D: 1, Prec: date.Day}) {
		t.Errorf("crisis band from %v, want 2021-12-01", cr.From)
	}
	if cr.perDay < 20*ov.perDay {
		t.Errorf("the crisis band is only %.1f times the overview's scale", cr.perDay/ov.perDay)
	}
	if cr.Y < ov.Y+ov.Height {
		t.Errorf("crisis band at %v overlaps the overview ending at %v", cr.Y, ov.Y+ov.Height)
	}
	if f.Connector == "" {
		t.Error("no connector between the shading and the crisis band")
	}
	var days int
	for _, tk := range cr.Ticks {
		if _, err := strconv.Atoi(tk.Label); err == nil {
			days++
		}
	}
	if days == 0 {
		t.Error("the crisis band has no day labels")
	}
}

func TestPrecisionSetsWidth(t *testing.T) {
	evs := []Event{
		{Start: date.Date{Y: 2014, Prec: date.Year}},
		{Start: date.Date{Y: 2016, M: 3, Prec: date.Month}},
		{Start: date.Date{Y: 2018, M: 3, D: 5, Prec: date.Day}},
		{Start: date.Date{Y: 2019, M: 1, D: 5, Prec: date.Day}, End: date.Date{Y: 2019, M: 12, D: 5, Prec: date.Day}},
	}
	f := Layout(evs, date.Date{}, english{})
	m := f.Bands[0].Marks
	if !(m[0].W > m[1].W && m[1].W >= m[2].W && m[3].W > m[1].W) {
		t.Errorf("widths year %v, month %v, day %v, range %v: want year > month >= day and range > month", m[0].W, m[1].W, m[2].W, m[3].W)
	}
	for i, k := range []string{Span, Span, Point, Bar} {
		if m[i].Kind != k {
			t.Errorf("mark %d is a %s, want %s", i, m[i].Kind, k)
		}
	}
}

func BenchmarkLayout(b *testing.B) {
	for _, n := range []int{250, 2500, 25000} {
		evs := events(1, n, 1990, 2022)
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			for b.Loop() {
				Layout(evs, date.Date{}, english{})
			}
		})
	}
}
