package typeset

import (
	"bytes"
	"compress/zlib"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"math"
	"regexp"
	"sort"
	"strings"
	"sync"

	"codeberg.org/go-pdf/fpdf"
)

// This file holds the fonts that go into the PDF. The derived font of a
// family and weight (derive.go) is never registered with fpdf as it is:
// fpdf's Unicode (CID) font path parses the font, fills and JSON-hashes a
// 65,536-entry width table, builds a 128 KB CIDToGIDMap and subsets the font
// in every document, a few ms per font and document whatever is drawn, which
// was most of a one-page certificate's cost.
//
// Instead the glyphs a FontSet may draw are split into simple TrueType fonts
// ("sub-fonts") of at most 224 glyphs each, addressed by one-byte codes 32 to
// 255 (fpdf writes /FirstChar 32 /LastChar 255). Each is registered with
// fpdf's AddFontFromReader from a font definition built once per process
// (widths, descriptor, and /Differences naming each code's glyph uniXXXX by
// its code point in the derived font, so that a viewer that ignores
// /ActualText still copies Latin text out right). Its font program is not
// given at registration: fpdf asks the document's FontLoader for it at
// Output, and the loader (docFonts, installed on every document the package
// draws into) returns the sub-font cut down to the glyphs that document drew.
//
// A sub-font's program is a symbolic TrueType font (descriptor flag 4) whose
// glyph id for code c is c, reached through a (3,0) cmap at U+F000+c and a
// (1,0) cmap at c, as PDF viewers look glyphs up in symbolic TrueType fonts;
// glyph 0 is .notdef, and the components of composite glyphs follow glyph
// 255. Glyphs a document does not draw are empty. fpdf writes the font
// definition's OriginalSize as the stream's /Length1, so every cut is padded
// with zeros (which compress to nothing) to the size of the sub-font with all
// its glyphs, and /Length1 is exact.
//
// Which glyphs share a sub-font: for a FontSet made by Restrict, the glyphs
// of the batch's texts, most used first, so that a certificate needs one
// sub-font per weight and rarely a second; for a full FontSet, the glyphs with
// a code point in Basic Latin, Latin-1, Devanagari, Devanagari Extended or
// General Punctuation first, then the rest of the Devanagari face, then the
// rest, in glyph order.

const (
	firstCode    = 32 // the first code fpdf gives a width for
	codesPerFont = 256 - firstCode
)

// subFont is one simple TrueType font registered with fpdf.
type subFont struct {
	pf     *pdfFontFile
	family string // fpdf family (unique: from its hash), registered with pf.style
	file   string // fpdf font file name, ending in ".z" (fpdf then writes /FlateDecode)
	name   string // PDF /BaseFont: tag + "+" + PostScript-like name
	// resource is the name fpdf gives the font in content streams (after
	// "/F"): a hash of its definition (see fpdfFontID).
	resource string
	dgid     [256]uint16
	text     [256]string // by code: the text it stands for
	w        [256]int16  // by code: its width, 1/1000 em

	once sync.Once
	err  error
	def  []byte     // JSON font definition for fpdf
	gl   [][]byte   // glyph data by sub-font glyph id, components renumbered
	need [][]uint16 // by code: the component glyph ids its glyph needs
	tabs []ttfTable // every table but glyf and loca
	full int        // size of the program with every glyph
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

// subsetTag returns the six capital letters that prefix a subset font's
// name in a PDF.
func subsetTag(sum []byte) string {
	var b [6]byte
	for i := range b {
		b[i] = 'A' + sum[i]%26
	}
	return string(b[:])
}

// fullGlyphOrder lists the derived glyph ids of a full FontSet's derived
// font in the order they get codes.
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

// build makes the sub-font's definition and tables, once per process.
func (sf *subFont) build() error {
	sf.once.Do(func() { sf.err = sf.make() })
	return sf.err
}

func (sf *subFont) make() error {
	src, subID, err := sf.glyphIDs()
	if err != nil {
		return err
	}
	hmtx := sf.copyGlyphs(src, subID)
	sf.tabs = sf.otherTables(len(src), hmtx)
	var all [256]bool
	for c := range all {
		all[c] = sf.dgid[c] != 0
	}
	sf.full = len(sf.program(&all, false))
	if sf.def, err = json.Marshal(sf.definition()); err != nil {
		return err
	}
	sf.resource, err = fpdfFontID(sf.family, sf.pf.style, sf.def)
	return err
}

// glyphIDs numbers the sub-font's glyphs: code c is glyph c; the
// components of composite glyphs not drawn as a code of this font follow
// glyph 255. It returns the derived glyph id of each sub-font glyph id and
// the reverse, and sets sf.need.
func (sf *subFont) glyphIDs() ([]uint16, map[uint16]uint16, error) {
	be := binary.BigEndian
	d := sf.pf.derived
	src := make([]uint16, 256, 256+32) // sub-font glyph id -> derived glyph id
	copy(src, sf.dgid[:])
	src[0] = 0
	subID := map[uint16]uint16{0: 0}
	for c := firstCode; c < 256; c++ {
		if sf.dgid[c] != 0 {
			subID[sf.dgid[c]] = uint16(c)
		}
	}
	sf.need = make([][]uint16, 256)
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
		if c == 0 || sf.dgid[c] != 0 {
			if err := walk(int(sf.dgid[c]), 0, &sf.need[c]); err != nil {
				return nil, nil, err
			}
		}
	}
	if len(src) > 0xFFFF {
		return nil, nil, fmt.Errorf("%d glyphs in a sub-font", len(src))
	}
	return src, subID, nil
}

