package dataset_test

import (
	"strings"
	"testing"
	"time"

	"github.com/igrs-pro/bulletin/bulletin/dataset"
)

// checkProblems asserts what every reader promises: data or problems,
// never both, and every problem names file and says something.
func checkProblems(t *testing.T, file string, n int, ps dataset.Problems) {
	t.Helper()
	if n > 0 && len(ps) > 0 {
		t.Fatalf("returned %d rows and problems %v", n, ps)
	}
	for _, p := range ps {
		if p.Pos.File != file || p.Msg == "" || p.Pos.Line < 0 || !strings.HasPrefix(p.String(), file) {
			t.Fatalf("problem without a file or a message: %+v", p)
		}
	}
	_ = ps.Error()
}

func FuzzReadUnits(f *testing.F) {
	f.Add([]byte(goodUnits))
	f.Add([]byte("\xEF\xBB\xBFid,level,parent,name_hi,name_en,hi_check\r\nz,zone,,dkuiqj,Kanpur,off\r\n"))
	f.Add([]byte("id,level,parent,name_hi,name_en\n\"a\nb\",thana,,x,\"q\"\"\"\n"))
	f.Add([]byte(utf16Text(goodUnits, false, false)))
	f.Fuzz(func(t *testing.T, b []byte) {
		units, ps := dataset.ReadUnits("u.csv", b)
		checkProblems(t, "u.csv", len(units), ps)
		for _, u := range units {
			if u.ID == "" || u.NameHi == "" || u.NameEn == "" || strings.Contains(u.ID, "..") || strings.ContainsAny(u.ID, `/\`) || u.Pos.Line < 1 {
				t.Fatalf("accepted a bad unit %+v", u)
			}
			if len(u.NameHi) > 1000 || len(u.NameEn) > 1000 {
				t.Fatalf("accepted a long name")
			}
		}
		if len(ps) == 0 {
			// Validation of what was read must not panic either.
			_, _ = dataset.Validate(units, nil)
		}
	})
}

func FuzzReadRankings(f *testing.F) {
	f.Add([]byte(goodRankings))
	f.Add([]byte("unit , rank,month,max_score,score\r\nt, 2 ,Nov-24,125,\r\nd,1.0, 11/2024 ,, 99.5\r\n"))
	f.Add([]byte("month,unit,rank\n2024-13,t,0\n,,\n2024-10,t,1e3\n"))
	f.Add([]byte("month,unit,rank,score,max_score\n2024-10,t,1,NaN,Inf\n"))
	f.Fuzz(func(t *testing.T, b []byte) {
		rs, ps := dataset.ReadRankings("r.csv", b)
		checkProblems(t, "r.csv", len(rs), ps)
		for _, r := range rs {
			if r.Rank < 1 || r.Unit == "" || r.Month.Year < 1900 || r.Month.Month < time.January || r.Month.Month > time.December {
				t.Fatalf("accepted a bad ranking %+v", r)
			}
			if r.HasMax && (r.MaxScore <= 0 || (r.HasScore && r.Score > r.MaxScore)) {
				t.Fatalf("accepted bad marks %+v", r)
			}
		}
	})
}

func FuzzReadXLSX(f *testing.F) {
	header := []cell{str("month"), str("unit"), str("rank"), str("score"), str("max_score")}
	f.Add(workbook(f, []string{"Sheet1"}, map[string][][]cell{"Sheet1": {header, {dateOf("2024-11-01"), str("t"), num(1), num(2.5), str("5")}}}))
	f.Add(workbook(f, []string{"Sheet1"}, map[string][][]cell{"Sheet1": goodUnitRows}))
	f.Add(workbook(f, []string{"A b"}, map[string][][]cell{"A b": {header, nil, {str("Nov-24"), str("t"), str("x")}}}))
	f.Fuzz(func(t *testing.T, b []byte) {
		rs, ps := dataset.ReadRankingsXLSX("r.xlsx", b, "")
		checkProblems(t, "r.xlsx", len(rs), ps)
		for _, r := range rs {
			if r.Rank < 1 || r.Unit == "" || r.Month.Year < 1900 {
				t.Fatalf("accepted a bad ranking %+v", r)
			}
			_ = r.Pos.At("unit").String()
		}
		us, ps := dataset.ReadUnitsXLSX("u.xlsx", b, "")
		checkProblems(t, "u.xlsx", len(us), ps)
	})
}

func FuzzParseMonth(f *testing.F) {
	for _, s := range []string{"2024-11", "Nov-24", "November 2024", "11/2024", "1/2024", "2024-13", "24-Nov", "१/२०२४", "Sept-2024", " dec-99 "} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		m, err := dataset.ParseMonth(s)
		if err != nil {
			if !m.IsZero() || !strings.Contains(err.Error(), "is not YYYY-MM") {
				t.Fatalf("ParseMonth(%q) = %v, %v", s, m, err)
			}
			return
		}
		if m.Year < 1900 || m.Year > 9999 || m.Month < time.January || m.Month > time.December {
			t.Fatalf("ParseMonth(%q) = %+v, out of range", s, m)
		}
		back, err := dataset.ParseMonth(m.String())
		if err != nil || back != m {
			t.Fatalf("ParseMonth(%q) = %v, but ParseMonth(%q) = %v, %v", s, m, m.String(), back, err)
		}
		if m.Next().Prev() != m || !m.Before(m.Next()) {
			t.Fatalf("month arithmetic of %v", m)
		}
	})
}
