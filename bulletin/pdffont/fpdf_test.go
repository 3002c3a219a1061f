package pdffont

import (
	"bytes"
	"compress/zlib"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"codeberg.org/go-pdf/fpdf"
	kzlib "github.com/klauspost/compress/zlib"
)

// The fpdf behaviours this package and bulletin/typeset rely on, each pinned by one test so
// that an fpdf upgrade that changes one fails here first, with a message
// naming the assumption. (Package documentation: fpdf documents none of
// them, or only in passing.)

func newPDF() *fpdf.Fpdf {
	pdf := fpdf.New("P", "mm", "A4", "")
	pdf.SetCompression(true)
	pdf.SetCatalogSort(true)
	date := time.Date(2024, 11, 25, 10, 0, 0, 0, time.UTC)
	pdf.SetCreationDate(date)
	pdf.SetModificationDate(date)
	return pdf
}

// fpdfAssumption fails t with the assumption that no longer holds.
func fpdfAssumption(t *testing.T, ok bool, assumption string, args ...any) {
	t.Helper()
	if !ok {
		t.Errorf("fpdf no longer behaves as bulletin/typeset assumes: "+assumption, args...)
	}
}

type fixedLoader map[string][]byte

func (l fixedLoader) Open(name string) (io.Reader, error) { return bytes.NewReader(l[name]), nil }

// pinnedFont registers a made-up simple TrueType font the way bulletin/typeset
// does and returns the document and its output.
func pinnedFont(t *testing.T) (*fpdf.Fpdf, []byte, string) {
	t.Helper()
	return pinnedFontWith(t, func(pdf *fpdf.Fpdf, def string) {
		pdf.AddFontFromReader("tspinned", "", strings.NewReader(def))
	})
}

// pinnedFontWith is pinnedFont with the definition registered by add.
func pinnedFontWith(t *testing.T, add func(pdf *fpdf.Fpdf, def string)) (*fpdf.Fpdf, []byte, string) {
	t.Helper()
	var z bytes.Buffer
	w := zlib.NewWriter(&z)
	w.Write([]byte("font program"))
	w.Close()
	pdf := newPDF()
	pdf.SetFontLoader(fixedLoader{"pinned.z": z.Bytes()})
	def := `{"Tp":"TrueType","Name":"ABCDEF+Pinned","Desc":{"Ascent":900,"Descent":-300,"CapHeight":700,"Flags":4,` +
		`"FontBBox":{"Xmin":0,"Ymin":-300,"Xmax":1000,"Ymax":900},"ItalicAngle":0,"StemV":80,"MissingWidth":0},` +
		`"Up":-100,"Ut":50,"Cw":[` + strings.TrimSuffix(strings.Repeat("500,", 256), ",") + `],"Enc":"","Diff":"32 /uni0915 /uni093F",` +
		`"File":"pinned.z","OriginalSize":4321}`
	add(pdf, def)
	pdf.AddPage()
	pdf.SetFont("tspinned", "", 12)
	pdf.RawWriteBuf(strings.NewReader("BT 10 10 Td ( !) Tj ET"))
	var b bytes.Buffer
	if err := pdf.Output(&b); err != nil {
		t.Fatal(err)
	}
	return pdf, b.Bytes(), def
}

