package pdffont

import (
	"bytes"
	"compress/zlib"
	"encoding/binary"
	"errors"
	"io"
	"io/fs"
	"regexp"
	"strings"
	"testing"

	"codeberg.org/go-pdf/fpdf"
	"github.com/go-text/typesetting/font"
	"github.com/igrs-pro/bulletin/fonts"
)

// latinFont is NotoSans-Regular as a Font of its own (no Devanagari half)
// and its glyph id of each letter a to z.
func latinFont(t *testing.T) (*Font, map[rune]uint16) {
	t.Helper()
	raw, err := fs.ReadFile(fonts.FS, "NotoSans-Regular.ttf")
	if err != nil {
		t.Fatal(err)
	}
	face, err := font.ParseTTF(bytes.NewReader(raw))
	if err != nil {
		t.Fatal(err)
	}
	cmap := map[rune]uint16{}
	it := face.Cmap.Iter()
	for it.Next() {
		r, g := it.Char()
		cmap[r] = uint16(g)
	}
	tabs, err := ReadTables(raw)
	if err != nil {
		t.Fatal(err)
	}
	n := int(binary.BigEndian.Uint16(tabs["maxp"][4:]))
	data, _, err := Derive([]Part{{Name: "NotoSans-Regular.ttf", Raw: raw, Cmap: cmap, NumGlyphs: n}}, []int{0})
	if err != nil {
		t.Fatal(err)
	}
	f, err := NewFont("tstest", "", "NotoSans-Regular", data, n)
	if err != nil {
		t.Fatal(err)
	}
	return f, cmap
}

// A Plan gives uses codes in order, CodesPerFont a sub-font; a use it does
// not have is drawn with its glyph's first code; a document registers only
// the sub-fonts it uses, embeds their programs cut to the codes it drew,
// and its /ToUnicode maps list only those codes; AddUse gives another
// document the same fonts and codes.
func TestPlanAndDoc(t *testing.T) {
	f, cmap := latinFont(t)
	var uses []Use
	for i := range CodesPerFont + 10 { // two sub-fonts
		r := rune('a' + i%26)
		uses = append(uses, Use{Glyph: cmap[r], Text: strings.Repeat(string(r), 1+i/26), Width: 500})
	}
	p := f.Plan(uses, true)
	if len(p.Subs()) != 2 || !p.Restricted() {
		t.Fatalf("%d sub-fonts, restricted %v; want 2, true", len(p.Subs()), p.Restricted())
	}
	if s := p.Slot(uses[CodesPerFont+1]); s != 1<<8|FirstCode+1 {
		t.Errorf("use %d: slot %#x, want %#x", CodesPerFont+1, s, 1<<8|FirstCode+1)
	}
	if s := p.Slot(Use{Glyph: cmap['b'], Text: "other", Width: 1}); s != FirstCode+1 {
		t.Errorf("a use not planned: slot %#x, want the glyph's first (%#x)", s, FirstCode+1)
	}
	if s := p.Slot(Use{Glyph: cmap['Q']}); s != 0 {
		t.Errorf("a glyph not planned: slot %#x, want 0", s)
	}

	pdf := newPDF()
	d := DocOf(pdf)
	if DocOf(pdf) != d || pdf.GetFontLoader() != d {
		t.Fatal("DocOf does not install one Doc as the FontLoader")
	}
	df, err := d.Use(p.Sub(FirstCode))
	if err != nil {
		t.Fatal(err)
	}
	df.Mark(FirstCode)     // "a"
	df.Mark(FirstCode + 2) // "c"
	pdf.AddPage()
	pdf.SetFont(df.Sub().Family(), df.Sub().Style(), 12)
	pdf.RawWriteBuf(strings.NewReader("BT 10 10 Td ( \") Tj ET"))
	if _, err := d.Open("nothing.z"); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("Open of a font not used: %v, want fs.ErrNotExist", err)
	}
	other := newPDF()
	if err := AddUse(other, Used(pdf)); err != nil {
		t.Fatal(err)
	}
	other.AddPage()
	other.SetFont(df.Sub().Family(), df.Sub().Style(), 12) // registered by AddUse
	other.RawWriteBuf(strings.NewReader("BT 10 10 Td ( \") Tj ET"))
	var a, b bytes.Buffer
	if err := Output(pdf, &a); err != nil {
		t.Fatal(err)
	}
	if err := Output(other, &b); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Error("the document given the first one's font use differs from it")
	}
	out := a.String()
	if n := strings.Count(out, "/Type /Font\n"); n != 1 {
		t.Errorf("%d fonts in the PDF, want 1", n)
	}
	cm := inflateAfter(t, out, "/ToUnicode")
	if !strings.Contains(cm, "2 beginbfchar\n<20> <0061>\n<22> <0063>\nendbfchar") {
		t.Errorf("the /ToUnicode map does not list exactly the codes drawn:\n%s", cm)
	}
}

