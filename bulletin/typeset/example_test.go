package typeset_test

import (
	"bytes"
	"fmt"
	"log"
	"time"

	"codeberg.org/go-pdf/fpdf"
	"github.com/igrs-pro/bulletin/bulletin/typeset"
	"github.com/igrs-pro/bulletin/fonts"
)

func Example() {
	set, err := typeset.NewFontSet(fonts.FS) // once per process, shared
	if err != nil {
		log.Fatal(err)
	}
	ts, err := typeset.NewTypesetter(set, "mm") // one per goroutine
	if err != nil {
		log.Fatal(err)
	}
	pdf := fpdf.New("P", "mm", "A4", "")
	pdf.SetCatalogSort(true)
	pdf.SetCreationDate(time.Date(2024, 11, 25, 0, 0, 0, 0, time.UTC))
	pdf.AddPage()

	title := typeset.Style{Family: typeset.Serif, Weight: typeset.Bold, Size: 24}
	unit := "थाना कोतवाली नगर, जनपद गौतमबुद्धनगर (पुलिस कमिश्नरेट)"
	title.Size, _, err = ts.FitSize(unit, title, 150, 24, 12) // shrink to fit 150 mm
	if err != nil {
		log.Fatal(err)
	}
	if _, err := ts.DrawLine(pdf, 105, 40, typeset.Center, typeset.Run{Text: unit, Style: title}); err != nil {
		log.Fatal(err)
	}
	body := typeset.Style{Family: typeset.Sans, Size: 12}
	p, err := ts.LayoutText("पुलिस अधीक्षक ने बताया कि नवम्बर-2024 में 100% शिकायतों का निस्तारण हुआ। Press Note संलग्न है।", body,
		typeset.Options{Width: 60, Align: typeset.Justify})
	if err != nil {
		log.Fatal(err)
	}
	if err := p.Draw(pdf, 20, 60); err != nil { // top-left corner
		log.Fatal(err)
	}
	var out bytes.Buffer
	if err := typeset.Output(pdf, &out); err != nil { // adds the /ToUnicode maps
		log.Fatal(err)
	}
	fmt.Printf("%.1f pt title, %d lines, %.1f mm high\n", title.Size, len(p.Lines), p.Height)
	// Output: 19.1 pt title, 3 lines, 18.8 mm high
}
