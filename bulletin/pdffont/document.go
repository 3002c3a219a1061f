package pdffont

import (
	"bytes"
	"io"
	"io/fs"
	"maps"
	"sort"
	"strconv"

	"codeberg.org/go-pdf/fpdf"
	"github.com/klauspost/compress/zlib"
)

// Doc is what one document has of the sub-fonts: those registered with it,
// the codes it drew of each, and the words it drew with each Plan. It is
// the document's fpdf.FontLoader (DocOf installs it), so that what a
// document uses is held by the document and nothing outlives it.
type Doc struct {
	pdf  *fpdf.Fpdf
	subs map[string]*DocFont // by fpdf font file name
	// The words (the uses of a word, derived glyph ids) drawn with each
	// plan, whether or not the plan has codes for them, by wordKey: what a
	// font set restricted to a draft's text is made of.
	words map[*Plan]map[string][]Use
}

// DocFont is a sub-font registered with a document, and the codes the
// document drew of it.
type DocFont struct {
	sf   *SubFont
	used [256]bool
}

// Sub returns the sub-font.
func (df *DocFont) Sub() *SubFont { return df.sf }

// Mark records that the document drew code c.
func (df *DocFont) Mark(c byte) { df.used[c] = true }

// DocOf returns the Doc of pdf: its FontLoader, which it installs the first
// time. A document drawn with sub-fonts must not get another FontLoader.
func DocOf(pdf *fpdf.Fpdf) *Doc {
	if d, ok := pdf.GetFontLoader().(*Doc); ok {
		return d
	}
	d := &Doc{pdf: pdf, subs: map[string]*DocFont{}, words: map[*Plan]map[string][]Use{}}
	pdf.SetFontLoader(d)
	return d
}

// Use registers sf with the document unless it is registered already.
func (d *Doc) Use(sf *SubFont) (*DocFont, error) {
	if df := d.subs[sf.file]; df != nil {
		return df, nil
	}
	if err := sf.build(); err != nil {
		return nil, err
	}
	d.pdf.AddFontDef(sf.family, sf.f.style, sf.fdef) // read once (fpdf patch)
	if err := d.pdf.Error(); err != nil {
		return nil, err
	}
	df := &DocFont{sf: sf}
	d.subs[sf.file] = df
	return df, nil
}

// Want records that the uses of a word (derived glyph ids) were drawn with
// plan p, whether or not p has codes for them. It keeps uses: the caller
// must not change them after. Words drawn with a restricted plan are not
// recorded: they are what a draft is made of, and a draft is drawn with a
// full set (a certificate batch's ~1,850 documents drew 250,000 words with
// a restricted set).
func (d *Doc) Want(p *Plan, uses []Use) { d.WantWord(p, NewWord(uses)) }

// Word is the uses of a word with their key: what a drawer that draws the
// same word again and again keeps, so that Want does not make the key
// each time.
type Word struct {
	key  string
	uses []Use
}

// NewWord returns the Word of uses, which it keeps: the caller must not
// change them after.
func NewWord(uses []Use) Word { return Word{wordKey(uses), uses} }

// WantWord is Want of w's uses.
func (d *Doc) WantWord(p *Plan, w Word) {
	if p.restricted {
		return
	}
	m := d.words[p]
	if m == nil {
		m = map[string][]Use{}
		d.words[p] = m
	}
	m[w.key] = w.uses
}

// Words returns the words drawn with plan p (see Want; none if p is
// restricted), by a key of their uses. The map is the document's: read
// it, do not change it.
func (d *Doc) Words(p *Plan) map[string][]Use { return d.words[p] }

// wordKey identifies the uses of a word.
func wordKey(us []Use) string {
	b := make([]byte, 0, 16*len(us))
	for _, u := range us { // "%d/%d/%s\x00" without fmt
		b = strconv.AppendUint(b, uint64(u.Glyph), 10)
		b = append(b, '/')
		b = strconv.AppendInt(b, int64(u.Width), 10)
		b = append(b, '/')
		b = append(b, u.Text...)
		b = append(b, 0)
	}
	return string(b)
}

// wholeLevel compresses a sub-font's whole program (once: wholeProgram).
const wholeLevel = zlib.BestCompression

