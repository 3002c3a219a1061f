package pdffont

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"sort"
)

// This file builds the "derived" font of each family and weight: its
// Devanagari and Latin faces merged into one glyph space, from which the
// sub-fonts written into PDFs take their glyphs (program.go), so that a line
// with Hindi and English in one weight uses one sub-font. The derived file
//
//   - holds the glyphs of its faces one after the other: the first face's
//     glyph ids are unchanged, the next face's are shifted by the glyph count
//     before it (composite glyphs' component ids too), with one long hmtx
//     metric per glyph, a long loca, and head, hhea, maxp and OS/2 of the
//     first face widened to cover all (bounding box, extents, maxima,
//     Unicode ranges);
//   - has a single (3,1) format-4 cmap in which every glyph that has a BMP
//     code point keeps it and every other glyph gets a Private Use one
//     (U+E000 upwards, skipping any a face maps). Where two faces map the same
//     code point (space, digits, punctuation) it goes to the face listed
//     first in the priority order (Latin, so that English copies out even in
//     viewers that ignore /ActualText); the other face's glyph shares it when
//     the two glyphs are identical (same outline, advance and side bearing),
//     and gets a Private Use code point otherwise;
//   - leaves out the tables a PDF viewer does not use (GSUB, GPOS, GDEF,
//     DSIG) and the TrueType hinting (fpgm, prep, cvt, gasp and the per-glyph
//     instructions), which a PDF viewer rendering at print resolution does not
//     need and which would otherwise cost ~4 KB in every PDF per font;
//   - keeps only the 32-byte header of the post table (glyph names are not
//     needed in a PDF), and the first face's name table with the copyright
//     notices of all faces.
//
// Shaping always uses the original fonts, so none of this affects layout.

type ttfTable struct {
	tag  string
	data []byte
}

// ReadTables returns the tables of a TrueType font file by tag.
func ReadTables(b []byte) (map[string][]byte, error) {
	if len(b) < 12 {
		return nil, errors.New("font file too short")
	}
	switch v := binary.BigEndian.Uint32(b); v {
	case 0x00010000, 0x74727565: // TrueType
	default:
		return nil, fmt.Errorf("not a TrueType (glyf) font: sfnt version %#x", v)
	}
	n := int(binary.BigEndian.Uint16(b[4:]))
	if len(b) < 12+16*n {
		return nil, errors.New("truncated table directory")
	}
	out := make(map[string][]byte, n)
	for i := range n {
		rec := b[12+16*i:]
		tag := string(rec[:4])
		off := int(binary.BigEndian.Uint32(rec[8:]))
		ln := int(binary.BigEndian.Uint32(rec[12:]))
		if off < 0 || ln < 0 || off+ln > len(b) {
			return nil, fmt.Errorf("table %q out of bounds", tag)
		}
		out[tag] = b[off : off+ln]
	}
	for _, t := range []string{"head", "hhea", "maxp", "hmtx", "loca", "glyf", "cmap", "OS/2", "post", "name"} {
		if _, ok := out[t]; !ok {
			return nil, fmt.Errorf("font has no %q table", t)
		}
	}
	return out, nil
}

// Part is one face that goes into a derived font file.
type Part struct {
	Name      string          // file name, for errors
	Raw       []byte          // the original font file
	Cmap      map[rune]uint16 // its Unicode mappings (any plane; only BMP ones are kept)
	NumGlyphs int
}

// PartData is a Part read: its tables, its glyphs without instructions
// and its metrics, one per glyph.
type PartData struct {
	tabs   map[string][]byte
	glyf   []byte
	loca   []uint32 // numGlyphs+1 offsets into glyf
	adv    []uint16
	lsb    []int16
	offset int // its glyph 0's id in the derived font
}

// glyph returns the instruction-free glyf data of glyph g.
func (d *PartData) glyph(g int) []byte { return d.glyf[d.loca[g]:d.loca[g+1]] }

