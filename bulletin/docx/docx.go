// Package docx writes a press note as a Word document
// (press-note.<lang>.docx), for the officer's last edits in Microsoft Word
// or LibreOffice Writer: letterhead, headline, date line, paragraphs and
// signature as real paragraphs with styles, Unicode text throughout.
//
// It is WordprocessingML written with encoding/xml and archive/zip: the
// Go libraries for .docx either are pre-1.0 or cannot set the complex-script
// font and language that Devanagari needs in Word (w:cs, w:bidi). Every
// run's fonts are Nirmala UI (Windows 8 and later; Latin and Devanagari),
// whose entry in the font table names Mangal (every Windows since XP) as
// its alternative; Writer on a machine without either substitutes by
// script and finds Noto Sans Devanagari. The same note gives the same
// bytes (zip entries are stamped with the note's date).
package docx

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"fmt"
	"strings"
	"time"
)

// Font is the font of every run; AltFont its alternative in the font table.
const (
	Font    = "Nirmala UI"
	AltFont = "Mangal"
)

// Align is a paragraph's alignment.
type Align string

const (
	Left    Align = "left"
	Center  Align = "center"
	Right   Align = "right"
	Justify Align = "both"
)

// Para is one paragraph of the document.
type Para struct {
	Text   string
	Bold   bool
	Size   float64 // points; 0: the body size
	Align  Align
	Indent bool    // first-line indent (body paragraphs)
	After  float64 // space after, points
	Rule   bool    // a rule under the paragraph (the letterhead)
}

// Document is a Word document: its paragraphs and languages.
type Document struct {
	Lang  string // "hi" or "en": the proofing language
	Title string // the document's title (docProps)
	Paras []Para
	Date  time.Time // stamps the zip entries
}

const ns = `xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"`

func esc(s string) string {
	var b strings.Builder
	xml.EscapeText(&b, []byte(s))
	return b.String()
}

// halfPoints writes a size in points as Word's half-points.
func halfPoints(pt float64) int { return int(pt*2 + 0.5) }

// twips writes points as twentieths of a point.
func twips(pt float64) int { return int(pt*20 + 0.5) }

func (p Para) xml(b *strings.Builder) {
	b.WriteString("<w:p><w:pPr>")
	if p.Rule {
		b.WriteString(`<w:pBdr><w:bottom w:val="single" w:sz="12" w:space="4" w:color="1F3864"/></w:pBdr>`)
	}
	fmt.Fprintf(b, `<w:spacing w:after="%d"/>`, twips(p.After))
	if p.Indent {
		b.WriteString(`<w:ind w:firstLine="720"/>`)
	}
	if p.Align != "" {
		fmt.Fprintf(b, `<w:jc w:val="%s"/>`, p.Align)
	}
	b.WriteString("</w:pPr>")
	if p.Text != "" {
		b.WriteString("<w:r><w:rPr>")
		if p.Bold {
			b.WriteString("<w:b/><w:bCs/>")
		}
		if p.Size > 0 {
			fmt.Fprintf(b, `<w:sz w:val="%d"/><w:szCs w:val="%d"/>`, halfPoints(p.Size), halfPoints(p.Size))
		}
		fmt.Fprintf(b, `</w:rPr><w:t xml:space="preserve">%s</w:t></w:r>`, esc(p.Text))
	}
	b.WriteString("</w:p>")
}

func (d Document) document() string {
	var b strings.Builder
	b.WriteString(xml.Header)
	b.WriteString(`<w:document ` + ns + `><w:body>`)
	for _, p := range d.Paras {
		p.xml(&b)
	}
	// A4, 2.5 cm margins.
	b.WriteString(`<w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1418" w:right="1418" w:bottom="1418" w:left="1418" w:header="708" w:footer="708" w:gutter="0"/></w:sectPr>`)
	b.WriteString(`</w:body></w:document>`)
	return b.String()
}

// langTags are Word's language tags for a note's language: the Latin
// (w:val) and complex-script (w:bidi) proofing languages.
func langTags(lang string) (string, string) {
	if lang == "hi" {
		return "hi-IN", "hi-IN"
	}
	return "en-IN", "hi-IN"
}

func (d Document) styles() string {
	val, bidi := langTags(d.Lang)
	return xml.Header + `<w:styles ` + ns + `><w:docDefaults><w:rPrDefault><w:rPr>` +
		fmt.Sprintf(`<w:rFonts w:ascii="%[1]s" w:hAnsi="%[1]s" w:eastAsia="%[1]s" w:cs="%[1]s"/>`, Font) +
		fmt.Sprintf(`<w:sz w:val="24"/><w:szCs w:val="24"/><w:lang w:val="%s" w:eastAsia="%s" w:bidi="%s"/>`, val, val, bidi) +
		`</w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:after="160" w:line="300" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults>` +
		`<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/></w:style>` +
		`</w:styles>`
}

func fontTable() string {
	return xml.Header + `<w:fonts ` + ns + `>` +
		fmt.Sprintf(`<w:font w:name="%s"><w:altName w:val="%s"/><w:charset w:val="00"/><w:family w:val="swiss"/><w:pitch w:val="variable"/></w:font>`, Font, AltFont) +
		fmt.Sprintf(`<w:font w:name="%s"><w:charset w:val="00"/><w:family w:val="roman"/><w:pitch w:val="variable"/></w:font>`, AltFont) +
		`</w:fonts>`
}

func (d Document) core() string {
	return xml.Header + `<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">` +
		`<dc:title>` + esc(d.Title) + `</dc:title><dc:language>` + d.Lang + `</dc:language>` +
		`<dcterms:created xsi:type="dcterms:W3CDTF">` + d.Date.UTC().Format("2006-01-02T15:04:05Z") + `</dcterms:created>` +
		`</cp:coreProperties>`
}

const contentTypes = `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
	`<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
	`<Default Extension="xml" ContentType="application/xml"/>` +
	`<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>` +
	`<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>` +
	`<Override PartName="/word/fontTable.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.fontTable+xml"/>` +
	`<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>` +
	`</Types>`

const rootRels = `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
	`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>` +
	`<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>` +
	`</Relationships>`

const docRels = `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
	`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>` +
	`<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/fontTable" Target="fontTable.xml"/>` +
	`</Relationships>`

// Bytes writes the .docx file.
func (d Document) Bytes() ([]byte, error) {
	var buf bytes.Buffer
	z := zip.NewWriter(&buf)
	parts := []struct{ name, body string }{
		{"[Content_Types].xml", xml.Header + contentTypes},
		{"_rels/.rels", xml.Header + rootRels},
		{"word/document.xml", d.document()},
		{"word/styles.xml", d.styles()},
		{"word/fontTable.xml", fontTable()},
		{"word/_rels/document.xml.rels", xml.Header + docRels},
		{"docProps/core.xml", d.core()},
	}
	for _, p := range parts {
		w, err := z.CreateHeader(&zip.FileHeader{Name: p.name, Method: zip.Deflate, Modified: d.Date.UTC()})
		if err != nil {
			return nil, err
		}
		if _, err := w.Write([]byte(p.body)); err != nil {
			return nil, err
		}
	}
	if err := z.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
