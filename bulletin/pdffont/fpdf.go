package pdffont

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"math"
	"regexp"

	"codeberg.org/go-pdf/fpdf"
)

// FontDef is the font definition fpdf's AddFontFromReader reads.
type FontDef struct {
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

// Definition returns the font definition of a sub-font named name (its
// /BaseFont) whose program p is fpdf's file (ending in ".z"): the font
// definition fpdf reads (its JSON form of a font made by its makefont
// tool), with sizes in 1/1000 em and each code's width (see Use). It has
// no /Differences, and fpdf then writes no /Encoding (putfonts, a
// bulletin patch): a symbolic TrueType font's codes reach its glyphs
// through the program's (3,0) and (1,0) cmaps, and its text is given by
// /ToUnicode. (Naming each code's glyph uniXXXX in /Differences cost 5-7
// KB of uncompressed text a certificate and changed neither what poppler,
// pdf.js and PDFium draw nor what the extractors copy out.)
func Definition(p *Program, name, file string, widths *[256]int16) FontDef {
	be := binary.BigEndian
	head, hhea, os2, post := p.table("head"), p.table("hhea"), p.table("OS/2"), p.table("post")
	upem := float64(be.Uint16(head[18:]))
	em := func(v int16) int { return int(roundHalfAway(float64(v) * 1000 / upem)) }
	i16 := func(b []byte, off int) int16 { return int16(be.Uint16(b[off:])) }
	def := FontDef{Tp: "TrueType", Name: name, Up: em(i16(post, 8)), Ut: em(i16(post, 10)),
		Cw: make([]int, 256), File: file, OriginalSize: p.full}
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
	for c := firstCode; c < 256; c++ {
		if p.dgid[c] != 0 {
			def.Cw[c] = int(widths[c])
		}
	}
	return def
}

// FontID returns the name fpdf gives a font registered with def in
// content streams (after "/F"), as it writes it on SetFont into a scratch
// template: fpdf names a font by a hash of its definition, the same in
// every document.
func FontID(family, style string, def []byte) (string, error) {
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

func roundHalfAway(x float64) float64 {
	if x < 0 {
		return -roundHalfAway(-x)
	}
	return float64(int64(x + 0.5))
}