// ReadPart reads a part whose glyph 0 is glyph offset of the derived font.
func ReadPart(p Part, offset int) (*PartData, error) {
	tabs, err := ReadTables(p.Raw)
	if err != nil {
		return nil, err
	}
	head, hhea, hmtx := tabs["head"], tabs["hhea"], tabs["hmtx"]
	if len(head) < 54 {
		return nil, errors.New("short head table")
	}
	if len(hhea) < 36 {
		return nil, errors.New("short hhea table")
	}
	n := p.NumGlyphs
	nhm := int(binary.BigEndian.Uint16(hhea[34:]))
	if nhm == 0 || nhm > n || len(hmtx) < 4*nhm+2*(n-nhm) {
		return nil, errors.New("bad hmtx table")
	}
	long := binary.BigEndian.Uint16(head[50:]) == 1
	glyf, loca, err := stripInstructions(tabs["glyf"], tabs["loca"], long, n, offset)
	if err != nil {
		return nil, err
	}
	d := &PartData{tabs: tabs, glyf: glyf, loca: loca, adv: make([]uint16, n), lsb: make([]int16, n), offset: offset}
	for g := range n {
		if g < nhm {
			d.adv[g] = binary.BigEndian.Uint16(hmtx[4*g:])
			d.lsb[g] = int16(binary.BigEndian.Uint16(hmtx[4*g+2:]))
		} else {
			d.adv[g] = d.adv[nhm-1]
			d.lsb[g] = int16(binary.BigEndian.Uint16(hmtx[4*nhm+2*(g-nhm):]))
		}
	}
	return d, nil
}

// readParts reads the parts of a merged font, numbering their glyphs one
// after the other, and returns them with the total glyph count.
func readParts(parts []Part) ([]*PartData, int, error) {
	ps := make([]*PartData, len(parts))
	total := 0
	for i, p := range parts {
		d, err := ReadPart(p, total)
		if err != nil {
			if len(parts) > 1 {
				err = fmt.Errorf("%s: %w", p.Name, err)
			}
			return nil, 0, err
		}
		ps[i] = d
		total += p.NumGlyphs
	}
	return ps, total, nil
}

// deriveFont builds the derived font file of parts (parts[0] keeps its
// glyph ids and gives the font-wide tables; see the top of this file) and
// returns it with, for each part and each of its glyph ids, the code point
// that reaches the glyph in the derived cmap. prio lists the parts in the
// order in which they get a code point that several of them map.
// Derive returns the derived font of parts (see the top of this file) and
// the code point chosen for each glyph of each part.
func Derive(parts []Part, prio []int) ([]byte, [][]uint16, error) {
	be := binary.BigEndian
	ps, total, err := readParts(parts)
	if err != nil {
		return nil, nil, err
	}
	if total > 0xFFFF {
		return nil, nil, fmt.Errorf("%d glyphs in one font", total)
	}
	base := ps[0].tabs
	for _, d := range ps[1:] {
		if be.Uint16(d.tabs["head"][18:]) != be.Uint16(base["head"][18:]) {
			return nil, nil, errors.New("faces with different units per em")
		}
	}

	// glyf, loca and hmtx: the parts one after the other.
	size := 0
	for _, d := range ps {
		size += len(d.glyf)
	}
	glyf := make([]byte, 0, size)
	loca := make([]byte, 4*(total+1))
	hmtx := make([]byte, 4*total)
	g := 0
	for _, d := range ps {
		start := uint32(len(glyf))
		for i := range d.adv {
			be.PutUint32(loca[4*g:], start+d.loca[i])
			be.PutUint16(hmtx[4*g:], d.adv[i])
			be.PutUint16(hmtx[4*g+2:], uint16(d.lsb[i]))
			g++
		}
		glyf = append(glyf, d.glyf...)
	}
	be.PutUint32(loca[4*total:], uint32(len(glyf)))

	head, hhea, maxp, post, os2, err := fontWideTables(ps, total)
	if err != nil {
		return nil, nil, err
	}
	newCmap, codes, lo, hi, err := buildCmap(parts, ps, prio)
	if err != nil {
		return nil, nil, err
	}
	if len(os2) >= 78 {
		be.PutUint16(os2[64:], lo) // usFirstCharIndex
		be.PutUint16(os2[66:], hi) // usLastCharIndex
	}

	return assembleFont(ps, os2, newCmap, glyf, head, hhea, hmtx, loca, maxp, post), codes, nil
}

// assembleFont writes the derived font file from its tables (the name
// table is made from the parts').
func assembleFont(ps []*PartData, os2, cmap, glyf, head, hhea, hmtx, loca, maxp, post []byte) []byte {
	names := make([][]byte, len(ps))
	for i, d := range ps {
		names[i] = d.tabs["name"]
	}
	return assemble([]ttfTable{
		{"OS/2", os2},
		{"cmap", cmap},
		{"glyf", glyf},
		{"head", head},
		{"hhea", hhea},
		{"hmtx", hmtx},
		{"loca", loca},
		{"maxp", maxp},
		{"name", mergeNames(names)},
		{"post", post},
	})
}

