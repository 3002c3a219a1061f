package card

import (
	"fmt"

	"github.com/igrs-pro/bulletin/bulletin/raster"
	"github.com/igrs-pro/bulletin/bulletin/trend"
	"github.com/igrs-pro/bulletin/bulletin/typeset"
)

// Kind is a card format.
type Kind string

const (
	Square Kind = "square" // 1080×1080
	Wide   Kind = "wide"   // 1200×675
)

// Kinds are the formats build writes.
var Kinds = []Kind{Square, Wide}

// FileName is the card's file name, e.g. card.hi.square.png.
func FileName(lang string, k Kind) string { return fmt.Sprintf("card.%s.%s.png", lang, k) }

// PNG draws the card of kind k. ts must be a Typesetter for unit "pt".
func PNG(ts *typeset.Typesetter, c Content, l *Layout, k Kind) ([]byte, error) {
	cv, err := Draw(ts, c, l, k)
	if err != nil {
		return nil, err
	}
	return cv.PNG()
}

// Drawing is a drawn card and where its parts are.
type Drawing struct {
	*raster.Canvas
	Band  trend.Box // the band (light text on dark)
	Text  trend.Box // the scope, rank and facts
	Panel trend.Box // the trend's panel (zero without a trend)
	Plot  trend.Box // the trend's plot, inside the panel
}

// Draw draws the card of kind k on a new canvas.
func Draw(ts *typeset.Typesetter, c Content, l *Layout, k Kind) (*Drawing, error) {
	f := l.Square
	if k == Wide {
		f = l.Wide
	}
	d := &drawer{ts: ts, c: c, l: l, f: f, wide: k == Wide}
	d.cv = raster.New(f.Width, f.Height, l.Colors.Background.RGBA())
	d.out.Canvas = d.cv
	if err := d.band(); err != nil {
		return nil, err
	}
	if err := d.body(); err != nil {
		return nil, fmt.Errorf("%s card (%s): %w", k, c.Lang, err)
	}
	return &d.out, nil
}

type drawer struct {
	ts   *typeset.Typesetter
	cv   *raster.Canvas
	c    Content
	l    *Layout
	f    Format
	wide bool
	out  Drawing
}

func (d *drawer) style(size float64, bold bool, col trend.RGB) typeset.Style {
	st := typeset.Style{Family: typeset.Sans, Size: size, Color: col.Color()}
	if bold {
		st.Weight = typeset.Bold
	}
	return st
}

// fit lays text out in width, shrinking the size (by 5%, not below 60%)
// until it takes at most maxLines lines.
func (d *drawer) fit(text string, st typeset.Style, width float64, maxLines int) (*typeset.Paragraph, error) {
	min := st.Size * 0.6
	for {
		p, err := d.ts.LayoutText(text, st, typeset.Options{Width: width, LineSpacing: 1})
		if err != nil {
			return nil, err
		}
		if (len(p.Lines) <= maxLines && p.MaxLineWidth <= width) || st.Size*0.95 < min {
			return p, nil
		}
		st.Size *= 0.95
	}
}

// band draws the top band: the emblem, the office and the kicker,
// centred in its height.
func (d *drawer) band() error {
	f, col := d.f, d.l.Colors
	w := float64(f.Width)
	d.cv.Rect(0, 0, w, f.Band, col.Band.RGBA())
	d.out.Band = trend.Box{X0: 0, Y0: 0, X1: w, Y1: f.Band}
	x := f.Margin
	if d.c.Emblem != nil && f.Emblem > 0 {
		e := d.c.Emblem.Bounds()
		side := f.Emblem
		ew, eh := side, side
		if e.Dx() > e.Dy() {
			eh = side * float64(e.Dy()) / float64(e.Dx())
		} else {
			ew = side * float64(e.Dx()) / float64(e.Dy())
		}
		x0, y0 := int(x+(side-ew)/2), int((f.Band-eh)/2)
		d.cv.Picture(d.c.Emblem, x0, y0, x0+int(ew), y0+int(eh))
		x += side + 28
	}
	width := w - x - f.Margin
	office, err := d.fit(d.c.Office, d.style(f.OfficeSize, true, col.BandText), width, 2)
	if err != nil {
		return err
	}
	kicker, err := d.fit(d.c.Kicker, d.style(f.KickerSize, false, col.Kicker), width, 1)
	if err != nil {
		return err
	}
	gap := f.KickerSize * 0.35
	y := (f.Band - office.Height - gap - kicker.Height) / 2
	d.cv.Text(office, x, y)
	d.cv.Text(kicker, x, y+office.Height+gap)
	return nil
}

