package plan

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/igrs-pro/bulletin/bulletin/dataset"
)

// dateForms are the forms --date takes, as offices write dates: the day
// first with '.', '/' or '-', or ISO YYYY-MM-DD.
const dateForms = "YYYY-MM-DD, DD.MM.YYYY, DD/MM/YYYY or DD-MM-YYYY (e.g. 2024-12-02 or 02.12.2024)"

// ParseDate reads a date written YYYY-MM-DD, DD.MM.YYYY, DD/MM/YYYY or
// DD-MM-YYYY, in Latin or Devanagari digits (०२.१२.२०२४); the day and
// month may have one digit. The year must lie in 2000-2099. what names the
// setting in errors ("--date").
func ParseDate(what, s string) (time.Time, error) {
	in := s
	s = latinDigits(strings.TrimSpace(s))
	bad := fmt.Errorf("%s %q is not a date; write it as %s", what, in, dateForms)
	var parts []string
	var sep string
	for _, c := range []string{".", "/", "-"} {
		if strings.Count(s, c) == 2 {
			parts, sep = strings.Split(s, c), c
			break
		}
	}
	if parts == nil {
		return time.Time{}, bad
	}
	var y, m, d string
	switch {
	case sep == "-" && len(parts[0]) == 4:
		y, m, d = parts[0], parts[1], parts[2]
	case len(parts[2]) == 4:
		d, m, y = parts[0], parts[1], parts[2]
	default:
		return time.Time{}, bad
	}
	if len(d) < 1 || len(d) > 2 || len(m) < 1 || len(m) > 2 {
		return time.Time{}, bad
	}
	year, err1 := strconv.Atoi(y)
	mon, err2 := strconv.Atoi(m)
	day, err3 := strconv.Atoi(d)
	if err1 != nil || err2 != nil || err3 != nil || strings.ContainsAny(y+m+d, "+-") {
		return time.Time{}, bad
	}
	if year < 2000 || year > 2099 {
		return time.Time{}, fmt.Errorf("%s %q: the year %d is outside 2000-2099; write the full year, e.g. 02.12.2024", what, in, year)
	}
	t := time.Date(year, time.Month(mon), day, 0, 0, 0, 0, time.UTC)
	if mon < 1 || mon > 12 || t.Day() != day {
		return time.Time{}, fmt.Errorf("%s %q: there is no such day; write it as %s", what, in, dateForms)
	}
	return t, nil
}

// latinDigits turns Devanagari digits into Latin ones.
func latinDigits(s string) string {
	return strings.Map(func(r rune) rune {
		if r >= '०' && r <= '९' {
			return '0' + (r - '०')
		}
		return r
	}, s)
}

// Date is the date printed on the documents of ranking month m: flag (see
// ParseDate), which may not fall before the end of m, since the ranking it
// announces is published after the month; or else the first day of the
// month after m, so that the same input always gives the same output.
func Date(flag string, m dataset.Month) (time.Time, error) {
	n := m.Next()
	first := time.Date(n.Year, n.Month, 1, 0, 0, 0, 0, time.UTC)
	if flag == "" {
		return first, nil
	}
	t, err := ParseDate("--date", flag)
	if err != nil {
		return t, err
	}
	if t.Before(first) {
		return t, fmt.Errorf("--date %s is before the end of %s, the month whose ranking the note announces; date it %s or later (or pass --month for another month)", flag, m, first.Format("02.01.2006"))
	}
	return t, nil
}

// Month reads a ranking month given by flag (YYYY-MM and the other forms
// of dataset.ParseMonth), with a year in 2000-2099.
func Month(flag string) (dataset.Month, error) {
	m, err := dataset.ParseMonth(latinDigits(flag))
	if err != nil {
		return m, fmt.Errorf("--month: %v", err)
	}
	if m.Year < 2000 || m.Year > 2099 {
		return m, fmt.Errorf("--month %s: the year %d is outside 2000-2099; write it as YYYY-MM, e.g. 2024-11", flag, m.Year)
	}
	return m, nil
}