// fontWideTables returns head, hhea, maxp, post and OS/2 of the first part
// widened to cover all (bounding box, extents, maxima, Unicode ranges), for
// a font of numGlyphs glyphs with a long loca and one long hmtx metric per
// glyph. usFirstCharIndex and usLastCharIndex are left to the caller.
func fontWideTables(ps []*PartData, numGlyphs int) (head, hhea, maxp, post, os2 []byte, err error) {
	be := binary.BigEndian
	base := ps[0].tabs
	i16 := func(b []byte, off int) int16 { return int16(be.Uint16(b[off:])) }
	put16 := func(b []byte, off int, v int16) { be.PutUint16(b[off:], uint16(v)) }

	head = append([]byte(nil), base["head"]...)
	hhea = append([]byte(nil), base["hhea"]...)
	for _, d := range ps[1:] {
		h := d.tabs["head"]
		put16(head, 36, min(i16(head, 36), i16(h, 36))) // xMin
		put16(head, 38, min(i16(head, 38), i16(h, 38))) // yMin
		put16(head, 40, max(i16(head, 40), i16(h, 40))) // xMax
		put16(head, 42, max(i16(head, 42), i16(h, 42))) // yMax
		h = d.tabs["hhea"]
		put16(hhea, 4, max(i16(hhea, 4), i16(h, 4)))                          // ascender
		put16(hhea, 6, min(i16(hhea, 6), i16(h, 6)))                          // descender
		put16(hhea, 8, max(i16(hhea, 8), i16(h, 8)))                          // lineGap
		be.PutUint16(hhea[10:], max(be.Uint16(hhea[10:]), be.Uint16(h[10:]))) // advanceWidthMax
		put16(hhea, 12, min(i16(hhea, 12), i16(h, 12)))                       // minLeftSideBearing
		put16(hhea, 14, min(i16(hhea, 14), i16(h, 14)))                       // minRightSideBearing
		put16(hhea, 16, max(i16(hhea, 16), i16(h, 16)))                       // xMaxExtent
	}
	be.PutUint16(head[50:], 1) // long loca
	be.PutUint32(head[8:], 0)  // checkSumAdjustment, set by assemble
	be.PutUint16(hhea[34:], uint16(numGlyphs))

	maxp = append([]byte(nil), base["maxp"]...)
	if len(maxp) >= 32 {
		for _, d := range ps[1:] {
			if m := d.tabs["maxp"]; len(m) >= 32 {
				for off := 6; off < 32; off += 2 {
					be.PutUint16(maxp[off:], max(be.Uint16(maxp[off:]), be.Uint16(m[off:])))
				}
			}
		}
		be.PutUint16(maxp[26:], 0) // maxSizeOfInstructions
	}
	be.PutUint16(maxp[4:], uint16(numGlyphs))

	if len(base["post"]) < 32 {
		return nil, nil, nil, nil, nil, errors.New("short post table")
	}
	post = append([]byte(nil), base["post"][:32]...)
	be.PutUint32(post, 0x00030000) // format 3: no glyph names

	os2 = append([]byte(nil), base["OS/2"]...)
	if len(os2) >= 78 {
		for _, d := range ps[1:] {
			o := d.tabs["OS/2"]
			if len(o) < 78 {
				continue
			}
			for off := 42; off < 58; off += 4 { // ulUnicodeRange1-4
				be.PutUint32(os2[off:], be.Uint32(os2[off:])|be.Uint32(o[off:]))
			}
			be.PutUint16(os2[74:], max(be.Uint16(os2[74:]), be.Uint16(o[74:]))) // usWinAscent
			be.PutUint16(os2[76:], max(be.Uint16(os2[76:]), be.Uint16(o[76:]))) // usWinDescent
			if len(os2) >= 86 && len(o) >= 86 {
				for off := 78; off < 86; off += 4 { // ulCodePageRange1-2
					be.PutUint32(os2[off:], be.Uint32(os2[off:])|be.Uint32(o[off:]))
				}
			}
		}
	}
	return head, hhea, maxp, post, os2, nil
}

