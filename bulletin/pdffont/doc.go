// Package pdffont holds the font side of bulletin's PDF text: from glyph
// uses that bulletin/typeset shaped, to the font objects in the PDF. It
// knows nothing of shaping or layout.
//
//	Use         a derived glyph id, the text it stands for, its width where
//	            drawn: what one code of a sub-font stands for
//	   │
//	Font.Plan   the uses a font set may draw, in order, given codes
//	   │        FirstCode..255 of sub-fonts (SubFont) of CodesPerFont each;
//	   │        Plan.Slot: the sub-font and code of a use
//	   ▼
//	Doc         a document's font use, installed as its fpdf FontLoader
//	   │        (DocOf): Use registers a sub-font with the document (its
//	   │        Definition, through fpdf's AddFontDef), DocFont.Mark records a
//	   │        code drawn, Want/Words the words drawn (for restricting a
//	   │        font set to a draft's text); Used/AddUse copy it to a
//	   │        document that shows the same content
//	   ▼
//	Output      fpdf writes the file, asking Doc.Open for each sub-font's
//	            program: whole, compressed once per sub-font, if the
//	            document drew most of its glyphs (Program.MostlyUsed), else
//	            cut to the codes drawn (Program.Cut) and compressed; and
//	            Doc.ToUnicode for its /ToUnicode CMap of the codes drawn
//	            (its lines made once per sub-font; fpdf writes it through
//	            ToUnicodeLoader, a bulletin patch)
//
// and beneath:
//
//	Derive      two faces (Devanagari + Latin) of a family and weight merged
//	            into one glyph space, hinting and layout tables dropped;
//	            NewFont reads it back for its sub-fonts
//	NewProgram  a sub-font's program: a symbolic TrueType font whose code c
//	            is glyph c; Cut gives it with only the glyphs drawn
//	Definition  its font definition in fpdf's JSON form (widths, names)
//	FontID      the name fpdf gives it in content streams
//	ToUnicodeCMap
//	            the /ToUnicode map of a sub-font's codes (unpatched fpdf
//	            cannot write one for a simple font)
//
// bulletin/typeset decides which uses a font set draws and in what order,
// which use each glyph drawn is, and writes the text operators with the
// slot's sub-font (SubFont.Family, Style, Resource) and code. Fonts, plans
// and sub-fonts are immutable and shared by goroutines (a sub-font's
// definition, parsed by fpdf once (fpdf.ReadFontDef, a bulletin patch),
// program, whole compressed program and CMap lines are made once, on first
// use); a Doc belongs to its document. There is no global mutable state.
//
// fpdf_test.go pins every fpdf behaviour bulletin relies on.
package pdffont
