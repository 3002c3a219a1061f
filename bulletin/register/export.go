package register

import (
	"encoding/csv"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"
)

// exportHeader names the columns of an export, one row per revision.
var exportHeader = []string{"number", "scope", "month", "level", "unit", "serial", "revision", "name_hi", "name_en",
	"rank", "score", "max_score", "issue_date", "code", "sha256", "file", "recorded_at", "revoked_at", "revoke_reason"}

func exportRow(e Entry) []string {
	var revoked string
	if e.Revoked {
		revoked = stamp(e.RevokedAt)
	}
	return []string{e.Number, e.Scope, e.Month, e.Level, e.Unit, strconv.Itoa(e.Serial), strconv.Itoa(e.Revision),
		e.NameHi, e.NameEn, strconv.Itoa(e.Rank), float(e.Score), float(e.MaxScore), e.IssueDate, e.Code, e.SHA256, e.File,
		e.RecordedAt.UTC().Format(time.RFC3339), revoked, e.RevokeReason}
}

func float(f *float64) string {
	if f == nil {
		return ""
	}
	return strconv.FormatFloat(*f, 'f', -1, 64)
}

// WriteCSV writes entries as CSV (UTF-8), one row per revision. A cell that
// a spreadsheet would run as a formula is written as text.
func WriteCSV(w io.Writer, entries []Entry) error {
	cw := csv.NewWriter(w)
	cw.Write(exportHeader)
	for _, e := range entries {
		cw.Write(safeCells(exportRow(e)))
	}
	cw.Flush()
	return cw.Error()
}

// WriteXLSX writes entries as an Excel workbook with one sheet, every cell
// text (a number such as 0042 keeps its zeros; nothing runs as a formula).
func WriteXLSX(w io.Writer, entries []Entry) error {
	f := excelize.NewFile()
	defer f.Close()
	const sheet = "register"
	if err := f.SetSheetName("Sheet1", sheet); err != nil {
		return err
	}
	sw, err := f.NewStreamWriter(sheet)
	if err != nil {
		return err
	}
	row := func(n int, cells []string) error {
		vals := make([]any, len(cells))
		for i, c := range cells {
			vals[i] = excelize.Cell{Value: c}
		}
		cell, _ := excelize.CoordinatesToCellName(1, n)
		return sw.SetRow(cell, vals)
	}
	if err := row(1, exportHeader); err != nil {
		return err
	}
	for i, e := range entries {
		if err := row(i+2, exportRow(e)); err != nil {
			return err
		}
	}
	if err := sw.Flush(); err != nil {
		return err
	}
	if _, err := f.WriteTo(w); err != nil {
		return fmt.Errorf("writing the workbook: %w", err)
	}
	return nil
}

// safeCells keeps spreadsheet programs from running a cell as a formula:
// a cell that begins with = + - @ (or a tab or carriage return) gets a
// leading apostrophe, which Excel shows as text.
func safeCells(cells []string) []string {
	for i, c := range cells {
		if c != "" && strings.ContainsRune("=+-@\t\r", rune(c[0])) {
			cells[i] = "'" + c
		}
	}
	return cells
}
