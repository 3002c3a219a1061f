package typeset

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io/fs"
	"sort"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/go-text/typesetting/font"
	"github.com/go-text/typesetting/harfbuzz"
	"github.com/igrs-pro/bulletin/bulletin/pdffont"
	"golang.org/x/text/unicode/norm"
)

// Family selects a type family: each family pairs a Devanagari font with a
// Latin one.
type Family uint8

const (
	Sans  Family = iota // Noto Sans Devanagari + Noto Sans
	Serif               // Noto Serif Devanagari + Noto Serif
)

func (f Family) String() string {
	switch f {
	case Sans:
		return "sans"
	case Serif:
		return "serif"
	}
	return fmt.Sprintf("Family(%d)", uint8(f))
}

// Weight selects regular or bold.
type Weight uint8

const (
	Regular Weight = iota
	Bold
)

func (w Weight) String() string {
	switch w {
	case Regular:
		return "regular"
	case Bold:
		return "bold"
	}
	return fmt.Sprintf("Weight(%d)", uint8(w))
}

// script of a face: which half of a family it is.
type script uint8

const (
	deva script = iota
	latn
)

// faceID numbers the eight faces of a FontSet: family*4 + weight*2 + script.
type faceID uint8

const numFaces = 8

func makeFaceID(f Family, w Weight, s script) faceID {
	return faceID(uint8(f)*4 + uint8(w)*2 + uint8(s))
}

func (id faceID) family() Family { return Family(id / 4) }
func (id faceID) weight() Weight { return Weight(id / 2 % 2) }
func (id faceID) script() script { return script(id % 2) }

// FaceFiles are the file names NewFontSet looks for, indexed like faceID.
var faceFiles = [numFaces]string{
	"NotoSansDevanagari-Regular.ttf", "NotoSans-Regular.ttf",
	"NotoSansDevanagari-Bold.ttf", "NotoSans-Bold.ttf",
	"NotoSerifDevanagari-Regular.ttf", "NotoSerif-Regular.ttf",
	"NotoSerifDevanagari-Bold.ttf", "NotoSerif-Bold.ttf",
}

// FaceFile returns the file name NewFontSet reads for a family, weight and
// script ("Devanagari" or "Latin" half of the family).
func FaceFile(f Family, w Weight, devanagari bool) string {
	s := latn
	if devanagari {
		s = deva
	}
	return faceFiles[makeFaceID(f, w, s)]
}

type faceData struct {
	file   string
	raw    []byte
	font   *font.Font // immutable, shared by all Typesetters
	upem   float64
	ascent float64 // font units, positive
	descnt float64 // font units, positive
	gap    float64
	space  uint16  // glyph id of U+0020
	spaceW float64 // its advance in font units
	// lowCover: bit r of covers(r) for r below U+1000 (Latin, Devanagari
	// and the punctuation around them), looked up once
	lowCover [0x1000 / 64]uint64

	// pdfWidth[g] is the width a PDF viewer uses for glyph g, in 1/1000 em:
	// its hmtx advance rounded as the sub-fonts' /Widths have it.
	pdfWidth []float64

	// The derived font holding this face (shared with the other face of
	// its family and weight) and, once pdf.build has run, the code point that
	// names each glyph id in it (see pdfFontFile.cp) and the glyph id of its glyph 0 there.
	pdf   *pdfFontFile
	codes []uint16
	dOff  int

	// How its glyphs are drawn: the sub-fonts of its derived font that
	// hold them, and the code of each use (see pdffont.Plan). Set by
	// pdf.build for a full set, by Restrict for a restricted one.
	plan *pdffont.Plan
}

// pdfFontFile is a derived font file (see pdffont.Derive): the Devanagari and
// Latin faces of a family and weight merged into one glyph space, or a
// single face when the other half of its family is missing in that weight
// or has other units per em. The sub-fonts registered with fpdf take their
// glyphs from it, so that a bilingual line in one weight needs
// one of them, not two. Its glyph uses become codes of sub-fonts through
// its pdffont.Font.
type pdfFontFile struct {
	family, style string      // names the sub-fonts' tags derive from
	psName        string      // the first face's file name without .ttf
	faces         []*faceData // in glyph order; the first keeps its glyph ids
	prio          []int       // indexes into faces: who gets a shared code point

	once sync.Once
	font *pdffont.Font // the derived font, for its sub-fonts
	// By derived glyph id: the code point that names it (its own
	// character, else its Private Use code point in data's cmap; the order
	// of a full set's uses: see fullOrder), and its own character (0 if
	// none).
	cp  []uint16
	uni []rune
	err error
}

