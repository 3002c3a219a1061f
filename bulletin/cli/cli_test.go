package cli

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/igrs-pro/bulletin/bulletin/internal/testtools"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

// repoConfig is the bundled example office's config.toml.
const repoConfig = "../../config.toml"

// run runs bulletin in-process with args and returns its exit code, standard
// output and standard error.
func run(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errOut bytes.Buffer
	io := &IOStreams{In: strings.NewReader(""), Out: &out, ErrOut: &errOut}
	code := Main(io, args)
	return code, out.String(), errOut.String()
}

// The golden months: zone first with a five-month streak (2024-11), zone
// third (2024-06), and no district of the zone first (2024-08).
var goldenMonths = []string{"2024-11", "2024-06", "2024-08"}

func TestPressGolden(t *testing.T) {
	pdftotext := testtools.RequireTool(t, "pdftotext")
	for _, m := range goldenMonths {
		t.Run(m, func(t *testing.T) {
			out := t.TempDir()
			code, _, stderr := run(t, "press", "--config", repoConfig, "--month", m, "--out", out)
			if code != 0 {
				t.Fatalf("exit %d: %s", code, stderr)
			}
			for _, lang := range []string{"hi", "en"} {
				for _, format := range []string{"txt", "md", "html"} {
					name := "press-note." + lang + "." + format
					got, err := os.ReadFile(filepath.Join(out, m, name))
					if err != nil {
						t.Fatal(err)
					}
					golden(t, filepath.Join("testdata", "golden", m, name), got)
				}
				pdfHasTheText(t, pdftotext, filepath.Join(out, m), lang)
			}
		})
	}
}

func golden(t *testing.T, path string, got []byte) {
	t.Helper()
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./bulletin/cli -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the output (go test ./bulletin/cli -update rewrites it):\n--- got\n%s\n--- want\n%s", path, got, want)
	}
}

// The sentences a press note may only say when the data supports them.
func TestPressClaimsOnlyWhatTheDataSays(t *testing.T) {
	note := func(m, lang string) string {
		code, out, stderr := run(t, "press", "--config", repoConfig, "--month", m, "--lang", lang, "--format", "txt", "--out", "-")
		if code != 0 {
			t.Fatalf("exit %d: %s", code, stderr)
		}
		return out
	}
	nov, jun, aug := note("2024-11", "hi"), note("2024-06", "hi"), note("2024-08", "hi")
	// The data begins in 2023-10: what came before in 2023 is unknown.
	nov23 := note("2023-11", "hi")
	// 2024-01..03 were not published: April's previous ranking is
	// December's, and its streak counts published rankings.
	apr := note("2024-04", "hi")
	for _, c := range []struct {
		note, phrase string
		want         bool
	}{
		{nov, "पूर्व माह की भांति कानपुर जोन ने प्रदेश में प्रथम स्थान", true},
		{nov, "कानपुर व झांसी परिक्षेत्र ने भी प्रदेश में प्रथम रैंक", true},
		{nov, "जनपद कानपुर देहात, औरैया, इटावा, झांसी व ललितपुर ने भी", true},
		{nov, "कानपुर जोन के मूल्यांकित 139 थानों में से 125 थानों ने प्रथम रैंक", true},
		{nov, "वर्ष 2024 में जारी 08 माह की रैंकिंग में कानपुर जोन 07 बार", true},
		{nov, "लगातार 05 माह से", true},
		{jun, "कानपुर जोन को प्रदेश में तृतीय रैंक प्राप्त हुई है", true},
		{jun, "पूर्व माह की भांति", false},
		{jun, "परिक्षेत्र ने", false},
		{jun, "लगातार", false},
		{jun, "जनपद औरैया व जालौन ने प्रदेश में प्रथम रैंक", true}, // no "भी": the zone was not first
		{aug, "जनपद", false},
		{nov23, "पूर्व माह की भांति कानपुर जोन ने", true},
		{nov23, "वर्ष 2023", false},
		{apr, "माह दिसम्बर-2023 की रैंकिंग की भांति कानपुर जोन ने प्रदेश में प्रथम स्थान", true},
		{apr, "पूर्व माह की भांति", false},
		{apr, "कानपुर जोन जारी की गई लगातार 04 मासिक रैंकिंग में प्रदेश में प्रथम", true},
		{apr, "माह से", false},
	} {
		if got := strings.Contains(c.note, c.phrase); got != c.want {
			t.Errorf("note contains %q = %v, want %v", c.phrase, got, c.want)
		}
	}
}

