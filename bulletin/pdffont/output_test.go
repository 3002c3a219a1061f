package pdffont

import (
	"bytes"
	"fmt"
	"regexp"
	"strconv"
	"testing"
)

// AddToUnicode gives the font its /ToUnicode entry, adds the CMap as an
// object, and every cross-reference entry still points at its object.
func TestAddToUnicode(t *testing.T) {
	_, b, _ := pinnedFont(t)
	cm, err := ToUnicodeCMap([]string{32: "कि", 33: " "})
	if err != nil {
		t.Fatal(err)
	}
	out, err := AddToUnicode(b, []CMap{{BaseFont: "ABCDEF+Pinned", Data: cm}})
	if err != nil {
		t.Fatal(err)
	}
	m := pdfTail.FindSubmatch(out)
	if m == nil {
		t.Fatal("no cross-reference table at the end")
	}
	n, _ := strconv.Atoi(string(m[1]))
	offsets, err := readXref(m[2], n)
	if err != nil {
		t.Fatal(err)
	}
	for i, o := range offsets {
		if want := fmt.Sprintf("%d 0 obj\n", i+1); !bytes.HasPrefix(out[o:], []byte(want)) {
			t.Errorf("object %d: the cross-reference table points at %q", i+1, out[o:o+12])
		}
	}
	ref := regexp.MustCompile(`/BaseFont /ABCDEF\+Pinned\n(?s:.*?)/ToUnicode (\d+) 0 R\n>>`).FindSubmatch(out)
	if ref == nil {
		t.Fatal("the font dictionary has no /ToUnicode")
	}
	obj, _ := strconv.Atoi(string(ref[1]))
	if obj != n-1 || len(offsets) != n-1 { // objects 1 to n-1; the CMap the last
		t.Errorf("/ToUnicode %d 0 R, %d objects", obj, len(offsets))
	}
	if start := regexp.MustCompile(`startxref\n(\d+)\n`).FindSubmatch(out); start == nil || !bytes.HasPrefix(out[atoi(start[1]):], []byte("xref\n")) {
		t.Error("startxref does not point at the cross-reference table")
	}
	if again, _ := AddToUnicode(b, nil); !bytes.Equal(again, b) {
		t.Error("no CMaps: the file must stay as it is")
	}
}

func atoi(b []byte) int { n, _ := strconv.Atoi(string(b)); return n }
