package dataset_test

import (
	"archive/zip"
	"bytes"
	"encoding/csv"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/igrs-pro/bulletin/bulletin/dataset"
	"github.com/igrs-pro/bulletin/bulletin/facts"
)

// cell is one cell of a test workbook: a string, a number, or a date
// cell (a number with a date format).
type cell struct {
	s    string
	n    float64
	num  bool
	date time.Time
	fmt  string // the date's custom number format; "" for the built-in d-mmm-yy
}

func str(s string) cell        { return cell{s: s} }
func num(v float64) cell       { return cell{n: v, num: true} }
func dateOf(s string) cell     { d, _ := time.Parse("2006-01-02", s); return cell{date: d} }
func dateFmt(s, f string) cell { c := dateOf(s); c.fmt = f; return c }

// workbook writes an .xlsx file with one sheet per entry of sheets, in
// order; a nil row is left empty.
func workbook(t testing.TB, sheets []string, rows map[string][][]cell) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	for i, name := range sheets {
		if i == 0 {
			if err := f.SetSheetName("Sheet1", name); err != nil {
				t.Fatal(err)
			}
		} else if _, err := f.NewSheet(name); err != nil {
			t.Fatal(err)
		}
		builtin, err := f.NewStyle(&excelize.Style{NumFmt: 15})
		if err != nil {
			t.Fatal(err)
		}
		custom := map[string]int{}
		for r, cells := range rows[name] {
			for c, v := range cells {
				ref, _ := excelize.CoordinatesToCellName(c+1, r+1)
				switch {
				case !v.date.IsZero():
					style := builtin
					if v.fmt != "" {
						if _, ok := custom[v.fmt]; !ok {
							code := v.fmt
							if custom[v.fmt], err = f.NewStyle(&excelize.Style{CustomNumFmt: &code}); err != nil {
								t.Fatal(err)
							}
						}
						style = custom[v.fmt]
					}
					err = f.SetCellValue(name, ref, v.date)
					if err == nil {
						err = f.SetCellStyle(name, ref, ref, style)
					}
				case v.num:
					err = f.SetCellFloat(name, ref, v.n, -1, 64)
				case v.s != "":
					err = f.SetCellStr(name, ref, v.s)
				}
				if err != nil {
					t.Fatal(err)
				}
			}
		}
	}
	var b bytes.Buffer
	if err := f.Write(&b); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// csvToXLSX converts a CSV file of the example data to a workbook as an
// office would hold it: ids and names as text, ranks and scores as numbers
// (max_score as text, as when typed with a leading apostrophe) and the
// month in the form given by month, a function of the file's month.
func csvToXLSX(t testing.TB, text []byte, month func(string) cell) []byte {
	t.Helper()
	recs, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(text, []byte("\xEF\xBB\xBF")))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	var rows [][]cell
	for i, rec := range recs {
		var row []cell
		for j, v := range rec {
			c := str(v)
			if i > 0 {
				switch recs[0][j] {
				case "month":
					c = month(v)
				case "rank", "score":
					if f, err := strconv.ParseFloat(v, 64); err == nil {
						c = num(f)
					}
				}
			}
			row = append(row, c)
		}
		rows = append(rows, row)
	}
	return workbook(t, []string{"Sheet1"}, map[string][][]cell{"Sheet1": rows})
}

