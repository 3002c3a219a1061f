package dataset

import (
	"regexp"
	"testing"
)

// isPlainNumber is the pattern it documents, on the numbers a sheet holds
// and on near misses.
func TestIsPlainNumber(t *testing.T) {
	plain := regexp.MustCompile(`^[0-9]+(\.[0-9]+)?([eE][-+]?[0-9]{1,3})?$`)
	cases := []string{"", "0", "7", "124.5", "125", "1.5E-2", "1e3", "1E+308", "1e1000", "1e", "1e+", "1.", ".5",
		"1.5.2", "0x1p4", "0_1", "Inf", "NaN", "-1", "+1", " 1", "1 ", "1\n", "१२", "12a", "1.5e-02", "00.000", "1e-0001"}
	for a := range byte(14) {
		for b := range byte(14) {
			for c := range byte(14) {
				const alphabet = "0159.eE+-x \n"
				if a < 12 && b < 12 && c < 12 {
					cases = append(cases, string([]byte{alphabet[a], alphabet[b], alphabet[c]}), "1"+string([]byte{alphabet[a], alphabet[b], alphabet[c]})+"5")
				}
			}
		}
	}
	for _, s := range cases {
		if got, want := isPlainNumber(s), plain.MatchString(s); got != want {
			t.Errorf("isPlainNumber(%q) = %v, want %v", s, got, want)
		}
	}
}
