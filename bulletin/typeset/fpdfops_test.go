package typeset

import (
	"fmt"
	"regexp"
	"strings"
	"testing"

	"codeberg.org/go-pdf/fpdf"
)

// fpdf's colour, font and path operators, which third_party/fpdf writes
// without fmt (bulletin patches: rgbColorValue, outFont, putF64), are the
// bytes upstream's fmt formats gave; the drawer's own font selection
// (setFont) writes them too.
func TestFpdfOperatorsAsUpstream(t *testing.T) {
	var want strings.Builder
	sizes := []float64{6, 8.5, 10.25, 12.345, 12.355, 17.8, 100.005, 0.004}
	rects := []float64{0, 0.001, 0.005, 1.115, 12.3456, 297, -3.14159, 1e-9, 210.995}
	tpl := fpdf.CreateTpl(fpdf.PointType{}, fpdf.SizeType{Wd: 297, Ht: 210}, "P", "pt", "", func(tp *fpdf.Tpl) {
		for v := range 256 {
			tp.SetFillColor(v, v, v)
			fmt.Fprintf(&want, "%.3f g\n", float64(v)/255)
			tp.SetFillColor(v, 255-v, 7)
			fmt.Fprintf(&want, "%.3f %.3f %.3f rg\n", float64(v)/255, float64(255-v)/255, 7.0/255)
			tp.SetDrawColor(255-v, 255-v, 255-v)
			fmt.Fprintf(&want, "%.3f G\n", float64(255-v)/255)
			tp.SetDrawColor(v, 0, 255)
			fmt.Fprintf(&want, "%.3f %.3f %.3f RG\n", float64(v)/255, 0.0, 1.0)
		}
		for _, s := range sizes {
			tp.SetFont("Helvetica", "", s)
			fmt.Fprintf(&want, "BT /F%s %.2f Tf ET\n", "0", s)
			tp.SetFontSize(s + 1)
			fmt.Fprintf(&want, "BT /F%s %.2f Tf ET\n", "0", s+1)
		}
		for _, x := range rects {
			tp.Rect(x, x/2, 2*x, x+1, "D")
			fmt.Fprintf(&want, "%.2f %.2f %.2f %.2f re S\n", x, 210-x/2, 2*x, -(x + 1))
		}
	})
	// The resource name of a core font is a hash of it.
	got := regexp.MustCompile(`BT /F[0-9a-f]+ `).ReplaceAllString(string(tpl.Bytes()), "BT /F0 ")
	// A template's content may begin with fpdf's own prologue.
	if !strings.HasSuffix(strings.TrimSuffix(got, "\n")+"\n", want.String()) {
		g, w := strings.Split(got, "\n"), strings.Split(want.String(), "\n")
		for i := 1; i <= min(len(g), len(w)); i++ {
			if g[len(g)-i] != w[len(w)-i] {
				t.Fatalf("fpdf wrote %q where upstream wrote %q", g[len(g)-i], w[len(w)-i])
			}
		}
		t.Fatalf("fpdf wrote\n%s\nwant it to end with\n%s", got, want.String())
	}
}

// The drawer writes a colour (appendFillColor) as fpdf's SetFillColor does.
func TestAppendFillColorIsFpdfs(t *testing.T) {
	var want []byte
	var got []byte
	tpl := fpdf.CreateTpl(fpdf.PointType{}, fpdf.SizeType{Wd: 10, Ht: 10}, "P", "pt", "", func(tp *fpdf.Tpl) {
		for v := range 256 {
			for _, c := range [][3]int{{v, v, v}, {v, 255 - v, 7}, {0, v, 0}, {v, v, v / 2}} {
				tp.SetFillColor(c[0], c[1], c[2])
				got = appendFillColor(got, c)
			}
		}
	})
	want = tpl.Bytes()
	if !strings.HasSuffix(string(want), string(got)) {
		t.Fatalf("appendFillColor wrote\n%.300s...\nfpdf\n%.300s...", got, want[len(want)-min(len(want), len(got)):])
	}
}
