// Package pdfjoin writes a PDF of pages that are already made, as they
// come: each page's compressed content stream is written at once and
// forgotten, so that a document of thousands of pages (the month's print
// file, its bundles) never has to be held in memory.
//
// What the pages share (fonts, images: the resource dictionary) is known
// only once the last page is in. Close takes it from a resource document:
// a PDF as fpdf writes it (one subsection of cross-references, no object
// streams), with one blank page and every font and image the pages draw
// with, and copies its objects, renumbered after the pages, into the file.
// The file's header and its pages' dictionaries are those of a prototype
// given to New: a resource document as Close will get it, but for the
// fonts (fpdf writes PDF 1.4, and a transparency group in each page, for
// an image with an alpha channel). Close checks that they are the same.
package pdfjoin

import (
	"bytes"
	"fmt"
	"io"
	"regexp"
	"slices"
	"strconv"
)

// firstPage is the object number of the first page: 1 is the page tree, 2
// the resource dictionary, as fpdf numbers them.
const firstPage = 3

// Writer writes a PDF to w page by page.
type Writer struct {
	header   []byte // %PDF-1.x and a binary comment
	pageDict []byte // a page's dictionary up to its /Contents
	w        io.Writer
	off      int64   // bytes written
	offsets  []int64 // of objects firstPage, firstPage+1, ... (a page, its content)
	err      error
}

// New starts a PDF on w whose header and page dictionaries are those of
// the prototype proto (see the package doc).
func New(w io.Writer, proto []byte) (*Writer, error) {
	doc, err := parse(proto)
	if err != nil {
		return nil, err
	}
	header, pageDict, err := doc.page()
	if err != nil {
		return nil, err
	}
	j := &Writer{w: w, header: header, pageDict: pageDict}
	j.write(header)
	return j, j.err
}

func (j *Writer) write(b []byte) {
	if j.err != nil {
		return
	}
	n, err := j.w.Write(b)
	j.off += int64(n)
	j.err = err
}

// Pages is the number of pages written.
func (j *Writer) Pages() int { return len(j.offsets) / 2 }

// AddPage writes a page whose content stream, compressed with zlib
// (/FlateDecode), is stream.
func (j *Writer) AddPage(stream []byte) error {
	_, err := j.AddPageBuf(nil, stream)
	return err
}

// AddPageBuf is AddPage with buf's storage for the page's bytes, which
// are written in one go: it returns that storage, grown if need be, for
// the next page of any Writer. A Writer keeps no buffer (a batch has
// hundreds of bundles open); its caller keeps one for them all.
func (j *Writer) AddPageBuf(buf, stream []byte) ([]byte, error) {
	n := firstPage + len(j.offsets)
	b := slices.Grow(buf[:0], 160+len(j.pageDict)+len(stream))
	j.offsets = append(j.offsets, j.off)
	b = fmt.Appendf(b, "%d 0 obj\n%s/Contents %d 0 R>>\nendobj\n", n, j.pageDict, n+1)
	j.offsets = append(j.offsets, j.off+int64(len(b)))
	b = fmt.Appendf(b, "%d 0 obj\n<</Filter /FlateDecode /Length %d>>\nstream\n", n+1, len(stream))
	b = append(append(b, stream...), "\nendstream\nendobj\n"...)
	j.write(b)
	return b, j.err
}

// Size is the number of bytes written.
func (j *Writer) Size() int64 { return j.off }

