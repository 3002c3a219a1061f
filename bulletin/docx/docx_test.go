package docx_test

import (
	"archive/zip"
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/igrs-pro/bulletin/bulletin/config"
	"github.com/igrs-pro/bulletin/bulletin/dataset"
	"github.com/igrs-pro/bulletin/bulletin/docx"
	"github.com/igrs-pro/bulletin/bulletin/internal/testtools"
	"github.com/igrs-pro/bulletin/bulletin/l10n"
	"github.com/igrs-pro/bulletin/bulletin/plan"
	"github.com/igrs-pro/bulletin/bulletin/press"
	"github.com/igrs-pro/bulletin/locales"
	"github.com/igrs-pro/bulletin/templates"
)

// notes composes the example month's press notes, as build does.
func notes(t *testing.T) []plan.Note {
	t.Helper()
	c, err := config.Load("../../config.toml")
	if err != nil {
		t.Fatal(err)
	}
	d, err := dataset.Load(c.Units, c.Rankings)
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
	in := &plan.Inputs{Config: c, Data: d, Catalog: cat, Templates: tm}
	m := dataset.Month{Year: 2024, Month: time.November}
	f, err := in.Facts(m)
	if err != nil {
		t.Fatal(err)
	}
	ns, err := in.Notes(f, time.Date(2024, 12, 2, 0, 0, 0, 0, time.UTC), []string{"hi", "en"})
	if err != nil {
		t.Fatal(err)
	}
	return ns
}

// lines are the non-empty lines of a text, trimmed.
func lines(s string) []string {
	var out []string
	for _, l := range strings.Split(strings.ReplaceAll(s, "\r\n", "\n"), "\n") {
		if l = strings.TrimSpace(strings.TrimPrefix(l, "\ufeff")); l != "" {
			out = append(out, l)
		}
	}
	return out
}

// LibreOffice Writer opens the .docx and its text equals the note's txt
// form, line for line.
func TestRoundTripLibreOffice(t *testing.T) {
	soffice := testtools.RequireTool(t, "soffice")
	dir := t.TempDir()
	for _, n := range notes(t) {
		b, err := docx.FromNote(n.Note, n.Date).Bytes()
		if err != nil {
			t.Fatal(err)
		}
		in := filepath.Join(dir, n.FileName("docx"))
		if err := os.WriteFile(in, b, 0o644); err != nil {
			t.Fatal(err)
		}
		out := filepath.Join(dir, "out")
		cmd := exec.Command(soffice, "-env:UserInstallation=file://"+filepath.Join(dir, "profile"),
			"--headless", "--convert-to", "txt:Text (encoded):UTF8", "--outdir", out, in)
		cmd.Env = append(os.Environ(), "HOME="+dir)
		if o, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("soffice: %v\n%s", err, o)
		}
		got, err := os.ReadFile(filepath.Join(out, strings.TrimSuffix(filepath.Base(in), ".docx")+".txt"))
		if err != nil {
			t.Fatal(err)
		}
		if n.Lang == "hi" {
			checkFonts(t, soffice, dir, in)
		}
		want, g := lines(string(n.Text["txt"])), lines(string(got))
		if len(want) < 6 {
			t.Fatalf("%s: the txt note has %d lines", n.Lang, len(want))
		}
		if dir := os.Getenv("DOCX_KEEP"); dir != "" {
			os.WriteFile(filepath.Join(dir, filepath.Base(in)), b, 0o644)
		}
		if strings.Join(want, "\n") != strings.Join(g, "\n") {
			t.Errorf("%s: Writer reads\n%s\nwant\n%s", n.Lang, strings.Join(g, "\n"), strings.Join(want, "\n"))
		}
	}
}

// The parts Word needs are there, the fonts are set for Devanagari
// (complex script), and the same note gives the same bytes.
func TestPartsAndDeterminism(t *testing.T) {
	n := notes(t)[0]
	if n.Headline == "" {
		t.Fatal("the example note has no headline")
	}
	a, err := docx.FromNote(n.Note, n.Date).Bytes()
	if err != nil {
		t.Fatal(err)
	}
	b, _ := docx.FromNote(n.Note, n.Date).Bytes()
	if !bytes.Equal(a, b) {
		t.Error("two writes differ")
	}
	z, err := zip.NewReader(bytes.NewReader(a), int64(len(a)))
	if err != nil {
		t.Fatal(err)
	}
	parts := map[string]string{}
	for _, f := range z.File {
		r, _ := f.Open()
		var buf bytes.Buffer
		buf.ReadFrom(r)
		parts[f.Name] = buf.String()
	}
	for _, name := range []string{"[Content_Types].xml", "_rels/.rels", "word/document.xml", "word/styles.xml", "word/fontTable.xml", "word/_rels/document.xml.rels"} {
		if _, ok := parts[name]; !ok {
			t.Errorf("no part %s", name)
		}
	}
	for _, want := range []string{`w:cs="Nirmala UI"`, `w:bidi="hi-IN"`} {
		if !strings.Contains(parts["word/styles.xml"], want) {
			t.Errorf("styles.xml lacks %s", want)
		}
	}
	if !strings.Contains(parts["word/fontTable.xml"], `<w:altName w:val="Mangal"/>`) {
		t.Error("font table lacks Mangal as Nirmala UI's alternative")
	}
	doc := parts["word/document.xml"]
	for _, want := range []string{">" + n.Headline + "<", ">" + n.Paragraphs[0] + "<", ">" + n.Signatory.Name + "<"} {
		if !strings.Contains(doc, want) {
			t.Errorf("document.xml lacks %q", want)
		}
	}
	esc, _ := docx.Document{Paras: []docx.Para{{Text: `a < b & "c"`}}}.Bytes()
	if len(esc) == 0 {
		t.Error("empty document")
	}
}

// checkFonts converts the Hindi note to PDF with Writer on a machine whose
// only Devanagari fonts are the bundled Noto ones (no Nirmala UI, no
// Mangal): Writer must set the Devanagari in Noto Sans Devanagari, never in
// a font without the letters.
func checkFonts(t *testing.T, soffice, dir, in string) {
	t.Helper()
	pdffonts := testtools.RequireTool(t, "pdffonts")
	fontsDir, err := filepath.Abs("../../fonts")
	if err != nil {
		t.Fatal(err)
	}
	conf := filepath.Join(dir, "fonts.conf")
	os.WriteFile(conf, []byte(`<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd"><fontconfig>`+
		`<include ignore_missing="yes">/etc/fonts/fonts.conf</include><dir>`+fontsDir+`</dir><cachedir>`+filepath.Join(dir, "fc")+`</cachedir></fontconfig>`), 0o644)
	out := filepath.Join(dir, "pdf")
	cmd := exec.Command(soffice, "-env:UserInstallation=file://"+filepath.Join(dir, "profile"),
		"--headless", "--convert-to", "pdf", "--outdir", out, in)
	cmd.Env = append(os.Environ(), "HOME="+dir, "FONTCONFIG_FILE="+conf)
	if o, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("soffice: %v\n%s", err, o)
	}
	o, err := exec.Command(pdffonts, filepath.Join(out, strings.TrimSuffix(filepath.Base(in), ".docx")+".pdf")).CombinedOutput()
	if err != nil {
		t.Fatalf("pdffonts: %v\n%s", err, o)
	}
	fonts := string(o)
	if !strings.Contains(fonts, "NotoSansDevanagari-Regular") || !strings.Contains(fonts, "NotoSansDevanagari-Bold") {
		t.Errorf("Writer did not set the note in Noto Sans Devanagari:\n%s", fonts)
	}
}
