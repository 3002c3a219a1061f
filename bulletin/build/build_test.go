package build

import (
	"bytes"
	"encoding/csv"
	"strings"
	"testing"

	"github.com/igrs-pro/bulletin/bulletin/certificate"
	"github.com/igrs-pro/bulletin/bulletin/dataset"
	"github.com/igrs-pro/bulletin/bulletin/facts"
)

// Cells a spreadsheet would run as a formula are written as text.
func TestManifestCellsAreNeverFormulas(t *testing.T) {
	score := 125.0
	c := certificate.Certificate{
		Number: "=HYPERLINK(\"http://x\")",
		Award: facts.Award{
			Unit:  facts.UnitRef{ID: "t1", Level: dataset.Thana, NameHi: "+थाना", NameEn: "@Bidhuna"},
			Rank:  1,
			Score: &score, MaxScore: &score,
		},
	}
	rows, err := csv.NewReader(bytes.NewReader(manifest([]certificate.Certificate{c}, []string{"-sum"}))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	got := strings.Join(rows[1], "|")
	want := `'=HYPERLINK("http://x")|t1|thana|'+थाना|'@Bidhuna|1|125|125|certificates/thana/t1.pdf|'-sum`
	if got != want {
		t.Errorf("row = %s\nwant  %s", got, want)
	}
}
