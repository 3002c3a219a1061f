// Package ocrtest reads images back with tesseract (hin+eng) and measures
// how far the reading is from the text drawn: the check that drawn Hindi
// is shaped (Devanagari drawn one code point at a time reads back wrong).
package ocrtest

import (
	"bytes"
	"image"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	xdraw "golang.org/x/image/draw"
	"golang.org/x/text/unicode/norm"

	"github.com/igrs-pro/bulletin/bulletin/internal/testtools"
)

// Read returns tesseract's reading (languages hin+eng) of a PNG image, or
// skips the test when tesseract is missing (fails under
// BULLETIN_REQUIRE_TOOLS=1).
func Read(t testing.TB, png []byte) string {
	t.Helper()
	tess := testtools.RequireTool(t, "tesseract")
	dir := t.TempDir()
	in := filepath.Join(dir, "in.png")
	if err := os.WriteFile(in, png, 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(tess, in, "stdout", "-l", "hin+eng")
	cmd.Env = append(os.Environ(), "OMP_THREAD_LIMIT=1")
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("tesseract: %v", err)
	}
	return string(out)
}

var space = regexp.MustCompile(`\s+`)

// Norm folds white space to single spaces and NFC-normalises.
func Norm(s string) string {
	return strings.TrimSpace(norm.NFC.String(space.ReplaceAllString(s, " ")))
}

// CER is the character error rate of got against want: the edit distance
// (insertions, deletions, substitutions of code points) between their
// normalised forms over the length of want.
func CER(want, got string) float64 {
	w, g := []rune(Norm(want)), []rune(Norm(got))
	if len(w) == 0 {
		if len(g) == 0 {
			return 0
		}
		return 1
	}
	prev := make([]int, len(g)+1)
	cur := make([]int, len(g)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(w); i++ {
		cur[0] = i
		for j := 1; j <= len(g); j++ {
			d := prev[j-1]
			if w[i-1] != g[j-1] {
				d++
			}
			cur[j] = min(d, prev[j]+1, cur[j-1]+1)
		}
		prev, cur = cur, prev
	}
	return float64(prev[len(g)]) / float64(len(w))
}

// Gray returns img in gray, scaled by scale (Catmull-Rom) for tesseract,
// which reads best with letters 30 pixels or more high; the rows from
// invertTop to invertBottom (before scaling) are inverted, for light text
// on a dark band.
func Gray(img image.Image, scale float64, invertTop, invertBottom int) *image.Gray {
	b := img.Bounds()
	out := image.NewGray(image.Rect(0, 0, int(float64(b.Dx())*scale), int(float64(b.Dy())*scale)))
	xdraw.CatmullRom.Scale(out, out.Bounds(), img, b, xdraw.Src, nil)
	y0, y1 := int(float64(invertTop)*scale), int(float64(invertBottom)*scale)
	for y := max(y0, 0); y < min(y1, out.Bounds().Dy()); y++ {
		row := out.Pix[y*out.Stride : y*out.Stride+out.Bounds().Dx()]
		for i := range row {
			row[i] = 255 - row[i]
		}
	}
	return out
}

// ReadImage is Read of an image.
func ReadImage(t testing.TB, img image.Image) string {
	t.Helper()
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	return Read(t, b.Bytes())
}
