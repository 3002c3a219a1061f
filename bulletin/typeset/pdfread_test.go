package typeset

import (
	"bytes"
	"compress/zlib"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"testing"
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

// pdfFont is an embedded CID font as fpdf writes it.
type pdfFont struct {
	baseFont  string
	cidToGID  []byte // 2 bytes per CID
	fontFile  []byte // the embedded (subset) TrueType font
	resources string // resource name, e.g. "F1a2b..."
}

// shownGlyph is one CID shown by a Tj, with the font it was shown in.
type shownGlyph struct {
	font *pdfFont
	cid  int
	x, y float64 // text position of the Tj it belongs to (points)
}

// pdfGlyphs returns, page by page in order, every CID shown by the
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
			if f == nil || !bytes.Contains([]byte(f.dict), []byte("/Type0")) {
				continue
			}
			desc := objs[ref(t, f.dict, "/DescendantFonts")]
			fd := objs[ref(t, desc.dict, "/FontDescriptor")]
			pf := &pdfFont{
				baseFont:  regexp.MustCompile(`/BaseFont /(\S+)`).FindStringSubmatch(f.dict)[1],
				cidToGID:  objs[ref(t, desc.dict, "/CIDToGIDMap")].stream,
				fontFile:  objs[ref(t, fd.dict, "/FontFile2")].stream,
				resources: m[1],
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

// contentGlyphs tokenizes a content stream well enough for fpdf's output:
// numbers, names, literal strings, dictionaries, operators.
func contentGlyphs(t testing.TB, c []byte, fonts map[string]*pdfFont) []shownGlyph {
	t.Helper()
	var out []shownGlyph
	var stack []string
	var cur *pdfFont
	var tx, ty float64
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
			// dictionary (marked content properties): skip to matching >>
			depth := 0
			for i < len(c) {
				if bytes.HasPrefix(c[i:], []byte("<<")) {
					depth++
					i += 2
				} else if bytes.HasPrefix(c[i:], []byte(">>")) {
					depth--
					i += 2
					if depth == 0 {
						break
					}
				} else {
					i++
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
					t.Fatalf("content uses font %s that is not a Type0 font resource", name)
				}
				stack = stack[:0]
			case "Td":
				tx, _ = strconv.ParseFloat(stack[len(stack)-2], 64)
				ty, _ = strconv.ParseFloat(stack[len(stack)-1], 64)
				stack = stack[:0]
			case "Tj":
				s := stack[len(stack)-1]
				if s[0] != '(' || len(s[1:])%2 != 0 {
					t.Fatalf("Tj operand %q is not a 2-byte CID string", s)
				}
				if cur == nil {
					t.Fatal("Tj before Tf")
				}
				for k := 1; k+1 < len(s); k += 2 {
					out = append(out, shownGlyph{font: cur, cid: int(s[k])<<8 | int(s[k+1]), x: tx, y: ty})
				}
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

func (f *pdfFont) gid(cid int) (int, error) {
	if 2*cid+1 >= len(f.cidToGID) {
		return 0, fmt.Errorf("CID %d beyond CIDToGIDMap", cid)
	}
	return int(f.cidToGID[2*cid])<<8 | int(f.cidToGID[2*cid+1]), nil
}
