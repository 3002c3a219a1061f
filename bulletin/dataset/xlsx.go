package dataset

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"
)

// Limits on what an .xlsx file may unpack to: a month's rankings are a few
// hundred kilobytes, so anything near these is a broken or hostile file.
const (
	xlsxUnzipLimit    = 256 << 20
	xlsxUnzipXMLLimit = 64 << 20
)

var oleMagic = []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}

// readSheet reads a worksheet of an .xlsx workbook into a table, as
// readTable reads a CSV file: the first non-blank row is the header, cells
// are trimmed, blank rows are skipped. Cells are read as stored, not as
// displayed: a number is its value (1, not "1.00"). Cells of the columns
// dateCols that hold a date, or a number formatted as one, are recorded
// in the row's dates. Positions name the sheet and the cell.
func readSheet(file string, b []byte, sheet string, required []string, what string, dateCols []string) (t *table, ps Problems) {
	whole := Pos{File: file}
	defer func() {
		// A damaged workbook must be a problem to report, never a crash.
		if r := recover(); r != nil {
			t, ps = nil, Problems{{Pos: whole, Msg: fmt.Sprintf("cannot read the workbook (%v); open it in Excel and save it again as \"Excel Workbook (.xlsx)\"", r)}}
		}
	}()
	if ps = checkWorkbookBytes(file, b, required, what); len(ps) > 0 {
		return nil, ps
	}
	f, err := excelize.OpenReader(bytes.NewReader(b), excelize.Options{UnzipSizeLimit: xlsxUnzipLimit, UnzipXMLSizeLimit: xlsxUnzipXMLLimit})
	if err != nil {
		ps.add(whole, "cannot open the workbook (%v); open it in Excel and save it again as \"Excel Workbook (.xlsx)\"", err)
		return nil, ps
	}
	defer f.Close()
	name, ok := sheetToRead(whole, f.GetSheetList(), sheet, what, &ps)
	if !ok {
		return nil, ps
	}
	whole.Sheet = name
	t = &table{file: file, sheet: name, hdr: &header{cols: map[string]int{}}}
	rows, err := f.Rows(name)
	if err != nil {
		ps.add(whole, "cannot read the sheet (%v); open the workbook in Excel and save it again", err)
		return nil, ps
	}
	defer rows.Close()
	maybe, headerRow, ok := t.readRows(rows, required, dateCols, &ps)
	if !ok {
		return nil, ps
	}
	if err := rows.Error(); err != nil {
		ps.add(whole, "cannot read the sheet (%v); open the workbook in Excel and save it again", err)
		return nil, ps
	}
	t.readDates(f, maybe)
	if headerRow == 0 {
		ps.add(whole, "the sheet is empty; it needs a header row %q and one row per %s", strings.Join(required, ","), what)
		return nil, ps
	}
	if len(t.rows) == 0 {
		ps.add(Pos{File: file, Sheet: name, Line: headerRow, Col: 1}, "the sheet has a header but no rows; add one row per %s", what)
		return nil, ps
	}
	return t, ps
}

// checkWorkbookBytes reports what makes b, before it is unzipped, no
// workbook bulletin can read: empty, an Excel 97-2003 or encrypted file,
// not a zip, or cells referring to texts the file lacks.
func checkWorkbookBytes(file string, b []byte, required []string, what string) Problems {
	var ps Problems
	whole := Pos{File: file}
	switch {
	case len(bytes.TrimSpace(b)) == 0:
		ps.add(whole, "the file is empty; save the %s as an Excel workbook with a header row %q", what, strings.Join(required, ","))
	case bytes.HasPrefix(b, oleMagic):
		ps.add(whole, "the file is an Excel 97-2003 workbook or a password-protected one, which bulletin does not read; in Excel use Save As > \"Excel Workbook (.xlsx)\" without a password")
	case !bytes.HasPrefix(b, zipMagic):
		ps.add(whole, "the file is not an Excel workbook (.xlsx) although its name ends in %s; if it is CSV text, name it .csv", extOf(file))
	case missingSharedStrings(b):
		ps.add(whole, "the workbook is damaged: its cells refer to a table of texts (xl/sharedStrings.xml) that is not in the file; open it in Excel and save it again as \"Excel Workbook (.xlsx)\"")
	}
	return ps
}

