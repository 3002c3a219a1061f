package trend

import (
	"image/color"
	"math"

	"github.com/igrs-pro/bulletin/bulletin/raster"
	"github.com/igrs-pro/bulletin/bulletin/typeset"
)

// RGB is a colour as [red, green, blue], 0 to 255 (as layout files write it).
type RGB [3]uint8

// RGBA is the opaque colour.
func (c RGB) RGBA() color.RGBA { return color.RGBA{c[0], c[1], c[2], 255} }

// Color is the colour for typeset.
func (c RGB) Color() typeset.Color { return typeset.Color{R: c[0], G: c[1], B: c[2]} }

// Style is the look of a trend: colours and line widths in pixels.
type Style struct {
	Background RGB     `toml:"background"`
	Text       RGB     `toml:"text"`
	Muted      RGB     `toml:"muted"` // axis labels, legend
	Grid       RGB     `toml:"grid"`
	Line       RGB     `toml:"line"`
	Point      RGB     `toml:"point"`
	First      RGB     `toml:"first"` // months at rank 1
	Gap        RGB     `toml:"gap"`   // months with no ranking published
	LineWidth  float64 `toml:"line_width"`
	PointSize  float64 `toml:"point_size"` // radius of a month's point
	FirstSize  float64 `toml:"first_size"` // radius of a first month's point
	TitleSize  float64 `toml:"title_size"` // points (= pixels)
	LabelSize  float64 `toml:"label_size"`
	FamilySans bool    `toml:"-"`
}

// Box is a rectangle in pixels.
type Box struct{ X0, Y0, X1, Y1 float64 }

// geometry maps months and ranks to the plot box.
type geometry struct {
	box  Box
	n    int
	maxR int
}

func (g geometry) x(i int) float64 {
	if g.n == 1 {
		return (g.box.X0 + g.box.X1) / 2
	}
	return g.box.X0 + float64(i)*(g.box.X1-g.box.X0)/float64(g.n-1)
}

func (g geometry) y(rank int) float64 {
	if g.maxR <= 1 {
		return g.box.Y0
	}
	return g.box.Y0 + float64(rank-1)*(g.box.Y1-g.box.Y0)/float64(g.maxR-1)
}

// slot is the half width of a month's column.
func (g geometry) slot() float64 {
	if g.n <= 1 {
		return (g.box.X1 - g.box.X0) / 2
	}
	return (g.box.X1 - g.box.X0) / float64(g.n-1) / 2
}

// overhang is how far the grid reaches past the first and last months:
// past their points, within their columns.
func (g geometry) overhang(st Style) float64 { return math.Min(g.slot()*0.6, st.FirstSize*2) }

// rankTicks are the ranks the axis labels: 1 and multiples of a round step,
// at most about six.
func rankTicks(maxR int) []int {
	step := 1
	for _, s := range []int{1, 2, 5, 10, 20, 25, 50, 100, 200, 500} {
		step = s
		if maxR/s <= 5 {
			break
		}
	}
	ts := []int{1}
	for r := step; r <= maxR; r += step {
		if r > 1 {
			ts = append(ts, r)
		}
	}
	return ts
}

// Plot draws the gap bands, grid, line and points of h into box. The box's
// top is rank 1, its bottom the most units ranked in a month.
func Plot(s raster.Surface, h History, box Box, st Style) geometry {
	g := geometry{box: box, n: len(h.Months), maxR: h.maxRank()}
	for _, r := range rankTicks(g.maxR) {
		y := g.y(r)
		s.Fill(raster.RectPath(box.X0-g.overhang(st), y-0.75, box.X1+g.overhang(st), y+0.75), st.Grid.RGBA())
	}
	for i, m := range h.Months {
		if !m.Published() {
			x := g.x(i)
			s.Fill(raster.RectPath(x-g.slot()*0.8, box.Y0-st.FirstSize, x+g.slot()*0.8, box.Y1+st.FirstSize), st.Gap.RGBA())
		}
	}
	// One stroke per run of published months: a gap breaks the line.
	var run []raster.Point
	flush := func() {
		if len(run) > 1 {
			s.Fill(raster.StrokePath(run, st.LineWidth), st.Line.RGBA())
		}
		run = run[:0]
	}
	for i, m := range h.Months {
		if !m.Published() {
			flush()
			continue
		}
		run = append(run, raster.Point{X: g.x(i), Y: g.y(m.Rank)})
	}
	flush()
	for i, m := range h.Months {
		if !m.Published() {
			continue
		}
		x, y := g.x(i), g.y(m.Rank)
		if m.Rank == 1 {
			s.Fill(raster.CirclePath(x, y, st.FirstSize), st.First.RGBA())
			s.Fill(raster.CirclePath(x, y, st.FirstSize*0.45), st.Background.RGBA())
		} else {
			s.Fill(raster.CirclePath(x, y, st.PointSize), st.Point.RGBA())
		}
	}
	return g
}

// center draws text centred on x with its top at y.
func center(s raster.Surface, ts *typeset.Typesetter, text string, st typeset.Style, x, y float64) (float64, error) {
	p, err := ts.LayoutText(text, st, typeset.Options{})
	if err != nil {
		return 0, err
	}
	s.Text(p, x-p.Width/2, y)
	return p.Height, nil
}
