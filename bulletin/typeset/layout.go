package typeset

import (
	"math"
	"strings"
)

// Align is the horizontal alignment of lines.
type Align uint8

const (
	Left    Align = iota
	Center        // centred in the paragraph width (or on x for DrawLine)
	Right         // flush right
	Justify       // stretched to the width by widening inter-word spaces; the last line is left-aligned
)

// Options controls Layout.
type Options struct {
	// Width is the line length in user units. Zero means no wrapping: one
	// line as long as the text.
	Width float64
	Align Align
	// LineSpacing multiplies the natural line height of the styles' families
	// (see Metrics; about 1.48 em for Sans, 1.69 em for Serif).
	// Zero means 1.
	LineSpacing float64
}

// Line is one laid-out line of a Paragraph. Lengths in user units.
type Line struct {
	Text     string  // the line's text (NFC, spaces folded)
	Width    float64 // natural width of the ink advance (before justification)
	X        float64 // offset of the line's start from the paragraph's left edge
	Top      float64 // distance of the line box's top from the paragraph's top
	Baseline float64 // distance of the baseline from the paragraph's top
	Ascent   float64 // largest ascender of the line's fonts, above the baseline
	Descent  float64 // largest descender, below the baseline (positive)
	Height   float64 // height of the line box (LineSpacing × natural height)

	pieces []piece
	xs     []float64 // x of each piece from the paragraph's left edge, points
}

// Paragraph is laid-out text ready to draw. It refers to its Typesetter and
// must be drawn from the same goroutine.
type Paragraph struct {
	Width  float64 // the layout width (Options.Width), or the widest line if that is 0
	Height float64 // sum of line heights
	Lines  []Line
	// MaxLineWidth is the widest natural line; greater than Width when a word
	// does not fit (such a word overflows rather than being split).
	MaxLineWidth float64

	ts   *Typesetter
	runs []Run
}

// Metrics returns the ascent, descent (positive) and natural line height in
// user units of a style: the largest of its family's Devanagari and Latin
// fonts (hhea ascender, descender and line gap; for Noto Sans at 12 pt about
// 4.5, 1.7 and 6.3 mm). Every line of a paragraph in one style has this
// height (times Options.LineSpacing).
func (ts *Typesetter) Metrics(st Style) (ascent, descent, lineHeight float64, err error) {
	if _, err := ts.set.face(makeFaceID(st.Family, st.Weight, deva)); err != nil {
		if _, err2 := ts.set.face(makeFaceID(st.Family, st.Weight, latn)); err2 != nil {
			return 0, 0, 0, err
		}
	}
	a, d, g := ts.familyMetrics(st)
	return a / ts.k, d / ts.k, (a + d + g) / ts.k, nil
}

// familyMetrics: ascent, descent, gap in points.
func (ts *Typesetter) familyMetrics(st Style) (a, d, g float64) {
	for _, sc := range []script{deva, latn} {
		fd := ts.set.faces[makeFaceID(st.Family, st.Weight, sc)]
		if fd == nil {
			continue
		}
		s := st.Size / fd.upem
		a = math.Max(a, fd.ascent*s)
		d = math.Max(d, fd.descnt*s)
		g = math.Max(g, fd.gap*s)
	}
	return a, d, g
}

// LayoutText is Layout of a single run.
func (ts *Typesetter) LayoutText(text string, st Style, opt Options) (*Paragraph, error) {
	return ts.Layout([]Run{{Text: text, Style: st}}, opt)
}

