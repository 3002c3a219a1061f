package typeset

import (
	"bytes"
	"compress/zlib"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/igrs-pro/bulletin/bulletin/pdffont"
)

// A minimal reader for the PDFs fpdf writes, enough for tests to find which
// glyphs a page draws: objects, their (Flate) streams, the text-showing
// operators of content streams, and the fonts they use.

type pdfObj struct {
	dict   string
	stream []byte // decompressed
}

var objRE = regexp.MustCompile(`(?m)^(\d+) 0 obj\b`)

func parsePDF(t testing.TB, b []byte) map[int]*pdfObj {
	t.Helper()
	objs := map[int]*pdfObj{}
	locs := objRE.FindAllSubmatchIndex(b, -1)
	for _, loc := range locs {
		n, _ := strconv.Atoi(string(b[loc[2]:loc[3]]))
		rest := b[loc[1]:]
		end := bytes.Index(rest, []byte("endobj"))
		if end < 0 {
			t.Fatalf("object %d: no endobj", n)
		}
		o := &pdfObj{}
		if si := bytes.Index(rest[:end], []byte("stream\n")); si >= 0 {
			o.dict = string(rest[:si])
			m := regexp.MustCompile(`/Length (\d+)`).FindStringSubmatch(o.dict)
			if m == nil {
				t.Fatalf("object %d: stream without direct /Length", n)
			}
			ln, _ := strconv.Atoi(m[1])
			data := rest[si+len("stream\n"):]
			data = data[:ln]
			if bytes.Contains([]byte(o.dict), []byte("/FlateDecode")) {
				zr, err := zlib.NewReader(bytes.NewReader(data))
				if err != nil {
					t.Fatalf("object %d: %v", n, err)
				}
				data, err = io.ReadAll(zr)
				if err != nil {
					t.Fatalf("object %d: %v", n, err)
				}
			}
			o.stream = data
		} else {
			o.dict = string(rest[:end])
		}
		objs[n] = o
	}
	return objs
}

func ref(t testing.TB, dict, key string) int {
	t.Helper()
	m := regexp.MustCompile(regexp.QuoteMeta(key) + `\s*\[?\s*(\d+) 0 R`).FindStringSubmatch(dict)
	if m == nil {
		t.Fatalf("no %s reference in %q", key, dict)
	}
	n, _ := strconv.Atoi(m[1])
	return n
}

// pdfFont is an embedded simple TrueType font as the package registers
// it with fpdf (see simple.go).
type pdfFont struct {
	baseFont  string
	fontFile  []byte // the embedded (cut) TrueType font program
	length1   int    // its /Length1
	flags     int
	first     int
	widths    []int       // /Widths, from /FirstChar
	encoding  bool        // whether the font dictionary has an /Encoding (it must not)
	resources string      // resource name, e.g. "F1a2b..."
	cmap      map[int]int // code -> glyph id, read from the program's (3,0) cmap
}

// shownGlyph is one code shown by a Tj, with the font it was shown in and
// where: x is the glyph's own position, from its Tj's and the /Widths of
// the glyphs before it in the Tj (points).
type shownGlyph struct {
	font *pdfFont
	code int
	x, y float64
}

var (
	numRE = regexp.MustCompile(`-?\d+`)
)

