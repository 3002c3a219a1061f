package typeset

import (
	"math"
	"os"
	"strings"
	"testing"
)

// paragraphs returns the blank-line separated paragraphs of a file.
func paragraphs(t testing.TB, path string) []string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, p := range strings.Split(string(b), "\n\n") {
		if p = strings.Join(strings.Fields(p), " "); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// corpusParagraphs: the shaping corpus as notedoc sets it in the copy-out
// test, 12 items a paragraph.
func corpusParagraphs(t testing.TB) []string {
	items := readCorpus(t)
	var out []string
	for i := 0; i < len(items); i += 12 {
		out = append(out, strings.Join(items[i:min(i+12, len(items))], " "))
	}
	return out
}

// spaceStretch lays paragraphs out justified as a press note is (Sans 12
// pt, 170 mm) and returns, for every word space of every line but a
// paragraph's last, its width drawn over its natural width.
func spaceStretch(t testing.TB, ts *Typesetter, paras []string) []float64 {
	t.Helper()
	var out []float64
	for _, para := range paras {
		p, err := ts.LayoutText(para, Style{Family: Sans, Size: 12}, Options{Width: 170, Align: Justify})
		if err != nil {
			t.Fatal(err)
		}
		for _, l := range p.Lines[:len(p.Lines)-1] {
			for k := range l.pieces {
				if l.pieces[k].glue && k+1 < len(l.pieces) {
					out = append(out, (l.xs[k+1]-l.xs[k])/l.pieces[k].width(ts.set))
				}
			}
		}
	}
	return out
}

// TestLineStretch reports the mean and worst word-space stretch of
// justified lines on the corpus and the example press notes, and bounds
// the worst.
func TestLineStretch(t *testing.T) {
	ts := newTS(t)
	for _, c := range []struct {
		name  string
		paras []string
		worst float64
	}{
		{"corpus", corpusParagraphs(t), 3},
		{"press note hi", paragraphs(t, "testdata/press-note.hi.txt"), 3},
		{"press note en", paragraphs(t, "testdata/press-note.en.txt"), 3},
	} {
		s := spaceStretch(t, ts, c.paras)
		sum, worst := 0.0, 0.0
		for _, v := range s {
			sum += v
			worst = math.Max(worst, v)
		}
		t.Logf("%-14s %4d spaces: mean stretch %.2f, worst %.2f", c.name, len(s), sum/float64(len(s)), worst)
		if worst > c.worst {
			t.Errorf("%s: a word space stretched %.2f times, want at most %.2f", c.name, worst, c.worst)
		}
	}
}
