package typeset

import (
	"strings"
	"testing"
)

// Every corpus word's glyph texts, read in drawing order, are the word's
// text, and no glyph that can have text stands for nothing.
func TestGlyphTexts(t *testing.T) {
	ts := newTS(t)
	empty := 0
	for _, item := range readCorpus(t) {
		for _, cs := range corpusStyles {
			ps, _, err := ts.pieces([]Run{{Text: item, Style: cs.st}})
			if err != nil {
				t.Fatal(err)
			}
			for _, p := range ps {
				texts := glyphTexts(p.text, p.glyphs)
				if got := strings.Join(texts, ""); got != p.text {
					t.Errorf("%q (%s): glyph texts %q", p.text, cs.name, texts)
				}
				for _, s := range texts {
					if s == "" {
						empty++
					}
				}
			}
		}
	}
	if empty > 0 {
		t.Logf("%d glyphs stand for no text", empty)
	}
	for _, c := range []struct {
		text string
		gl   []glyph
		want string
	}{
		{"कि", []glyph{{cluster: 0}, {cluster: 0}}, "क|ि"},
		{"र्कि", []glyph{{cluster: 0}, {cluster: 0}, {cluster: 0}}, "र्|क|ि"},
		{"क्\u200dष", []glyph{{cluster: 0}, {cluster: 0}}, "क्|\u200dष"},
		{"ab", []glyph{{cluster: 0}, {cluster: 1}}, "a|b"},
		{"fi", []glyph{{cluster: 0}}, "fi"},
		{"ि", []glyph{{cluster: 0}, {cluster: 0}}, "ि|"},
	} {
		if got := strings.Join(glyphTexts(c.text, c.gl), "|"); got != c.want {
			t.Errorf("glyphTexts(%q) = %q, want %q", c.text, got, c.want)
		}
	}
}
