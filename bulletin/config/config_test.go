package config_test

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/igrs-pro/bulletin/bulletin/config"
)

func TestLoadBundled(t *testing.T) {
	path, err := filepath.Abs(filepath.Join("..", "..", "config.toml"))
	if err != nil {
		t.Fatal(err)
	}
	c, err := config.Load(path)
	if err != nil {
		t.Fatalf("Load(%s): %v", path, err)
	}
	root := filepath.Dir(path)
	if c.Scope != "z-kanpur" {
		t.Errorf("Scope = %q", c.Scope)
	}
	for name, got := range map[string]string{"units": c.Units, "rankings": c.Rankings, "out": c.Out} {
		if !filepath.IsAbs(got) {
			t.Errorf("%s = %q, want an absolute path", name, got)
		}
	}
	if want := filepath.Join(root, "examples", "units.csv"); c.Units != want {
		t.Errorf("Units = %q, want %q", c.Units, want)
	}
	if want := filepath.Join(root, "examples", "rankings"); c.Rankings != want {
		t.Errorf("Rankings = %q, want %q", c.Rankings, want)
	}
	if want := filepath.Join(root, "out"); c.Out != want {
		t.Errorf("Out = %q, want %q", c.Out, want)
	}
	if _, err := os.Stat(c.Units); err != nil {
		t.Errorf("units file: %v", err)
	}
	if c.Templates != "" || c.Locales != "" || c.Fonts != "" || c.Office.Emblem != "" {
		t.Errorf("empty paths were changed: %q %q %q %q", c.Templates, c.Locales, c.Fonts, c.Office.Emblem)
	}
	if c.Office.PlaceEn != "Kanpur" || c.Signatory.NameEn != "Rajesh Kumar Singh" {
		t.Errorf("office/signatory not read: %+v %+v", c.Office, c.Signatory)
	}
	if c.Hindi != (config.Hindi{MonthSpelling: "office", Digits: "latin", PadCounts: true}) {
		t.Errorf("Hindi = %+v", c.Hindi)
	}
	if !reflect.DeepEqual(c.Press.Languages, []string{"hi", "en"}) || !reflect.DeepEqual(c.Press.Formats, []string{"txt", "md", "html", "pdf"}) {
		t.Errorf("Press = %+v", c.Press)
	}
}

// write puts text in DIR/config.toml and returns its path and a function
// that writes the path as "DIR/config.toml" in messages.
func write(t *testing.T, text string) (string, func(string) string) {
	t.Helper()
	dir := t.TempDir()
	path := filepath.Join(dir, "config.toml")
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return path, func(s string) string { return strings.ReplaceAll(s, path, "DIR/config.toml") }
}

func TestLoadRelativePathsAndDefaults(t *testing.T) {
	path, _ := write(t, "units = \"data/units.csv\"\nrankings = \"/abs/rankings\"\n[office]\nemblem = \"logo.png\"\n[press]\nlanguages = [\"en\"]\n")
	c, err := config.Load(path)
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Dir(path)
	if c.Units != filepath.Join(dir, "data", "units.csv") || c.Rankings != "/abs/rankings" ||
		c.Out != filepath.Join(dir, "out") || c.Office.Emblem != filepath.Join(dir, "logo.png") {
		t.Errorf("paths: units %q rankings %q out %q emblem %q", c.Units, c.Rankings, c.Out, c.Office.Emblem)
	}
	if !reflect.DeepEqual(c.Press.Languages, []string{"en"}) || !reflect.DeepEqual(c.Press.Formats, []string{"txt", "md", "html", "pdf"}) {
		t.Errorf("Press = %+v, want languages [en] and the default formats", c.Press)
	}
	if c.Hindi != config.Default().Hindi {
		t.Errorf("Hindi = %+v, want the defaults", c.Hindi)
	}
}

