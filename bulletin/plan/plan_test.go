package plan_test

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/igrs-pro/bulletin/bulletin/build"
	"github.com/igrs-pro/bulletin/bulletin/certificate"
	"github.com/igrs-pro/bulletin/bulletin/config"
	"github.com/igrs-pro/bulletin/bulletin/dataset"
	"github.com/igrs-pro/bulletin/bulletin/facts"
	"github.com/igrs-pro/bulletin/bulletin/l10n"
	"github.com/igrs-pro/bulletin/bulletin/output"
	"github.com/igrs-pro/bulletin/bulletin/plan"
	"github.com/igrs-pro/bulletin/bulletin/press"
	"github.com/igrs-pro/bulletin/bulletin/register"
	"github.com/igrs-pro/bulletin/bulletin/typeset"
	"github.com/igrs-pro/bulletin/fonts"
	"github.com/igrs-pro/bulletin/locales"
	"github.com/igrs-pro/bulletin/templates"
)

// example loads the bundled example office and data, as the CLI does.
func example(t *testing.T) *plan.Inputs {
	t.Helper()
	c, err := config.Load("../../config.toml")
	if err != nil {
		t.Fatal(err)
	}
	c.Out = t.TempDir()
	d, err := dataset.Load(c.Units, c.Rankings) // relative to config.toml's folder
	if err != nil {
		t.Fatal(err)
	}
	cat, err := l10n.Load(locales.FS, nil)
	if err != nil {
		t.Fatal(err)
	}
	tm, err := press.LoadTemplates(templates.FS)
	if err != nil {
		t.Fatal(err)
	}
	return &plan.Inputs{Config: c, Data: d, Catalog: cat, Templates: tm}
}

func TestMonthPlansNotesAndCertificates(t *testing.T) {
	in := example(t)
	m := dataset.Month{Year: 2024, Month: time.November}
	date, err := plan.Date("", m)
	if err != nil {
		t.Fatal(err)
	}
	if want := time.Date(2024, 12, 1, 0, 0, 0, 0, time.UTC); !date.Equal(want) {
		t.Errorf("default date %v, want %v", date, want)
	}
	p, err := in.Month(plan.Options{Month: m, Date: date, Notes: true})
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, f := range p.Files {
		names = append(names, f.Path)
	}
	want := "press-note.hi.txt press-note.hi.md press-note.hi.html press-note.en.txt press-note.en.md press-note.en.html annexure.xlsx"
	if got := strings.Join(names, " "); got != want {
		t.Errorf("files %s, want %s", got, want)
	}
	if len(p.PDFs) != 3 || p.PDFs[0].Path != "press-note.hi.pdf" || p.PDFs[2].Path != "annexure.pdf" {
		t.Errorf("PDFs %+v, want the hi and en notes and the annexure", p.PDFs)
	}
	golden, err := os.ReadFile("../cli/testdata/golden/2024-11/press-note.hi.txt")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(p.Files[0].Data, golden) {
		t.Errorf("the planned Hindi note differs from the CLI's golden file")
	}
	if len(p.Certificates) == 0 {
		t.Fatal("no certificates planned for the example month")
	}
	seen := map[string]bool{}
	for _, c := range p.Certificates {
		if seen[c.Number] {
			t.Errorf("certificate number %s given twice", c.Number)
		}
		seen[c.Number] = true
	}
	for parent, idx := range p.Bundles {
		for _, i := range idx {
			if a := p.Certificates[i].Award; a.Parent == nil || a.Parent.ID != parent {
				t.Errorf("bundle %s holds the certificate of %s", parent, a.Unit.ID)
			}
		}
	}
	// Without notes, only the certificates.
	q, err := in.Month(plan.Options{Month: m, Date: date})
	if err != nil {
		t.Fatal(err)
	}
	if len(q.Files)+len(q.PDFs) != 0 || len(q.Certificates) != len(p.Certificates) {
		t.Errorf("certificates-only plan: %d files, %d PDFs, %d certificates", len(q.Files), len(q.PDFs), len(q.Certificates))
	}
}