// compress returns b zlib-compressed at level: at fpdf.ZlibLevel by a
// writer reused (fpdf.ZlibWriter), else by a new one. The writers are
// klauspost/compress's (see fpdf.ZlibLevel).
func compress(b []byte, level int) ([]byte, error) {
	var buf bytes.Buffer
	buf.Grow(len(b)/2 + 64) // font programs shrink to about half
	var w *zlib.Writer
	if level == fpdf.ZlibLevel {
		w = fpdf.ZlibWriter(&buf)
		defer fpdf.PutZlibWriter(w)
	} else {
		var err error
		if w, err = zlib.NewWriterLevel(&buf, level); err != nil {
			return nil, err
		}
	}
	if _, err := w.Write(b); err != nil {
		return nil, err
	}
	if err := w.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// Open implements fpdf.FontLoader: fpdf calls it at Output for the program
// of each registered sub-font: the whole program, compressed once per
// process, if the document drew most of it (Program.MostlyUsed), else the
// program cut to the codes the document drew, compressed for it. It is an
// fpdf.FontProgram (a bulletin patch), whose Length1 fpdf writes: a cut
// is shorter than the definition's OriginalSize.
func (d *Doc) Open(name string) (io.Reader, error) {
	df := d.subs[name]
	if df == nil {
		return nil, fs.ErrNotExist
	}
	if df.sf.prog.MostlyUsed(&df.used) {
		b, err := df.sf.wholeProgram()
		return newProgramStream(b, df.sf.prog.full), err
	}
	buf := cutPool.Get().(*cutBuffers)
	defer cutPool.Put(buf)
	cut := df.sf.prog.cutInto(buf, &df.used)
	b, err := compress(cut, fpdf.ZlibLevel)
	return newProgramStream(b, len(cut)), err
}

// programStream is a compressed font program as Open gives it: an
// fpdf.FontProgram.
type programStream struct {
	*bytes.Reader
	b []byte
	n int // bytes once inflated
}

func newProgramStream(b []byte, n int) *programStream {
	return &programStream{bytes.NewReader(b), b, n}
}

func (p *programStream) Bytes() []byte { return p.b }
func (p *programStream) Length1() int  { return p.n }

// FontUse is what a document has drawn with sub-fonts: its sub-fonts, the
// codes drawn of each and the words drawn with each plan. AddUse gives it
// to another document that shows a copy of the first one's content.
type FontUse struct {
	fonts []DocFont // by file name
	words map[*Plan]map[string][]Use
}

// Used returns what pdf has drawn so far with sub-fonts.
func Used(pdf *fpdf.Fpdf) FontUse {
	d := DocOf(pdf)
	u := FontUse{fonts: make([]DocFont, 0, len(d.subs)), words: make(map[*Plan]map[string][]Use, len(d.words))}
	for p, words := range d.words {
		u.words[p] = maps.Clone(words)
	}
	for _, df := range d.subs {
		u.fonts = append(u.fonts, *df)
	}
	sort.Slice(u.fonts, func(i, j int) bool { return u.fonts[i].sf.file < u.fonts[j].sf.file })
	return u
}

// AddUse registers with pdf the sub-fonts of u and adds the codes drawn
// with them to pdf's, for content of the document u came from that is
// copied into pdf as it is (fpdf's RawWriteBuf, or the bytes of an fpdf
// template): the copy names the fonts as the original does.
func AddUse(pdf *fpdf.Fpdf, u FontUse) error {
	d := DocOf(pdf)
	for i := range u.fonts {
		df, err := d.Use(u.fonts[i].sf)
		if err != nil {
			return err
		}
		for c, used := range u.fonts[i].used {
			df.used[c] = df.used[c] || used
		}
	}
	for p, words := range u.words {
		if d.words[p] == nil {
			d.words[p] = map[string][]Use{}
		}
		maps.Copy(d.words[p], words)
	}
	return nil
}

// Output writes pdf to w: pdf.Output, in which every sub-font the document
// drew gets its /ToUnicode map from the document's Doc (Doc.ToUnicode,
// through fpdf's ToUnicodeLoader, a bulletin patch: unpatched fpdf cannot
// write one for a simple font).
func Output(pdf *fpdf.Fpdf, w io.Writer) error { return pdf.Output(w) }

// ToUnicode implements fpdf.ToUnicodeLoader (a bulletin patch): fpdf asks
// it at Output for the /ToUnicode CMap of each sub-font registered, which
// maps the codes the document drew (lines made once per sub-font), nil if
// none stands for text. A document that embeds the whole program (see
// Open) gets the map of all its codes, made and compressed once per
// sub-font: in the state that is three CMaps of a certificate's four, 0.18
// s less CPU for 1.5 KB more a certificate.
func (d *Doc) ToUnicode(name string) ([]byte, error) {
	df := d.subs[name]
	if df == nil {
		return nil, nil
	}
	if df.sf.prog.MostlyUsed(&df.used) { // the whole program: the whole map, made once
		_, err := df.sf.wholeProgram()
		return df.sf.wholeMap, err
	}
	var entries [256]string
	for c, used := range df.used {
		if used {
			entries[c] = df.sf.cmap[c]
		}
	}
	return compressCMap(entries[:])
}
