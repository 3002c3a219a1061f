package typeset

import (
	"sort"

	"github.com/igrs-pro/bulletin/bulletin/pdffont"
)

// use is a glyph of a face drawn for a text: pdffont.Use with the glyph id
// of the face (fd.dOff less than the derived font's), as shaping gives it.
// A sub-font's code stands for one use (see pdffont.Use).
type use struct {
	dg   uint16
	text string
	w    int16 // advance, 1/1000 em
}

// setPlan gives the uses (here with derived glyph ids) codes of sub-fonts
// of pf's font, in order, and makes the plan the one of faces (the
// FontSet's copies of pf's faces).
func setPlan(pf *pdfFontFile, uses []use, restricted bool, faces []*faceData) {
	us := make([]pdffont.Use, len(uses))
	for i, u := range uses {
		us[i] = pdffont.Use{Glyph: u.dg, Text: u.text, Width: u.w}
	}
	plan := pf.font.Plan(us, restricted)
	for _, fd := range faces {
		fd.plan = plan
	}
}

// derivedUse returns u (a use of a glyph of fd) with its derived glyph id.
func (fd *faceData) derivedUse(u use) pdffont.Use {
	return pdffont.Use{Glyph: u.dg + uint16(fd.dOff), Text: u.text, Width: u.w}
}

// fullOrder lists the uses of a full FontSet's derived font in the order
// they get codes (see fullGlyphOrder): every glyph once, standing for
// its own character if it has one (glyphs without, such as half forms,
// stand for no text: only a restricted set knows what they are drawn for).
func fullOrder(pf *pdfFontFile) []use {
	dgs := fullGlyphOrder(pf)
	out := make([]use, len(dgs))
	for i, dg := range dgs {
		out[i] = use{dg: dg, w: pf.width(dg)}
		if r := pf.uni[dg]; r != 0 {
			out[i].text = string(r)
		}
	}
	return out
}

// width returns the advance of derived glyph dg in 1/1000 em.
func (pf *pdfFontFile) width(dg uint16) int16 {
	for _, fd := range pf.faces {
		if g := int(dg) - fd.dOff; g >= 0 && g < len(fd.pdfWidth) {
			return int16(fd.pdfWidth[g])
		}
	}
	return 0
}

// fullGlyphOrder lists the derived glyph ids of a full FontSet's derived
// font in the order they get codes: those with a code point in Basic
// Latin, Latin-1, Devanagari, Devanagari Extended or General Punctuation
// first, then the rest of the Devanagari face, then the rest, in glyph
// order. (A restricted set's order is byUse's.)
func fullGlyphOrder(pf *pdfFontFile) []uint16 {
	n := len(pf.cp)
	common := func(cp uint16) bool {
		return cp >= 0x20 && cp <= 0x7E || cp >= 0xA0 && cp <= 0xFF || cp >= 0x0900 && cp <= 0x097F ||
			cp >= 0xA8E0 && cp <= 0xA8FF || cp >= 0x2000 && cp <= 0x206F || cp == 0x20B9
	}
	class := func(dg int) int {
		switch {
		case common(pf.cp[dg]):
			return 0
		case dg < len(pf.faces[0].pdfWidth):
			return 1
		}
		return 2
	}
	order := make([]uint16, 0, n)
	for dg := 1; dg < n; dg++ {
		order = append(order, uint16(dg))
	}
	sort.SliceStable(order, func(i, j int) bool {
		a, b := int(order[i]), int(order[j])
		ca, cb := class(a), class(b)
		if ca != cb {
			return ca < cb
		}
		if ca == 0 && pf.cp[a] != pf.cp[b] {
			return pf.cp[a] < pf.cp[b]
		}
		return a < b
	})
	return order
}
