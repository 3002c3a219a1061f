package dataset_test

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/igrs-pro/bulletin/bulletin/dataset"
)

// goodUnits is a small hierarchy: a state, a zone, a range, a district and
// two thanas.
const goodUnits = `id,level,parent,name_hi,name_en
up,state,,उत्तर प्रदेश,Uttar Pradesh
z-kanpur,zone,up,कानपुर जोन,Kanpur Zone
r-kanpur,range,z-kanpur,कानपुर रेंज,Kanpur Range
d-auraiya,district,r-kanpur,औरैया,Auraiya
t-bidhuna,thana,d-auraiya,बिधूना,Bidhuna
t-dibiyapur,thana,d-auraiya,दिबियापुर,Dibiyapur
`

const goodRankings = `month,unit,rank,score,max_score
2024-11,d-auraiya,1,120,125
2024-11,t-bidhuna,2,110,125
2024-11,t-dibiyapur,2,110,125
`

// load writes files (path relative to a temporary folder -> content) and
// calls dataset.Load with DIR/units.csv and DIR/<rankings>. It returns the
// data and the error text with the folder written as "DIR".
func load(t *testing.T, files map[string]string, rankings string) (*dataset.Data, string) {
	t.Helper()
	dir := t.TempDir()
	for name, text := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	d, err := dataset.Load(filepath.Join(dir, "units.csv"), filepath.Join(dir, filepath.FromSlash(rankings)))
	if err == nil {
		return d, ""
	}
	if d != nil {
		t.Errorf("Load returned data and an error")
	}
	msg := strings.ReplaceAll(err.Error(), dir+string(filepath.Separator), "DIR/")
	return d, strings.ReplaceAll(msg, string(filepath.Separator), "/")
}

// unitsWith returns goodUnits with extra rows appended.
func unitsWith(rows ...string) string { return goodUnits + strings.Join(rows, "\n") + "\n" }

// rankingsWith returns goodRankings with extra rows appended.
func rankingsWith(rows ...string) string { return goodRankings + strings.Join(rows, "\n") + "\n" }