// A font definition in fpdf's JSON form (FontDef) registers a simple
// TrueType font whose /BaseFont, /Widths, /Differences, /Flags and
// /Length1 are the definition's, and whose program fpdf reads at Output
// from the document's FontLoader under the definition's File name; a name
// ending in ".z" means the program is already compressed (/FlateDecode).
func TestFpdfFontDefinition(t *testing.T) {
	pdf, b, _ := pinnedFont(t)
	s := string(b)
	fpdfAssumption(t, pdf.GetFontLoader() != nil, "GetFontLoader returns the loader SetFontLoader set")
	fpdfAssumption(t, strings.Contains(s, "<</Type /Font\n/BaseFont /ABCDEF+Pinned\n/Subtype /TrueType\n"),
		"a definition's Name is written as the font dictionary's /BaseFont, on its own line after <</Type /Font")
	fpdfAssumption(t, strings.Contains(s, "/FirstChar 32 /LastChar 255"), "simple fonts cover codes 32 to 255 (codesPerFont)")
	fpdfAssumption(t, strings.Contains(s, "[500 500 "), "Cw gives the /Widths, from code 32")
	fpdfAssumption(t, strings.Contains(s, "/Differences [32 /uni0915 /uni093F]"), "Diff is written as the encoding's /Differences")
	fpdfAssumption(t, strings.Contains(s, "/Flags 4 "), "Desc.Flags is the descriptor's /Flags")
	fpdfAssumption(t, regexp.MustCompile(`/Filter /FlateDecode\n/Length1 4321\n`).MatchString(s),
		"a File ending in .z is written with /Filter /FlateDecode, and OriginalSize as /Length1")
	fpdfAssumption(t, strings.Contains(s, "font program") || bytes.Contains(b, zlibOf("font program")),
		"the program is the FontLoader's bytes, written as they are")
}

// The bulletin patch ReadFontDef + AddFontDef: a definition read once and
// registered with any number of documents (Doc.Use, without parsing its
// JSON per document) gives each the bytes AddFontFromReader gives.
func TestFpdfAddFontDef(t *testing.T) {
	_, want, def := pinnedFont(t)
	fd, err := fpdf.ReadFontDef(strings.NewReader(def))
	if err != nil {
		t.Fatal(err)
	}
	for range 2 {
		_, got, _ := pinnedFontWith(t, func(pdf *fpdf.Fpdf, _ string) { pdf.AddFontDef("tspinned", "", fd) })
		fpdfAssumption(t, bytes.Equal(got, want), "a FontDef registered with AddFontDef gives the document AddFontFromReader gives, in every document")
	}
	_, err = fpdf.ReadFontDef(strings.NewReader("{"))
	fpdfAssumption(t, err != nil, "ReadFontDef reports a definition it cannot read")
}

// The bulletin patch in putfonts: a symbolic TrueType font (/Flags 4)
// whose definition has no Enc and no Diff gets no /Encoding (code c is
// glyph c through its program's cmaps); any other simple font still gets
// /WinAnsiEncoding.
func TestFpdfSymbolicNoEncoding(t *testing.T) {
	for _, flags := range []string{`"Flags":4,`, `"Flags":32,`} {
		_, b, _ := pinnedFontWith(t, func(pdf *fpdf.Fpdf, def string) {
			def = strings.Replace(strings.Replace(def, `"Diff":"32 /uni0915 /uni093F"`, `"Diff":""`, 1), `"Flags":4,`, flags, 1)
			pdf.AddFontFromReader("tspinned", "", strings.NewReader(def))
		})
		enc := bytes.Contains(b, []byte("/Encoding"))
		fpdfAssumption(t, enc == (flags != `"Flags":4,`), "a symbolic TrueType font without Enc or Diff has no /Encoding, any other /WinAnsiEncoding (%s /Encoding: %v)", flags, enc)
	}
}

type programLoader struct{ p *programStream }

func (l programLoader) Open(name string) (io.Reader, error) { return l.p, nil }

// The bulletin patch FontProgram: a program the FontLoader gives as an
// fpdf.FontProgram is written as its Bytes, with its Length1 as /Length1
// instead of the definition's OriginalSize (a cut is not padded to it).
func TestFpdfFontProgram(t *testing.T) {
	prog := zlibOf("a cut font program")
	_, b, _ := pinnedFontWith(t, func(pdf *fpdf.Fpdf, def string) {
		pdf.SetFontLoader(programLoader{newProgramStream(prog, 18)})
		pdf.AddFontFromReader("tspinned", "", strings.NewReader(def))
	})
	fpdfAssumption(t, regexp.MustCompile(`/Filter /FlateDecode\n/Length1 18\n`).Match(b),
		"a FontProgram's Length1 is written as /Length1")
	fpdfAssumption(t, bytes.Contains(b, append(append([]byte("stream\n"), prog...), "\nendstream"...)),
		"a FontProgram's Bytes are the stream, as they are")
}

