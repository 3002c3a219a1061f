package typeset_test

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/igrs-pro/bulletin/bulletin/certificate"
	"github.com/igrs-pro/bulletin/bulletin/config"
	"github.com/igrs-pro/bulletin/bulletin/dataset"
	"github.com/igrs-pro/bulletin/bulletin/facts"
	"github.com/igrs-pro/bulletin/bulletin/internal/copyout"
	"github.com/igrs-pro/bulletin/bulletin/l10n"
	"github.com/igrs-pro/bulletin/bulletin/notedoc"
	"github.com/igrs-pro/bulletin/bulletin/typeset"
	"github.com/igrs-pro/bulletin/fonts"
	"github.com/igrs-pro/bulletin/locales"
	"github.com/igrs-pro/bulletin/templates"
)

// pageNumber matches the "n / N" notedoc draws at the foot of each page
// (not part of the note's text).
var pageNumber = regexp.MustCompile(`(^|\s)\d+ / \d+(\s|$)`)

// maxCER is the largest character error rate of copy-out the tests accept
// from any extractor.
const maxCER = 0.01

// corpusNote returns the shaping corpus (testdata/corpus.txt: UP place
// names, conjunct chains, nukta, ZWJ/ZWNJ, eyelash ra, both kinds of
// digits, ₹, English) set as a press note is, by bulletin/notedoc: a title
// and justified paragraphs of 12 items each. It returns the PDF and the
// text it holds.
func corpusNote(t testing.TB) ([]byte, string) {
	t.Helper()
	b, err := os.ReadFile("testdata/corpus.txt")
	if err != nil {
		t.Fatal(err)
	}
	var items []string
	for _, l := range strings.Split(string(b), "\n") {
		if l != "" && !strings.HasPrefix(l, "#") {
			items = append(items, l)
		}
	}
	var src strings.Builder
	src.WriteString("# आईजीआरएस रैंकिंग: shaping corpus\n")
	for i := 0; i < len(items); i += 12 {
		src.WriteString("\n" + strings.Join(items[i:min(i+12, len(items))], " ") + "\n")
	}
	set, err := typeset.NewFontSet(fonts.FS)
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	if err := notedoc.Render(&out, src.String(), set, notedoc.Options{}); err != nil {
		t.Fatal(err)
	}
	title, paras := notedoc.Parse(src.String())
	return out.Bytes(), title + " " + strings.Join(paras, " ")
}

// longestCertificate returns the certificate of the example month with the
// longest unit name, drawn as bulletin build draws it (fonts restricted to
// the batch's lines, the page recorded and added to its own document), and
// the text it holds in reading order.
func longestCertificate(t testing.TB) ([]byte, string) {
	t.Helper()
	d, err := dataset.Load("../../examples/units.csv", "../../examples/rankings")
	if err != nil {
		t.Fatal(err)
	}
	m, _ := dataset.ParseMonth("2024-11")
	cfg, err := config.Load("../../config.toml")
	if err != nil {
		t.Fatal(err)
	}
	awards, err := facts.Awards(d, cfg.Scope, m, facts.AwardRule{BestRank: 1})
	if err != nil {
		t.Fatal(err)
	}
	cat, err := l10n.Load(locales.FS, nil)
	if err != nil {
		t.Fatal(err)
	}
	var langs []*l10n.Lang
	for _, tag := range []string{"hi", "en"} {
		l, err := cat.Lang(tag, l10n.Options{MonthSpelling: "office", Digits: "latin", PadCounts: true})
		if err != nil {
			t.Fatal(err)
		}
		langs = append(langs, l)
	}
	lb, err := templates.FS.ReadFile("certificate-layout.toml")
	if err != nil {
		t.Fatal(err)
	}
	layout, err := certificate.ParseLayout(lb, nil, "")
	if err != nil {
		t.Fatal(err)
	}
	var long facts.Award
	for _, a := range awards {
		if len(a.Unit.NameHi)+len(a.Unit.NameEn) > len(long.Unit.NameHi)+len(long.Unit.NameEn) {
			long = a
		}
	}
	date := time.Date(2024, time.December, 1, 0, 0, 0, 0, time.UTC)
	v := certificate.Verification{Code: "ABCDEFGHIJ", Payload: certificate.QRPayload("", "KZ/IGRS/2024-11/0001", "ABCDEFGHIJ")}
	c, err := certificate.Compose(langs, long, "KZ/IGRS/2024-11/0001", date, cfg.Signatory, nil, v)
	if err != nil {
		t.Fatal(err)
	}
	full, err := typeset.NewFontSet(fonts.FS)
	if err != nil {
		t.Fatal(err)
	}
	set, err := full.Restrict(c.Lines(layout))
	if err != nil {
		t.Fatal(err)
	}
	ts, err := typeset.NewTypesetter(set, "mm")
	if err != nil {
		t.Fatal(err)
	}
	pg, err := certificate.Record(ts, c, layout)
	if err != nil {
		t.Fatal(err)
	}
	pdf := certificate.NewDocument(c.Number, date)
	if err := pg.Add(pdf); err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	if err := typeset.Output(pdf, &out); err != nil {
		t.Fatal(err)
	}
	return out.Bytes(), strings.Join(c.Lines(layout), " ")
}

// TestCopyOut: the text of a press note and of a certificate copies out of
// every extractor with at most maxCER character errors.
func TestCopyOut(t *testing.T) {
	docs := []struct {
		name string
		make func(testing.TB) ([]byte, string)
	}{
		{"corpus note", corpusNote},
		{"certificate", longestCertificate},
	}
	var mu sync.Mutex
	var report []string
	for _, d := range docs {
		pdf, want := d.make(t)
		for _, ex := range copyout.Extractors {
			t.Run(strings.ReplaceAll(d.name, " ", "-")+"/"+ex, func(t *testing.T) {
				got := pageNumber.ReplaceAllString(copyout.ExtractBytes(t, ex, pdf), " ")
				cer := copyout.CER(got, want)
				if dir := os.Getenv("COPYOUT_DUMP"); dir != "" { // to study the differences
					name := filepath.Join(dir, strings.ReplaceAll(d.name, " ", "-")+"."+ex)
					os.WriteFile(name+".got", []byte(copyout.Normalize(got)), 0o644)
					os.WriteFile(name+".want", []byte(copyout.Normalize(want)), 0o644)
					os.WriteFile(filepath.Join(dir, strings.ReplaceAll(d.name, " ", "-")+".pdf"), pdf, 0o644)
				}
				mu.Lock()
				report = append(report, fmt.Sprintf("%-12s %-10s %5.1f%%", d.name, ex, 100*cer))
				mu.Unlock()
				if cer > maxCER {
					t.Errorf("%s: character error rate %.1f%%, want at most %.0f%%\n got %s\nwant %s",
						ex, 100*cer, 100*maxCER, copyout.Normalize(got), copyout.Normalize(want))
				}
			})
		}
	}
	t.Logf("copy-out character error rates:\n%s", strings.Join(report, "\n"))
}