// stripInstructions rewrites glyf without TrueType instructions, adding
// offset to the glyph ids of composite glyphs' components, and returns it
// with the glyphs' offsets in it (numGlyphs+1 of them).
func stripInstructions(glyf, loca []byte, long bool, numGlyphs, offset int) ([]byte, []uint32, error) {
	off := func(i int) int {
		if long {
			return int(binary.BigEndian.Uint32(loca[4*i:]))
		}
		return 2 * int(binary.BigEndian.Uint16(loca[2*i:]))
	}
	need := 2 * (numGlyphs + 1)
	if long {
		need *= 2
	}
	if len(loca) < need {
		return nil, nil, errors.New("short loca table")
	}
	out := make([]byte, 0, len(glyf))
	newLoca := make([]uint32, numGlyphs+1)
	for g := range numGlyphs {
		newLoca[g] = uint32(len(out))
		a, b := off(g), off(g+1)
		if a > b || b > len(glyf) {
			return nil, nil, fmt.Errorf("glyph %d out of bounds", g)
		}
		d := glyf[a:b]
		if len(d) == 0 {
			continue
		}
		if len(d) < 10 {
			return nil, nil, fmt.Errorf("glyph %d too short", g)
		}
		nc := int(int16(binary.BigEndian.Uint16(d)))
		if nc >= 0 {
			p := 10 + 2*nc
			if len(d) < p+2 {
				return nil, nil, fmt.Errorf("glyph %d truncated", g)
			}
			il := int(binary.BigEndian.Uint16(d[p:]))
			if len(d) < p+2+il {
				return nil, nil, fmt.Errorf("glyph %d instructions truncated", g)
			}
			out = append(out, d[:p]...)
			out = append(out, 0, 0)
			out = append(out, d[p+2+il:]...)
		} else {
			start := len(out)
			p := 10
			for {
				if len(d) < p+4 {
					return nil, nil, fmt.Errorf("composite glyph %d truncated", g)
				}
				flags := binary.BigEndian.Uint16(d[p:])
				p += componentSize(flags)
				if len(d) < p {
					return nil, nil, fmt.Errorf("composite glyph %d truncated", g)
				}
				if flags&0x0020 == 0 { // no MORE_COMPONENTS
					break
				}
			}
			out = append(out, d[:p]...)
			for q := start + 10; q < len(out); {
				flags := binary.BigEndian.Uint16(out[q:])
				binary.BigEndian.PutUint16(out[q:], flags&^0x0100) // WE_HAVE_INSTRUCTIONS
				c := int(binary.BigEndian.Uint16(out[q+2:]))
				if c >= numGlyphs {
					return nil, nil, fmt.Errorf("composite glyph %d uses glyph %d of %d", g, c, numGlyphs)
				}
				binary.BigEndian.PutUint16(out[q+2:], uint16(c+offset))
				q += componentSize(flags)
			}
		}
		for len(out)%4 != 0 {
			out = append(out, 0)
		}
	}
	newLoca[numGlyphs] = uint32(len(out))
	return out, newLoca, nil
}

// componentSize is the length of a composite glyph's component record.
func componentSize(flags uint16) int {
	n := 4
	if flags&0x0001 != 0 { // ARG_1_AND_2_ARE_WORDS
		n += 4
	} else {
		n += 2
	}
	switch {
	case flags&0x0008 != 0: // WE_HAVE_A_SCALE
		n += 2
	case flags&0x0040 != 0: // WE_HAVE_AN_X_AND_Y_SCALE
		n += 4
	case flags&0x0080 != 0: // WE_HAVE_A_TWO_BY_TWO
		n += 8
	}
	return n
}

// sameGlyph reports whether derived glyph dg (of some part) and glyph g of
// part d look and advance the same.
func sameGlyph(ps []*PartData, dg int, d *PartData, g int) bool {
	for _, o := range ps {
		if dg >= o.offset && dg < o.offset+len(o.adv) {
			og := dg - o.offset
			return o.adv[og] == d.adv[g] && o.lsb[og] == d.lsb[g] && bytes.Equal(o.glyph(og), d.glyph(g))
		}
	}
	return false
}

