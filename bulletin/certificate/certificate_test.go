package certificate_test

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"regexp"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"codeberg.org/go-pdf/fpdf"

	"github.com/igrs-pro/bulletin/bulletin/certificate"
	"github.com/igrs-pro/bulletin/bulletin/config"
	"github.com/igrs-pro/bulletin/bulletin/dataset"
	"github.com/igrs-pro/bulletin/bulletin/facts"
	"github.com/igrs-pro/bulletin/bulletin/internal/ocrtest"
	"github.com/igrs-pro/bulletin/bulletin/internal/testtools"
	"github.com/igrs-pro/bulletin/bulletin/l10n"
	"github.com/igrs-pro/bulletin/bulletin/typeset"
	"github.com/igrs-pro/bulletin/fonts"
	"github.com/igrs-pro/bulletin/locales"
	"github.com/igrs-pro/bulletin/templates"
)

var update = flag.Bool("update", false, "rewrite testdata/*.golden")

var date = time.Date(2024, time.December, 1, 0, 0, 0, 0, time.UTC)

type fixture struct {
	// hideQR covers the QR code of every page with white (the OCR test:
	// OCR reads its modules as stray letters; TestQRCodeDecodes reads it).
	hideQR bool
	id     *certificate.Identity
	awards []facts.Award
	langs  []*l10n.Lang
	sig    config.Signatory
	num    *certificate.Numberer
	layout *certificate.Layout
}

