package plan

import (
	"bytes"
	"fmt"
	"image"
	_ "image/jpeg" // office.emblem may be a JPEG
	_ "image/png"

	"codeberg.org/go-pdf/fpdf"

	"github.com/igrs-pro/bulletin/bulletin/build"
	"github.com/igrs-pro/bulletin/bulletin/card"
	"github.com/igrs-pro/bulletin/bulletin/docx"
	"github.com/igrs-pro/bulletin/bulletin/facts"
	"github.com/igrs-pro/bulletin/bulletin/notedoc"
	"github.com/igrs-pro/bulletin/bulletin/output"
	"github.com/igrs-pro/bulletin/bulletin/trend"
	"github.com/igrs-pro/bulletin/bulletin/typeset"
	"github.com/igrs-pro/bulletin/bulletin/whatsapp"
)

// Announcement is what carries a month's news beyond the press note, in
// one language: the note as a Word file and a WhatsApp message (ready),
// and the trend chart and the cards (to draw).
type Announcement struct {
	Files []output.File
	Draws []build.PDF // drawn like the PDFs; their paths end in .png or .svg
}

// History is the scope's known history up to f's month (from
// history_from); empty for the state, which is never ranked, and for a
// month before history_from, whose earlier months are not known to have
// gone unpublished (a trend would draw them as gaps).
func (in *Inputs) History(f *facts.Facts) (trend.History, error) {
	if f.Month.Before(f.HistoryFrom) {
		return trend.History{}, nil
	}
	return trend.Of(in.Data, in.Config.Scope, f.HistoryFrom, f.Month)
}

// emblemImage decodes office.emblem for the cards; nil when none is set.
func (in *Inputs) emblemImage() (image.Image, error) {
	if in.Config.Office.Emblem == "" || in.Emblem == nil {
		return nil, nil
	}
	b, _, err := in.Emblem()
	if err != nil {
		return nil, err
	}
	img, _, err := image.Decode(bytes.NewReader(b))
	if err != nil {
		return nil, fmt.Errorf("%s (office.emblem): %v; save it as a PNG or JPEG", in.Config.Office.Emblem, err)
	}
	return img, nil
}

// Announce plans the Word note and WhatsApp message of note n, its trend
// chart (PNG and SVG) and its cards (square and wide) with layout l.
func (in *Inputs) Announce(f *facts.Facts, n Note, h trend.History, l *card.Layout) (Announcement, error) {
	var a Announcement
	lang, err := in.Lang(n.Lang)
	if err != nil {
		return a, err
	}
	d, err := docx.FromNote(n.Note, n.Date).Bytes()
	if err != nil {
		return a, err
	}
	wa, err := whatsapp.Text(n.Headline, n.Text["txt"], func(i, of int) (string, error) {
		return lang.Msg("WhatsApp.Part", "N", lang.Num(i), "Of", lang.Num(of))
	})
	if err != nil {
		return a, templateErr(err)
	}
	a.Files = append(a.Files, output.File{Path: n.FileName("docx"), Data: d}, output.File{Path: n.FileName("whatsapp.txt"), Data: wa})
	if len(h.Months) > 0 {
		tx, err := trend.TextsFor(lang, f.Scope.UnitRef, h)
		if err != nil {
			return a, templateErr(err)
		}
		a.Draws = append(a.Draws,
			drawPT("trend."+n.Lang+".png", trendWords(tx), func(ts *typeset.Typesetter) ([]byte, error) { return trend.PNG(ts, h, tx, l.Trend) }),
			drawPT("trend."+n.Lang+".svg", trendWords(tx), func(ts *typeset.Typesetter) ([]byte, error) { return trend.SVG(ts, h, tx, l.Trend) }))
	}
	cards, err := in.Cards(f, n.Lang, h, l)
	if err != nil {
		return a, err
	}
	a.Draws = append(a.Draws, cards...)
	return a, nil
}

// Cards plans the cards of f's month in language tag, square and wide,
// with the last months of history h and layout l.
func (in *Inputs) Cards(f *facts.Facts, tag string, h trend.History, l *card.Layout) ([]build.PDF, error) {
	lang, err := in.Lang(tag)
	if err != nil {
		return nil, err
	}
	em, err := in.emblemImage()
	if err != nil {
		return nil, err
	}
	c, err := card.Compose(lang, card.Input{Facts: f, Office: in.Config.Office, History: h, Emblem: em, Joint: in.Config.Press.Joint})
	if err != nil {
		return nil, templateErr(err)
	}
	var out []build.PDF
	for _, k := range card.Kinds {
		out = append(out, drawPT(card.FileName(tag, k), c.Lines(), func(ts *typeset.Typesetter) ([]byte, error) {
			return card.PNG(ts, c, l, k)
		}))
	}
	return out, nil
}

// trendWords are the words a trend chart draws.
func trendWords(tx trend.Texts) []string {
	ws := []string{tx.Title, tx.Span, tx.Axis, tx.First, tx.Gap}
	ws = append(ws, tx.Months...)
	ws = append(ws, tx.Years...)
	return append(ws, tx.Ranks...)
}

// drawPT is a file drawn with a Typesetter for unit "pt" (one pixel a
// point) made from the batch's fonts; texts are the words it draws.
func drawPT(path string, texts []string, draw func(*typeset.Typesetter) ([]byte, error)) build.PDF {
	return build.PDF{Path: path, Texts: texts, Draw: func(ts *typeset.Typesetter) ([]byte, error) {
		pt, err := typeset.NewTypesetter(ts.FontSet(), "pt")
		if err != nil {
			return nil, err
		}
		return draw(pt)
	}}
}

// TrendPDF is the press note's PDF with the trend chart as its second page
// (press.trend_page).
func (in *Inputs) TrendPDF(n Note, f *facts.Facts, h trend.History, l *card.Layout) (build.PDF, error) {
	doc, err := in.Document(n.Note)
	if err != nil {
		return build.PDF{}, err
	}
	lang, err := in.Lang(n.Lang)
	if err != nil {
		return build.PDF{}, err
	}
	tx, err := trend.TextsFor(lang, f.Scope.UnitRef, h)
	if err != nil {
		return build.PDF{}, templateErr(err)
	}
	return build.PDF{
		Path:  n.FileName("pdf"),
		Texts: trendWords(tx),
		Draw: func(ts *typeset.Typesetter) ([]byte, error) {
			doc := doc
			doc.Figures = []notedoc.Figure{{Draw: func(pdf *fpdf.Fpdf, ts *typeset.Typesetter, x, y, w float64) error {
				return trend.DrawPDF(pdf, ts, "mm", h, tx, l.Trend, x, y, w)
			}}}
			return notedoc.Draw(ts, doc, notedoc.Options{CreationDate: n.Date})
		},
	}, nil
}