func TestLoadProblems(t *testing.T) {
	const header = "id,level,parent,name_hi,name_en\n"
	tests := []struct {
		name     string
		units    string // "" means goodUnits
		rankings string // "" means goodRankings
		want     string
	}{
		{
			name:     "unknown unit in rankings, with a suggestion",
			rankings: rankingsWith("2024-10,t-bidhna,1,,"),
			want:     `DIR/r.csv:5: unknown unit "t-bidhna"; did you mean "t-bidhuna"? (unit ids come from units.csv)`,
		},
		{
			name:     "rank in Go number syntax (issue 10, case 14)",
			rankings: rankingsWith("2024-10,t-bidhuna,0_1,,"),
			want:     `DIR/r.csv:5: rank "0_1" is not a positive whole number; write the rank like 1 or 21 (tied units share a rank)`,
		},
		{
			name:     "score in Go hex float syntax",
			rankings: rankingsWith("2024-10,t-bidhuna,1,0x1p4,"),
			want:     `DIR/r.csv:5: score "0x1p4" is not a number; write it like 124.5, or leave it empty`,
		},
		{
			name:  "name of only a zero-width space",
			units: unitsWith("t-ajitmal,thana,d-auraiya,\u200b,Ajitmal"),
			want:  `DIR/units.csv:8: name_hi of unit "t-ajitmal" has no letter, only invisible characters, marks or punctuation; write the unit's name`,
		},
		{
			name:  "name of only a vowel sign",
			units: unitsWith("t-ajitmal,thana,d-auraiya,ि,Ajitmal"),
			want:  `DIR/units.csv:8: name_hi of unit "t-ajitmal" begins with the mark or vowel sign U+093F "ि", which has no letter to sit on; write the letter before it`,
		},
		{
			name:  "name with a bidi control",
			units: unitsWith("t-ajitmal,thana,d-auraiya,अजीतमल,Ajit\u202emal"),
			want:  `DIR/units.csv:8: name_en of unit "t-ajitmal" holds the bidi control U+202E, which reorders the text around it; remove it`,
		},
		{
			name:  "id too long (issue 10, case 10)",
			units: unitsWith("t-" + strings.Repeat("a", 99) + ",thana,d-auraiya,अजीतमल,Ajitmal"),
			want:  `DIR/units.csv:8: unit id "t-aaaaaaaaaaaaaaaaaa"... is 101 characters long; the most it may have is 100 (it becomes a file name): shorten it`,
		},
		{
			name:  "reserved id: the suggestion is not reserved itself",
			units: unitsWith("nul.x,thana,d-auraiya,अजीतमल,Ajitmal"),
			want:  `DIR/units.csv:8: unit id "nul.x" is a name Windows keeps for a device and cannot be a file name; add to it, e.g. "nul-1.x"`,
		},
		{
			name:     "unknown unit in rankings, nothing close",
			rankings: rankingsWith("2024-10,kotwali-nagar,1,,"),
			want:     `DIR/r.csv:5: unknown unit "kotwali-nagar"; add it to units.csv or correct the id`,
		},
		{
			name:  "duplicate unit id",
			units: unitsWith("t-bidhuna,thana,d-auraiya,बिधूना 2,Bidhuna 2"),
			want:  `DIR/units.csv:8: duplicate unit id "t-bidhuna", first used at DIR/units.csv:6; give each unit its own id`,
		},
		{
			name:     "duplicate month and unit",
			rankings: rankingsWith("2024-11,t-bidhuna,3,100,125"),
			want:     `DIR/r.csv:5: second row for unit "t-bidhuna" in 2024-11, the first is at DIR/r.csv:3; keep one row per unit and month`,
		},
		{
			name:  "unknown level",
			units: unitsWith("t-ajitmal,police-station,d-auraiya,अजीतमल,Ajitmal"),
			want:  `DIR/units.csv:8: unknown level "police-station"; use one of state, zone, range, district, thana`,
		},
		{
			name:  "parent of the wrong level",
			units: unitsWith("t-ajitmal,thana,r-kanpur,अजीतमल,Ajitmal"),
			want:  `DIR/units.csv:8: thana "t-ajitmal" has parent "r-kanpur", which is a range; the parent of a thana must be a district`,
		},
		{
			name:  "unknown parent, with a suggestion",
			units: unitsWith("t-ajitmal,thana,d-auraia,अजीतमल,Ajitmal"),
			want:  `DIR/units.csv:8: parent "d-auraia" of unit "t-ajitmal" is not a unit id in this file; did you mean "d-auraiya"?`,
		},
		{
			name: "cycle",
			units: header +
				"z-kanpur,zone,,कानपुर जोन,Kanpur Zone\n" +
				"d-etawah,district,t-jaswantnagar,इटावा,Etawah\n" +
				"t-jaswantnagar,thana,d-etawah,जसवंतनगर,Jaswantnagar\n",
			rankings: "month,unit,rank\n2024-11,z-kanpur,1\n",
			want: `DIR/units.csv:3: unit "d-etawah" is its own ancestor (d-etawah → t-jaswantnagar → d-etawah); fix the parent column so that each unit points to the unit above it` + "\n" +
				`DIR/units.csv:4: unit "t-jaswantnagar" is its own ancestor (t-jaswantnagar → d-etawah → t-jaswantnagar); fix the parent column so that each unit points to the unit above it`,
		},
		{
			name:  "missing column in units",
			units: "id,level,parent,name_hi\nup,state,,उत्तर प्रदेश\n",
			want:  `DIR/units.csv:1: missing column "name_en"; the header row must name id,level,parent,name_hi,name_en (any order, extra columns allowed)`,
		},
		{
			name:     "missing columns in rankings",
			rankings: "month,unit_id,position\n2024-11,t-bidhuna,1\n",
			want:     `DIR/r.csv:1: missing column "unit", "rank"; the header row must name month,unit,rank (any order, extra columns allowed)`,
		},
		{
			name:     "month not YYYY-MM",
			rankings: rankingsWith("24-Nov,t-bidhuna,1,,"),
			want:     `DIR/r.csv:5: month "24-Nov" is not YYYY-MM; write the month as year-month, e.g. 2024-11 (Nov-2024, Nov-24, November 2024, 11/2024 and an Excel date on the 1st of the month are read too)`,
		},
		{
			name:     "rank zero",
			rankings: rankingsWith("2024-10,t-bidhuna,0,,"),
			want:     `DIR/r.csv:5: rank "0" is not a positive whole number; write the rank like 1 or 21 (tied units share a rank)`,
		},
		{
			name:     "rank with a fraction",
			rankings: rankingsWith("2024-10,t-bidhuna,1.5,,"),
			want:     `DIR/r.csv:5: rank "1.5" is not a positive whole number; write the rank like 1 or 21 (tied units share a rank)`,
		},
		{
			name:     "rank empty",
			rankings: rankingsWith("2024-10,t-bidhuna,,,"),
			want:     `DIR/r.csv:5: the rank cell is empty; write the unit's rank like 1 or 21`,
		},
		{
			name:     "score above max_score",
			rankings: rankingsWith("2024-10,t-bidhuna,1,130,125"),
			want:     `DIR/r.csv:5: score 130 is above max_score 125; correct the score or the maximum marks`,
		},
		{
			name:     "max_score zero",
			rankings: rankingsWith("2024-10,t-bidhuna,1,0,0"),
			want:     `DIR/r.csv:5: max_score "0" is not a positive number; write the maximum marks like 125, or leave it empty`,
		},
		{
			name:  "empty units file",
			units: " \r\n\r\n",
			want:  `DIR/units.csv: the file is empty; it needs a header row "id,level,parent,name_hi,name_en" and one row per unit`,
		},
		{
			name:     "empty rankings file",
			rankings: "\xEF\xBB\xBF",
			want:     `DIR/r.csv: the file is empty; it needs a header row "month,unit,rank" and one row per unit and month`,
		},
		{
			name:     "header-only rankings file",
			rankings: "month,unit,rank,score,max_score\r\n",
			want:     `DIR/r.csv:1: the file has a header but no rows; add one row per unit and month`,
		},
		{
			name:  "unit id with a slash",
			units: unitsWith("d-auraiya/bidhuna,thana,d-auraiya,अजीतमल,X"),
			want:  `DIR/units.csv:8: unit id "d-auraiya/bidhuna" cannot be used in file names; use only letters, digits, '-', '_' and '.' (no '..'), starting with a letter or digit`,
		},
		{
			name:  "unit id with dot-dot",
			units: unitsWith("t..x,thana,d-auraiya,अजीतमल,X"),
			want:  `DIR/units.csv:8: unit id "t..x" cannot be used in file names; use only letters, digits, '-', '_' and '.' (no '..'), starting with a letter or digit`,
		},
		{
			name:  "unit id starting with a dot",
			units: unitsWith(".hidden,thana,d-auraiya,अजीतमल,X"),
			want:  `DIR/units.csv:8: unit id ".hidden" cannot be used in file names; use only letters, digits, '-', '_' and '.' (no '..'), starting with a letter or digit`,
		},
		{
			name:  "unit id with a control character",
			units: unitsWith("t-a\x07b,thana,d-auraiya,अजीतमल,X"),
			want:  `DIR/units.csv:8: unit id "t-a\ab" cannot be used in file names; use only letters, digits, '-', '_' and '.' (no '..'), starting with a letter or digit`,
		},
		{
			name:  "empty unit id",
			units: unitsWith(",thana,d-auraiya,अजीतमल,X"),
			want:  `DIR/units.csv:8: the id cell is empty; give every unit a short unique id such as t-auraiya-bidhuna`,
		},
		{
			name:  "invalid UTF-8 (Windows-1252 text)",
			units: unitsWith("t-ajitmal,thana,d-auraiya,अजीतमल,Caf\xe9"),
			want:  `DIR/units.csv:8: the file is not valid UTF-8 (it was probably saved in a legacy encoding); in Excel use Save As > "CSV UTF-8 (Comma delimited)"`,
		},
		{
			name:     "UTF-16 file",
			rankings: "\xFF\xFEm\x00o\x00n\x00t\x00h\x00",
			want:     `DIR/r.csv:1: the file is UTF-16 text (Excel's "Unicode Text"), not UTF-8; in Excel use Save As > "CSV UTF-8 (Comma delimited)"`,
		},
		{
			name:     "blank rows are skipped and do not shift line numbers",
			rankings: "month,unit,rank\n\n2024-11,t-bidhuna,1\n , , \n,,\n2024-11,t-bidhna,2\n",
			want:     `DIR/r.csv:6: unknown unit "t-bidhna"; did you mean "t-bidhuna"? (unit ids come from units.csv)`,
		},
		{
			name:     "CSV quote error",
			rankings: rankingsWith(`2024-10,t-bi"dhuna,1,,`),
			want:     `DIR/r.csv:5: the row cannot be read as CSV (bare " in non-quoted-field); check the quotes in this row`,
		},
		{
			name:     "ranking for the state",
			rankings: rankingsWith("2024-10,up,1,,"),
			want:     `DIR/r.csv:5: unit "up" is the state, which is not ranked; remove this row`,
		},
		{
			name:  "range without parent",
			units: unitsWith("r-agra,range,,आगरा रेंज,Agra Range"),
			want:  `DIR/units.csv:8: range "r-agra" has no parent; write the id of its zone in the parent column`,
		},
		{
			name:  "duplicate header column",
			units: "id,level,parent,name_hi,name_en,ID\nup,state,,उत्तर प्रदेश,Uttar Pradesh,up\n",
			want:  `DIR/units.csv:1: column "id" appears twice in the header; keep one`,
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			units, rankings := tc.units, tc.rankings
			if units == "" {
				units = goodUnits
			}
			if rankings == "" {
				rankings = goodRankings
			}
			_, got := load(t, map[string]string{"units.csv": units, "r.csv": rankings}, "r.csv")
			if got != tc.want {
				t.Errorf("error:\n got: %s\nwant: %s", got, tc.want)
			}
		})
	}
}

