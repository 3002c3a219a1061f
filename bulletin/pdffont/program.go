package pdffont

import (
	"encoding/binary"
	"fmt"
	"sync"
)

// The codes of a simple font that fpdf gives widths for (it writes
// /FirstChar 32 /LastChar 255): CodesPerFont of them from FirstCode.
const (
	FirstCode    = 32
	CodesPerFont = 256 - FirstCode
)

const firstCode = FirstCode

// Program is the font program of a sub-font: a symbolic TrueType font whose
// glyph id for code c is c, reached through a (3,0) cmap at U+F000+c and a
// (1,0) cmap at c, as PDF viewers look glyphs up in symbolic TrueType fonts;
// glyph 0 is .notdef, and the components of composite glyphs follow glyph
// 255. Cut gives it with only the glyphs a document drew.
type Program struct {
	d    *PartData   // the derived font the glyphs come from
	dgid [256]uint16 // by code: its glyph in d (0: none)
	gl   [][]byte    // glyph data by sub-font glyph id, components renumbered
	need [][]uint16  // by code: the component glyph ids its glyph needs
	tabs []ttfTable  // every table but glyf and loca
	full int         // size of the program with every glyph
	size int         // bytes of glyph data of the codes' glyphs (each once)
	rep  [256]byte   // by code: the first code of the same glyph
}

// NewProgram makes the program of a sub-font whose code c draws glyph
// dgid[c] of the derived font d (0: no glyph).
func NewProgram(d *PartData, dgid [256]uint16) (*Program, error) {
	p := &Program{d: d, dgid: dgid}
	src, subID, err := p.glyphIDs()
	if err != nil {
		return nil, err
	}
	hmtx := p.copyGlyphs(src, subID)
	p.tabs = p.otherTables(len(src), hmtx)
	var all [256]bool
	for c := range all {
		all[c] = dgid[c] != 0
	}
	p.full = len(p.Cut(&all))
	first := map[uint16]byte{}
	for c := 255; c >= firstCode; c-- {
		first[dgid[c]] = byte(c)
	}
	for c := firstCode; c < 256; c++ {
		p.rep[c] = first[dgid[c]]
	}
	p.size = p.glyphBytes(&all)
	return p, nil
}

// glyphBytes returns the bytes of glyph data of the codes used, each
// glyph once (codes standing for the same glyph with other texts copy its
// data, which compresses to next to nothing).
func (p *Program) glyphBytes(used *[256]bool) int {
	var seen [256]bool
	n := 0
	for c := firstCode; c < 256; c++ {
		if r := p.rep[c]; used[c] && !seen[r] {
			seen[r] = true
			n += len(p.gl[c])
		}
	}
	return n
}

// MostlyUsed reports whether the glyphs of the codes used hold at least
// wholeShare of the sub-font's glyph data: a document drawing that much of
// a sub-font embeds the whole program, compressed once per sub-font,
// instead of a cut compressed for it alone (see Doc.Open).
func (p *Program) MostlyUsed(used *[256]bool) bool {
	return p.glyphBytes(used)*wholeOf >= p.size*wholeShare
}

// wholeShare/wholeOf is the share of its glyph data a document must draw
// to embed a sub-font whole. In the state (1,851 certificates, four
// sub-fonts), the first sub-font of the regular weight is drawn 84-90 % by
// every certificate, both bold sub-fonts 52-61 %, the second regular one
// 17-22 %. At one half, two cut programs in three are not made (each was
// cut and compressed for its document alone) for 5.3 KB more a
// certificate (the whole program is the glyphs it did not draw too); at
// three quarters (until /Differences were dropped) the bold sub-fonts
// were cut; at 0.2 or below every program would be whole, 10.6 KB more.
const wholeShare, wholeOf = 1, 2

// Full is the size of the program with all its glyphs: the definition's
// OriginalSize (a cut's /Length1 is its own length: see Doc.Open).
func (p *Program) Full() int { return p.full }

