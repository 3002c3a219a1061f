package pdffont

import (
	"bytes"
	"compress/zlib"
	"fmt"
	"sync"
	"unicode/utf16"
)

// cmapWriters are zlib writers at BestCompression, Reset for each CMap (the
// same bytes as a new writer, without its megabyte of new state).
var cmapWriters = sync.Pool{New: func() any {
	w, _ := zlib.NewWriterLevel(nil, zlib.BestCompression)
	return w
}}

// ToUnicodeCMap returns the compressed /ToUnicode CMap of a sub-font whose
// code c stands for text[c], or nil if no code stands for any text.
func ToUnicodeCMap(text []string) ([]byte, error) {
	var entries []string
	for c, s := range text {
		if s == "" {
			continue
		}
		var hex bytes.Buffer
		for _, u := range utf16.Encode([]rune(s)) {
			fmt.Fprintf(&hex, "%04X", u)
		}
		entries = append(entries, fmt.Sprintf("<%02X> <%s>\n", c, hex.String()))
	}
	if len(entries) == 0 {
		return nil, nil
	}
	var b bytes.Buffer
	b.WriteString("/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n" +
		"/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n" +
		"/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n" +
		"1 begincodespacerange\n<00> <FF>\nendcodespacerange\n")
	for len(entries) > 0 { // at most 100 entries a block
		n := min(len(entries), 100)
		fmt.Fprintf(&b, "%d beginbfchar\n", n)
		for _, e := range entries[:n] {
			b.WriteString(e)
		}
		b.WriteString("endbfchar\n")
		entries = entries[n:]
	}
	b.WriteString("endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n")
	var z bytes.Buffer
	w := cmapWriters.Get().(*zlib.Writer)
	defer cmapWriters.Put(w)
	w.Reset(&z)
	w.Write(b.Bytes())
	if err := w.Close(); err != nil {
		return nil, err
	}
	return z.Bytes(), nil
}
