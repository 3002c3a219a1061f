// Package typeset lays out paragraphs of mixed Hindi and English text with a
// real shaping engine (HarfBuzz, as ported by go-text/typesetting) and draws
// them into an fpdf document so that they look right (matras reordered,
// conjuncts, half forms, reph, marks placed by GPOS) and copy out right in
// every viewer.
//
// fpdf maps one code point to one glyph, so Devanagari drawn through its
// Cell, MultiCell or Write comes out broken. This package never uses those
// (nor GetStringWidth, nor Text) for text it shapes.
//
// # A glyph's way from text to PDF bytes
//
//	"प्रमाण पत्र"                          Layout / DrawLine
//	   │ prepare, assignFaces (segment.go): NFC, spaces folded, a face per rune
//	   ▼
//	pieces: words and spaces in one face  (shape.go: HarfBuzz, cached)
//	   │ glyph ids, clusters, advances, offsets (font units)
//	   ▼
//	lines: breakLines (linebreak.go): UAX #14 places, total fit if justified
//	   │ x of each piece
//	   ▼
//	uses (glyphtext.go): each glyph + the text it stands for + its width
//	   │   प्र→"प"  म→"्रम"  ा→"ा"  ण→"ण"  space→" "
//	   ▼
//	slots: pdffont.Plan: a sub-font and a one-byte code for each use
//	   │   (the FontSet's plan, made once: pdffont.Font.Plan)
//	   ▼
//	content (draw.go): /Span <</ActualText (प्रमाण )>> BDC
//	   │                BT x y Td (@\)(R ) Tj ET EMC
//	   │   pdffont.Doc (the document's FontLoader) registers each sub-font
//	   │   used and records the codes drawn
//	   ▼
//	pdffont.Output (Output forwards): fpdf writes the file; it asks the
//	   Doc for each sub-font's program (whole, or cut to the codes drawn:
//	   Doc.Open) and /ToUnicode CMap (Doc.ToUnicode)
//
// The seam: bulletin/typeset does shaping and line layout (segment.go,
// shape.go, layout.go, linebreak.go), decides the text and width each glyph
// stands for (glyphtext.go: a use), which uses a FontSet may draw and in
// what order (plan.go: a full set's glyph order; restrict.go: a batch's,
// most used first), and writes the text operators (draw.go).
// bulletin/pdffont does the rest and knows nothing of shaping: the derived
// font of a family and weight (Derive, Font), the sub-fonts and codes of
// uses (Font.Plan, Plan.Slot, SubFont), each document's font use
// (Doc: registration with fpdf, codes drawn, words drawn for
// RestrictDrawn), font programs and their subsetting, fpdf font
// definitions, /ToUnicode CMaps and Output. Between the two: pdffont.Use
// (a derived glyph id, its text, its width), the Plan's slots, and
// SubFont's fpdf family, style, resource name and widths. FontSet holds,
// per face, the shaping data and its derived font's Plan (faceData). What
// a document has drawn is held by the document (its pdffont.Doc); neither
// package has global mutable state.
//
// # Copy-out
//
// Extractors differ in what they read. pdftotext and PDFium read the
// /ActualText of each word's marked-content span: the word's logical text.
// pdf.js, pdfminer and pypdf read each code's entry in the sub-font's
// /ToUnicode map, glyph by glyph in drawing order, and place word and line
// breaks by geometry. So a code stands for one glyph with one text and one
// width (a "use"; the same glyph gets several codes): a cluster's text is
// shared out over its glyphs so that, read in drawing order, they give the
// word in logical order; a code's /Widths entry is the glyph's advance where
// it is drawn (GPOS offsets included), so a word is one run of glyphs with
// no text positioning inside; a word in two sub-fonts switches font inside
// its text object; the space a line breaks at is drawn after the line's last
// word, and a line that ends with no space has its last glyph stand for one.
// bulletin/typeset's TestCopyOut measures all five on a note and a
// certificate. The /ToUnicode maps are written by fpdf itself (pdf.Output,
// or Output), asking the document's pdffont.Doc for them.
//
// fpdf behaviours relied on (its font definition format, ".z" programs,
// resource names from a hash of the definition, raw content and template
// bytes, the file's structure) are pinned in bulletin/pdffont's
// fpdf_test.go.
//
// # Fonts and fallback
//
// A FontSet holds two families, Sans (Noto Sans Devanagari + Noto Sans) and
// Serif (Noto Serif Devanagari + Noto Serif), each Regular and Bold, read
// from an fs.FS by the file names of FaceFile (fonts.FS embeds them; an
// office may pass os.DirFS of a folder with replacements). Devanagari letters
// use the Devanagari font, Latin letters the Latin font; digits and
// punctuation stay with the run around them ("नवम्बर-2024" and "100%" are not
// split into another font). A character that no font has is a *CharError
// naming it (U+XXXX and the character) and the text it came from; never a
// blank box. FontSet.Check finds such characters before any output. Input is
// NFC-normalized.
//
// # Units
//
// Font sizes (Style.Size) are in points. Every other length the package
// takes or returns (widths, heights, x and y) is in the fpdf document's user
// unit, given to NewTypesetter ("mm" for fpdf.New("P", "mm", "A4", "")), and
// y grows down the page as in fpdf. Draw checks that the document uses that
// unit.
//
// # Concurrency and use
//
// Build one FontSet per process and share it: it is immutable and safe for
// concurrent use; the derived fonts and sub-fonts are built once, on first
// use, for the whole process. Create one Typesetter per goroutine: it owns
// HarfBuzz buffers, font faces and a shaping cache, which are not safe for
// concurrent use, and costs no font parsing. Per document, just lay out and
// draw: Draw registers with the document the sub-fonts it uses, once, and
// sets the document's FontLoader to its pdffont.Doc (a document drawn into
// by this package must not use fpdf's AliasNbPages or another FontLoader).
//
//	set, err := typeset.NewFontSet(fonts.FS) // once per process
//	...
//	ts, err := typeset.NewTypesetter(set, "mm") // once per goroutine
//	pdf := fpdf.New("P", "mm", "A4", "")
//	pdf.AddPage()
//	body := typeset.Style{Family: typeset.Sans, Size: 12}
//	p, err := ts.LayoutText(text, body, typeset.Options{Width: 170, Align: typeset.Justify})
//	// p.Width, p.Height and p.Lines are known before drawing.
//	err = p.Draw(pdf, 20, 40) // top-left corner of the paragraph
//	err = typeset.Output(pdf, w) // pdf.Output, with the /ToUnicode maps
//	title := typeset.Style{Family: typeset.Serif, Weight: typeset.Bold, Size: 20}
//	title.Size, _, err = ts.FitSize(unitName, title, 150, 20, 12) // shrink to fit 150 mm
//	_, err = ts.DrawLine(pdf, 105, 80, typeset.Center, typeset.Run{Text: unitName, Style: title}) // baseline at y=80
//
// # Batches: restricted font sets
//
// A full FontSet's sub-fonts follow glyph order, one code per glyph
// standing for its own character (glyphs without one, such as half forms,
// for none), so a page of Hindi touches several of them and copies out
// right only through /ActualText (pdftotext, PDFium). A batch whose text is
// all known before drawing (a month's certificates) should draw with
// FontSet.Restrict of that text: its sub-fonts hold only the uses (glyph,
// text, width) the text needs, the most used first; the example month's
// 133 certificates need 285 uses a weight, so a certificate draws from two
// sub-fonts a weight. A document whose text is known only once it is laid
// out is drawn twice: as a draft, then with FontSet.RestrictDrawn of the
// draft (bulletin/notedoc does this). Layout, glyphs and positions are the
// same with any of these sets; only restricted sets give every extractor
// the right text. Drawing other text with a restricted set is an error
// (ErrNotRestricted), never a wrong glyph.
//
//	certSet, err := set.Restrict(allLines) // once per batch
//	ts, err := typeset.NewTypesetter(certSet, "mm")
//
// Metrics gives a style's ascent, descent and natural line height for
// stacking paragraphs; each Line has its top, baseline, ascent, descent and
// height, and Paragraph.DrawLines draws a range of lines, to flow a
// paragraph over pages (see bulletin/notedoc). Measure gives the width of
// text on one line; shaping is done in font units and cached per
// Typesetter, so measuring again at another size is cheap.
//
// Costs (2-core Xeon, see bench_test.go and bulletin/certificate's
// benchmarks): shaping about 200,000 words/s uncached; registering a
// sub-font with a document about 0.05 ms, and cutting and compressing its
// program at Output about 0.2 ms; an A4 page of Hindi drawn as a draft and
// again restricted about 3.4 ms and 16 KB; a bilingual certificate page as
// its own PDF about 1.7 ms of CPU and 27 KB (measured before issue 11: the
// /ToUnicode maps and uses made the example certificates 39-40 KB and the
// month's build about 40% more CPU).
//
// Output is deterministic: the same input gives the same PDF bytes (set
// fpdf's creation date and SetCatalogSort(true)).
package typeset