// glyphIDs numbers the sub-font's glyphs: code c is glyph c; the
// components of composite glyphs not drawn as a code of this font follow
// glyph 255. It returns the derived glyph id of each sub-font glyph id and
// the reverse, and sets p.need.
func (p *Program) glyphIDs() ([]uint16, map[uint16]uint16, error) {
	be := binary.BigEndian
	d := p.d
	src := make([]uint16, 256, 256+32) // sub-font glyph id -> derived glyph id
	copy(src, p.dgid[:])
	src[0] = 0
	subID := map[uint16]uint16{0: 0}
	for c := firstCode; c < 256; c++ {
		if p.dgid[c] != 0 {
			subID[p.dgid[c]] = uint16(c)
		}
	}
	p.need = make([][]uint16, 256)
	var walk func(dg, depth int, need *[]uint16) error
	walk = func(dg, depth int, need *[]uint16) error {
		b := d.glyph(dg)
		if len(b) < 10 || int16(be.Uint16(b)) >= 0 {
			return nil
		}
		if depth > 8 {
			return fmt.Errorf("glyph %d: composite glyphs nested too deep", dg)
		}
		for q := 10; q+4 <= len(b); q += componentSize(be.Uint16(b[q:])) {
			c := be.Uint16(b[q+2:])
			if int(c) >= len(d.adv) {
				return fmt.Errorf("composite glyph %d uses glyph %d of %d", dg, c, len(d.adv))
			}
			id, ok := subID[c]
			if !ok {
				id = uint16(len(src))
				subID[c] = id
				src = append(src, c)
			}
			*need = append(*need, id)
			if err := walk(int(c), depth+1, need); err != nil {
				return err
			}
			if be.Uint16(b[q:])&0x0020 == 0 { // no MORE_COMPONENTS
				break
			}
		}
		return nil
	}
	for c := 0; c < 256; c++ {
		if c == 0 || p.dgid[c] != 0 {
			if err := walk(int(p.dgid[c]), 0, &p.need[c]); err != nil {
				return nil, nil, err
			}
		}
	}
	if len(src) > 0xFFFF {
		return nil, nil, fmt.Errorf("%d glyphs in a sub-font", len(src))
	}
	return src, subID, nil
}

// copyGlyphs sets p.gl to the glyph data of the sub-font's glyphs
// (components renumbered) and returns their metrics (hmtx).
func (p *Program) copyGlyphs(src []uint16, subID map[uint16]uint16) []byte {
	be := binary.BigEndian
	d := p.d
	p.gl = make([][]byte, len(src))
	hmtx := make([]byte, 4*len(src))
	for id, dg := range src {
		if id > 0 && id < 256 && dg == 0 {
			continue // no glyph at this code: empty, zero advance
		}
		b := d.glyph(int(dg))
		if len(b) >= 10 && int16(be.Uint16(b)) < 0 {
			b = append([]byte(nil), b...)
			for q := 10; q+4 <= len(b); q += componentSize(be.Uint16(b[q:])) {
				be.PutUint16(b[q+2:], subID[be.Uint16(b[q+2:])])
				if be.Uint16(b[q:])&0x0020 == 0 {
					break
				}
			}
		}
		p.gl[id] = b
		be.PutUint16(hmtx[4*id:], d.adv[dg])
		be.PutUint16(hmtx[4*id+2:], uint16(d.lsb[dg]))
	}
	return hmtx
}

// otherTables returns every table of the sub-font's program but glyf and
// loca, for n glyphs with metrics hmtx.
func (p *Program) otherTables(n int, hmtx []byte) []ttfTable {
	be := binary.BigEndian
	t := p.d.tabs
	head := append([]byte(nil), t["head"]...)
	be.PutUint32(head[8:], 0) // checkSumAdjustment, set by assemble
	hhea := append([]byte(nil), t["hhea"]...)
	be.PutUint16(hhea[34:], uint16(n))
	maxp := append([]byte(nil), t["maxp"]...)
	be.PutUint16(maxp[4:], uint16(n))
	os2 := append([]byte(nil), t["OS/2"]...)
	if len(os2) >= 68 {
		be.PutUint16(os2[64:], 0xF000+firstCode) // usFirstCharIndex
		be.PutUint16(os2[66:], 0xF0FF)           // usLastCharIndex
	}
	return []ttfTable{
		{"OS/2", os2}, {"cmap", symbolCmap}, {"head", head}, {"hhea", hhea},
		{"hmtx", hmtx}, {"maxp", maxp}, {"name", keepNames(t["name"])}, {"post", t["post"]},
	}
}

// advance returns the advance width of code c's glyph in 1/1000 em.
func (p *Program) advance(c byte) int {
	upem := float64(binary.BigEndian.Uint16(p.table("head")[18:]))
	return int(roundHalfAway(float64(p.d.adv[p.dgid[c]]) * 1000 / upem))
}

// table returns the sub-font's table tag (of p.tabs).
func (p *Program) table(tag string) []byte {
	for _, t := range p.tabs {
		if t.tag == tag {
			return t.data
		}
	}
	return nil
}

// Cut returns the font program holding the glyphs of the
// codes used (and glyph 0, and their components).
func (p *Program) Cut(used *[256]bool) []byte {
	return p.cutInto(new(cutBuffers), used)
}

// cutBuffers is what Cut writes into: a document's cut is compressed at
// once and then not needed, so Doc.Open reuses them (cutPool) instead of
// allocating about 35 KB for each sub-font of each document.
type cutBuffers struct {
	keep             []bool
	glyf, loca, hmtx []byte
	tabs             []ttfTable
	out              []byte
}

var cutPool = sync.Pool{New: func() any { return new(cutBuffers) }}

