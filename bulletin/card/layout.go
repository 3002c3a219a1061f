// Package card draws the month's social-media cards: card.<lang>.square.png
// (1080×1080, for WhatsApp and Instagram) and card.<lang>.wide.png
// (1200×675, for X and Facebook). A card shows the office (and its emblem),
// the month, the scope's rank in the state, the facts the press note states
// (under the same rules: nothing the data does not support) and the scope's
// rank over the last 12 months of known history. The words come from the
// catalogs, the design from card-layout.toml, and the Hindi is shaped by
// bulletin/typeset and drawn by bulletin/raster.
package card

import (
	"fmt"
	"strings"

	"github.com/BurntSushi/toml"

	"github.com/igrs-pro/bulletin/bulletin/trend"
)

// LayoutFile is the name of the layout in the templates folder.
const LayoutFile = "card-layout.toml"

// Colors are the cards' colours.
type Colors struct {
	Background trend.RGB `toml:"background"`
	Band       trend.RGB `toml:"band"`
	BandText   trend.RGB `toml:"band_text"`
	Kicker     trend.RGB `toml:"kicker"`
	Unit       trend.RGB `toml:"unit"`
	Rank       trend.RGB `toml:"rank"`
	Text       trend.RGB `toml:"text"`
	Rule       trend.RGB `toml:"rule"`
	Caption    trend.RGB `toml:"caption"`
}

// Format is the geometry of one card format, in pixels.
type Format struct {
	Width       int     `toml:"width"`
	Height      int     `toml:"height"`
	Margin      float64 `toml:"margin"`
	Band        float64 `toml:"band"`
	Emblem      float64 `toml:"emblem"`
	OfficeSize  float64 `toml:"office_size"`
	KickerSize  float64 `toml:"kicker_size"`
	UnitSize    float64 `toml:"unit_size"`
	RankSize    float64 `toml:"rank_size"`
	FactSize    float64 `toml:"fact_size"`
	MinFactSize float64 `toml:"min_fact_size"`
	Trend       float64 `toml:"trend"` // square: height at the foot; wide: width on the right
	CaptionSize float64 `toml:"caption_size"`
}

// Layout is card-layout.toml.
type Layout struct {
	Colors Colors      `toml:"colors"`
	Square Format      `toml:"square"`
	Wide   Format      `toml:"wide"`
	Trend  trend.Style `toml:"trend"`
}

// ParseLayout reads the bundled layout and then, when override is not
// empty, the office's over it; settings the override leaves out keep the
// bundled values. Unknown settings and bad values are errors naming the
// file and the setting.
func ParseLayout(bundled, override []byte, overrideName string) (*Layout, error) {
	var l Layout
	if err := decode(bundled, &l, "bundled "+LayoutFile); err != nil {
		return nil, err
	}
	name := "bundled " + LayoutFile
	if len(override) > 0 {
		name = overrideName
		if err := decode(override, &l, overrideName); err != nil {
			return nil, err
		}
	}
	return &l, l.check(name)
}

func decode(b []byte, l *Layout, name string) error {
	md, err := toml.Decode(string(b), l)
	if err != nil {
		if pe, ok := err.(toml.ParseError); ok {
			return fmt.Errorf("%s:%d:%d: %s; fix the TOML syntax there", name, pe.Position.Line, pe.Position.Col, pe.Message)
		}
		return fmt.Errorf("%s: %v; write the values as in the bundled templates/%s", name, err, LayoutFile)
	}
	if und := md.Undecoded(); len(und) > 0 {
		var keys []string
		for _, k := range und {
			keys = append(keys, k.String())
		}
		return fmt.Errorf("%s: unknown setting %s; compare with the bundled templates/%s", name, strings.Join(keys, ", "), LayoutFile)
	}
	return nil
}

func (l *Layout) check(name string) error {
	for _, f := range []struct {
		key  string
		f    Format
		w, h int
	}{{"square", l.Square, 1080, 1080}, {"wide", l.Wide, 1200, 675}} {
		if f.f.Width != f.w || f.f.Height != f.h {
			return fmt.Errorf("%s: %s is %d x %d; the %s card must be %d x %d", name, f.key, f.f.Width, f.f.Height, f.key, f.w, f.h)
		}
		sizes := []struct {
			k string
			v float64
		}{{"office_size", f.f.OfficeSize}, {"kicker_size", f.f.KickerSize}, {"unit_size", f.f.UnitSize}, {"rank_size", f.f.RankSize},
			{"fact_size", f.f.FactSize}, {"min_fact_size", f.f.MinFactSize}, {"caption_size", f.f.CaptionSize}}
		for _, s := range sizes {
			if s.v < 10 || s.v > 200 {
				return fmt.Errorf("%s: %s.%s is %g; use a size between 10 and 200 pixels", name, f.key, s.k, s.v)
			}
		}
		if f.f.Margin < 0 || f.f.Band < 0 || f.f.Emblem < 0 || f.f.Trend < 0 || f.f.Margin*2 >= float64(f.w)/2 {
			return fmt.Errorf("%s: %s: margin, band, emblem and trend must be positive and leave room for the text", name, f.key)
		}
	}
	t := l.Trend
	if t.TitleSize < 10 || t.LabelSize < 8 || t.LineWidth <= 0 || t.PointSize <= 0 || t.FirstSize <= 0 {
		return fmt.Errorf("%s: trend: title_size (at least 10), label_size (at least 8), line_width, point_size and first_size must be positive", name)
	}
	return nil
}
