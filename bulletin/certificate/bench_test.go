package certificate_test

import (
	"bytes"
	"fmt"
	"runtime"
	"runtime/debug"
	"sync"
	"sync/atomic"
	"testing"

	"codeberg.org/go-pdf/fpdf"

	"github.com/igrs-pro/bulletin/bulletin/certificate"
	"github.com/igrs-pro/bulletin/bulletin/typeset"
	"github.com/igrs-pro/bulletin/fonts"
)

// Benchmarks of the certificate batch (issue 4: ~1,850 bilingual one-page
// certificates, each its own PDF, on 2 cores). Every op is one certificate
// of the example month (133 of them, taken in turn): new document, drawing,
// Output, with the fonts restricted to the month's certificates as the
// batch has them. Compare runs with benchstat:
//
//	go test -run '^$' -bench 'Certificate' -count 8 ./bulletin/certificate/ | tee new.txt
//
// bytes/cert is the mean PDF size.

type benchFixture struct {
	set   *typeset.FontSet
	f     fixture
	certs []certificate.Certificate
}

var (
	benchOnce sync.Once
	benchFix  benchFixture
)

func loadBench(b *testing.B) *benchFixture {
	b.Helper()
	benchOnce.Do(func() {
		f := load(b, "2024-11")
		full, err := typeset.NewFontSet(fonts.FS)
		if err != nil {
			b.Fatal(err)
		}
		benchFix = benchFixture{f: f}
		var lines []string
		for _, a := range f.awards {
			c := f.compose(b, a)
			benchFix.certs = append(benchFix.certs, c)
			lines = append(lines, c.Runs(f.layout)...)
		}
		if benchFix.set, err = full.Restrict(lines); err != nil {
			b.Fatal(err)
		}
	})
	if benchFix.set == nil {
		b.Fatal("bench fixture not loaded")
	}
	return &benchFix
}

// oneCertificate draws certificate c as its own PDF into buf.
func oneCertificate(ts *typeset.Typesetter, c certificate.Certificate, l *certificate.Layout, buf *bytes.Buffer) error {
	pdf := certificate.NewDocument("Certificate "+c.Number, date)
	if err := certificate.Draw(ts, pdf, c, l); err != nil {
		return err
	}
	buf.Reset()
	return pdf.Output(buf)
}

// BenchmarkCertificate: one certificate document per op on one goroutine.
func BenchmarkCertificate(b *testing.B) {
	fx := loadBench(b)
	ts, err := typeset.NewTypesetter(fx.set, "mm")
	if err != nil {
		b.Fatal(err)
	}
	var buf bytes.Buffer
	var total int64
	i := 0
	b.ReportAllocs()
	cpu0 := cpuTime()
	for b.Loop() {
		if err := oneCertificate(ts, fx.certs[i%len(fx.certs)], fx.f.layout, &buf); err != nil {
			b.Fatal(err)
		}
		total += int64(buf.Len())
		i++
	}
	b.ReportMetric(float64(cpuTime()-cpu0)/float64(i), "cpu-ns/op")
	b.ReportMetric(float64(total)/float64(i), "bytes/cert")
}

// BenchmarkRecord: drawing one certificate page (Record, as the batch
// draws each certificate once), without the document around it: the
// text layout, the text operators, the QR code and the graphics.
func BenchmarkRecord(b *testing.B) {
	fx := loadBench(b)
	ts, err := typeset.NewTypesetter(fx.set, "mm")
	if err != nil {
		b.Fatal(err)
	}
	i := 0
	b.ReportAllocs()
	cpu0 := cpuTime()
	for b.Loop() {
		if _, err := certificate.Record(ts, fx.certs[i%len(fx.certs)], fx.f.layout); err != nil {
			b.Fatal(err)
		}
		i++
	}
	b.ReportMetric(float64(cpuTime()-cpu0)/float64(i), "cpu-ns/op")
}

// BenchmarkCertificateParallel: as the batch runs, one Typesetter per
// goroutine sharing the FontSet, GOMAXPROCS goroutines (run with -cpu 2 on
// the 2-core machine: ns/op × 1,850 is then the batch's wall time for the
// certificate files).
func BenchmarkCertificateParallel(b *testing.B) {
	benchParallel(b, -1)
}

// BenchmarkCertificateGOGC is the parallel benchmark under several
// debug.SetGCPercent settings (the batch command's choice).
func BenchmarkCertificateGOGC(b *testing.B) {
	for _, pct := range []int{100, 200, 400, 800} {
		b.Run(fmt.Sprintf("gogc=%d", pct), func(b *testing.B) {
			benchParallel(b, pct)
		})
	}
}

func benchParallel(b *testing.B, gcPercent int) {
	fx := loadBench(b)
	if gcPercent > 0 {
		defer debug.SetGCPercent(debug.SetGCPercent(gcPercent))
	}
	runtime.GC()
	var next, total atomic.Int64
	var ms0, ms1 runtime.MemStats
	runtime.ReadMemStats(&ms0)
	b.ReportAllocs()
	b.ResetTimer()
	cpu0 := cpuTime()
	b.RunParallel(func(pb *testing.PB) {
		ts, err := typeset.NewTypesetter(fx.set, "mm")
		if err != nil {
			b.Error(err)
			return
		}
		var buf bytes.Buffer
		for pb.Next() {
			i := next.Add(1)
			if err := oneCertificate(ts, fx.certs[int(i)%len(fx.certs)], fx.f.layout, &buf); err != nil {
				b.Error(err)
				return
			}
			total.Add(int64(buf.Len()))
		}
	})
	b.StopTimer()
	cpu := cpuTime() - cpu0
	runtime.ReadMemStats(&ms1)
	n := float64(next.Load())
	b.ReportMetric(float64(cpu)/n, "cpu-ns/op")
	b.ReportMetric(float64(total.Load())/n, "bytes/cert")
	b.ReportMetric(float64(ms1.NumGC-ms0.NumGC)/n, "gcs/cert")
	b.ReportMetric(float64(b.Elapsed().Seconds())/n*1850, "s/1850")
}

// BenchmarkCombined1850 is the combined print file as the batch makes it:
// 1,850 recorded certificate pages (the example month's 133 in turn, each
// drawn once by certificate.Record) added to one document, one op per
// file. heap-MB is the heap in use after adding the last page (after a GC,
// before Output): what the combined file keeps live.
func BenchmarkCombined1850(b *testing.B) {
	fx := loadBench(b)
	ts, err := typeset.NewTypesetter(fx.set, "mm")
	if err != nil {
		b.Fatal(err)
	}
	pages := make([]*certificate.Page, len(fx.certs))
	for i, c := range fx.certs {
		if pages[i], err = certificate.Record(ts, c, fx.f.layout); err != nil {
			b.Fatal(err)
		}
	}
	var size int
	var heap uint64
	b.ReportAllocs()
	for b.Loop() {
		var pdf *fpdf.Fpdf = certificate.NewDocument("Certificates", date)
		for i := range 1850 {
			if err := pages[i%len(pages)].Add(pdf); err != nil {
				b.Fatal(err)
			}
		}
		b.StopTimer()
		runtime.GC()
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		heap = max(heap, ms.HeapAlloc)
		b.StartTimer()
		var buf bytes.Buffer
		if err := pdf.Output(&buf); err != nil {
			b.Fatal(err)
		}
		size = buf.Len()
	}
	b.ReportMetric(float64(size), "bytes")
	b.ReportMetric(float64(heap)/(1<<20), "heap-MB")
}
