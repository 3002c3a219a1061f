package typeset

import (
	"unicode"

	"github.com/go-text/typesetting/language"
	"golang.org/x/text/unicode/norm"
)

// isSpace reports whether r is white space that separates words (and is
// folded to one U+0020). No-break space U+00A0 is not: it is drawn as a
// glyph and never broken at.
func isSpace(r rune) bool {
	return r != 0xA0 && r != 0x202F && r != 0x2007 && unicode.IsSpace(r)
}

// class of a rune for font selection.
type class uint8

const (
	weak      class = iota // Common script: digits, punctuation, symbols
	inherited              // combining marks, ZWJ, ZWNJ: always with the previous rune
	strongDeva
	strongLatn // Latin, and any other script the Latin font may cover
)

func classOf(r rune) class {
	if r >= 0 && r < rune(len(lowClasses)) {
		return lowClasses[r]
	}
	return lookupClass(r)
}

// lowClasses is lookupClass of the runes below U+1000 (Latin, Devanagari
// and the punctuation and digits around them), looked up once.
var lowClasses = func() (t [0x1000]class) {
	for r := range t {
		t[r] = lookupClass(rune(r))
	}
	return t
}()

func lookupClass(r rune) class {
	switch s := language.LookupScript(r); s {
	case language.Devanagari:
		return strongDeva
	case language.Common, language.Unknown:
		return weak
	case language.Inherited:
		return inherited
	default:
		return strongLatn
	}
}

// text is a paragraph prepared for segmentation: NFC, white space folded to
// single spaces, trimmed; with a style index per rune.
type text struct {
	runes  []rune
	styles []int32
	src    []Run
}

func prepare(runs []Run, buf []rune, sty []int32) (runes []rune, styles []int32) {
	t := text{runes: buf[:0], styles: sty[:0]}
	pendingSpace := -1
	for i, r := range runs {
		s := r.Text
		if !norm.NFC.IsNormalString(s) {
			s = norm.NFC.String(s)
		}
		for _, c := range s {
			if isSpace(c) {
				if pendingSpace < 0 {
					pendingSpace = i
				}
				continue
			}
			if pendingSpace >= 0 && len(t.runes) > 0 {
				t.runes = append(t.runes, ' ')
				t.styles = append(t.styles, int32(pendingSpace))
			}
			pendingSpace = -1
			t.runes = append(t.runes, c)
			t.styles = append(t.styles, int32(i))
		}
	}
	return t.runes, t.styles
}

// assignFaces picks a face for every rune. Devanagari letters take the
// Devanagari font of their style's family and weight, other letters the
// Latin one; digits, punctuation and symbols stay with the run around them:
// with the first letter after them in the same word ("(Police)"), else with
// the rune before ("नवम्बर-2024", "100%" after a Hindi word), else with the
// first letter after them in the paragraph, else the Devanagari font.
// Combining marks and ZWJ/ZWNJ stay with the rune before them. A rune that
// the chosen face lacks goes to the other face of the same family and
// weight; one that neither has is a *CharError. out and next are buffers
// it reuses (next is returned for the next call).
func (s *FontSet) assignFaces(t text, out []faceID, next []class) ([]faceID, []class, error) {
	n := len(t.runes)
	out = out[:0]
	// nextInWord[i]: class of the first strong rune at or after i in the
	// same word (weak if none); nextInPara likewise across words.
	if cap(next) < 2*(n+1) {
		next = make([]class, 2*(n+1))
	}
	next = next[:2*(n+1)]
	nextInWord, nextInPara := next[:n+1], next[n+1:]
	nextInWord[n], nextInPara[n] = weak, weak
	for i := n - 1; i >= 0; i-- {
		c := classOf(t.runes[i])
		switch {
		case c == strongDeva || c == strongLatn:
			nextInWord[i], nextInPara[i] = c, c
		case t.runes[i] == ' ':
			nextInWord[i], nextInPara[i] = weak, nextInPara[i+1]
		default:
			nextInWord[i], nextInPara[i] = nextInWord[i+1], nextInPara[i+1]
		}
	}
	for i, r := range t.runes {
		st := t.src[t.styles[i]].Style
		c := classOf(r)
		var want script
		switch {
		case c == strongDeva:
			want = deva
		case c == strongLatn:
			want = latn
		case c == inherited && i > 0:
			out = append(out, out[i-1])
			if fd := s.faces[out[i]]; fd == nil || !fd.covers(r) {
				return nil, next, &CharError{Char: r, Text: string(t.runes)}
			}
			continue
		case r != ' ' && nextInWord[i] != weak:
			want = scriptOf(nextInWord[i])
		case i > 0:
			want = out[i-1].script()
		case nextInPara[i] != weak:
			want = scriptOf(nextInPara[i])
		default:
			want = deva
		}
		id := makeFaceID(st.Family, st.Weight, want)
		if fd := s.faces[id]; fd == nil || !fd.covers(r) {
			alt := makeFaceID(st.Family, st.Weight, 1-want)
			if fa := s.faces[alt]; fa != nil && fa.covers(r) {
				id = alt
			} else if fd == nil && fa == nil {
				_, err := s.face(id)
				return nil, next, err
			} else {
				return nil, next, &CharError{Char: r, Text: string(t.runes)}
			}
		}
		out = append(out, id)
	}
	return out, next, nil
}

func scriptOf(c class) script {
	if c == strongLatn {
		return latn
	}
	return deva
}

// noBreakBefore reports whether a line must not break at a space that is
// followed by r: a danda, a closing bracket or punctuation stays with the
// word before it even when typed after a space ("कहा ।").
func noBreakBefore(r rune) bool {
	switch r {
	case '।', '॥', ',', '.', ';', ':', '!', '?', ')', ']', '}', '%', '”', '’', '»':
		return true
	}
	return false
}
