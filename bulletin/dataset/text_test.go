package dataset_test

import (
	"strings"
	"testing"
	"time"
	"unicode/utf16"

	"github.com/igrs-pro/bulletin/bulletin/dataset"
)

// utf16Text encodes s as UTF-16, little- or big-endian, with or without
// a byte-order mark.
func utf16Text(s string, big, bom bool) string {
	var b []byte
	units := utf16.Encode([]rune(s))
	if bom {
		units = append([]uint16{0xFEFF}, units...)
	}
	for _, u := range units {
		if big {
			b = append(b, byte(u>>8), byte(u))
		} else {
			b = append(b, byte(u), byte(u>>8))
		}
	}
	return string(b)
}

func TestTextProblems(t *testing.T) {
	const utf16Msg = `: the file is UTF-16 text (Excel's "Unicode Text"), not UTF-8; in Excel use Save As > "CSV UTF-8 (Comma delimited)"`
	legacy := func(file, name, id string) string {
		return file + `: name_hi "` + name + `" of unit "` + id + `" has Latin letters and no Devanagari: it was probably typed in a legacy font such as Kruti Dev; retype it in Unicode (e.g. with Google Input Tools / Windows Hindi Indic keyboard), or write off in a hi_check column if the Latin spelling is meant`
	}
	withCheck := "id,level,parent,name_hi,name_en,hi_check\n" +
		"up,state,,उत्तर प्रदेश,Uttar Pradesh,\n" +
		"z-kanpur,zone,up,कानपुर जोन,Kanpur Zone,on\n" +
		"r-kanpur,range,z-kanpur,कानपुर रेंज,Kanpur Range,\n" +
		"d-auraiya,district,r-kanpur,औरैया,Auraiya,\n"
	tests := []struct {
		name, units, rankings, want string
	}{
		{"UTF-16 LE with BOM", utf16Text(goodUnits, false, true), "", "DIR/units.csv:1" + utf16Msg},
		{"UTF-16 BE with BOM", utf16Text(goodUnits, true, true), "", "DIR/units.csv:1" + utf16Msg},
		{"UTF-16 LE without BOM", "", utf16Text(goodRankings, false, false), "DIR/r.csv:1" + utf16Msg},
		{"UTF-16 BE without BOM", "", utf16Text(goodRankings, true, false), "DIR/r.csv:1" + utf16Msg},
		{"UTF-16 LE without BOM, Hindi", utf16Text(goodUnits, false, false), "", "DIR/units.csv:1" + utf16Msg},
		{"NUL bytes", "", goodRankings + "2024-10,t-bidhuna\x00,1\n", `DIR/r.csv:5: the file holds NUL bytes, so it is not CSV text; in Excel use Save As > "CSV UTF-8 (Comma delimited)"`},
		{"a workbook named .csv", "", "PK\x03\x04rest", `DIR/r.csv: the file is an Excel workbook, not CSV text; name it .xlsx, or in Excel use Save As > "CSV UTF-8 (Comma delimited)"`},
		{"Kruti Dev name", unitsWith("t-x,thana,d-auraiya,dkuiqj,Kanpur"), "", legacy("DIR/units.csv:8", "dkuiqj", "t-x")},
		{"Kruti Dev name with digits and signs", unitsWith("t-x,thana,d-auraiya,Fkkuk 1 & 2,Thana 1 and 2"), "", legacy("DIR/units.csv:8", "Fkkuk 1 & 2", "t-x")},
		{"hi_check on still checks", withCheck + "t-x,thana,d-auraiya,vkSjS;k,Auraiya,ON\n", "month,unit,rank\n2024-11,d-auraiya,1\n", legacy("DIR/units.csv:6", "vkSjS;k", "t-x")},
		{"hi_check neither on nor off", withCheck + "t-x,thana,d-auraiya,बिधूना,Bidhuna,no\n", "month,unit,rank\n2024-11,d-auraiya,1\n", `DIR/units.csv:6: hi_check "no" is not on or off; write off to accept a Hindi name without Devanagari letters, or leave it empty`},
		{"line break in a name", unitsWith("t-x,thana,d-auraiya,बिधूना,\"Bidhuna\nThana\""), "", `DIR/units.csv:8: name_en of unit "t-x" holds the control character U+000A; remove it (a line break or tab inside the cell?)`},
		{"a cell of a megabyte", unitsWith("t-x,thana,d-auraiya,बिधूना," + strings.Repeat("B", 1<<20)), "", `DIR/units.csv:8: the name_en cell is 1048576 bytes long; a cell may hold at most 1000 (was something pasted into it by mistake?)`},
		{"empty name_hi", unitsWith("t-x,thana,d-auraiya,,Bidhuna"), "", `DIR/units.csv:8: name_hi is empty for unit "t-x"; write the unit's Hindi name`},
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

func TestHiCheckOff(t *testing.T) {
	units := "id,level,parent,name_hi,name_en,HI_CHECK\n" +
		"d-auraiya,district,,औरैया,Auraiya,\n" +
		"t-x,thana,d-auraiya,IGRS Cell,IGRS Cell, Off \n" +
		"t-y,thana,d-auraiya,123,Thana 123,\n" // no Latin letter: not legacy typing
	d, msg := load(t, map[string]string{"units.csv": units, "r.csv": "month,unit,rank\n2024-11,t-x,1\n"}, "r.csv")
	if msg != "" {
		t.Fatal(msg)
	}
	if u, ok := d.Unit("t-x"); !ok || u.NameHi != "IGRS Cell" {
		t.Errorf("t-x = %+v", u)
	}
}

func TestRankingsFolderFormats(t *testing.T) {
	// An Excel lock file is skipped; an old .xls is reported, not ignored.
	files := map[string]string{
		"units.csv":              goodUnits,
		"rankings/a.csv":         goodRankings,
		"rankings/~$b.xlsx":      "lock",
		"rankings/notes.txt":     "x",
		"rankings/2024-10.xls":   "\xD0\xCF\x11\xE0",
		"rankings/sub/c.csv":     "not read",
		"rankings/~$c.csv.bak":   "x",
		"rankings/UPPER.CSV":     "month,unit,rank\n2024-10,t-bidhuna,1\n",
		"rankings/other.XLSX.gz": "x",
	}
	_, got := load(t, files, "rankings")
	want := `DIR/rankings/2024-10.xls: the file is an Excel 97-2003 workbook (.xls), which bulletin does not read; in Excel use Save As > "Excel Workbook (.xlsx)" or "CSV UTF-8 (Comma delimited)"`
	if got != want {
		t.Errorf("error:\n got: %s\nwant: %s", got, want)
	}
	delete(files, "rankings/2024-10.xls")
	d, got := load(t, files, "rankings")
	if got != "" || d.NumRankings() != 4 {
		t.Errorf("without the .xls: %v, %s", d, got)
	}
}

func TestParseMonthForms(t *testing.T) {
	nov := dataset.Month{Year: 2024, Month: time.November}
	for _, in := range []string{"2024-11", "Nov-24", "nov-24", "NOV-2024", "Nov-2024", "November-2024", "november 2024", "Nov 2024", "11/2024", " 11/2024 "} {
		if got, err := dataset.ParseMonth(in); err != nil || got != nov {
			t.Errorf("ParseMonth(%q) = %v, %v; want 2024-11", in, got, err)
		}
	}
	if got, err := dataset.ParseMonth("1/2025"); err != nil || got != (dataset.Month{Year: 2025, Month: time.January}) {
		t.Errorf("ParseMonth(1/2025) = %v, %v", got, err)
	}
	if got, err := dataset.ParseMonth("Dec-99"); err != nil || got != (dataset.Month{Year: 2099, Month: time.December}) {
		t.Errorf("ParseMonth(Dec-99) = %v, %v; two-digit years are 20YY", got, err)
	}
}