// sheetToRead returns the name of the sheet to read among sheets: sheet,
// as config.toml names it, or the first when it names none. It reports
// false, with the problem, when there is no such sheet.
func sheetToRead(whole Pos, sheets []string, sheet, what string, ps *Problems) (string, bool) {
	if len(sheets) == 0 {
		ps.add(whole, "the workbook has no worksheet; put the %s on its first sheet", what)
		return "", false
	}
	if sheet == "" {
		return sheets[0], true
	}
	if !contains(sheets, sheet) {
		ps.add(whole, "the workbook has no sheet %q; its sheets are %s; name one of them in config.toml, or rename the sheet", sheet, quoteList(sheets))
		return "", false
	}
	return sheet, true
}

// readRows reads the sheet's rows into t: the first non-blank row is the
// header, the others are t.rows. It returns the cells of dateCols that may
// hold a date and the header's row (0 when every row is blank), or false
// when a problem ends the reading.
func (t *table) readRows(rows *excelize.Rows, required, dateCols []string, ps *Problems) (maybe []cellRef, headerRow int, ok bool) {
	var dateIdx []int
	cells := 0 // cells read
	for n := 1; rows.Next(); n++ {
		rec, err := rows.Columns(excelize.Options{RawCellValue: true})
		if err != nil {
			ps.add(Pos{File: t.file, Sheet: t.sheet, Line: n}, "cannot read the row (%v); open the workbook in Excel and save it again", err)
			return nil, 0, false
		}
		for i := range rec {
			rec[i] = strings.TrimSpace(rec[i])
		}
		if blank(rec) {
			continue
		}
		if headerRow == 0 {
			headerRow = n
			if !t.readHeader(rec, n, required, ps) {
				return nil, 0, false
			}
			dateIdx = t.columns(dateCols)
			continue
		}
		for _, i := range dateIdx {
			if i < len(rec) && mayBeDate(rec[i]) {
				maybe = append(maybe, cellRef{len(t.rows), i})
			}
		}
		if cells += len(rec); len(t.rows) == MaxSheetRows || cells > MaxSheetCells {
			ps.add(Pos{File: t.file, Sheet: t.sheet, Line: n}, tooManyRows, MaxSheetRows)
			return nil, 0, false
		}
		t.rows = append(t.rows, row{line: n, cells: rec})
	}
	return maybe, headerRow, true
}

// columns returns the indexes of the columns of names that the header has.
func (t *table) columns(names []string) []int {
	var idx []int
	for _, c := range names {
		if i, ok := t.hdr.cols[c]; ok {
			idx = append(idx, i)
		}
	}
	return idx
}

// readDates records in t's rows the dates held by the cells maybe.
// Whether a number is a date depends on its cell's style, which excelize
// reads from the whole sheet loaded at once: only now, for a sheet within
// MaxRows, and only when a cell may be a date.
func (t *table) readDates(f *excelize.File, maybe []cellRef) {
	for _, c := range maybe {
		r := &t.rows[c.row]
		if d, ok := dateCell(f, t.sheet, c.col+1, r.line, r.cells[c.col]); ok {
			if r.dates == nil {
				r.dates = map[int]cellDate{}
			}
			r.dates[c.col] = d
		}
	}
}

// dateCell reports the date held by the cell at column col, row line: a
// date cell, or a number with a date format. raw is its stored value.
// A worksheet is read row by row, but telling a date from a number needs
// the cells' styles, which excelize reads by loading the whole sheet, at
// about 6 KB a row: a sheet may hold MaxSheetRows rows of at most
// MaxSheetCells cells in all, which keeps a run under 500 MB (300 MB
// measured for 50,000 rows of dates).
const (
	MaxSheetRows  = 50_000
	MaxSheetCells = 6 * MaxSheetRows
)

// cellRef is a cell of t.rows: row index, column index.
type cellRef struct{ row, col int }

// isoDate matches the start of an ISO 8601 date cell's value.
var isoDate = regexp.MustCompile(`^[0-9]{4}-[0-9]{2}-[0-9]{2}`)

// mayBeDate reports whether a raw cell value may be a date: a number (a
// serial date, if its style is a date format) or an ISO date (t="d").
// Text such as 2024-11 or Nov-2024 is not: it is read as text.
func mayBeDate(raw string) bool {
	if raw == "" {
		return false
	}
	if _, err := strconv.ParseFloat(raw, 64); err == nil {
		return true
	}
	return isoDate.MatchString(raw)
}

