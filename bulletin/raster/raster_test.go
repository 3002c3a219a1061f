package raster

import (
	"bytes"
	"image/color"
	"image/png"
	"os"
	"testing"

	"github.com/igrs-pro/bulletin/bulletin/internal/ocrtest"
	"github.com/igrs-pro/bulletin/bulletin/typeset"
	"github.com/igrs-pro/bulletin/fonts"
)

func newTS(t testing.TB) *typeset.Typesetter {
	t.Helper()
	set, err := typeset.NewFontSet(fonts.FS)
	if err != nil {
		t.Fatal(err)
	}
	ts, err := typeset.NewTypesetter(set, "pt")
	if err != nil {
		t.Fatal(err)
	}
	return ts
}

var white = color.RGBA{255, 255, 255, 255}

// Lines of shaped Hindi (conjuncts, half forms, reph, ि before its
// consonant, nukta, marks) and English read back by OCR.
var ocrLines = []string{
	"आईजीआरएस रैंकिंग में कानपुर ज़ोन प्रदेश में प्रथम",
	"प्रशस्ति पत्र: श्रीमती दुर्गा शक्ति, क्षेत्राधिकारी",
	"कार्यवाही, निस्तारण और सर्वश्रेष्ठ प्रदर्शन",
	"Kanpur Zone first in the state, November 2024",
}

func TestTextOCR(t *testing.T) {
	ts := newTS(t)
	c := New(1100, 80*len(ocrLines)+40, white)
	for i, s := range ocrLines {
		st := typeset.Style{Family: typeset.Sans, Size: 40, Color: typeset.Color{R: 20, G: 30, B: 90}}
		if i%2 == 1 {
			st.Family, st.Weight = typeset.Serif, typeset.Bold
		}
		p, err := ts.LayoutText(s, st, typeset.Options{})
		if err != nil {
			t.Fatal(err)
		}
		c.Text(p, 30, 20+float64(80*i))
	}
	b, err := c.PNG()
	if err != nil {
		t.Fatal(err)
	}
	if dir := os.Getenv("RASTER_KEEP"); dir != "" {
		os.WriteFile(dir+"/raster-ocr.png", b, 0o644)
	}
	want := ""
	for _, s := range ocrLines {
		want += s + "\n"
	}
	got := ocrtest.Read(t, b)
	cer := ocrtest.CER(want, got)
	t.Logf("OCR CER %.4f; read:\n%s", cer, got)
	if cer > 0.03 {
		t.Errorf("OCR CER %.4f over 0.03; read:\n%s", cer, got)
	}
}

// The same drawing gives the same bytes; a PNG decodes to the size drawn,
// opaque.
func TestDeterministic(t *testing.T) {
	ts := newTS(t)
	draw := func() []byte {
		c := New(300, 120, color.RGBA{250, 240, 220, 255})
		p, err := ts.LayoutText("प्रथम स्थान Kanpur", typeset.Style{Size: 30}, typeset.Options{})
		if err != nil {
			t.Fatal(err)
		}
		c.Text(p, 10, 10)
		c.Polyline([]Point{{10, 100}, {150, 60}, {290, 110}}, 6, color.RGBA{200, 0, 0, 255})
		b, err := c.PNG()
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	a, b := draw(), draw()
	if !bytes.Equal(a, b) {
		t.Fatal("two drawings differ")
	}
	img, err := png.Decode(bytes.NewReader(a))
	if err != nil {
		t.Fatal(err)
	}
	if img.Bounds().Dx() != 300 || img.Bounds().Dy() != 120 {
		t.Errorf("size %v", img.Bounds())
	}
	if _, _, _, al := img.At(5, 5).RGBA(); al != 0xffff {
		t.Errorf("pixel not opaque")
	}
}

func TestPixels(t *testing.T) {
	c := New(100, 100, white)
	red := color.RGBA{255, 0, 0, 255}
	c.Rect(10, 10, 20, 20, red)
	// Inside is red, outside white, and a half-covered column is blended.
	if got := c.Image().RGBAAt(15, 15); got != red {
		t.Errorf("inside %v", got)
	}
	if got := c.Image().RGBAAt(25, 15); got != white {
		t.Errorf("outside %v", got)
	}
	c.Rect(40.5, 10, 50, 20, red)
	if got := c.Image().RGBAAt(40, 15); got.G < 100 || got.G > 155 || got.R != 255 {
		t.Errorf("half-covered pixel %v, want about (255,128,128)", got)
	}
	// A stroke's overlapping parts (segments, joins) are painted once: a
	// translucent stroke is as light at a join as along a segment.
	half := color.RGBA{0, 0, 255, 128}
	c.Polyline([]Point{{10, 60}, {50, 60}, {50, 95}}, 8, half)
	at, join := c.Image().RGBAAt(30, 60), c.Image().RGBAAt(50, 60)
	if at != join || at == white {
		t.Errorf("stroke %v, at the join %v", at, join)
	}
	// Clipped shapes draw their visible part.
	c.Circle(100, 0, 10, red)
	if got := c.Image().RGBAAt(97, 2); got != red {
		t.Errorf("clipped disc %v", got)
	}
}

// A glyph's ink sits where the shaper put it: ि (drawn before क in "कि")
// is left of क's stem.
func TestGlyphPlacement(t *testing.T) {
	ts := newTS(t)
	p, err := ts.LayoutText("कि", typeset.Style{Size: 100}, typeset.Options{})
	if err != nil {
		t.Fatal(err)
	}
	gs := p.Glyphs()
	if len(gs) != 2 || gs[0].X >= gs[1].X {
		t.Fatalf("glyphs %+v", gs)
	}
	c := New(200, 200, white)
	c.Text(p, 20, 20)
	// Some ink, and the top-left pixel stays white.
	ink := 0
	img := c.Image()
	for y := 0; y < 200; y++ {
		for x := 0; x < 200; x++ {
			if img.RGBAAt(x, y).R < 128 {
				ink++
			}
		}
	}
	if ink < 500 || img.RGBAAt(0, 0) != white {
		t.Errorf("%d ink pixels", ink)
	}
}
