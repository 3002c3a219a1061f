package typeset

import (
	"encoding/binary"
	"errors"
	"fmt"
	"hash/maphash"
	"math"
	"runtime"
	"slices"
	"sort"
	"sync"
	"sync/atomic"
	"unicode/utf8"

	"codeberg.org/go-pdf/fpdf"
	"github.com/igrs-pro/bulletin/bulletin/pdffont"
)

// ErrNotRestricted is wrapped by the error of drawing, with a FontSet made
// by Restrict, a glyph that the texts given to Restrict did not need.
var ErrNotRestricted = errors.New("glyph not in the restricted font set")

// Restrict returns a FontSet for drawing exactly the given texts (each as
// it will be drawn: one Run's text, in any family and weight of s) and no
// other: a batch whose every line is known before drawing (a month's
// certificates) draws with it at a fraction of the PDF size and cost.
//
// Restrict shapes every text in every family and weight of s and counts,
// for every use (a glyph with the text it stands for and its width where
// drawn; see pdffont.Use), the texts that need it. The restricted set's
// sub-fonts (see pdffont.Plan) hold only those uses, the most used first, so
// that a document of the batch needs few sub-fonts per weight (the example
// month's certificates two), each cut to what the document draws. Shaping,
// layout, positions and outlines are those of s; unlike s, the restricted
// set gives every extractor the text (see Copy-out in the package doc).
//
// The result is immutable and safe for concurrent use like s; Check,
// Metrics, Measure and layout behave as with s. Drawing text that needs a
// glyph outside the set is an error wrapping ErrNotRestricted (never a
// wrong or missing glyph). The same texts (in any order, with any
// repetition) give the same sub-fonts, so the same PDF bytes. Its
// sub-fonts have names of their own, so a document may use s and a
// restricted set side by side.
func (s *FontSet) Restrict(texts []string) (*FontSet, error) { return s.RestrictTo(texts, nil) }

// RestrictTo is Restrict for texts that are drawn only in the families and
// weights of styles (their sizes and colours do not matter; nil means
// every family and weight of s, as Restrict). Each text is shaped in those
// alone: a batch set in one family (the certificates) costs half. The
// sub-fonts of those families and weights are Restrict's, byte for byte;
// drawing in any other is an error wrapping ErrNotRestricted.
func (s *FontSet) RestrictTo(texts []string, styles []Style) (*FontSet, error) {
	r, err := s.Restrictor(styles)
	if err != nil {
		return nil, err
	}
	if err := r.Add(texts); err != nil {
		return nil, err
	}
	return r.Restricted()
}

// A Restrictor makes the set RestrictTo makes from texts that come in
// parts: a batch's texts that are known early (a month's certificates
// but their numbers and codes) are counted while what comes later (the
// register's numbers) is worked out. Whatever the parts, their order and
// repetitions, Restricted gives RestrictTo's set for all the texts added.
// Add and Restricted may be called from any goroutine; they run one at a
// time.
type Restrictor struct {
	s     *FontSet
	in    drawnStyles
	mu    sync.Mutex
	seen  map[textHash]struct{} // the texts counted (a hash each: not the texts)
	tab   *wordTable            // the uses seen, and the words of the part being added
	share *shapeShare           // each word shaped once, by one of the workers
	// By use of tab: the texts that draw each word that has it, summed
	// over the words (see wordTable.useCounts); lone, the part of it of
	// the word that is a face's space alone.
	sum, lone []int64
	// By shaped word (a hash of its text), the texts that hold it,
	// counted up to 2 (see sharedWords).
	held map[faceHash]int8
	err  error // of an Add; then of every later call
	done bool
	// stopped ends AddEach at its next part (see Stop).
	stopped atomic.Bool
	ahead   sync.WaitGroup // the AddEachAhead running
}

// textHash stands for a text the Restrictor counted: 128 bits of two
// independent hashes, so that the counted texts of a batch are not kept
// (two texts of a batch share one with a chance below 1e-25; the second
// would go uncounted, and drawing it then fails with ErrNotRestricted,
// never draws a wrong glyph).
type textHash struct{ a, b uint64 }

// faceHash is a word of a face, by textHash.
type faceHash struct {
	face faceID
	h    textHash
}

