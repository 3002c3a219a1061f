package whatsapp

import (
	"fmt"
	"strings"
	"testing"
)

func label(i, of int) (string, error) { return fmt.Sprintf("(%d/%d)", i, of), nil }

func TestShort(t *testing.T) {
	got, err := Text("कानपुर जोन *प्रथम*", []byte("प्रेस नोट\n\nकानपुर जोन *प्रथम*\n\nपहला अनुच्छेद।\n\n\n"), label)
	if err != nil {
		t.Fatal(err)
	}
	// The note's own headline line is not repeated.
	want := "*कानपुर जोन ∗प्रथम∗*\n\nप्रेस नोट\n\nपहला अनुच्छेद।\n"
	if string(got) != want {
		t.Errorf("got %q, want %q", got, want)
	}
	if got, _ := Text("", []byte("नोट\n"), label); string(got) != "नोट\n" {
		t.Errorf("without a headline: %q", got)
	}
}

// A note over the limit is split at paragraph breaks into numbered parts,
// each within the limit, and no text is lost.
func TestSplit(t *testing.T) {
	para := strings.Repeat("आईजीआरएस रैंकिंग में प्रथम स्थान। ", 40) // 1,359 characters: two fit a message, three do not
	var paras []string
	for i := range 7 {
		paras = append(paras, fmt.Sprintf("%d %s", i, strings.TrimSpace(para)))
	}
	txt := strings.Join(paras, "\n\n") + "\n"
	got, err := Text("शीर्षक", []byte(txt), label)
	if err != nil {
		t.Fatal(err)
	}
	parts := strings.Split(string(got), "\n"+PartBreak+"\n\n")
	if len(parts) != 4 {
		t.Fatalf("%d parts, want 4", len(parts))
	}
	var rebuilt []string
	for i, p := range parts {
		if n := Length(p); n > MaxChars {
			t.Errorf("part %d has %d characters", i+1, n)
		}
		num, body, _ := strings.Cut(p, "\n")
		if want := fmt.Sprintf("(%d/4)", i+1); num != want {
			t.Errorf("part %d is numbered %q", i+1, num)
		}
		rebuilt = append(rebuilt, strings.Trim(body, "\n"))
		// Cut at paragraph breaks: each part ends with a whole paragraph.
		if !strings.HasSuffix(strings.TrimSpace(body), "स्थान।") {
			t.Errorf("part %d ends mid-paragraph: %q", i+1, body[len(body)-40:])
		}
	}
	if all := strings.Join(rebuilt, "\n\n"); all != "*शीर्षक*\n\n"+strings.TrimSpace(txt) {
		t.Error("the parts do not make up the note")
	}
}

// One paragraph longer than a message is cut at spaces.
func TestSplitLongParagraph(t *testing.T) {
	txt := strings.Repeat("शब्द ", 2000)
	got, err := Text("", []byte(txt), label)
	if err != nil {
		t.Fatal(err)
	}
	parts := strings.Split(string(got), "\n"+PartBreak+"\n\n")
	if len(parts) != 3 {
		t.Fatalf("%d parts", len(parts))
	}
	words := 0
	for _, p := range parts {
		if Length(p) > MaxChars {
			t.Errorf("part of %d characters", Length(p))
		}
		_, body, _ := strings.Cut(p, "\n")
		for _, w := range strings.Fields(body) {
			if w != "शब्द" {
				t.Errorf("word cut: %q", w)
			}
			words++
		}
	}
	if words != 2000 {
		t.Errorf("%d words, want 2000", words)
	}
}
