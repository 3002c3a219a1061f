package trend

import (
	"bytes"
	"encoding/xml"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/igrs-pro/bulletin/bulletin/config"
	"github.com/igrs-pro/bulletin/bulletin/dataset"
	"github.com/igrs-pro/bulletin/bulletin/facts"
	"github.com/igrs-pro/bulletin/bulletin/internal/ocrtest"
	"github.com/igrs-pro/bulletin/bulletin/l10n"
	"github.com/igrs-pro/bulletin/bulletin/typeset"
	"github.com/igrs-pro/bulletin/fonts"
	"github.com/igrs-pro/bulletin/locales"
)

var testStyle = Style{
	Background: RGB{255, 255, 255}, Text: RGB{20, 30, 60}, Muted: RGB{90, 90, 100},
	Grid: RGB{225, 228, 235}, Line: RGB{30, 70, 150}, Point: RGB{30, 70, 150},
	First: RGB{214, 150, 20}, Gap: RGB{238, 238, 238},
	LineWidth: 4, PointSize: 7, FirstSize: 11, TitleSize: 30, LabelSize: 17,
}

func month(y int, m time.Month) dataset.Month { return dataset.Month{Year: y, Month: m} }

// Three zones; Z1 is ranked in Jan, Feb, (March not published), April.
func sample() *dataset.Data {
	units := []dataset.Unit{
		{ID: "Z1", Level: dataset.Zone, NameHi: "कानपुर", NameEn: "Kanpur"},
		{ID: "Z2", Level: dataset.Zone, NameHi: "आगरा", NameEn: "Agra"},
		{ID: "Z3", Level: dataset.Zone, NameHi: "मेरठ", NameEn: "Meerut"},
	}
	var rs []dataset.Ranking
	add := func(m dataset.Month, ranks ...int) {
		for i, r := range ranks {
			rs = append(rs, dataset.Ranking{Month: m, Unit: units[i].ID, Rank: r})
		}
	}
	add(month(2024, 1), 2, 1, 3)
	add(month(2024, 2), 1, 2, 3)
	add(month(2024, 4), 1, 3, 2)
	return dataset.New(units, rs)
}

func TestOf(t *testing.T) {
	h, err := Of(sample(), "Z1", month(2023, 12), month(2024, 4))
	if err != nil {
		t.Fatal(err)
	}
	var got []int
	for _, m := range h.Months {
		got = append(got, m.Rank)
	}
	if want := []int{0, 2, 1, 0, 1}; !equal(got, want) {
		t.Errorf("ranks %v, want %v", got, want)
	}
	if h.Published() != 3 || h.Firsts() != 2 || h.maxRank() != 3 {
		t.Errorf("published %d firsts %d max %d", h.Published(), h.Firsts(), h.maxRank())
	}
	if l := h.Last(2); len(l.Months) != 2 || l.Months[0].Month != month(2024, 3) {
		t.Errorf("Last(2) = %+v", l)
	}
	if _, err := Of(sample(), "Z1", month(2024, 5), month(2024, 4)); err == nil {
		t.Error("a span that ends before it starts is accepted")
	}
	if _, err := Of(sample(), "nope", month(2024, 1), month(2024, 4)); err == nil {
		t.Error("an unknown scope is accepted")
	}
}

// TestOfDataFor: the history worked out from the data a build keeps
// (dataset.Data.For: two months and the scope's rankings) is the one
// worked out from all of it.
func TestOfDataFor(t *testing.T) {
	full := sample()
	for _, scope := range []string{"Z1", "Z2"} {
		for _, m := range []dataset.Month{month(2024, 2), month(2024, 4)} {
			want, err := Of(full, scope, month(2023, 12), m)
			if err != nil {
				t.Fatal(err)
			}
			got, err := Of(full.For(scope, m), scope, month(2023, 12), m)
			if err != nil || !reflect.DeepEqual(got, want) {
				t.Errorf("%s %s: history of For %+v, %v; want %+v", scope, m, got, err, want)
			}
		}
	}
}