// TestXLSXExampleIsTheSameData converts the example office's CSV files to
// workbooks, with months written in each accepted form, and checks they
// read as the same data with the same facts.
func TestXLSXExampleIsTheSameData(t *testing.T) {
	const examples = "../../examples"
	fromCSV, err := dataset.Load(filepath.Join(examples, "units.csv"), filepath.Join(examples, "rankings"))
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	b, err := os.ReadFile(filepath.Join(examples, "units.csv"))
	if err != nil {
		t.Fatal(err)
	}
	write := func(name string, b []byte) {
		if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("units.xlsx", csvToXLSX(t, b, nil))
	if err := os.Mkdir(filepath.Join(dir, "rankings"), 0o755); err != nil {
		t.Fatal(err)
	}
	forms := []func(string) cell{
		func(m string) cell { return dateOf(m + "-01") },                  // a date cell, d-mmm-yy
		func(m string) cell { return dateFmt(m+"-01", `[$-409]mmm\-yy`) }, // a date cell shown as Nov-24
		func(m string) cell { return str(textMonth(t, m, "Jan-06")) },
		func(m string) cell { return str(textMonth(t, m, "Jan-2006")) },
		func(m string) cell { return str(textMonth(t, m, "1/2006")) },
		func(m string) cell { return str(textMonth(t, m, "January 2006")) },
		func(m string) cell { return str(m) },
	}
	files, err := filepath.Glob(filepath.Join(examples, "rankings", "*.csv"))
	if err != nil || len(files) < len(forms) {
		t.Fatalf("example rankings: %v, %v", files, err)
	}
	for i, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		name := strings.TrimSuffix(filepath.Base(f), ".csv")
		if i%2 == 0 {
			write(filepath.Join("rankings", name+".xlsx"), csvToXLSX(t, b, forms[i%len(forms)]))
		} else {
			// Odd months stay CSV: a folder may mix both.
			write(filepath.Join("rankings", name+".csv"), b)
		}
	}
	fromXLSX, err := dataset.Load(filepath.Join(dir, "units.xlsx"), filepath.Join(dir, "rankings"))
	if err != nil {
		t.Fatal(err)
	}

	// Positions name other files; the lines and rows must agree.
	norm := func(d *dataset.Data) ([]dataset.Unit, []dataset.Ranking) {
		us := append([]dataset.Unit(nil), d.Units...)
		for i := range us {
			us[i].Pos = dataset.Pos{Line: us[i].Pos.Line}
		}
		rs := slices.Collect(d.Rankings())
		for i := range rs {
			rs[i].Pos = dataset.Pos{File: strings.TrimSuffix(filepath.Base(rs[i].Pos.File), filepath.Ext(rs[i].Pos.File)), Line: rs[i].Pos.Line}
		}
		return us, rs
	}
	cu, cr := norm(fromCSV)
	xu, xr := norm(fromXLSX)
	if !reflect.DeepEqual(cu, xu) {
		t.Errorf("units differ")
		for i := range min(len(cu), len(xu)) {
			if cu[i] != xu[i] {
				t.Errorf("unit %d: csv %+v, xlsx %+v", i, cu[i], xu[i])
				break
			}
		}
	}
	if !reflect.DeepEqual(cr, xr) {
		t.Errorf("rankings differ (%d, %d rows)", len(cr), len(xr))
		for i := range min(len(cr), len(xr)) {
			if cr[i] != xr[i] {
				t.Errorf("ranking %d: csv %+v, xlsx %+v", i, cr[i], xr[i])
				break
			}
		}
	}
	if !reflect.DeepEqual(fromCSV.Months(), fromXLSX.Months()) {
		t.Errorf("months: csv %v, xlsx %v", fromCSV.Months(), fromXLSX.Months())
	}
	nov := month(t, "2024-11")
	fc, err1 := facts.Compute(fromCSV, "z-kanpur", nov)
	fx, err2 := facts.Compute(fromXLSX, "z-kanpur", nov)
	if err1 != nil || err2 != nil {
		t.Fatal(err1, err2)
	}
	if !reflect.DeepEqual(fc, fx) {
		t.Errorf("facts differ:\ncsv  %+v\nxlsx %+v", fc, fx)
	}
	if fx.Scope.FirstStreak != 5 || len(fx.Levels) != 3 {
		t.Errorf("facts of the workbooks look wrong: %+v", fx)
	}
}

func textMonth(t testing.TB, m, layout string) string {
	d, err := time.Parse("2006-01", m)
	if err != nil {
		t.Fatal(err)
	}
	return d.Format(layout)
}

var goodUnitRows = [][]cell{
	{str("id"), str("level"), str("parent"), str("name_hi"), str("name_en")},
	{str("z-kanpur"), str("zone"), {}, str("कानपुर जोन"), str("Kanpur Zone")},
	{str("d-auraiya"), str("district"), {}, str("औरैया"), str("Auraiya")},
	{str("t-bidhuna"), str("thana"), str("d-auraiya"), str("बिधूना"), str("Bidhuna")},
}

