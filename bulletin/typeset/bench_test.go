package typeset

import (
	"bytes"
	"io"
	"strings"
	"testing"

	"codeberg.org/go-pdf/fpdf"
	"github.com/igrs-pro/bulletin/bulletin/pdffont"
)

// benchWords is running Hindi with some English and digits: the sample
// paragraph plus the corpus.
func benchText(b *testing.B) (string, int) {
	s := sampleHindi + " " + strings.Join(readCorpus(b), " ")
	return s, len(strings.Fields(s))
}

// BenchmarkShape measures shaping alone, with an empty cache each time:
// every word goes through HarfBuzz.
func BenchmarkShape(b *testing.B) {
	ts := newTS(b)
	text, words := benchText(b)
	st := Style{Family: Sans, Size: 12}
	b.ResetTimer()
	for b.Loop() {
		ts.clearCache()
		if _, _, err := ts.pieces([]Run{{Text: text, Style: st}}); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(words)*float64(b.N)/b.Elapsed().Seconds(), "words/s")
}

// BenchmarkLayoutCached is Layout of the same paragraph again and again:
// words come from the Typesetter's cache, as for a batch of certificates.
func BenchmarkLayoutCached(b *testing.B) {
	ts := newTS(b)
	text, words := benchText(b)
	st := Style{Family: Sans, Size: 12}
	for b.Loop() {
		if _, err := ts.LayoutText(text, st, Options{Width: 170, Align: Justify}); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(words)*float64(b.N)/b.Elapsed().Seconds(), "words/s")
}

// pageText is about one A4 page of justified 12 pt Hindi.
func pageText() string {
	return strings.Repeat(sampleHindi+" ", 5)
}

// BenchmarkPageA4 makes one A4 page of justified Hindi from text to PDF
// bytes: new document, layout, font registration, drawing, output. "full"
// draws with the full font set, whose sub-fonts follow glyph order, so the
// page uses several; "draft+final" draws it as bulletin/notedoc does, as a
// draft and again with the set restricted to the draft's glyphs
// (RestrictDrawn).
func BenchmarkPageA4(b *testing.B) {
	text := pageText()
	st := Style{Family: Sans, Size: 12}
	page := func(ts *Typesetter) *fpdf.Fpdf {
		pdf := newPDF()
		pdf.AddPage()
		p, err := ts.LayoutText(text, st, Options{Width: 170, Align: Justify})
		if err != nil {
			b.Fatal(err)
		}
		if p.Height > 257 {
			b.Fatalf("page text is %.0f mm high", p.Height)
		}
		if err := p.Draw(pdf, 20, 20); err != nil {
			b.Fatal(err)
		}
		return pdf
	}
	output := func(pdf *fpdf.Fpdf) int {
		var buf bytes.Buffer
		if err := pdf.Output(&buf); err != nil {
			b.Fatal(err)
		}
		return buf.Len()
	}
	b.Run("full", func(b *testing.B) {
		ts := newTS(b)
		var size int
		for b.Loop() {
			size = output(page(ts))
		}
		b.ReportMetric(float64(size), "bytes")
	})
	b.Run("draft+final", func(b *testing.B) {
		ts := newTS(b)
		var size int
		for b.Loop() {
			r, err := ts.set.RestrictDrawn(page(ts))
			if err != nil {
				b.Fatal(err)
			}
			fin, err := NewTypesetter(r, "mm")
			if err != nil {
				b.Fatal(err)
			}
			size = output(page(fin))
		}
		b.ReportMetric(float64(size), "bytes")
	})
}