// A year's tally left out for want of history is told, with the setting
// that lets it in; a history that covers the year tells nothing.
func TestNoticesNameHistoryFrom(t *testing.T) {
	rank := 1
	f := &facts.Facts{Month: dataset.Month{Year: 2024, Month: time.November}, HistoryFrom: dataset.Month{Year: 2024, Month: time.April}}
	f.Scope.Rank = &rank
	f.Scope.Year = facts.Year{Year: 2024, MonthsRanked: 8, MonthsFirst: 7}
	ns := plan.Notices(f)
	if len(ns) != 1 || !strings.Contains(ns[0], "history_from") || !strings.Contains(ns[0], "--set history_from=2024-01") || !strings.Contains(ns[0], "2024-04") {
		t.Errorf("notices = %q, want one naming history_from, 2024-04 and --set history_from=2024-01", ns)
	}
	f.Scope.Year.Whole = true
	if ns := plan.Notices(f); len(ns) != 0 {
		t.Errorf("notices with a whole year: %q", ns)
	}
}

// Certificates of units whose names carry their level word do not repeat
// it: "थाना बिधूना, जनपद औरैया", "महिला थाना, जनपद औरैया", not "थाना थाना
// बिधूना" or "जनपद जनपद औरैया"; and the zone office does not award itself.
func TestCertificatesOfNamesWithLevelWords(t *testing.T) {
	in := example(t)
	fix := "../cli/testdata/levelnames"
	d, err := dataset.Load(fix+"/units.csv", fix+"/rankings")
	if err != nil {
		t.Fatal(err)
	}
	in.Data = d
	m := dataset.Month{Year: 2024, Month: time.November}
	certs := composed(t, in, plan.Options{Month: m, Date: time.Date(2024, 12, 1, 0, 0, 0, 0, time.UTC)})
	want := map[string][2]string{
		"r-kanpur":         {"कानपुर परिक्षेत्र, कानपुर जोन", "Kanpur Range, Kanpur Zone"},
		"d-auraiya":        {"जनपद औरैया, कानपुर परिक्षेत्र", "Auraiya District, Kanpur Range"},
		"d-lalitpur":       {"जनपद ललितपुर, झाँसी परिक्षेत्र", "Lalitpur District, Jhansi Range"},
		"t-bidhuna":        {"थाना बिधूना, जनपद औरैया", "Bidhuna Police Station, Auraiya District"},
		"t-auraiya-mahila": {"महिला थाना, जनपद औरैया", "Mahila Thana, Auraiya District"},
		"t-nawabad":        {"थाना नवाबाद, जनपद झाँसी", "Nawabad PS, Jhansi District"},
	}
	seen := 0
	for _, c := range certs {
		if c.Award.Unit.ID == "z-kanpur" {
			t.Error("the zone office awards itself")
		}
		w, ok := want[c.Award.Unit.ID]
		if !ok {
			continue
		}
		seen++
		if c.Texts[0].Unit != w[0] || c.Texts[1].Unit != w[1] {
			t.Errorf("%s: unit lines %q, %q; want %q, %q", c.Award.Unit.ID, c.Texts[0].Unit, c.Texts[1].Unit, w[0], w[1])
		}
	}
	if seen != len(want) {
		t.Errorf("%d of the %d expected certificates found", seen, len(want))
	}
}