// build makes the font file and the faces' code points, once per process.
func (pf *pdfFontFile) build() error {
	pf.once.Do(func() {
		parts := make([]pdffont.Part, len(pf.faces))
		var names []string
		total := 0
		for _, fd := range pf.faces {
			total += len(fd.pdfWidth)
		}
		pf.uni = make([]rune, total)
		off := 0
		for i, fd := range pf.faces {
			m := make(map[rune]uint16)
			it := fd.font.Cmap.Iter()
			for it.Next() {
				r, g := it.Char()
				m[r] = uint16(g)
				// A glyph's own character: its lowest printable BMP one.
				if u := &pf.uni[off+int(g)]; int(g) < len(fd.pdfWidth) && r >= 0x20 && r <= 0xFFFF &&
					(r < 0xD800 || r > 0xDFFF) && (*u == 0 || r < *u) {
					*u = r
				}
			}
			parts[i] = pdffont.Part{Name: fd.file, Raw: fd.raw, Cmap: m, NumGlyphs: len(fd.pdfWidth)}
			names = append(names, fd.file)
			off += len(fd.pdfWidth)
		}
		data, codes, err := pdffont.Derive(parts, pf.prio)
		if err != nil {
			pf.err = fmt.Errorf("typeset: deriving %s: %w", strings.Join(names, " + "), err)
			return
		}
		off = 0
		for i, fd := range pf.faces {
			fd.codes, fd.dOff = codes[i], off
			// Named after its own character where it has one (the
			// Devanagari face's "5" is uni0035, not the Private Use
			// code point the merged cmap gives it).
			for g := range fd.codes {
				if r := pf.uni[off+g]; r != 0 {
					fd.codes[g] = uint16(r)
				}
			}
			off += len(fd.pdfWidth)
		}
		pf.cp = make([]uint16, off)
		for _, fd := range pf.faces {
			copy(pf.cp[fd.dOff:], fd.codes)
		}
		if pf.font, err = pdffont.NewFont(pf.family, pf.style, pf.psName, data, total); err != nil {
			pf.err = fmt.Errorf("typeset: deriving %s: %w", strings.Join(names, " + "), err)
			return
		}
		setPlan(pf, fullOrder(pf), false, pf.faces)
	})
	return pf.err
}

// FontSet holds the parsed fonts of up to two families in two weights, the
// derived fonts and the sub-fonts drawn into PDFs. It is immutable after
// NewFontSet (derived fonts and sub-fonts are built lazily, once, under a
// sync.Once) and safe for concurrent use by any number of goroutines. Build
// it once per process.
type FontSet struct {
	faces        [numFaces]*faceData
	isRestricted bool // made by Restrict or RestrictDrawn
	// shapes: the words Restrict shaped (by face, by text), which a set it
	// made is drawn with; read only.
	shapes [numFaces]map[string]shaped
}

// NewFontSet reads the fonts named by FaceFile from fsys (fonts.FS, or
// os.DirFS of an office's font folder). Missing files are allowed as long as
// each family present has both its Devanagari and Latin font in a weight;
// text styled with a face that is absent fails with an error at layout.
func NewFontSet(fsys fs.FS) (*FontSet, error) {
	set := &FontSet{}
	found := 0
	for i, name := range faceFiles {
		b, err := fs.ReadFile(fsys, name)
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			return nil, fmt.Errorf("typeset: %w", err)
		}
		fd, err := loadFace(name, b)
		if err != nil {
			return nil, err
		}
		set.faces[i] = fd
		found++
	}
	if found == 0 {
		return nil, fmt.Errorf("typeset: none of the fonts %s found", strings.Join(faceFiles[:], ", "))
	}
	for f := Sans; f <= Serif; f++ {
		for w := Regular; w <= Bold; w++ {
			style := ""
			if w == Bold {
				style = "B"
			}
			d, l := set.faces[makeFaceID(f, w, deva)], set.faces[makeFaceID(f, w, latn)]
			if d != nil && l != nil && d.upem == l.upem {
				// Devanagari keeps its glyph ids; Latin keeps the code
				// points both map.
				pf := &pdfFontFile{family: "ts" + f.String(), style: style, psName: strings.TrimSuffix(d.file, ".ttf"), faces: []*faceData{d, l}, prio: []int{1, 0}}
				d.pdf, l.pdf = pf, pf
				continue
			}
			for sc, fd := range map[string]*faceData{"deva": d, "latn": l} {
				if fd != nil {
					fd.pdf = &pdfFontFile{family: "ts" + f.String() + sc, style: style, psName: strings.TrimSuffix(fd.file, ".ttf"), faces: []*faceData{fd}, prio: []int{0}}
				}
			}
		}
	}
	return set, nil
}

