// Package raster draws cards and charts as images: filled shapes, strokes,
// pictures and text, anti-aliased, with golang.org/x/image/vector.
//
// Text is never drawn one code point at a time: the caller lays it out with
// bulletin/typeset (HarfBuzz shaping: conjuncts, half forms, reph, the ि
// matra before its consonant, marks placed by GPOS), and the canvas fills
// the outline of each shaped glyph at the position the shaper gave it, so
// an image shows the same glyphs as the PDF. Lay out with a Typesetter made
// for unit "pt": one point is one pixel.
//
// A Canvas is not safe for concurrent use. Drawing is deterministic: the
// same calls give the same pixels, and PNG the same bytes.
package raster

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"math"

	"github.com/go-text/typesetting/font"
	ot "github.com/go-text/typesetting/font/opentype"
	xdraw "golang.org/x/image/draw"
	"golang.org/x/image/vector"

	"github.com/igrs-pro/bulletin/bulletin/typeset"
)

// Canvas is an opaque RGB image being drawn on. Coordinates are pixels
// from the top-left corner, y down.
type Canvas struct {
	img *image.RGBA
	z   *vector.Rasterizer
	outlines
}

// outlines caches glyph outlines by font and glyph id.
type outlines struct {
	faces map[*font.Font]*font.Face
	glyph map[glyphKey]font.GlyphOutline
}

func newOutlines() outlines {
	return outlines{faces: map[*font.Font]*font.Face{}, glyph: map[glyphKey]font.GlyphOutline{}}
}

// Surface is what charts draw on: a Canvas (PNG) or an SVG.
type Surface interface {
	Fill(p *Path, col color.RGBA)
	Text(p *typeset.Paragraph, x, y float64)
}

type glyphKey struct {
	f  *font.Font
	id font.GID
}

// New returns a w×h canvas filled with bg.
func New(w, h int, bg color.RGBA) *Canvas {
	c := &Canvas{
		img:      image.NewRGBA(image.Rect(0, 0, w, h)),
		z:        vector.NewRasterizer(0, 0),
		outlines: newOutlines(),
	}
	bg.A = 255
	xdraw.Draw(c.img, c.img.Bounds(), image.NewUniform(bg), image.Point{}, xdraw.Src)
	return c
}

// Image returns the image drawn so far (not a copy).
func (c *Canvas) Image() *image.RGBA { return c.img }