// TestDrawableFindsCatalogWords: an office catalog whose annexure heading,
// card line or chart label has a character no font has is refused by
// Drawable, which validate and build run before anything is drawn or
// written (build used to write 22 files, then fail on annexure.pdf).
func TestDrawableFindsCatalogWords(t *testing.T) {
	set, err := typeset.NewFontSet(fonts.FS)
	if err != nil {
		t.Fatal(err)
	}
	layout := defaultLayout(t)
	m := dataset.Month{Year: 2024, Month: time.November}
	opts := plan.Options{Month: m, Date: time.Date(2024, 12, 2, 0, 0, 0, 0, time.UTC), Notes: true, Layout: layout, Cards: cardLayout(t)}
	tests := []struct{ id, msg, file string }{
		{"Annexure.Level.district", "one = \"जनपद ☎\"\nother = \"जनपद ☎\"", "annexure.pdf"},
		{"Annexure.Title", "other = \"अनुलग्नक ☎\"", "annexure.pdf"},
		{"Card.Kicker", "other = \"आईजीआरएस ☎ {{.Month}}\"", "card.hi.square.png"},
		{"Trend.Axis", "other = \"रैंक ☎\"", "trend.hi.png"},
		// The note's line, not the whole note; the certificate's.
		{"Press.Closing", "other = \"निर्देश ☎ {{.Officer}} {{.Hundred}}\"", "press-note.hi.txt, line 14"},
		{"Cert.Title", "other = \"प्रशस्ति ☎\"", "certificate of r-kanpur"},
	}
	for _, tt := range tests {
		t.Run(tt.id, func(t *testing.T) {
			in := example(t)
			over := fstest.MapFS{"active.hi.toml": {Data: []byte("[\"" + tt.id + "\"]\n" + tt.msg + "\n")}}
			if in.Catalog, err = l10n.Load(locales.FS, over); err != nil {
				t.Fatal(err)
			}
			p, err := in.Month(opts)
			if err != nil {
				t.Fatal(err)
			}
			err = plan.Drawable(set, in.Data, p)
			if err == nil || !strings.HasPrefix(err.Error(), tt.file+": U+260E") || !strings.Contains(err.Error(), "locales") || len(err.Error()) > 400 {
				t.Errorf("Drawable = %v; want an error naming %s, U+260E and the catalogs", err, tt.file)
			}
		})
	}
	in := example(t)
	p, err := in.Month(opts)
	if err != nil {
		t.Fatal(err)
	}
	if err := plan.Drawable(set, in.Data, p); err != nil {
		t.Errorf("the bundled catalogs: %v", err)
	}
}

// The text notes are checked for the PDF notes' sake; a WhatsApp message
// is never drawn, so an emoji in it is no error.
func TestDrawableLeavesWhatsAppAlone(t *testing.T) {
	set, err := typeset.NewFontSet(fonts.FS)
	if err != nil {
		t.Fatal(err)
	}
	in := example(t)
	wa := build.Plan{Files: []output.File{{Path: "press-note.hi.whatsapp.txt", Data: []byte("*आईजीआरएस रैंकिंग* 🙏\n")}}}
	if err := plan.Drawable(set, in.Data, wa); err != nil {
		t.Errorf("WhatsApp message: %v", err)
	}
	note := build.Plan{Files: []output.File{{Path: "press-note.hi.txt", Data: []byte("प्रेस नोट\nआईजीआरएस 🙏\n")}}}
	if err := plan.Drawable(set, in.Data, note); err == nil || !strings.HasPrefix(err.Error(), "press-note.hi.txt, line 2: U+1F64F") {
		t.Errorf("text note: %v", err)
	}
}

