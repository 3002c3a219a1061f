package pdffont

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"sync"

	"codeberg.org/go-pdf/fpdf"
)

// This file gives glyph uses codes of sub-fonts. A derived font (Derive)
// is never registered with fpdf as it is: fpdf's Unicode (CID) font path
// parses the font, fills and JSON-hashes a 65,536-entry width table, builds
// a 128 KB CIDToGIDMap and subsets the font in every document, a few ms per
// font and document whatever is drawn.
//
// Instead the uses a font set may draw are split into simple TrueType
// fonts ("sub-fonts") of at most CodesPerFont codes each, addressed by
// one-byte codes FirstCode to 255 (fpdf writes /FirstChar 32 /LastChar
// 255). Each is registered with fpdf's AddFontFromReader (Doc.Use) from a
// font definition built once per sub-font (Definition: widths and
// descriptor; no encoding: the program's cmaps take code c to glyph c).
// Its program (Program) is not given at registration: fpdf asks the
// document's FontLoader (Doc) for it at Output, which returns the sub-font
// cut down to the glyphs that document drew.

// Use is a glyph drawn for a text: a code of a sub-font stands for one
// glyph (Glyph, a derived glyph id) with one text, which its /ToUnicode map
// gives; the same glyph has as many codes as the texts it is drawn for
// ("" for none: no /ToUnicode entry).
//
// A code's /Widths entry (Width, 1/1000 em) is the glyph's advance where it
// is drawn: the distance to the next glyph of its word as shaped (GPOS
// offsets included), so that viewers place every glyph of a word from the
// widths alone. Extractors then see a word as one unbroken run of glyphs;
// text positioning inside a word made pdf.js and pdfminer split words.
type Use struct {
	Glyph uint16
	Text  string
	Width int16
}

// Font is a derived font (Derive) as the sub-fonts drawn from it see it.
// It is immutable.
type Font struct {
	family, style string // fpdf family prefix and style ("" or "B")
	psName        string // the /BaseFont's name after the subset tag
	sum           [32]byte
	derived       *PartData
	numGlyphs     int
}

// NewFont reads the derived font data (of numGlyphs glyphs) for sub-fonts
// of the fpdf style ("" or "B") whose names derive from family and psName.
func NewFont(family, style, psName string, data []byte, numGlyphs int) (*Font, error) {
	d, err := ReadPart(Part{Name: "derived", Raw: data, NumGlyphs: numGlyphs}, 0)
	if err != nil {
		return nil, err
	}
	return &Font{family: family, style: style, psName: psName, sum: sha256.Sum256(data), derived: d, numGlyphs: numGlyphs}, nil
}

// Plan is the sub-fonts of a Font a font set draws with, and the slot
// (sub-font index<<8 | code) of each use. It is immutable.
type Plan struct {
	subs       []*SubFont
	restricted bool
	slots      map[Use]uint16
	first      []uint16 // by derived glyph id: the slot of its first use
}

// Plan gives uses codes of sub-fonts, CodesPerFont a sub-font, in order.
// restricted says that the uses are all the set may draw (see Slot).
//
// A sub-font whose uses have no space is given one more code, its first
// (FirstCode), standing for the widest space of the uses (see spaceUse),
// which nothing draws: pypdf takes a font's space width from the code whose
// /ToUnicode text is " ", else from code 32 whatever it draws, and inserts
// a space wherever the text moves by more than a multiple of it, so a
// sub-font without a space, whose code 32 was a narrow glyph, made it copy
// words broken at the glyphs drawn in it ("ललितप ुर").
func (f *Font) Plan(uses []Use, restricted bool) *Plan {
	p := &Plan{restricted: restricted, slots: make(map[Use]uint16, len(uses)), first: make([]uint16, f.numGlyphs)}
	space, hasSpace := spaceUse(uses)
	for i := 0; i < len(uses); {
		n := min(CodesPerFont, len(uses)-i)
		sf, code := &SubFont{f: f}, FirstCode
		if hasSpace && !hasText(uses[i:i+n], " ") {
			n = min(CodesPerFont-1, n)
			sf.dgid[code], sf.text[code], sf.w[code] = space.Glyph, space.Text, space.Width
			code++
		}
		for j, u := range uses[i : i+n] {
			slot := uint16(len(p.subs))<<8 | uint16(code+j)
			sf.dgid[code+j], sf.text[code+j], sf.w[code+j] = u.Glyph, u.Text, u.Width
			p.slots[u] = slot
			if int(u.Glyph) < len(p.first) && p.first[u.Glyph] == 0 {
				p.first[u.Glyph] = slot
			}
		}
		i += n
		sf.setNames()
		p.subs = append(p.subs, sf)
	}
	return p
}