// cutInto is Cut into buf: the program it returns is buf's, valid until
// buf is used again.
func (p *Program) cutInto(buf *cutBuffers, used *[256]bool) []byte {
	n := len(p.gl)
	keep := append(buf.keep[:0], make([]bool, n)...)
	buf.keep = keep
	keep[0] = true
	for _, id := range p.need[0] {
		keep[id] = true
	}
	for c := firstCode; c < 256; c++ {
		if used[c] {
			keep[c] = true
			for _, id := range p.need[c] {
				keep[id] = true
			}
		}
	}
	glyf := buf.glyf[:0]
	loca := append(buf.loca[:0], make([]byte, 4*(n+1))...)
	for id, k := range keep {
		binary.BigEndian.PutUint32(loca[4*id:], uint32(len(glyf)))
		if k {
			glyf = append(glyf, p.gl[id]...)
		}
	}
	binary.BigEndian.PutUint32(loca[4*n:], uint32(len(glyf)))
	buf.glyf, buf.loca = glyf, loca
	// The metrics of the glyphs left out are zeros, which compress to
	// nothing (viewers take advances from /Widths).
	tabs := buf.tabs[:0]
	for _, t := range p.tabs {
		if t.tag == "hmtx" {
			h := append(buf.hmtx[:0], make([]byte, len(t.data))...)
			for id, k := range keep {
				if k {
					copy(h[4*id:4*id+4], t.data[4*id:])
				}
			}
			buf.hmtx = h
			t.data = h
		}
		tabs = append(tabs, t)
	}
	tabs = append(tabs, ttfTable{"glyf", glyf}, ttfTable{"loca", loca})
	buf.tabs = tabs
	buf.out = assembleInto(buf.out[:0], tabs)
	return buf.out
}

// symbolCmap maps code c (32..255) to glyph c: a (1,0) format-0 subtable
// and a (3,0) format-4 subtable at U+F000+c.
var symbolCmap = func() []byte {
	be := binary.BigEndian
	b := make([]byte, 4+8+8)
	be.PutUint16(b[2:], 2) // numTables
	// (1,0) format 0
	be.PutUint16(b[4:], 1)
	be.PutUint32(b[8:], uint32(len(b)))
	f0 := make([]byte, 6+256)
	be.PutUint16(f0[2:], uint16(len(f0)))
	for c := firstCode; c < 256; c++ {
		f0[6+c] = byte(c)
	}
	b = append(b, f0...)
	// (3,0) format 4: F020-F0FF with delta 0x1000 (F020+1000 = 0020 mod
	// 65536), and the final FFFF segment.
	be.PutUint16(b[12:], 3)
	be.PutUint32(b[16:], uint32(len(b)))
	f4 := make([]byte, 14+2*4*2+2)
	be.PutUint16(f4[0:], 4)
	be.PutUint16(f4[2:], uint16(len(f4)))
	be.PutUint16(f4[6:], 4)  // segCountX2
	be.PutUint16(f4[8:], 4)  // searchRange
	be.PutUint16(f4[10:], 1) // entrySelector
	be.PutUint16(f4[12:], 0) // rangeShift
	p := 14
	be.PutUint16(f4[p:], 0xF0FF) // endCode
	be.PutUint16(f4[p+2:], 0xFFFF)
	p += 4 + 2                             // reservedPad
	be.PutUint16(f4[p:], 0xF000+firstCode) // startCode
	be.PutUint16(f4[p+2:], 0xFFFF)
	p += 4
	be.PutUint16(f4[p:], 0x1000) // idDelta
	be.PutUint16(f4[p+2:], 1)
	// idRangeOffset: zeros
	return append(b, f4...)
}()

// keepNames returns a name table with only the records a font in a PDF
// keeps: copyright, names and version (ids 0-6) and the licence and its
// address (13, 14). The designer's, vendor's and trademark records are
// left out of every sub-font. A table it cannot read is returned whole.
func keepNames(t []byte) []byte {
	be := binary.BigEndian
	if len(t) < 6 || be.Uint16(t) != 0 {
		return t
	}
	n, so := int(be.Uint16(t[2:])), int(be.Uint16(t[4:]))
	if len(t) < 6+12*n {
		return t
	}
	var recs [][]byte // each: the 12-byte record, then its string
	for i := range n {
		r := t[6+12*i : 18+12*i]
		ln, off := int(be.Uint16(r[8:])), int(be.Uint16(r[10:]))
		if so+off+ln > len(t) {
			return t
		}
		if id := be.Uint16(r[6:]); id <= 6 || id == 13 || id == 14 {
			recs = append(recs, append(append([]byte(nil), r...), t[so+off:so+off+ln]...))
		}
	}
	so = 6 + 12*len(recs)
	out := make([]byte, so)
	be.PutUint16(out[2:], uint16(len(recs)))
	be.PutUint16(out[4:], uint16(so))
	for i, r := range recs {
		copy(out[6+12*i:], r[:12])
		be.PutUint16(out[6+12*i+10:], uint16(len(out)-so))
		out = append(out, r[12:]...)
	}
	return out
}