// hashSeeds are textHash's (per process: a hash is never stored).
var hashSeeds = [2]maphash.Seed{maphash.MakeSeed(), maphash.MakeSeed()}

func hashText(text string) textHash {
	return textHash{maphash.String(hashSeeds[0], text), maphash.String(hashSeeds[1], text)}
}

// Restrictor returns an empty Restrictor of s for texts drawn in the
// families and weights of styles (see RestrictTo).
func (s *FontSet) Restrictor(styles []Style) (*Restrictor, error) {
	r := &Restrictor{s: s, seen: map[textHash]struct{}{}, share: new(shapeShare), held: map[faceHash]int8{},
		tab: &wordTable{useID: map[faceUse]uint32{}, wordID: map[string]int32{}}}
	for f := Sans; f <= Serif; f++ {
		for w := Regular; w <= Bold; w++ {
			r.in[f][w] = styles == nil
		}
	}
	for _, st := range styles {
		if st.Family > Serif || st.Weight > Bold {
			return nil, fmt.Errorf("typeset: bad style %+v", st)
		}
		r.in[st.Family][st.Weight] = true
	}
	return r, nil
}

// Add counts the texts that were not added before, shaping them on every
// CPU. What a Restrictor keeps between Adds grows with the distinct words
// of the texts, not with the texts: a batch added in parts of a few
// hundred documents (see AddEach) counts with far less memory than at
// once (issue 14: memory flat as the batch grows).
func (r *Restrictor) Add(texts []string) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.err == nil && r.done {
		r.err = errors.New("typeset: Restrictor.Add after Restricted")
	}
	if r.err != nil {
		return r.err
	}
	var distinct []string
	for _, text := range texts {
		if h := hashText(text); !has(r.seen, h) {
			r.seen[h] = struct{}{}
			distinct = append(distinct, text)
		}
	}
	counts, inTexts, err := r.s.countAll(distinct, r.in, r.share, r.tab)
	if err != nil {
		r.err = err
		return err
	}
	r.hold(inTexts)
	n := make([]int64, len(r.tab.words))
	for _, c := range counts {
		for w, k := range c {
			n[w] += int64(k)
		}
	}
	r.fold(n)
	return nil
}

// fold adds the counts n of the words of the part just added (by word of
// r.tab) to the sums of their uses, and lets go of the part's words: a
// word's count is the texts that draw it, and the texts of one part are
// in no other, so what the batch keeps grows with its distinct uses, not
// with its words (each document's names).
func (r *Restrictor) fold(n []int64) {
	t := r.tab
	for len(r.sum) < len(t.uses) {
		r.sum, r.lone = append(r.sum, 0), append(r.lone, 0)
	}
	for w, ids := range t.words {
		for _, k := range ids {
			r.sum[k] += n[w]
		}
	}
	for id, fd := range r.s.faces {
		if fd == nil {
			continue
		}
		if k, ok := t.useID[faceUse{faceID(id), r.spaceUse(fd)}]; ok {
			if w, ok := t.wordID[string(binary.LittleEndian.AppendUint32(nil, k))]; ok {
				r.lone[k] += n[w]
			}
		}
	}
	t.wordID, t.words = map[string]int32{}, nil
}

// spaceUse is the use of fd's space.
func (r *Restrictor) spaceUse(fd *faceData) use {
	return use{fd.space, " ", int16(fd.pdfWidth[fd.space])}
}

// Restricted returns the set restricted to the texts added; the
// Restrictor takes no more texts.
func (r *Restrictor) Restricted() (*FontSet, error) {
	r.ahead.Wait()
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.err != nil {
		return nil, r.err
	}
	if r.done {
		return nil, errors.New("typeset: Restrictor.Restricted called twice")
	}
	r.done = true
	s, tab := r.s, r.tab
	for id, fd := range s.faces {
		if fd != nil { // spaces are drawn whatever the texts
			tab.word(faceID(id), []use{r.spaceUse(fd)})
		}
	}
	r.fold(make([]int64, len(tab.words))) // the spaces' uses, if new, with no count
	for id, fd := range s.faces {
		if fd != nil { // a space alone counts as drawn by every text
			k := tab.useID[faceUse{faceID(id), r.spaceUse(fd)}]
			r.sum[k] += math.MaxInt32 - r.lone[k]
		}
	}
	byFace := tab.useCounts(r.sum)
	r.tab, r.sum, r.lone, r.seen = nil, nil, nil, nil
	set, err := s.restricted(func(_ *faceData, fid faceID) map[use]int64 { return byFace[fid] })
	if err != nil {
		return nil, err
	}
	// The words shaped here are the words drawn with the set: its
	// Typesetters take those of several texts from it instead of shaping
	// them again.
	set.shapes = sharedWords(r.share.m, r.held)
	r.share, r.held = nil, nil // the words of one text alone go (a Plan keeps r)
	return set, nil
}