func equal(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func TestRankTicks(t *testing.T) {
	for _, c := range []struct {
		max  int
		want []int
	}{
		{1, []int{1}}, {3, []int{1, 2, 3}}, {8, []int{1, 2, 4, 6, 8}},
		{18, []int{1, 5, 10, 15}}, {75, []int{1, 20, 40, 60}},
	} {
		if got := rankTicks(c.max); !equal(got, c.want) {
			t.Errorf("rankTicks(%d) = %v, want %v", c.max, got, c.want)
		}
	}
}

type env struct {
	ts   *typeset.Typesetter
	cat  *l10n.Catalog
	data *dataset.Data
	cfg  config.Config
}

func load(t testing.TB) env {
	t.Helper()
	set, err := typeset.NewFontSet(fonts.FS)
	if err != nil {
		t.Fatal(err)
	}
	ts, err := typeset.NewTypesetter(set, "pt")
	if err != nil {
		t.Fatal(err)
	}
	cat, err := l10n.Load(locales.FS, nil)
	if err != nil {
		t.Fatal(err)
	}
	c, err := config.Load("../../config.toml")
	if err != nil {
		t.Fatal(err)
	}
	d, err := dataset.Load(c.Units, c.Rankings)
	if err != nil {
		t.Fatal(err)
	}
	return env{ts, cat, d, c}
}

func (e env) chart(t testing.TB, tag string, h History) (Texts, []byte, []byte) {
	t.Helper()
	lang, err := e.cat.Lang(tag, l10n.Options{MonthSpelling: "office", Digits: "latin", PadCounts: true})
	if err != nil {
		t.Fatal(err)
	}
	u, _ := e.data.Unit(e.cfg.Scope)
	tx, err := TextsFor(lang, facts.UnitRef{ID: u.ID, Level: u.Level, NameHi: u.NameHi, NameEn: u.NameEn}, h)
	if err != nil {
		t.Fatal(err)
	}
	p, err := PNG(e.ts, h, tx, testStyle)
	if err != nil {
		t.Fatal(err)
	}
	s, err := SVG(e.ts, h, tx, testStyle)
	if err != nil {
		t.Fatal(err)
	}
	if dir := os.Getenv("TREND_KEEP"); dir != "" {
		os.WriteFile(filepath.Join(dir, "trend."+tag+".png"), p, 0o644)
		os.WriteFile(filepath.Join(dir, "trend."+tag+".svg"), s, 0o644)
	}
	return tx, p, s
}

// The example's chart in both languages: its size, determinism, its
// title read back by OCR, and an SVG whose labelled text is the chart's.
func TestChartExample(t *testing.T) {
	e := load(t)
	h, err := Of(e.data, e.cfg.Scope, month(2023, 10), month(2024, 11))
	if err != nil {
		t.Fatal(err)
	}
	// The example has no ranking for 2024-01..03 (not published).
	if h.Months[3].Published() || h.Months[5].Published() || !h.Months[6].Published() {
		t.Fatalf("example history %+v", h.Months)
	}
	for _, tag := range []string{"hi", "en"} {
		tx, p, s := e.chart(t, tag, h)
		_, p2, s2 := e.chart(t, tag, h)
		if !bytes.Equal(p, p2) || !bytes.Equal(s, s2) {
			t.Errorf("%s: two drawings differ", tag)
		}
		img, err := png.Decode(bytes.NewReader(p))
		if err != nil {
			t.Fatal(err)
		}
		if b := img.Bounds(); b.Dx() != ChartW || b.Dy() != ChartH {
			t.Errorf("%s: %v", tag, b)
		}
		if len(p) > 400<<10 {
			t.Errorf("%s: PNG %d bytes", tag, len(p))
		}
		// The title and span lines, read from the top of the chart.
		var top bytes.Buffer
		png.Encode(&top, img.(*image.RGBA).SubImage(image.Rect(0, 0, ChartW, 110)))
		got := ocrtest.Read(t, top.Bytes())
		if cer := ocrtest.CER(tx.Title+" "+tx.Span, got); cer > 0.03 {
			t.Errorf("%s: title OCR CER %.3f; read:\n%s", tag, cer, got)
		}
		var labels []string
		dec := xml.NewDecoder(bytes.NewReader(s))
		for {
			tok, err := dec.Token()
			if err != nil {
				break
			}
			if el, ok := tok.(xml.StartElement); ok {
				for _, a := range el.Attr {
					if a.Name.Local == "aria-label" {
						labels = append(labels, a.Value)
					}
				}
			}
		}
		all := strings.Join(labels, "|")
		for _, want := range []string{tx.Title, tx.Span, tx.First, tx.Gap, tx.Months[0]} {
			if !strings.Contains(all, want) {
				t.Errorf("%s: SVG has no text %q (has %s)", tag, want, all)
			}
		}
	}
}

// A month whose ranking of zones was published without Z1 is not "no
// ranking published": the legend says the month has no rank.
func TestGapLegendWhenARankingLeftTheScopeOut(t *testing.T) {
	cat, err := l10n.Load(locales.FS, nil)
	if err != nil {
		t.Fatal(err)
	}
	lang, err := cat.Lang("en", l10n.Options{MonthSpelling: "office", Digits: "latin"})
	if err != nil {
		t.Fatal(err)
	}
	d := sample()
	d = dataset.New(d.Units, append(slices.Collect(d.Rankings()), dataset.Ranking{Month: month(2024, 5), Unit: "Z2", Rank: 1}, dataset.Ranking{Month: month(2024, 6), Unit: "Z1", Rank: 1}))
	for _, tt := range []struct {
		to   dataset.Month
		want string
	}{
		{month(2024, 4), "No ranking published"}, // March: nothing published
		{month(2024, 6), "No rank"},              // May: published without Z1
	} {
		h, err := Of(d, "Z1", month(2024, 1), tt.to)
		if err != nil {
			t.Fatal(err)
		}
		tx, err := TextsFor(lang, facts.UnitRef{ID: "Z1", Level: dataset.Zone, NameEn: "Kanpur"}, h)
		if err != nil {
			t.Fatal(err)
		}
		if tx.Gap != tt.want {
			t.Errorf("up to %s: gap legend %q, want %q", tt.to, tx.Gap, tt.want)
		}
	}
}