// spaceUse returns the use with the text " " of the largest width (of the
// smallest glyph id among those), and whether there is one.
func spaceUse(uses []Use) (Use, bool) {
	var s Use
	for _, u := range uses {
		if u.Text == " " && (s.Text == "" || u.Width > s.Width || u.Width == s.Width && u.Glyph < s.Glyph) {
			s = u
		}
	}
	return s, s.Text != "" && s.Glyph != 0
}

// hasText reports whether one of uses has the text t.
func hasText(uses []Use, t string) bool {
	for _, u := range uses {
		if u.Text == t {
			return true
		}
	}
	return false
}

// Slot returns the sub-font index<<8 | code that draws u: the code of that
// use, else the glyph's first code (a set that was not restricted to the
// text draws a glyph with the code standing for its own character); 0 if
// the plan has no code for the glyph.
func (p *Plan) Slot(u Use) uint16 {
	if s, ok := p.slots[u]; ok {
		return s
	}
	return p.GlyphSlot(u.Glyph)
}

// GlyphSlot returns the slot of derived glyph dg's first use, 0 if none.
func (p *Plan) GlyphSlot(dg uint16) uint16 {
	if int(dg) < len(p.first) {
		return p.first[dg]
	}
	return 0
}

// Restricted reports whether the plan was made for exactly the uses a
// batch's texts need.
func (p *Plan) Restricted() bool { return p.restricted }

// Sub returns the sub-font of a slot.
func (p *Plan) Sub(slot uint16) *SubFont { return p.subs[slot>>8] }

// Subs returns the plan's sub-fonts, in slot order.
func (p *Plan) Subs() []*SubFont { return append([]*SubFont(nil), p.subs...) }

// SubFont is one simple TrueType font registered with fpdf: up to
// CodesPerFont uses of a Font. Its definition and program are made once
// per process, when a document first uses it.
type SubFont struct {
	f      *Font
	family string // fpdf family (unique: from its hash), registered with f.style
	file   string // fpdf font file name, ending in ".z" (fpdf then writes /FlateDecode)
	name   string // PDF /BaseFont: tag + "+" + PostScript-like name
	dgid   [256]uint16
	text   [256]string // by code: the text it stands for
	w      [256]int16  // by code: its width, 1/1000 em

	once sync.Once
	err  error
	def  []byte        // JSON font definition for fpdf
	fdef *fpdf.FontDef // def as fpdf read it, registered with each document
	// resource is the name fpdf gives the font in content streams (after
	// "/F"): a hash of its definition (see FontID).
	resource string
	prog     *Program
	cmap     [256]string // by code: its /ToUnicode entry ("" for none)

	wholeOnce sync.Once
	whole     []byte // the program with every glyph, compressed
	wholeErr  error
	wholeMap  []byte // the CMap of every code, compressed (see Doc.ToUnicode)
}

