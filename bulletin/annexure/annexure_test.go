package annexure_test

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/igrs-pro/bulletin/bulletin/annexure"
	"github.com/igrs-pro/bulletin/bulletin/dataset"
	"github.com/igrs-pro/bulletin/bulletin/facts"
	"github.com/igrs-pro/bulletin/bulletin/internal/testtools"
	"github.com/igrs-pro/bulletin/bulletin/l10n"
	"github.com/igrs-pro/bulletin/bulletin/typeset"
	"github.com/igrs-pro/bulletin/fonts"
	"github.com/igrs-pro/bulletin/locales"
)

var date = time.Date(2024, 12, 1, 0, 0, 0, 0, time.UTC)

// example composes the annexure of the example's 2024-11 for Kanpur Zone.
func example(t *testing.T) (*annexure.Annexure, *facts.Facts) {
	t.Helper()
	d, err := dataset.Load("../../examples/units.csv", "../../examples/rankings")
	if err != nil {
		t.Fatal(err)
	}
	f, err := facts.Compute(d, "z-kanpur", dataset.Month{Year: 2024, Month: time.November})
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
	a, err := annexure.Compose(f, langs)
	if err != nil {
		t.Fatal(err)
	}
	return a, f
}

func TestXLSX(t *testing.T) {
	a, f := example(t)
	b, err := a.XLSX()
	if err != nil {
		t.Fatal(err)
	}
	if again, _ := a.XLSX(); !bytes.Equal(b, again) {
		t.Error("two workbooks of the same annexure differ")
	}
	x, err := excelize.OpenReader(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	rows, err := x.GetRows("Annexure")
	if err != nil {
		t.Fatal(err)
	}
	want := 0
	for _, l := range f.Levels {
		want += len(l.Units)
	}
	// 2 ranges + 8 districts + 139 thanas evaluated, below one heading row.
	if want != 149 || len(rows) != 1+want {
		t.Fatalf("%d rows, want 1 + %d units (149)", len(rows), want)
	}
	if h := strings.Join(rows[0], "|"); h != "स्तर / Level|इकाई / Unit (Hindi)|इकाई (अंग्रेज़ी) / Unit|रैंक / Rank|प्राप्तांक / Marks|पूर्णांक / Max. marks|पूर्व रैंक / Previous rank|id" {
		t.Errorf("heading row %q", h)
	}
	if r := rows[1]; r[0] != "परिक्षेत्र (02) / Ranges (2)" || r[1] != "कानपुर" || r[2] != "Kanpur" || r[3] != "1" || r[7] != "r-kanpur" {
		t.Errorf("first row %q", r)
	}
	panes, err := x.GetPanes("Annexure")
	if err != nil || !panes.Freeze || panes.YSplit != 1 || panes.TopLeftCell != "A2" {
		t.Errorf("panes %+v, %v; want the heading row frozen", panes, err)
	}
	if w, _ := x.GetColWidth("Annexure", "B"); w < 20 {
		t.Errorf("name column %.1f wide", w)
	}
	// Numbers are numbers: rank, marks, max marks and the previous rank.
	for _, col := range []string{"D", "E", "F", "G"} {
		cell := col + "12"
		typ, err := x.GetCellType("Annexure", cell)
		v, _ := x.GetCellValue("Annexure", cell)
		if _, perr := strconv.ParseFloat(v, 64); err != nil || perr != nil || (typ != excelize.CellTypeNumber && typ != excelize.CellTypeUnset) {
			t.Errorf("%s = %q, type %v; want a number", cell, v, typ)
		}
	}
}

func TestPDF(t *testing.T) {
	pdftotext := testtools.RequireTool(t, "pdftotext")
	a, f := example(t)
	set, err := typeset.NewFontSet(fonts.FS)
	if err != nil {
		t.Fatal(err)
	}
	ts, err := typeset.NewTypesetter(set, "mm")
	if err != nil {
		t.Fatal(err)
	}
	b, err := a.PDF(ts, date)
	if err != nil {
		t.Fatal(err)
	}
	if again, _ := a.PDF(ts, date); !bytes.Equal(b, again) {
		t.Error("two PDFs of the same annexure differ")
	}
	path := filepath.Join(t.TempDir(), "annexure.pdf")
	os.WriteFile(path, b, 0o644)
	all, err := exec.Command(pdftotext, "-raw", path, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	pages := strings.Split(strings.TrimRight(string(all), "\f"), "\f")
	if len(pages) < 4 {
		t.Fatalf("%d pages, want the 149 units on 4 or more", len(pages))
	}
	for i, p := range pages {
		// The table's heading on every page, in both languages.
		for _, h := range []string{"क्रम", "No.", "रैंक", "Rank", "Previous rank"} {
			if !strings.Contains(p, h) {
				t.Errorf("page %d lacks the heading %q", i+1, h)
			}
		}
	}
	text := strings.Join(strings.Fields(string(all)), " ")
	for _, want := range []string{"अनुलग्नक: आईजीआरएस रैंकिंग नवम्बर-2024, कानपुर जोन की इकाइयाँ", "Annexure: IGRS ranking, November 2024, units of Kanpur Zone",
		"परिक्षेत्र (02) / Ranges (2)", "जनपद (08) / Districts (8)", "थाने (139) / Police stations (139)"} {
		if !strings.Contains(text, want) {
			t.Errorf("the PDF lacks %q", want)
		}
	}
	for _, l := range f.Levels {
		for _, u := range l.Units {
			if !strings.Contains(text, u.NameEn) || !strings.Contains(text, u.NameHi) {
				t.Errorf("the PDF lacks %s (%s, %s)", u.ID, u.NameHi, u.NameEn)
			}
		}
	}
}