func TestFactsJSON(t *testing.T) {
	code, out, stderr := run(t, "facts", "--config", repoConfig, "--month", "2024-11", "--json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var f struct {
		Month string `json:"month"`
		Scope struct {
			ID           string `json:"id"`
			Rank         *int   `json:"rank"`
			PreviousRank *int   `json:"previous_rank"`
			FirstStreak  int    `json:"first_streak"`
			Year         struct {
				Year, MonthsRanked, MonthsFirst int
			} `json:"-"`
			YearRaw map[string]any `json:"year"`
		} `json:"scope"`
		Levels []struct {
			Level      string            `json:"level"`
			Evaluated  int               `json:"evaluated"`
			First      int               `json:"first"`
			FirstUnits []json.RawMessage `json:"first_units"`
		} `json:"levels"`
	}
	if err := json.Unmarshal([]byte(out), &f); err != nil {
		t.Fatal(err)
	}
	if f.Month != "2024-11" || f.Scope.ID != "z-kanpur" || *f.Scope.Rank != 1 || *f.Scope.PreviousRank != 1 || f.Scope.FirstStreak != 5 {
		t.Errorf("scope = %+v", f.Scope)
	}
	if y := f.Scope.YearRaw; y["year"] != 2024.0 || y["months_ranked"] != 8.0 || y["months_first"] != 7.0 || y["whole"] != true {
		t.Errorf("year = %v", y)
	}
	var levels []string
	for _, l := range f.Levels {
		levels = append(levels, l.Level)
	}
	if strings.Join(levels, ",") != "range,district,thana" || f.Levels[2].Evaluated != 139 || f.Levels[2].First != 125 || len(f.Levels[1].FirstUnits) != 5 {
		t.Errorf("levels = %+v", f.Levels)
	}
}

func TestBadInputWritesNothingAndExitsOne(t *testing.T) {
	dir := t.TempDir()
	units := filepath.Join(dir, "units.csv")
	rankings := filepath.Join(dir, "rankings.csv")
	os.WriteFile(units, []byte("id,level,parent,name_hi,name_en\nz1,zone,,कानपुर,Kanpur\nz2,zone,,आगरा,Agra\n"), 0o644)
	os.WriteFile(rankings, []byte("month,unit,rank\n2024-11,z1,1\n2024-11,z3,2\n2024-13,z2,1\n"), 0o644)
	out := filepath.Join(dir, "out")
	code, stdout, stderr := run(t, "press", "--config", repoConfig, "--units", units, "--rankings", rankings, "--scope", "z1", "--out", out)
	if code != 1 {
		t.Errorf("exit = %d, want 1", code)
	}
	for _, want := range []string{
		rankings + `:3: unknown unit "z3"; did you mean "z1"?`,
		rankings + `:4: month "2024-13" is not YYYY-MM`,
	} {
		if !strings.Contains(stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, stderr)
		}
	}
	if stdout != "" {
		t.Errorf("stdout = %q", stdout)
	}
	if _, err := os.Stat(out); !os.IsNotExist(err) {
		t.Errorf("output folder was created: %v", err)
	}
}

func TestUsageErrors(t *testing.T) {
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"press", "--lang", "fr"}, `--lang: unknown value "fr"`},
		{[]string{"press", "--format", "doc"}, `--format: unknown value "doc"`},
		{[]string{"press", "--month", "11-2024"}, `--month: month "11-2024" is not YYYY-MM`},
		{[]string{"press", "--month", "2023-01"}, `scope unit "z-kanpur" has no ranking for 2023-01; its latest ranked month is 2024-11`},
		{[]string{"press", "--date", "2024-12"}, `--date "2024-12" is not a date`},
		{[]string{"press", "--month", "2024-11", "--date", "2024-10-15"}, `--date 2024-10-15 is before the end of 2024-11`},
		{[]string{"build", "--month", "2024-11", "--date", "02.12.1924"}, `outside 2000-2099`},
		{[]string{"press", "--month", "1924-11"}, `outside 2000-2099`},
		{[]string{"facts", "--set", "history_from=2024-1"}, `history_from is "2024-1"`},
		{[]string{"facts", "--scope", "z-kanpr"}, `scope unit "z-kanpr" is not in`},
		{[]string{"facts", "--set", "hindi.digits=roman"}, `hindi.digits is "roman"`},
		{[]string{"facts", "--set", "office.nmae_hi=x"}, `unknown setting "office.nmae_hi"`},
		{[]string{"facts", "--bogus"}, "unknown flag: --bogus"},
	} {
		args := append([]string{"--config", repoConfig, "--out", t.TempDir()}, c.args...)
		code, _, stderr := run(t, args...)
		if code != 1 || !strings.Contains(stderr, c.want) {
			t.Errorf("%v: exit %d, stderr %q; want exit 1 and %q", c.args, code, stderr, c.want)
		}
	}
}

