package copyout

import "testing"

func TestCER(t *testing.T) {
	for _, c := range []struct {
		got, want string
		cer       float64
	}{
		{"कुल 125 अंक", "कुल 125 अंक", 0},
		{"कुल\n125  अंक\f", "कुल 125 अंक", 0},
		{"कुल 12 अंक", "कुल 125 अंक", 1.0 / 11},
		{"कुल125 अंक", "कुल 125 अंक", 1.0 / 11},
		{"Certiﬁcate", "Certificate", 2.0 / 11},
		{"", "abc", 1},
	} {
		if got := CER(c.got, c.want); got != c.cer {
			t.Errorf("CER(%q, %q) = %v, want %v", c.got, c.want, got, c.cer)
		}
	}
}