// copyGlyphs sets sf.gl to the glyph data of the sub-font's glyphs
// (components renumbered) and returns their metrics (hmtx).
func (sf *subFont) copyGlyphs(src []uint16, subID map[uint16]uint16) []byte {
	be := binary.BigEndian
	d := sf.pf.derived
	sf.gl = make([][]byte, len(src))
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
		sf.gl[id] = b
		be.PutUint16(hmtx[4*id:], d.adv[dg])
		be.PutUint16(hmtx[4*id+2:], uint16(d.lsb[dg]))
	}
	return hmtx
}

// otherTables returns every table of the sub-font's program but glyf and
// loca, for n glyphs with metrics hmtx.
func (sf *subFont) otherTables(n int, hmtx []byte) []ttfTable {
	be := binary.BigEndian
	t := sf.pf.derived.tabs
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

// table returns the sub-font's table tag (of sf.tabs).
func (sf *subFont) table(tag string) []byte {
	for _, t := range sf.tabs {
		if t.tag == tag {
			return t.data
		}
	}
	return nil
}

// definition returns the font definition fpdf reads (its JSON form of a
// font made by its makefont tool), with sizes in 1/1000 em: each code's
// width (see use) and its glyph's name in /Differences.
func (sf *subFont) definition() fpdfFontDef {
	be := binary.BigEndian
	head, hhea, os2, post := sf.table("head"), sf.table("hhea"), sf.table("OS/2"), sf.table("post")
	upem := float64(be.Uint16(head[18:]))
	em := func(v int16) int { return int(roundHalfAway(float64(v) * 1000 / upem)) }
	i16 := func(b []byte, off int) int16 { return int16(be.Uint16(b[off:])) }
	def := fpdfFontDef{Tp: "TrueType", Name: sf.name, Up: em(i16(post, 8)), Ut: em(i16(post, 10)),
		Cw: make([]int, 256), File: sf.file, OriginalSize: sf.full}
	def.Desc.Ascent, def.Desc.Descent = em(i16(hhea, 4)), em(i16(hhea, 6))
	def.Desc.CapHeight = def.Desc.Ascent
	if len(os2) >= 90 && be.Uint16(os2) >= 2 {
		def.Desc.CapHeight = em(i16(os2, 88))
	}
	def.Desc.Flags = 4 // symbolic: glyphs are found by code through the (3,0) cmap
	def.Desc.FontBBox.Xmin, def.Desc.FontBBox.Ymin = em(i16(head, 36)), em(i16(head, 38))
	def.Desc.FontBBox.Xmax, def.Desc.FontBBox.Ymax = em(i16(head, 40)), em(i16(head, 42))
	weight := 400.0
	if len(os2) >= 6 {
		weight = float64(be.Uint16(os2[4:]))
	}
	def.Desc.StemV = 50 + int(math.Pow(weight/65, 2))
	var diff strings.Builder
	next := -1
	for c := firstCode; c < 256; c++ {
		dg := sf.dgid[c]
		if dg == 0 {
			continue
		}
		def.Cw[c] = int(sf.w[c])
		if c != next {
			if diff.Len() > 0 {
				diff.WriteByte(' ')
			}
			fmt.Fprintf(&diff, "%d", c)
		}
		fmt.Fprintf(&diff, " /uni%04X", sf.pf.cp[dg])
		next = c + 1
	}
	def.Diff = diff.String()
	return def
}

// fpdfFontID returns the name fpdf gives a font registered with def in
// content streams (after "/F"), as it writes it on SetFont into a scratch
// template: fpdf names a font by a hash of its definition, the same in
// every document.
func fpdfFontID(family, style string, def []byte) (string, error) {
	tpl := fpdf.CreateTpl(fpdf.PointType{}, fpdf.SizeType{Wd: 10, Ht: 10}, "P", "pt", "", func(t *fpdf.Tpl) {
		t.AddFontFromReader(family, style, bytes.NewReader(def))
		t.SetFont(family, style, 10)
	})
	m := fontOp.FindSubmatch(tpl.Bytes())
	if m == nil {
		return "", fmt.Errorf("typeset: fpdf's SetFont did not write \"BT /F<name> 10.00 Tf ET\"")
	}
	return string(m[1]), nil
}

var fontOp = regexp.MustCompile(`BT /F(\S+) 10\.00 Tf ET`)

// fpdfFontDef is the font definition fpdf's AddFontFromReader reads.
type fpdfFontDef struct {
	Tp   string
	Name string
	Desc struct {
		Ascent, Descent, CapHeight, Flags int
		FontBBox                          struct{ Xmin, Ymin, Xmax, Ymax int }
		ItalicAngle, StemV, MissingWidth  int
	}
	Up, Ut       int
	Cw           []int
	Enc, Diff    string
	File         string
	OriginalSize int
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

// program returns the sub-font's font program holding the glyphs of the
// codes used (and glyph 0, and their components); pad pads it to sf.full.
func (sf *subFont) program(used *[256]bool, pad bool) []byte {
	n := len(sf.gl)
	keep := make([]bool, n)
	keep[0] = true
	for _, id := range sf.need[0] {
		keep[id] = true
	}
	for c := firstCode; c < 256; c++ {
		if used[c] {
			keep[c] = true
			for _, id := range sf.need[c] {
				keep[id] = true
			}
		}
	}
	size := 0
	for id, k := range keep {
		if k {
			size += len(sf.gl[id])
		}
	}
	glyf := make([]byte, 0, size)
	loca := make([]byte, 4*(n+1))
	for id, k := range keep {
		binary.BigEndian.PutUint32(loca[4*id:], uint32(len(glyf)))
		if k {
			glyf = append(glyf, sf.gl[id]...)
		}
	}
	binary.BigEndian.PutUint32(loca[4*n:], uint32(len(glyf)))
	// The metrics of the glyphs left out are zeros, which compress to
	// nothing (viewers take advances from /Widths).
	tabs := make([]ttfTable, 0, len(sf.tabs)+2)
	for _, t := range sf.tabs {
		if t.tag == "hmtx" {
			h := make([]byte, len(t.data))
			for id, k := range keep {
				if k {
					copy(h[4*id:4*id+4], t.data[4*id:])
				}
			}
			t.data = h
		}
		tabs = append(tabs, t)
	}
	out := assemble(append(tabs, ttfTable{"glyf", glyf}, ttfTable{"loca", loca}))
	if pad && len(out) < sf.full {
		out = append(out, make([]byte, sf.full-len(out))...)
	}
	return out
}

// docFonts is what one document has of the sub-fonts: those registered
// with it and the codes it drew of each. It is the document's
// fpdf.FontLoader.
type docFonts struct {
	subs map[string]*docFont // by fpdf font file name
	// The words (the uses of a piece, derived glyph ids) drawn with each
	// plan, whether or not the plan has codes for them, by wordKey: what
	// RestrictDrawn restricts to.
	wanted map[*fontPlan]map[string][]use
}

// want records that the uses (glyph ids of fd) of a piece were drawn.
func (d *docFonts) want(fd *faceData, uses []use) {
	m := d.wanted[fd.plan]
	if m == nil {
		m = map[string][]use{}
		d.wanted[fd.plan] = m
	}
	w := make([]use, len(uses))
	for i, u := range uses {
		w[i] = use{u.dg + uint16(fd.dOff), u.text, u.w}
	}
	m[wordKey(w)] = w
}

type docFont struct {
	sf   *subFont
	used [256]bool
}

// fontsOf returns the docFonts of pdf: its FontLoader, which it installs
// the first time. What a document has of the sub-fonts is held by the
// document itself, so nothing outlives it.
func fontsOf(pdf *fpdf.Fpdf) *docFonts {
	if d, ok := pdf.GetFontLoader().(*docFonts); ok {
		return d
	}
	d := &docFonts{subs: map[string]*docFont{}, wanted: map[*fontPlan]map[string][]use{}}
	pdf.SetFontLoader(d)
	return d
}

// use registers sf with pdf unless it is registered already.
func (d *docFonts) use(pdf *fpdf.Fpdf, sf *subFont) (*docFont, error) {
	if df := d.subs[sf.file]; df != nil {
		return df, nil
	}
	if err := sf.build(); err != nil {
		return nil, fmt.Errorf("typeset: %s: %w", sf.name, err)
	}
	pdf.AddFontFromReader(sf.family, sf.pf.style, bytes.NewReader(sf.def))
	if err := pdf.Error(); err != nil {
		return nil, err
	}
	df := &docFont{sf: sf}
	d.subs[sf.file] = df
	return df, nil
}

var zlibWriters = sync.Pool{New: func() any {
	w, _ := zlib.NewWriterLevel(io.Discard, zlib.BestSpeed)
	return w
}}

// Open implements fpdf.FontLoader: fpdf calls it at Output for the program
// of each registered sub-font, which is cut to the codes the document drew
// and compressed.
func (d *docFonts) Open(name string) (io.Reader, error) {
	df := d.subs[name]
	if df == nil {
		return nil, fs.ErrNotExist
	}
	var buf bytes.Buffer
	w := zlibWriters.Get().(*zlib.Writer)
	defer zlibWriters.Put(w)
	w.Reset(&buf)
	if _, err := w.Write(df.sf.program(&df.used, true)); err != nil {
		return nil, err
	}
	if err := w.Close(); err != nil {
		return nil, err
	}
	return &buf, nil
}

// FontUse is what a document has drawn with the package's fonts: its
// sub-fonts and the codes drawn of each. UseFonts gives it to another
// document that shows a copy of the first one's content.
type FontUse struct {
	fonts  []docFont // by file name
	wanted map[*fontPlan]map[string][]use
}

// FontsUsed returns what pdf has drawn so far with the package's fonts.
func FontsUsed(pdf *fpdf.Fpdf) FontUse {
	d := fontsOf(pdf)
	u := FontUse{fonts: make([]docFont, 0, len(d.subs)), wanted: make(map[*fontPlan]map[string][]use, len(d.wanted))}
	for plan, uses := range d.wanted {
		u.wanted[plan] = maps.Clone(uses)
	}
	for _, df := range d.subs {
		u.fonts = append(u.fonts, *df)
	}
	sort.Slice(u.fonts, func(i, j int) bool { return u.fonts[i].sf.file < u.fonts[j].sf.file })
	return u
}

// UseFonts registers with pdf the sub-fonts of u and adds the codes drawn
// with them to pdf's, for content of the document u came from that is
// copied into pdf as it is (fpdf's RawWriteBuf, or the bytes of an fpdf
// template): the copy names the fonts as the original does.
func UseFonts(pdf *fpdf.Fpdf, u FontUse) error {
	d := fontsOf(pdf)
	for i := range u.fonts {
		df, err := d.use(pdf, u.fonts[i].sf)
		if err != nil {
			return err
		}
		for c, used := range u.fonts[i].used {
			df.used[c] = df.used[c] || used
		}
	}
	for plan, words := range u.wanted {
		if d.wanted[plan] == nil {
			d.wanted[plan] = map[string][]use{}
		}
		maps.Copy(d.wanted[plan], words)
	}
	return nil
}

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