// loadXLSX writes units.xlsx and r.xlsx and loads them with o.
func loadXLSX(t *testing.T, units, rankings []byte, o dataset.Options) (*dataset.Data, string) {
	t.Helper()
	dir := t.TempDir()
	up, rp := filepath.Join(dir, "units.xlsx"), filepath.Join(dir, "r.xlsx")
	if err := os.WriteFile(up, units, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(rp, rankings, 0o644); err != nil {
		t.Fatal(err)
	}
	d, err := dataset.LoadWith(up, rp, o)
	if err != nil {
		if d != nil {
			t.Errorf("LoadWith returned data and an error")
		}
		return nil, strings.ReplaceAll(err.Error(), dir+string(filepath.Separator), "DIR/")
	}
	return d, ""
}

func TestXLSXAccepts(t *testing.T) {
	// The header on row 3 below a blank row and a blank first column
	// cell, blank rows between, numbers typed as text, a rank stored as
	// 1.0, dates as date cells of any format and months as text.
	units := workbook(t, []string{"Units"}, map[string][][]cell{"Units": append([][]cell{nil, nil}, goodUnitRows...)})
	rows := [][]cell{
		{str(" Month "), str("UNIT"), str("rank"), str("score"), str("max_score")},
		{dateOf("2024-11-01"), str("t-bidhuna"), num(1.0), num(120.5), str(" 125 ")},
		nil,
		{dateFmt("2024-10-01", "mmmm yyyy"), str("t-bidhuna"), str("2"), str("99"), num(125)},
		{str("Sep-24"), str("t-bidhuna"), str("3.0")},
		{str("aug-2024"), str("t-bidhuna"), num(4)},
		{str("7/2024"), str("t-bidhuna"), num(5)},
		{str("2024-06"), str("t-bidhuna"), num(6)},
		{dateFmt("2024-05-01", `dd/mm/yyyy;@`), str("t-bidhuna"), num(7)},
		{str("May 2024"), str("d-auraiya"), num(8)},
	}
	r := workbook(t, []string{"Notes", "Ranks"}, map[string][][]cell{"Notes": {{str("not read")}}, "Ranks": rows})
	d, msg := loadXLSX(t, units, r, dataset.Options{RankingsSheet: "Ranks"})
	if msg != "" {
		t.Fatal(msg)
	}
	var got []string
	rs := slices.Collect(d.Rankings())
	for _, r := range rs {
		got = append(got, r.Month.String()+" "+r.Unit+" "+strconv.Itoa(r.Rank)+" "+r.Pos.String())
	}
	want := []string{
		"2024-11 t-bidhuna 1 DIR/r.xlsx!Ranks!2:2",
		"2024-10 t-bidhuna 2 DIR/r.xlsx!Ranks!4:4",
		"2024-09 t-bidhuna 3 DIR/r.xlsx!Ranks!5:5",
		"2024-08 t-bidhuna 4 DIR/r.xlsx!Ranks!6:6",
		"2024-07 t-bidhuna 5 DIR/r.xlsx!Ranks!7:7",
		"2024-06 t-bidhuna 6 DIR/r.xlsx!Ranks!8:8",
		"2024-05 t-bidhuna 7 DIR/r.xlsx!Ranks!9:9",
		"2024-05 d-auraiya 8 DIR/r.xlsx!Ranks!10:10",
	}
	for i := range got {
		got[i] = strings.Replace(got[i], filepath.Dir(rs[0].Pos.File)+string(filepath.Separator), "DIR/", 1)
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("rankings:\n got %q\nwant %q", got, want)
	}
	if r, _ := d.Rank(month(t, "2024-11"), "t-bidhuna"); !r.HasScore || r.Score != 120.5 || !r.HasMax || r.MaxScore != 125 {
		t.Errorf("2024-11 = %+v", r)
	}
	if u, _ := d.Unit("t-bidhuna"); u.Pos.Line != 6 || u.Pos.At("parent").String() != u.Pos.File+"!Units!C6" {
		t.Errorf("unit position %+v, parent cell %s", u.Pos, u.Pos.At("parent"))
	}
}

func TestXLSXProblems(t *testing.T) {
	goodUnits := workbook(t, []string{"Sheet1"}, map[string][][]cell{"Sheet1": goodUnitRows})
	header := []cell{str("month"), str("unit"), str("rank"), str("score"), str("max_score")}
	ranks := func(rows ...[]cell) []byte {
		return workbook(t, []string{"Sheet1"}, map[string][][]cell{"Sheet1": append([][]cell{header}, rows...)})
	}
	units := func(rows ...[]cell) []byte {
		return workbook(t, []string{"Sheet1"}, map[string][][]cell{"Sheet1": append(append([][]cell(nil), goodUnitRows...), rows...)})
	}
	good := ranks([]cell{str("2024-11"), str("t-bidhuna"), num(1)})
	tests := []struct {
		name            string
		units, rankings []byte
		opts            dataset.Options
		want            string
	}{
		{
			name:     "rank not a number, with the cell",
			rankings: ranks([]cell{str("2024-11"), str("t-bidhuna"), num(1)}, []cell{str("2024-10"), str("t-bidhuna"), str("abc")}),
			want:     `DIR/r.xlsx!Sheet1!C3: rank "abc" is not a positive whole number; write the rank like 1 or 21 (tied units share a rank)`,
		},
		{
			name:     "rank 1.5 stored as a number",
			rankings: ranks([]cell{str("2024-11"), str("t-bidhuna"), num(1.5)}),
			want:     `DIR/r.xlsx!Sheet1!C2: rank "1.5" is not a positive whole number; write the rank like 1 or 21 (tied units share a rank)`,
		},
		{
			name:     "a date that is not the 1st",
			rankings: ranks([]cell{dateOf("2025-11-24"), str("t-bidhuna"), num(1)}),
			want:     `DIR/r.xlsx!Sheet1!A2: month cell holds the date 2025-11-24, not a month; write the month as text such as 2024-11, or as a date on the 1st of the month (Excel reads Nov-24 typed into a cell as 24 November of this year)`,
		},
		{
			name:     "a number in the month column",
			rankings: ranks([]cell{num(202411), str("t-bidhuna"), num(1)}),
			want:     `DIR/r.xlsx!Sheet1!A2: month "202411" is not YYYY-MM; write the month as year-month, e.g. 2024-11 (Nov-2024, Nov-24, November 2024, 11/2024 and an Excel date on the 1st of the month are read too)`,
		},
		{
			name:     "unknown unit names the unit cell",
			rankings: ranks([]cell{str("2024-11"), str("t-bidhna"), num(1)}),
			want:     `DIR/r.xlsx!Sheet1!B2: unknown unit "t-bidhna"; did you mean "t-bidhuna"? (unit ids come from units.csv)`,
		},
		{
			name:     "duplicate row names both unit cells",
			rankings: ranks([]cell{str("2024-11"), str("t-bidhuna"), num(1)}, []cell{str("Nov-24"), str("t-bidhuna"), num(2)}),
			want:     `DIR/r.xlsx!Sheet1!B3: second row for unit "t-bidhuna" in 2024-11, the first is at DIR/r.xlsx!Sheet1!B2; keep one row per unit and month`,
		},
		{
			name:  "unknown parent names the parent cell",
			units: units([]cell{str("t-x"), str("thana"), str("d-auraia"), str("अजीतमल"), str("Ajitmal")}),
			want:  `DIR/units.xlsx!Sheet1!C5: parent "d-auraia" of unit "t-x" is not a unit id in this file; did you mean "d-auraiya"?`,
		},
		{
			name:  "legacy font in a workbook",
			units: units([]cell{str("t-x"), str("thana"), str("d-auraiya"), str("dkuiqj"), str("Kanpur")}),
			want:  `DIR/units.xlsx!Sheet1!D5: name_hi "dkuiqj" of unit "t-x" has Latin letters and no Devanagari: it was probably typed in a legacy font such as Kruti Dev; retype it in Unicode (e.g. with Google Input Tools / Windows Hindi Indic keyboard), or write off in a hi_check column if the Latin spelling is meant`,
		},
		{
			name:     "missing column",
			rankings: workbook(t, []string{"Sheet1"}, map[string][][]cell{"Sheet1": {{str("month"), str("unit_id"), str("rank")}, {str("2024-11"), str("t-bidhuna"), num(1)}}}),
			want:     `DIR/r.xlsx!Sheet1!A1: missing column "unit"; the header row must name month,unit,rank (any order, extra columns allowed)`,
		},
		{
			name:     "duplicate header column names its cell",
			rankings: workbook(t, []string{"Sheet1"}, map[string][][]cell{"Sheet1": {{str("month"), str("unit"), str("rank"), str("Rank")}, {str("2024-11"), str("t-bidhuna"), num(1), num(1)}}}),
			want:     `DIR/r.xlsx!Sheet1!D1: column "rank" appears twice in the header; keep one`,
		},
		{
			name:     "empty sheet",
			rankings: workbook(t, []string{"Sheet1"}, nil),
			want:     `DIR/r.xlsx!Sheet1: the sheet is empty; it needs a header row "month,unit,rank" and one row per unit and month`,
		},
		{
			name:     "header only",
			rankings: ranks(),
			want:     `DIR/r.xlsx!Sheet1!A1: the sheet has a header but no rows; add one row per unit and month`,
		},
		{
			name:     "named sheet missing",
			rankings: good,
			opts:     dataset.Options{RankingsSheet: "IGRS Nov"},
			want:     `DIR/r.xlsx: the workbook has no sheet "IGRS Nov"; its sheets are "Sheet1"; name one of them in config.toml, or rename the sheet`,
		},
		{
			name:     "sheet name with a space is quoted",
			rankings: workbook(t, []string{"IGRS Nov"}, map[string][][]cell{"IGRS Nov": {header, {str("2024-11"), str("t-bidhuna"), num(0)}}}),
			want:     `DIR/r.xlsx!'IGRS Nov'!C2: rank "0" is not a positive whole number; write the rank like 1 or 21 (tied units share a rank)`,
		},
		{
			name:     "CSV text named .xlsx",
			rankings: []byte("month,unit,rank\n2024-11,t-bidhuna,1\n"),
			want:     `DIR/r.xlsx: the file is not an Excel workbook (.xlsx) although its name ends in .xlsx; if it is CSV text, name it .csv`,
		},
		{
			name:     "an old .xls workbook named .xlsx",
			rankings: []byte("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1rest"),
			want:     `DIR/r.xlsx: the file is an Excel 97-2003 workbook or a password-protected one, which bulletin does not read; in Excel use Save As > "Excel Workbook (.xlsx)" without a password`,
		},
		{
			name:     "a broken zip",
			rankings: good[:len(good)/2],
			want:     `DIR/r.xlsx: cannot open the workbook (zip: not a valid zip file); open it in Excel and save it again as "Excel Workbook (.xlsx)"`,
		},
		{
			name:     "empty file",
			rankings: []byte{},
			want:     `DIR/r.xlsx: the file is empty; save the unit and month as an Excel workbook with a header row "month,unit,rank"`,
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			u, r := tc.units, tc.rankings
			if u == nil {
				u = goodUnits
			}
			if r == nil {
				r = good
			}
			_, got := loadXLSX(t, u, r, tc.opts)
			if got != tc.want {
				t.Errorf("error:\n got: %s\nwant: %s", got, tc.want)
			}
		})
	}
}