// Layout shapes the runs (NFC; any white space folded to one space, leading
// and trailing space dropped) and breaks them into lines of at most
// opt.Width. Lines break only at spaces; a danda or closing punctuation typed
// after a space stays on the line of the word before it, and words such as
// "नवम्बर-2024" are never split (a word longer than the width overflows; see
// MaxLineWidth). A character no font has is a *CharError.
func (ts *Typesetter) Layout(runs []Run, opt Options) (*Paragraph, error) {
	ps, _, err := ts.pieces(runs)
	if err != nil {
		return nil, err
	}
	spacing := opt.LineSpacing
	if spacing <= 0 {
		spacing = 1
	}
	maxW := opt.Width * ts.k // points
	p := &Paragraph{ts: ts, runs: runs}

	y := 0.0
	start := 0
	breaks := ts.breakLines(ps, maxW, opt.Align == Justify)
	for li := 0; li <= len(breaks); li++ {
		end, next := len(ps), len(ps)
		if li < len(breaks) {
			// The line keeps the space it breaks at, drawn after its last
			// word (not stretched, not in its width): a real space glyph
			// where the words break, for extractors that see only glyphs.
			end, next = breaks[li], breaks[li]+1
		}
		l := ts.setLine(runs, ps[start:end], ps[start:next], maxW, opt.Align, li == len(breaks), spacing)
		l.Top = y / ts.k
		l.Baseline = (y + (l.Height*ts.k-(l.Ascent+l.Descent)*ts.k)/2 + l.Ascent*ts.k) / ts.k
		y += l.Height * ts.k
		p.Lines = append(p.Lines, l)
		p.MaxLineWidth = math.Max(p.MaxLineWidth, l.Width)
		start = next
	}
	p.Height = y / ts.k
	p.Width = opt.Width
	if p.Width == 0 {
		p.Width = p.MaxLineWidth
	}
	return p, nil
}

// setLine sets the pieces lp of one line (drawn: with the space it breaks
// at, if any) in maxW points: its metrics, text, natural width and the x of
// each piece, justified or aligned. Top and Baseline are left to the
// caller; lengths are in user units.
func (ts *Typesetter) setLine(runs []Run, lp, drawn []piece, maxW float64, align Align, last bool, spacing float64) Line {
	l := Line{pieces: drawn, xs: make([]float64, len(drawn))}
	var a, d, g, nat float64
	var sb strings.Builder
	glue := 0.0
	for k := range lp {
		pc := &lp[k]
		// Line boxes use the metrics of both halves of the family, so
		// that a line with Latin letters is as high as one without.
		pa, pd, pg := ts.familyMetrics(runs[pc.style].Style)
		a, d, g = math.Max(a, pa), math.Max(d, pd), math.Max(g, pg)
		nat += pc.width(ts.set)
		sb.WriteString(pc.text)
		if pc.glue {
			glue += pc.width(ts.set)
		}
	}
	x0, scale := 0.0, 1.0 // scale: how much the word spaces widen
	switch align {
	case Center:
		x0 = (maxW - nat) / 2
	case Right:
		x0 = maxW - nat
	case Justify:
		if !last && glue > 0 && nat-maxShrink*glue < maxW {
			scale = 1 + (maxW-nat)/glue
		}
	}
	if maxW == 0 {
		x0 = 0
	}
	x := x0
	for k := range drawn {
		l.xs[k] = x
		w := drawn[k].width(ts.set)
		if k < len(lp) && drawn[k].glue {
			w *= scale
		}
		x += w
	}
	h := (a + d + g) * spacing
	l.Text = sb.String()
	l.Width = nat / ts.k
	l.X = x0 / ts.k
	l.Ascent, l.Descent, l.Height = a/ts.k, d/ts.k, h/ts.k
	return l
}

// Measure returns the width in user units of the runs set on one line.
func (ts *Typesetter) Measure(runs ...Run) (float64, error) {
	ps, err := ts.linePieces(runs)
	if err != nil {
		return 0, err
	}
	w := 0.0
	for i := range ps {
		w += ps[i].width(ts.set)
	}
	return w / ts.k, nil
}

// FitSize returns the largest font size in points, at most maxSize and
// rounded down to 0.1 pt, at which text in style st fits on one line of
// maxWidth user units, and whether it fits at all: if it does not fit even
// at minSize, FitSize returns minSize and false. Text width is proportional
// to the size (shaping is done in font units), so this costs one shaping.
func (ts *Typesetter) FitSize(text string, st Style, maxWidth, maxSize, minSize float64) (float64, bool, error) {
	st.Size = maxSize
	w, err := ts.Measure(Run{Text: text, Style: st})
	if err != nil {
		return 0, false, err
	}
	if w <= maxWidth {
		return maxSize, true, nil
	}
	size := math.Floor(maxSize*maxWidth/w*10) / 10
	if size < minSize {
		return minSize, false, nil
	}
	return size, true, nil
}
