package typeset

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/igrs-pro/bulletin/bulletin/internal/testtools"
	"github.com/igrs-pro/bulletin/fonts"
)

// The shaping corpus (testdata/corpus.txt) is checked against HarfBuzz's own
// hb-shape. Corpus items may mix scripts, so the golden file is kept per
// font run: for each item and each of the four styles, the Typesetter's
// segmenter splits the item into runs of one font (spaces included, as
// drawn), and regen.sh (go test -run TestShapingGolden -update) records each
// run's text, its font file and hb-shape's glyphs for it, shaped with the
// same script and language the Typesetter uses. The test then checks that
//
//   - the segmentation still gives the same runs in the same fonts (a change
//     there needs a deliberate regen, and the diff shows it);
//   - the glyph ids, clusters, advances and offsets the Typesetter draws for
//     each run equal hb-shape's, for every run of every item.
//
// The Typesetter shapes word by word (with a cache) and puts the space glyph
// between words, while hb-shape shapes the whole run: equality also shows
// that no lookup in these fonts reaches across a space. Font fallback rules
// themselves are tested separately (TestSegmentation).

var update = flag.Bool("update", false, "regenerate testdata/golden.txt with hb-shape")

var corpusStyles = []struct {
	name string
	st   Style
}{
	{"sans-regular", Style{Family: Sans, Weight: Regular, Size: 12}},
	{"sans-bold", Style{Family: Sans, Weight: Bold, Size: 12}},
	{"serif-regular", Style{Family: Serif, Weight: Regular, Size: 12}},
	{"serif-bold", Style{Family: Serif, Weight: Bold, Size: 12}},
}

var (
	setOnce sync.Once
	testSet *FontSet
	setErr  error
)

func fontSet(t testing.TB) *FontSet {
	t.Helper()
	setOnce.Do(func() { testSet, setErr = NewFontSet(fonts.FS) })
	if setErr != nil {
		t.Fatal(setErr)
	}
	return testSet
}

func newTS(t testing.TB) *Typesetter {
	t.Helper()
	ts, err := NewTypesetter(fontSet(t), "mm")
	if err != nil {
		t.Fatal(err)
	}
	return ts
}

func readCorpus(t testing.TB) []string {
	t.Helper()
	b, err := os.ReadFile("testdata/corpus.txt")
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, l := range strings.Split(string(b), "\n") {
		if l == "" || strings.HasPrefix(l, "#") {
			continue
		}
		out = append(out, l)
	}
	return out
}

type goldenRun struct {
	item   int
	style  string
	font   string
	text   string
	glyphs []glyph
}

func formatGlyphs(gs []glyph) string {
	parts := make([]string, len(gs))
	for i, g := range gs {
		parts[i] = fmt.Sprintf("%d:%d:%d:%d:%d", g.gid, g.cluster, g.adv, g.dx, g.dy)
	}
	return strings.Join(parts, " ")
}

func parseGlyphs(s string) ([]glyph, error) {
	var out []glyph
	for _, f := range strings.Fields(s) {
		p := strings.Split(f, ":")
		if len(p) != 5 {
			return nil, fmt.Errorf("bad glyph %q", f)
		}
		var v [5]int
		for i := range p {
			n, err := strconv.Atoi(p[i])
			if err != nil {
				return nil, err
			}
			v[i] = n
		}
		out = append(out, glyph{gid: uint16(v[0]), cluster: int32(v[1]), adv: int32(v[2]), dx: int32(v[3]), dy: int32(v[4])})
	}
	return out, nil
}

