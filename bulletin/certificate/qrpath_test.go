package certificate

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	qrcode "github.com/skip2/go-qrcode"
)

// TestQRPathFillsTheDarkModules: the rectangles of qrPath cover every dark
// module once and no light one, for real codes and random matrices (runs
// that end, start, widen and narrow from row to row).
func TestQRPathFillsTheDarkModules(t *testing.T) {
	var cases [][][]bool
	for i := range 40 {
		q, err := qrcode.New(fmt.Sprintf("n=UP/IGRS/2024-11/THN/%04d;c=%010X", i, i*7919), qrcode.Medium)
		if err != nil {
			t.Fatal(err)
		}
		cases = append(cases, q.Bitmap())
	}
	rng := rand.New(rand.NewPCG(13, 1))
	for i := range 200 {
		w, h := 1+rng.IntN(30), 1+rng.IntN(30)
		density := []float64{0.5, 0.1, 0.9}[i%3]
		bits := make([][]bool, h)
		for y := range bits {
			bits[y] = make([]bool, w)
			for x := range bits[y] {
				bits[y][x] = rng.Float64() < density
			}
		}
		cases = append(cases, bits)
	}
	rects, runs := 0, 0
	for n, bits := range cases {
		path := string(qrPath(nil, bits, 10, 180, 0.5, 72/25.4))
		lines := strings.Split(strings.TrimSuffix(path, "\n"), "\n")
		if !strings.HasSuffix(lines[0], " cm") || lines[len(lines)-1] != "f Q" {
			t.Fatalf("case %d: path %q...%q", n, lines[0], lines[len(lines)-1])
		}
		cover := make([][]int, len(bits))
		for y := range cover {
			cover[y] = make([]int, len(bits[y]))
		}
		for _, l := range lines[1 : len(lines)-1] {
			var x, y, w, h int
			if _, err := fmt.Sscanf(l, "%d %d %d %d re", &x, &y, &w, &h); err != nil || w < 1 || h < 1 {
				t.Fatalf("case %d: line %q (%v)", n, l, err)
			}
			for j := y; j < y+h; j++ {
				for i := x; i < x+w; i++ {
					cover[j][i]++
				}
			}
			rects++
		}
		for y, row := range bits {
			for x, dark := range row {
				if want := map[bool]int{true: 1, false: 0}[dark]; cover[y][x] != want {
					t.Fatalf("case %d: module (%d, %d) dark %v covered %d times", n, x, y, dark, cover[y][x])
				}
			}
			runs += len(qrRuns(nil, bits, y))
		}
	}
	t.Logf("%d rectangles for %d horizontal runs", rects, runs)
}

// TestCodeRuns: the code line is drawn as the text before the code, the
// code and the text after it, which join into the line; Runs lists them in
// the place of the line.
func TestCodeRuns(t *testing.T) {
	for _, tc := range []struct {
		line, code string
		want       []string
	}{
		{"Verification code / सत्यापन कोड: YB6ZCHHUPE", "YB6ZCHHUPE", []string{"Verification code / सत्यापन कोड: ", "YB6ZCHHUPE"}},
		{"YB6ZCHHUPE :कोड", "YB6ZCHHUPE", []string{"YB6ZCHHUPE", " :कोड"}},
		{"a ABC b ABC c", "ABC", []string{"a ABC b ", "ABC", " c"}},
		{"no code here", "ABC", []string{"no code here"}},
		{"empty code", "", []string{"empty code"}},
	} {
		c := Certificate{CodeLine: tc.line, Verification: Verification{Code: tc.code}}
		got := codeRuns(c)
		if strings.Join(got, "|") != strings.Join(tc.want, "|") {
			t.Errorf("codeRuns(%q, %q) = %q, want %q", tc.line, tc.code, got, tc.want)
		}
		runs := c.Runs(&Layout{})
		if strings.Join(runs, "") != strings.Join(c.Lines(&Layout{}), "") {
			t.Errorf("Runs %q do not join into Lines %q", runs, c.Lines(&Layout{}))
		}
	}
}