// body draws the scope, its rank, the facts and the trend.
func (d *drawer) body() error {
	f, col := d.f, d.l.Colors
	w, h := float64(f.Width), float64(f.Height)
	left, right := f.Margin, w-f.Margin
	bottom := h - f.Margin
	var panel trend.Box
	if d.c.Caption != "" {
		if d.wide {
			panel = trend.Box{X0: right - f.Trend, Y0: f.Band + f.Margin*0.75, X1: right, Y1: bottom}
			right = panel.X0 - f.Margin*0.75
		} else {
			panel = trend.Box{X0: left, Y0: bottom - f.Trend, X1: right, Y1: bottom}
			bottom = panel.Y0 - f.Margin*0.5
		}
	}
	y := f.Band + f.Margin*0.75
	d.out.Text = trend.Box{X0: left, Y0: y, X1: right, Y1: bottom}
	unit, err := d.fit(d.c.Unit, d.style(f.UnitSize, true, col.Unit), right-left, 2)
	if err != nil {
		return err
	}
	d.cv.Text(unit, left, y)
	y += unit.Height
	if d.c.Rank != "" {
		rank, err := d.fit(d.c.Rank, d.style(f.RankSize, true, col.Rank), right-left, 1)
		if err != nil {
			return err
		}
		d.cv.Text(rank, left, y)
		y += rank.Height
	}
	y += f.FactSize * 0.4
	if len(d.c.Facts) > 0 {
		d.cv.Rect(left, y, left+(right-left)*0.35, y+3, col.Rule.RGBA())
		d.out.Text.Y1 = bottom
		y += f.FactSize * 0.7
		if err := d.facts(left, y, right, bottom); err != nil {
			return err
		}
	}
	if d.c.Caption != "" {
		return d.trend(panel)
	}
	return nil
}

// facts draws the fact lines, one a paragraph, at the largest size from
// fact_size down to min_fact_size at which they fit above bottom.
func (d *drawer) facts(left, top, right, bottom float64) error {
	f, col := d.f, d.l.Colors
	for size := f.FactSize; ; size-- {
		indent := 0.0
		var ps []*typeset.Paragraph
		total := 0.0
		for _, s := range d.c.Facts {
			p, err := d.ts.LayoutText(s, d.style(size, false, col.Text), typeset.Options{Width: right - left - indent})
			if err != nil {
				return err
			}
			ps = append(ps, p)
			total += p.Height + size*0.3
		}
		if top+total > bottom && size > f.MinFactSize {
			continue
		}
		if top+total > bottom+size*0.3 {
			return fmt.Errorf("its %d facts do not fit even at min_fact_size %g; lower the sizes in %s", len(d.c.Facts), f.MinFactSize, LayoutFile)
		}
		y := top
		for _, p := range ps {
			d.cv.Text(p, left+indent, y)
			y += p.Height + size*0.3
		}
		return nil
	}
}

// trend draws the caption, the small trend and its first and last months
// on a panel.
func (d *drawer) trend(b trend.Box) error {
	f, col, st := d.f, d.l.Colors, d.l.Trend
	d.cv.Fill(raster.RoundRectPath(b.X0, b.Y0, b.X1, b.Y1, 18), st.Background.RGBA())
	pad := f.CaptionSize * 0.8
	cap, err := d.fit(d.c.Caption, d.style(f.CaptionSize, true, col.Caption), b.X1-b.X0-2*pad, 2)
	if err != nil {
		return err
	}
	d.cv.Text(cap, b.X0+pad, b.Y0+pad*0.6)
	small := d.style(f.CaptionSize*0.8, false, st.Muted)
	from, err := d.ts.LayoutText(d.c.From, small, typeset.Options{})
	if err != nil {
		return err
	}
	to, err := d.ts.LayoutText(d.c.To, small, typeset.Options{})
	if err != nil {
		return err
	}
	ly := b.Y1 - pad*0.5 - from.Height
	r := st.FirstSize + 6
	plot := trend.Box{X0: b.X0 + pad + r, Y0: b.Y0 + pad*0.6 + cap.Height + r + 8, X1: b.X1 - pad - r, Y1: ly - r - 6}
	trend.Plot(d.cv, d.c.Trend, plot, st)
	d.out.Panel = b
	d.out.Plot = trend.Box{X0: plot.X0 - r, Y0: plot.Y0 - r - 4, X1: plot.X1 + r, Y1: plot.Y1 + r + 4}
	d.cv.Text(from, b.X0+pad, ly)
	d.cv.Text(to, b.X1-pad-to.Width, ly)
	return nil
}