// buildCmap returns a cmap table with one (3,1) format-4 subtable, the code
// point chosen for every glyph id of every part (0 for glyph 0 of the first
// part), and the lowest and highest code points mapped.
func buildCmap(parts []Part, ps []*PartData, prio []int) ([]byte, [][]uint16, uint16, uint16, error) {
	codes := make([][]uint16, len(parts))
	n := 0
	for i, p := range parts {
		codes[i] = make([]uint16, p.NumGlyphs)
		n += len(p.Cmap) + p.NumGlyphs/2
	}
	m := make(map[uint16]uint16, n) // code point -> derived glyph id
	var cps []int
	for _, pi := range prio {
		p, d := parts[pi], ps[pi]
		own := make([]int, 0, len(p.Cmap))
		for r, g := range p.Cmap {
			if r >= 0 && r < 0xFFFF && int(g) < p.NumGlyphs {
				own = append(own, int(r))
			}
		}
		sort.Ints(own)
		for _, cp := range own {
			g := int(p.Cmap[rune(cp)])
			// The code point that names a glyph: its lowest mapping that is
			// not a control character (which would copy out oddly).
			usable := g != 0 && codes[pi][g] == 0 && cp >= 0x20
			if have, taken := m[uint16(cp)]; taken {
				// Another face has it: share it if the glyphs are the same.
				if usable && sameGlyph(ps, int(have), d, g) {
					codes[pi][g] = uint16(cp)
				}
				continue
			}
			m[uint16(cp)] = uint16(d.offset + g)
			cps = append(cps, cp)
			if usable {
				codes[pi][g] = uint16(cp)
			}
		}
	}
	next := 0xE000
	for pi, p := range parts {
		for g := range p.NumGlyphs {
			if codes[pi][g] != 0 || (g == 0 && pi == 0) {
				continue
			}
			for {
				if next > 0xF8FF {
					return nil, nil, 0, 0, fmt.Errorf("more than 6400 glyphs without a code point")
				}
				if _, used := m[uint16(next)]; !used {
					break
				}
				next++
			}
			codes[pi][g] = uint16(next)
			m[uint16(next)] = uint16(ps[pi].offset + g)
			cps = append(cps, next)
			next++
		}
	}
	sort.Ints(cps)
	pairs := make([]cmapPair, len(cps))
	for i, cp := range cps {
		pairs[i] = cmapPair{uint16(cp), m[uint16(cp)]}
	}
	tab, err := encodeCmap(pairs)
	if err != nil {
		return nil, nil, 0, 0, err
	}
	return tab, codes, pairs[0].code, pairs[len(pairs)-1].code, nil
}

// cmapPair maps a code point to a glyph id.
type cmapPair struct{ code, gid uint16 }

// encodeCmap returns a cmap table with one (3,1) format-4 subtable mapping
// pairs, which are sorted by code point.
func encodeCmap(pairs []cmapPair) ([]byte, error) {
	if len(pairs) == 0 {
		return nil, errors.New("no glyph to map")
	}
	// Segments of consecutive code points with consecutive glyph ids.
	type seg struct{ start, end, delta int }
	var segs []seg
	for _, p := range pairs {
		cp, g := int(p.code), int(p.gid)
		if n := len(segs); n > 0 && segs[n-1].end == cp-1 && (segs[n-1].delta+cp)&0xFFFF == g {
			segs[n-1].end = cp
			continue
		}
		segs = append(segs, seg{cp, cp, (g - cp) & 0xFFFF})
	}
	segs = append(segs, seg{0xFFFF, 0xFFFF, 1})
	ns := len(segs)
	length := 16 + 8*ns
	if length > 0xFFFF {
		return nil, fmt.Errorf("format-4 cmap too large (%d segments)", ns)
	}
	sr, es := 1, 0
	for sr*2 <= ns {
		sr *= 2
		es++
	}
	sub := make([]byte, length)
	be := binary.BigEndian
	be.PutUint16(sub[0:], 4)
	be.PutUint16(sub[2:], uint16(length))
	be.PutUint16(sub[4:], 0)
	be.PutUint16(sub[6:], uint16(2*ns))
	be.PutUint16(sub[8:], uint16(2*sr))
	be.PutUint16(sub[10:], uint16(es))
	be.PutUint16(sub[12:], uint16(2*ns-2*sr))
	for i, s := range segs {
		be.PutUint16(sub[14+2*i:], uint16(s.end))
		be.PutUint16(sub[16+2*ns+2*i:], uint16(s.start))
		be.PutUint16(sub[16+4*ns+2*i:], uint16(s.delta))
		be.PutUint16(sub[16+6*ns+2*i:], 0) // idRangeOffset
	}
	tab := make([]byte, 12, 12+len(sub))
	be.PutUint16(tab[0:], 0) // version
	be.PutUint16(tab[2:], 1) // one subtable
	be.PutUint16(tab[4:], 3) // Windows
	be.PutUint16(tab[6:], 1) // Unicode BMP
	be.PutUint32(tab[8:], 12)
	return append(tab, sub...), nil
}

