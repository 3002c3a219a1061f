package trend

import (
	"bytes"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/igrs-pro/bulletin/bulletin/internal/testtools"
)

// The SVG chart, drawn by a browser (Chromium, headless), looks like the
// PNG chart: the same shapes and the same shaped glyph outlines, up to
// anti-aliasing.
func TestSVGInChromium(t *testing.T) {
	chromium := testtools.RequireTool(t, "chromium")
	e := load(t)
	h, err := Of(e.data, e.cfg.Scope, month(2023, 10), month(2024, 11))
	if err != nil {
		t.Fatal(err)
	}
	_, p, s := e.chart(t, "hi", h)
	dir := t.TempDir()
	svg := filepath.Join(dir, "trend.svg")
	shot := filepath.Join(dir, "shot.png")
	if err := os.WriteFile(svg, s, 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(chromium, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
		"--force-device-scale-factor=1", "--window-size=1200,675", "--user-data-dir="+filepath.Join(dir, "profile"),
		"--screenshot="+shot, "file://"+svg)
	cmd.Env = append(os.Environ(), "HOME="+dir)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("chromium: %v\n%s", err, out)
	}
	b, err := os.ReadFile(shot)
	if err != nil {
		t.Fatal(err)
	}
	got, err := png.Decode(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	want, _ := png.Decode(bytes.NewReader(p))
	if got.Bounds() != want.Bounds() {
		t.Fatalf("Chromium drew %v, the PNG is %v", got.Bounds(), want.Bounds())
	}
	var sum, far, ink int
	for y := 0; y < ChartH; y++ {
		for x := 0; x < ChartW; x++ {
			d := diff(got.At(x, y), want.At(x, y))
			sum += d
			if d > 3*96 {
				far++
			}
			if r, _, _, _ := want.At(x, y).RGBA(); r < 0x8000 {
				ink++
			}
		}
	}
	n := ChartW * ChartH
	mean := float64(sum) / float64(3*n)
	t.Logf("mean difference %.3f of 255 a channel; %d of %d pixels far apart; %d ink pixels", mean, far, n, ink)
	if mean > 1.5 || float64(far) > 0.002*float64(n) || ink < 5000 {
		t.Errorf("Chromium's drawing of the SVG differs from the PNG: mean %.3f, %d pixels far apart", mean, far)
	}
}

func diff(a, b interface{ RGBA() (r, g, b, a uint32) }) int {
	ar, ag, ab, _ := a.RGBA()
	br, bg, bb, _ := b.RGBA()
	abs := func(x, y uint32) int {
		if x > y {
			return int(x-y) >> 8
		}
		return int(y-x) >> 8
	}
	return abs(ar, br) + abs(ag, bg) + abs(ab, bb)
}
