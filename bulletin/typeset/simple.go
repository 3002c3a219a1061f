package typeset

import (
	"bytes"
	"compress/zlib"
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"sort"
	"sync"

	"codeberg.org/go-pdf/fpdf"
	"github.com/igrs-pro/bulletin/bulletin/pdffont"
)

// This file holds the fonts that go into the PDF. The derived font of a
// family and weight (pdffont.Derive) is never registered with fpdf as it is:
// fpdf's Unicode (CID) font path parses the font, fills and JSON-hashes a
// 65,536-entry width table, builds a 128 KB CIDToGIDMap and subsets the font
// in every document, a few ms per font and document whatever is drawn, which
// was most of a one-page certificate's cost.
//
// Instead the uses (glyph, text, width; see plan.go) a FontSet may draw are
// split into simple TrueType fonts ("sub-fonts") of at most 224 codes each,
// addressed by one-byte codes 32 to 255 (fpdf writes /FirstChar 32
// /LastChar 255). Each is registered with fpdf's AddFontFromReader from a
// font definition built once per process (pdffont.Definition: widths,
// descriptor, and /Differences naming each code's glyph uniXXXX by its own
// character where it has one). Its font program (pdffont.Program) is not
// given at registration: fpdf asks the document's FontLoader for it at
// Output, and the loader (docFonts, installed on every document the package
// draws into) returns the sub-font cut down to the glyphs that document drew
// (Program.Cut; padded to the full size, which fpdf writes as /Length1).
//
// Which uses share a sub-font: for a FontSet made by Restrict, those of the
// batch's texts, most used first (see byUse); for a full FontSet, one per
// glyph, those with a code point in Basic Latin, Latin-1, Devanagari,
// Devanagari Extended or General Punctuation first, then the rest of the
// Devanagari face, then the rest, in glyph order.

const (
	firstCode    = pdffont.FirstCode
	codesPerFont = pdffont.CodesPerFont
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
	def  []byte           // JSON font definition for fpdf
	prog *pdffont.Program // its font program
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
	var err error
	if sf.prog, err = pdffont.NewProgram(sf.pf.derived, sf.dgid); err != nil {
		return err
	}
	var names [256]uint16 // the code point each code's glyph is named after
	for c, dg := range sf.dgid {
		if dg != 0 {
			names[c] = sf.pf.cp[dg]
		}
	}
	if sf.def, err = json.Marshal(pdffont.Definition(sf.prog, sf.name, sf.file, &sf.w, &names)); err != nil {
		return err
	}
	sf.resource, err = pdffont.FontID(sf.family, sf.pf.style, sf.def)
	return err
}

// program returns the sub-font's program with the glyphs of the codes used.
func (sf *subFont) program(used *[256]bool, pad bool) []byte { return sf.prog.Cut(used, pad) }

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
