package typeset

import (
	"bytes"
	"errors"
	"fmt"
	"math"
	"strings"
	"sync"
	"testing"
)

const sampleHindi = `लखनऊ। वरिष्ठ पुलिस अधीक्षक के निर्देशन में अपराध एवं अपराधियों के विरुद्ध चलाये जा रहे अभियान के अन्तर्गत थाना कोतवाली पुलिस द्वारा दिनांक 25.11.2024 को मुखबिर की सूचना पर एक अभियुक्त को गिरफ्तार किया गया , जिसके कब्जे से चोरी की मोटरसाइकिल (UP-32 AB 1234) बरामद हुई । अभियुक्त के विरुद्ध मु०अ०सं० 302/2024 धारा 379 भा०द०वि० में मुकदमा पंजीकृत कर न्यायालय भेजा गया। Press Note नवम्बर-2024 में 100% मामलों का निस्तारण हुआ ।`

func TestSegmentation(t *testing.T) {
	ts := newTS(t)
	st := Style{Family: Sans, Size: 12}
	type run struct {
		text string
		sc   script
	}
	cases := []struct {
		in   string
		want []run
	}{
		{"नवम्बर-2024", []run{{"नवम्बर-2024", deva}}},
		{"100%", []run{{"100%", deva}}},
		{"2024 में", []run{{"2024 में", deva}}},
		{"दिनांक 25.11.2024 को", []run{{"दिनांक 25.11.2024 को", deva}}},
		{"Police (UP-112) का", []run{{"Police (UP-112) ", latn}, {"का", deva}}},
		{"राम (Police) ने", []run{{"राम ", deva}, {"(Police) ", latn}, {"ने", deva}}},
		{"Dial 112, now", []run{{"Dial 112, now", latn}}},
		{"e-Challan व्यवस्था", []run{{"e-Challan ", latn}, {"व्यवस्था", deva}}},
		{"क्\u200dष", []run{{"क्\u200dष", deva}}},
		{"  कई   spaces\n\tहैं  ", []run{{"कई ", deva}, {"spaces ", latn}, {"हैं", deva}}},
		{"१२३ ।", []run{{"१२३ ।", deva}}},
		// NFC: क + nukta composes to क़ (U+0958 decomposes canonically, so
		// NFC keeps the sequence), é composes.
		{"cafe\u0301", []run{{"café", latn}}},
	}
	for _, c := range cases {
		runs, err := ts.shapeRuns(c.in, st)
		if err != nil {
			t.Errorf("%q: %v", c.in, err)
			continue
		}
		var got []run
		for _, r := range runs {
			got = append(got, run{r.text, r.face.script()})
		}
		if len(got) != len(c.want) {
			t.Errorf("%q: runs %q, want %q", c.in, got, c.want)
			continue
		}
		for i := range got {
			if got[i] != c.want[i] {
				t.Errorf("%q: runs %q, want %q", c.in, got, c.want)
				break
			}
		}
	}
}

func TestMissingCharacter(t *testing.T) {
	ts := newTS(t)
	set := fontSet(t)
	if err := set.Check(sampleHindi); err != nil {
		t.Errorf("Check(sample): %v", err)
	}
	for _, in := range []string{"पुलिस ☃ दल", "日本 police", "पुलिस \U0001F600"} {
		err := set.Check(in)
		var ce *CharError
		if !errors.As(err, &ce) {
			t.Fatalf("Check(%q) = %v, want *CharError", in, err)
		}
		bad := []rune(strings.Fields(strings.ReplaceAll(in, "पुलिस", ""))[0])[0]
		if msg := err.Error(); ce.Char != bad || !strings.Contains(msg, in) || !strings.Contains(msg, string(bad)) || !strings.Contains(msg, fmt.Sprintf("%U", bad)) {
			t.Errorf("Check(%q) = %v", in, err)
		}
		if _, err := ts.LayoutText(in, Style{Size: 12}, Options{Width: 100}); !errors.As(err, &ce) || ce.Char != bad {
			t.Errorf("Layout(%q) error = %v, want CharError for %U", in, err, bad)
		}
	}
}

