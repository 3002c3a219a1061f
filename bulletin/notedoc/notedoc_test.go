package notedoc

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/igrs-pro/bulletin/bulletin/internal/ocrtest"
	"github.com/igrs-pro/bulletin/bulletin/internal/testtools"
	"github.com/igrs-pro/bulletin/bulletin/typeset"
	"github.com/igrs-pro/bulletin/fonts"
	"golang.org/x/text/unicode/norm"
)

var (
	setOnce sync.Once
	set     *typeset.FontSet
	setErr  error
)

func fontSet(t testing.TB) *typeset.FontSet {
	t.Helper()
	setOnce.Do(func() { set, setErr = typeset.NewFontSet(fonts.FS) })
	if setErr != nil {
		t.Fatal(setErr)
	}
	return set
}

func pressNote(t testing.TB) string {
	t.Helper()
	b, err := os.ReadFile("testdata/pressnote.txt")
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// expected is the text a reader should get out of the PDF: the title and
// the paragraphs, in order.
func expected(note string) string {
	title, paras := Parse(note)
	return strings.Join(append([]string{title}, paras...), "\n\n") + "\n"
}

func render(t testing.TB, text string, opts Options) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := Render(&b, text, fontSet(t), opts); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func pageCount(pdf []byte) int {
	return len(regexp.MustCompile(`/Type /Page\b`).FindAll(pdf, -1))
}

func TestParse(t *testing.T) {
	title, paras := Parse("\ufeff# शीर्षक  \r\nपहली पंक्ति\r\nदूसरी पंक्ति\r\n\r\n \r\n\r\nदूसरा अनुच्छेद\n")
	if title != "शीर्षक" || len(paras) != 2 || paras[0] != "पहली पंक्ति दूसरी पंक्ति" || paras[1] != "दूसरा अनुच्छेद" {
		t.Errorf("Parse = %q, %q", title, paras)
	}
	title, paras = Parse("#not a title\n\nbody")
	if title != "" || len(paras) != 2 {
		t.Errorf("Parse without title = %q, %q", title, paras)
	}
}

func TestRenderPagesAndDeterminism(t *testing.T) {
	note := pressNote(t)
	a := render(t, note, Options{})
	if n := pageCount(a); n != 2 {
		t.Errorf("press note has %d pages, want 2 (it is about 1.5 pages)", n)
	}
	if b := render(t, note, Options{}); !bytes.Equal(a, b) {
		t.Error("same note, different PDF bytes")
	}
	d := time.Date(2024, 11, 25, 12, 0, 0, 0, time.UTC)
	if b := render(t, note, Options{CreationDate: d}); bytes.Equal(a, b) || !bytes.Contains(b, []byte("D:20241125120000")) {
		t.Error("CreationDate not written")
	}
	// More text flows onto more pages.
	long := note + "\n\n" + strings.Repeat(strings.SplitN(note, "\n\n", 3)[1]+"\n\n", 20)
	if n := pageCount(render(t, long, Options{})); n < 4 {
		t.Errorf("long note has %d pages", n)
	}
	if n := pageCount(render(t, "एक पंक्ति।", Options{})); n != 1 {
		t.Errorf("one line: %d pages", n)
	}
}

func TestRenderErrors(t *testing.T) {
	var b bytes.Buffer
	err := Render(&b, "# शीर्षक\n\nयह ☃ नहीं छपेगा", fontSet(t), Options{})
	var ce *typeset.CharError
	if !errors.As(err, &ce) || ce.Char != '☃' || b.Len() != 0 {
		t.Errorf("Render with a snowman: err %v, %d bytes written", err, b.Len())
	}
	if err := Render(&b, " \n\n \n", fontSet(t), Options{}); err == nil {
		t.Error("empty note accepted")
	}
}

func writeTemp(t *testing.T, name string, b []byte) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, b, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// pageNumber is a page number line of pdftotext's output.
var pageNumber = regexp.MustCompile(`(?m)^\s*\d+ / \d+\s*$`)

// dropPageNumbers removes the "n / N" lines from pdftotext's output.
func dropPageNumbers(s string) string { return pageNumber.ReplaceAllString(s, "") }

func fold(s string) string { return strings.Join(strings.Fields(norm.NFC.String(s)), " ") }

// TestTextExtraction: pdftotext gives back the note exactly.
func TestTextExtraction(t *testing.T) {
	pdftotext := testtools.RequireTool(t, "pdftotext")
	note := pressNote(t)
	p := writeTemp(t, "note.pdf", render(t, note, Options{}))
	out, err := exec.Command(pdftotext, "-enc", "UTF-8", p, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	if got, want := fold(dropPageNumbers(string(out))), fold(expected(note)); got != want {
		i := 0
		for i < len(got) && i < len(want) && got[i] == want[i] {
			i++
		}
		t.Fatalf("pdftotext differs at byte %d:\n got …%q\nwant …%q", i, got[i:min(len(got), i+80)], want[i:min(len(want), i+80)])
	}
}

// TestPdfcheck: the text (with the page number between the pages) must
// copy out exactly, every font must be embedded, and OCR (tesseract
// hin+eng) of the rendered pages must read back the Hindi with a
// character error rate of at most 2%.
func TestPdfcheck(t *testing.T) {
	if testing.Short() {
		t.Skip("OCR takes a while; skipped in -short mode")
	}
	note := pressNote(t)
	pdfPath := filepath.Join(t.TempDir(), "note.pdf")
	if err := os.WriteFile(pdfPath, render(t, note, Options{}), 0o644); err != nil {
		t.Fatal(err)
	}
	// The note runs to two pages: the reader sees "1 / 2" between them.
	checkPDF(t, pdfPath, readingText(t, FromText(note), Options{}), 0.02)
}

// checkPDF checks a PDF with the project's OCR check (ocrtest.CheckPDF):
// fonts embedded, the text copies out exactly, OCR reads it back within
// maxOCR.
func checkPDF(t *testing.T, path, want string, maxOCR float64) {
	t.Helper()
	r := ocrtest.CheckPDF(t, path, want)
	t.Logf("%s: %v", filepath.Base(path), r)
	if len(r.NotEmbedded) > 0 {
		t.Errorf("fonts not embedded: %v", r.NotEmbedded)
	}
	if r.ExtractCER > 0 {
		t.Errorf("extract CER %.4f, want 0; pdftotext gave:\n%s", r.ExtractCER, r.Extracted)
	}
	if r.OCRCER > maxOCR {
		t.Errorf("OCR CER %.4f, over %.4f; tesseract read:\n%s", r.OCRCER, maxOCR, r.Read)
	}
}

// TestPaginate: every line is placed once, in order, inside the text area;
// no page ends with a paragraph's first line alone or starts with its last
// line alone (when the paragraph has more lines to move), for many page
// heights.
func TestPaginate(t *testing.T) {
	ts, err := typeset.NewTypesetter(fontSet(t), "mm")
	if err != nil {
		t.Fatal(err)
	}
	_, paras := Parse(pressNote(t))
	var ps []*typeset.Paragraph
	var items []item
	for _, para := range paras {
		p, err := ts.LayoutText(para, typeset.Style{Size: 12}, typeset.Options{Width: 170, Align: typeset.Justify})
		if err != nil {
			t.Fatal(err)
		}
		ps, items = append(ps, p), append(items, item{p: p, gap: 3})
	}
	for bottom := 60.0; bottom <= 277; bottom += 7 {
		pages := paginate(items, 20, 20, bottom)
		next := map[*typeset.Paragraph]int{}
		for pn, pg := range pages {
			for k, pl := range pg {
				if pl.from != next[pl.p] || pl.to <= pl.from {
					t.Fatalf("bottom %v page %d: lines %d-%d of a paragraph, expected from %d", bottom, pn, pl.from, pl.to, next[pl.p])
				}
				next[pl.p] = pl.to
				end := pl.y + pl.p.Lines[pl.to-1].Top + pl.p.Lines[pl.to-1].Height - pl.p.Lines[pl.from].Top
				if pl.y < 20 || end > bottom+1e-9 {
					t.Errorf("bottom %v page %d: lines run from %.1f to %.1f", bottom, pn, pl.y, end)
				}
				n := len(pl.p.Lines)
				if k == len(pg)-1 && pl.from == 0 && pl.to == 1 && n > 1 && len(pg) > 1 {
					t.Errorf("bottom %v page %d: orphan first line at the bottom", bottom, pn)
				}
				if k == 0 && pn > 0 && pl.from == n-1 && n > 3 && pl.from > 0 {
					prev := pages[pn-1][len(pages[pn-1])-1]
					if prev.p == pl.p && prev.to-prev.from >= 3 {
						t.Errorf("bottom %v page %d: widow last line at the top", bottom, pn)
					}
				}
			}
		}
		for _, p := range ps {
			if next[p] != len(p.Lines) {
				t.Fatalf("bottom %v: paragraph placed %d of %d lines", bottom, next[p], len(p.Lines))
			}
		}
	}
}
