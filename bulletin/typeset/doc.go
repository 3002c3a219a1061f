// Package typeset lays out paragraphs of mixed Hindi and English text with a
// real shaping engine (HarfBuzz, as ported by go-text/typesetting) and draws
// them into an fpdf document so that they look right (matras reordered,
// conjuncts, half forms, reph, marks placed by GPOS) and copy out right.
//
// fpdf maps one code point to one glyph, so Devanagari drawn through its
// Cell, MultiCell or Write comes out broken. This package never uses those
// (nor GetStringWidth, nor Text) for text it shapes. It merges, per family
// and weight, the Devanagari and the Latin face into one glyph space (a
// "derived" font, derive.go), splits the glyphs it may draw into simple
// TrueType fonts of up to 224 glyphs addressed by one-byte codes (simple.go),
// registers those with fpdf's AddFontFromReader as they are first used in a
// document, and writes the codes of each shaped glyph itself into the page
// (fpdf's RawWriteBuf), with a new text position wherever the shaper's
// position differs from what a viewer would compute from the widths. Each
// word is wrapped in a marked-content span whose /ActualText is the word's
// logical Unicode text, so that pdftotext and other extractors return the
// source text; each code is also named after its glyph's code point in the
// font's /Differences (Private Use for glyphs without one, such as half
// forms), for viewers that ignore /ActualText. At Output, fpdf asks the
// document's FontLoader, which this package installs, for each font
// program, and gets it cut down to the glyphs the document drew.
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
// sets the document's FontLoader (a document drawn into by this package
// must not use fpdf's AliasNbPages or another FontLoader).
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
//	title := typeset.Style{Family: typeset.Serif, Weight: typeset.Bold, Size: 20}
//	title.Size, _, err = ts.FitSize(unitName, title, 150, 20, 12) // shrink to fit 150 mm
//	_, err = ts.DrawLine(pdf, 105, 80, typeset.Center, typeset.Run{Text: unitName, Style: title}) // baseline at y=80
//
// # Batches: restricted font sets
//
// A full FontSet's sub-fonts follow glyph order, so a page of Hindi touches
// several of them. A batch whose text is all known before drawing (a month's
// certificates) should draw with FontSet.Restrict of that text: its
// sub-fonts hold only the glyphs the text needs, the most used first, so a
// certificate needs one per weight. A document whose text is known only
// once it is laid out is drawn twice: as a draft, then with
// FontSet.RestrictDrawn of the draft (bulletin/notedoc does this). Layout,
// glyphs, positions and extracted text are the same with any of these
// sets. Drawing other text with a restricted set is an error
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
// its own PDF about 1.7 ms of CPU and 27 KB.
//
// Output is deterministic: the same input gives the same PDF bytes (set
// fpdf's creation date and SetCatalogSort(true)).
package typeset