// Dates as offices write them: day first with '.', '/' or '-', Devanagari
// digits too; all print the same date line.
func TestDateAsOfficesWriteIt(t *testing.T) {
	for _, d := range []string{"2024-12-02", "02.12.2024", "02/12/2024", "02-12-2024", "०२.१२.२०२४"} {
		code, out, stderr := run(t, "--config", repoConfig, "press", "--month", "2024-11", "--date", d, "--lang", "hi", "--format", "txt", "--out", "-")
		if code != 0 || !strings.Contains(out, "कानपुर, दिनांक 02 दिसम्बर, 2024\n") {
			t.Errorf("--date %s: exit %d, %s\n%.300s", d, code, stderr, out)
		}
	}
}

func TestSetOverridesConfig(t *testing.T) {
	code, out, stderr := run(t, "--config", repoConfig, "--set", "hindi.digits=devanagari", "--set", "hindi.month_spelling=cldr",
		"press", "--month", "2024-11", "--lang", "hi", "--format", "txt", "--out", "-")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if !strings.Contains(out, "माह नवंबर-२०२४ की") || !strings.Contains(out, "मूल्यांकित १३९ थानों में से १२५ थानों ने") {
		t.Errorf("--set had no effect:\n%s", out)
	}
}

func TestValidate(t *testing.T) {
	code, out, stderr := run(t, "validate", "--config", repoConfig)
	if code != 0 || !strings.HasPrefix(out, "ok: 174 units, 1901 ranking rows in 11 months (2023-10 to 2024-11)") {
		t.Errorf("exit %d, out %q, err %q", code, out, stderr)
	}
}

func TestTemplateOverride(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "press.txt.tmpl"), []byte("{{.Title}}|{{len .Paragraphs}}\n"), 0o644)
	code, out, stderr := run(t, "--config", repoConfig, "--set", "templates="+dir, "press", "--month", "2024-11", "--lang", "en", "--format", "txt", "--out", "-")
	if code != 0 || out != "Press Note|4\n" {
		t.Errorf("exit %d, out %q, err %q", code, out, stderr)
	}
	os.WriteFile(filepath.Join(dir, "press.txt.tmpl"), []byte("line one\n{{.Title\n"), 0o644)
	code, _, stderr = run(t, "--config", repoConfig, "--set", "templates="+dir, "press", "--out", "-")
	if code != 1 || !strings.Contains(stderr, "press.txt.tmpl:2") {
		t.Errorf("broken override: exit %d, err %q", code, stderr)
	}
}

// An office's template that asks for a message no catalog has, or a
// catalog that drops a plural form a template needs, is refused at start.
func TestOverridesCheckedAtStart(t *testing.T) {
	tmpl := t.TempDir()
	body, _ := os.ReadFile("../../templates/press-body.tmpl")
	os.WriteFile(filepath.Join(tmpl, "press-body.tmpl"), append(body, []byte(`{{t "Press.Thanks"}}`)...), 0o644)
	loc := t.TempDir()
	os.WriteFile(filepath.Join(loc, "active.hi.toml"), []byte("[\"Press.Times\"]\ndescription = \"x\"\nother = \"{{.Count}} बार\"\n"), 0o644)
	out := t.TempDir()
	code, _, stderr := run(t, "--config", repoConfig, "--set", "templates="+tmpl, "--set", "locales="+loc, "build", "--out", out)
	for _, want := range []string{
		"active.hi.toml lacks Press.Thanks, Press.Times (plural forms one and other), which the templates use; add them",
		"active.en.toml lacks Press.Thanks, which the templates use; add them",
	} {
		if !strings.Contains(stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, stderr)
		}
	}
	if code != 1 {
		t.Errorf("exit %d", code)
	}
	if entries, _ := os.ReadDir(out); len(entries) != 0 {
		t.Errorf("output written: %v", entries)
	}
}

