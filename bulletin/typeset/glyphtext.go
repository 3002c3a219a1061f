package typeset

import "unicode"

// glyphTexts returns the text each glyph of a shaped word stands for, for
// the sub-fonts' /ToUnicode maps: read in drawing order, the glyphs' texts
// make up the word's text in logical order, so that an extractor that
// ignores /ActualText (pdf.js, pdfminer, pypdf) still copies it out right.
//
// HarfBuzz gives each glyph the index of its cluster's first character;
// the glyphs of a cluster (a syllable such as "र्कि": the ि matra drawn
// before क, the reph after it) share its characters. Each glyph gets at
// least one of them where there are enough (a viewer such as pdf.js reads
// a glyph mapped to no text as the code itself): the last glyphs one
// character each, the first glyph the rest. A glyph's text never ends with
// a format character (ZWJ, ZWNJ), which pdf.js would drop with the glyph;
// the character goes to the next glyph's text instead. Glyphs beyond the
// cluster's characters (a dotted circle HarfBuzz adds) stand for nothing.
func glyphTexts(text string, gl []glyph) []string {
	runes := []rune(text)
	out := make([]string, len(gl))
	for i := 0; i < len(gl); {
		j := i + 1
		for j < len(gl) && gl[j].cluster == gl[i].cluster {
			j++
		}
		start := int(gl[i].cluster)
		end := len(runes)
		for _, g := range gl { // the next cluster's start, in logical order
			if c := int(g.cluster); c > start && c < end {
				end = c
			}
		}
		if start > len(runes) {
			start = len(runes)
		}
		splitCluster(runes[start:end], out[i:j])
		i = j
	}
	return out
}

// splitCluster shares the characters of one cluster among its glyphs.
func splitCluster(cl []rune, out []string) {
	m, n := len(out), len(cl)
	if m == 1 || n <= 1 {
		out[0] = string(cl)
		return
	}
	k := min(m, n) // glyphs that get text
	bound := make([]int, k+1)
	bound[k] = n
	for j := k - 1; j >= 1; j-- {
		b := bound[j+1] - 1
		for b > j && unicode.Is(unicode.Cf, cl[b-1]) {
			b--
		}
		bound[j] = b
	}
	for j := range k {
		out[j] = string(cl[bound[j]:bound[j+1]])
	}
}

// glyphUses returns the uses (glyph id of fd, text and width; see use)
// that draw the glyphs gl of a word whose text is src. eol says that the
// word ends a line: its last glyph also stands for a space, so that pdf.js,
// which sees only the glyphs, keeps the line's last word apart from the
// next line's first.
func (fd *faceData) glyphUses(src string, gl []glyph, eol bool) []use {
	texts := glyphTexts(src, gl)
	leadWithoutMarks(texts)
	if eol && len(texts) > 0 {
		texts[len(texts)-1] += " "
	}
	out := make([]use, len(gl))
	for i, g := range gl {
		adv := g.adv - g.dx // to the pen position after it
		if i+1 < len(gl) {
			adv += gl[i+1].dx // to where the next glyph is drawn
		}
		w := int16(fd.pdfWidth[g.gid])
		if adv >= 0 {
			w = int16(roundHalfAway(float64(adv) * 1000 / fd.upem))
		}
		out[i] = use{g.gid, texts[i], w}
	}
	return out
}

// leadWithoutMarks moves the text of a word's first glyph from its first
// nonspacing mark (a virama, most matras, anusvara) on to the next glyph's.
// pdf.js takes a glyph whose text has such a mark for a zero-width
// diacritic; as the first glyph of a word ("प्र" of "प्रमाण") that made it
// see a space before the second.
func leadWithoutMarks(texts []string) {
	if len(texts) < 2 {
		return
	}
	r := []rune(texts[0])
	for k, c := range r {
		if unicode.Is(unicode.Mn, c) {
			if k > 0 {
				texts[0], texts[1] = string(r[:k]), string(r[k:])+texts[1]
			}
			return
		}
	}
}
