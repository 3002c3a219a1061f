package annexure

import (
	"bytes"
	"fmt"

	"github.com/xuri/excelize/v2"
)

// sheet is the workbook's one sheet.
const sheet = "Annexure"

// XLSX writes the annexure as a workbook: a heading row (frozen, each
// heading in every language, "रैंक / Rank"), then one row per unit, grouped
// by level (the first column), numbers stored as numbers and nothing for
// what the rankings do not give.
func (a *Annexure) XLSX() ([]byte, error) {
	f := excelize.NewFile()
	defer f.Close()
	if err := f.SetSheetName("Sheet1", sheet); err != nil {
		return nil, err
	}
	heads := []any{joined(a.LevelColumn)}
	for _, c := range a.Columns[1:] { // the level column replaces the number
		heads = append(heads, joined(c))
	}
	heads = append(heads, "id")
	if err := f.SetSheetRow(sheet, "A1", &heads); err != nil {
		return nil, err
	}
	row := 2
	for _, g := range a.Groups {
		for _, u := range g.Rows {
			vals := []any{joined(g.Heading), u.NameHi, u.NameEn, u.Rank, optional(u.Score), optional(u.MaxScore), optionalInt(u.PreviousRank), u.ID}
			cell, _ := excelize.CoordinatesToCellName(1, row)
			if err := f.SetSheetRow(sheet, cell, &vals); err != nil {
				return nil, err
			}
			row++
		}
	}
	for col, w := range []float64{28, 30, 30, 12, 14, 14, 18, 20} {
		name, _ := excelize.ColumnNumberToName(col + 1)
		if err := f.SetColWidth(sheet, name, name, w); err != nil {
			return nil, err
		}
	}
	bold, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}, Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}})
	if err != nil {
		return nil, err
	}
	last, _ := excelize.CoordinatesToCellName(len(heads), 1)
	if err := f.SetCellStyle(sheet, "A1", last, bold); err != nil {
		return nil, err
	}
	if err := f.SetPanes(sheet, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		return nil, fmt.Errorf("annexure.xlsx: %w", err)
	}
	return buf.Bytes(), nil
}

func optional(v *float64) any {
	if v == nil {
		return nil
	}
	return *v
}

func optionalInt(v *int) any {
	if v == nil {
		return nil
	}
	return *v
}
