package trend

import (
	"math"

	"github.com/igrs-pro/bulletin/bulletin/facts"
	"github.com/igrs-pro/bulletin/bulletin/l10n"
	"github.com/igrs-pro/bulletin/bulletin/raster"
	"github.com/igrs-pro/bulletin/bulletin/typeset"
)

// Chart size in pixels (16:9, as social media show a wide picture).
const (
	ChartW = 1200
	ChartH = 675
)

// Texts are the words of a chart in one language, from the catalogs.
type Texts struct {
	Title, Span, Axis, First, Gap string
	Months, Years                 []string // per month of the history
	Ranks                         []string // per month: the rank in the language's digits
	Tick                          func(int) string
}

// TextsFor writes the chart's words for unit and h in lang.
func TextsFor(lang *l10n.Lang, unit facts.UnitRef, h History) (Texts, error) {
	var t Texts
	name, err := lang.Unit(unit)
	if err != nil {
		return t, err
	}
	if len(h.Months) == 0 {
		return t, nil
	}
	from, err := lang.MonthYear(h.Months[0].Month)
	if err != nil {
		return t, err
	}
	to, err := lang.MonthYear(h.Months[len(h.Months)-1].Month)
	if err != nil {
		return t, err
	}
	msgs := []struct {
		dst *string
		id  string
		kv  []any
	}{
		{&t.Title, "Trend.Title", []any{"Unit", name}},
		{&t.Span, "Trend.Span", []any{"From", from, "To", to}},
		{&t.Axis, "Trend.Axis", nil},
		{&t.First, "Trend.First", nil},
		{&t.Gap, gapMessage(h), nil},
	}
	for _, m := range msgs {
		if *m.dst, err = lang.Msg(m.id, m.kv...); err != nil {
			return t, err
		}
	}
	for _, m := range h.Months {
		name, err := lang.Month(m.Month)
		if err != nil {
			return t, err
		}
		t.Months = append(t.Months, name)
		t.Years = append(t.Years, lang.Num(m.Month.Year))
		t.Ranks = append(t.Ranks, lang.Num(m.Rank))
	}
	t.Tick = func(r int) string { return lang.Num(r) }
	return t, nil
}

// gapMessage is the legend of the months without the scope's rank:
// Trend.Gap ("no ranking published") only when no unit of its level was
// ranked in any of them; when a ranking was published without the scope,
// Trend.NoRank ("no rank"), which is true of both.
func gapMessage(h History) string {
	for _, m := range h.Months {
		if !m.Published() && m.Units > 0 {
			return "Trend.NoRank"
		}
	}
	return "Trend.Gap"
}

// Draw draws the whole chart (title, span, plot, axis, month labels,
// legend) on a ChartW×ChartH surface.
// ts must be a Typesetter for unit "pt": one point is one pixel.
func Draw(s raster.Surface, ts *typeset.Typesetter, h History, t Texts, st Style) error {
	return draw(s, ts, h, t, st, 1)
}

// draw is Draw with a Typesetter whose unit is ptPerUnit points: font sizes
// are multiplied by it, so that text is measured in the chart's pixels.
func draw(s raster.Surface, ts *typeset.Typesetter, h History, t Texts, st Style, ptPerUnit float64) error {
	fam := typeset.Sans
	title := typeset.Style{Family: fam, Weight: typeset.Bold, Size: st.TitleSize * ptPerUnit, Color: st.Text.Color()}
	label := typeset.Style{Family: fam, Size: st.LabelSize * ptPerUnit, Color: st.Muted.Color()}
	bold := typeset.Style{Family: fam, Weight: typeset.Bold, Size: st.LabelSize * ptPerUnit, Color: st.Text.Color()}
	const left, right = 56.0, 56.0
	p, err := ts.LayoutText(t.Title, title, typeset.Options{Width: ChartW - left - right})
	if err != nil {
		return err
	}
	s.Text(p, left, 28)
	y := 28 + p.Height
	sub := label
	sub.Size *= 1.2
	if p, err = ts.LayoutText(t.Span, sub, typeset.Options{}); err != nil {
		return err
	}
	s.Text(p, left, y)
	y += p.Height + 64
	box := Box{X0: 150, Y0: y, X1: ChartW - right - 30, Y1: ChartH - 150}
	g := Plot(s, h, box, st)
	// Rank axis: labels right-aligned left of the grid, its name above.
	for _, r := range rankTicks(g.maxR) {
		p, err := ts.LayoutText(t.Tick(r), label, typeset.Options{})
		if err != nil {
			return err
		}
		s.Text(p, box.X0-g.overhang(st)-14-p.Width, g.y(r)-p.Lines[0].Baseline+st.LabelSize*0.35)
	}
	if p, err = ts.LayoutText(t.Axis, label, typeset.Options{}); err != nil {
		return err
	}
	s.Text(p, box.X0-g.overhang(st)-14-p.Width, box.Y0-st.FirstSize-8-p.Height)
	if err := monthLabels(s, ts, h, t, g, label, bold, st); err != nil {
		return err
	}
	return legend(s, ts, h, t, box.X0-g.overhang(st), ChartH-52, label, st)
}

