package build

import (
	"bytes"
	"crypto/sha256"
	"encoding/csv"
	"strings"
	"testing"
	"time"

	"github.com/igrs-pro/bulletin/bulletin/certificate"
	"github.com/igrs-pro/bulletin/bulletin/dataset"
	"github.com/igrs-pro/bulletin/bulletin/facts"
)

// Cells a spreadsheet would run as a formula are written as text.
func TestManifestCellsAreNeverFormulas(t *testing.T) {
	score := 125.0
	c := certificate.Ref{
		Number: "=HYPERLINK(\"http://x\")",
		Award: facts.Award{
			Unit:  facts.UnitRef{ID: "t1", Level: dataset.Thana, NameHi: "+थाना", NameEn: "@Bidhuna"},
			Rank:  1,
			Score: &score, MaxScore: &score,
		},
	}
	rows, err := csv.NewReader(bytes.NewReader(manifest([]certificate.Ref{c}, [][sha256.Size]byte{{0xde, 0xad}}))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	got := strings.Join(rows[1], "|")
	want := `'=HYPERLINK("http://x")|t1|thana|'+थाना|'@Bidhuna|1|125|125|certificates/thana/t1.pdf|dead` + strings.Repeat("0", 60)
	if got != want {
		t.Errorf("row = %s\nwant  %s", got, want)
	}
}

// Documents written into the storage of earlier ones (fpdf's SetBuffers,
// a bulletin patch, with buffers) are the bytes of documents written
// without: nothing of a longer document before shows through.
func TestReusedStorageSameBytes(t *testing.T) {
	date := time.Date(2024, 12, 1, 0, 0, 0, 0, time.UTC)
	write := func(text string, bufs *buffers) []byte {
		pdf := certificate.NewDocument("test", date)
		pdf.SetBuffers(bufs.get(docBuf), bufs.get(pageBuf))
		pdf.AddPage()
		pdf.SetFont("Helvetica", "", 8)
		for i, line := range strings.Split(text, "\n") {
			pdf.Text(10, 10+float64(i), line)
		}
		out := bytes.NewBuffer(bufs.get(docBuf))
		if err := pdf.Output(out); err != nil {
			t.Fatal(err)
		}
		doc, page := pdf.Buffers()
		bufs.put(docBuf, doc)
		bufs.put(pageBuf, page)
		return out.Bytes()
	}
	var bufs buffers
	long := strings.Repeat("a longer line of text\n", 400)
	for _, text := range []string{long, "short", long + "more", "short", "short"} {
		want := write(text, nil)
		got := write(text, &bufs)
		if !bytes.Equal(got, want) {
			t.Fatalf("%d bytes written into reused storage differ from the %d written without", len(got), len(want))
		}
		bufs.put(docBuf, got) // as the writers do
	}
	if s := bufs.get(pageBuf); cap(s) < len(long) {
		t.Errorf("page storage of %d bytes kept, want at least %d", cap(s), len(long))
	}
	if s := bufs.get(docBuf); cap(s) == 0 {
		t.Error("no document storage kept")
	}
}
