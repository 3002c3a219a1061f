package cli

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
)

// malformedDir holds one folder per malformed input; see its README.md.
const malformedDir = "testdata/malformed"

// TestMalformedInputs runs bulletin build on each malformed input of
// testdata/malformed and checks the exact message, exit code 1, nothing on
// standard output and an output folder left byte for byte as it was.
func TestMalformedInputs(t *testing.T) {
	entries, err := os.ReadDir(malformedDir)
	if err != nil {
		t.Fatal(err)
	}
	var cases []string
	for _, e := range entries {
		if e.IsDir() && !strings.HasPrefix(e.Name(), "_") {
			cases = append(cases, e.Name())
		}
	}
	if len(cases) < 40 {
		t.Fatalf("%d malformed cases, want at least 40", len(cases))
	}
	for _, name := range cases {
		t.Run(name, func(t *testing.T) {
			in := stageInput(t, filepath.Join(malformedDir, name))
			units, rankings := inputPaths(in)
			out := filepath.Join(t.TempDir(), "out")
			seedOutput(t, out)
			before := snapshot(t, out)

			start := time.Now()
			code, stdout, stderr := run(t, "build", "--config", repoConfig, "--units", units, "--rankings", rankings,
				"--scope", "z-kanpur", "--out", out, "--quiet")
			if d := time.Since(start); d > 20*time.Second {
				t.Errorf("took %v", d)
			}
			got := strings.ReplaceAll(stderr, in+string(filepath.Separator), "DIR/")
			got = strings.ReplaceAll(got, in, "DIR")
			got = strings.ReplaceAll(got, string(filepath.Separator), "/")
			wantFile := filepath.Join(malformedDir, name, "want.txt")
			if *update {
				if err := os.WriteFile(wantFile, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(wantFile)
			if err != nil {
				t.Fatalf("%v (go test ./bulletin/cli -run TestMalformedInputs -update writes it; read it before committing)", err)
			}
			if got != string(want) {
				t.Errorf("stderr:\n got: %s\nwant: %s", got, want)
			}
			if code != 1 {
				t.Errorf("exit code %d, want 1", code)
			}
			if stdout != "" {
				t.Errorf("stdout = %q", stdout)
			}
			if after := snapshot(t, out); after != before {
				t.Errorf("the output folder changed:\nbefore:\n%s\nafter:\n%s", before, after)
			}
		})
	}
}

// TestMalformedBaseIsGood builds the month from the files the cases fall
// back to, so that each case fails for its own reason only.
func TestMalformedBaseIsGood(t *testing.T) {
	in := stageInput(t, filepath.Join(malformedDir, "_good"))
	units, rankings := inputPaths(in)
	out := filepath.Join(t.TempDir(), "out")
	seedOutput(t, out)
	code, _, stderr := run(t, "build", "--config", repoConfig, "--units", units, "--rankings", rankings,
		"--scope", "z-kanpur", "--out", out, "--quiet")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if _, err := os.Stat(filepath.Join(out, "2024-11", "press-note.hi.txt")); err != nil {
		t.Error(err)
	}
}

// stageInput copies a case folder to a temporary folder, completing it
// with the units and rankings of _good when it has none of its own, and
// turning descriptions into the files they describe:
//
//   - NAME.xlsx.txt becomes the workbook NAME.xlsx (see xlsxFromText);
//   - NAME.in becomes NAME with @@1MB@@ replaced by 1,048,576 letters.
//
// want.txt, README.md and *.missing markers are not copied.
func stageInput(t *testing.T, dir string) string {
	t.Helper()
	in := filepath.Join(t.TempDir(), "in")
	hasUnits, hasRankings := false, false
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || path == dir {
			return err
		}
		rel, _ := filepath.Rel(dir, path)
		top := strings.Split(filepath.ToSlash(rel), "/")[0]
		hasUnits = hasUnits || strings.HasPrefix(top, "units")
		hasRankings = hasRankings || strings.HasPrefix(top, "rankings")
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(in, rel), 0o755)
		}
		if rel == "want.txt" || strings.HasSuffix(rel, ".missing") {
			return nil
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		switch {
		case strings.HasSuffix(rel, ".xlsx.txt"):
			rel = strings.TrimSuffix(rel, ".txt")
			b = xlsxFromText(t, string(bytes.ReplaceAll(b, []byte("@@1MB@@"), bytes.Repeat([]byte("A"), 1<<20))))
		case strings.HasSuffix(rel, ".in"):
			rel = strings.TrimSuffix(rel, ".in")
			b = bytes.ReplaceAll(b, []byte("@@1MB@@"), bytes.Repeat([]byte("A"), 1<<20))
		}
		if err := os.MkdirAll(filepath.Join(in, filepath.Dir(rel)), 0o755); err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(in, rel), b, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	good := filepath.Join(malformedDir, "_good")
	for _, f := range []struct {
		has  bool
		name string
	}{{hasUnits, "units.csv"}, {hasRankings, "rankings.csv"}} {
		if f.has {
			continue
		}
		b, err := os.ReadFile(filepath.Join(good, f.name))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.MkdirAll(in, 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(in, f.name), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return in
}

// inputPaths returns the units file and the rankings file or folder of
// a staged case: the first that exists of units.xlsx, units.xls and
// units.csv, and of the folder rankings, rankings.xlsx and rankings.csv
// (units.csv and rankings.csv when none does: a missing file).
func inputPaths(in string) (string, string) {
	first := func(names ...string) string {
		for _, n := range names {
			if _, err := os.Stat(filepath.Join(in, n)); err == nil {
				return filepath.Join(in, n)
			}
		}
		return filepath.Join(in, names[len(names)-1])
	}
	return first("units.xlsx", "units.xls", "units.csv"), first("rankings", "rankings.xlsx", "rankings.csv")
}

// xlsxFromText builds a workbook from its description: a line
// "sheet: NAME" starts a sheet, and each following line is the next row,
// its cells separated by " | ". A cell "n:1.5" is a number, "d:2024-11-01"
// a date cell (the built-in format d-mmm-yy), anything else text; an empty
// cell is left out.
func xlsxFromText(t *testing.T, text string) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	dateStyle, err := f.NewStyle(&excelize.Style{NumFmt: 15})
	if err != nil {
		t.Fatal(err)
	}
	sheet, row, sheets := "", 0, 0
	for _, line := range strings.Split(strings.TrimSuffix(text, "\n"), "\n") {
		if name, ok := strings.CutPrefix(line, "sheet: "); ok {
			if sheets == 0 {
				err = f.SetSheetName("Sheet1", name)
			} else {
				_, err = f.NewSheet(name)
			}
			if err != nil {
				t.Fatal(err)
			}
			sheet, row = name, 0
			sheets++
			continue
		}
		if sheet == "" {
			t.Fatalf("workbook description: a row before the first \"sheet: NAME\" line")
		}
		row++
		if line == "" {
			continue
		}
		for i, v := range strings.Split(line, " | ") {
			ref, _ := excelize.CoordinatesToCellName(i+1, row)
			switch {
			case v == "":
				continue
			case strings.HasPrefix(v, "n:"):
				n, perr := strconv.ParseFloat(v[2:], 64)
				if perr != nil {
					t.Fatalf("workbook description: %q is not a number", v)
				}
				err = f.SetCellFloat(sheet, ref, n, -1, 64)
			case strings.HasPrefix(v, "d:"):
				d, perr := time.Parse("2006-01-02", v[2:])
				if perr != nil {
					t.Fatalf("workbook description: %q is not a date", v)
				}
				if err = f.SetCellValue(sheet, ref, d); err == nil {
					err = f.SetCellStyle(sheet, ref, ref, dateStyle)
				}
			default:
				err = f.SetCellStr(sheet, ref, v)
			}
			if err != nil {
				t.Fatal(err)
			}
		}
	}
	var b bytes.Buffer
	if err := f.Write(&b); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// seedOutput fills an output folder as a previous run would have: a file
// of the office's own and last month's folder.
func seedOutput(t *testing.T, out string) {
	t.Helper()
	for name, text := range map[string]string{
		"MARKER.txt":                       "kept by the office\n",
		"2024-10/press-note.hi.txt":        "अक्टूबर की प्रेस नोट\n",
		"2024-10/certificates/thana/t.pdf": "%PDF-1.4 previous month\n",
	} {
		p := filepath.Join(out, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// snapshot lists every file and folder under dir with its mode, size and
// content, for comparing before and after a run.
func snapshot(t *testing.T, dir string) string {
	t.Helper()
	var b strings.Builder
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, path)
		b.WriteString(filepath.ToSlash(rel) + " " + info.Mode().String())
		if !d.IsDir() {
			content, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			b.WriteString(" " + strconv.Itoa(len(content)) + " " + strconv.Quote(string(content)))
		}
		b.WriteByte('\n')
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return b.String()
}