func lineEnd(l *Line, ts *Typesetter) float64 { // points, from the paragraph's left edge
	n := len(l.pieces) - 1
	if n > 0 && l.pieces[n].glue { // the space the line breaks at, drawn after it
		n--
	}
	return l.xs[n] + l.pieces[n].width(ts.set)
}

func TestLineBreaking(t *testing.T) {
	ts := newTS(t)
	st := Style{Family: Sans, Size: 11}
	words := strings.Fields(sampleHindi)
	for w := 25.0; w <= 180; w += 3.7 {
		for _, al := range []Align{Left, Center, Right, Justify} {
			p, err := ts.LayoutText(sampleHindi, st, Options{Width: w, Align: al})
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for i := range p.Lines {
				l := &p.Lines[i]
				lw := strings.Fields(l.Text)
				if len(lw) == 0 {
					t.Fatalf("width %v: empty line", w)
				}
				if lw[0] == "।" || lw[0] == "," {
					t.Errorf("width %v: line %d starts with %q", w, i, lw[0])
				}
				// A justified line may shrink its spaces to fit.
				if l.Width > w+1e-9 && len(lw) > 1 && !(len(lw) == 2 && (lw[1] == "।" || lw[1] == ",")) && al != Justify {
					t.Errorf("width %v: line %q is %.2f wide", w, l.Text, l.Width)
				}
				end := lineEnd(l, ts) / ts.k
				switch {
				case al == Justify && i < len(p.Lines)-1 && strings.Count(l.Text, " ") > 0:
					if math.Abs(end-w) > 1e-6 {
						t.Errorf("width %v: justified line %q ends at %.4f", w, l.Text, end)
					}
				case al == Right && l.Width <= w:
					if math.Abs(end-w) > 1e-6 {
						t.Errorf("width %v: right-aligned line ends at %.4f", w, end)
					}
				case al == Center && l.Width <= w:
					if math.Abs(l.X-(w-l.Width)/2) > 1e-6 {
						t.Errorf("width %v: centred line starts at %.4f", w, l.X)
					}
				case al == Left || (al == Justify && i == len(p.Lines)-1):
					if l.X != 0 || math.Abs(end-l.Width) > 1e-6 {
						t.Errorf("width %v align %d: line %d not flush left (x %.4f, end %.4f, width %.4f)", w, al, i, l.X, end, l.Width)
					}
				}
				got = append(got, lw...)
			}
			if strings.Join(got, " ") != strings.Join(words, " ") {
				t.Fatalf("width %v: lines do not give back the words:\n%q", w, got)
			}
			if want := float64(len(p.Lines)) * p.Lines[0].Height; math.Abs(p.Height-want) > 1e-9 {
				t.Errorf("height %v, want %v", p.Height, want)
			}
		}
	}
	// Greedy breaking: a line never has room for the next word.
	p, _ := ts.LayoutText(sampleHindi, st, Options{Width: 90})
	for i := 0; i+1 < len(p.Lines); i++ {
		next := strings.Fields(p.Lines[i+1].Text)[0]
		w, _ := ts.Measure(Run{Text: p.Lines[i].Text + " " + next, Style: st})
		if w <= 90 {
			t.Errorf("line %d %q leaves room for %q", i, p.Lines[i].Text, next)
		}
	}
}

