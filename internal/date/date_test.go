package date

import (
	"slices"
	"strings"
	"testing"
	"time"
)

func TestParse(t *testing.T) {
	tests := []struct {
		in        string
		allowTime bool
		want      Date
		err       string // substring of the error; "" means success
	}{
		{in: "2022", want: Date{Y: 2022, Prec: Year}},
		{in: "2022-01", want: Date{Y: 2022, M: 1, Prec: Month}},
		{in: "2022-01-05", want: Date{Y: 2022, M: 1, D: 5, Prec: Day}},
		{in: "2024-02-29", want: Date{Y: 2024, M: 2, D: 29, Prec: Day}},
		{in: "2000-02-29", want: Date{Y: 2000, M: 2, D: 29, Prec: Day}},
		{in: "0999", want: Date{Y: 999, Prec: Year}},
		{in: "2022-12-31", allowTime: true, want: Date{Y: 2022, M: 12, D: 31, Prec: Day}},

		{in: "2022-02-30", err: `impossible date "2022-02-30": February 2022 has 28 days`},
		{in: "2023-02-29", err: `impossible date "2023-02-29": February 2023 has 28 days`},
		{in: "1900-02-29", err: `impossible date "1900-02-29": February 1900 has 28 days`},
		{in: "2022-04-31", err: `impossible date "2022-04-31": April 2022 has 30 days`},
		{in: "2022-01-00", err: `impossible date "2022-01-00"`},
		{in: "2022-13", err: `impossible date "2022-13": month 13`},
		{in: "2022-00", err: `impossible date "2022-00": month 0`},
		{in: "2022-13-01", err: `impossible date "2022-13-01": month 13`},
		{in: "22-01-01", err: `invalid date "22-01-01": use YYYY, YYYY-MM or YYYY-MM-DD`},
		{in: "22", err: `invalid date "22"`},
		{in: "", err: `invalid date ""`},
		{in: "2022-1-05", err: `invalid date "2022-1-05"`},
		{in: "2022/01/05", err: `invalid date "2022/01/05"`},
		{in: "20x2", err: `invalid date "20x2"`},
		{in: "2022-0a", err: `invalid date "2022-0a"`},
		{in: "+022-01", err: `invalid date "+022-01"`},
		{in: "January 2022", err: `invalid date "January 2022"`},
		// A time is only accepted where it is allowed ("updated").
		{in: "2022-02-01T10:00:00Z", err: `invalid date "2022-02-01T10:00:00Z"`},
		{in: "2022-02-30T10:00:00Z", allowTime: true, err: `invalid date "2022-02-30T10:00:00Z": use YYYY-MM-DD or an RFC 3339 timestamp`},
		{in: "yesterday at noon", allowTime: true, err: `invalid date "yesterday at noon"`},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := Parse(tt.in, tt.allowTime)
			if tt.err != "" {
				if err == nil {
					t.Fatalf("Parse(%q) = %+v, want error %q", tt.in, got, tt.err)
				}
				if !strings.HasPrefix(err.Error(), tt.err) {
					t.Fatalf("Parse(%q) error = %q, want prefix %q", tt.in, err, tt.err)
				}
				if !got.IsZero() {
					t.Errorf("Parse(%q) returned %+v with its error, want the zero Date", tt.in, got)
				}
				return
			}
			if err != nil {
				t.Fatalf("Parse(%q): %v", tt.in, err)
			}
			if got != tt.want {
				t.Errorf("Parse(%q) = %+v, want %+v", tt.in, got, tt.want)
			}
			if got.ISO() != tt.in {
				t.Errorf("Parse(%q).ISO() = %q, want the input back", tt.in, got.ISO())
			}
		})
	}
}

func TestParseTimestamp(t *testing.T) {
	for _, in := range []string{"2022-02-01T10:00:00Z", "2022-02-01T12:00:00+02:00", "2022-02-01T10:00:00", "2022-02-01 10:00:00", "2022-02-01T10:00:00.5Z"} {
		t.Run(in, func(t *testing.T) {
			d, err := Parse(in, true)
			if err != nil {
				t.Fatal(err)
			}
			if d.Prec != Instant || d.Y != 2022 || d.M != 2 || d.D != 1 {
				t.Errorf("Parse(%q) = %+v, want an instant on 2022-02-01", in, d)
			}
			if got := d.Time().UTC().Format(time.RFC3339); got != "2022-02-01T10:00:00Z" {
				t.Errorf("Time() = %s, want 2022-02-01T10:00:00Z", got)
			}
			if got := d.Human(); got != "1 February 2022" {
				t.Errorf("Human() = %q", got)
			}
		})
	}
}