func TestTemplateOverrideWithUnknownFieldOrFunction(t *testing.T) {
	for _, c := range []struct{ body, want string }{
		{`{{.Facts.Nope}}`, `press-body.tmpl:1:8: executing "press-body.tmpl" at <.Facts.Nope>: can't evaluate field Nope`},
		{"\n{{shout .Facts}}", `press-body.tmpl:2: function "shout" not defined`},
	} {
		dir := t.TempDir()
		os.WriteFile(filepath.Join(dir, "press-body.tmpl"), []byte(c.body), 0o644)
		out := t.TempDir()
		code, _, stderr := run(t, "--config", repoConfig, "--set", "templates="+dir, "build", "--out", out)
		if code != 1 || !strings.Contains(stderr, c.want) {
			t.Errorf("%q: exit %d, stderr %q; want exit 1 and %q", c.body, code, stderr, c.want)
		}
		if entries, _ := os.ReadDir(out); len(entries) != 0 {
			t.Errorf("%q: output written: %v", c.body, entries)
		}
	}
}

// The PDF and the txt of a language carry the same body text: one wording.
func TestPressPDFCarriesTheTextNote(t *testing.T) {
	testtools.RequireTool(t, "pdftotext")
	out := t.TempDir()
	code, _, stderr := run(t, "press", "--config", repoConfig, "--month", "2024-06", "--format", "txt,pdf", "--out", out)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for _, lang := range []string{"hi", "en"} {
		txt, err := os.ReadFile(filepath.Join(out, "2024-06", "press-note."+lang+".txt"))
		if err != nil {
			t.Fatal(err)
		}
		pdf, err := exec.Command("pdftotext", filepath.Join(out, "2024-06", "press-note."+lang+".pdf"), "-").Output()
		if err != nil {
			t.Fatal(err)
		}
		fold := func(b []byte) string { return strings.Join(strings.Fields(string(b)), " ") }
		// The PDF's letterhead adds the contact line under the office's
		// name; from the title to the signature the two are the same.
		office, body, _ := strings.Cut(string(txt), "\n")
		got, want := fold(pdf), fold([]byte(body))
		if !strings.HasPrefix(got, fold([]byte(office))) || !strings.HasSuffix(got, want) {
			t.Errorf("%s: the PDF's text differs from the txt note:\n pdf: %s\n txt: %s", lang, got, want)
		}
	}
}

// Names reach the HTML note escaped, whatever they hold.
func TestHTMLEscapesNames(t *testing.T) {
	dir := t.TempDir()
	units := filepath.Join(dir, "units.csv")
	os.WriteFile(units, []byte("id,level,parent,name_hi,name_en\nz1,zone,,कानपुर,Kanpur\nr1,range,z1,झांसी <i>,Jhansi <script>alert(1)</script> & Co\n"), 0o644)
	rankings := filepath.Join(dir, "r.csv")
	os.WriteFile(rankings, []byte("month,unit,rank\n2024-11,z1,1\n2024-11,r1,1\n"), 0o644)
	code, out, stderr := run(t, "press", "--config", repoConfig, "--units", units, "--rankings", rankings, "--scope", "z1", "--format", "html", "--out", "-")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for _, want := range []string{"झांसी &lt;i&gt; परिक्षेत्र", "Jhansi &lt;script&gt;alert(1)&lt;/script&gt; &amp; Co Range"} {
		if !strings.Contains(out, want) {
			t.Errorf("HTML lacks %q", want)
		}
	}
	if strings.Contains(out, "<script>") || strings.Contains(out, "<i>") {
		t.Error("a name's markup reached the HTML unescaped")
	}
}

// An output folder that cannot be made is an error that says so; nothing
// else is touched.
func TestOutputFolderNotWritable(t *testing.T) {
	dir := t.TempDir()
	blocker := filepath.Join(dir, "out")
	os.WriteFile(blocker, []byte("a file where the folder should be"), 0o644)
	code, _, stderr := run(t, "build", "--config", repoConfig, "--out", blocker)
	if code != 1 || !strings.Contains(stderr, "cannot create output folder") || !strings.Contains(stderr, "not a directory") {
		t.Errorf("exit %d, stderr %q", code, stderr)
	}
	if b, _ := os.ReadFile(blocker); string(b) != "a file where the folder should be" {
		t.Error("the file in the way was changed")
	}
}

// bulletin version names the version and the commit.
func TestVersion(t *testing.T) {
	code, out, _ := run(t, "version")
	if code != 0 || !regexp.MustCompile(`^bulletin \S+ \(commit \S+.*, go1\.\S+ \S+/\S+\)\n$`).MatchString(out) {
		t.Errorf("exit %d, output %q", code, out)
	}
}
