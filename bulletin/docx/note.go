package docx

import (
	"time"

	"github.com/igrs-pro/bulletin/bulletin/press"
)

// FromNote lays out a press note as a Word document, paragraph for
// paragraph as its plain-text form (press.txt.tmpl): the office's name as
// the letterhead, the title, the date line, the headline (when the note has
// one), the body paragraphs and the signature.
func FromNote(n press.Note, date time.Time) Document {
	d := Document{Lang: n.Lang, Title: n.DocTitle, Date: date}
	add := func(p Para) { d.Paras = append(d.Paras, p) }
	add(Para{Text: n.Office.Name, Bold: true, Size: 16, Align: Center, Rule: true, After: 18})
	add(Para{Text: n.Title, Bold: true, Size: 14, Align: Center, After: 4})
	add(Para{Text: n.DateLine, Align: Right, After: 12})
	if n.Headline != "" {
		add(Para{Text: n.Headline, Bold: true, Align: Left, After: 10})
	}
	for _, p := range n.Paragraphs {
		add(Para{Text: p, Align: Justify, Indent: true, After: 8})
	}
	add(Para{Text: n.Signatory.Name, Bold: true, Align: Right, After: 0})
	add(Para{Text: n.Signatory.Designation, Align: Right, After: 0})
	return d
}