// pdfGlyphs returns, page by page in order, every code shown by the
// content streams, with its font.
func pdfGlyphs(t testing.TB, b []byte) []shownGlyph {
	t.Helper()
	objs := parsePDF(t, b)
	fonts := map[string]*pdfFont{}
	resRE := regexp.MustCompile(`/(F[0-9a-fA-F]+) (\d+) 0 R`)
	var pages []int
	for n := 1; n <= len(objs)+1; n++ {
		o := objs[n]
		if o == nil {
			continue
		}
		for _, m := range resRE.FindAllStringSubmatch(o.dict, -1) {
			fn, _ := strconv.Atoi(m[2])
			f := objs[fn]
			if f == nil || !strings.Contains(f.dict, "/Type /Font") {
				continue
			}
			if !strings.Contains(f.dict, "/Subtype /TrueType") {
				t.Fatalf("font %s is not a simple TrueType font: %s", m[1], f.dict)
			}
			fd := objs[ref(t, f.dict, "/FontDescriptor")]
			ff := objs[ref(t, fd.dict, "/FontFile2")]
			pf := &pdfFont{
				baseFont:  regexp.MustCompile(`/BaseFont /(\S+)`).FindStringSubmatch(f.dict)[1],
				fontFile:  ff.stream,
				resources: m[1],
				encoding:  strings.Contains(f.dict, "/Encoding"),
			}
			pf.length1, _ = strconv.Atoi(regexp.MustCompile(`/Length1 (\d+)`).FindStringSubmatch(ff.dict)[1])
			pf.flags, _ = strconv.Atoi(regexp.MustCompile(`/Flags (\d+)`).FindStringSubmatch(fd.dict)[1])
			pf.first, _ = strconv.Atoi(regexp.MustCompile(`/FirstChar (\d+)`).FindStringSubmatch(f.dict)[1])
			for _, w := range numRE.FindAllString(objs[ref(t, f.dict, "/Widths")].dict, -1) {
				v, _ := strconv.Atoi(w)
				pf.widths = append(pf.widths, v)
			}
			var err error
			if pf.cmap, err = symbolCmapOf(pf.fontFile); err != nil {
				t.Fatalf("font %s: %v", pf.baseFont, err)
			}
			fonts[m[1]] = pf
		}
		if regexp.MustCompile(`/Type /Page\b`).MatchString(o.dict) {
			pages = append(pages, n)
		}
	}
	var out []shownGlyph
	for _, pn := range pages {
		content := objs[ref(t, objs[pn].dict, "/Contents")].stream
		out = append(out, contentGlyphs(t, content, fonts)...)
	}
	return out
}

// symbolCmapOf reads the (3,0) format-4 cmap of a TrueType font program
// and returns the glyph id of every code c it maps at U+F000+c, checking
// that its (1,0) format-0 cmap maps c to the same glyph.
func symbolCmapOf(b []byte) (map[int]int, error) {
	tabs, err := pdffont.ReadTables(b)
	if err != nil {
		return nil, err
	}
	cm := tabs["cmap"]
	be := binary.BigEndian
	var f0, f4 []byte
	for i := range int(be.Uint16(cm[2:])) {
		rec := cm[4+8*i:]
		sub := cm[be.Uint32(rec[4:]):]
		switch [2]uint16{be.Uint16(rec), be.Uint16(rec[2:])} {
		case [2]uint16{1, 0}:
			f0 = sub
		case [2]uint16{3, 0}:
			f4 = sub
		}
	}
	if f0 == nil || f4 == nil || be.Uint16(f0) != 0 || be.Uint16(f4) != 4 {
		return nil, errors.New("no (1,0) format-0 and (3,0) format-4 cmaps")
	}
	out := map[int]int{}
	seg := int(be.Uint16(f4[6:])) / 2
	for s := range seg {
		end := int(be.Uint16(f4[14+2*s:]))
		start := int(be.Uint16(f4[16+2*seg+2*s:]))
		delta := int(be.Uint16(f4[16+4*seg+2*s:]))
		if be.Uint16(f4[16+6*seg+2*s:]) != 0 {
			return nil, errors.New("idRangeOffset not supported by this reader")
		}
		for u := start; u <= end && u != 0xFFFF; u++ {
			if u < 0xF000 || u > 0xF0FF {
				return nil, fmt.Errorf("(3,0) cmap maps U+%04X", u)
			}
			g := (u + delta) & 0xFFFF
			if int(f0[6+u-0xF000]) != g {
				return nil, fmt.Errorf("code %d: glyph %d in (3,0), %d in (1,0)", u-0xF000, g, f0[6+u-0xF000])
			}
			out[u-0xF000] = g
		}
	}
	return out, nil
}

