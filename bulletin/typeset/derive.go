package typeset

import (
	"encoding/binary"
	"errors"
	"fmt"
	"sort"
)

// This file builds the "derived" copy of a TrueType font that is handed to
// fpdf. fpdf addresses glyphs only through the font's format-4 cmap (CID =
// code point, CIDToGIDMap from the cmap), so glyphs without a code point
// (half forms, conjuncts, reph, matra variants) would be unreachable. The
// derived font keeps every glyph id of the original and
//
//   - has a single (3,1) format-4 cmap holding every original BMP mapping
//     plus one Private Use code point (U+E000 upwards, skipping any the font
//     already maps) for each glyph that has no usable code point;
//   - leaves out the tables fpdf never copies into a PDF (GSUB, GPOS, GDEF,
//     DSIG) and the TrueType hinting (fpgm, prep, cvt, gasp and the per-glyph
//     instructions), which a PDF viewer rendering at print resolution does not
//     need and which would otherwise cost ~4 KB in every PDF per font;
//   - keeps only the 32-byte header of the post table (glyph names are not
//     needed in a PDF).
//
// Shaping always uses the original font, so none of this affects layout.

type ttfTable struct {
	tag  string
	data []byte
}

func readTables(b []byte) (map[string][]byte, error) {
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

// deriveFont returns the derived font bytes and, for each glyph id, the code
// point that reaches it in the derived cmap. cmap holds the original font's
// Unicode mappings (any plane; only BMP ones are kept).
func deriveFont(orig []byte, cmap map[rune]uint16, numGlyphs int) ([]byte, []uint16, error) {
	tabs, err := readTables(orig)
	if err != nil {
		return nil, nil, err
	}
	head := append([]byte(nil), tabs["head"]...)
	if len(head) < 54 {
		return nil, nil, errors.New("short head table")
	}
	locaLong := binary.BigEndian.Uint16(head[50:]) == 1
	glyf, loca, err := stripInstructions(tabs["glyf"], tabs["loca"], locaLong, numGlyphs)
	if err != nil {
		return nil, nil, err
	}
	binary.BigEndian.PutUint16(head[50:], 1) // long loca
	binary.BigEndian.PutUint32(head[8:], 0)  // checkSumAdjustment, set below

	maxp := append([]byte(nil), tabs["maxp"]...)
	if len(maxp) >= 32 {
		binary.BigEndian.PutUint16(maxp[26:], 0) // maxSizeOfInstructions
	}
	post := append([]byte(nil), tabs["post"][:32]...)
	binary.BigEndian.PutUint32(post, 0x00030000) // format 3: no glyph names

	newCmap, codes, err := buildCmap(cmap, numGlyphs)
	if err != nil {
		return nil, nil, err
	}
	tables := []ttfTable{
		{"OS/2", tabs["OS/2"]},
		{"cmap", newCmap},
		{"glyf", glyf},
		{"head", head},
		{"hhea", tabs["hhea"]},
		{"hmtx", tabs["hmtx"]},
		{"loca", loca},
		{"maxp", maxp},
		{"name", tabs["name"]},
		{"post", post},
	}
	return assemble(tables), codes, nil
}

// stripInstructions rewrites glyf without TrueType instructions and returns
// it with a long-format loca.
func stripInstructions(glyf, loca []byte, long bool, numGlyphs int) ([]byte, []byte, error) {
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
	newLoca := make([]byte, 4*(numGlyphs+1))
	for g := range numGlyphs {
		binary.BigEndian.PutUint32(newLoca[4*g:], uint32(len(out)))
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
				p += n
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
				n := 4
				if flags&0x0001 != 0 {
					n += 4
				} else {
					n += 2
				}
				switch {
				case flags&0x0008 != 0:
					n += 2
				case flags&0x0040 != 0:
					n += 4
				case flags&0x0080 != 0:
					n += 8
				}
				q += n
			}
		}
		for len(out)%4 != 0 {
			out = append(out, 0)
		}
	}
	binary.BigEndian.PutUint32(newLoca[4*numGlyphs:], uint32(len(out)))
	return out, newLoca, nil
}