func zlibOf(s string) []byte {
	var z bytes.Buffer
	w := zlib.NewWriter(&z)
	w.Write([]byte(s))
	w.Close()
	return z.Bytes()
}

// fpdf names a font in content streams "/F" and the SHA-1 of its
// definition, the same in every document (FontID reads it; pages
// recorded in one document and replayed in another, and the Tf the drawer
// writes inside a text object, rely on it), and SetFont writes
// "BT /F<name> <size> Tf ET".
func TestFpdfFontNames(t *testing.T) {
	_, b, def := pinnedFont(t)
	id, err := FontID("tspinned", "", []byte(def))
	fpdfAssumption(t, err == nil, "SetFont writes BT /F<name> <size> Tf ET: %v", err)
	_, b2, _ := pinnedFont(t)
	fpdfAssumption(t, bytes.Contains(b, []byte("/F"+id+" ")) && bytes.Contains(b2, []byte("/F"+id+" ")),
		"a font has the same resource name /F%s in every document", id)
	id2, _ := FontID("tspinned", "", []byte(strings.Replace(def, "ABCDEF", "GHIJKL", 1)))
	fpdfAssumption(t, id2 != id, "fonts with other definitions have other resource names")
}

// RawWriteBuf writes the bytes given into the page's content stream as they
// are (with a newline after them), and a template's Bytes are its page
// content, which RawWriteStr replays into another document
// (certificate.Page).
func TestFpdfRawContent(t *testing.T) {
	pdf := newPDF()
	pdf.SetCompression(false)
	pdf.AddPage()
	pdf.RawWriteBuf(strings.NewReader("q 1 0 0 1 0 0 cm Q"))
	var b bytes.Buffer
	if err := pdf.Output(&b); err != nil {
		t.Fatal(err)
	}
	fpdfAssumption(t, bytes.Contains(b.Bytes(), []byte("q 1 0 0 1 0 0 cm Q\n")), "RawWriteBuf writes its bytes into the page content as they are, then a newline")
	tpl := fpdf.CreateTpl(fpdf.PointType{}, fpdf.SizeType{Wd: 10, Ht: 10}, "P", "pt", "", func(t *fpdf.Tpl) {
		t.RawWriteStr("0 0 m 5 5 l S")
	})
	fpdfAssumption(t, bytes.Contains(tpl.Bytes(), []byte("0 0 m 5 5 l S")), "a template's Bytes hold what was written into it")
}

// Output ends with one cross-reference table from object 0, 20-byte
// entries, a trailer with /Size and startxref (bulletin/pdfjoin reads the
// resource document so); with SetCatalogSort(true) the same document
// gives the same bytes.
func TestFpdfFileStructure(t *testing.T) {
	_, b, _ := pinnedFont(t)
	fpdfAssumption(t, pdfTail.Match(b), "the file ends: xref, 0 N, N 20-byte entries, trailer <<...>>, startxref, %%%%EOF")
	_, b2, _ := pinnedFont(t)
	fpdfAssumption(t, bytes.Equal(b, b2), "the same document, with SetCatalogSort(true) and fixed dates, gives the same bytes")
	m := pdfTail.FindSubmatch(b)
	var n int
	fmt.Sscan(string(m[1]), &n)
	_, err := readXref(m[2], n)
	fpdfAssumption(t, err == nil, "cross-reference entries read as \"%%010d 00000 n \": %v", err)
}

// pdfTail is the end of the file fpdf writes: its cross-reference table
// (one subsection from object 0), trailer and startxref.
var pdfTail = regexp.MustCompile(`(?s)xref\n0 (\d+)\n(.*)trailer\n(<<.*>>)\nstartxref\n(\d+)\n%%EOF\n$`)

// readXref reads the offsets of objects 1 to n-1 from fpdf's
// cross-reference entries (object 0's first).
func readXref(t []byte, n int) ([]int, error) {
	const entry = 20 // "0000000123 00000 n \n"
	if n < 1 || len(t) != n*entry {
		return nil, fmt.Errorf("a cross-reference table of %d bytes for %d objects", len(t), n)
	}
	out := make([]int, n-1)
	for i := range out {
		e := t[(i+1)*entry:]
		o, err := strconv.Atoi(string(e[:10]))
		if err != nil || string(e[10:19]) != " 00000 n " {
			return nil, fmt.Errorf("bad cross-reference entry %q", e[:entry])
		}
		out[i] = o
	}
	return out, nil
}