// TestLoadGood checks that the fixture of TestLoadProblems is itself valid,
// so that each problem row fails for its own reason only.
func TestLoadGood(t *testing.T) {
	d, msg := load(t, map[string]string{"units.csv": goodUnits, "r.csv": goodRankings}, "r.csv")
	if msg != "" {
		t.Fatalf("Load: %s", msg)
	}
	if len(d.Units) != 6 || d.NumRankings() != 3 {
		t.Errorf("got %d units and %d rankings, want 6 and 3", len(d.Units), d.NumRankings())
	}
}

func TestLoadReportsAllProblemsSorted(t *testing.T) {
	// Validate finds duplicate ids in a first pass and parents in a second,
	// so unsorted the line 9 problem would come first.
	units := unitsWith(
		"t-ajitmal,thana,r-kanpur,अजीतमल,Ajitmal",      // line 8: wrong parent level
		"t-bidhuna,thana,d-auraiya,बिधूना,Bidhuna",     // line 9: duplicate id
		"t-bakewar,thana,d-auraia,बकेवर,Bakewar",       // line 10: unknown parent
		"t-achalda,thana,d-auraiya,अछल्दा,Achhalda",    // line 11: fine
		"t-phaphund,thana,t-achalda,फफूंद,Phaphund",    // line 12: wrong parent level
		"t-sahayal,thana,d-auraiya,सहायल,Sahayal",      // line 13: fine
		"t-yakubpur,thana,d-auraiya,याकूबपुर,Yakubpur", // line 14: fine
	)
	rankings := rankingsWith(
		"2024-10,t-bidhuna,1,,",
		"2024-10,t-achalda,0,,",      // line 6: bad rank
		"2024-13,t-sahayal,1,,",      // line 7: bad month
		"2024-10,t-yakubpr,1,,",      // line 8: unknown unit (valid row otherwise)
		"2024-10,t-dibiyapur,1,9,8",  // line 9: score above max
		"2024-10,t-dibiyapur,x,9,8x", // line 10: two problems on one line
	)
	_, got := load(t, map[string]string{"units.csv": units, "r.csv": rankings}, "r.csv")
	// Units with row problems stop the cross-checks, so these are the
	// units.csv problems found by Validate together with the rankings.
	want := strings.Join([]string{
		`DIR/r.csv:6: rank "0" is not a positive whole number; write the rank like 1 or 21 (tied units share a rank)`,
		`DIR/r.csv:7: month "2024-13" is not YYYY-MM; write the month as year-month, e.g. 2024-11 (Nov-2024, Nov-24, November 2024, 11/2024 and an Excel date on the 1st of the month are read too)`,
		`DIR/r.csv:8: unknown unit "t-yakubpr"; did you mean "t-yakubpur"? (unit ids come from units.csv)`,
		`DIR/r.csv:9: score 9 is above max_score 8; correct the score or the maximum marks`,
		`DIR/r.csv:10: rank "x" is not a positive whole number; write the rank like 1 or 21 (tied units share a rank)`,
		`DIR/r.csv:10: max_score "8x" is not a positive number; write the maximum marks like 125, or leave it empty`,
		`DIR/units.csv:8: thana "t-ajitmal" has parent "r-kanpur", which is a range; the parent of a thana must be a district`,
		`DIR/units.csv:9: duplicate unit id "t-bidhuna", first used at DIR/units.csv:6; give each unit its own id`,
		`DIR/units.csv:10: parent "d-auraia" of unit "t-bakewar" is not a unit id in this file; did you mean "d-auraiya"?`,
		`DIR/units.csv:12: thana "t-phaphund" has parent "t-achalda", which is a thana; the parent of a thana must be a district`,
	}, "\n")
	if got != want {
		t.Errorf("error:\n got:\n%s\nwant:\n%s", got, want)
	}
}

