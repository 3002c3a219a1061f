package pdffont

import (
	"bytes"
	"fmt"
	"regexp"
	"sort"
	"strconv"
)

// pdfTail is the end of the file fpdf writes: its cross-reference table
// (one subsection from object 0), trailer and startxref.
var pdfTail = regexp.MustCompile(`(?s)xref\n0 (\d+)\n(.*)trailer\n(<<.*>>)\nstartxref\n(\d+)\n%%EOF\n$`)

// CMap is the /ToUnicode CMap (ToUnicodeCMap) of the font whose /BaseFont
// is BaseFont.
type CMap struct {
	BaseFont string
	Data     []byte
}

// AddToUnicode rewrites the PDF fpdf wrote (b) with a /ToUnicode entry in
// the font dictionary of each font of subs (fpdf cannot write one for a
// simple font), and the CMaps as new objects before the cross-reference
// table, which is rewritten with the moved offsets.
func AddToUnicode(b []byte, subs []CMap) ([]byte, error) {
	if len(subs) == 0 {
		return b, nil
	}
	m := pdfTail.FindSubmatchIndex(b)
	if m == nil {
		return nil, fmt.Errorf("pdffont: the PDF fpdf wrote does not end in the cross-reference table and trailer expected")
	}
	if bytes.Contains(b[m[6]:m[7]], []byte("/Encrypt")) {
		return b, nil // its strings and streams would need encrypting too
	}
	xrefAt := m[0]
	n, _ := strconv.Atoi(string(b[m[2]:m[3]]))
	offsets, err := readXref(b[m[4]:m[5]], n)
	if err != nil {
		return nil, err
	}
	type insert struct {
		at   int
		text string
	}
	ins := make([]insert, len(subs))
	for i, sf := range subs {
		key := []byte("<</Type /Font\n/BaseFont /" + sf.BaseFont + "\n")
		p := bytes.Index(b, key)
		e := bytes.Index(b[max(p, 0):], []byte("\n>>\nendobj\n"))
		if p < 0 || e < 0 || bytes.Count(b, key) != 1 {
			return nil, fmt.Errorf("pdffont: the font dictionary of %s is not in the PDF as fpdf writes it", sf.BaseFont)
		}
		ins[i] = insert{p + e + 1, fmt.Sprintf("/ToUnicode %d 0 R\n", n+i)}
	}
	sort.Slice(ins, func(i, j int) bool { return ins[i].at < ins[j].at })
	shift := func(off int) int { // an offset in b, in the new file
		for _, in := range ins {
			if in.at < off {
				off += len(in.text)
			}
		}
		return off
	}
	out := make([]byte, 0, len(b)+len(subs)*600)
	last := 0
	for _, in := range ins {
		out = append(append(out, b[last:in.at]...), in.text...)
		last = in.at
	}
	out = append(out, b[last:xrefAt]...)
	for i := range offsets {
		offsets[i] = shift(offsets[i])
	}
	for i, sf := range subs {
		offsets = append(offsets, len(out))
		out = fmt.Appendf(out, "%d 0 obj\n<</Length %d /Filter /FlateDecode>>\nstream\n", n+i, len(sf.Data))
		out = append(append(out, sf.Data...), "\nendstream\nendobj\n"...)
	}
	xref := len(out)
	out = fmt.Appendf(out, "xref\n0 %d\n0000000000 65535 f \n", len(offsets)+1)
	for _, o := range offsets {
		out = fmt.Appendf(out, "%010d 00000 n \n", o)
	}
	trailer := regexp.MustCompile(`/Size \d+`).ReplaceAll(b[m[6]:m[7]], fmt.Appendf(nil, "/Size %d", len(offsets)+1))
	out = fmt.Appendf(out, "trailer\n%s\nstartxref\n%d\n%%%%EOF\n", trailer, xref)
	return out, nil
}

// readXref reads the offsets of objects 1 to n-1 from fpdf's
// cross-reference entries (object 0's first).
func readXref(t []byte, n int) ([]int, error) {
	const entry = 20 // "0000000123 00000 n \n"
	if n < 1 || len(t) != n*entry {
		return nil, fmt.Errorf("pdffont: a cross-reference table of %d bytes for %d objects", len(t), n)
	}
	out := make([]int, n-1)
	for i := range out {
		e := t[(i+1)*entry:]
		o, err := strconv.Atoi(string(e[:10]))
		if err != nil || string(e[10:19]) != " 00000 n " {
			return nil, fmt.Errorf("pdffont: bad cross-reference entry %q", e[:entry])
		}
		out[i] = o
	}
	return out, nil
}