func has[K comparable](m map[K]struct{}, k K) bool { _, ok := m[k]; return ok }

// hold adds the counts of an Add's workers (inTexts) to r.held, and lets
// go of the shaped words that one text alone holds so far: a later text
// that holds one shapes it again, to the same glyphs. Each document's own
// words (names) are then kept while its part is counted, not for the
// batch.
func (r *Restrictor) hold(inTexts []map[faceText]textCount) {
	for _, m := range inTexts {
		for k, c := range m {
			h := faceHash{k.face, hashText(k.text)}
			r.held[h] = int8(min(int32(r.held[h])+c.n, 2))
		}
	}
	r.share.mu.Lock()
	defer r.share.mu.Unlock()
	for id, m := range r.share.m {
		for text := range m {
			if r.held[faceHash{faceID(id), hashText(text)}] < 2 {
				delete(m, text)
			}
		}
	}
}

// AddEach adds the texts of n documents in parts of a few hundred (see
// Add): texts(lo, hi) returns those of documents lo to hi-1, made when
// their part is counted (issue 14: the batch's texts are never all held).
// An error of texts is AddEach's, and that of every later call.
func (r *Restrictor) AddEach(n int, texts func(lo, hi int) ([]string, error)) error {
	const part = 256
	for lo := 0; lo < n; lo += part {
		if r.stopped.Load() {
			return r.fail(errStopped)
		}
		t, err := texts(lo, min(lo+part, n))
		if err != nil {
			return r.fail(err)
		}
		if err := r.Add(t); err != nil {
			return err
		}
	}
	return nil
}

// AddEachAhead is AddEach on a goroutine of its own: texts known early
// are counted while the caller goes on. Restricted waits for it to end,
// and returns its error.
func (r *Restrictor) AddEachAhead(n int, texts func(lo, hi int) ([]string, error)) {
	r.ahead.Add(1)
	go func() {
		defer r.ahead.Done()
		r.AddEach(n, texts)
	}()
}

// fail makes err the error of r's later calls, unless it has one.
func (r *Restrictor) fail(err error) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.err == nil {
		r.err = err
	}
	return err
}

// errStopped is AddEach's error once Stop was called.
var errStopped = errors.New("typeset: Restrictor stopped")

// Stop ends an AddEach running on another goroutine at its next part (a
// batch counted ahead that will not be drawn: its command failed). Stop
// on a nil Restrictor does nothing.
func (r *Restrictor) Stop() {
	if r != nil {
		r.stopped.Store(true)
	}
}

// faceText is a word shaped in a face; textCount the distinct texts that
// hold it (n) and the last one counted.
type (
	faceText struct {
		face faceID
		text string
	}
	textCount struct{ last, n int32 }
)

// sharedWords returns the shaped words of shapes that at least two of the
// texts hold (held: by word, the texts that hold it, up to 2). A batch's
// texts share most of their words, but each certificate has names, a
// number and a code of its own, in each weight Restrict shapes it in (the
// weight it is drawn in, and the other): keeping those grew the restricted
// set by ~3 KB a certificate (issue 14: memory flat as the batch grows).
// A Typesetter shapes a word it does not find once more, to the same
// glyphs.
func sharedWords(shapes [numFaces]map[string]shaped, held map[faceHash]int8) [numFaces]map[string]shaped {
	var out [numFaces]map[string]shaped
	for id, m := range shapes {
		for text, w := range m {
			if held[faceHash{faceID(id), hashText(text)}] < 2 {
				continue
			}
			if out[id] == nil {
				out[id] = map[string]shaped{}
			}
			out[id][text] = w
		}
	}
	return out
}

