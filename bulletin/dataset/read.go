package dataset

import (
	"fmt"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"golang.org/x/text/unicode/norm"
)

var unitColumns = []string{"id", "level", "parent", "name_hi", "name_en"}
var rankingColumns = []string{"month", "unit", "rank"}

// safeID is what a unit id may look like: it becomes a file name.
var safeID = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9_.-]*$`)

// Load reads units and rankings from disk and validates them together.
// rankings is a CSV file or a folder whose *.csv files are read in name order.
// Every problem found is returned at once, as Problems.
func Load(unitsPath, rankingsPath string) (*Data, error) {
	var ps Problems
	b, err := os.ReadFile(unitsPath)
	if err != nil {
		return nil, Problems{{Pos: Pos{File: unitsPath}, Msg: fmt.Sprintf("cannot read the units file (%v); check the path given by --units or units in config.toml", errText(err))}}
	}
	units, ups := ReadUnits(unitsPath, b)
	ps = append(ps, ups...)

	files, err := rankingFiles(rankingsPath)
	if err != nil {
		ps = append(ps, Problem{Pos: Pos{File: rankingsPath}, Msg: err.Error()})
		return nil, ps.sorted()
	}
	var rankings []Ranking
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			ps.add(Pos{File: f}, "cannot read the rankings file (%v)", errText(err))
			continue
		}
		rs, rps := parseRankings(f, b)
		rankings = append(rankings, rs...)
		ps = append(ps, rps...)
	}
	if len(ups) > 0 {
		// Units that could not be read would show up again as unknown
		// units and parents: report the rows themselves only.
		return nil, ps.sorted()
	}
	d, err := Validate(units, rankings)
	if err != nil {
		ps = append(ps, err.(Problems)...)
	}
	if len(ps) > 0 {
		return nil, ps.sorted()
	}
	return d, nil
}

func errText(err error) string {
	if pe, ok := err.(*fs.PathError); ok {
		return pe.Err.Error()
	}
	return err.Error()
}

func rankingFiles(path string) ([]string, error) {
	st, err := os.Stat(path)
	if err != nil {
		return nil, fmt.Errorf("cannot read the rankings (%v); check the path given by --rankings or rankings in config.toml", errText(err))
	}
	if !st.IsDir() {
		return []string{path}, nil
	}
	entries, err := os.ReadDir(path)
	if err != nil {
		return nil, fmt.Errorf("cannot list the rankings folder (%v)", errText(err))
	}
	var files []string
	for _, e := range entries {
		if !e.IsDir() && strings.EqualFold(filepath.Ext(e.Name()), ".csv") {
			files = append(files, filepath.Join(path, e.Name()))
		}
	}
	sort.Strings(files)
	if len(files) == 0 {
		return nil, fmt.Errorf("the rankings folder has no .csv files; put one CSV per month in it (header month,unit,rank,score,max_score)")
	}
	return files, nil
}

// ReadUnits parses units.csv. It checks each row on its own; relations
// between units are checked by Validate.
func ReadUnits(file string, b []byte) ([]Unit, Problems) {
	t, ps := readTable(file, b, unitColumns, "unit")
	if t == nil {
		return nil, ps
	}
	units := make([]Unit, 0, len(t.rows))
	for _, r := range t.rows {
		pos := Pos{File: file, Line: r.line}
		u := Unit{
			ID:     t.get(r, "id"),
			Parent: t.get(r, "parent"),
			NameHi: norm.NFC.String(t.get(r, "name_hi")),
			NameEn: norm.NFC.String(t.get(r, "name_en")),
			Index:  len(units),
			Pos:    pos,
		}
		ok := true
		switch {
		case u.ID == "":
			ps.add(pos, "the id cell is empty; give every unit a short unique id such as t-auraiya-bidhuna")
			ok = false
		case !safeID.MatchString(u.ID) || strings.Contains(u.ID, ".."):
			ps.add(pos, "unit id %q cannot be used in file names; use only letters, digits, '-', '_' and '.' (no '..'), starting with a letter or digit", u.ID)
			ok = false
		}
		lv := t.get(r, "level")
		level, known := ParseLevel(strings.ToLower(lv))
		if !known {
			ps.add(pos, "unknown level %q; use one of state, zone, range, district, thana", lv)
			ok = false
		}
		u.Level = level
		if u.NameHi == "" {
			ps.add(pos, "name_hi is empty for unit %q; write the unit's Hindi name", u.ID)
		}
		if u.NameEn == "" {
			ps.add(pos, "name_en is empty for unit %q; write the unit's English name", u.ID)
		}
		if ok {
			units = append(units, u)
		}
	}
	return units, ps
}

// parseRankings parses one rankings CSV. Units are checked by Validate.
func parseRankings(file string, b []byte) ([]Ranking, Problems) {
	t, ps := readTable(file, b, rankingColumns, "unit and month")
	if t == nil {
		return nil, ps
	}
	rs := make([]Ranking, 0, len(t.rows))
	for _, r := range t.rows {
		pos := Pos{File: file, Line: r.line}
		rk := Ranking{Unit: t.get(r, "unit"), Pos: pos}
		ok := true
		m, err := ParseMonth(t.get(r, "month"))
		if err != nil {
			ps.add(pos, "month %q is not YYYY-MM; write the month as year-month, e.g. 2024-11 (in Excel, format the column as Text)", t.get(r, "month"))
			ok = false
		}
		rk.Month = m
		if rk.Unit == "" {
			ps.add(pos, "the unit cell is empty; write the unit's id from units.csv")
			ok = false
		}
		rank, err := parseRank(t.get(r, "rank"))
		if err != nil {
			ps.add(pos, "%v", err)
			ok = false
		}
		rk.Rank = rank
		if s := t.get(r, "score"); s != "" {
			v, err := parseNumber(s)
			if err != nil {
				ps.add(pos, "score %q is not a number; write it like 124.5, or leave it empty", s)
				ok = false
			}
			rk.Score, rk.HasScore = v, err == nil
		}
		if s := t.get(r, "max_score"); s != "" {
			v, err := parseNumber(s)
			if err != nil || v == 0 {
				ps.add(pos, "max_score %q is not a positive number; write the maximum marks like 125, or leave it empty", s)
				ok = false
			}
			rk.MaxScore, rk.HasMax = v, err == nil && v > 0
		}
		if rk.HasScore && rk.HasMax && rk.Score > rk.MaxScore {
			ps.add(pos, "score %s is above max_score %s; correct the score or the maximum marks",
				t.get(r, "score"), t.get(r, "max_score"))
			ok = false
		}
		if ok {
			rs = append(rs, rk)
		}
	}
	return rs, ps
}

func parseRank(s string) (int, error) {
	bad := fmt.Errorf("rank %q is not a positive whole number; write the rank like 1 or 21 (tied units share a rank)", s)
	if s == "" {
		return 0, fmt.Errorf("the rank cell is empty; write the unit's rank like 1 or 21")
	}
	if n, err := strconv.Atoi(s); err == nil {
		if n < 1 {
			return 0, bad
		}
		return n, nil
	}
	// Excel may store a rank as 1.0.
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || f != math.Trunc(f) || f < 1 || f > math.MaxInt32 {
		return 0, bad
	}
	return int(f), nil
}

func parseNumber(s string) (float64, error) {
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsNaN(f) || math.IsInf(f, 0) || f < 0 {
		return 0, fmt.Errorf("not a number")
	}
	return f, nil
}
