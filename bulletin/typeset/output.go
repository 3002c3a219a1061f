package typeset

import (
	"bytes"
	"io"
	"sort"

	"codeberg.org/go-pdf/fpdf"
	"github.com/igrs-pro/bulletin/bulletin/pdffont"
)

// Output writes pdf to w as pdf.Output does, and gives every sub-font the
// package drew with its /ToUnicode map (which fpdf cannot write for a
// simple font). Documents this package draws into must be written with
// Output: written with pdf.Output, they look the same but copy out right
// only in viewers that read /ActualText (poppler, PDFium, Acrobat).
func Output(pdf *fpdf.Fpdf, w io.Writer) error {
	var b bytes.Buffer
	if err := pdf.Output(&b); err != nil {
		return err
	}
	out := b.Bytes()
	if d, ok := pdf.GetFontLoader().(*docFonts); ok {
		cmaps, err := d.cmaps()
		if err != nil {
			return err
		}
		if out, err = pdffont.AddToUnicode(out, cmaps); err != nil {
			return err
		}
	}
	_, err := w.Write(out)
	return err
}

// cmaps returns the /ToUnicode CMaps of the codes each sub-font of d drew,
// of those that drew codes standing for text, sorted by file name.
func (d *docFonts) cmaps() ([]pdffont.CMap, error) {
	var subs []*subFont
	for _, df := range d.subs {
		subs = append(subs, df.sf)
	}
	sort.Slice(subs, func(i, j int) bool { return subs[i].file < subs[j].file })
	var out []pdffont.CMap
	for _, sf := range subs {
		df := d.subs[sf.file]
		var text [256]string
		for c, used := range df.used {
			if used {
				text[c] = df.sf.text[c]
			}
		}
		cm, err := pdffont.ToUnicodeCMap(text[:])
		if err != nil {
			return nil, err
		}
		if cm != nil {
			out = append(out, pdffont.CMap{BaseFont: sf.name, Data: cm})
		}
	}
	return out, nil
}

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