func TestDateFormats(t *testing.T) {
	// isDateFormat is not exported: check it through reading a number
	// cell with each format in the month column.
	for _, c := range []struct {
		code string
		date bool
	}{
		{"yyyy-mm-dd", true}, {"mmm-yy", true}, {`[$-409]mmmm\ yyyy;@`, true}, {"d/m", true},
		{"0", false}, {"General", false}, {"0.00", false}, {`"day "0`, false}, {"h:mm", false}, {"mm:ss", false},
	} {
		code := c.code
		f := excelize.NewFile()
		st, err := f.NewStyle(&excelize.Style{CustomNumFmt: &code})
		if err != nil {
			t.Fatal(err)
		}
		f.SetSheetRow("Sheet1", "A1", &[]any{"month", "unit", "rank"})
		f.SetSheetRow("Sheet1", "A2", &[]any{45597, "t-bidhuna", 1})
		f.SetCellStyle("Sheet1", "A2", "A2", st)
		var b bytes.Buffer
		if err := f.Write(&b); err != nil {
			t.Fatal(err)
		}
		rs, ps := dataset.ReadRankingsXLSX("r.xlsx", b.Bytes(), "")
		if got := len(ps) == 0; got != c.date {
			t.Errorf("format %q read as a date: %v (%v)", c.code, got, ps)
		} else if got && rs[0].Month != month(t, "2024-11") {
			t.Errorf("format %q: month %v", c.code, rs[0].Month)
		}
	}
}

