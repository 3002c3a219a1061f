package plan_test

import (
	"strings"
	"testing"
	"time"

	"github.com/igrs-pro/bulletin/bulletin/dataset"
	"github.com/igrs-pro/bulletin/bulletin/plan"
)

func TestDateForms(t *testing.T) {
	nov := dataset.Month{Year: 2024, Month: time.November}
	dec2 := time.Date(2024, 12, 2, 0, 0, 0, 0, time.UTC)
	for _, c := range []struct {
		in   string
		want time.Time // zero: an error
		msg  string    // part of the error
	}{
		{"", time.Date(2024, 12, 1, 0, 0, 0, 0, time.UTC), ""},
		{"2024-12-02", dec2, ""},
		{"02.12.2024", dec2, ""},
		{"2.12.2024", dec2, ""},
		{"02/12/2024", dec2, ""},
		{"02-12-2024", dec2, ""},
		{" 02.12.2024 ", dec2, ""},
		{"०२.१२.२०२४", dec2, ""},
		{"२०२४-१२-०२", dec2, ""},
		{"2024-12-2", dec2, ""},
		{"01.12.2024", time.Date(2024, 12, 1, 0, 0, 0, 0, time.UTC), ""},
		{"15.01.2025", time.Date(2025, 1, 15, 0, 0, 0, 0, time.UTC), ""},
		// Before the end of the month announced.
		{"2024-10-15", time.Time{}, "before the end of 2024-11"},
		{"30.11.2024", time.Time{}, "date it 01.12.2024 or later"},
		// Not dates.
		{"02.12.24", time.Time{}, "not a date"},
		{"2024/12/02", time.Time{}, "not a date"},
		{"12-2024", time.Time{}, "not a date"},
		{"02 12 2024", time.Time{}, "not a date"},
		{"tomorrow", time.Time{}, "not a date"},
		{"2024-12-02T10:00", time.Time{}, "not a date"},
		{"+2.12.2024", time.Time{}, "not a date"},
		{"31.11.2024", time.Time{}, "no such day"},
		{"29.02.2025", time.Time{}, "no such day"},
		{"02.13.2024", time.Time{}, "no such day"},
		// Years outside 2000-2099.
		{"02.12.1999", time.Time{}, "outside 2000-2099"},
		{"2124-12-02", time.Time{}, "outside 2000-2099"},
	} {
		got, err := plan.Date(c.in, nov)
		switch {
		case c.want.IsZero() && err == nil:
			t.Errorf("Date(%q) = %v, want an error with %q", c.in, got, c.msg)
		case c.want.IsZero() && !strings.Contains(err.Error(), c.msg):
			t.Errorf("Date(%q): error %q, want one with %q", c.in, err, c.msg)
		case !c.want.IsZero() && (err != nil || !got.Equal(c.want)):
			t.Errorf("Date(%q) = %v, %v; want %v", c.in, got, err, c.want)
		}
	}
}

func TestMonthFlag(t *testing.T) {
	for in, want := range map[string]string{"2024-11": "2024-11", "Nov-2024": "2024-11", "२०२४-११": "2024-11", "1999-12": "", "2100-01": "", "2024-13": ""} {
		m, err := plan.Month(in)
		if want == "" {
			if err == nil {
				t.Errorf("Month(%q) = %v, want an error", in, m)
			}
			continue
		}
		if err != nil || m.String() != want {
			t.Errorf("Month(%q) = %v, %v; want %s", in, m, err, want)
		}
	}
}