func loadFace(name string, b []byte) (*faceData, error) {
	face, err := font.ParseTTF(bytes.NewReader(b))
	if err != nil {
		return nil, fmt.Errorf("typeset: parsing %s: %w", name, err)
	}
	tabs, err := pdffont.ReadTables(b)
	if err != nil {
		return nil, fmt.Errorf("typeset: %s: %w", name, err)
	}
	if len(tabs["maxp"]) < 6 {
		return nil, fmt.Errorf("typeset: %s: short maxp table", name)
	}
	n := int(binary.BigEndian.Uint16(tabs["maxp"][4:]))
	f := face.Font
	fd := &faceData{file: name, raw: b, font: f, upem: float64(f.Upem())}
	hb := harfbuzz.NewFont(face)
	ext := hb.ExtentsForDirection(harfbuzz.LeftToRight)
	fd.ascent = float64(ext.Ascender)
	fd.descnt = -float64(ext.Descender)
	fd.gap = float64(ext.LineGap)
	fd.pdfWidth = make([]float64, n)
	for g := range n {
		adv := float64(face.HorizontalAdvance(font.GID(g)))
		fd.pdfWidth[g] = roundHalfAway(adv * 1000 / fd.upem)
	}
	sp, ok := face.NominalGlyph(' ')
	if !ok {
		return nil, fmt.Errorf("typeset: %s has no space glyph", name)
	}
	fd.space = uint16(sp)
	fd.spaceW = float64(face.HorizontalAdvance(sp))
	for r := range rune(0x1000) {
		if fd.lookupCovers(r) {
			fd.lowCover[r/64] |= 1 << (r % 64)
		}
	}
	return fd, nil
}

func roundHalfAway(x float64) float64 {
	if x < 0 {
		return -roundHalfAway(-x)
	}
	return float64(int64(x + 0.5))
}

func (s *FontSet) face(id faceID) (*faceData, error) {
	if fd := s.faces[id]; fd != nil {
		return fd, nil
	}
	return nil, fmt.Errorf("typeset: font %s (%s %s) is not in the font set", faceFiles[id], id.family(), id.weight())
}

// covers reports whether the face maps r (or harfbuzz will treat r as a
// default-ignorable and hide it).
func (fd *faceData) covers(r rune) bool {
	if r >= 0 && r < 0x1000 {
		return fd.lowCover[r/64]>>(r%64)&1 != 0
	}
	return fd.lookupCovers(r)
}

// lookupCovers is covers, from the font's cmap.
func (fd *faceData) lookupCovers(r rune) bool {
	if _, ok := fd.font.Cmap.Lookup(r); ok {
		return true
	}
	return harfbuzz.IsDefaultIgnorable(r)
}

// CharError reports a character that no font of the set can draw.
type CharError struct {
	Char rune
	Text string // the text it came from
}

func (e *CharError) Error() string {
	return fmt.Sprintf("typeset: no font has %U %q (in %q)", e.Char, string(e.Char), e.Text)
}

// Check returns a *CharError for the first character of text (after NFC)
// that is not drawable in every family and weight of the set, so that input
// can be validated before any output is made. Whitespace is always fine.
func (s *FontSet) Check(text string) error { return s.check(text, s.drawable) }

func (s *FontSet) check(text string, drawable func(r rune) bool) error {
	text = norm.NFC.String(text)
	if !utf8.ValidString(text) {
		return fmt.Errorf("typeset: text is not valid UTF-8: %q", text)
	}
	for _, r := range text {
		if !isSpace(r) && !drawable(r) {
			return &CharError{Char: r, Text: text}
		}
	}
	return nil
}

// drawable reports whether r is drawable in every family and weight of
// the set.
func (s *FontSet) drawable(r rune) bool {
	for f := Sans; f <= Serif; f++ {
		for w := Regular; w <= Bold; w++ {
			d, l := s.faces[makeFaceID(f, w, deva)], s.faces[makeFaceID(f, w, latn)]
			if d == nil && l == nil {
				continue
			}
			if !(d != nil && d.covers(r)) && !(l != nil && l.covers(r)) {
				return false
			}
		}
	}
	return true
}

// Checker checks texts as Check does, remembering the texts it passed and
// what it found for each character of the Basic Multilingual Plane: a
// batch of texts that repeat their lines and letters (a month's
// certificates) costs a map lookup a repeated text and a table lookup a
// character instead of the fonts' cmaps. Not safe for concurrent use;
// make one per goroutine.
type Checker struct {
	s             *FontSet
	known, drawn  [0x10000 / 64]uint64 // bit r: r looked up; r drawable
	drawableCache func(r rune) bool
	passed        map[string]struct{}
}

// Checker returns a new Checker of s.
func (s *FontSet) Checker() *Checker {
	c := &Checker{s: s, passed: map[string]struct{}{}}
	c.drawableCache = c.drawable
	return c
}

// Check is s.Check(text).
func (c *Checker) Check(text string) error {
	if _, ok := c.passed[text]; ok {
		return nil
	}
	err := c.s.check(text, c.drawableCache)
	if err == nil {
		c.passed[text] = struct{}{}
	}
	return err
}

func (c *Checker) drawable(r rune) bool {
	if r < 0 || r > 0xFFFF {
		return c.s.drawable(r)
	}
	i, bit := r/64, uint64(1)<<(r%64)
	if c.known[i]&bit == 0 {
		c.known[i] |= bit
		if c.s.drawable(r) {
			c.drawn[i] |= bit
		}
	}
	return c.drawn[i]&bit != 0
}

// Files lists the font files loaded, sorted.
func (s *FontSet) Files() []string {
	var out []string
	for _, fd := range s.faces {
		if fd != nil {
			out = append(out, fd.file)
		}
	}
	sort.Strings(out)
	return out
}
