package cli

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/igrs-pro/bulletin/bulletin/internal/testtools"
)

// levelNames is a state-wide fixture shaped like the offices' real data:
// unit names typed with their level word (कानपुर जोन, झाँसी परिक्षेत्र,
// जनपद औरैया, थाना बिधूना, महिला थाना, Kanpur Nagar Commissionerate) and
// rankings from 2024-04 on, the months before never published. See
// testdata/levelnames/README.md.
const levelNames = "testdata/levelnames"

// The fixture's golden notes of 2024-11: the zone without and with
// history_from (the year's tally only with it), the state, and a range
// with press.joint (and its thanas named).
var levelNameCases = []struct {
	name string
	args []string
}{
	{"zone", []string{"--scope", "z-kanpur"}},
	{"zone-history", []string{"--scope", "z-kanpur", "--set", "history_from=2024-01"}},
	{"state-history", []string{"--scope", "up", "--set", "history_from=2024-01"}},
	{"range-joint", []string{"--scope", "r-jhansi", "--set", "history_from=2024-01", "--set", "press.joint=true"}},
}

func levelNameArgs(extra ...string) []string {
	return append([]string{"--config", repoConfig, "--units", filepath.Join(levelNames, "units.csv"),
		"--rankings", filepath.Join(levelNames, "rankings")}, extra...)
}

// doubled finds a level word written twice: "जोन जोन", "परिक्षेत्र परिक्षेत्र",
// "Range Ranges", "Zone Zone", ...
var doubled = regexp.MustCompile(`(जोन|ज़ोन|परिक्षेत्र|रेंज|जनपद|थाना|कमिश्नरेट) (जोन|ज़ोन|परिक्षेत्र|रेंज|जनपद)\b|(?i)\b(zone|range|district|police station|commissionerate)s? (zones?|ranges?|districts?|police stations?)\b`)

func TestLevelNamesGolden(t *testing.T) {
	pdftotext := testtools.RequireTool(t, "pdftotext")
	for _, c := range levelNameCases {
		t.Run(c.name, func(t *testing.T) {
			out := t.TempDir()
			args := levelNameArgs(append(c.args, "press", "--month", "2024-11", "--out", out)...)
			code, _, stderr := run(t, args...)
			if code != 0 {
				t.Fatalf("exit %d: %s", code, stderr)
			}
			for _, lang := range []string{"hi", "en"} {
				for _, format := range []string{"txt", "md", "html"} {
					name := "press-note." + lang + "." + format
					got, err := os.ReadFile(filepath.Join(out, "2024-11", name))
					if err != nil {
						t.Fatal(err)
					}
					if m := doubled.FindString(string(got)); m != "" {
						t.Errorf("%s: level word doubled: %q", name, m)
					}
					golden(t, filepath.Join("testdata", "golden", "levelnames", c.name, name), got)
				}
				pdfHasTheText(t, pdftotext, filepath.Join(out, "2024-11"), lang)
			}
		})
	}
}

// The year's tally appears only with a history that covers the year: the
// rankings begin in April, so without history_from (or with it after
// January) the tally is left out and a notice names history_from.
func TestYearTallyNeedsTheWholeYear(t *testing.T) {
	for _, c := range []struct {
		from         string
		tally        bool
		notice       bool
		headlineYear bool
	}{
		{"", false, true, false},
		{"2024-04", false, true, false},
		{"2024-02", false, true, false},
		{"2024-01", true, false, true},
		{"2023-06", true, false, true},
	} {
		args := []string{"--scope", "z-kanpur"}
		if c.from != "" {
			args = append(args, "--set", "history_from="+c.from)
		}
		for _, cmd := range [][]string{{"press", "--lang", "hi", "--format", "txt", "--out", "-"}, {"validate"}} {
			code, out, stderr := run(t, levelNameArgs(append(append(args, cmd...), "--month", "2024-11")...)...)
			if code != 0 {
				t.Fatalf("history_from %q, %s: exit %d: %s", c.from, cmd[0], code, stderr)
			}
			notice := strings.Contains(stderr, "notice: ") && strings.Contains(stderr, `set history_from = "2024-01"`)
			if notice != c.notice || strings.Count(stderr, "notice: ") > 1 {
				t.Errorf("history_from %q, %s: stderr %q; want a notice naming history_from: %v", c.from, cmd[0], stderr, c.notice)
			}
			if cmd[0] != "press" {
				continue
			}
			if got := strings.Contains(out, "वर्ष 2024 में जारी 08 माह की रैंकिंग में कानपुर जोन 07 बार"); got != c.tally {
				t.Errorf("history_from %q: tally in the note = %v, want %v\n%s", c.from, got, c.tally, out)
			}
			if got := strings.Contains(out, "वर्ष 2024 में 08 में से 07 बार प्रथम"); got != c.headlineYear {
				t.Errorf("history_from %q: tally in the headline = %v, want %v", c.from, got, c.headlineYear)
			}
		}
	}
}

// pdfHasTheText checks that the PDF note of lang in dir carries the words
// of its text note: every line of the txt is in the PDF's text (pdftotext),
// line breaks aside.
func pdfHasTheText(t *testing.T, pdftotext, dir, lang string) {
	t.Helper()
	txt, err := os.ReadFile(filepath.Join(dir, "press-note."+lang+".txt"))
	if err != nil {
		t.Fatal(err)
	}
	b, err := exec.Command(pdftotext, filepath.Join(dir, "press-note."+lang+".pdf"), "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	pdf := strings.Join(strings.Fields(string(b)), " ")
	for _, line := range strings.Split(string(txt), "\n") {
		if line = strings.Join(strings.Fields(line), " "); line != "" && !strings.Contains(pdf, line) {
			t.Errorf("press-note.%s.pdf lacks %q", lang, line)
		}
	}
}