func TestMeasureAndFit(t *testing.T) {
	ts := newTS(t)
	st := Style{Family: Serif, Weight: Bold, Size: 20}
	name := "पुलिस अधीक्षक कार्यालय, जनपद गौतमबुद्धनगर (Commissionerate)"
	w20, err := ts.Measure(Run{Text: name, Style: st})
	if err != nil {
		t.Fatal(err)
	}
	st.Size = 10
	w10, _ := ts.Measure(Run{Text: name, Style: st})
	if math.Abs(w20-2*w10) > 1e-9 || w10 <= 0 {
		t.Fatalf("width not proportional to size: %v at 20pt, %v at 10pt", w20, w10)
	}
	size, fits, err := ts.FitSize(name, st, 120, 20, 8)
	if err != nil || !fits {
		t.Fatalf("FitSize: %v %v %v", size, fits, err)
	}
	st.Size = size
	w, _ := ts.Measure(Run{Text: name, Style: st})
	st.Size = size + 0.1
	w2, _ := ts.Measure(Run{Text: name, Style: st})
	if w > 120 || w2 <= 120 {
		t.Errorf("FitSize gave %v pt: width %v, at +0.1 pt %v (box 120)", size, w, w2)
	}
	if s, fits, _ := ts.FitSize(name, st, 10, 20, 8); fits || s != 8 {
		t.Errorf("FitSize into 10 mm = %v, %v; want 8, false", s, fits)
	}
	if s, fits, _ := ts.FitSize("राम", st, 100, 20, 8); !fits || s != 20 {
		t.Errorf("FitSize short text = %v, %v; want 20, true", s, fits)
	}
	p, _ := ts.LayoutText(name, st, Options{})
	if len(p.Lines) != 1 || math.Abs(p.Width-p.Lines[0].Width) > 1e-9 {
		t.Errorf("Width 0 should give one line as wide as the text")
	}
	a, d, lh, err := ts.Metrics(Style{Family: Sans, Size: 12})
	if err != nil || a <= 0 || d <= 0 || lh < a+d {
		t.Errorf("Metrics = %v %v %v %v", a, d, lh, err)
	}
}

func renderSample(t testing.TB, ts *Typesetter) []byte {
	t.Helper()
	pdf := newPDF()
	pdf.AddPage()
	p, err := ts.LayoutText(sampleHindi, Style{Family: Sans, Size: 12, Color: Color{20, 20, 120}}, Options{Width: 170, Align: Justify, LineSpacing: 1.1})
	if err != nil {
		t.Fatal(err)
	}
	if err := p.Draw(pdf, 20, 30); err != nil {
		t.Fatal(err)
	}
	if _, err := ts.DrawLine(pdf, 105, 20, Center, Run{Text: "प्रेस विज्ञप्ति", Style: Style{Family: Serif, Weight: Bold, Size: 16}}); err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := pdf.Output(&b); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// TestDeterministicAndConcurrent: the same input gives the same bytes,
// whether drawn by one Typesetter twice or by fresh Typesetters on several
// goroutines sharing one FontSet.
func TestDeterministicAndConcurrent(t *testing.T) {
	ts := newTS(t)
	first := renderSample(t, ts)
	if again := renderSample(t, ts); !bytes.Equal(first, again) {
		t.Fatal("same Typesetter, same input: different PDF bytes")
	}
	var wg sync.WaitGroup
	outs := make([][]byte, 4)
	for i := range outs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			ts := newTS(t)
			for range 3 {
				outs[i] = renderSample(t, ts)
			}
		}()
	}
	wg.Wait()
	for i, o := range outs {
		if !bytes.Equal(first, o) {
			t.Errorf("goroutine %d produced different bytes", i)
		}
	}
}

func TestUnitMismatch(t *testing.T) {
	ts, err := NewTypesetter(fontSet(t), "pt")
	if err != nil {
		t.Fatal(err)
	}
	pdf := newPDF() // mm
	pdf.AddPage()
	if _, err := ts.DrawLine(pdf, 10, 10, Left, Run{Text: "राम", Style: Style{Size: 12}}); err == nil {
		t.Error("drawing with a pt Typesetter into a mm document should fail")
	}
	if _, err := NewTypesetter(fontSet(t), "furlong"); err == nil {
		t.Error("unknown unit accepted")
	}
}

// A Checker finds what Check finds, text by text, however often it has
// seen a character before (drawable or not, in the BMP or beyond it).
func TestCheckerIsCheck(t *testing.T) {
	set := fontSet(t)
	c := set.Checker()
	texts := []string{sampleHindi, "पुलिस ☃ दल", "日本 police", "पुलिस \U0001F600", "पुलिस \U0001F600",
		"क़ानून", "क\u093c", "ab\xffc", "", " \t", "☃", sampleHindi, "Kanpur Zone 2024", "😀 x", "日本 police"}
	for _, text := range append(texts, texts...) {
		want, got := set.Check(text), c.Check(text)
		if fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("Checker.Check(%q) = %v, Check = %v", text, got, want)
		}
		var ce *CharError
		if errors.As(want, &ce) && !errors.As(got, &ce) {
			t.Errorf("Checker.Check(%q) = %v, want a *CharError", text, got)
		}
	}
}