// A sheet of more than dataset.MaxRows rows is refused as soon as the row after
// them is read, without loading the whole sheet (issue 10, case 8: a sheet
// of 1,048,576 rows took 54 s and 5 GB).
func TestXLSXRowCap(t *testing.T) {
	f := excelize.NewFile()
	sw, err := f.NewStreamWriter("Sheet1")
	if err != nil {
		t.Fatal(err)
	}
	sw.SetRow("A1", []any{"month", "unit", "rank"})
	for i := 2; i <= dataset.MaxSheetRows+10; i++ {
		cell, _ := excelize.CoordinatesToCellName(1, i)
		sw.SetRow(cell, []any{45597, "t-x", 1}) // a date serial: a cell that may be a date
	}
	if err := sw.Flush(); err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := f.Write(&b); err != nil {
		t.Fatal(err)
	}
	_, ps := dataset.ReadRankingsXLSX("big.xlsx", b.Bytes(), "")
	want := fmt.Sprintf("big.xlsx!Sheet1!%d:%d: more than %d rows, the most bulletin reads", dataset.MaxSheetRows+2, dataset.MaxSheetRows+2, dataset.MaxSheetRows)
	if len(ps) != 1 || !strings.HasPrefix(ps[0].String(), want) {
		t.Errorf("problems %.300v; want one starting %q", ps, want)
	}
}

