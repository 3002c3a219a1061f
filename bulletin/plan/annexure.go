package plan

import (
	"slices"
	"time"

	"github.com/igrs-pro/bulletin/bulletin/annexure"
	"github.com/igrs-pro/bulletin/bulletin/build"
	"github.com/igrs-pro/bulletin/bulletin/facts"
	"github.com/igrs-pro/bulletin/bulletin/l10n"
	"github.com/igrs-pro/bulletin/bulletin/output"
	"github.com/igrs-pro/bulletin/bulletin/typeset"
)

// Annexure file names, in the month's folder.
const (
	AnnexurePDF  = "annexure.pdf"
	AnnexureXLSX = "annexure.xlsx"
)

// Annexure plans the month's annexure: every evaluated unit under the
// scope with its rank and marks, as a workbook (written as it is) and a PDF
// (drawn by build), both with Hindi and English headings.
func (in *Inputs) Annexure(f *facts.Facts, date time.Time) (output.File, build.PDF, error) {
	var langs []*l10n.Lang
	for _, tag := range l10n.Languages {
		l, err := in.Lang(tag)
		if err != nil {
			return output.File{}, build.PDF{}, err
		}
		langs = append(langs, l)
	}
	a, err := annexure.Compose(f, langs)
	if err != nil {
		return output.File{}, build.PDF{}, templateErr(err)
	}
	x, err := a.XLSX()
	if err != nil {
		return output.File{}, build.PDF{}, err
	}
	draw := func(ts *typeset.Typesetter) ([]byte, error) { return a.PDF(ts, date) }
	return output.File{Path: AnnexureXLSX, Data: x}, build.PDF{Path: AnnexurePDF, Draw: draw, Texts: annexureWords(a)}, nil
}

// annexureWords are the annexure's headings, every language's (the units'
// names are checked with units.csv).
func annexureWords(a *annexure.Annexure) []string {
	ws := append(slices.Clone(a.Title), a.LevelColumn...)
	for _, c := range a.Columns {
		ws = append(ws, c...)
	}
	for _, g := range a.Groups {
		ws = append(ws, g.Heading...)
	}
	return ws
}
