package dataset

import (
	"bytes"
	"encoding/csv"
	"errors"
	"io"
	"strings"
	"unicode/utf8"
)

// table is a CSV file or a worksheet read into rows of trimmed cells
// addressed by column name.
type table struct {
	file  string
	sheet string // the worksheet; empty for CSV
	hdr   *header
	rows  []row
}

type row struct {
	line  int
	cells []string
	dates map[int]cellDate // worksheet cells holding a date, by column index
}

// cellDate is a worksheet cell that holds a date (or a number formatted
// as one); raw is the cell's value for messages.
type cellDate struct {
	y, m, d int
	raw     string
}

func (t *table) get(r row, col string) string {
	i, ok := t.hdr.cols[col]
	if !ok || i >= len(r.cells) {
		return ""
	}
	return r.cells[i]
}

// date returns the date held by the worksheet cell of column col.
func (t *table) date(r row, col string) (cellDate, bool) {
	i, ok := t.hdr.cols[col]
	if !ok {
		return cellDate{}, false
	}
	d, ok := r.dates[i]
	return d, ok
}

func (t *table) has(col string) bool { _, ok := t.hdr.cols[col]; return ok }

// pos is the position of row r: its line, or its worksheet row.
func (t *table) pos(r row) Pos {
	if t.sheet == "" {
		return Pos{File: t.file, Line: r.line}
	}
	return Pos{File: t.file, Line: r.line, Sheet: t.sheet, hdr: t.hdr}
}

// at is the position of the cell of column col in row r (its line in CSV).
func (t *table) at(r row, col string) Pos { return t.pos(r).At(col) }

// maxCell is the longest cell read, in bytes: ids and names are short, and
// a longer cell is a paste gone wrong, not a name to print.
const maxCell = 1000

// checkCells reports cells of the named columns longer than maxCell.
func (t *table) checkCells(r row, cols []string, ps *Problems) bool {
	ok := true
	for _, c := range cols {
		if v := t.get(r, c); len(v) > maxCell {
			ps.add(t.at(r, c), "the %s cell is %d bytes long; a cell may hold at most %d (was something pasted into it by mistake?)", c, len(v), maxCell)
			ok = false
		}
	}
	return ok
}

var utf8BOM = []byte{0xEF, 0xBB, 0xBF}

// readTable parses a CSV file as Excel writes it: an optional UTF-8
// byte-order mark, CRLF or LF line ends, spaces around cells. Header names
// are matched case-insensitively; column order is free and extra columns
// are ignored. what names the file's content for messages ("units", "rankings").
// MaxRows is the most data rows a file or sheet may hold: the state's
// units are about 2,000, and a year of its rankings about 25,000 rows. A
// larger file is refused as soon as the row after it is read, which keeps
// memory bounded (below 500 MB) for any file that is accepted.
const MaxRows = 250_000

const tooManyRows = "more than %d rows, the most bulletin reads from one file or sheet (the state's units are about 2,000 rows, a year of its rankings about 25,000): is it the right file? Split the rankings into files of a month or a year"