func mustParse(t *testing.T, s string) Date {
	t.Helper()
	d, err := Parse(s, true)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func TestCompare(t *testing.T) {
	// In ascending order: a coarser date sorts before the finer dates it
	// contains, and after everything in earlier periods.
	ordered := []string{
		"1999",
		"1999-12-31",
		"2021-12",
		"2021-12-17",
		"2022",
		"2022-01",
		"2022-01-05",
		"2022-01-05T08:00:00Z",
		"2022-01-05T09:00:00Z",
		"2022-01-06",
		"2022-02",
		"2022-02-01",
		"2023",
	}
	for i, a := range ordered {
		for j, b := range ordered {
			want := 0
			if i < j {
				want = -1
			} else if i > j {
				want = 1
			}
			if got := Compare(mustParse(t, a), mustParse(t, b)); got != want {
				t.Errorf("Compare(%s, %s) = %d, want %d", a, b, got, want)
			}
		}
	}
	// Sorting a shuffled copy gives the same order.
	shuffled := []Date{}
	for _, i := range []int{5, 12, 0, 7, 3, 10, 1, 8, 11, 4, 9, 2, 6} {
		shuffled = append(shuffled, mustParse(t, ordered[i]))
	}
	slices.SortFunc(shuffled, Compare)
	for i, d := range shuffled {
		if Compare(d, mustParse(t, ordered[i])) != 0 {
			t.Errorf("sorted[%d] = %s, want %s", i, d, ordered[i])
		}
	}
	if Compare(Date{}, mustParse(t, "0001")) >= 0 {
		t.Error("the zero Date must sort before any date")
	}
}

func TestFormats(t *testing.T) {
	tests := []struct {
		in         string
		iso, human string
	}{
		{"1999", "1999", "1999"},
		{"2021-12", "2021-12", "December 2021"},
		{"2021-12-05", "2021-12-05", "5 December 2021"},
		{"0800-01-01", "0800-01-01", "1 January 800"},
		{"2022-02-01T10:00:00Z", "2022-02-01T10:00:00Z", "1 February 2022"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			d := mustParse(t, tt.in)
			if got := d.ISO(); got != tt.iso {
				t.Errorf("ISO() = %q, want %q", got, tt.iso)
			}
			if got := d.String(); got != tt.iso {
				t.Errorf("String() = %q, want %q", got, tt.iso)
			}
			if got := d.Human(); got != tt.human {
				t.Errorf("Human() = %q, want %q", got, tt.human)
			}
		})
	}
	var zero Date
	if zero.ISO() != "" || zero.Human() != "" || !zero.IsZero() {
		t.Errorf("zero Date: ISO %q, Human %q, IsZero %v", zero.ISO(), zero.Human(), zero.IsZero())
	}
	if got := mustParse(t, "2021-12").Time(); !got.Equal(time.Date(2021, 12, 1, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("Time() of a month = %v, want its first instant", got)
	}
	if got := mustParse(t, "2021").Time(); !got.Equal(time.Date(2021, 1, 1, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("Time() of a year = %v, want its first instant", got)
	}
}

func TestRange(t *testing.T) {
	tests := []struct {
		start, end string
		want       string
	}{
		{"1999-11-18", "", "18 November 1999"},
		{"1999-11-18", "1999-11-19", "18–19 November 1999"},
		{"2021-12-30", "2022-01-02", "30 December 2021 – 2 January 2022"},
		{"2022-01-30", "2022-02-02", "30 January – 2 February 2022"},
		{"2021-12", "2022-02", "December 2021 – February 2022"},
		{"2022-01", "2022-03", "January–March 2022"},
		{"1997", "1999", "1997 – 1999"},
		{"2021-12", "2022-01-05", "December 2021 – 5 January 2022"},
		{"2022", "", "2022"},
	}
	for _, tt := range tests {
		t.Run(tt.start+"_"+tt.end, func(t *testing.T) {
			var end Date
			if tt.end != "" {
				end = mustParse(t, tt.end)
			}
			if got := Range(mustParse(t, tt.start), end); got != tt.want {
				t.Errorf("Range(%s, %s) = %q, want %q", tt.start, tt.end, got, tt.want)
			}
		})
	}
}

func FuzzParse(f *testing.F) {
	for _, s := range []string{"2022", "2022-01", "2022-01-05", "2022-02-30", "22-01-01", "2022-01-05T10:00:00Z"} {
		f.Add(s, false)
		f.Add(s, true)
	}
	f.Fuzz(func(t *testing.T, s string, allowTime bool) {
		d, err := Parse(s, allowTime)
		if err != nil {
			return
		}
		if d.Prec == None {
			t.Fatalf("Parse(%q) succeeded with no precision", s)
		}
		if d.Prec != Instant {
			// A plain date prints back as written and round-trips.
			if d.ISO() != s {
				t.Fatalf("Parse(%q).ISO() = %q", s, d.ISO())
			}
			if d2, err := Parse(d.ISO(), false); err != nil || d2 != d {
				t.Fatalf("round trip of %q: %+v, %v", s, d2, err)
			}
		}
	})
}