// BenchmarkRegisterFont is what registering one sub-font costs a document
// (fpdf reads and hashes its definition; compare BenchmarkNewPDF). Its
// program is cut and compressed at Output: see BenchmarkFontProgram.
func BenchmarkRegisterFont(b *testing.B) {
	ts := newTS(b)
	fd := ts.set.faces[makeFaceID(Sans, Regular, deva)]
	if err := fd.pdf.build(); err != nil {
		b.Fatal(err)
	}
	sf := fd.plan.Subs()[0]
	for b.Loop() {
		pdf := fpdf.New("P", "mm", "A4", "")
		if _, err := pdffont.DocOf(pdf).Use(sf); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkFontProgram: cutting a sub-font to 100 glyphs and compressing
// it, as Output does once per sub-font and document.
func BenchmarkFontProgram(b *testing.B) {
	ts := newTS(b)
	fd := ts.set.faces[makeFaceID(Serif, Regular, deva)]
	if err := fd.pdf.build(); err != nil {
		b.Fatal(err)
	}
	d := pdffont.DocOf(fpdf.New("P", "mm", "A4", ""))
	df, err := d.Use(fd.plan.Subs()[0])
	if err != nil {
		b.Fatal(err)
	}
	for c := pdffont.FirstCode; c < pdffont.FirstCode+100; c++ {
		df.Mark(byte(c))
	}
	var n int64
	for b.Loop() {
		r, err := d.Open(df.Sub().File())
		if err != nil {
			b.Fatal(err)
		}
		n, _ = io.Copy(io.Discard, r)
	}
	b.ReportMetric(float64(n), "bytes")
}

func BenchmarkNewPDF(b *testing.B) {
	for b.Loop() {
		_ = fpdf.New("P", "mm", "A4", "")
	}
}

// BenchmarkCertificateParallel: a one-page certificate (centred lines, a
// justified paragraph, bold name shrunk to fit) per op, one Typesetter per
// goroutine sharing the FontSet, as the certificate batch will run.
func BenchmarkCertificateParallel(b *testing.B) {
	set := fontSet(b)
	var size int
	b.RunParallel(func(pb *testing.PB) {
		ts, err := NewTypesetter(set, "mm")
		if err != nil {
			b.Error(err)
			return
		}
		title := Style{Family: Serif, Weight: Bold, Size: 28}
		name := Style{Family: Serif, Weight: Bold, Size: 22}
		body := Style{Family: Serif, Size: 13}
		for pb.Next() {
			pdf := newPDF()
			pdf.AddPage()
			if _, err := ts.DrawLine(pdf, 105, 50, Center, Run{Text: "प्रशस्ति पत्र", Style: title}); err != nil {
				b.Error(err)
				return
			}
			unit := "थाना कोतवाली नगर, जनपद गौतमबुद्धनगर (पुलिस कमिश्नरेट)"
			name.Size, _, _ = ts.FitSize(unit, name, 150, 22, 12)
			if _, err := ts.DrawLine(pdf, 105, 80, Center, Run{Text: unit, Style: name}); err != nil {
				b.Error(err)
				return
			}
			p, err := ts.LayoutText("आई०जी०आर०एस० पोर्टल पर प्राप्त शिकायतों के गुणवत्तापूर्ण एवं समयबद्ध निस्तारण में नवम्बर-2024 माह में प्रदेश में प्रथम स्थान प्राप्त करने हेतु यह प्रशस्ति पत्र प्रदान किया जाता है।", body, Options{Width: 160, Align: Justify})
			if err != nil {
				b.Error(err)
				return
			}
			if err := p.Draw(pdf, 25, 95); err != nil {
				b.Error(err)
				return
			}
			var buf bytes.Buffer
			if err := pdf.Output(&buf); err != nil {
				b.Error(err)
				return
			}
			size = buf.Len()
		}
	})
	b.ReportMetric(float64(size), "bytes")
}

// batchTexts are about 1,900 texts made of the corpus's lines two by two:
// distinct texts that repeat most of their words, as a month's
// certificates do.
func batchTexts(b *testing.B) []string {
	items := readCorpus(b)
	var out []string
	for i := range items {
		for j := range 6 {
			out = append(out, items[i]+" "+items[(i*31+j*17+1)%len(items)])
		}
	}
	return out
}

// BenchmarkRestrict is FontSet.Restrict of a batch's texts (batchTexts):
// every text shaped in every family and weight and its words counted;
// "serif" is RestrictTo the serif family, as the certificates are.
func BenchmarkRestrict(b *testing.B) {
	set := fontSet(b)
	texts := batchTexts(b)
	for _, bc := range []struct {
		name   string
		styles []Style
	}{{"all", nil}, {"serif", []Style{{Family: Serif}, {Family: Serif, Weight: Bold}}}} {
		b.Run(bc.name, func(b *testing.B) {
			for b.Loop() {
				if _, err := set.RestrictTo(texts, bc.styles); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(len(texts)), "texts")
		})
	}
}
