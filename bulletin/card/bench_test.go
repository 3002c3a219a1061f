package card_test

import (
	"testing"

	"github.com/igrs-pro/bulletin/bulletin/card"
	"github.com/igrs-pro/bulletin/bulletin/facts"
	"github.com/igrs-pro/bulletin/bulletin/l10n"
	"github.com/igrs-pro/bulletin/bulletin/trend"
)

// BenchmarkMonth is a month's cards and trend charts for both languages,
// as build makes them on one core: compose, draw and encode four cards, two
// chart PNGs and two chart SVGs. The bound is 0.5 s.
func BenchmarkMonth(b *testing.B) {
	e := load(b)
	f, err := facts.Compute(e.data, e.cfg.Scope, nov)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		h, err := trend.Of(e.data, e.cfg.Scope, f.HistoryFrom, nov)
		if err != nil {
			b.Fatal(err)
		}
		for _, tag := range []string{"hi", "en"} {
			lang, err := e.cat.Lang(tag, l10n.Options{MonthSpelling: "office", Digits: "latin", PadCounts: true})
			if err != nil {
				b.Fatal(err)
			}
			c, err := card.Compose(lang, card.Input{Facts: f, Office: e.cfg.Office, History: h})
			if err != nil {
				b.Fatal(err)
			}
			for _, k := range card.Kinds {
				if _, err := card.PNG(e.ts, c, e.layout, k); err != nil {
					b.Fatal(err)
				}
			}
			tx, err := trend.TextsFor(lang, f.Scope.UnitRef, h)
			if err != nil {
				b.Fatal(err)
			}
			if _, err := trend.PNG(e.ts, h, tx, e.layout.Trend); err != nil {
				b.Fatal(err)
			}
			if _, err := trend.SVG(e.ts, h, tx, e.layout.Trend); err != nil {
				b.Fatal(err)
			}
		}
	}
}
