package ocrtest

import "testing"

func TestCER(t *testing.T) {
	for _, c := range []struct {
		want, got string
		cer       float64
	}{
		{"कानपुर जोन", "कानपुर  जोन\n", 0},
		{"abcd", "abed", 0.25},
		{"abcd", "", 1},
		{"ab", "abcd", 1},
		{"कि", "कि", 0},
		{"कि", "िक", 1},
	} {
		if got := CER(c.want, c.got); got != c.cer {
			t.Errorf("CER(%q, %q) = %v, want %v", c.want, c.got, got, c.cer)
		}
	}
}

func TestInfixCER(t *testing.T) {
	for _, c := range []struct {
		want, got string
		cer       float64
	}{
		{"कानपुर जोन", "letterhead\nकानपुर  जोन\n1 / 2", 0},
		{"abcd", "xxabedxx", 0.25},
		{"abcd", "", 1},
		{"", "anything", 0},
		{"कि", "िक", 0.5}, // क matches; ि is one error
	} {
		if got := InfixCER(c.want, c.got); got != c.cer {
			t.Errorf("InfixCER(%q, %q) = %v, want %v", c.want, c.got, got, c.cer)
		}
	}
}