func readGolden(t testing.TB) []goldenRun {
	t.Helper()
	f, err := os.Open("testdata/golden.txt")
	if err != nil {
		t.Fatalf("%v (run testdata/regen.sh)", err)
	}
	defer f.Close()
	var out []goldenRun
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		l := sc.Text()
		if l == "" || strings.HasPrefix(l, "#") {
			continue
		}
		p := strings.Split(l, "\t")
		if len(p) != 5 {
			t.Fatalf("golden.txt: bad line %q", l)
		}
		item, err := strconv.Atoi(p[0])
		if err != nil {
			t.Fatal(err)
		}
		gs, err := parseGlyphs(p[4])
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, goldenRun{item: item, style: p[1], font: p[2], text: p[3], glyphs: gs})
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// hbShape runs hb-shape on text with a font file, returning its glyphs.
func hbShape(t testing.TB, hb, fontPath string, sc script, text string) []glyph {
	t.Helper()
	var cps []string
	for _, r := range text {
		cps = append(cps, fmt.Sprintf("U+%04X", r))
	}
	args := []string{"--output-format=json", "--no-glyph-names", "--font-size=upem", "--direction=ltr"}
	if sc == deva {
		args = append(args, "--script=deva", "--language=hi")
	} else {
		args = append(args, "--script=latn", "--language=en")
	}
	args = append(args, "--unicodes="+strings.Join(cps, ","), fontPath)
	out, err := exec.Command(hb, args...).Output()
	if err != nil {
		t.Fatalf("hb-shape %v: %v", args, err)
	}
	var js []struct{ G, Cl, Dx, Dy, Ax, Ay int }
	if err := json.Unmarshal(out, &js); err != nil {
		t.Fatalf("hb-shape output %q: %v", out, err)
	}
	gs := make([]glyph, len(js))
	for i, j := range js {
		gs[i] = glyph{gid: uint16(j.G), cluster: int32(j.Cl), adv: int32(j.Ax), dx: int32(j.Dx), dy: int32(j.Dy)}
	}
	return gs
}

func regenerate(t *testing.T, ts *Typesetter, items []string) {
	hb := testtools.RequireTool(t, "hb-shape")
	root := testtools.RepoRoot(t)
	var b strings.Builder
	b.WriteString("# Generated by testdata/regen.sh: hb-shape (HarfBuzz) output for each font run of\n")
	b.WriteString("# each corpus item in each style: item, style, font, run text, glyphs as gid:cluster:x_advance:x_offset:y_offset\n")
	b.WriteString("# (font units, clusters in characters). Do not edit.\n")
	for i, item := range items {
		for _, cs := range corpusStyles {
			runs, err := ts.shapeRuns(item, cs.st)
			if err != nil {
				t.Fatalf("item %d %q: %v", i, item, err)
			}
			for _, r := range runs {
				file := faceFiles[r.face]
				gs := hbShape(t, hb, filepath.Join(root, "fonts", file), r.face.script(), r.text)
				fmt.Fprintf(&b, "%d\t%s\t%s\t%s\t%s\n", i, cs.name, file, r.text, formatGlyphs(gs))
			}
		}
	}
	if err := os.WriteFile("testdata/golden.txt", []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestShapingGolden(t *testing.T) {
	ts := newTS(t)
	items := readCorpus(t)
	if len(items) < 200 {
		t.Fatalf("corpus has %d items, want at least 200", len(items))
	}
	if *update {
		regenerate(t, ts, items)
	}
	golden := readGolden(t)
	byKey := map[string][]goldenRun{}
	for _, g := range golden {
		k := fmt.Sprintf("%d/%s", g.item, g.style)
		byKey[k] = append(byKey[k], g)
	}
	total, match, glyphs := 0, 0, 0
	for i, item := range items {
		for _, cs := range corpusStyles {
			total++
			want := byKey[fmt.Sprintf("%d/%s", i, cs.name)]
			runs, err := ts.shapeRuns(item, cs.st)
			if err != nil {
				t.Errorf("item %d %q %s: %v", i, item, cs.name, err)
				continue
			}
			ok := len(runs) == len(want)
			if !ok {
				t.Errorf("item %d %q %s: %d runs, golden has %d (segmentation changed? run regen.sh)", i, item, cs.name, len(runs), len(want))
				continue
			}
			for j, r := range runs {
				w := want[j]
				if w.text != r.text || w.font != faceFiles[r.face] {
					t.Errorf("item %d %s run %d: %q in %s, golden %q in %s", i, cs.name, j, r.text, faceFiles[r.face], w.text, w.font)
					ok = false
					continue
				}
				if got, exp := formatGlyphs(r.glyphs), formatGlyphs(w.glyphs); got != exp {
					t.Errorf("item %d %q %s run %q (%s):\n got %s\nwant %s", i, item, cs.name, r.text, w.font, got, exp)
					ok = false
				}
				glyphs += len(r.glyphs)
			}
			if ok {
				match++
			}
		}
	}
	t.Logf("corpus: %d items x %d styles = %d shapings, %d match hb-shape (%.1f%%), %d glyphs",
		len(items), len(corpusStyles), total, match, 100*float64(match)/float64(total), glyphs)
	if match != total {
		t.Errorf("%d of %d shapings differ from hb-shape", total-match, total)
	}
}
