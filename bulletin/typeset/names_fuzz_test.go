package typeset_test

import (
	"bytes"
	"errors"
	"sync"
	"testing"
	"time"

	"codeberg.org/go-pdf/fpdf"

	"github.com/igrs-pro/bulletin/bulletin/typeset"
	"github.com/igrs-pro/bulletin/fonts"
)

var (
	fuzzSetOnce sync.Once
	fuzzSet     *typeset.FontSet
	fuzzSetErr  error
)

// FuzzTypesetName typesets an arbitrary unit name as a certificate does:
// a name that the font set accepts must fit, draw and render as a PDF
// without a panic; a name it refuses must be refused with a CharError or
// an error, never half drawn.
func FuzzTypesetName(f *testing.F) {
	for _, s := range []string{
		"थाना कोतवाली नगर, जनपद गौतमबुद्धनगर (पुलिस कमिश्नरेट)",
		"Kanpur Zone", "कानपुर जोन", "क्‍ष", "र्‍", "ि", "्", "\u200d\u200c", "dkuiqj",
		"ज़िला", "Café", "  ", "", "\x00", "\xff", "a\u0301\u0301\u0301", "०१२३", "₹ 100%",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, name string) {
		fuzzSetOnce.Do(func() { fuzzSet, fuzzSetErr = typeset.NewFontSet(fonts.FS) })
		if fuzzSetErr != nil {
			t.Fatal(fuzzSetErr)
		}
		if err := fuzzSet.Check(name); err != nil {
			var ce *typeset.CharError
			if errors.As(err, &ce) && ce.Char == 0 && name != "" {
				t.Fatalf("CharError without a character: %v", err)
			}
			return
		}
		ts, err := typeset.NewTypesetter(fuzzSet, "mm")
		if err != nil {
			t.Fatal(err)
		}
		st := typeset.Style{Family: typeset.Serif, Weight: typeset.Bold, Size: 24}
		size, _, err := ts.FitSize(name, st, 150, 24, 8)
		if err != nil {
			return
		}
		if size < 8 || size > 24 {
			t.Fatalf("FitSize(%q) = %v, outside 8..24", name, size)
		}
		st.Size = size
		pdf := fpdf.New("P", "mm", "A4", "")
		pdf.SetCatalogSort(true)
		pdf.SetCreationDate(time.Date(2024, 11, 25, 0, 0, 0, 0, time.UTC))
		pdf.AddPage()
		if _, err := ts.DrawLine(pdf, 105, 40, typeset.Center, typeset.Run{Text: name, Style: st}); err != nil {
			return
		}
		var out bytes.Buffer
		if err := pdf.Output(&out); err != nil {
			return
		}
		if !bytes.HasPrefix(out.Bytes(), []byte("%PDF-")) {
			t.Fatalf("output is not a PDF")
		}
	})
}