func TestLoadThreeBadRowsThreeLines(t *testing.T) {
	rankings := "month,unit,rank\n2024-11,t-bidhuna,-1\n2024-11,t-dibiyapur,1\n24-11,d-auraiya,1\n2024-11,t-bidhuna,abc\n"
	_, got := load(t, map[string]string{"units.csv": goodUnits, "r.csv": rankings}, "r.csv")
	want := `DIR/r.csv:2: rank "-1" is not a positive whole number; write the rank like 1 or 21 (tied units share a rank)` + "\n" +
		`DIR/r.csv:4: month "24-11" is not YYYY-MM; write the month as year-month, e.g. 2024-11 (Nov-2024, Nov-24, November 2024, 11/2024 and an Excel date on the 1st of the month are read too)` + "\n" +
		`DIR/r.csv:5: rank "abc" is not a positive whole number; write the rank like 1 or 21 (tied units share a rank)`
	if got != want {
		t.Errorf("error:\n got:\n%s\nwant:\n%s", got, want)
	}
}

func TestLoadProblemsType(t *testing.T) {
	dir := t.TempDir()
	up, rp := filepath.Join(dir, "units.csv"), filepath.Join(dir, "r.csv")
	if err := os.WriteFile(up, []byte(goodUnits), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(rp, []byte(rankingsWith("2024-10,t-x,1,,", "2024-10,t-y,1,,")), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := dataset.Load(up, rp)
	var ps dataset.Problems
	if !errors.As(err, &ps) {
		t.Fatalf("Load error is %T, want dataset.Problems", err)
	}
	if len(ps) != 2 || ps[0].Pos != (dataset.Pos{File: rp, Line: 5}) || ps[1].Pos.Line != 6 {
		t.Errorf("problems = %+v", ps)
	}
}

func TestLoadTooManyProblems(t *testing.T) {
	for _, extra := range []int{0, 1, 3} {
		t.Run(fmt.Sprint(extra), func(t *testing.T) {
			var b strings.Builder
			b.WriteString("month,unit,rank\n")
			n := dataset.MaxProblems + extra
			for i := 0; i < n; i++ {
				fmt.Fprintf(&b, "2024-%03d,t-bidhuna,1\n", i) // three digits of month: always bad
			}
			_, got := load(t, map[string]string{"units.csv": goodUnits, "r.csv": b.String()}, "r.csv")
			lines := strings.Split(got, "\n")
			wantLines := dataset.MaxProblems
			if extra > 0 {
				wantLines++
			}
			if len(lines) != wantLines {
				t.Fatalf("got %d lines, want %d:\n%s", len(lines), wantLines, got)
			}
			for i, l := range lines[:dataset.MaxProblems] {
				if want := fmt.Sprintf("DIR/r.csv:%d: month \"2024-%03d\" is not YYYY-MM;", i+2, i); !strings.HasPrefix(l, want) {
					t.Errorf("line %d = %q, want prefix %q", i, l, want)
				}
			}
			switch extra {
			case 1:
				if l := lines[len(lines)-1]; l != "... and 1 more problem" {
					t.Errorf("last line = %q", l)
				}
			case 3:
				if l := lines[len(lines)-1]; l != "... and 3 more problems" {
					t.Errorf("last line = %q", l)
				}
			}
		})
	}
}

func TestLoadPathProblems(t *testing.T) {
	tests := []struct {
		name     string
		files    map[string]string
		rankings string
		want     string
	}{
		{
			name:     "missing units file",
			files:    map[string]string{"r.csv": goodRankings},
			rankings: "r.csv",
			want:     `DIR/units.csv: cannot read the units file (no such file or directory); check the path given by --units or units in config.toml`,
		},
		{
			name:     "missing rankings",
			files:    map[string]string{"units.csv": goodUnits},
			rankings: "r.csv",
			want:     `DIR/r.csv: cannot read the rankings (no such file or directory); check the path given by --rankings or rankings in config.toml`,
		},
		{
			name:     "rankings folder without CSV files",
			files:    map[string]string{"units.csv": goodUnits, "rankings/notes.txt": "x"},
			rankings: "rankings",
			want:     `DIR/rankings: the rankings folder has no .csv or .xlsx files; put one file per month in it (header month,unit,rank,score,max_score)`,
		},
		{
			name: "duplicate month and unit across files of a folder",
			files: map[string]string{
				"units.csv":          goodUnits,
				"rankings/a.csv":     goodRankings,
				"rankings/b.csv":     "month,unit,rank\n2024-10,t-bidhuna,1\n2024-11,t-bidhuna,1\n",
				"rankings/notes.txt": "not read",
			},
			rankings: "rankings",
			want:     `DIR/rankings/b.csv:3: second row for unit "t-bidhuna" in 2024-11, the first is at DIR/rankings/a.csv:3; keep one row per unit and month`,
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, got := load(t, tc.files, tc.rankings)
			if got != tc.want {
				t.Errorf("error:\n got: %s\nwant: %s", got, tc.want)
			}
		})
	}
}

func TestLoadAccepts(t *testing.T) {
	const bom = "\xEF\xBB\xBF"
	// Columns in another order, upper case and extra columns, CRLF, spaces
	// around cells, no state row (the zone has no parent), a commissionerate
	// (a district with no range), names that NFC changes.
	units := bom + strings.Join([]string{
		" name_en , ID ,remarks, Level,parent ,name_hi",
		"Kanpur Zone , z-kanpur ,, zone ,,कानपुर जोन",
		"Kanpur Range,r-kanpur,note,range,z-kanpur,कानपुर रेंज",
		"\"Auraiya, District\",d-auraiya,,district,r-kanpur,औरैया",
		"Cafe\u0301 Chowk,t-bidhuna,,thana,d-auraiya,बिधूना",
		"",
		"Kanpur Nagar,c-kanpur,commissionerate,district,,कानपुर नगर",
		"Kalyanpur,t-kalyanpur,,thana,c-kanpur,\u0915\u0932\u094d\u092f\u093e\u0928\u092a\u0941\u0930 \u0928\u093c",
		"",
	}, "\r\n")
	files := map[string]string{
		"units.csv": units,
		// b.csv is read after a.csv whatever the order of months.
		"rankings/b.csv": bom + "unit , rank,month,max_score,score,remarks\r\n" +
			"t-bidhuna, 2 ,2024-10,125,,\r\n" +
			"d-auraiya,1.0, 2024-10 ,, 99.5,late\r\n" +
			"t-kalyanpur,1,2024-10,,,\r\n",
		"rankings/a.csv": "month,unit,rank,score,max_score\n" +
			"2024-11,t-bidhuna,1,120,125\n" +
			"2024-11,t-kalyanpur,1,120,125\n" +
			"2024-11,c-kanpur,3,,\n",
		"rankings/README.txt": "not a CSV",
	}
	d, msg := load(t, files, "rankings")
	if msg != "" {
		t.Fatalf("Load: %s", msg)
	}

	type unit struct {
		id, parent, hi, en string
		level              dataset.Level
		index, line        int
	}
	var got []unit
	for _, u := range d.Units {
		got = append(got, unit{u.ID, u.Parent, u.NameHi, u.NameEn, u.Level, u.Index, u.Pos.Line})
	}
	want := []unit{
		{"z-kanpur", "", "कानपुर जोन", "Kanpur Zone", dataset.Zone, 0, 2},
		{"r-kanpur", "z-kanpur", "कानपुर रेंज", "Kanpur Range", dataset.Range, 1, 3},
		{"d-auraiya", "r-kanpur", "औरैया", "Auraiya, District", dataset.District, 2, 4},
		{"t-bidhuna", "d-auraiya", "बिधूना", "Caf\u00e9 Chowk", dataset.Thana, 3, 5},
		{"c-kanpur", "", "कानपुर नगर", "Kanpur Nagar", dataset.District, 4, 7},
		{"t-kalyanpur", "c-kanpur", "\u0915\u0932\u094d\u092f\u093e\u0928\u092a\u0941\u0930 \u0929", "Kalyanpur", dataset.Thana, 5, 8},
	}
	if len(got) != len(want) {
		t.Fatalf("units:\n got %+v\nwant %+v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("unit %d:\n got %+v\nwant %+v", i, got[i], want[i])
		}
	}

	// Rankings in file name order, then row order.
	var order []string
	for r := range d.Rankings() {
		order = append(order, fmt.Sprintf("%s %s %s:%d", r.Month, r.Unit, filepath.Base(r.Pos.File), r.Pos.Line))
	}
	wantOrder := []string{
		"2024-11 t-bidhuna a.csv:2", "2024-11 t-kalyanpur a.csv:3", "2024-11 c-kanpur a.csv:4",
		"2024-10 t-bidhuna b.csv:2", "2024-10 d-auraiya b.csv:3", "2024-10 t-kalyanpur b.csv:4",
	}
	if strings.Join(order, "\n") != strings.Join(wantOrder, "\n") {
		t.Errorf("rankings:\n got %q\nwant %q", order, wantOrder)
	}

	oct, nov := month(t, "2024-10"), month(t, "2024-11")
	if ms := d.Months(); len(ms) != 2 || ms[0] != oct || ms[1] != nov {
		t.Errorf("Months() = %v, want [2024-10 2024-11]", ms)
	}
	if l, ok := d.Latest(); !ok || l != nov {
		t.Errorf("Latest() = %v, %v; want 2024-11, true", l, ok)
	}

	r, ok := d.Rank(oct, "d-auraiya")
	if !ok || r.Rank != 1 || !r.HasScore || r.Score != 99.5 || r.HasMax {
		t.Errorf("Rank(2024-10, d-auraiya) = %+v, %v; want rank 1 from \"1.0\", score 99.5, no max", r, ok)
	}
	r, ok = d.Rank(oct, "t-bidhuna")
	if !ok || r.Rank != 2 || r.HasScore || !r.HasMax || r.MaxScore != 125 {
		t.Errorf("Rank(2024-10, t-bidhuna) = %+v, %v; want rank 2, no score, max 125", r, ok)
	}
	r, ok = d.Rank(nov, "t-bidhuna")
	if !ok || r.Rank != 1 || r.Score != 120 || r.MaxScore != 125 {
		t.Errorf("Rank(2024-11, t-bidhuna) = %+v, %v", r, ok)
	}
	if r, ok := d.Rank(nov, "d-auraiya"); ok {
		t.Errorf("Rank(2024-11, d-auraiya) = %+v, want none", r)
	}
	if r, ok := d.Rank(oct, "nowhere"); ok {
		t.Errorf("Rank(2024-10, nowhere) = %+v, want none", r)
	}
	if u, ok := d.Unit("c-kanpur"); !ok || u.Level != dataset.District || u.Parent != "" {
		t.Errorf("Unit(c-kanpur) = %+v, %v", u, ok)
	}
	if _, ok := d.Unit("up"); ok {
		t.Errorf("Unit(up) found without a state row")
	}
}

func TestLoadNoRankingsYieldsNoMonth(t *testing.T) {
	d := dataset.New(nil, nil)
	if _, ok := d.Latest(); ok {
		t.Errorf("Latest() of no rankings reported a month")
	}
}

func month(t *testing.T, s string) dataset.Month {
	t.Helper()
	m, err := dataset.ParseMonth(s)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func TestContains(t *testing.T) {
	units := goodUnits +
		"c-kanpur,district,,कानपुर नगर,Kanpur Nagar\n" +
		"t-kalyanpur,thana,c-kanpur,कल्याणपुर,Kalyanpur\n" +
		"z-agra,zone,up,आगरा जोन,Agra Zone\n"
	d, msg := load(t, map[string]string{"units.csv": units, "r.csv": goodRankings}, "r.csv")
	if msg != "" {
		t.Fatalf("Load: %s", msg)
	}
	tests := []struct {
		scope, id string
		want      bool
	}{
		{"up", "c-kanpur", true},
		{"up", "t-kalyanpur", true},
		{"up", "t-bidhuna", true},
		{"up", "up", true},
		{"up", "nowhere", false},
		{"z-kanpur", "z-kanpur", true},
		{"z-kanpur", "r-kanpur", true},
		{"z-kanpur", "d-auraiya", true},
		{"z-kanpur", "t-dibiyapur", true},
		{"z-kanpur", "c-kanpur", false},
		{"z-kanpur", "t-kalyanpur", false},
		{"z-kanpur", "up", false},
		{"z-kanpur", "z-agra", false},
		{"z-kanpur", "nowhere", false},
		{"r-kanpur", "z-kanpur", false},
		{"d-auraiya", "t-bidhuna", true},
		{"c-kanpur", "t-kalyanpur", true},
		{"c-kanpur", "t-bidhuna", false},
		{"t-bidhuna", "t-dibiyapur", false},
	}
	for _, tc := range tests {
		scope, ok := d.Unit(tc.scope)
		if !ok {
			t.Fatalf("no unit %q", tc.scope)
		}
		if got := d.Contains(scope, tc.id); got != tc.want {
			t.Errorf("Contains(%s, %s) = %v, want %v", tc.scope, tc.id, got, tc.want)
		}
	}
}

func TestIDsThatMakeBadFileNames(t *testing.T) {
	for units, want := range map[string]string{
		"id,level,parent,name_hi,name_en\nz1,zone,,कानपुर,Kanpur\nCON,range,z1,झांसी,Jhansi\n":    `units.csv:3: unit id "CON" is a name Windows keeps for a device and cannot be a file name; add to it, e.g. "CON-1"`,
		"id,level,parent,name_hi,name_en\nz1,zone,,कानपुर,Kanpur\nlpt1.x,range,z1,झांसी,Jhansi\n": `unit id "lpt1.x" is a name Windows keeps for a device`,
		"id,level,parent,name_hi,name_en\nz1,zone,,कानपुर,Kanpur\nZ1,zone,,आगरा,Agra\n":           `units.csv:3: unit id "Z1" differs from "z1" (at DIR/units.csv:2) only in capitals`,
	} {
		dir := t.TempDir()
		u := filepath.Join(dir, "units.csv")
		r := filepath.Join(dir, "r.csv")
		os.WriteFile(u, []byte(units), 0o644)
		os.WriteFile(r, []byte("month,unit,rank\n2024-11,z1,1\n"), 0o644)
		_, err := dataset.Load(u, r)
		if err == nil || !strings.Contains(strings.ReplaceAll(err.Error(), dir, "DIR"), want) {
			t.Errorf("err = %v, want %q", err, want)
		}
	}
}
