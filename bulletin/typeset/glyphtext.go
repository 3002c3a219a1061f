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