// setNames sets the /BaseFont, fpdf family and fpdf file name of sf, from a
// hash of its derived font and its codes.
func (sf *SubFont) setNames() {
	h := sha256.New()
	h.Write(sf.f.sum[:])
	fmt.Fprintf(h, "%s\x00%s\x00", sf.f.family, sf.f.style)
	binary.Write(h, binary.BigEndian, sf.dgid[:])
	binary.Write(h, binary.BigEndian, sf.w[:])
	for _, t := range sf.text {
		fmt.Fprintf(h, "%s\x00", t)
	}
	sum := h.Sum(nil)
	// fpdf keeps the first font registered under a family and style (and
	// a file name): 64 bits of the hash keep sub-fonts apart.
	id := hex.EncodeToString(sum[:8])
	sf.name, sf.family, sf.file = subsetTag(sum)+"+"+sf.f.psName, "ts"+id, id+".z"
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

// Name is the sub-font's /BaseFont.
func (sf *SubFont) Name() string { return sf.name }

// Family and Style are the names the sub-font is registered under with
// fpdf (for SetFont).
func (sf *SubFont) Family() string { return sf.family }
func (sf *SubFont) Style() string  { return sf.f.style }

// File is the sub-font's fpdf font file name, what fpdf asks the
// document's FontLoader (Doc.Open) for.
func (sf *SubFont) File() string { return sf.file }

// Resource is the name of the font in content streams, after "/F" (valid
// once a document has used the sub-font: Doc.Use).
func (sf *SubFont) Resource() string { return sf.resource }

// Width returns the /Widths entry of code c, 1/1000 em.
func (sf *SubFont) Width(c byte) int16 { return sf.w[c] }

// Glyphs returns the derived glyph id of each code (0: none).
func (sf *SubFont) Glyphs() [256]uint16 { return sf.dgid }

// build makes the sub-font's definition and program, once.
func (sf *SubFont) build() error {
	sf.once.Do(func() {
		sf.err = sf.make()
		if sf.err != nil {
			sf.err = fmt.Errorf("pdffont: %s: %w", sf.name, sf.err)
		}
	})
	return sf.err
}

func (sf *SubFont) make() error {
	var err error
	if sf.prog, err = NewProgram(sf.f.derived, sf.dgid); err != nil {
		return err
	}
	def := Definition(sf.prog, sf.name, sf.file, &sf.w)
	def.Desc.MissingWidth = sf.spaceWidth()
	if sf.def, err = json.Marshal(def); err != nil {
		return err
	}
	for c, t := range sf.text {
		sf.cmap[c] = cmapEntry(byte(c), t)
	}
	if sf.fdef, err = fpdf.ReadFontDef(bytes.NewReader(sf.def)); err != nil {
		return err
	}
	sf.resource, err = FontID(sf.family, sf.f.style, sf.def)
	return err
}

// spaceWidth returns the /MissingWidth of the sub-font (the program must
// be made): the largest advance (1/1000 em) of the glyphs of its codes
// whose text is " ", 0 if none. No viewer draws with it (every code 32-255
// has a /Widths entry); pypdf takes the last code whose /ToUnicode text is
// " " as the space and, when that code's width is 0 (a space where a line
// breaks: typeset's draw), the /MissingWidth as the space's width, below
// which a gap between glyphs is no space. With 0 it copied words broken
// at every gap (the ु matra: "क ु मार"). The glyph's own advance, not
// any code's /Widths entry, depends only on which space glyphs the
// sub-font has, not on the widths or the order of the batch's uses.
func (sf *SubFont) spaceWidth() int {
	w := 0
	for c := firstCode; c < 256; c++ {
		if sf.text[c] == " " && sf.dgid[c] != 0 {
			w = max(w, sf.prog.advance(byte(c)))
		}
	}
	return w
}

// Definition returns the font definition fpdf is given for the sub-font.
func (sf *SubFont) Definition() (FontDef, error) {
	var def FontDef
	if err := sf.build(); err != nil {
		return def, err
	}
	err := json.Unmarshal(sf.def, &def)
	return def, err
}

// Program returns the sub-font's program, uncompressed, with the glyphs of
// the codes used, as a document that drew those codes (and not most of the
// sub-font: see Doc.Open) embeds it.
func (sf *SubFont) Program(used *[256]bool) ([]byte, error) {
	if err := sf.build(); err != nil {
		return nil, err
	}
	return sf.prog.Cut(used), nil
}

// wholeProgram returns the sub-font's program with every glyph,
// compressed, made once per sub-font (the sub-font must be built), and
// sets sf.wholeMap.
func (sf *SubFont) wholeProgram() ([]byte, error) {
	sf.wholeOnce.Do(func() {
		var all [256]bool
		for c := range all {
			all[c] = sf.dgid[c] != 0
		}
		sf.whole, sf.wholeErr = compress(sf.prog.Cut(&all), wholeLevel)
		if sf.wholeErr == nil {
			sf.wholeMap, sf.wholeErr = compressCMap(sf.cmap[:])
		}
	})
	return sf.whole, sf.wholeErr
}
