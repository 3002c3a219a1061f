package plan_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/igrs-pro/bulletin/bulletin/card"
	"github.com/igrs-pro/bulletin/bulletin/dataset"
	"github.com/igrs-pro/bulletin/bulletin/internal/testtools"
	"github.com/igrs-pro/bulletin/bulletin/plan"
	"github.com/igrs-pro/bulletin/bulletin/trend"
	"github.com/igrs-pro/bulletin/bulletin/typeset"
	"github.com/igrs-pro/bulletin/fonts"
	"github.com/igrs-pro/bulletin/templates"
)

func cardLayout(t *testing.T) *card.Layout {
	t.Helper()
	b, err := templates.FS.ReadFile(card.LayoutFile)
	if err != nil {
		t.Fatal(err)
	}
	l, err := card.ParseLayout(b, nil, "")
	if err != nil {
		t.Fatal(err)
	}
	return l
}

// With press.trend_page the PDF note gets the trend chart as its second
// page, drawn as vectors and text; without it the note keeps its one page.
func TestTrendPage(t *testing.T) {
	pdfinfo := testtools.RequireTool(t, "pdfinfo")
	in := example(t)
	m := dataset.Month{Year: 2024, Month: time.November}
	set, err := typeset.NewFontSet(fonts.FS)
	if err != nil {
		t.Fatal(err)
	}
	ts, err := typeset.NewTypesetter(set, "mm")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	for _, on := range []bool{false, true} {
		in.Config.Press.TrendPage = on
		p, err := in.Month(plan.Options{Month: m, Date: time.Date(2024, 12, 2, 0, 0, 0, 0, time.UTC), Notes: true, Cards: cardLayout(t)})
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range p.PDFs {
			if d.Path != "press-note.hi.pdf" {
				continue
			}
			b, err := d.Draw(ts)
			if err != nil {
				t.Fatal(err)
			}
			path := filepath.Join(dir, "note.pdf")
			os.WriteFile(path, b, 0o644)
			out, err := exec.Command(pdfinfo, path).Output()
			if err != nil {
				t.Fatal(err)
			}
			want := "Pages:           1"
			if on {
				want = "Pages:           2"
			}
			if !strings.Contains(string(out), want) {
				t.Errorf("trend_page %v: pdfinfo says\n%s", on, out)
			}
			if !on {
				continue
			}
			// The chart is vectors and text: its title and month names
			// copy out of page 2, shaped Hindi and all.
			text, err := exec.Command(testtools.RequireTool(t, "pdftotext"), "-f", "2", "-l", "2", path, "-").Output()
			if err != nil {
				t.Fatal(err)
			}
			f, _ := in.Facts(m)
			h, _ := in.History(f)
			lang, _ := in.Lang("hi")
			tx, err := trend.TextsFor(lang, f.Scope.UnitRef, h)
			if err != nil {
				t.Fatal(err)
			}
			for _, w := range []string{tx.Title, tx.Span, tx.First, tx.Gap, tx.Months[0], tx.Months[len(tx.Months)-1]} {
				if !strings.Contains(string(text), w) {
					t.Errorf("page 2 lacks %q; pdftotext:\n%s", w, text)
				}
			}
		}
	}
}

// A month before history_from is built (its note, cards without a trend):
// it used to stop build and validate with "trend: history from 2024-10
// ends before it starts, at 2024-09".
func TestMonthBeforeHistoryFrom(t *testing.T) {
	in := example(t)
	in.Config.HistoryFrom = "2024-10"
	m := dataset.Month{Year: 2024, Month: time.September}
	f, err := in.Facts(m)
	if err != nil {
		t.Fatal(err)
	}
	h, err := in.History(f)
	if err != nil || len(h.Months) != 0 {
		t.Fatalf("history of a month before history_from = %d months, %v; want none, no error", len(h.Months), err)
	}
	p, err := in.Month(plan.Options{Month: m, Date: time.Date(2024, 10, 2, 0, 0, 0, 0, time.UTC), Notes: true, Cards: cardLayout(t)})
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range p.PDFs {
		if strings.HasPrefix(d.Path, "trend.") {
			t.Errorf("planned %s for a month before history_from", d.Path)
		}
	}
	in.Config.HistoryFrom = "2024-09"
	if f, err = in.Facts(m); err != nil {
		t.Fatal(err)
	}
	if h, err = in.History(f); err != nil || len(h.Months) != 1 {
		t.Errorf("history from the month itself = %d months, %v; want 1", len(h.Months), err)
	}
}