type toUnicodeLoader struct {
	fixedLoader
	cmaps map[string][]byte
}

func (l toUnicodeLoader) ToUnicode(name string) ([]byte, error) { return l.cmaps[name], nil }

// The bulletin patch ToUnicodeLoader: a font loader that also gives a font
// file's /ToUnicode CMap has it written as a /FlateDecode stream after the
// font's descriptor, referred to by the font dictionary (Doc.ToUnicode);
// nil writes none; every cross-reference entry points at its object.
func TestFpdfToUnicode(t *testing.T) {
	cm, err := ToUnicodeCMap([]string{32: "कि", 33: " "})
	if err != nil {
		t.Fatal(err)
	}
	for _, give := range [][]byte{cm, nil} {
		_, b, _ := pinnedFontWith(t, func(pdf *fpdf.Fpdf, def string) {
			pdf.SetFontLoader(toUnicodeLoader{pdf.GetFontLoader().(fixedLoader), map[string][]byte{"pinned.z": give}})
			pdf.AddFontFromReader("tspinned", "", strings.NewReader(def))
		})
		s := string(b)
		m := regexp.MustCompile(`<</Type /Font\n/BaseFont /ABCDEF\+Pinned\n[^>]*/ToUnicode (\d+) 0 R\n>>`).FindStringSubmatch(s)
		if give == nil {
			fpdfAssumption(t, !strings.Contains(s, "/ToUnicode"), "a nil CMap writes no /ToUnicode")
			continue
		}
		fpdfAssumption(t, m != nil, "the font dictionary ends with /ToUnicode n 0 R")
		if m == nil {
			continue
		}
		want := m[1] + " 0 obj\n<</Length " + strconv.Itoa(len(cm)) + " /Filter /FlateDecode>>\nstream\n" + string(cm) + "\nendstream\nendobj\n"
		at := strings.Index(s, want)
		fpdfAssumption(t, at >= 0, "the CMap is object %s, a /FlateDecode stream of the loader's bytes", m[1])
		tail := pdfTail.FindStringSubmatch(s)
		n, _ := strconv.Atoi(tail[1])
		offsets, err := readXref([]byte(tail[2]), n)
		fpdfAssumption(t, err == nil, "cross-references: %v", err)
		for i, o := range offsets {
			obj := strconv.Itoa(i+1) + " 0 obj\n"
			fpdfAssumption(t, strings.HasPrefix(s[o:], obj), "cross-reference entry %d points at its object", i+1)
		}
	}
}

// TestFpdfZlibWriter: a writer of fpdf.ZlibWriter, reused, gives the bytes
// of a new writer at fpdf.ZlibLevel (documents take writers from the list
// in any order: the same input must give the same bytes), and
// compress/zlib inflates them (every PDF reader has a zlib of its own).
func TestFpdfZlibWriter(t *testing.T) {
	inputs := [][]byte{symbolCmap, bytes.Repeat([]byte("<20> <0020>\n"), 500), make([]byte, 70000), symbolCmap}
	for i, in := range inputs {
		got, err := compress(in, fpdf.ZlibLevel)
		if err != nil {
			t.Fatal(err)
		}
		var want bytes.Buffer
		w, _ := kzlib.NewWriterLevel(&want, fpdf.ZlibLevel)
		w.Write(in)
		w.Close()
		fpdfAssumption(t, bytes.Equal(got, want.Bytes()), "a reused ZlibWriter gives a new writer's bytes (input %d)", i)
		r, err := zlib.NewReader(bytes.NewReader(got))
		if err != nil {
			t.Fatal(err)
		}
		back, err := io.ReadAll(r)
		if err != nil || !bytes.Equal(back, in) {
			t.Errorf("input %d: compress/zlib read back %d of %d bytes: %v", i, len(back), len(in), err)
		}
	}
}