// buildCmap returns a cmap table with one (3,1) format-4 subtable and the
// code point chosen for every glyph id (0 for glyph 0).
func buildCmap(cmap map[rune]uint16, numGlyphs int) ([]byte, []uint16, error) {
	codes := make([]uint16, numGlyphs)
	m := make(map[uint16]uint16, len(cmap)+numGlyphs/2)
	cps := make([]int, 0, len(cmap))
	for r, g := range cmap {
		if r < 0 || r >= 0xFFFF || int(g) >= numGlyphs {
			continue
		}
		m[uint16(r)] = g
		cps = append(cps, int(r))
	}
	sort.Ints(cps)
	for _, cp := range cps {
		g := m[uint16(cp)]
		// The code point written for a glyph: its lowest mapping that is not
		// a control character (fpdf drops CID 0 and viewers treat C0 oddly).
		if g != 0 && codes[g] == 0 && cp >= 0x20 {
			codes[g] = uint16(cp)
		}
	}
	next := 0xE000
	for g := 1; g < numGlyphs; g++ {
		if codes[g] != 0 {
			continue
		}
		for {
			if next > 0xF8FF {
				return nil, nil, fmt.Errorf("more than 6400 glyphs without a code point")
			}
			if _, used := m[uint16(next)]; !used {
				break
			}
			next++
		}
		codes[g] = uint16(next)
		m[uint16(next)] = uint16(g)
		cps = append(cps, next)
		next++
	}
	sort.Ints(cps)

	// Segments of consecutive code points with consecutive glyph ids.
	type seg struct{ start, end, delta int }
	var segs []seg
	for _, cp := range cps {
		g := int(m[uint16(cp)])
		if n := len(segs); n > 0 && segs[n-1].end == cp-1 && (segs[n-1].delta+cp)&0xFFFF == g {
			segs[n-1].end = cp
			continue
		}
		segs = append(segs, seg{cp, cp, (g - cp) & 0xFFFF})
	}
	segs = append(segs, seg{0xFFFF, 0xFFFF, 1})
	n := len(segs)
	length := 16 + 8*n
	if length > 0xFFFF {
		return nil, nil, fmt.Errorf("format-4 cmap too large (%d segments)", n)
	}
	sr, es := 1, 0
	for sr*2 <= n {
		sr *= 2
		es++
	}
	sub := make([]byte, length)
	be := binary.BigEndian
	be.PutUint16(sub[0:], 4)
	be.PutUint16(sub[2:], uint16(length))
	be.PutUint16(sub[4:], 0)
	be.PutUint16(sub[6:], uint16(2*n))
	be.PutUint16(sub[8:], uint16(2*sr))
	be.PutUint16(sub[10:], uint16(es))
	be.PutUint16(sub[12:], uint16(2*n-2*sr))
	for i, s := range segs {
		be.PutUint16(sub[14+2*i:], uint16(s.end))
		be.PutUint16(sub[16+2*n+2*i:], uint16(s.start))
		be.PutUint16(sub[16+4*n+2*i:], uint16(s.delta))
		be.PutUint16(sub[16+6*n+2*i:], 0) // idRangeOffset
	}
	tab := make([]byte, 12, 12+len(sub))
	be.PutUint16(tab[0:], 0) // version
	be.PutUint16(tab[2:], 1) // one subtable
	be.PutUint16(tab[4:], 3) // Windows
	be.PutUint16(tab[6:], 1) // Unicode BMP
	be.PutUint32(tab[8:], 12)
	return append(tab, sub...), codes, nil
}

func checksum(b []byte) uint32 {
	var s uint32
	for i := 0; i < len(b); i += 4 {
		var w [4]byte
		copy(w[:], b[i:])
		s += binary.BigEndian.Uint32(w[:])
	}
	return s
}

// assemble writes an sfnt file from tables sorted by tag.
func assemble(tables []ttfTable) []byte {
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
	out := make([]byte, 12+16*n, size)
	be := binary.BigEndian
	be.PutUint32(out[0:], 0x00010000)
	be.PutUint16(out[4:], uint16(n))
	be.PutUint16(out[6:], uint16(sr*16))
	be.PutUint16(out[8:], uint16(es))
	be.PutUint16(out[10:], uint16(n*16-sr*16))
	headOff := 0
	for i, t := range tables {
		rec := out[12+16*i:]
		copy(rec, t.tag)
		be.PutUint32(rec[4:], checksum(t.data))
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
	be.PutUint32(out[headOff+8:], 0xB1B0AFBA-checksum(out))
	return out
}
