package dataset_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/igrs-pro/bulletin/bulletin/dataset"
)

func TestParseMonth(t *testing.T) {
	good := []struct {
		in   string
		want dataset.Month
	}{
		{"2024-11", dataset.Month{Year: 2024, Month: time.November}},
		{" 2024-01 ", dataset.Month{Year: 2024, Month: time.January}},
		{"1999-12", dataset.Month{Year: 1999, Month: time.December}},
	}
	for _, tc := range good {
		got, err := dataset.ParseMonth(tc.in)
		if err != nil || got != tc.want {
			t.Errorf("ParseMonth(%q) = %v, %v; want %v", tc.in, got, err, tc.want)
		}
		if s := got.String(); s != fmt.Sprintf("%04d-%02d", tc.want.Year, int(tc.want.Month)) {
			t.Errorf("String() = %q", s)
		}
	}
	bad := []string{"2024-13", "2024-00", "24-11", "2024/11", "24-Nov", "Nov 24", "11/24", "11-2024", "Novem-2024", "Nov-024", "Nov-2024x", "No-2024", "13/2024", "0/2024", "Nov-1899", "", "2024-1", "2024-+1", "+024-11", "2024-11-01", "0000-11", "२०२४-११"}
	for _, in := range bad {
		got, err := dataset.ParseMonth(in)
		if err == nil {
			t.Errorf("ParseMonth(%q) = %v, want an error", in, got)
			continue
		}
		want := fmt.Sprintf("month %q is not YYYY-MM (e.g. 2024-11)", in)
		if err.Error() != want {
			t.Errorf("ParseMonth(%q) error = %q, want %q", in, err, want)
		}
	}
}

func TestMonthArithmetic(t *testing.T) {
	jan, dec := dataset.Month{Year: 2024, Month: time.January}, dataset.Month{Year: 2023, Month: time.December}
	if jan.Prev() != dec || dec.Next() != jan {
		t.Errorf("Prev/Next across the year: %v %v", jan.Prev(), dec.Next())
	}
	if !dec.Before(jan) || jan.Before(dec) || jan.Before(jan) {
		t.Errorf("Before is wrong")
	}
	var m dataset.Month
	if err := m.UnmarshalText([]byte("2024-02")); err != nil || m != (dataset.Month{Year: 2024, Month: time.February}) {
		t.Errorf("UnmarshalText = %v, %v", m, err)
	}
	if err := m.UnmarshalText([]byte("2024-2")); err == nil {
		t.Errorf("UnmarshalText(2024-2) accepted")
	}
}