// TestRegisterRenumbers: Register gives the certificates planned as a
// preview the register's numbers and codes, and they are then the same as
// planning with the register gives: wording, number and code lines, QR
// payload. Run 0 numbers in the preview's order (the same numbers, new
// codes); run 1 gives the register the certificates in reverse, so that it
// numbers the levels' units from the last and most numbers differ from the
// preview's.
func TestRegisterRenumbers(t *testing.T) {
	in := example(t)
	in.Config.Certs.VerifyBase = "https://pro.example.org"
	m := dataset.Month{Year: 2024, Month: time.November}
	layout := defaultLayout(t)
	o := plan.Options{Month: m, Date: time.Date(2024, 12, 2, 0, 0, 0, 0, time.UTC), Layout: layout}
	for run := range 2 {
		reg, err := register.Open(filepath.Join(t.TempDir(), "register.db"))
		if err != nil {
			t.Fatal(err)
		}
		defer reg.Close()
		p, err := in.Month(o)
		if err != nil {
			t.Fatal(err)
		}
		preview := map[string]string{}
		for _, c := range p.Certificates {
			preview[c.Award.Unit.ID] = c.Number
		}
		if run == 1 {
			slices.Reverse(p.Certificates)
		}
		withReg := o
		withReg.Register = reg
		if err := in.Register(&p, withReg); err != nil {
			t.Fatal(err)
		}
		want := composed(t, in, withReg)
		if run == 1 {
			slices.Reverse(want)
		}
		if len(p.Certificates) != len(want) || len(want) == 0 {
			t.Fatalf("run %d: %d certificates, want %d", run, len(p.Certificates), len(want))
		}
		if p.Register != reg {
			t.Errorf("run %d: the plan does not record into the register", run)
		}
		renumbered := 0
		for i, r := range p.Certificates {
			c, err := p.Composer.Compose(r)
			if err != nil {
				t.Fatal(err)
			}
			if got, w := c.String(), want[i].String(); got != w {
				t.Fatalf("run %d, certificate %d:\n%s\nwant\n%s", run, i, got, w)
			}
			if !strings.HasSuffix(c.CodeLine, ": "+c.Verification.Code) || !strings.HasSuffix(c.NumberLine, ": "+c.Number) ||
				!strings.Contains(c.Verification.Payload, "c="+c.Verification.Code) || c.Verification.Code == "0000000000" {
				t.Fatalf("run %d: number %q in %q, code %q in %q, payload %q", run, c.Number, c.NumberLine, c.Verification.Code, c.CodeLine, c.Verification.Payload)
			}
			if c.Number != preview[c.Award.Unit.ID] {
				renumbered++
			}
		}
		if (run == 0) != (renumbered == 0) {
			t.Errorf("run %d: %d of %d numbers differ from the preview's", run, renumbered, len(want))
		}
		t.Logf("run %d: %d certificates, %d numbers other than the preview's", run, len(want), renumbered)
	}
}

// defaultLayout is the embedded certificate layout.
func defaultLayout(t *testing.T) *certificate.Layout {
	t.Helper()
	b, err := templates.FS.ReadFile("certificate-layout.toml")
	if err != nil {
		t.Fatal(err)
	}
	layout, err := certificate.ParseLayout(b, nil, "")
	if err != nil {
		t.Fatal(err)
	}
	return layout
}

// composed is every certificate of o's month, composed.
func composed(t *testing.T, in *plan.Inputs, o plan.Options) []certificate.Certificate {
	t.Helper()
	refs, _, err := in.Certificates(o)
	if err != nil {
		t.Fatal(err)
	}
	comp, err := in.Composer(o)
	if err != nil {
		t.Fatal(err)
	}
	out := make([]certificate.Certificate, len(refs))
	for i, r := range refs {
		if out[i], err = comp.Compose(r); err != nil {
			t.Fatal(err)
		}
	}
	return out
}

// The fonts' counting splits each certificate's runs in two: those
// counted ahead, before the register numbers the batch (FixedRuns), and
// those of its number and code (NumberRuns), counted by build.Run. Both
// together are every run the certificate draws, once each.
func TestFixedAndNumberRunsAreRuns(t *testing.T) {
	for _, name := range []string{"", "्यापन को"} {
		t.Run(name, func(t *testing.T) { fixedAndNumberRunsAreRuns(t, name) })
	}
}