// A CSV file of more than MaxRows rows is refused.
func TestCSVRowCap(t *testing.T) {
	var b strings.Builder
	b.WriteString("month,unit,rank\n")
	for range dataset.MaxRows + 1 {
		b.WriteString("2024-11,t-x,1\n")
	}
	_, ps := dataset.ReadRankings("r.csv", []byte(b.String()))
	want := fmt.Sprintf("r.csv:%d: more than %d rows", dataset.MaxRows+2, dataset.MaxRows)
	if len(ps) != 1 || !strings.HasPrefix(ps[0].String(), want) {
		t.Errorf("problems %.300v; want one starting %q", ps, want)
	}
}

// A workbook whose shared strings are missing is damaged, not a sheet of
// empty cells (one of issue 10's small cases).
func TestXLSXMissingSharedStrings(t *testing.T) {
	f := excelize.NewFile()
	f.SetSheetRow("Sheet1", "A1", &[]any{"month", "unit", "rank"})
	f.SetSheetRow("Sheet1", "A2", &[]any{"2024-11", "z-kanpur", 1})
	var whole bytes.Buffer
	if err := f.Write(&whole); err != nil {
		t.Fatal(err)
	}
	in, err := zip.NewReader(bytes.NewReader(whole.Bytes()), int64(whole.Len()))
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	w := zip.NewWriter(&out)
	for _, zf := range in.File {
		if zf.Name == "xl/sharedStrings.xml" {
			continue
		}
		r, _ := zf.Open()
		dst, _ := w.Create(zf.Name)
		io.Copy(dst, r)
		r.Close()
	}
	w.Close()
	_, ps := dataset.ReadRankingsXLSX("r.xlsx", out.Bytes(), "")
	if len(ps) != 1 || !strings.Contains(ps[0].String(), "the workbook is damaged: its cells refer to a table of texts (xl/sharedStrings.xml) that is not in the file") {
		t.Errorf("problems: %v", ps)
	}
	if _, ps := dataset.ReadRankingsXLSX("r.xlsx", whole.Bytes(), ""); len(ps) != 0 {
		t.Errorf("the whole workbook: %v", ps)
	}
}