// inflateAfter returns the inflated stream of the object the first
// "key n 0 R" of pdf refers to.
func inflateAfter(t *testing.T, pdf, key string) string {
	t.Helper()
	m := regexp.MustCompile(key + ` (\d+) 0 R`).FindStringSubmatch(pdf)
	if m == nil {
		t.Fatalf("no %s in the PDF", key)
	}
	obj := regexp.MustCompile(`(?s)\n` + m[1] + ` 0 obj\n<<[^>]*>>\nstream\n`).FindStringIndex(pdf)
	if obj == nil {
		t.Fatalf("object %s not found", m[1])
	}
	r, err := zlib.NewReader(strings.NewReader(pdf[obj[1]:]))
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(r)
	return string(b)
}

// A document that drew most of a sub-font's glyphs embeds the whole
// program, the same compressed bytes in every such document; one that drew
// few embeds a program cut to them, with its own /Length1 (fpdf.FontProgram);
// the /ToUnicode map follows the program.
var cmapLine = regexp.MustCompile(`(?m)^<[0-9A-F]{2}> <[0-9A-F]{4,}>$`)

func TestWholeOrCut(t *testing.T) {
	f, cmap := latinFont(t)
	var uses []Use
	for r := 'a'; r <= 'z'; r++ {
		uses = append(uses, Use{Glyph: cmap[r], Text: string(r), Width: 500})
	}
	sf := f.Plan(uses, true).Sub(FirstCode)
	inflate := func(b []byte) []byte {
		r, err := zlib.NewReader(bytes.NewReader(b))
		if err != nil {
			t.Fatal(err)
		}
		out, _ := io.ReadAll(r)
		return out
	}
	program := func(codes int) []byte {
		d := DocOf(newPDF())
		df, err := d.Use(sf)
		if err != nil {
			t.Fatal(err)
		}
		for c := range codes {
			df.Mark(byte(FirstCode + c))
		}
		r, err := d.Open(sf.File())
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(r)
		if n := r.(fpdf.FontProgram).Length1(); n != len(inflate(b)) {
			t.Errorf("%d codes drawn: /Length1 %d for %d bytes", codes, n, len(inflate(b)))
		}
		// The /ToUnicode map: of every code with the whole program, else
		// of the codes drawn.
		m, err := d.ToUnicode(sf.File())
		if err != nil {
			t.Fatal(err)
		}
		want := codes
		if codes >= 24 {
			want = 26
		}
		if n := len(cmapLine.FindAll(inflate(m), -1)); n != want {
			t.Errorf("%d codes drawn: %d lines in /ToUnicode, want %d", codes, n, want)
		}
		return b
	}
	var all [256]bool
	for c := range 26 {
		all[FirstCode+c] = true
	}
	whole, err := sf.Program(&all)
	if err != nil {
		t.Fatal(err)
	}
	a, b := program(26), program(24)
	if !bytes.Equal(a, b) || !bytes.Equal(inflate(a), whole) {
		t.Error("documents drawing 26 and 24 of 26 glyphs do not both embed the whole program")
	}
	few := inflate(program(3))
	if len(few) >= len(whole) {
		t.Errorf("a document drawing 3 of 26 glyphs: %d bytes (whole: %d), want a cut", len(few), len(whole))
	}
	var three [256]bool
	for c := range 3 {
		three[FirstCode+c] = true
	}
	if cut, _ := sf.Program(&three); !bytes.Equal(few, cut) {
		t.Error("the cut embedded is not Program of the codes drawn")
	}
}