// Close writes the page tree, the objects of the resource document res
// but its page (fonts, images, their resource dictionary, the document
// information and catalog), the cross-reference table and the trailer.
func (j *Writer) Close(res []byte) error {
	if j.err != nil {
		return j.err
	}
	if len(j.offsets) == 0 {
		return fmt.Errorf("pdfjoin: a document without pages")
	}
	doc, err := parse(res)
	if err != nil {
		return err
	}
	header, pageDict, err := doc.page()
	if err != nil {
		return err
	}
	if !bytes.Equal(header, j.header) || !bytes.Equal(pageDict, j.pageDict) {
		return fmt.Errorf("pdfjoin: the resource document's header or page (%q, %q) is not the prototype's (%q, %q)", header, pageDict, j.header, j.pageDict)
	}
	// Objects 1 and 2 keep their numbers, the blank page (3) and its
	// content (4) are left out, the others follow the pages.
	next := firstPage + len(j.offsets)
	renum := map[int]int{1: 1, 2: 2}
	for k := 5; k < len(doc.objs); k++ {
		renum[k] = next + k - 5
	}
	size := next + len(doc.objs) - 5
	all := make([]int64, size) // by object number
	copy(all[firstPage:], j.offsets)
	all[1] = j.off
	j.write(j.pageTree(doc.obj(1)))
	for k := 2; k < len(doc.objs); k++ {
		if k == 3 || k == 4 {
			continue
		}
		all[renum[k]] = j.off
		o, err := doc.renumber(k, renum, k == doc.info)
		if err != nil {
			return err
		}
		j.write(o)
	}
	xref := j.off
	var b bytes.Buffer
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", size)
	for _, o := range all[1:] {
		fmt.Fprintf(&b, "%010d 00000 n \n", o)
	}
	fmt.Fprintf(&b, "trailer\n<<\n/Size %d\n/Root %d 0 R\n/Info %d 0 R\n>>\nstartxref\n%d\n%%%%EOF\n", size, renum[doc.root], renum[doc.info], xref)
	j.write(b.Bytes())
	return j.err
}

var kids = regexp.MustCompile(`/Kids \[[^\]]*\]\n/Count \d+\n`)

// pageTree is the resource document's page tree (object 1) with the
// pages written.
func (j *Writer) pageTree(tree []byte) []byte {
	var k bytes.Buffer
	k.WriteString("/Kids [")
	for i := 0; i < len(j.offsets); i += 2 {
		fmt.Fprintf(&k, "%d 0 R ", firstPage+i)
	}
	fmt.Fprintf(&k, "]\n/Count %d\n", j.Pages())
	return kids.ReplaceAllLiteral(tree, k.Bytes())
}

// document is a PDF as fpdf writes it: its objects by number, and the
// numbers of its catalog and information dictionary.
type document struct {
	b          []byte
	objs       [][]byte // by number; objs[0] is nil
	root, info int
}

var (
	tail    = regexp.MustCompile(`startxref\n(\d+)\n%%EOF\n$`)
	trailer = regexp.MustCompile(`(?s)^xref\n0 (\d+)\n(.*)trailer\n<<\n/Size \d+\n/Root (\d+) 0 R\n/Info (\d+) 0 R\n>>\n$`)
)

func parse(b []byte) (*document, error) {
	m := tail.FindSubmatch(b)
	if m == nil {
		return nil, fmt.Errorf("pdfjoin: the resource document does not end as fpdf ends a PDF")
	}
	xref, _ := strconv.Atoi(string(m[1]))
	if xref >= len(b) {
		return nil, fmt.Errorf("pdfjoin: the resource document's startxref is past its end")
	}
	t := trailer.FindSubmatch(b[xref : len(b)-len(m[0])])
	if t == nil {
		return nil, fmt.Errorf("pdfjoin: the resource document's cross-references are not as fpdf writes them")
	}
	n, _ := strconv.Atoi(string(t[1]))
	const entry = 20 // "0000000123 00000 n \n"
	if n < 5 || len(t[2]) != n*entry {
		return nil, fmt.Errorf("pdfjoin: %d bytes of cross-references for %d objects", len(t[2]), n)
	}
	d := &document{b: b, objs: make([][]byte, n)}
	d.root, _ = strconv.Atoi(string(t[3]))
	d.info, _ = strconv.Atoi(string(t[4]))
	offs := make([]int, n)
	for k := 1; k < n; k++ {
		e := t[2][k*entry : (k+1)*entry]
		o, err := strconv.Atoi(string(e[:10]))
		if err != nil || string(e[10:]) != " 00000 n \n" || o <= 0 || o >= xref {
			return nil, fmt.Errorf("pdfjoin: bad cross-reference entry %q", e)
		}
		offs[k] = o
	}
	for k := 1; k < n; k++ {
		end := xref // an object ends where the next one in the file begins
		for _, o := range offs[1:] {
			if o > offs[k] && o < end {
				end = o
			}
		}
		o := b[offs[k]:end]
		if !bytes.HasPrefix(o, fmt.Appendf(nil, "%d 0 obj\n", k)) || !bytes.HasSuffix(o, []byte("endobj\n")) {
			return nil, fmt.Errorf("pdfjoin: object %d of the resource document is not where its cross-reference says", k)
		}
		d.objs[k] = o
	}
	if d.root < 5 || d.root >= n || d.info < 5 || d.info >= n {
		return nil, fmt.Errorf("pdfjoin: the resource document's catalog or information is among its first objects")
	}
	return d, nil
}