func readTable(file string, b []byte, required []string, what string) (*table, Problems) {
	var ps Problems
	at := func(line int) Pos { return Pos{File: file, Line: line} }
	headerText := strings.Join(required, ",")
	if isUTF16(b) {
		ps.add(at(1), "the file is UTF-16 text (Excel's \"Unicode Text\"), not UTF-8; in Excel use Save As > \"CSV UTF-8 (Comma delimited)\"")
		return nil, ps
	}
	if bytes.HasPrefix(b, zipMagic) {
		ps.add(at(0), "the file is an Excel workbook, not CSV text; name it .xlsx, or in Excel use Save As > \"CSV UTF-8 (Comma delimited)\"")
		return nil, ps
	}
	if i := bytes.IndexByte(b, 0); i >= 0 {
		line := 1 + bytes.Count(b[:i], []byte{'\n'})
		ps.add(at(line), "the file holds NUL bytes, so it is not CSV text; in Excel use Save As > \"CSV UTF-8 (Comma delimited)\"")
		return nil, ps
	}
	b = bytes.TrimPrefix(b, utf8BOM)
	if !utf8.Valid(b) {
		line := 1 + bytes.Count(b[:firstInvalid(b)], []byte{'\n'})
		ps.add(at(line), "the file is not valid UTF-8 (it was probably saved in a legacy encoding); in Excel use Save As > \"CSV UTF-8 (Comma delimited)\"")
		return nil, ps
	}
	if len(bytes.TrimSpace(b)) == 0 {
		ps.add(at(0), "the file is empty; it needs a header row %q and one row per %s", headerText, what)
		return nil, ps
	}
	cr := csv.NewReader(bytes.NewReader(b))
	cr.FieldsPerRecord = -1
	cr.ReuseRecord = false
	t := &table{file: file, hdr: &header{cols: map[string]int{}}}
	first, headerLine := true, 1
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				ps.add(at(pe.Line), "the row cannot be read as CSV (%v); check the quotes in this row", pe.Err)
			} else {
				ps.add(at(0), "cannot read the file as CSV: %v", err)
			}
			return nil, ps
		}
		line, _ := cr.FieldPos(0)
		for i := range rec {
			rec[i] = strings.TrimSpace(rec[i])
		}
		if first {
			first, headerLine = false, line
			if !t.readHeader(rec, line, required, &ps) {
				return nil, ps
			}
			continue
		}
		if blank(rec) {
			continue
		}
		if len(t.rows) == MaxRows {
			ps.add(at(line), tooManyRows, MaxRows)
			return nil, ps
		}
		t.rows = append(t.rows, row{line: line, cells: rec})
	}
	if len(t.rows) == 0 {
		ps.add(at(headerLine), "the file has a header but no rows; add one row per %s", what)
		return nil, ps
	}
	return t, ps
}

// readHeader reads the header row rec at line into t.hdr. It reports a
// column named twice and required columns that are missing; it returns
// false when columns are missing.
func (t *table) readHeader(rec []string, line int, required []string, ps *Problems) bool {
	cell := func(i int) Pos {
		p := Pos{File: t.file, Line: line, Sheet: t.sheet}
		if t.sheet != "" {
			p.Col = i + 1
		}
		return p
	}
	for i, name := range rec {
		name = strings.ToLower(name)
		if len(name) > maxCell {
			name = name[:maxCell]
		}
		if _, dup := t.hdr.cols[name]; dup && name != "" {
			ps.add(cell(i), "column %q appears twice in the header; keep one", name)
			continue
		}
		t.hdr.cols[name] = i
	}
	var missing []string
	for _, c := range required {
		if !t.has(c) {
			missing = append(missing, c)
		}
	}
	if len(missing) > 0 {
		ps.add(cell(0), "missing column %s; the header row must name %s (any order, extra columns allowed)",
			quoteList(missing), strings.Join(required, ","))
		return false
	}
	return true
}

var zipMagic = []byte("PK\x03\x04")

// isUTF16 reports whether b looks like UTF-16 text: a UTF-16 byte-order
// mark, or (without one) NUL bytes in every other position, as in the
// ASCII header row of a UTF-16 file.
func isUTF16(b []byte) bool {
	if bytes.HasPrefix(b, []byte{0xFF, 0xFE}) || bytes.HasPrefix(b, []byte{0xFE, 0xFF}) {
		return true
	}
	n := min(len(b), 4096) &^ 1
	if n < 4 {
		return false
	}
	var even, odd int
	for i := 0; i < n; i++ {
		if b[i] == 0 {
			if i%2 == 0 {
				even++
			} else {
				odd++
			}
		}
	}
	// UTF-16 of ASCII has a NUL in every pair; Devanagari has none, so
	// ask for a quarter of the pairs (a header row is ASCII) and NULs on
	// one side only.
	pairs := n / 2
	need := max(2, pairs/4)
	return (odd >= need && even <= odd/8) || (even >= need && odd <= even/8)
}

func blank(rec []string) bool {
	for _, c := range rec {
		if c != "" {
			return false
		}
	}
	return true
}

func firstInvalid(b []byte) int {
	for i := 0; i < len(b); {
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n <= 1 {
			return i
		}
		i += n
	}
	return len(b)
}

func quoteList(s []string) string {
	q := make([]string, len(s))
	for i, v := range s {
		q[i] = `"` + v + `"`
	}
	return strings.Join(q, ", ")
}
