// Package annexure writes the annexure of a month's press note: every
// evaluated unit under the scope, grouped by level, with its rank, marks,
// maximum marks and rank in the previous published ranking. It is written
// as an A4 PDF (Hindi and English headings, shaped Hindi, the table's
// heading repeated on every page) and as an Excel workbook (a frozen
// heading row, numbers stored as numbers). Every word comes from the
// catalogs (messages Annexure.*).
package annexure

import (
	"strings"

	"github.com/igrs-pro/bulletin/bulletin/facts"
	"github.com/igrs-pro/bulletin/bulletin/l10n"
)

// Annexure is the table of a month, its words composed.
type Annexure struct {
	// Title is one line per language ("अनुलग्नक: ...", "Annexure: ...").
	Title []string
	// Columns are the column headings, each one line per language.
	Columns [][]string
	// LevelColumn heads the workbook's level column, one line per language.
	LevelColumn []string
	// Groups are the levels below the scope that have evaluated units,
	// from the top.
	Groups []Group
}

// Group is the units of one level.
type Group struct {
	Level   string   // zone, range, district, thana
	Heading []string // one line per language
	Rows    []facts.UnitResult
}

// column message ids, in the table's order: the number, the Hindi and
// English names, rank, marks, maximum marks, previous rank.
var columns = []string{"Annexure.No", "Annexure.NameHi", "Annexure.NameEn", "Annexure.Rank", "Annexure.Marks", "Annexure.Max", "Annexure.Previous"}

// Compose words the annexure of f in langs (hi, en: each heading has one
// line per language, in this order).
func Compose(f *facts.Facts, langs []*l10n.Lang) (*Annexure, error) {
	a := &Annexure{Columns: make([][]string, len(columns))}
	for _, l := range langs {
		month, err := l.MonthYear(f.Month)
		if err != nil {
			return nil, err
		}
		scope, err := l.Unit(f.Scope.UnitRef)
		if err != nil {
			return nil, err
		}
		title, err := l.Msg("Annexure.Title", "Month", month, "Unit", scope)
		if err != nil {
			return nil, err
		}
		a.Title = append(a.Title, title)
		lc, err := l.Msg("Annexure.LevelColumn")
		if err != nil {
			return nil, err
		}
		a.LevelColumn = append(a.LevelColumn, lc)
		for i, id := range columns {
			s, err := l.Msg(id)
			if err != nil {
				return nil, err
			}
			a.Columns[i] = append(a.Columns[i], s)
		}
	}
	for _, lf := range f.Levels {
		if len(lf.Units) == 0 {
			continue
		}
		g := Group{Level: lf.Level.String(), Rows: lf.Units}
		for _, l := range langs {
			h, err := l.Plural("Annexure.Level."+g.Level, lf.Evaluated)
			if err != nil {
				return nil, err
			}
			g.Heading = append(g.Heading, h)
		}
		a.Groups = append(a.Groups, g)
	}
	return a, nil
}

// joined writes lines of several languages on one line: "रैंक / Rank".
func joined(lines []string) string { return strings.Join(lines, " / ") }