func (d *document) obj(k int) []byte { return d.objs[k] }

var headerRe = regexp.MustCompile(`^%PDF-1\.\d\n%[^\n]*\n`)

// page returns the document's header and the dictionary of its page up to
// its /Contents, after making sure that it has one page (object 3, its
// content 4) which refers to no other object but the page tree (1) and
// the resource dictionary (2).
func (d *document) page() (header, dict []byte, err error) {
	header = headerRe.Find(d.b)
	if header == nil {
		return nil, nil, fmt.Errorf("pdfjoin: the document does not begin with a PDF 1.x header")
	}
	if !kids.Match(d.objs[1]) || !bytes.Contains(d.objs[1], []byte("/Kids [3 0 R ]\n/Count 1\n")) {
		return nil, nil, fmt.Errorf("pdfjoin: the document's page tree is not one page, object 3")
	}
	const head, tail = "3 0 obj\n", "/Contents 4 0 R>>\nendobj\n"
	o := d.objs[3]
	if !bytes.HasPrefix(o, []byte(head)) || !bytes.HasSuffix(o, []byte(tail)) {
		return nil, nil, fmt.Errorf("pdfjoin: the document's page is not as fpdf writes it: %q", o)
	}
	dict = o[len(head) : len(o)-len(tail)]
	for _, m := range ref.FindAllSubmatch(dict, -1) {
		if n := string(m[1]); n != "1" && n != "2" {
			return nil, nil, fmt.Errorf("pdfjoin: the document's page refers to object %s: %q", n, dict)
		}
	}
	if !bytes.HasPrefix(dict, []byte("<</Type /Page\n/Parent 1 0 R\n")) || !bytes.Contains(dict, []byte("/Resources 2 0 R\n")) {
		return nil, nil, fmt.Errorf("pdfjoin: the document's page does not share the page tree's size and resources: %q", dict)
	}
	return header, dict, nil
}

var ref = regexp.MustCompile(`\b(\d+) 0 R\b`)

// renumber returns object k with its number and the references in its
// dictionary (not its stream) renumbered; verbatim keeps the dictionary
// as it is (the document information, whose strings are not references).
func (d *document) renumber(k int, renum map[int]int, verbatim bool) ([]byte, error) {
	o := d.objs[k]
	head := len(fmt.Sprintf("%d 0 obj\n", k))
	body := o[head:]
	dict, stream := body, []byte(nil)
	if i := bytes.Index(body, []byte("\nstream\n")); i >= 0 {
		dict, stream = body[:i], body[i:]
	}
	out := fmt.Appendf(nil, "%d 0 obj\n", renum[k])
	if verbatim {
		if ref.Match(dict) {
			return nil, fmt.Errorf("pdfjoin: the resource document's information dictionary holds a reference")
		}
		return append(append(out, dict...), stream...), nil
	}
	var bad error
	dict = ref.ReplaceAllFunc(dict, func(r []byte) []byte {
		n, _ := strconv.Atoi(string(ref.FindSubmatch(r)[1]))
		to, ok := renum[n]
		if !ok {
			bad = fmt.Errorf("pdfjoin: object %d of the resource document refers to object %d (its page)", k, n)
		}
		return fmt.Appendf(nil, "%d 0 R", to)
	})
	if bad != nil {
		return nil, bad
	}
	return append(append(out, dict...), stream...), nil
}