// countAll counts texts (see wordCounter) on every CPU, each worker taking
// the next 32 texts as it is ready; the counts of the workers add up.
func (s *FontSet) countAll(texts []string, in drawnStyles, share *shapeShare, tab *wordTable) ([][]int32, []map[faceText]textCount, error) {
	const chunk = 32
	workers := min(runtime.GOMAXPROCS(0), (len(texts)+chunk-1)/chunk)
	counts := make([][]int32, workers)
	inTexts := make([]map[faceText]textCount, workers)
	errs := make([]indexedErr, workers)
	var next atomic.Int64
	var wg sync.WaitGroup
	for k := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			c, err := s.newWordCounter(in, share, tab)
			if err != nil {
				errs[k] = indexedErr{-1, err}
				return
			}
			for {
				lo := int(next.Add(chunk)) - chunk
				if lo >= len(texts) {
					break
				}
				for ti := lo; ti < min(lo+chunk, len(texts)); ti++ {
					if err := c.add(ti, texts[ti]); err != nil {
						errs[k] = indexedErr{ti, err}
						return
					}
				}
			}
			counts[k], inTexts[k] = c.count, c.inTexts
		}()
	}
	wg.Wait()
	return counts, inTexts, firstErr(errs)
}

// indexedErr is the error of text i of countAll (-1: of no text).
type indexedErr struct {
	i   int
	err error
}

// firstErr returns the error of the first text that failed, whichever
// worker met it: chunks are taken in order and a worker stops at its
// first error, so every text before that one was counted, and the error
// is the same run to run.
func firstErr(errs []indexedErr) error {
	var first *indexedErr
	for k := range errs {
		if e := &errs[k]; e.err != nil && (first == nil || e.i < first.i) {
			first = e
		}
	}
	if first == nil {
		return nil
	}
	return first.err
}

// wordTable holds the distinct words of Restrict's texts compactly: each
// use (a glyph of a face with its text and width) once, and a word as the
// ids of its distinct uses. Restrict's workers share it.
type wordTable struct {
	mu     sync.Mutex
	useID  map[faceUse]uint32
	uses   []faceUse
	wordID map[string]int32 // by the ids of the word's uses, in order
	words  [][]uint32       // a word's distinct uses, first use first
	key    []byte
}

// faceUse is a use of a glyph of a face.
type faceUse struct {
	face faceID
	u    use
}

// word returns the id of the word uses of face id, adding it if new. Two
// words are one when their uses are, in order.
func (t *wordTable) word(id faceID, uses []use) int32 {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.key = t.key[:0]
	for _, u := range uses {
		fu := faceUse{id, u}
		k, ok := t.useID[fu]
		if !ok {
			k = uint32(len(t.uses))
			t.useID[fu] = k
			t.uses = append(t.uses, fu)
		}
		t.key = binary.LittleEndian.AppendUint32(t.key, k)
	}
	if w, ok := t.wordID[string(t.key)]; ok {
		return w
	}
	w := int32(len(t.words))
	t.wordID[string(t.key)] = w
	ids := make([]uint32, 0, len(uses))
	for i := 0; i < len(t.key); i += 4 {
		if k := binary.LittleEndian.Uint32(t.key[i:]); !slices.Contains(ids, k) { // a word's use counts once
			ids = append(ids, k)
		}
	}
	t.words = append(t.words, ids)
	return w
}

// useCounts returns, by face, each use's count sum (by use id): the sum
// of the counts of the words that have it.
func (t *wordTable) useCounts(sum []int64) [numFaces]map[use]int64 {
	var out [numFaces]map[use]int64
	for k, fu := range t.uses {
		if out[fu.face] == nil {
			out[fu.face] = map[use]int64{}
		}
		out[fu.face][fu.u] = sum[k]
	}
	return out
}

// RestrictDrawn returns a FontSet restricted (see Restrict) to the words
// drawn with s so far into pdf, which is then only a draft: drawing the
// same document again with the result gives a PDF whose sub-fonts hold
// just its glyphs, the fewest per family and weight. A document whose text
// is not known before it is laid out (a press note) is drawn that way.
// A set restricted already is returned as it is (documents drawn with one
// do not record their words: see pdffont.Doc.Want).
func (s *FontSet) RestrictDrawn(pdf *fpdf.Fpdf) (*FontSet, error) {
	if s.isRestricted {
		return s, nil
	}
	if err := s.build(); err != nil { // sets the plans read below
		return nil, err
	}
	d := pdffont.DocOf(pdf)
	return s.restricted(func(fd *faceData, _ faceID) map[use]int64 {
		out := map[use]int64{}
		lo, hi := uint16(fd.dOff), uint16(fd.dOff+len(fd.pdfWidth))
		for _, w := range d.Words(fd.plan) {
			if w[0].Glyph >= lo && w[0].Glyph < hi { // a word is in one face
				for i, u := range w {
					if !slices.Contains(w[:i], u) { // a word's use counts once
						out[use{u.Glyph - lo, u.Text, u.Width}]++
					}
				}
			}
		}
		return out
	})
}

