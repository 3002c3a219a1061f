// Package pdffont holds the font-file side of bulletin's PDF text: it
// makes the bytes that bulletin/typeset embeds, and knows nothing of
// shaping or layout.
//
//	Derive      two faces (Devanagari + Latin) of a family and weight merged
//	            into one glyph space, hinting and layout tables dropped
//	NewProgram  a sub-font: up to CodesPerFont glyphs of a derived font as a
//	            symbolic TrueType font whose code c is glyph c
//	Cut         the sub-font's program with only the glyphs a document drew
//	Definition  its font definition in fpdf's JSON form (widths, names)
//	FontID      the name fpdf gives it in content streams
//	ToUnicodeCMap, AddToUnicode
//	            the /ToUnicode map of a sub-font's codes, and the rewrite of
//	            the file fpdf wrote that adds it (fpdf cannot, for simple fonts)
//
// bulletin/typeset decides which glyph, standing for which text, gets which
// code of which sub-font, registers sub-fonts with documents and writes the
// text operators. Between the two: derived glyph ids, a sub-font's 256
// glyphs, widths and code points, and the texts of its codes.
//
// fpdf_test.go pins every fpdf behaviour bulletin relies on.
package pdffont
