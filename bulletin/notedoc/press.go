package notedoc

import (
	"strings"

	"github.com/igrs-pro/bulletin/bulletin/press"
)

// FromPress makes the Document of a composed press note: the letterhead
// from n.Office (no emblem; set Letterhead.Emblem to add one), n.Title,
// n.DateLine, one paragraph per n.Paragraphs and the signature of
// n.Signatory (a designation written on several lines keeps its lines).
// The PDF's /Title is n.DocTitle.
func FromPress(n press.Note) Document {
	doc := Document{
		Lang:     n.Lang,
		DocTitle: n.DocTitle,
		Title:    n.Title,
		DateLine: n.DateLine,
	}
	if o := n.Office; o != (press.Office{}) {
		doc.Letterhead = &Letterhead{Name: o.Name, Place: o.Place, Phone: o.Phone, Email: o.Email}
	}
	if n.Headline != "" {
		doc.Blocks = append(doc.Blocks, Block{Kind: Para, Spans: []Span{{Text: n.Headline, Bold: true}}})
	}
	for _, p := range n.Paragraphs {
		doc.Blocks = append(doc.Blocks, Block{Kind: Para, Spans: []Span{{Text: p}}})
	}
	if s := n.Signatory; s != (press.Signatory{}) {
		sig := &Signature{Name: s.Name}
		for _, l := range strings.Split(s.Designation, "\n") {
			if l = strings.TrimSpace(l); l != "" {
				sig.Lines = append(sig.Lines, l)
			}
		}
		doc.Signature = sig
	}
	return doc
}