// restricted returns a copy of s whose faces draw only the uses count
// gives for them (uses of glyph ids of the face, with the number of times
// words of the texts have them), the most used first (see byUse).
func (s *FontSet) restricted(count func(fd *faceData, id faceID) map[use]int64) (*FontSet, error) {
	if err := s.build(); err != nil { // sets codes and dOff
		return nil, err
	}
	r := &FontSet{isRestricted: true}
	for id, fd := range s.faces {
		if fd != nil {
			c := *fd
			c.plan = nil
			r.faces[id] = &c
		}
	}
	for id, fd := range s.faces {
		if fd == nil || r.faces[id].plan != nil {
			continue
		}
		n := map[use]int64{}
		var faces []*faceData
		for fid, f := range s.faces {
			if f == nil || f.pdf != fd.pdf {
				continue
			}
			faces = append(faces, r.faces[fid])
			for u, c := range count(f, faceID(fid)) {
				n[use{uint16(f.dOff) + u.dg, u.text, u.w}] += c // derived glyph ids
			}
		}
		setPlan(fd.pdf, byUse(n), true, faces)
	}
	return r, nil
}

// Restricted reports whether the set was made by Restrict or RestrictDrawn.
func (s *FontSet) Restricted() bool { return s.isRestricted }

// build builds the derived fonts of every face of s (and, for a full set,
// its sub-font plans).
func (s *FontSet) build() error {
	for _, fd := range s.faces {
		if fd != nil {
			if err := fd.pdf.build(); err != nil {
				return err
			}
		}
	}
	return nil
}

// wordCounter shapes texts in each family and weight of s that in holds
// and counts, for each word (the uses of a piece as drawn: glyph ids of a
// face, the texts and widths they are drawn for; see glyphUses) of each
// face, the texts that draw it: count, by word id of t. It shapes each
// word not in its Typesetter's share and puts it there. The texts of a
// batch repeat most of their words: the words of a piece (its face, text
// and how it is drawn) are worked out once, and a text then costs its
// shaping (from the share) and a count per word. One worker's.
type wordCounter struct {
	s     *FontSet
	in    drawnStyles
	t     *wordTable
	ts    *Typesetter
	memo  map[pieceKey][]int32
	count []int32
	last  []int32 // by word: the text (+1) that counted it last
	// inTexts counts, by shaped word, the texts that hold it.
	inTexts map[faceText]textCount
}

func (s *FontSet) newWordCounter(in drawnStyles, share *shapeShare, t *wordTable) (*wordCounter, error) {
	ts, err := NewTypesetter(s, "pt")
	if err != nil {
		return nil, err
	}
	ts.share = share
	return &wordCounter{s: s, in: in, t: t, ts: ts, memo: map[pieceKey][]int32{}, inTexts: map[faceText]textCount{}}, nil
}

// add counts text, the ti-th of the texts counted (each is counted once,
// by one worker).
func (c *wordCounter) add(ti int, text string) error {
	s := c.s
	for f := Sans; f <= Serif; f++ {
		for w := Regular; w <= Bold; w++ {
			if !c.in[f][w] || s.faces[makeFaceID(f, w, deva)] == nil && s.faces[makeFaceID(f, w, latn)] == nil {
				continue
			}
			ps, err := c.ts.tmpPieces([]Run{{Text: text, Style: Style{Family: f, Weight: w, Size: 10}}})
			if err != nil {
				return err
			}
			for i := range ps {
				if !ps[i].space {
					k := faceText{ps[i].face, ps[i].text}
					if n := c.inTexts[k]; n.last != int32(ti+1) {
						c.inTexts[k] = textCount{int32(ti + 1), n.n + 1}
					}
				}
				k := pieceKeyOf(ps, i)
				words, ok := c.memo[k]
				if !ok {
					for _, uses := range s.pieceWords(ps, i) {
						words = append(words, c.t.word(ps[i].face, uses))
					}
					c.memo[k] = words
				}
				for _, w := range words {
					for int(w) >= len(c.count) {
						c.count, c.last = append(c.count, 0), append(c.last, 0)
					}
					if c.last[w] != int32(ti+1) { // once per text
						c.last[w] = int32(ti + 1)
						c.count[w]++
					}
				}
			}
		}
	}
	return nil
}

