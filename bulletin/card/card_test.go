package card_test

import (
	"bytes"
	"image"
	"image/color"
	"image/draw"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/igrs-pro/bulletin/bulletin/card"
	"github.com/igrs-pro/bulletin/bulletin/config"
	"github.com/igrs-pro/bulletin/bulletin/dataset"
	"github.com/igrs-pro/bulletin/bulletin/facts"
	"github.com/igrs-pro/bulletin/bulletin/internal/ocrtest"
	"github.com/igrs-pro/bulletin/bulletin/l10n"
	"github.com/igrs-pro/bulletin/bulletin/trend"
	"github.com/igrs-pro/bulletin/bulletin/typeset"
	"github.com/igrs-pro/bulletin/fonts"
	"github.com/igrs-pro/bulletin/locales"
	"github.com/igrs-pro/bulletin/templates"
)

type env struct {
	ts     *typeset.Typesetter
	cat    *l10n.Catalog
	data   *dataset.Data
	cfg    config.Config
	layout *card.Layout
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
	b, err := templates.FS.ReadFile(card.LayoutFile)
	if err != nil {
		t.Fatal(err)
	}
	l, err := card.ParseLayout(b, nil, "")
	if err != nil {
		t.Fatal(err)
	}
	return env{ts, cat, d, c, l}
}

