package typeset

import (
	"bytes"
	"io"

	"codeberg.org/go-pdf/fpdf"
	"github.com/igrs-pro/bulletin/bulletin/pdffont"
)

// Output writes pdf to w with the /ToUnicode maps of the sub-fonts drawn
// (pdffont.Output: pdf.Output, whose font loader, the document's
// pdffont.Doc, gives fpdf the maps).
func Output(pdf *fpdf.Fpdf, w io.Writer) error { return pdffont.Output(pdf, w) }

// FontUse is what a document has drawn with the package's fonts
// (pdffont.FontUse): UseFonts gives it to another document that shows a
// copy of the first one's content.
type FontUse = pdffont.FontUse

// FontsUsed returns what pdf has drawn so far with the package's fonts
// (pdffont.Used).
func FontsUsed(pdf *fpdf.Fpdf) FontUse { return pdffont.Used(pdf) }

// UseFonts registers with pdf the sub-fonts of u and the codes drawn with
// them (pdffont.AddUse), for content of the document u came from that is
// copied into pdf as it is (fpdf's RawWriteBuf, or template bytes).
func UseFonts(pdf *fpdf.Fpdf, u FontUse) error { return pdffont.AddUse(pdf, u) }

// DrawRestricted draws a document twice and returns its bytes: a draft
// with ts, then again with ts's fonts restricted to what the draft drew
// (RestrictDrawn), so that the PDF embeds the fewest sub-fonts, written
// with Output. draw makes a new document with the typesetter it is given.
func DrawRestricted(ts *Typesetter, draw func(*Typesetter) (*fpdf.Fpdf, error)) ([]byte, error) {
	draft, err := draw(ts)
	if err != nil {
		return nil, err
	}
	set, err := ts.FontSet().RestrictDrawn(draft)
	if err != nil {
		return nil, err
	}
	fin, err := NewTypesetter(set, ts.unit)
	if err != nil {
		return nil, err
	}
	pdf, err := draw(fin)
	if err != nil {
		return nil, err
	}
	var out bytes.Buffer
	if err := Output(pdf, &out); err != nil {
		return nil, err
	}
	return out.Bytes(), nil
}
