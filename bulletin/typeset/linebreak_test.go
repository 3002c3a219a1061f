package typeset

import (
	"strings"
	"testing"
)

// Lines break only where UAX #14 and the Hindi rules allow: never inside
// "₹3.42" or "नवम्बर-2024", never before a danda or a comma (even after a
// space), never between a currency sign and its amount; in every alignment
// and at every width.
func TestBreakRules(t *testing.T) {
	ts := newTS(t)
	text := "कुल ₹3.42 लाख की राशि , और ₹ 50 हज़ार नवम्बर-2024 में दी गई । Rs. 7,500 (approx.) was paid ; thanks !"
	st := Style{Family: Sans, Size: 11}
	for w := 8.0; w <= 120; w += 1.3 {
		for _, al := range []Align{Left, Justify} {
			p, err := ts.LayoutText(text, st, Options{Width: w, Align: al})
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for i, l := range p.Lines {
				f := strings.Fields(l.Text)
				if i > 0 && strings.ContainsAny(f[0][:1], "।,;!") || f[0] == "।" || (i > 0 && f[0] == "50") {
					t.Errorf("width %.1f: line %d starts with %q", w, i, f[0])
				}
				if last := f[len(f)-1]; last == "₹" {
					t.Errorf("width %.1f: line %d ends with ₹", w, i)
				}
				got = append(got, f...)
			}
			if strings.Join(got, " ") != strings.Join(strings.Fields(text), " ") {
				t.Fatalf("width %.1f: words %q", w, got)
			}
		}
	}
}