// mergeNames returns the first name table with the copyright notices (name
// id 0) of the others appended to its own where they differ (the fonts'
// licence asks that every copy keep them). A table it cannot read is
// returned unchanged.
func mergeNames(tabs [][]byte) []byte {
	be := binary.BigEndian
	type rec struct {
		plat, enc, lang, id uint16
		s                   []byte
	}
	read := func(t []byte) []rec {
		if len(t) < 6 || be.Uint16(t) != 0 {
			return nil
		}
		n, so := int(be.Uint16(t[2:])), int(be.Uint16(t[4:]))
		if len(t) < 6+12*n {
			return nil
		}
		out := make([]rec, n)
		for i := range out {
			r := t[6+12*i:]
			ln, off := int(be.Uint16(r[8:])), int(be.Uint16(r[10:]))
			if so+off+ln > len(t) {
				return nil
			}
			out[i] = rec{be.Uint16(r), be.Uint16(r[2:]), be.Uint16(r[4:]), be.Uint16(r[6:]), t[so+off : so+off+ln]}
		}
		return out
	}
	recs := read(tabs[0])
	if recs == nil || len(tabs) == 1 {
		return tabs[0]
	}
	changed := false
	for i := range recs {
		r := &recs[i]
		if r.id != 0 {
			continue
		}
		sep := []byte{' '}
		if r.plat == 0 || r.plat == 3 {
			sep = []byte{0, ' '} // UTF-16BE
		}
		for _, t := range tabs[1:] {
			for _, o := range read(t) {
				if o.id == 0 && o.plat == r.plat && o.enc == r.enc && o.lang == r.lang && !bytes.Contains(r.s, o.s) {
					r.s = append(append(append([]byte(nil), r.s...), sep...), o.s...)
					changed = true
				}
			}
		}
	}
	if !changed {
		return tabs[0]
	}
	so := 6 + 12*len(recs)
	out := make([]byte, so)
	be.PutUint16(out[2:], uint16(len(recs)))
	be.PutUint16(out[4:], uint16(so))
	for i, r := range recs {
		p := out[6+12*i:]
		be.PutUint16(p, r.plat)
		be.PutUint16(p[2:], r.enc)
		be.PutUint16(p[4:], r.lang)
		be.PutUint16(p[6:], r.id)
		be.PutUint16(p[8:], uint16(len(r.s)))
		be.PutUint16(p[10:], uint16(len(out)-so))
		out = append(out, r.s...)
	}
	return out
}

func checksum(b []byte) uint32 {
	var s uint32
	n := len(b) &^ 3
	for i := 0; i < n; i += 4 {
		s += binary.BigEndian.Uint32(b[i:])
	}
	if n < len(b) { // the last word, padded with zeros
		var w [4]byte
		copy(w[:], b[n:])
		s += binary.BigEndian.Uint32(w[:])
	}
	return s
}

// assemble writes an sfnt file from tables sorted by tag.
func assemble(tables []ttfTable) []byte { return assembleInto(nil, tables) }

// assembleInto is assemble appending to dst[:0] (it sorts tables).
func assembleInto(dst []byte, tables []ttfTable) []byte {
	sort.Slice(tables, func(i, j int) bool { return tables[i].tag < tables[j].tag })
	n := len(tables)
	sr, es := 1, 0
	for sr*2 <= n {
		sr *= 2
		es++
	}
	size := 12 + 16*n
	for _, t := range tables {
		size += (len(t.data) + 3) &^ 3
	}
	out := dst[:0]
	if cap(out) < size {
		out = make([]byte, 0, size)
	}
	out = append(out, make([]byte, 12+16*n)...)
	be := binary.BigEndian
	be.PutUint32(out[0:], 0x00010000)
	be.PutUint16(out[4:], uint16(n))
	be.PutUint16(out[6:], uint16(sr*16))
	be.PutUint16(out[8:], uint16(es))
	be.PutUint16(out[10:], uint16(n*16-sr*16))
	headOff := 0
	var sum uint32 // of the file: of its tables (padded with zeros) and directory
	for i, t := range tables {
		rec := out[12+16*i:]
		copy(rec, t.tag)
		c := checksum(t.data)
		sum += c
		be.PutUint32(rec[4:], c)
		be.PutUint32(rec[8:], uint32(len(out)))
		be.PutUint32(rec[12:], uint32(len(t.data)))
		if t.tag == "head" {
			headOff = len(out)
		}
		out = append(out, t.data...)
		for len(out)%4 != 0 {
			out = append(out, 0)
		}
	}
	be.PutUint32(out[headOff+8:], 0xB1B0AFBA-sum-checksum(out[:12+16*n]))
	return out
}