func TestLoadErrors(t *testing.T) {
	const hint = "; check its spelling against the bundled config.toml, or remove it"
	tests := []struct {
		name, text, want string
	}{
		{
			name: "unknown top-level key",
			text: "# settings\nscope = \"z-kanpur\"\n  scpoe = \"z-agra\"\n",
			want: `DIR/config.toml:3:3: unknown setting "scpoe"` + hint,
		},
		{
			name: "unknown key in office",
			text: "scope = \"z-kanpur\"\n\n[office]\nname_hi = \"कार्यालय\"\n\tnmae_hi = \"x\"\nplace_en = \"Kanpur\"\n",
			want: `DIR/config.toml:5:2: unknown setting "office.nmae_hi"` + hint,
		},
		{
			name: "unknown key in office after a header with a comment",
			text: "[office] # letterhead\nname_hi = \"x\"\n   nmae_hi = \"y\"\n",
			want: `DIR/config.toml:3:4: unknown setting "office.nmae_hi"` + hint,
		},
		{
			name: "unknown dotted key",
			text: "scope = \"z\"\noffice.nmae_hi = \"y\"\n",
			want: `DIR/config.toml:2:8: unknown setting "office.nmae_hi"` + hint,
		},
		{
			name: "two unknown keys, both reported",
			text: "scope = \"z\"\nunit = \"u.csv\"\n[hindi]\ndigit = \"latin\"\n",
			want: `DIR/config.toml:2:1: unknown setting "unit"` + hint + "\n" +
				`DIR/config.toml:4:1: unknown setting "hindi.digit"` + hint,
		},
		{
			name: "syntax error",
			text: "scope = \"z-kanpur\"\n[office]\nname_hi = \"unterminated\n",
			want: `DIR/config.toml:3:24: strings cannot contain newlines; fix the TOML syntax there`,
		},
		{
			name: "syntax error: bare value",
			text: "scope = z-kanpur\n",
			want: `DIR/config.toml:1:9: expected value but found "z" instead; fix the TOML syntax there`,
		},
		{
			name: "wrong type",
			text: "[hindi]\n  pad_counts = \"yes\"\n",
			want: `DIR/config.toml:2:3: setting "hindi.pad_counts" has the wrong type (TOML value has type string; destination has type boolean); write it as in the bundled config.toml`,
		},
		{
			name: "bad month_spelling",
			text: "[hindi]\nmonth_spelling = \"Office\"\n",
			want: `DIR/config.toml: hindi.month_spelling is "Office"; use "office" (नवम्बर) or "cldr" (नवंबर)`,
		},
		{
			name: "bad month_spelling and digits",
			text: "[hindi]\nmonth_spelling = \"\"\ndigits = \"hindi\"\n",
			want: `DIR/config.toml: hindi.month_spelling is ""; use "office" (नवम्बर) or "cldr" (नवंबर)` + "\n" +
				`DIR/config.toml: hindi.digits is "hindi"; use "latin" (0-9) or "devanagari" (०-९)`,
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			path, rel := write(t, tc.text)
			_, err := config.Load(path)
			if err == nil {
				t.Fatalf("Load accepted:\n%s", tc.text)
			}
			got := rel(err.Error())
			if got != tc.want {
				t.Errorf("error:\n got: %s\nwant: %s", got, tc.want)
			}
		})
	}
}

func TestLoadMissingFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "config.toml")
	_, err := config.Load(path)
	if err == nil {
		t.Fatal("Load of a missing file succeeded")
	}
	if want := path + ": cannot read the config file: no such file or directory; pass --config with the path of config.toml"; err.Error() != want {
		t.Errorf("error:\n got: %s\nwant: %s", err, want)
	}
}

func TestCheck(t *testing.T) {
	c := config.Default()
	if err := c.Check("x"); err != nil {
		t.Errorf("Default() fails Check: %v", err)
	}
	c.Hindi.MonthSpelling, c.Hindi.Digits = "cldr", "devanagari"
	if err := c.Check("x"); err != nil {
		t.Errorf("cldr/devanagari fails Check: %v", err)
	}
	c.Hindi.Digits = "Devanagari"
	if err := c.Check("x"); err == nil {
		t.Errorf("digits \"Devanagari\" passes Check")
	}
}

// Every text setting has a length cap, found through its toml key.
func TestLengthCaps(t *testing.T) {
	c := config.Default()
	c.Office.NameEn = strings.Repeat("x", 10<<20)
	c.Signatory.DesignationHi = strings.Repeat("क", config.MaxLong)
	c.Press.Formats = []string{strings.Repeat("p", config.MaxText+1)}
	err := c.Check("config.toml")
	if err == nil {
		t.Fatal("no error")
	}
	for _, want := range []string{"config.toml: office.name_en is 10485760 characters long; the most it may have is 200", "press.formats is 201 characters"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("%v\ndoes not say %q", err, want)
		}
	}
	if strings.Contains(err.Error(), "designation") {
		t.Errorf("a designation at its cap is refused: %v", err)
	}
}
