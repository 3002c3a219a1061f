package typeset

import (
	"bytes"
	"math/rand/v2"
	"regexp"
	"strconv"
	"testing"

	"codeberg.org/go-pdf/fpdf"
)

// popplerNum reads a decimal to within rounding of strconv.ParseFloat.
func TestPopplerNum(t *testing.T) {
	for _, s := range []string{"0", "-0.12", "354.49", "11.50", "18.181818181817", "-0.04347826087", "841.89", "7"} {
		want, _ := strconv.ParseFloat(s, 64)
		if got := popplerNum([]byte(s)); got-want > 1e-12 || want-got > 1e-12 {
			t.Errorf("popplerNum(%q) = %v, want about %v", s, got, want)
		}
	}
}

// The Ts and TJ that textPen writes for a Td land the pen on the very
// numbers the Td gave, as poppler computes them: at any place, size and
// move.
func TestTextPenLandsWhereTdDid(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	sizes := []float64{6, 8, 9.5, 10, 11.5, 12, 14, 22, 28, 36}
	for range 20000 {
		size := sizes[r.IntN(len(sizes))]
		x0, y0 := round2(10+r.Float64()*830), round2(10+r.Float64()*830) // on a page
		at := newTextPen(x0, y0, size)
		var out []byte
		for range 1 + r.IntN(4) {
			for range r.IntN(6) {
				at.advance(int16(r.IntN(1200) - 100))
			}
			tx := round2((r.Float64() - 0.3) * 80)
			ty := round2((r.Float64() - 0.5) * 0.6)
			if r.IntN(3) == 0 {
				ty = 0
			}
			out = at.move(out[:0], tx, ty)
			if at.x != at.oldX || at.baseY+at.rise != at.oldLineY {
				t.Fatalf("size %v at (%v, %v): %q lands at (%v, %v), the Td at (%v, %v)",
					size, x0, y0, out, at.x, at.baseY+at.rise, at.oldX, at.oldLineY)
			}
		}
	}
}

// Words whose marks are raised or lowered (GPOS) are drawn with one Td
// each, at the start of their text object: their marks are placed by a
// text rise (Ts) and TJ adjustments, which pdf.js and pypdf follow from
// the pen rather than from the start of the line (see writeText).
func TestWordsMoveWithoutTd(t *testing.T) {
	ts, err := NewTypesetter(fontSet(t), "pt")
	if err != nil {
		t.Fatal(err)
	}
	pdf := fpdf.New("P", "pt", "A4", "")
	pdf.SetCompression(false)
	pdf.AddPage()
	y := 30.0
	for _, size := range []float64{10, 11.5, 22} {
		for _, w := range []Weight{Regular, Bold} {
			for _, fam := range []Family{Sans, Serif} {
				st := Style{Family: fam, Weight: w, Size: size}
				if _, err := ts.DrawLine(pdf, 40, y, Left, Run{Text: "कार्यालय राजेश कुमार सिंह ललितपुर कुठौंद प्रशस्ति पत्र", Style: st}); err != nil {
					t.Fatal(err)
				}
				y += 2 * size
			}
		}
	}
	var b bytes.Buffer
	if err := pdf.Output(&b); err != nil {
		t.Fatal(err)
	}
	objs := regexp.MustCompile(`(?s)BT .*? ET\n`).FindAll(b.Bytes(), -1)
	rises := 0
	for _, o := range objs {
		if n := bytes.Count(o, []byte(" Td ")); n > 1 {
			t.Errorf("a text object moves with %d Tds: %q", n, o)
		}
		rises += bytes.Count(o, []byte(" Ts "))
	}
	if len(objs) < 40 || rises == 0 {
		t.Fatalf("%d text objects, %d rises: the words were not drawn as expected", len(objs), rises)
	}
}

func BenchmarkTextPenMove(b *testing.B) {
	var out []byte
	for i := range b.N {
		at := newTextPen(354.49, 343.25, 22)
		for range 5 {
			at.advance(int16(500 + i%300))
		}
		out = at.move(out[:0], 62.07, 0.22)
		at.advance(0)
		out = at.move(out[:0], -0.4, -0.22)
	}
}
