package pdffont

import (
	"bytes"
	"strconv"
	"unicode/utf16"

	"codeberg.org/go-pdf/fpdf"
)

// CMaps are compressed by writers reused (fpdf.ZlibWriter, at
// fpdf.ZlibLevel: the same bytes as a new writer, without its state). A
// CMap is made for each sub-font of each document: at compress/zlib's
// BestCompression, resetting the writer's 640 KB of hash chains and its
// lazy matching took half the time of a certificate's CMaps (0.3 s of the
// state benchmark), for 3 % (about 15 bytes a CMap) less.

// ToUnicodeCMap returns the compressed /ToUnicode CMap of a sub-font whose
// code c stands for text[c], or nil if no code stands for any text.
func ToUnicodeCMap(text []string) ([]byte, error) {
	entries := make([]string, len(text))
	for c, t := range text {
		entries[c] = cmapEntry(byte(c), t)
	}
	return compressCMap(entries)
}

// cmapEntry returns the CMap line that maps code c to text ("" for none).
func cmapEntry(c byte, text string) string {
	if text == "" {
		return ""
	}
	b := make([]byte, 0, 8+8*len(text))
	b = append(b, '<', hexDigit[c>>4], hexDigit[c&15], '>', ' ', '<')
	for _, u := range utf16.Encode([]rune(text)) {
		b = append(b, hexDigit[u>>12], hexDigit[u>>8&15], hexDigit[u>>4&15], hexDigit[u&15])
	}
	return string(append(b, '>', '\n'))
}

const hexDigit = "0123456789ABCDEF"

// compressCMap returns the compressed CMap of the non-empty entries
// (cmapEntry's lines, by code), or nil if there are none.
func compressCMap(entries []string) ([]byte, error) {
	n := 0
	for _, e := range entries {
		if e != "" {
			n++
		}
	}
	if n == 0 {
		return nil, nil
	}
	var b bytes.Buffer
	b.WriteString("/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n" +
		"/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n" +
		"/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n" +
		"1 begincodespacerange\n<00> <FF>\nendcodespacerange\n")
	left := 0 // entries left in the block: at most 100 a block
	for _, e := range entries {
		if e == "" {
			continue
		}
		if left == 0 {
			left = min(n, 100)
			n -= left
			b.WriteString(strconv.Itoa(left))
			b.WriteString(" beginbfchar\n")
		}
		b.WriteString(e)
		if left--; left == 0 {
			b.WriteString("endbfchar\n")
		}
	}
	b.WriteString("endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n")
	var z bytes.Buffer
	w := fpdf.ZlibWriter(&z)
	defer fpdf.PutZlibWriter(w)
	w.Write(b.Bytes())
	if err := w.Close(); err != nil {
		return nil, err
	}
	return z.Bytes(), nil
}