func dateCell(f *excelize.File, sheet string, col, line int, raw string) (cellDate, bool) {
	ref, err := excelize.CoordinatesToCellName(col, line)
	if err != nil {
		return cellDate{}, false
	}
	typ, err := f.GetCellType(sheet, ref)
	if err != nil {
		return cellDate{}, false
	}
	switch typ {
	case excelize.CellTypeDate:
		// An ISO 8601 date cell (t="d"): 2024-11-01 or 2024-11-01T00:00:00Z.
		if len(raw) < 10 {
			return cellDate{}, false
		}
		d, err := time.Parse("2006-01-02", raw[:10])
		if err != nil {
			return cellDate{}, false
		}
		return cellDate{d.Year(), int(d.Month()), d.Day(), raw}, true
	case excelize.CellTypeUnset, excelize.CellTypeNumber:
		v, err := strconv.ParseFloat(raw, 64)
		if err != nil || v < 1 || v > 2958465 { // 9999-12-31
			return cellDate{}, false
		}
		style, err := f.GetCellStyle(sheet, ref)
		if err != nil || !isDateStyle(f, style) {
			return cellDate{}, false
		}
		props, err := f.GetWorkbookProps()
		date1904 := err == nil && props.Date1904 != nil && *props.Date1904
		d, err := excelize.ExcelDateToTime(v, date1904)
		if err != nil {
			return cellDate{}, false
		}
		return cellDate{d.Year(), int(d.Month()), d.Day(), raw}, true
	}
	return cellDate{}, false
}

// isDateStyle reports whether cell style idx formats numbers as dates.
func isDateStyle(f *excelize.File, idx int) bool {
	st, err := f.GetStyle(idx)
	if err != nil || st == nil {
		return false
	}
	if st.CustomNumFmt != nil {
		return isDateFormat(*st.CustomNumFmt)
	}
	n := st.NumFmt
	return (n >= 14 && n <= 22) || (n >= 27 && n <= 36) || (n >= 50 && n <= 58) || (n >= 71 && n <= 81)
}

// isDateFormat reports whether an Excel number format code shows a date:
// its first section names years, days or months outside quoted text,
// [brackets] and escaped characters ("m" without "h" or "s" is a month).
func isDateFormat(code string) bool {
	code, _, _ = strings.Cut(code, ";")
	var b strings.Builder
	for i := 0; i < len(code); i++ {
		switch c := code[i]; c {
		case '"':
			j := strings.IndexByte(code[i+1:], '"')
			if j < 0 {
				i = len(code)
			} else {
				i += j + 1
			}
		case '[':
			j := strings.IndexByte(code[i+1:], ']')
			if j < 0 {
				i = len(code)
			} else {
				i += j + 1
			}
		case '\\', '_', '*':
			i++
		default:
			b.WriteByte(c | 0x20)
		}
	}
	s := b.String()
	return strings.ContainsAny(s, "yd") || (strings.Contains(s, "m") && !strings.ContainsAny(s, "hs"))
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

func extOf(file string) string {
	if i := strings.LastIndexByte(file, '.'); i >= 0 && !strings.ContainsAny(file[i:], `/\`) {
		return file[i:]
	}
	return "its extension"
}

// missingSharedStrings reports whether a workbook's cells refer to shared
// strings (t="s") that the file lacks: excelize would read every such
// cell as empty, and the problems would be about empty cells.
func missingSharedStrings(b []byte) bool {
	z, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		return false // excelize says why
	}
	var sheets []*zip.File
	for _, f := range z.File {
		switch {
		case strings.EqualFold(f.Name, "xl/sharedStrings.xml"):
			return false
		case strings.HasPrefix(f.Name, "xl/worksheets/") && strings.HasSuffix(f.Name, ".xml"):
			sheets = append(sheets, f)
		}
	}
	for _, f := range sheets {
		r, err := f.Open()
		if err != nil {
			continue
		}
		found := containsStream(io.LimitReader(r, xlsxUnzipLimit), []byte(`t="s"`))
		r.Close()
		if found {
			return true
		}
	}
	return false
}

// containsStream reports whether r holds pat, reading it in blocks.
func containsStream(r io.Reader, pat []byte) bool {
	buf := make([]byte, 64<<10)
	keep := 0
	for {
		n, err := r.Read(buf[keep:])
		if bytes.Contains(buf[:keep+n], pat) {
			return true
		}
		if err != nil {
			return false
		}
		// Keep the block's tail, where pat may begin.
		tail := min(len(pat)-1, keep+n)
		copy(buf, buf[keep+n-tail:keep+n])
		keep = tail
	}
}
