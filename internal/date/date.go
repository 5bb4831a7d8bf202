// Package date parses and formats dates that keep their precision: "1999",
// "2021-12" and "2021-12-15" mean different things to a reader, and a
// timeline must neither invent nor lose precision.
package date

import (
	"cmp"
	"errors"
	"fmt"
	"strconv"
	"time"
)

// Precision says how much of a Date is known.
type Precision uint8

const (
	None Precision = iota
	Year
	Month
	Day
	Instant // a full timestamp, accepted for "updated"
)

// Date is a calendar date known to some precision. The zero value is "no date".
type Date struct {
	Y, M, D int
	Prec    Precision
	T       time.Time // set only for Instant
}

var errForm = errors.New("use YYYY, YYYY-MM or YYYY-MM-DD")

// Parse reads YYYY, YYYY-MM or YYYY-MM-DD, or with allowTime also an
// RFC 3339 timestamp. Impossible dates such as 2022-02-30 are errors.
func Parse(s string, allowTime bool) (Date, error) {
	if allowTime && len(s) > 10 {
		for _, layout := range []string{time.RFC3339Nano, "2006-01-02T15:04:05", "2006-01-02 15:04:05", "2006-01-02T15:04:05Z07:00"} {
			if t, err := time.Parse(layout, s); err == nil {
				return Date{Y: t.Year(), M: int(t.Month()), D: t.Day(), Prec: Instant, T: t}, nil
			}
		}
		return Date{}, fmt.Errorf("invalid date %q: use YYYY-MM-DD or an RFC 3339 timestamp", s)
	}
	var d Date
	switch len(s) {
	case 4, 7, 10:
	default:
		return d, fmt.Errorf("invalid date %q: %w", s, errForm)
	}
	y, ok := digits(s[:4])
	if !ok {
		return d, fmt.Errorf("invalid date %q: %w", s, errForm)
	}
	d.Y, d.Prec = y, Year
	if len(s) >= 7 {
		m, ok := digits(s[5:7])
		if s[4] != '-' || !ok {
			return Date{}, fmt.Errorf("invalid date %q: %w", s, errForm)
		}
		if m < 1 || m > 12 {
			return Date{}, fmt.Errorf("impossible date %q: month %d", s, m)
		}
		d.M, d.Prec = m, Month
	}
	if len(s) == 10 {
		day, ok := digits(s[8:10])
		if s[7] != '-' || !ok {
			return Date{}, fmt.Errorf("invalid date %q: %w", s, errForm)
		}
		if day < 1 || day > daysIn(d.Y, d.M) {
			return Date{}, fmt.Errorf("impossible date %q: %s %d has %d days", s, time.Month(d.M), d.Y, daysIn(d.Y, d.M))
		}
		d.D, d.Prec = day, Day
	}
	return d, nil
}

func digits(s string) (int, bool) {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return 0, false
		}
	}
	n, err := strconv.Atoi(s)
	return n, err == nil
}

func daysIn(y, m int) int {
	return time.Date(y, time.Month(m)+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

// IsZero reports whether no date is set.
func (d Date) IsZero() bool { return d.Prec == None }

// Compare orders dates so that a coarser date sorts before the finer dates
// it contains: 2022 < 2022-01 < 2022-01-05.
func Compare(a, b Date) int {
	if c := cmp.Or(cmp.Compare(a.Y, b.Y), cmp.Compare(a.M, b.M), cmp.Compare(a.D, b.D)); c != 0 {
		return c
	}
	if a.Prec == Instant && b.Prec == Instant {
		return a.T.Compare(b.T)
	}
	return cmp.Compare(a.Prec, b.Prec)
}

// ISO returns the machine form at the date's own precision, as used in
// <time datetime>: "1999", "2021-12", "2021-12-15".
func (d Date) ISO() string {
	switch d.Prec {
	case Year:
		return pad(d.Y, 4)
	case Month:
		return pad(d.Y, 4) + "-" + pad(d.M, 2)
	case Day:
		return pad(d.Y, 4) + "-" + pad(d.M, 2) + "-" + pad(d.D, 2)
	case Instant:
		return d.T.Format(time.RFC3339)
	}
	return ""
}

// Human returns the reader's form at the date's precision:
// "1999", "December 2021", "15 December 2021".
func (d Date) Human() string {
	switch d.Prec {
	case Year:
		return strconv.Itoa(d.Y)
	case Month:
		return time.Month(d.M).String() + " " + strconv.Itoa(d.Y)
	case Day, Instant:
		return strconv.Itoa(d.D) + " " + time.Month(d.M).String() + " " + strconv.Itoa(d.Y)
	}
	return ""
}

// Time returns the earliest instant the date covers, in UTC.
func (d Date) Time() time.Time {
	if d.Prec == Instant {
		return d.T
	}
	return time.Date(d.Y, time.Month(max(d.M, 1)), max(d.D, 1), 0, 0, 0, 0, time.UTC)
}

func (d Date) String() string { return d.ISO() }

func pad(n, w int) string {
	s := strconv.Itoa(n)
	for len(s) < w {
		s = "0" + s
	}
	return s
}

// Range formats a start and optional end for a reader, sharing what the two
// have in common: "18–19 November 1999", "December 2021 – February 2022".
func Range(start, end Date) string {
	if end.IsZero() {
		return start.Human()
	}
	if start.Prec == Day && end.Prec == Day && start.Y == end.Y {
		if start.M == end.M {
			return strconv.Itoa(start.D) + "–" + end.Human()
		}
		return strconv.Itoa(start.D) + " " + time.Month(start.M).String() + " – " + end.Human()
	}
	if start.Prec == Month && end.Prec == Month && start.Y == end.Y {
		return time.Month(start.M).String() + "–" + end.Human()
	}
	return start.Human() + " – " + end.Human()
}