// PNG encodes the canvas (RGB, no alpha: every pixel is opaque) at zlib's
// fastest level: on cards it costs 3% in size and halves the time of a
// month's cards and charts, most of which is the encoding.
func (c *Canvas) PNG() ([]byte, error) {
	var b bytes.Buffer
	enc := png.Encoder{CompressionLevel: png.BestSpeed}
	if err := enc.Encode(&b, c.img); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// Point is a position in pixels.
type Point struct{ X, Y float64 }

// Path is a closed outline to fill, built with MoveTo, LineTo, QuadTo,
// CubeTo; each MoveTo starts a new contour. Contours combine by the
// non-zero rule as far as x/image/vector does: overlapping contours of one
// direction are a union, a contour inside one of the other direction a hole.
type Path struct {
	ops  []pathOp
	min  Point
	max  Point
	none bool
}

type pathOp struct {
	n   int // number of points: 0 close, 1 move or line (move when first of op kind), 2 quad, 3 cube
	mv  bool
	pts [3]Point
}

// Walk calls f for each segment of the path in order: op 'M' starts a
// contour at pts[0], 'L' is a line to pts[0], 'Q' a quadratic Bézier
// (control pts[0], end pts[1]), 'C' a cubic one (pts[0], pts[1], end
// pts[2]). Each contour is closed.
func (p *Path) Walk(f func(op byte, pts []Point)) {
	for _, op := range p.ops {
		switch {
		case op.mv:
			f('M', op.pts[:1])
		case op.n == 1:
			f('L', op.pts[:1])
		case op.n == 2:
			f('Q', op.pts[:2])
		default:
			f('C', op.pts[:3])
		}
	}
}

// NewPath returns an empty path.
func NewPath() *Path {
	return &Path{min: Point{math.Inf(1), math.Inf(1)}, max: Point{math.Inf(-1), math.Inf(-1)}, none: true}
}

func (p *Path) add(op pathOp) {
	for _, q := range op.pts[:op.n] {
		p.min.X, p.min.Y = math.Min(p.min.X, q.X), math.Min(p.min.Y, q.Y)
		p.max.X, p.max.Y = math.Max(p.max.X, q.X), math.Max(p.max.Y, q.Y)
	}
	p.none = false
	p.ops = append(p.ops, op)
}

// MoveTo starts a contour at (x, y).
func (p *Path) MoveTo(x, y float64) { p.add(pathOp{n: 1, mv: true, pts: [3]Point{{x, y}}}) }

// LineTo adds a straight segment.
func (p *Path) LineTo(x, y float64) { p.add(pathOp{n: 1, pts: [3]Point{{x, y}}}) }

// QuadTo adds a quadratic Bézier segment.
func (p *Path) QuadTo(bx, by, x, y float64) {
	p.add(pathOp{n: 2, pts: [3]Point{{bx, by}, {x, y}}})
}

// CubeTo adds a cubic Bézier segment.
func (p *Path) CubeTo(bx, by, cx, cy, x, y float64) {
	p.add(pathOp{n: 3, pts: [3]Point{{bx, by}, {cx, cy}, {x, y}}})
}

// Polygon adds a closed contour through pts.
func (p *Path) Polygon(pts ...Point) {
	for i, q := range pts {
		if i == 0 {
			p.MoveTo(q.X, q.Y)
		} else {
			p.LineTo(q.X, q.Y)
		}
	}
}

// Fill fills the path in col (its alpha blends over what is drawn).
func (c *Canvas) Fill(p *Path, col color.RGBA) {
	if p.none {
		return
	}
	r := image.Rect(int(math.Floor(p.min.X)), int(math.Floor(p.min.Y)), int(math.Ceil(p.max.X))+1, int(math.Ceil(p.max.Y))+1)
	clip := r.Intersect(c.img.Bounds())
	if clip.Empty() {
		return
	}
	// The rasterizer's origin is r.Min; parts outside the canvas are
	// rasterized and not drawn.
	z := c.z
	z.Reset(r.Dx(), r.Dy())
	ox, oy := float64(r.Min.X), float64(r.Min.Y)
	f := func(q Point) (float32, float32) { return float32(q.X - ox), float32(q.Y - oy) }
	for _, op := range p.ops {
		a, b := f(op.pts[0])
		switch {
		case op.mv:
			z.ClosePath()
			z.MoveTo(a, b)
		case op.n == 1:
			z.LineTo(a, b)
		case op.n == 2:
			c2, d2 := f(op.pts[1])
			z.QuadTo(a, b, c2, d2)
		case op.n == 3:
			c2, d2 := f(op.pts[1])
			e, g := f(op.pts[2])
			z.CubeTo(a, b, c2, d2, e, g)
		}
	}
	z.ClosePath()
	src := image.NewUniform(premultiply(col))
	// Draw the whole raster rectangle into a sub-image clipped to the
	// canvas: vector draws r's pixels from the rasterizer's origin.
	if clip == r {
		z.Draw(c.img, r, src, image.Point{})
		return
	}
	tmp := image.NewRGBA(r)
	xdraw.Draw(tmp, clip, c.img, clip.Min, xdraw.Src)
	z.Draw(tmp, r, src, image.Point{})
	xdraw.Draw(c.img, clip, tmp, clip.Min, xdraw.Src)
}

func premultiply(c color.RGBA) color.RGBA {
	a := uint32(c.A)
	return color.RGBA{uint8(uint32(c.R) * a / 255), uint8(uint32(c.G) * a / 255), uint8(uint32(c.B) * a / 255), c.A}
}

// Rect fills the rectangle from (x0, y0) to (x1, y1).
func (c *Canvas) Rect(x0, y0, x1, y1 float64, col color.RGBA) { c.Fill(RectPath(x0, y0, x1, y1), col) }

// RectPath is the outline of the rectangle from (x0, y0) to (x1, y1).
func RectPath(x0, y0, x1, y1 float64) *Path {
	p := NewPath()
	p.Polygon(Point{x0, y0}, Point{x1, y0}, Point{x1, y1}, Point{x0, y1})
	return p
}

// RoundRectPath is the outline of a rectangle with corners rounded by radius r.
func RoundRectPath(x0, y0, x1, y1, r float64) *Path {
	r = math.Min(r, math.Min(x1-x0, y1-y0)/2)
	const k = 0.5523 // cubic approximation of a quarter circle
	p := NewPath()
	p.MoveTo(x0+r, y0)
	p.LineTo(x1-r, y0)
	p.CubeTo(x1-r+k*r, y0, x1, y0+r-k*r, x1, y0+r)
	p.LineTo(x1, y1-r)
	p.CubeTo(x1, y1-r+k*r, x1-r+k*r, y1, x1-r, y1)
	p.LineTo(x0+r, y1)
	p.CubeTo(x0+r-k*r, y1, x0, y1-r+k*r, x0, y1-r)
	p.LineTo(x0, y0+r)
	p.CubeTo(x0, y0+r-k*r, x0+r-k*r, y0, x0+r, y0)
	return p
}

// circle adds a clockwise (on screen) circle contour to p.
func circle(p *Path, cx, cy, r float64) {
	const k = 0.5523
	p.MoveTo(cx+r, cy)
	p.CubeTo(cx+r, cy+k*r, cx+k*r, cy+r, cx, cy+r)
	p.CubeTo(cx-k*r, cy+r, cx-r, cy+k*r, cx-r, cy)
	p.CubeTo(cx-r, cy-k*r, cx-k*r, cy-r, cx, cy-r)
	p.CubeTo(cx+k*r, cy-r, cx+r, cy-k*r, cx+r, cy)
}

// Circle fills a disc.
func (c *Canvas) Circle(cx, cy, r float64, col color.RGBA) { c.Fill(CirclePath(cx, cy, r), col) }

// CirclePath is the outline of a disc.
func CirclePath(cx, cy, r float64) *Path {
	p := NewPath()
	circle(p, cx, cy, r)
	return p
}

// Polyline strokes the line through pts with width w and round joins and
// caps, as one shape (no darker overlaps where segments meet).
func (c *Canvas) Polyline(pts []Point, w float64, col color.RGBA) {
	c.Fill(StrokePath(pts, w), col)
}

// StrokePath is the outline of a polyline of width w with round joins and
// caps: one quadrilateral per segment and a disc per point, all of one
// direction, so that they fill as their union.
func StrokePath(pts []Point, w float64) *Path {
	p := NewPath()
	h := w / 2
	for i, a := range pts {
		circle(p, a.X, a.Y, h)
		if i == 0 {
			continue
		}
		b := pts[i-1]
		dx, dy := a.X-b.X, a.Y-b.Y
		l := math.Hypot(dx, dy)
		if l == 0 {
			continue
		}
		nx, ny := -dy/l*h, dx/l*h
		// b+n, a+n, a-n, b-n is clockwise on screen like circle.
		p.Polygon(Point{b.X + nx, b.Y + ny}, Point{b.X - nx, b.Y - ny}, Point{a.X - nx, a.Y - ny}, Point{a.X + nx, a.Y + ny})
	}
	return p
}

// Picture draws img scaled (Catmull-Rom) into the rectangle (x0, y0)-(x1, y1),
// pixel-aligned, blending over the canvas by its alpha.
func (c *Canvas) Picture(img image.Image, x0, y0, x1, y1 int) {
	xdraw.CatmullRom.Scale(c.img, image.Rect(x0, y0, x1, y1), img, img.Bounds(), xdraw.Over, nil)
}

// Text draws a laid-out paragraph with its top-left corner at (x, y). The
// paragraph must have been laid out by a Typesetter for unit "pt".
func (c *Canvas) Text(p *typeset.Paragraph, x, y float64) {
	for _, g := range p.Glyphs() {
		c.glyph1(g, x, y)
	}
}

// glyphPath adds the outline of glyph g, placed at (x+g.X, y+g.Y), to path.
func (c *outlines) glyphPath(path *Path, g typeset.Glyph, x, y float64) {
	o := c.outline(g)
	ox, oy, s := x+g.X, y+g.Y, g.Scale
	for _, sg := range o.Segments {
		a := sg.Args
		switch sg.Op {
		case ot.SegmentOpMoveTo:
			path.MoveTo(ox+float64(a[0].X)*s, oy-float64(a[0].Y)*s)
		case ot.SegmentOpLineTo:
			path.LineTo(ox+float64(a[0].X)*s, oy-float64(a[0].Y)*s)
		case ot.SegmentOpQuadTo:
			path.QuadTo(ox+float64(a[0].X)*s, oy-float64(a[0].Y)*s, ox+float64(a[1].X)*s, oy-float64(a[1].Y)*s)
		case ot.SegmentOpCubeTo:
			path.CubeTo(ox+float64(a[0].X)*s, oy-float64(a[0].Y)*s, ox+float64(a[1].X)*s, oy-float64(a[1].Y)*s, ox+float64(a[2].X)*s, oy-float64(a[2].Y)*s)
		}
	}
}

func (c *Canvas) glyph1(g typeset.Glyph, x, y float64) {
	p := NewPath()
	c.glyphPath(p, g, x, y)
	col := g.Color
	c.Fill(p, color.RGBA{col.R, col.G, col.B, 255})
}

// outline returns the outline of a glyph in font units (y up).
func (c *outlines) outline(g typeset.Glyph) font.GlyphOutline {
	k := glyphKey{g.Font, g.ID}
	if o, ok := c.glyph[k]; ok {
		return o
	}
	f := c.faces[g.Font]
	if f == nil {
		f = font.NewFace(g.Font)
		c.faces[g.Font] = f
	}
	o, _ := f.GlyphDataOutline(g.ID) // a glyph without an outline (a space) draws nothing
	c.glyph[k] = o
	return o
}
