package typeset

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"strconv"
)

// fontPlan splits the glyphs a FontSet may draw in a derived font into
// sub-fonts.
type fontPlan struct {
	pf         *pdfFontFile
	subs       []*subFont
	restricted bool
	slots      map[use]uint16 // sub-font index<<8 | code of each use
}

// use is a glyph drawn for a text: a code of a sub-font stands for one
// glyph (dg, a derived glyph id) with one text, which its /ToUnicode map
// gives; the same glyph has as many codes as the texts it is drawn for
// ("" for none: no /ToUnicode entry).
//
// A code's /Widths entry is the glyph's advance where it is drawn: the
// distance to the next glyph of its word as shaped (GPOS offsets
// included), so that viewers place every glyph of a word from the widths
// alone. Extractors then see a word as one unbroken run of glyphs; text
// positioning inside a word made pdf.js and pdfminer split words.
type use struct {
	dg   uint16
	text string
	w    int16 // advance, 1/1000 em
}

// newPlan gives the uses of each sub-font (derived glyph ids, at most
// codesPerFont each) codes, and sets the slots of pf's faces in faces (the
// FontSet's copies of them) to the sub-font index and code of each glyph's
// first use.
func newPlan(pf *pdfFontFile, subs [][]use, restricted bool, faces []*faceData) *fontPlan {
	plan := &fontPlan{pf: pf, restricted: restricted, slots: map[use]uint16{}}
	slotOf := map[uint16]uint16{}
	for _, uses := range subs {
		sf := &subFont{pf: pf}
		for j, u := range uses {
			slot := uint16(len(plan.subs))<<8 | uint16(firstCode+j)
			sf.dgid[firstCode+j], sf.text[firstCode+j], sf.w[firstCode+j] = u.dg, u.text, u.w
			plan.slots[u] = slot
			if slotOf[u.dg] == 0 {
				slotOf[u.dg] = slot
			}
		}
		sf.name, sf.family, sf.file = subFontNames(pf, sf)
		plan.subs = append(plan.subs, sf)
	}
	for _, fd := range faces {
		fd.plan = plan
		fd.slot = make([]uint16, len(fd.pdfWidth))
		for g := range fd.slot {
			fd.slot[g] = slotOf[uint16(fd.dOff+g)]
		}
	}
	return plan
}

// subFontNames returns the /BaseFont, fpdf family and fpdf file name of a
// sub-font, from a hash of its derived font and its codes.
func subFontNames(pf *pdfFontFile, sf *subFont) (name, family, file string) {
	h := sha256.New()
	h.Write(pf.sum[:])
	fmt.Fprintf(h, "%s\x00%s\x00", pf.family, pf.style)
	binary.Write(h, binary.BigEndian, sf.dgid[:])
	binary.Write(h, binary.BigEndian, sf.w[:])
	for _, t := range sf.text {
		fmt.Fprintf(h, "%s\x00", t)
	}
	sum := h.Sum(nil)
	// fpdf keeps the first font registered under a family and style (and
	// a file name): 64 bits of the hash keep sub-fonts apart.
	id := hex.EncodeToString(sum[:8])
	return subsetTag(sum) + "+" + pf.psName, "ts" + id, id + ".z"
}

// chunks splits uses into sub-fonts of codesPerFont uses.
func chunks(uses []use) [][]use {
	var out [][]use
	for i := 0; i < len(uses); i += codesPerFont {
		out = append(out, uses[i:min(i+codesPerFont, len(uses))])
	}
	return out
}

func dedup(us []use) []use {
	seen := map[use]bool{}
	var out []use
	for _, u := range us {
		if !seen[u] {
			seen[u] = true
			out = append(out, u)
		}
	}
	return out
}

// wordKey identifies the uses of a word, for counting words.
func wordKey(us []use) string {
	b := make([]byte, 0, 16*len(us))
	for _, u := range us { // "%d/%d/%s\x00" without fmt: Restrict makes millions
		b = strconv.AppendUint(b, uint64(u.dg), 10)
		b = append(b, '/')
		b = strconv.AppendInt(b, int64(u.w), 10)
		b = append(b, '/')
		b = append(b, u.text...)
		b = append(b, 0)
	}
	return string(b)
}

// slotFor returns the sub-font index<<8 | code that draws u (a glyph id
// of fd): the code of that use, else (a set that was not restricted to
// the text) the glyph's first code; 0 if the set has no code for the glyph.
func (fd *faceData) slotFor(u use) uint16 {
	if s, ok := fd.plan.slots[use{u.dg + uint16(fd.dOff), u.text, u.w}]; ok {
		return s
	}
	return fd.slot[u.dg]
}

// fullOrder lists the uses of a full FontSet's derived font in the order
// they get codes (see the top of this file): every glyph once, standing for
// its own character if it has one (glyphs without, such as half forms,
// stand for no text: only a restricted set knows what they are drawn for).
func fullOrder(pf *pdfFontFile) [][]use {
	dgs := fullGlyphOrder(pf)
	out := make([]use, len(dgs))
	for i, dg := range dgs {
		out[i] = use{dg: dg, w: pf.width(dg)}
		if r := pf.uni[dg]; r != 0 {
			out[i].text = string(r)
		}
	}
	return chunks(out)
}