func (e env) content(t testing.TB, tag, scope string, m dataset.Month, emblem image.Image) card.Content {
	t.Helper()
	lang, err := e.cat.Lang(tag, l10n.Options{MonthSpelling: "office", Digits: "latin", PadCounts: true})
	if err != nil {
		t.Fatal(err)
	}
	f, err := facts.Compute(e.data, scope, m)
	if err != nil {
		t.Fatal(err)
	}
	h, err := trend.Of(e.data, scope, f.HistoryFrom, m)
	if err != nil {
		t.Fatal(err)
	}
	c, err := card.Compose(lang, card.Input{Facts: f, Office: e.cfg.Office, History: h, Emblem: emblem})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

var nov = dataset.Month{Year: 2024, Month: time.November}

// What the example's cards say: the facts of the note, in its words.
func TestComposeExample(t *testing.T) {
	e := load(t)
	hi := e.content(t, "hi", e.cfg.Scope, nov, nil)
	want := []string{
		"कार्यालय पुलिस महानिरीक्षक, कानपुर जोन, कानपुर", "आईजीआरएस रैंकिंग, नवम्बर-2024", "कानपुर जोन", "प्रदेश में प्रथम",
		"125 में से 125 अंक", "लगातार 05 माह से प्रथम", "वर्ष 2024 में 08 में से 07 बार प्रथम",
		"प्रथम परिक्षेत्र: कानपुर व झांसी", "प्रथम जनपद: कानपुर देहात, औरैया, इटावा, झांसी व ललितपुर", "139 में से 125 थाने प्रथम",
		"पिछले 12 माह में प्रदेश में रैंक", "दिसम्बर-2023", "नवम्बर-2024",
	}
	if got := hi.Lines(); strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("hi card:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if n := len(hi.Trend.Months); n != 12 {
		t.Errorf("trend of %d months, want 12", n)
	}
}

func decode(t *testing.T, b []byte) image.Image {
	t.Helper()
	img, err := png.Decode(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	return img
}

// readCard reads a card back by OCR part by part, as a reader's eye
// takes it (tesseract merges the lines of the wide card's two columns): the band (its light text on dark inverted to dark on light),
// the text column, the trend's panel with the plot itself (not text) left
// out.
func readCard(t *testing.T, d *card.Drawing) string {
	// Scaled by 1.6, as a PDF is rendered at 300 dpi for OCR: tesseract
	// reads best with letters 30 pixels or more high.
	const sc = 1.6
	t.Helper()
	img := image.NewRGBA(d.Image().Bounds())
	draw.Draw(img, img.Bounds(), d.Image(), image.Point{}, draw.Src)
	rect := func(b trend.Box) image.Rectangle {
		return image.Rect(int(b.X0), int(b.Y0), int(b.X1+0.999), int(b.Y1+0.999))
	}
	var read []string
	band := img.SubImage(rect(d.Band))
	read = append(read, ocrtest.ReadImage(t, ocrtest.Gray(band, sc, 0, band.Bounds().Dy())))
	read = append(read, ocrtest.ReadImage(t, ocrtest.Gray(img.SubImage(rect(d.Text)), sc, 0, 0)))
	if d.Panel != (trend.Box{}) {
		draw.Draw(img, rect(d.Plot), image.NewUniform(color.White), image.Point{}, draw.Src)
		read = append(read, ocrtest.ReadImage(t, ocrtest.Gray(img.SubImage(rect(d.Panel)), sc, 0, 0)))
	}
	return strings.Join(read, "\n")
}

// Every card of the example: dimensions, size, same bytes twice, and its
// text read back by OCR with a character error rate of at most 0.03.
func TestCardsOCR(t *testing.T) {
	e := load(t)
	keep := os.Getenv("CARD_KEEP")
	for _, tag := range []string{"hi", "en"} {
		c := e.content(t, tag, e.cfg.Scope, nov, nil)
		for _, k := range card.Kinds {
			b, err := card.PNG(e.ts, c, e.layout, k)
			if err != nil {
				t.Fatal(err)
			}
			again, _ := card.PNG(e.ts, c, e.layout, k)
			if !bytes.Equal(b, again) {
				t.Errorf("%s %s: two drawings differ", tag, k)
			}
			if keep != "" {
				os.WriteFile(filepath.Join(keep, card.FileName(tag, k)), b, 0o644)
			}
			img := decode(t, b)
			w, h := 1080, 1080
			if k == card.Wide {
				w, h = 1200, 675
			}
			if img.Bounds() != image.Rect(0, 0, w, h) {
				t.Errorf("%s %s: %v", tag, k, img.Bounds())
			}
			if len(b) > 400<<10 {
				t.Errorf("%s %s: %d bytes, over 400 KB", tag, k, len(b))
			}
			d, err := card.Draw(e.ts, c, e.layout, k)
			if err != nil {
				t.Fatal(err)
			}
			got := readCard(t, d)
			cer := ocrtest.CER(strings.Join(c.Lines(), "\n"), got)
			t.Logf("%s %s: %d bytes, OCR CER %.4f", tag, k, len(b), cer)
			if cer > 0.03 {
				t.Errorf("%s %s: OCR CER %.4f over 0.03; read:\n%s", tag, k, cer, got)
			}
		}
	}
}

// With office.emblem set, the emblem is drawn in the band.
func TestEmblem(t *testing.T) {
	e := load(t)
	red := color.RGBA{200, 0, 0, 255}
	em := image.NewRGBA(image.Rect(0, 0, 40, 40))
	for i := range em.Pix {
		em.Pix[i] = []uint8{200, 0, 0, 255}[i%4]
	}
	with := e.content(t, "hi", e.cfg.Scope, nov, em)
	cv, err := card.Draw(e.ts, with, e.layout, card.Square)
	if err != nil {
		t.Fatal(err)
	}
	f := e.layout.Square
	mid := cv.Image().RGBAAt(int(f.Margin+f.Emblem/2), int(f.Band/2))
	if mid != red {
		t.Errorf("emblem centre %v, want %v", mid, red)
	}
	without, err := card.Draw(e.ts, e.content(t, "hi", e.cfg.Scope, nov, nil), e.layout, card.Square)
	if err != nil {
		t.Fatal(err)
	}
	if got := without.Image().RGBAAt(int(f.Margin+f.Emblem/2), int(f.Band/2)); got == red {
		t.Error("emblem drawn without one")
	}
}

// The rules the note follows: a shared rank is said only with press.joint,
// a streak over unpublished months counts published rankings, the year's
// tally needs the history to cover the year, a unit's own level word is
// not repeated, the state has no rank and no trend.
func TestComposeRules(t *testing.T) {
	e := load(t)
	units := []dataset.Unit{
		{ID: "UP", Level: dataset.State, NameHi: "उत्तर प्रदेश", NameEn: "Uttar Pradesh"},
		{ID: "Z1", Level: dataset.Zone, Parent: "UP", NameHi: "कानपुर", NameEn: "Kanpur"},
		{ID: "Z2", Level: dataset.Zone, Parent: "UP", NameHi: "आगरा", NameEn: "Agra"},
		{ID: "R1", Level: dataset.Range, Parent: "Z1", NameHi: "झांसी परिक्षेत्र", NameEn: "Jhansi Range"},
	}
	var rs []dataset.Ranking
	for _, m := range []dataset.Month{{Year: 2024, Month: 2}, {Year: 2024, Month: 3}, {Year: 2024, Month: 5}} {
		rs = append(rs, dataset.Ranking{Month: m, Unit: "Z1", Rank: 1}, dataset.Ranking{Month: m, Unit: "Z2", Rank: 1},
			dataset.Ranking{Month: m, Unit: "R1", Rank: 1})
	}
	d := dataset.New(units, rs)
	may := dataset.Month{Year: 2024, Month: 5}
	compose := func(scope string, joint bool, from dataset.Month) []string {
		f, err := facts.ComputeWith(d, scope, may, facts.Options{HistoryFrom: from})
		if err != nil {
			t.Fatal(err)
		}
		h, err := trend.Of(d, scope, f.HistoryFrom, may)
		if err != nil {
			t.Fatal(err)
		}
		lang, _ := e.cat.Lang("en", l10n.Options{MonthSpelling: "office", Digits: "latin"})
		c, err := card.Compose(lang, card.Input{Facts: f, Office: e.cfg.Office, History: h, Joint: joint})
		if err != nil {
			t.Fatal(err)
		}
		return c.Lines()[2:]
	}
	feb := dataset.Month{Year: 2024, Month: 2}
	jan := dataset.Month{Year: 2024, Month: 1}
	got := strings.Join(compose("Z1", false, feb), " | ")
	want := "Kanpur Zone | First in the state | First in 3 published rankings in a row | Range first: Jhansi | Rank in the state, last 4 months | February 2024 | May 2024"
	if got != want {
		t.Errorf("Z1 from February:\n got %s\nwant %s", got, want)
	}
	got = strings.Join(compose("Z1", true, jan), " | ")
	want = "Kanpur Zone | Joint first in the state | First in 3 published rankings in a row | First in all 3 rankings of 2024 | Range first: Jhansi | Rank in the state, last 5 months | January 2024 | May 2024"
	if got != want {
		t.Errorf("Z1 joint, from January:\n got %s\nwant %s", got, want)
	}
	got = strings.Join(compose("UP", true, jan), " | ")
	want = "Uttar Pradesh | Zones first: Kanpur and Agra | Range first: Jhansi"
	if got != want {
		t.Errorf("the state:\n got %s\nwant %s", got, want)
	}
}