// contentGlyphs tokenizes a content stream well enough for fpdf's output:
// numbers, names, literal strings, dictionaries, operators.
func contentGlyphs(t testing.TB, c []byte, fonts map[string]*pdfFont) []shownGlyph {
	t.Helper()
	var out []shownGlyph
	var stack []string
	var cur *pdfFont
	var tx, ty, size float64 // the start of the text line, and the font size
	var cx float64           // where the next glyph goes: a Tj goes on from the last
	var rise float64         // the text rise (Ts)
	i := 0
	for i < len(c) {
		ch := c[i]
		switch {
		case ch == ' ' || ch == '\n' || ch == '\r' || ch == '\t':
			i++
		case ch == '(':
			// literal string with fpdf's escapes
			var s []byte
			i++
			depth := 1
			for i < len(c) {
				b := c[i]
				if b == '\\' {
					i++
					switch c[i] {
					case 'n':
						s = append(s, '\n')
					case 'r':
						s = append(s, '\r')
					case 't':
						s = append(s, '\t')
					case 'b':
						s = append(s, '\b')
					case 'f':
						s = append(s, '\f')
					default:
						s = append(s, c[i])
					}
					i++
					continue
				}
				if b == '(' {
					depth++
				} else if b == ')' {
					depth--
					if depth == 0 {
						i++
						break
					}
				}
				s = append(s, b)
				i++
			}
			stack = append(stack, "("+string(s))
		case ch == '<' && i+1 < len(c) && c[i+1] == '<':
			// dictionary (marked content properties): skip to the matching
			// >>, over literal strings (which may hold any bytes)
			depth := 0
			for i < len(c) {
				switch {
				case c[i] == '(':
					for i++; i < len(c) && c[i] != ')'; i++ {
						if c[i] == '\\' {
							i++
						}
					}
					i++
				case bytes.HasPrefix(c[i:], []byte("<<")):
					depth++
					i += 2
				case bytes.HasPrefix(c[i:], []byte(">>")):
					depth--
					i += 2
				default:
					i++
				}
				if depth == 0 {
					break
				}
			}
			stack = append(stack, "<<dict>>")
		default:
			j := i
			for j < len(c) && !bytes.ContainsRune([]byte(" \n\r\t()<>[]"), rune(c[j])) {
				j++
			}
			if j == i {
				j = i + 1
			}
			tok := string(c[i:j])
			i = j
			switch tok {
			case "Tf":
				name := stack[len(stack)-2][1:]
				cur = fonts[name]
				if cur == nil {
					t.Fatalf("content uses font %s that is not a font resource", name)
				}
				size, _ = strconv.ParseFloat(stack[len(stack)-1], 64)
				stack = stack[:0]
			case "BT":
				tx, ty, cx = 0, 0, 0
				stack = stack[:0]
			case "Td": // relative to the start of the line
				dx, _ := strconv.ParseFloat(stack[len(stack)-2], 64)
				dy, _ := strconv.ParseFloat(stack[len(stack)-1], 64)
				tx, ty = tx+dx, ty+dy
				cx = tx
				stack = stack[:0]
			case "Ts":
				rise, _ = strconv.ParseFloat(stack[len(stack)-1], 64)
				stack = stack[:0]
			case "TJ": // draw.go's moves: numbers only
				for _, n := range stack {
					v, err := strconv.ParseFloat(n, 64)
					if err != nil {
						t.Fatalf("TJ operand %q is not a number", n)
					}
					cx -= v * size / 1000
				}
				stack = stack[:0]
			case "[", "]":
			case "Tj":
				s := stack[len(stack)-1]
				if s[0] != '(' {
					t.Fatalf("Tj operand %q is not a string", s)
				}
				if cur == nil {
					t.Fatal("Tj before Tf")
				}
				x := cx
				for k := 1; k < len(s); k++ {
					code := int(s[k])
					if code < cur.first || code-cur.first >= len(cur.widths) {
						t.Fatalf("code %d outside the /Widths of %s", code, cur.baseFont)
					}
					out = append(out, shownGlyph{font: cur, code: code, x: x, y: ty + rise})
					x += float64(cur.widths[code-cur.first]) * size / 1000
				}
				cx = x
				stack = stack[:0]
			default:
				if (tok[0] >= '0' && tok[0] <= '9') || tok[0] == '-' || tok[0] == '.' || tok[0] == '/' {
					stack = append(stack, tok)
				} else {
					stack = stack[:0] // any other operator
				}
			}
		}
	}
	return out
}

func (f *pdfFont) gid(code int) (int, error) {
	g, ok := f.cmap[code]
	if !ok {
		return 0, fmt.Errorf("code %d not in the cmap of %s", code, f.baseFont)
	}
	return g, nil
}
