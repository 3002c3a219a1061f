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

// ParseMonth reads a month written as YYYY-MM (e.g. 2024-11).
func ParseMonth(s string) (Month, error) {
	s = strings.TrimSpace(s)
	y, m, ok := strings.Cut(s, "-")
	if !ok || len(y) != 4 || len(m) != 2 || !digits(y) || !digits(m) {
		return Month{}, fmt.Errorf("month %q is not YYYY-MM (e.g. 2024-11)", s)
	}
	year, err1 := strconv.Atoi(y)
	mon, err2 := strconv.Atoi(m)
	if err1 != nil || err2 != nil || year < 1900 || mon < 1 || mon > 12 {
		return Month{}, fmt.Errorf("month %q is not YYYY-MM (e.g. 2024-11)", s)
	}
	return Month{Year: year, Month: time.Month(mon)}, nil
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

// UnmarshalText reads YYYY-MM.
func (m *Month) UnmarshalText(b []byte) error {
	v, err := ParseMonth(string(b))
	if err != nil {
		return err
	}
	*m = v
	return nil
}