// monthLabels writes each month's rank above its point (on a patch of
// the background, so that the line does not cross it), and the months'
// names below the plot: every k-th month counted back from the last when
// there are many, with the year under the first name and wherever the
// year changes.
func monthLabels(s raster.Surface, ts *typeset.Typesetter, h History, t Texts, g geometry, label, bold typeset.Style, st Style) error {
	k, err := fitMonths(ts, t.Months, g, &label)
	if err != nil {
		return err
	}
	n := len(h.Months)
	lastYear := 0
	for i, m := range h.Months {
		x := g.x(i)
		if m.Published() {
			r := st.PointSize
			if m.Rank == 1 {
				r = st.FirstSize
			}
			p, err := ts.LayoutText(t.Ranks[i], bold, typeset.Options{})
			if err != nil {
				return err
			}
			top := g.y(m.Rank) - r - 4 - p.Height
			s.Fill(raster.RoundRectPath(x-p.Width/2-3, top+p.Height*0.15, x+p.Width/2+3, top+p.Height*0.9, 3), st.Background.RGBA())
			s.Text(p, x-p.Width/2, top)
		}
		if (n-1-i)%k != 0 {
			continue
		}
		ly := g.box.Y1 + st.FirstSize + 12
		hgt, err := center(s, ts, t.Months[i], label, x, ly)
		if err != nil {
			return err
		}
		if m.Month.Year != lastYear {
			if _, err := center(s, ts, t.Years[i], label, x, ly+hgt); err != nil {
				return err
			}
			lastYear = m.Month.Year
		}
	}
	return nil
}

// fitMonths chooses every k-th month to label and shrinks the label size
// (not below 70%) so that the widest name fits k months' width.
func fitMonths(ts *typeset.Typesetter, names []string, g geometry, label *typeset.Style) (int, error) {
	widest := 0.0
	for _, n := range names {
		w, err := ts.Measure(typeset.Run{Text: n, Style: *label})
		if err != nil {
			return 0, err
		}
		widest = math.Max(widest, w)
	}
	const gap = 8
	k := 1
	for ; k < len(names); k++ {
		room := 2*g.slot()*float64(k) - gap
		if widest*0.7 <= room {
			label.Size *= math.Min(1, room/widest)
			break
		}
	}
	return k, nil
}

// legend explains the marks: a first month's ring and, when there is a
// gap, the band of a month without a ranking.
func legend(s raster.Surface, ts *typeset.Typesetter, h History, t Texts, x, y float64, label typeset.Style, st Style) error {
	p, err := ts.LayoutText(t.First, label, typeset.Options{})
	if err != nil {
		return err
	}
	r := st.FirstSize
	s.Fill(raster.CirclePath(x+r, y, r), st.First.RGBA())
	s.Fill(raster.CirclePath(x+r, y, r*0.45), st.Background.RGBA())
	s.Text(p, x+2*r+10, y-p.Height/2)
	x += 2*r + 10 + p.Width + 48
	if h.Published() == len(h.Months) {
		return nil
	}
	if p, err = ts.LayoutText(t.Gap, label, typeset.Options{}); err != nil {
		return err
	}
	s.Fill(raster.RectPath(x, y-r, x+2*r, y+r), st.Gap.RGBA())
	s.Text(p, x+2*r+10, y-p.Height/2)
	return nil
}

// PNG draws the chart as a PNG image.
func PNG(ts *typeset.Typesetter, h History, t Texts, st Style) ([]byte, error) {
	c := raster.New(ChartW, ChartH, st.Background.RGBA())
	if err := Draw(c, ts, h, t, st); err != nil {
		return nil, err
	}
	return c.PNG()
}

// SVG draws the chart as an SVG document.
func SVG(ts *typeset.Typesetter, h History, t Texts, st Style) ([]byte, error) {
	s := raster.NewSVG(ChartW, ChartH, st.Background.RGBA())
	if err := Draw(s, ts, h, t, st); err != nil {
		return nil, err
	}
	return s.Bytes(t.Title), nil
}