func load(t testing.TB, month string) fixture {
	t.Helper()
	d, err := dataset.Load("../../examples/units.csv", "../../examples/rankings")
	if err != nil {
		t.Fatal(err)
	}
	m, _ := dataset.ParseMonth(month)
	cfg, err := config.Load("../../config.toml")
	if err != nil {
		t.Fatal(err)
	}
	f := fixture{sig: cfg.Signatory, id: &certificate.Identity{
		Org:    map[string]string{"hi": cfg.Office.OrgHi, "en": cfg.Office.OrgEn},
		Office: map[string]string{"hi": cfg.Office.NameHi, "en": cfg.Office.NameEn},
	}}
	// Every level, the zone itself too (which the office names in
	// certificates.levels to award itself).
	all := []dataset.Level{dataset.Zone, dataset.Range, dataset.District, dataset.Thana}
	if f.awards, err = facts.Awards(d, cfg.Scope, m, facts.AwardRule{Levels: all, BestRank: 1}); err != nil {
		t.Fatal(err)
	}
	cat, err := l10n.Load(locales.FS, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, tag := range []string{"hi", "en"} {
		l, err := cat.Lang(tag, l10n.Options{MonthSpelling: "office", Digits: "latin", PadCounts: true})
		if err != nil {
			t.Fatal(err)
		}
		f.langs = append(f.langs, l)
	}
	if f.num, err = certificate.NewNumberer(cfg.Certs.Number); err != nil {
		t.Fatal(err)
	}
	b, err := templates.FS.ReadFile("certificate-layout.toml")
	if err != nil {
		t.Fatal(err)
	}
	if f.layout, err = certificate.ParseLayout(b, nil, ""); err != nil {
		t.Fatal(err)
	}
	return f
}

// compose composes a's certificate as a new register would number it: the
// serial is the award's place among the month's of its level. The code
// stands in for the register's.
func (f fixture) compose(t testing.TB, a facts.Award) certificate.Certificate {
	t.Helper()
	serial := 0
	for _, o := range f.awards {
		if o.Unit.Level == a.Unit.Level {
			serial++
		}
		if o.Unit.ID == a.Unit.ID {
			break
		}
	}
	n, err := f.num.Number(a, serial)
	if err != nil {
		t.Fatal(err)
	}
	code := fmt.Sprintf("TEST%06d", serial)
	v := certificate.Verification{Code: code, Payload: certificate.QRPayload("https://pro.example.org", n, code)}
	c, err := certificate.Compose(f.langs, a, n, date, f.sig, f.id, v)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// The wording of every certificate of the example month.
func TestWordingGolden(t *testing.T) {
	f := load(t, "2024-11")
	var b bytes.Buffer
	numbers := map[string]string{}
	for _, a := range f.awards {
		c := f.compose(t, a)
		if other, dup := numbers[c.Number]; dup {
			t.Errorf("number %s given to %s and %s", c.Number, other, a.Unit.ID)
		}
		numbers[c.Number] = a.Unit.ID
		b.WriteString(c.String())
	}
	// 1 zone + 2 ranges + 5 districts + 125 thanas
	if len(f.awards) != 133 {
		t.Errorf("%d certificates, want 133", len(f.awards))
	}
	path := filepath.Join("testdata", "2024-11.golden")
	if *update {
		os.MkdirAll("testdata", 0o755)
		os.WriteFile(path, b.Bytes(), 0o644)
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(b.Bytes(), want) {
		t.Errorf("wording differs from %s (go test ./bulletin/certificate -update rewrites it)", path)
	}
}

func TestCitationWithoutScore(t *testing.T) {
	f := load(t, "2024-11")
	a := f.awards[0]
	a.Score, a.MaxScore, a.Rank = nil, nil, 23
	c := f.compose(t, a)
	if got := c.Texts[0].Citation; !strings.Contains(got, "प्रदेश में 23वीं रैंक प्राप्त करने पर") || strings.Contains(got, "अंक") {
		t.Errorf("hi citation = %q", got)
	}
	if got := c.Texts[1].Citation; !strings.Contains(got, "23rd rank in the state") || strings.Contains(got, "marks") {
		t.Errorf("en citation = %q", got)
	}
}

func TestNumberer(t *testing.T) {
	f := load(t, "2024-11")
	n, _ := certificate.NewNumberer(`{{.Unit}}-{{.Level}}-{{.Serial}}`)
	if got, _ := n.Number(f.awards[0], 4); got != "z-kanpur-zone-4" {
		t.Errorf("number = %q", got)
	}
	if _, err := certificate.NewNumberer(`{{.Month}}/{{.Seq}}`); err == nil || !strings.Contains(err.Error(), "use .Serial") {
		t.Errorf(".Seq: %v", err)
	}
	if _, err := certificate.NewNumberer(`{{.Month`); err == nil {
		t.Error("broken template: no error")
	}
	n, _ = certificate.NewNumberer(`{{.Nope}}`)
	if _, err := n.Number(f.awards[0], 1); err == nil {
		t.Error("unknown field: no error")
	}
}

// TestLayoutStyles: the families and weights a layout sets text in, for
// FontSet.RestrictTo: the bundled layout is all serif; a style an office
// sets in sans adds sans, in both weights.
func TestLayoutStyles(t *testing.T) {
	b, _ := templates.FS.ReadFile("certificate-layout.toml")
	serif := []typeset.Style{{Family: typeset.Serif}, {Family: typeset.Serif, Weight: typeset.Bold}}
	for over, want := range map[string][]typeset.Style{
		"":                               serif,
		"[foot_en]\nfamily = \"sans\"\n": append(serif, typeset.Style{Family: typeset.Sans}, typeset.Style{Family: typeset.Sans, Weight: typeset.Bold}),
	} {
		l, err := certificate.ParseLayout(b, []byte(over), "office/certificate-layout.toml")
		if err != nil {
			t.Fatal(err)
		}
		if got := l.Styles(); !reflect.DeepEqual(got, want) {
			t.Errorf("%q: styles %v, want %v", over, got, want)
		}
	}
}

func TestLayoutOverride(t *testing.T) {
	b, _ := templates.FS.ReadFile("certificate-layout.toml")
	l, err := certificate.ParseLayout(b, []byte("[unit_hi]\nsize = 30\n"), "office/certificate-layout.toml")
	if err != nil {
		t.Fatal(err)
	}
	if l.UnitHi.Size != 30 || l.UnitHi.Family != "serif" || l.UnitEn.Size != 15 {
		t.Errorf("override: unit_hi %+v, unit_en %+v", l.UnitHi, l.UnitEn)
	}
	for over, want := range map[string]string{
		"[unit_hi]\nsiz = 30\n":        `office/certificate-layout.toml: unknown setting unit_hi.siz`,
		"[unit_hi]\nfamily = \"x\"\n":  `office/certificate-layout.toml: unit_hi.family is "x"`,
		"[unit_hi]\nsize = 300\n":      `office/certificate-layout.toml: unit_hi.size is 300`,
		"[unit_hi\n":                   `office/certificate-layout.toml:2:`,
		"[content]\nleft = 250\n":      `content.left and content.right leave`,
		"[unit_hi]\nweight = \"x\"\n":  `unit_hi.weight is "x"`,
		"[gaps]\nafter_unit = \"x\"\n": `office/certificate-layout.toml:`,
	} {
		if _, err := certificate.ParseLayout(b, []byte(over), "office/certificate-layout.toml"); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("override %q: err = %v, want %q", over, err, want)
		}
	}
}

// fullTypesetter is a Typesetter of the embedded fonts, whole.
func fullTypesetter(t testing.TB) *typeset.Typesetter {
	t.Helper()
	full, err := typeset.NewFontSet(fonts.FS)
	if err != nil {
		t.Fatal(err)
	}
	ts, err := typeset.NewTypesetter(full, "mm")
	if err != nil {
		t.Fatal(err)
	}
	return ts
}

// render draws the certificates of units ids into one PDF.
func render(t testing.TB, f fixture, ids ...string) ([]byte, []certificate.Certificate) {
	full, err := typeset.NewFontSet(fonts.FS)
	if err != nil {
		t.Fatal(err)
	}
	var cs []certificate.Certificate
	var lines []string
	for _, a := range f.awards {
		for _, id := range ids {
			if a.Unit.ID == id {
				c := f.compose(t, a)
				cs = append(cs, c)
				lines = append(lines, c.Runs(f.layout)...)
			}
		}
	}
	// As bulletin build draws them: with the fonts restricted to the
	// certificates' lines.
	set, err := full.Restrict(lines)
	if err != nil {
		t.Fatal(err)
	}
	ts, err := typeset.NewTypesetter(set, "mm")
	if err != nil {
		t.Fatal(err)
	}
	// Each certificate drawn once and its page copied, as the batch does.
	pdf := certificate.NewDocument("test", date)
	for _, c := range cs {
		pg, err := certificate.Record(ts, c, f.layout)
		if err != nil {
			t.Fatal(err)
		}
		if err := pg.Add(pdf); err != nil {
			t.Fatal(err)
		}
		if f.hideQR {
			x, y := certificate.QRArea(f.layout)
			pdf.SetFillColor(255, 255, 255)
			pdf.Rect(x, y, f.layout.QR.Size, f.layout.QR.Size, "F")
		}
	}
	var b bytes.Buffer
	if err := pdf.Output(&b); err != nil {
		t.Fatal(err)
	}
	return b.Bytes(), cs
}

// The longest unit names of the data, and a made-up one too long for any
// size, stay inside the text area: nothing is cut, nothing overflows.
func TestLongestNamesStayInside(t *testing.T) {
	testtools.RequireTool(t, "pdftotext")
	f := load(t, "2024-11")
	ids := []string{"t-kanpur-dehat-cyber", "t-jhansi-mahila-kotwali-nagar", "z-kanpur"}
	var extra []facts.Award
	for _, a := range f.awards {
		if a.Unit.ID == "t-jhansi-mahila-kotwali-nagar" {
			a.Unit.ID = "made-up"
			a.Unit.NameHi = strings.Repeat(a.Unit.NameHi+" ", 4) + "अतिरिक्त"
			a.Unit.NameEn = strings.Repeat(a.Unit.NameEn+" ", 4) + "Extra"
			extra = append(extra, a)
		}
	}
	f.awards = append(f.awards, extra...)
	pdf, cs := render(t, f, append(ids, "made-up")...)
	if len(cs) != len(ids)+1 {
		t.Fatalf("%d certificates drawn, want %d", len(cs), len(ids)+1)
	}
	path := filepath.Join(t.TempDir(), "c.pdf")
	os.WriteFile(path, pdf, 0o644)
	out, err := exec.Command("pdftotext", "-bbox", path, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	const mm = 72 / 25.4
	minX, maxX := f.layout.Content.Left*mm-0.5, (297-f.layout.Content.Right)*mm+0.5
	words := regexp.MustCompile(`<word xMin="([0-9.]+)" yMin="[0-9.]+" xMax="([0-9.]+)"[^>]*>([^<]*)</word>`).FindAllStringSubmatch(string(out), -1)
	if len(words) < 10*len(cs) {
		t.Fatalf("only %d words found", len(words))
	}
	for _, w := range words {
		x0, _ := strconv.ParseFloat(w[1], 64)
		x1, _ := strconv.ParseFloat(w[2], 64)
		if x0 < minX || x1 > maxX {
			t.Errorf("%q spans %.1f-%.1f pt, outside the text area %.1f-%.1f", w[3], x0, x1, minX, maxX)
		}
	}
	for i, c := range cs {
		page, err := exec.Command("pdftotext", "-f", itoa(i+1), "-l", itoa(i+1), path, "-").Output()
		if err != nil {
			t.Fatal(err)
		}
		got := strings.Join(strings.Fields(string(page)), " ")
		for _, tx := range c.Texts {
			if !strings.Contains(got, tx.Unit) {
				t.Errorf("page %d lacks the unit line %q", i+1, tx.Unit)
			}
		}
	}
}

// TestRecordedPageLooksTheSame: a page made by Record and Add renders to
// the same pixels, and copies out the same text, as the certificate drawn
// straight into the document by Draw.
func TestRecordedPageLooksTheSame(t *testing.T) {
	pdftoppm := testtools.RequireTool(t, "pdftoppm")
	pdftotext := testtools.RequireTool(t, "pdftotext")
	f := load(t, "2024-11")
	ids := []string{"z-kanpur", "t-auraiya-bidhuna", "t-kanpur-dehat-cyber"}
	ts := fullTypesetter(t)
	drawn := certificate.NewDocument("test", date)
	copied := certificate.NewDocument("test", date)
	n := 0
	for _, a := range f.awards {
		if !slices.Contains(ids, a.Unit.ID) {
			continue
		}
		n++
		c := f.compose(t, a)
		if err := certificate.Draw(ts, drawn, c, f.layout); err != nil {
			t.Fatal(err)
		}
		pg, err := certificate.Record(ts, c, f.layout)
		if err != nil {
			t.Fatal(err)
		}
		if err := pg.Add(copied); err != nil {
			t.Fatal(err)
		}
	}
	if n != len(ids) {
		t.Fatalf("%d of the units %v have a certificate", n, ids)
	}
	dir := t.TempDir()
	var pixels, texts [2][]byte
	for i, pdf := range []*fpdf.Fpdf{drawn, copied} {
		var b bytes.Buffer
		if err := pdf.Output(&b); err != nil {
			t.Fatal(err)
		}
		path := filepath.Join(dir, itoa(i)+".pdf")
		if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		out, err := exec.Command(pdftoppm, "-r", "60", "-gray", path).Output()
		if err != nil {
			t.Fatalf("pdftoppm: %v", err)
		}
		pixels[i] = out
		if texts[i], err = exec.Command(pdftotext, "-enc", "UTF-8", path, "-").Output(); err != nil {
			t.Fatalf("pdftotext: %v", err)
		}
	}
	if !bytes.Equal(pixels[0], pixels[1]) {
		t.Error("the recorded pages render differently from the drawn ones")
	}
	if !bytes.Equal(texts[0], texts[1]) {
		t.Errorf("the recorded pages copy out\n%s\nthe drawn ones\n%s", texts[1], texts[0])
	}
}

func TestSameInputSameBytes(t *testing.T) {
	f := load(t, "2024-11")
	a, _ := render(t, f, "t-auraiya-bidhuna")
	b, _ := render(t, f, "t-auraiya-bidhuna")
	if !bytes.Equal(a, b) {
		t.Error("two renderings differ")
	}
	if len(a) > 40<<10 {
		t.Errorf("certificate is %d bytes, over 40 KB", len(a))
	}
}

func itoa(n int) string { return strconv.Itoa(n) }

// Every certificate of the example month, checked by ocrtest.MeasurePDF
// page by page against Certificate.Lines (with the QR code covered, whose
// modules OCR reads as stray letters; TestQRCodeDecodes reads it): the
// text copies out exactly
// (extract CER 0) and reads back by OCR. OCR (tesseract hin+eng) has two
// blind spots on these pages that have nothing to do with shaping: it
// drops the Latin digit 1 ("125" reads "25"; 8 to 10 of them a page) and
// sometimes reads an all-capital Latin number such as KZ/IGRS/2024-11 as
// Devanagari. So each page must read back within 0.045 (Devanagari drawn
// unshaped reads far worse) and the median page within 0.02.
func TestPdfcheckEveryCertificate(t *testing.T) {
	if testing.Short() {
		t.Skip("OCR of every certificate takes minutes")
	}
	ocrtest.RequireTools(t)
	testtools.RequireTool(t, "pdfseparate")
	f := load(t, "2024-11")
	f.hideQR = true
	ids := make([]string, len(f.awards))
	for i, a := range f.awards {
		ids[i] = a.Unit.ID
	}
	pdf, cs := render(t, f, ids...)
	dir := t.TempDir()
	path := filepath.Join(dir, "certificates.pdf")
	os.WriteFile(path, pdf, 0o644)
	// Pages are checked in parallel, one tesseract thread each.
	rates := make([]float64, len(cs))
	var wg sync.WaitGroup
	sem := make(chan struct{}, runtime.NumCPU())
	for i, c := range cs {
		page := filepath.Join(dir, "page-"+itoa(i+1)+".pdf")
		if out, err := exec.Command("pdfseparate", "-f", itoa(i+1), "-l", itoa(i+1), path, page).CombinedOutput(); err != nil {
			t.Fatalf("pdfseparate: %v: %s", err, out)
		}
		expect := strings.Join(c.Lines(f.layout), "\n")
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer func() { <-sem; wg.Done() }()
			r, err := ocrtest.MeasurePDF(page, expect)
			if err != nil {
				t.Errorf("%s: %v", c.Award.Unit.ID, err)
				rates[i] = 1
				return
			}
			if len(r.NotEmbedded) > 0 || r.ExtractCER > 0 || r.OCRCER > 0.045 {
				t.Errorf("%s: %v, fonts not embedded %v; want extract CER 0 and OCR CER at most 0.045; OCR read:\n%s", c.Award.Unit.ID, r, r.NotEmbedded, r.Read)
			}
			rates[i] = r.OCRCER
		}()
	}
	wg.Wait()
	slices.Sort(rates)
	median := rates[len(rates)/2]
	t.Logf("OCR CER over %d certificates: min %.4f, median %.4f, max %.4f", len(rates), rates[0], median, rates[len(rates)-1])
	if median > 0.02 {
		t.Errorf("median OCR CER %.4f, over 0.02", median)
	}
}

// TestDrawPageIsDraw: a certificate drawn by DrawPage into its own
// document gives the bytes Draw gives, and its page's Stream is that
// document's compressed content stream, which the print file copies; such
// a page cannot be added to another document (it keeps no content).
func TestDrawPageIsDraw(t *testing.T) {
	f := load(t, "2024-11")
	ts := fullTypesetter(t)
	n := 0
	for _, a := range f.awards {
		if a.Unit.ID != "z-kanpur" && a.Unit.ID != "t-auraiya-bidhuna" {
			continue
		}
		n++
		c := f.compose(t, a)
		var out [2]bytes.Buffer
		drawn := certificate.NewDocument(c.Number, date)
		if err := certificate.Draw(ts, drawn, c, f.layout); err != nil {
			t.Fatal(err)
		}
		own := certificate.NewDocument(c.Number, date)
		pg, err := certificate.DrawPage(ts, own, c, f.layout)
		if err != nil {
			t.Fatal(err)
		}
		if pg.Stream() != nil {
			t.Error("a page has a stream before its document is written")
		}
		for i, pdf := range []*fpdf.Fpdf{drawn, own} {
			if err := typeset.Output(pdf, &out[i]); err != nil {
				t.Fatal(err)
			}
		}
		if !bytes.Equal(out[0].Bytes(), out[1].Bytes()) {
			t.Errorf("%s: DrawPage's document differs from Draw's", a.Unit.ID)
		}
		s := pg.Stream()
		if len(s) < 1000 || !bytes.Contains(out[1].Bytes(), append([]byte("stream\n"), s...)) {
			t.Errorf("%s: the page's stream (%d bytes) is not its document's", a.Unit.ID, len(s))
		}
		if err := pg.Add(certificate.NewDocument("x", date)); err == nil {
			t.Errorf("%s: a page drawn into its own document was added to another", a.Unit.ID)
		}
		if _, err := certificate.DrawPage(ts, drawn, c, f.layout); err == nil {
			t.Error("DrawPage drew into a document that has a page")
		}
	}
	if n != 2 {
		t.Fatalf("%d certificates drawn, want 2", n)
	}
}
