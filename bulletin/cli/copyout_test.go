package cli

import (
	"path/filepath"
	"strings"
	"testing"
	"unicode"

	"github.com/igrs-pro/bulletin/bulletin/config"
	"github.com/igrs-pro/bulletin/bulletin/internal/copyout"
)

// Every certificate of the example month, drawn as the batch draws it
// (bulletin build: fonts restricted to the whole month's certificates, so
// that each sub-font holds codes, spaces among them, of other certificates
// too), copies out in every extractor with each word of its unit's names,
// of the organisation and office at its head and of the signatory's name
// whole: a space inside a word is found, however small its share of the
// page's characters. Such spaces were pypdf's "राजेश क ु मार सिंह" (a
// sub-font's last space code had width 0 and /MissingWidth was 0), and
// pdf.js's "कार्य ालय", "कु मार" and pypdf's "ललितप ुर" where a Td placed
// a raised or lowered mark (typeset's writeText).
func TestCertificatesCopyOutWholeWords(t *testing.T) {
	if testing.Short() {
		t.Skip("extracts the month's certificates")
	}
	dir, rows := referenceCertificates(t)
	cfg, err := config.Load(repoConfig)
	if err != nil {
		t.Fatal(err)
	}
	heading := words(strings.Join([]string{cfg.Office.OrgHi, cfg.Office.OrgEn, cfg.Office.NameHi, cfg.Office.NameEn,
		cfg.Office.PlaceHi, cfg.Office.PlaceEn, cfg.Signatory.NameHi, cfg.Signatory.NameEn}, " "))
	if len(heading) < 8 {
		t.Fatalf("the example config names too few words: %q", heading)
	}
	for _, name := range copyout.Extractors {
		t.Run(name, func(t *testing.T) {
			names, n := 0, 0 // unit names' words broken; certificates
			for i := 0; i < len(rows); i += copyOutStep {
				r := rows[i]
				n++
				have := map[string]bool{}
				for _, w := range words(copyout.Extract(t, name, filepath.Join(dir, r[8]))) {
					have[w] = true
				}
				for _, w := range heading {
					if !have[w] {
						t.Errorf("%s: %q is not a whole word of its text", r[8], w)
					}
				}
				for _, w := range words(r[3] + " " + r[4]) {
					if !have[w] {
						names++
						if !namesMayBreak[name] {
							t.Errorf("%s: %q is not a whole word of its text", r[8], w)
						}
					}
				}
			}
			t.Logf("%d of %d certificates: %d words of the unit names broken", n, len(rows), names)
			if names > n/4 {
				t.Errorf("%d words of the unit names broken in %d certificates, want at most %d", names, n, n/4)
			}
		})
	}
}

// copyOutStep: the test extracts every copyOutStep-th certificate of the
// manifest (12 of 132; each extraction starts a process).
const copyOutStep = 11

// namesMayBreak names the extractors that still break a word of a unit's
// name now and then: pdf.js, where a mark is drawn in another sub-font
// than the letter before it ("याकूबपुर" in 2 of the example month's 132
// certificates, 7 before writeText placed marks without a Td). pdf.js
// starts a new text item at the font change; an item of marks alone has
// no width, and then any move to the right after it, however small (the
// 0.004 pt that brings the next glyph to its place, rounded to 0.01 pt),
// is a space to it. Which words break depends on how the batch's glyph
// uses fall into sub-fonts, and so on the batch's verification codes (the
// register's secret): the test bounds their number instead of naming them.
var namesMayBreak = map[string]bool{"pdfjs": true}

// words returns the words of s: its runs of letters, marks and digits
// (punctuation such as the comma after a name ends a word; a space or
// any other character inside a word breaks it).
func words(s string) []string {
	return strings.FieldsFunc(copyout.Normalize(s), func(r rune) bool {
		return !unicode.In(r, unicode.L, unicode.M, unicode.N, unicode.Cf)
	})
}