// fixedAndNumberRunsAreRuns is TestFixedAndNumberRunsAreRuns with the
// signatory's Hindi name nameHi (empty: the example's). "्यापन को" is a
// piece of the code line ("... / सत्यापन कोड: ..."), not one of its runs:
// left out of the fixed runs, it was never counted, and drawing it failed
// ("needs glyph 717 of NotoSerifDevanagari-Bold.ttf").
func fixedAndNumberRunsAreRuns(t *testing.T, nameHi string) {
	in := example(t)
	if nameHi != "" {
		in.Config.Signatory.NameHi = nameHi
	}
	m := dataset.Month{Year: 2024, Month: time.November}
	p, err := in.Month(plan.Options{Month: m, Date: time.Date(2024, 12, 1, 0, 0, 0, 0, time.UTC), Layout: defaultLayout(t)})
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Certificates) < 2 {
		t.Fatalf("%d certificates, want several", len(p.Certificates))
	}
	for i, r := range p.Certificates {
		fixed, err := plan.FixedRuns(p, i, i+1)
		if err != nil {
			t.Fatal(err)
		}
		numbers, err := p.Composer.NumberRuns(r)
		if err != nil {
			t.Fatal(err)
		}
		c, err := p.Composer.Compose(r)
		if err != nil {
			t.Fatal(err)
		}
		got, want := slices.Sorted(slices.Values(append(fixed, numbers...))), slices.Sorted(slices.Values(c.Runs(p.Layout)))
		if !slices.Equal(got, want) {
			t.Fatalf("certificate %d: fixed %q and number runs %q; runs %q", i, fixed, numbers, want)
		}
	}
}

// TestComposingErrors: a catalog message that fails when a certificate is
// composed (only when run: what a message may use is checked when the
// catalog is read) stops the month before anything is drawn, as a
// TemplateError, reading as when each certificate was composed alone and
// all before the characters were checked: a line they all share (the
// date, number and code lines) names no certificate; a unit line that
// fails is an error, not a certificate without its unit; a composing
// error comes before a unit name the fonts cannot draw.
func TestComposingErrors(t *testing.T) {
	set, err := typeset.NewFontSet(fonts.FS)
	if err != nil {
		t.Fatal(err)
	}
	m := dataset.Month{Year: 2024, Month: time.November}
	opts := plan.Options{Month: m, Date: time.Date(2024, 12, 1, 0, 0, 0, 0, time.UTC), Layout: defaultLayout(t)}
	tests := []struct {
		name, id, msg string
		badName       bool // a unit name with a character no font has, too
		want          string
	}{
		// The date line is shared: 01.12.2024 has 10 bytes.
		{"shared line", "Cert.Label", `other = "{{.Label}}: {{slice .Value 0 11}}"`, false, "message Cert.Label (hi): "},
		// Parents' names are shorter than 100 bytes.
		{"unit line", "Cert.UnitLine", `other = "{{.Unit}}, {{.Parent}}{{$x := index .Parent 99}}"`, false, "certificate of r-kanpur: message Cert.UnitLine (hi): "},
		{"before the names", "Cert.Citation", `other = "{{.Month}} {{.Ordinal}} {{$x := index .Month 99}}"`, true, "certificate of r-kanpur: message Cert.Citation (hi): "},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := example(t)
			over := fstest.MapFS{"active.hi.toml": {Data: []byte("[\"" + tt.id + "\"]\n" + tt.msg + "\n")}}
			if in.Catalog, err = l10n.Load(locales.FS, over); err != nil {
				t.Fatal(err)
			}
			if tt.badName {
				in.Data.Units[len(in.Data.Units)-1].NameHi += "☎"
			}
			p, err := in.Month(opts)
			if err == nil {
				err = plan.Drawable(set, in.Data, p)
			}
			var te *plan.TemplateError
			if err == nil || !strings.HasPrefix(err.Error(), tt.want) || !errors.As(err, &te) {
				t.Errorf("error %v; want a TemplateError starting %q", err, tt.want)
			}
		})
	}
}
