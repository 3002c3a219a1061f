package dataset

import (
	"bytes"
	"encoding/csv"
	"errors"
	"io"
	"strings"
	"unicode/utf8"
)

// table is a CSV file read into rows of trimmed cells addressed by column name.
type table struct {
	file string
	cols map[string]int
	rows []row
}

type row struct {
	line  int
	cells []string
}

func (t *table) get(r row, col string) string {
	i, ok := t.cols[col]
	if !ok || i >= len(r.cells) {
		return ""
	}
	return r.cells[i]
}

func (t *table) has(col string) bool { _, ok := t.cols[col]; return ok }

var utf8BOM = []byte{0xEF, 0xBB, 0xBF}

// readTable parses a CSV file as Excel writes it: an optional UTF-8
// byte-order mark, CRLF or LF line ends, spaces around cells. Header names
// are matched case-insensitively; column order is free and extra columns
// are ignored. what names the file's content for messages ("units", "rankings").
func readTable(file string, b []byte, required []string, what string) (*table, Problems) {
	var ps Problems
	at := func(line int) Pos { return Pos{File: file, Line: line} }
	header := strings.Join(required, ",")
	if bytes.HasPrefix(b, []byte{0xFF, 0xFE}) || bytes.HasPrefix(b, []byte{0xFE, 0xFF}) {
		ps.add(at(1), "the file is UTF-16 text (Excel's \"Unicode Text\"), not UTF-8; in Excel use Save As > \"CSV UTF-8 (Comma delimited)\"")
		return nil, ps
	}
	b = bytes.TrimPrefix(b, utf8BOM)
	if !utf8.Valid(b) {
		line := 1 + bytes.Count(b[:firstInvalid(b)], []byte{'\n'})
		ps.add(at(line), "the file is not valid UTF-8 (it was probably saved in a legacy encoding); in Excel use Save As > \"CSV UTF-8 (Comma delimited)\"")
		return nil, ps
	}
	if len(bytes.TrimSpace(b)) == 0 {
		ps.add(at(0), "the file is empty; it needs a header row %q and one row per %s", header, what)
		return nil, ps
	}
	cr := csv.NewReader(bytes.NewReader(b))
	cr.FieldsPerRecord = -1
	cr.ReuseRecord = false
	t := &table{file: file, cols: map[string]int{}}
	first := true
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
			first = false
			for i, name := range rec {
				name = strings.ToLower(name)
				if _, dup := t.cols[name]; dup && name != "" {
					ps.add(at(line), "column %q appears twice in the header; keep one", name)
					continue
				}
				t.cols[name] = i
			}
			var missing []string
			for _, c := range required {
				if !t.has(c) {
					missing = append(missing, c)
				}
			}
			if len(missing) > 0 {
				ps.add(at(line), "missing column %s; the header row must name %s (any order, extra columns allowed)",
					quoteList(missing), header)
				return nil, ps
			}
			continue
		}
		if blank(rec) {
			continue
		}
		t.rows = append(t.rows, row{line: line, cells: rec})
	}
	if len(t.rows) == 0 {
		ps.add(at(1), "the file has a header but no rows; add one row per %s", what)
		return nil, ps
	}
	return t, ps
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
