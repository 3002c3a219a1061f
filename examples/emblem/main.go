// Command emblem draws examples/emblem.png, a stand-in emblem for the
// example office (a real office sets office.emblem to its own): a round
// seal with a star, in the certificates' colours.
//
//	go run ./examples/emblem
package main

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"log"
	"math"
	"os"
)

func main() {
	const n = 240
	img := image.NewNRGBA(image.Rect(0, 0, n, n))
	maroon := color.NRGBA{128, 24, 24, 255}
	navy := color.NRGBA{16, 32, 96, 255}
	gold := color.NRGBA{200, 150, 40, 255}
	c := float64(n-1) / 2
	for y := 0; y < n; y++ {
		for x := 0; x < n; x++ {
			dx, dy := float64(x)-c, float64(y)-c
			r := math.Hypot(dx, dy)
			switch {
			case r > c:
			case r > c-10:
				img.Set(x, y, maroon)
			case r > c-16:
				img.Set(x, y, gold)
			case r > c-22:
				img.Set(x, y, maroon)
			case inStar(dx, dy, c*0.62):
				img.Set(x, y, gold)
			default:
				img.Set(x, y, navy)
			}
		}
	}
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		log.Fatal(err)
	}
	if err := os.WriteFile("examples/emblem.png", b.Bytes(), 0o644); err != nil {
		log.Fatal(err)
	}
}

// inStar reports whether (dx, dy) lies in a five-pointed star of radius r
// pointing up.
func inStar(dx, dy, r float64) bool {
	a := math.Atan2(dx, -dy) // 0 is up
	rr := math.Hypot(dx, dy)
	seg := 2 * math.Pi / 10
	k := math.Mod(a+2*math.Pi+seg/2, 2*seg) - seg
	// The edge from a tip (radius r) to a notch (radius 0.4r).
	inner := 0.4 * r
	t := math.Abs(k) / seg
	edge := r * inner / (inner + (r-inner)*t*1.6)
	return rr <= math.Max(edge, inner)
}