// drawnStyles says which families and weights texts are drawn in.
type drawnStyles [Serif + 1][Bold + 1]bool

// pieceKey is what the words of a piece (see pieceWords) depend on: its
// face and text (so its glyphs), whether the space after it is merged into
// its span and the line may break there, and whether it ends the text.
type pieceKey struct {
	face                 faceID
	text                 string
	merges, glue, ending bool
}

func pieceKeyOf(ps []piece, i int) pieceKey {
	k := pieceKey{face: ps[i].face, text: ps[i].text, merges: mergesSpace(ps, i)}
	if k.merges {
		k.glue = ps[i+1].glue
	} else {
		k.ending = i == len(ps)-1 && !ps[i].space
	}
	return k
}

// pieceWords returns the ways piece i of ps may be drawn (see
// drawer.line): with the space after it when the drawing merges them (also
// at the end of a line broken there), and at the end of the text's last
// line.
func (s *FontSet) pieceWords(ps []piece, i int) [][]use {
	p := &ps[i]
	fd := s.faces[p.face]
	if mergesSpace(ps, i) {
		out := [][]use{fd.glyphUses(p.text+" ", withSpace(p, &ps[i+1], false), false)}
		if ps[i+1].glue { // the line may break there
			out = append(out, fd.glyphUses(p.text+" ", withSpace(p, &ps[i+1], true), false))
		}
		return out
	}
	out := [][]use{fd.glyphUses(p.text, p.glyphs, false)}
	if i == len(ps)-1 && !p.space { // the text's last word ends a line
		out = append(out, fd.glyphUses(p.text, p.glyphs, true))
	}
	return out
}

// withSpace returns the glyphs of word p followed by the space sp, drawn
// in one span. A space a line breaks at is drawn after the line's last word
// with no advance, so that it stays inside the line's box.
func withSpace(p, sp *piece, breaks bool) []glyph {
	return append(p.glyphs[:len(p.glyphs):len(p.glyphs)], spaceAfter(p, sp, breaks))
}

// spaceAfter is the last glyph of withSpace.
func spaceAfter(p, sp *piece, breaks bool) glyph {
	g := glyph{gid: sp.glyphs[0].gid, adv: sp.glyphs[0].adv, cluster: int32(utf8.RuneCountInString(p.text))}
	if breaks {
		g.adv = 0
	}
	return g
}

// mergesSpace reports whether piece i of ps is drawn with the space after
// it in one span: a word followed by a space of the same face and style.
func mergesSpace(ps []piece, i int) bool {
	return !ps[i].space && i+1 < len(ps) && ps[i+1].space && ps[i+1].face == ps[i].face && ps[i+1].style == ps[i].style
}

// byUse lists the uses n counts (derived glyph ids; a use's count is the
// sum of the counts of the words that have it), the most used first, and the uses of one glyph together (in the place of its most
// used one): the uses common to a batch's documents share the first
// sub-font, so that a document needs few sub-fonts, and a glyph's outline
// is in one sub-font, not in each that has a use of it.
func byUse(n map[use]int64) []use {
	top := map[uint16]int64{} // by glyph: its most used use's count
	out := make([]use, 0, len(n))
	for u, c := range n {
		out = append(out, u)
		top[u.dg] = max(top[u.dg], c)
	}
	sort.Slice(out, func(i, j int) bool {
		a, b := out[i], out[j]
		switch {
		case top[a.dg] != top[b.dg]:
			return top[a.dg] > top[b.dg]
		case a.dg != b.dg:
			return a.dg < b.dg
		case n[a] != n[b]:
			return n[a] > n[b]
		case a.text != b.text:
			return a.text < b.text
		}
		return a.w < b.w
	})
	return out
}
