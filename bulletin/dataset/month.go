package dataset

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Month is a calendar month, the period of one IGRS ranking.
type Month struct {
	Year  int
	Month time.Month
}

// ParseMonth reads a month. Only forms that cannot be read as another
// month, or as a day, are accepted (spaces around are ignored, letters in
// any case):
//
//	2024-11         YYYY-MM, the form bulletin writes
//	11/2024, 1/2024 M/YYYY or MM/YYYY
//	Nov-2024        an English month name, full or in three letters, '-' or
//	November 2024   a space, and a four-digit year
//	Nov-24          the same with a two-digit year (20YY) after '-', as
//	                Excel shows the format mmm-yy
//
// Refused because they are ambiguous: 11/24 (a day or a year?), 11-2024,
// 24-Nov, Nov 24 (24 November?), and dates such as 2024-11-01.
func ParseMonth(s string) (Month, error) {
	s = strings.TrimSpace(s)
	m, ok := parseMonth(s)
	if !ok {
		return Month{}, fmt.Errorf("month %q is not YYYY-MM (e.g. 2024-11)", s)
	}
	return m, nil
}

// parseMonth is ParseMonth of a trimmed s, without the error (made only
// for a bad month: a state's rankings are ~22,000 good ones).
func parseMonth(s string) (Month, bool) {
	const bad = false
	var year, mon int
	if y, m, ok := strings.Cut(s, "-"); ok && len(y) == 4 && len(m) == 2 && digits(y) && digits(m) {
		year, _ = strconv.Atoi(y)
		mon, _ = strconv.Atoi(m)
	} else if m, y, ok := strings.Cut(s, "/"); ok && (len(m) == 1 || len(m) == 2) && len(y) == 4 && digits(m) && digits(y) {
		year, _ = strconv.Atoi(y)
		mon, _ = strconv.Atoi(m)
	} else if i := strings.IndexAny(s, "- "); i > 0 {
		name, sep, y := s[:i], s[i], s[i+1:]
		mon = monthByName(name)
		switch {
		case mon == 0 || !digits(y):
			return Month{}, bad
		case len(y) == 4:
			year, _ = strconv.Atoi(y)
		case len(y) == 2 && sep == '-':
			year, _ = strconv.Atoi(y)
			year += 2000
		default:
			return Month{}, bad
		}
	} else {
		return Month{}, bad
	}
	if year < 1900 || mon < 1 || mon > 12 {
		return Month{}, bad
	}
	return Month{Year: year, Month: time.Month(mon)}, true
}

// monthByName returns the number of an English month name, written in
// full or in its first three letters, in any case; 0 if it is none.
func monthByName(s string) int {
	if len(s) < 3 {
		return 0
	}
	for m := time.January; m <= time.December; m++ {
		full := m.String()
		if strings.EqualFold(s, full) || strings.EqualFold(s, full[:3]) {
			return int(m)
		}
	}
	return 0
}

// digits reports whether s is made of ASCII digits only (strconv.Atoi
// would also take a sign, as in "2024-+1").
func digits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// String formats the month as YYYY-MM.
func (m Month) String() string { return fmt.Sprintf("%04d-%02d", m.Year, int(m.Month)) }

// IsZero reports whether m is the zero Month.
func (m Month) IsZero() bool { return m.Year == 0 && m.Month == 0 }

// Prev returns the calendar month before m.
func (m Month) Prev() Month {
	if m.Month == time.January {
		return Month{Year: m.Year - 1, Month: time.December}
	}
	return Month{Year: m.Year, Month: m.Month - 1}
}

// Next returns the calendar month after m.
func (m Month) Next() Month {
	if m.Month == time.December {
		return Month{Year: m.Year + 1, Month: time.January}
	}
	return Month{Year: m.Year, Month: m.Month + 1}
}

// Before reports whether m is earlier than o.
func (m Month) Before(o Month) bool {
	if m.Year != o.Year {
		return m.Year < o.Year
	}
	return m.Month < o.Month
}

// MarshalText writes the month as YYYY-MM (used by JSON).
func (m Month) MarshalText() ([]byte, error) { return []byte(m.String()), nil }

// UnmarshalText reads a month as ParseMonth does.
func (m *Month) UnmarshalText(b []byte) error {
	v, err := ParseMonth(string(b))
	if err != nil {
		return err
	}
	*m = v
	return nil
}
