package funcmap

import (
	"testing"

	"github.com/counterpoint-ssg/counterpoint/internal/date"
	"github.com/counterpoint-ssg/counterpoint/internal/site"
)

func TestTimeRange(t *testing.T) {
	d := func(s string) date.Date {
		v, err := date.Parse(s, false)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	for _, c := range []struct{ start, end, want string }{
		{"2014-03", "", `<time datetime="2014-03">March 2014</time>`},
		{"1999-11-18", "1999-11-19", `<time datetime="1999-11-18">18</time>–<time datetime="1999-11-19">19 November 1999</time>`},
		{"2021-12-30", "2022-01-02", `<time datetime="2021-12-30">30 December 2021</time> – <time datetime="2022-01-02">2 January 2022</time>`},
		{"2021-11-28", "2021-12-02", `<time datetime="2021-11-28">28 November</time> – <time datetime="2021-12-02">2 December 2021</time>`},
		{"2021-11", "2021-12", `<time datetime="2021-11">November</time>–<time datetime="2021-12">December 2021</time>`},
		{"1997", "2019", `<time datetime="1997">1997</time> – <time datetime="2019">2019</time>`},
	} {
		var end date.Date
		if c.end != "" {
			end = d(c.end)
		}
		if got := string(timeRange(d(c.start), end, date.Date.Human, date.Range)); got != c.want {
			t.Errorf("timeRange(%s, %s) = %s, want %s", c.start, c.end, got, c.want)
		}
	}
}

func TestSourcesOf(t *testing.T) {
	a := site.Source{Title: "A", URL: "https://a.example/", Date: date.Date{Y: 2022, M: 2, D: 1, Prec: date.Day}}
	b := site.Source{Title: "B", Date: date.Date{Y: 1999, Prec: date.Year}}
	got := sourcesOf([]*site.Page{{Sources: []site.Source{a, b}}, {Sources: []site.Source{a}}, {}})
	if len(got) != 2 || got[0].Title != "B" || got[1].Title != "A" {
		t.Errorf("sourcesOf = %+v, want B then A, once each", got)
	}
}
