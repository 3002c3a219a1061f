package typeset

import (
	"math"
	"slices"
	"unicode"
)

// Line breaking. A line may break only at a space (a "glue" piece), and
// only where Unicode's line breaking algorithm (UAX #14, as go-text's
// segmenter implements it) allows a break after that space: never before
// a comma, full stop, closing bracket or quote even after a space; and,
// beyond UAX #14, never before a danda (कहा ।) nor after a currency sign
// (₹ 50). Words are never split, so "₹3.42" and "नवम्बर-2024" stay whole.
//
// Justified paragraphs are broken by total fit, as TeX and Typst do: of
// all the ways to break the paragraph, the one whose lines' word spaces
// stretch (or shrink) least overall, each line costing (1 + badness)²,
// badness = 100·r³ where r is how far its spaces stretch beyond their
// natural width relative to it (or shrink, relative to maxShrink). Other
// alignments break first fit: each line takes as many words as fit.

// maxShrink is how much of its natural width a word space of a justified
// line may lose.
const maxShrink = 0.2

// breakAfterSpaces returns, for each rune of a prepared text, whether a
// line may break before it (UAX #14). The result is good until the next
// call; the same runes again (a text in another style) are not segmented
// again.
func (ts *Typesetter) breakAfterSpaces(runes []rune) []bool {
	if ts.opp != nil && slices.Equal(runes, ts.oppRunes) {
		return ts.opp
	}
	ts.oppRunes = append(ts.oppRunes[:0], runes...)
	ok := ts.opp[:0]
	for range len(runes) + 1 {
		ok = append(ok, false)
	}
	ts.opp = ok
	ts.seg.Init(runes)
	it := ts.seg.LineIterator()
	for it.Next() {
		l := it.Line()
		ok[l.Offset+len(l.Text)] = true
	}
	return ok
}

// isGlue reports whether the space at rune i of runes is a place where a
// line may break: opp is breakAfterSpaces of runes.
func isGlue(runes []rune, i int, opp []bool) bool {
	if i+1 >= len(runes) || !opp[i+1] || noBreakBefore(runes[i+1]) {
		return false
	}
	return i == 0 || !unicode.Is(unicode.Sc, runes[i-1])
}

// breakLines returns the indexes of the glue pieces of ps at which the
// paragraph breaks into lines of at most maxW points.
func (ts *Typesetter) breakLines(ps []piece, maxW float64, justify bool) []int {
	if maxW <= 0 {
		return nil
	}
	if justify {
		return ts.totalFit(ps, maxW)
	}
	return ts.firstFit(ps, maxW)
}

// firstFit breaks before the first word that does not fit.
func (ts *Typesetter) firstFit(ps []piece, maxW float64) []int {
	var breaks []int
	lineW := 0.0    // width of the current line so far
	lastBreak := -1 // the glue after the last box placed
	for i := 0; i < len(ps); {
		j, boxW := i, 0.0 // the next box: pieces up to the next glue
		for ; j < len(ps) && !ps[j].glue; j++ {
			boxW += ps[j].width(ts.set)
		}
		switch {
		case lastBreak < 0:
			lineW += boxW
		case lineW+ps[lastBreak].width(ts.set)+boxW > maxW+1e-9:
			breaks = append(breaks, lastBreak)
			lineW = boxW
		default:
			lineW += ps[lastBreak].width(ts.set) + boxW
		}
		if j < len(ps) {
			lastBreak = j
		}
		i = j + 1
	}
	return breaks
}

// totalFit finds the breaks of least total demerits (see the top of the
// file) by dynamic programming over the glue pieces.
func (ts *Typesetter) totalFit(ps []piece, maxW float64) []int {
	// Prefix sums of the widths of all pieces and of the glue ones.
	w := make([]float64, len(ps)+1)
	g := make([]float64, len(ps)+1)
	var cands []int // glue indexes, then len(ps) for the paragraph's end
	for i := range ps {
		pw := ps[i].width(ts.set)
		w[i+1], g[i+1] = w[i]+pw, g[i]
		if ps[i].glue {
			g[i+1] += pw
			cands = append(cands, i)
		}
	}
	cands = append(cands, len(ps))
	best := make([]float64, len(cands)) // least demerits up to candidate k
	from := make([]int, len(cands))     // the candidate before it (-1: start)
	for k, end := range cands {
		best[k], from[k] = math.Inf(1), -1
		for j := k - 1; j >= -1; j-- {
			start, prev := 0, 0.0
			if j >= 0 {
				start, prev = cands[j]+1, best[j]
			}
			nat, glue := w[end]-w[start], g[end]-g[start]
			if j < k-1 && nat-maxShrink*glue > maxW {
				break // longer lines only get worse
			}
			d := prev + demerits(nat, glue, maxW, end == len(ps))
			if d < best[k] {
				best[k], from[k] = d, j
			}
		}
	}
	var breaks []int
	for k := from[len(cands)-1]; k >= 0; k = from[k] {
		breaks = append([]int{cands[k]}, breaks...)
	}
	return breaks
}

// demerits of a line of natural width nat, of which glue is word spaces,
// set in maxW.
func demerits(nat, glue, maxW float64, last bool) float64 {
	const inf = 10000 // TeX's infinitely bad
	var bad float64
	switch {
	case nat > maxW+1e-9 && glue > 0 && nat-maxShrink*glue <= maxW+1e-9:
		bad = 100 * math.Pow((nat-maxW)/(maxShrink*glue), 3)
	case nat > maxW+1e-9:
		bad = 100 * inf // overfull: a word longer than the line
	case last:
		bad = 0
	case glue == 0:
		bad = inf // a lone word cannot be justified
	default:
		bad = min(100*math.Pow((maxW-nat)/glue, 3), inf)
	}
	return (1 + bad) * (1 + bad)
}
