package dataset

import (
	"fmt"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"github.com/igrs-pro/bulletin/bulletin/internal/readfile"
)

var unitColumns = []string{"id", "level", "parent", "name_hi", "name_en"}
var rankingColumns = []string{"month", "unit", "rank"}

// safeID is what a unit id may look like: it becomes a file name.
var safeID = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9_.-]*$`)

// windowsDevice matches the names Windows reserves for devices, which no
// file may have whatever its extension (con.pdf is the console).
var windowsDevice = regexp.MustCompile(`(?i)^(con|prn|aux|nul|com[1-9]|lpt[1-9])(\.|$)`)

func reservedName(id string) bool { return windowsDevice.MatchString(id) }

// Options are the reading settings that config.toml may give.
type Options struct {
	// UnitsSheet and RankingsSheet name the worksheet read from an .xlsx
	// units file and from each .xlsx rankings file; empty means the
	// first sheet of the workbook.
	UnitsSheet    string
	RankingsSheet string
}

// Load reads units and rankings from disk and validates them together,
// reading the first sheet of workbooks. See LoadWith.
func Load(unitsPath, rankingsPath string) (*Data, error) {
	return LoadWith(unitsPath, rankingsPath, Options{})
}

// LoadWith reads units and rankings from disk and validates them together.
// A file is read as an Excel workbook when its name ends in .xlsx and as
// CSV otherwise. rankings is a file or a folder whose *.csv and *.xlsx
// files are read in name order (Excel's lock files, ~$*.xlsx, are skipped).
// Every problem found is returned at once, as Problems.
func LoadWith(unitsPath, rankingsPath string, o Options) (*Data, error) {
	var ps Problems
	b, err := readfile.Read(unitsPath, readfile.MaxData)
	if err != nil {
		return nil, Problems{{Pos: Pos{File: unitsPath}, Msg: fmt.Sprintf("cannot read the units file (%v); check the path given by --units or units in config.toml", errText(err))}}
	}
	var units []Unit
	var ups Problems
	switch kindOf(unitsPath) {
	case xlsxFile:
		units, ups = ReadUnitsXLSX(unitsPath, b, o.UnitsSheet)
	case xlsFile:
		ups = Problems{xlsProblem(unitsPath)}
	default:
		units, ups = ReadUnits(unitsPath, b)
	}
	ps = append(ps, ups...)

	files, err := rankingFiles(rankingsPath)
	if err != nil {
		ps = append(ps, Problem{Pos: Pos{File: rankingsPath}, Msg: err.Error()})
		return nil, ps.sorted()
	}
	// The units are checked before the rankings are read, so that each
	// row is kept as it is read with its unit's index, not its text.
	var c *checker
	var unitOf func(string) (int32, bool)
	if len(ups) == 0 {
		c = checkUnits(units)
		unitOf = c.unit
	}
	rankings, rps := readRankingFiles(files, o, unitOf)
	ps = append(ps, rps...)
	if len(ups) > 0 {
		// Units that could not be read would show up again as unknown
		// units and parents: report the rows themselves only.
		return nil, ps.sorted()
	}
	d, vps := c.data(rankings)
	ps = append(ps, vps...)
	if len(ps) > 0 {
		return nil, ps.sorted()
	}
	return d, nil
}

// readRankingFiles reads the rankings files, as many at a time as there
// are CPUs (a state's year is twelve files of ~1,850 rows each), and
// returns their rows, merged in the files' order (units resolved by
// unitOf, see rankRows), and their problems in the files' order.
func readRankingFiles(files []string, o Options, unitOf func(string) (int32, bool)) (*rankRows, Problems) {
	parts := make([]*rankRows, len(files))
	fps := make([]Problems, len(files))
	slots := make(chan struct{}, runtime.GOMAXPROCS(0))
	var wg sync.WaitGroup
	for i, f := range files {
		wg.Add(1)
		slots <- struct{}{}
		go func() {
			defer func() { <-slots; wg.Done() }()
			parts[i] = newRankRows(unitOf)
			fps[i] = readRankingFile(f, o, parts[i].add)
		}()
	}
	wg.Wait()
	var ps Problems
	for _, p := range fps {
		ps = append(ps, p...)
	}
	return mergeRows(parts), ps
}

// readRankingFile reads one rankings file, CSV or a workbook, handing
// each good row to keep.
func readRankingFile(f string, o Options, keep func(Ranking)) Problems {
	if kindOf(f) == xlsFile {
		return Problems{xlsProblem(f)}
	}
	b, err := readfile.Read(f, readfile.MaxData)
	if err != nil {
		var ps Problems
		ps.add(Pos{File: f}, "cannot read the rankings file (%v)", errText(err))
		return ps
	}
	if kindOf(f) == xlsxFile {
		return readRankingsXLSX(f, b, o.RankingsSheet, keep)
	}
	return readRankings(f, b, keep)
}

type fileKind int

const (
	csvFile fileKind = iota
	xlsxFile
	xlsFile
)

// kindOf tells the format of a file by its extension.
func kindOf(path string) fileKind {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".xlsx", ".xlsm":
		return xlsxFile
	case ".xls":
		return xlsFile
	}
	return csvFile
}

func xlsProblem(file string) Problem {
	return Problem{Pos: Pos{File: file}, Msg: "the file is an Excel 97-2003 workbook (.xls), which bulletin does not read; in Excel use Save As > \"Excel Workbook (.xlsx)\" or \"CSV UTF-8 (Comma delimited)\""}
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
		name := e.Name()
		if e.IsDir() || strings.HasPrefix(name, "~$") || strings.HasPrefix(name, "._") {
			continue // a folder, the lock file Excel keeps beside an open workbook, or the resource file macOS writes beside a file on a USB stick
		}
		switch strings.ToLower(filepath.Ext(name)) {
		case ".csv", ".xlsx", ".xlsm", ".xls":
			files = append(files, filepath.Join(path, name))
		}
	}
	sort.Strings(files)
	if len(files) == 0 {
		return nil, fmt.Errorf("the rankings folder has no .csv or .xlsx files; put one file per month in it (header month,unit,rank,score,max_score)")
	}
	return files, nil
}

// ReadUnits parses units.csv. It checks each row on its own; relations
// between units are checked by Validate. It returns units or problems,
// never both.
func ReadUnits(file string, b []byte) ([]Unit, Problems) {
	t, ps := readTable(file, b, unitColumns, "unit")
	if t == nil {
		return nil, ps
	}
	return unitsOf(t, ps)
}

// ReadUnitsXLSX parses the units from a worksheet of an .xlsx workbook:
// sheet, or the first sheet when sheet is empty. The worksheet holds the
// same columns as units.csv.
func ReadUnitsXLSX(file string, b []byte, sheet string) ([]Unit, Problems) {
	t, ps := readSheet(file, b, sheet, unitColumns, "unit", nil)
	if t == nil {
		return nil, ps
	}
	return unitsOf(t, ps)
}

// devanagari matches a letter or sign of the Devanagari blocks.
var devanagari = regexp.MustCompile(`[\x{0900}-\x{097F}\x{A8E0}-\x{A8FF}\x{1CD0}-\x{1CFF}]`)

// latinLetter matches an ASCII letter.
var latinLetter = regexp.MustCompile(`[A-Za-z]`)

func unitsOf(t *table, ps Problems) ([]Unit, Problems) {
	units := make([]Unit, 0, len(t.rows))
	for _, r := range t.rows {
		pos := t.pos(r)
		if !t.checkCells(r, append(unitColumns, "hi_check"), &ps) {
			continue
		}
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
			ps.add(t.at(r, "id"), "the id cell is empty; give every unit a short unique id such as t-auraiya-bidhuna")
			ok = false
		case utf8.RuneCountInString(u.ID) > MaxIDLength:
			ps.add(t.at(r, "id"), "unit id %.20q... is %d characters long; the most it may have is %d (it becomes a file name): shorten it", u.ID, utf8.RuneCountInString(u.ID), MaxIDLength)
			ok = false
		case !safeID.MatchString(u.ID) || strings.Contains(u.ID, ".."):
			ps.add(t.at(r, "id"), "unit id %q cannot be used in file names; use only letters, digits, '-', '_' and '.' (no '..'), starting with a letter or digit", u.ID)
			ok = false
		case reservedName(u.ID):
			ps.add(t.at(r, "id"), "unit id %q is a name Windows keeps for a device and cannot be a file name; add to it, e.g. %q", u.ID, unreserved(u.ID))
			ok = false
		}
		lv := t.get(r, "level")
		level, known := ParseLevel(strings.ToLower(lv))
		if !known {
			ps.add(t.at(r, "level"), "unknown level %q; use one of state, zone, range, district, thana", lv)
			ok = false
		}
		u.Level = level
		check := true
		switch hc := strings.ToLower(t.get(r, "hi_check")); hc {
		case "", "on":
		case "off":
			check = false
		default:
			ps.add(t.at(r, "hi_check"), "hi_check %q is not on or off; write off to accept a Hindi name without Devanagari letters, or leave it empty", t.get(r, "hi_check"))
			ok = false
		}
		for _, n := range []struct{ col, val, lang string }{{"name_hi", u.NameHi, "Hindi"}, {"name_en", u.NameEn, "English"}} {
			if n.val == "" {
				ps.add(t.at(r, n.col), "%s is empty for unit %q; write the unit's %s name", n.col, u.ID, n.lang)
				ok = false
				continue
			}
			if i := strings.IndexFunc(n.val, unicode.IsControl); i >= 0 {
				c, _ := utf8.DecodeRuneInString(n.val[i:])
				ps.add(t.at(r, n.col), "%s of unit %q holds the control character %U; remove it (a line break or tab inside the cell?)", n.col, u.ID, c)
				ok = false
			} else if msg := badName(n.val); msg != "" {
				ps.add(t.at(r, n.col), "%s of unit %q %s", n.col, u.ID, msg)
				ok = false
			}
		}
		if check && u.NameHi != "" && latinLetter.MatchString(u.NameHi) && !devanagari.MatchString(u.NameHi) {
			ps.add(t.at(r, "name_hi"), "name_hi %q of unit %q has Latin letters and no Devanagari: it was probably typed in a legacy font such as Kruti Dev; retype it in Unicode (e.g. with Google Input Tools / Windows Hindi Indic keyboard), or write off in a hi_check column if the Latin spelling is meant", u.NameHi, u.ID)
			ok = false
		}
		if ok {
			units = append(units, u)
		}
	}
	if len(ps) > 0 {
		return nil, ps
	}
	return units, nil
}

// ReadRankings parses one rankings CSV file. Units are checked by Validate.
// It returns rankings or problems, never both.
func ReadRankings(file string, b []byte) ([]Ranking, Problems) {
	var rs []Ranking
	ps := readRankings(file, b, func(r Ranking) { rs = append(rs, r) })
	return noBoth(rs, ps)
}

func readRankings(file string, b []byte, keep func(Ranking)) Problems {
	t, ps := readTable(file, b, rankingColumns, "unit and month")
	if t == nil {
		return ps
	}
	return rankingsOf(t, ps, keep)
}

// ReadRankingsXLSX parses rankings from a worksheet of an .xlsx workbook:
// sheet, or the first sheet when sheet is empty. A month cell may hold
// text (see ParseMonth) or an Excel date on the 1st of the month.
func ReadRankingsXLSX(file string, b []byte, sheet string) ([]Ranking, Problems) {
	var rs []Ranking
	ps := readRankingsXLSX(file, b, sheet, func(r Ranking) { rs = append(rs, r) })
	return noBoth(rs, ps)
}

func readRankingsXLSX(file string, b []byte, sheet string, keep func(Ranking)) Problems {
	t, ps := readSheet(file, b, sheet, rankingColumns, "unit and month", []string{"month"})
	if t == nil {
		return ps
	}
	return rankingsOf(t, ps, keep)
}

// noBoth drops the rankings read when there are problems: the rows that
// were fine are kept by Load only, to check them against the units.
func noBoth(rs []Ranking, ps Problems) ([]Ranking, Problems) {
	if len(ps) > 0 {
		return nil, ps
	}
	return rs, nil
}

const monthHelp = "write the month as year-month, e.g. 2024-11 (Nov-2024, Nov-24, November 2024, 11/2024 and an Excel date on the 1st of the month are read too)"

// rankingsOf reads the rankings of t, handing each good one to keep, and
// returns ps with the problems of the others.
func rankingsOf(t *table, ps Problems, keep func(Ranking)) Problems {
	for _, r := range t.rows {
		if !t.checkCells(r, []string{"month", "unit", "rank", "score", "max_score"}, &ps) {
			continue
		}
		rk := Ranking{Unit: t.get(r, "unit"), Pos: t.pos(r)}
		ok := true
		if d, isDate := t.date(r, "month"); isDate {
			if d.d != 1 || d.y < 1900 || d.y > 9999 {
				ps.add(t.at(r, "month"), "month cell holds the date %04d-%02d-%02d, not a month; write the month as text such as 2024-11, or as a date on the 1st of the month (Excel reads Nov-24 typed into a cell as 24 November of this year)", d.y, d.m, d.d)
				ok = false
			} else {
				rk.Month = Month{Year: d.y, Month: time.Month(d.m)}
			}
		} else {
			m, err := ParseMonth(t.get(r, "month"))
			if err != nil {
				ps.add(t.at(r, "month"), "month %q is not YYYY-MM; %s", t.get(r, "month"), monthHelp)
				ok = false
			}
			rk.Month = m
		}
		if rk.Unit == "" {
			ps.add(t.at(r, "unit"), "the unit cell is empty; write the unit's id from units.csv")
			ok = false
		}
		rank, err := parseRank(t.get(r, "rank"))
		if err != nil {
			ps.add(t.at(r, "rank"), "%v", err)
			ok = false
		}
		rk.Rank = rank
		if s := t.get(r, "score"); s != "" {
			v, err := parseNumber(s)
			if err != nil {
				ps.add(t.at(r, "score"), "score %q is not a number; write it like 124.5, or leave it empty", s)
				ok = false
			}
			rk.Score, rk.HasScore = v, err == nil
		}
		if s := t.get(r, "max_score"); s != "" {
			v, err := parseNumber(s)
			if err != nil || v == 0 {
				ps.add(t.at(r, "max_score"), "max_score %q is not a positive number; write the maximum marks like 125, or leave it empty", s)
				ok = false
			}
			rk.MaxScore, rk.HasMax = v, err == nil && v > 0
		}
		if rk.HasScore && rk.HasMax && rk.Score > rk.MaxScore {
			ps.add(t.at(r, "score"), "score %s is above max_score %s; correct the score or the maximum marks",
				t.get(r, "score"), t.get(r, "max_score"))
			ok = false
		}
		if ok {
			keep(rk)
		}
	}
	return ps
}

func parseRank(s string) (int, error) {
	bad := func() error {
		return fmt.Errorf("rank %q is not a positive whole number; write the rank like 1 or 21 (tied units share a rank)", s)
	}
	if s == "" {
		return 0, fmt.Errorf("the rank cell is empty; write the unit's rank like 1 or 21")
	}
	if n, err := strconv.Atoi(s); err == nil {
		if n < 1 {
			return 0, bad()
		}
		return n, nil
	}
	// Excel may store a rank as 1.0.
	f, err := parseNumber(s)
	if err != nil || f != math.Trunc(f) || f < 1 || f > math.MaxInt32 {
		return 0, bad()
	}
	return int(f), nil
}

func parseNumber(s string) (float64, error) {
	if !isPlainNumber(s) {
		return 0, fmt.Errorf("not a number")
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsNaN(f) || math.IsInf(f, 0) || f < 0 {
		return 0, fmt.Errorf("not a number")
	}
	return f, nil
}

// isPlainNumber reports whether s is a number as a spreadsheet writes it:
// digits, a decimal point and an exponent (1.5E-2), that is
// ^[0-9]+(\.[0-9]+)?([eE][-+]?[0-9]{1,3})?$ (TestIsPlainNumber), without
// a regexp: a state's rankings hold ~44,000 numbers. Go's other number
// syntax (0x1p4, 0_1, Inf) is not a number in a ranking.
func isPlainNumber(s string) bool {
	digits := func(i int) int { // the end of the digits from i
		for i < len(s) && s[i] >= '0' && s[i] <= '9' {
			i++
		}
		return i
	}
	i := digits(0)
	if i == 0 {
		return false
	}
	if i < len(s) && s[i] == '.' {
		j := digits(i + 1)
		if j == i+1 {
			return false
		}
		i = j
	}
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		i++
		if i < len(s) && (s[i] == '-' || s[i] == '+') {
			i++
		}
		j := digits(i)
		if j == i || j-i > 3 {
			return false
		}
		i = j
	}
	return i == len(s)
}

// MaxIDLength is the longest unit id: it becomes a file name, with its
// folders and extension, under every system's limits.
const MaxIDLength = 100

// unreserved suggests an id for one that Windows keeps for a device: "-1"
// after its first part (nul.x becomes nul-1.x), which no device name has.
func unreserved(id string) string {
	i := strings.IndexByte(id, '.')
	if i < 0 {
		i = len(id)
	}
	return id[:i] + "-1" + id[i:]
}

// badName says what is wrong with a name that would print as nothing or
// as something else: only invisible characters (zero-width spaces and
// joiners), a mark or vowel sign with no letter before it (a dotted
// circle in print), or bidi controls, which reorder the text around them.
// "" for a good name.
func badName(s string) string {
	if i := strings.IndexFunc(s, isBidiControl); i >= 0 {
		c, _ := utf8.DecodeRuneInString(s[i:])
		return fmt.Sprintf("holds the bidi control %U, which reorders the text around it; remove it", c)
	}
	first, _ := utf8.DecodeRuneInString(s)
	if unicode.In(first, unicode.Mn, unicode.Mc, unicode.Me) {
		return fmt.Sprintf("begins with the mark or vowel sign %U %q, which has no letter to sit on; write the letter before it", first, string(first))
	}
	if strings.IndexFunc(s, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsNumber(r) }) < 0 {
		return "has no letter, only invisible characters, marks or punctuation; write the unit's name"
	}
	return ""
}

func isBidiControl(r rune) bool {
	return (r >= 0x202A && r <= 0x202E) || (r >= 0x2066 && r <= 0x2069)
}
