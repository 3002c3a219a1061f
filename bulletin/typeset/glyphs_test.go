package typeset

import (
	"math"
	"testing"
)

// Glyphs gives the glyphs shapeRuns (compared with hb-shape by the golden
// test) gives, in order, at the pen positions of their advances, on each
// line's baseline, in the run's colour.
func TestGlyphs(t *testing.T) {
	ts := newTS(t)
	st := Style{Family: Serif, Weight: Bold, Size: 20, Color: Color{200, 10, 20}}
	text := "प्रथम स्थान कि Kanpur"
	p, err := ts.LayoutText(text, st, Options{})
	if err != nil {
		t.Fatal(err)
	}
	runs, err := ts.shapeRuns(text, st)
	if err != nil {
		t.Fatal(err)
	}
	var want []glyph
	for _, r := range runs {
		for _, g := range r.glyphs {
			if g.gid != ts.set.faces[r.face].space || g.adv != int32(ts.set.faces[r.face].spaceW) {
				want = append(want, g)
			}
		}
	}
	got := p.Glyphs()
	if len(got) != len(want) {
		t.Fatalf("%d glyphs, want %d", len(got), len(want))
	}
	k := ts.k
	for i, g := range got {
		if uint16(g.ID) != want[i].gid {
			t.Errorf("glyph %d: id %d, want %d", i, g.ID, want[i].gid)
		}
		if g.Color != st.Color || math.Abs(g.Scale-20.0/1000/k) > 1e-12 {
			t.Errorf("glyph %d: colour %v scale %v", i, g.Color, g.Scale)
		}
		if math.Abs(g.Y-(p.Lines[0].Baseline-float64(want[i].dy)*g.Scale)) > 1e-9 {
			t.Errorf("glyph %d: y %v, baseline %v", i, g.Y, p.Lines[0].Baseline)
		}
		if i > 0 && g.X-float64(want[i].dx)*g.Scale < got[i-1].X-float64(want[i-1].dx)*g.Scale {
			t.Errorf("glyph %d: pen moves back", i)
		}
	}
	last := got[len(got)-1]
	if end := last.X - float64(want[len(want)-1].dx)*last.Scale + float64(want[len(want)-1].adv)*last.Scale; math.Abs(end-p.Lines[0].Width) > 1e-9 {
		t.Errorf("pen ends at %v, line width %v", end, p.Lines[0].Width)
	}
}
