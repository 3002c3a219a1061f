// Package build writes a month's output folder: the press notes in every
// format and the certificates (one PDF per unit, one combined print file,
// one bundle per parent unit) with their manifest. PDFs are drawn by a pool
// of workers, one typesetter each, and every file is written atomically as
// soon as it is ready, so memory does not grow with the number of
// certificates and an interrupted run leaves only complete files.
package build

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/csv"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"codeberg.org/go-pdf/fpdf"

	"github.com/igrs-pro/bulletin/bulletin/certificate"
	"github.com/igrs-pro/bulletin/bulletin/output"
	"github.com/igrs-pro/bulletin/bulletin/typeset"
)

// Plan is everything to write for a month, composed but not yet drawn.
type Plan struct {
	Dir   string        // the month's folder, OUT/<month>
	Month string        // YYYY-MM
	Date  time.Time     // the documents' date (also the PDFs' creation date)
	Files []output.File // ready files (press notes as text), paths relative to Dir
	// PDFs are other PDF documents to draw (the press notes), paths relative to Dir.
	PDFs []PDF
	// Certificates to draw, in order; Layout is their page design.
	Certificates []certificate.Certificate
	Layout       *certificate.Layout
	// Bundles groups the certificates by the unit that forwards them (a
	// district for its thanas): file name (without .pdf) -> indexes into
	// Certificates, drawn into by-unit/<name>.pdf.
	Bundles map[string][]int
}

// PDF is a document drawn by Draw with a worker's typesetter.
type PDF struct {
	Path string
	Draw func(ts *typeset.Typesetter) ([]byte, error)
}

// Options controls Run.
type Options struct {
	Workers int // 0: one per CPU
	// Progress, when set, is called after each file is written, from one
	// goroutine at a time.
	Progress func(done, total int, path string)
}

// Result is what Run wrote.
type Result struct {
	Files        int   // files written, the manifest included
	Certificates int   // single certificates
	Bytes        int64 // bytes written
}

// Paths of a month's certificate outputs, relative to its folder.
func CertificatePath(c certificate.Certificate) string {
	return filepath.Join("certificates", c.Award.Unit.Level.String(), c.Award.Unit.ID+".pdf")
}

// CombinedPath is the print file holding every certificate of the month.
func CombinedPath(month string) string { return "certificates-" + month + ".pdf" }

// BundlePath is the file of the certificates a unit forwards.
func BundlePath(unit string) string { return filepath.Join("by-unit", unit+".pdf") }

// ManifestPath is the list of certificates with their checksums.
const ManifestPath = "manifest.csv"

type task struct {
	path  string
	draw  func(ts *typeset.Typesetter) ([]byte, error)
	cert  int  // index of a single certificate, or -1
	certs bool // draws certificates: with the restricted font set
}

// Run draws and writes everything in p. It holds the lock of p.Dir while
// it writes, so a second run on the same month stops at once with a message
// naming the first. It stops at the first error or when ctx is done; files
// already written stay (each is complete), temporary files are removed, and
// a new run writes the month again.
func Run(ctx context.Context, set *typeset.FontSet, p Plan, opts Options) (Result, error) {
	var res Result
	unlock, err := output.Lock(p.Dir)
	if err != nil {
		return res, err
	}
	defer unlock()
	if err := removeStale(p.Dir); err != nil {
		return res, err
	}
	tasks := p.tasks()
	if err := removeUnplanned(p.Dir, p.Month, tasks); err != nil {
		return res, err
	}
	// Certificates are drawn with the fonts restricted to their text (see
	// typeset.FontSet.Restrict): fpdf's font work per document is then a
	// fraction of that of the full fonts.
	certSet := set
	if len(p.Certificates) > 0 {
		if certSet, err = set.Restrict(p.certificateTexts()); err != nil {
			return res, err
		}
	}
	total := len(p.Files) + len(tasks)
	if len(p.Certificates) > 0 {
		total++ // the manifest
	}
	var mu sync.Mutex
	wrote := func(path string, n int) {
		mu.Lock()
		defer mu.Unlock()
		res.Files++
		res.Bytes += int64(n)
		if opts.Progress != nil {
			opts.Progress(res.Files, total, path)
		}
	}
	for _, f := range p.Files {
		if err := ctx.Err(); err != nil {
			return res, err
		}
		if err := output.WriteFile(filepath.Join(p.Dir, f.Path), f.Data); err != nil {
			return res, err
		}
		wrote(f.Path, len(f.Data))
	}

	workers := opts.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	sums := make([]string, len(p.Certificates))
	var finished atomic.Int64
	queue := make(chan task)
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var tsFull, tsCert *typeset.Typesetter // made when first needed
			for t := range queue {
				if ctx.Err() != nil {
					continue
				}
				ts, s := &tsFull, set
				if t.certs {
					ts, s = &tsCert, certSet
				}
				if *ts == nil {
					n, err := typeset.NewTypesetter(s, "mm")
					if err != nil {
						cancel(err)
						continue
					}
					*ts = n
				}
				b, err := t.draw(*ts)
				if err == nil {
					err = output.WriteFile(filepath.Join(p.Dir, t.path), b)
				}
				if err != nil {
					cancel(fmt.Errorf("%s: %w", t.path, err))
					continue
				}
				if t.cert >= 0 {
					sum := sha256.Sum256(b)
					sums[t.cert] = hex.EncodeToString(sum[:])
				}
				finished.Add(1)
				wrote(t.path, len(b))
			}
		}()
	}
feed:
	for _, t := range tasks {
		select {
		case queue <- t:
		case <-ctx.Done():
			break feed
		}
	}
	close(queue)
	wg.Wait()
	// An interrupt that comes after the last file is no reason to stop.
	if err := context.Cause(ctx); err != nil && finished.Load() < int64(len(tasks)) {
		return res, err
	}
	res.Certificates = len(p.Certificates)
	if len(p.Certificates) > 0 {
		m := manifest(p.Certificates, sums)
		if err := output.WriteFile(filepath.Join(p.Dir, ManifestPath), m); err != nil {
			return res, err
		}
		wrote(ManifestPath, len(m))
	}
	return res, nil
}

// tasks lists the PDFs to draw, the longest first so that the workers end
// together: the combined print file, the bundles, the press notes, then one
// task per certificate.
func (p Plan) tasks() []task {
	var ts []task
	if len(p.Certificates) > 0 {
		all := make([]int, len(p.Certificates))
		for i := range all {
			all[i] = i
		}
		ts = append(ts, task{path: CombinedPath(p.Month), draw: p.drawCerts(all), cert: -1, certs: true})
	}
	for _, name := range sortedKeys(p.Bundles) {
		ts = append(ts, task{path: BundlePath(name), draw: p.drawCerts(p.Bundles[name]), cert: -1, certs: true})
	}
	for _, d := range p.PDFs {
		ts = append(ts, task{path: d.Path, draw: d.Draw, cert: -1})
	}
	for i, c := range p.Certificates {
		ts = append(ts, task{path: CertificatePath(c), draw: p.drawCerts([]int{i}), cert: i, certs: true})
	}
	return ts
}

// certificateTexts is every line the certificates draw.
func (p Plan) certificateTexts() []string {
	var out []string
	for _, c := range p.Certificates {
		out = append(out, c.Lines(p.Layout)...)
	}
	return out
}

// drawCerts returns the task of drawing the certificates at idx.
func (p Plan) drawCerts(idx []int) func(ts *typeset.Typesetter) ([]byte, error) {
	return func(ts *typeset.Typesetter) ([]byte, error) { return DrawCertificates(ts, p, idx) }
}

// DrawCertificates draws the certificates of p at idx into one document.
func DrawCertificates(ts *typeset.Typesetter, p Plan, idx []int) ([]byte, error) {
	title := "IGRS " + p.Month
	if len(idx) == 1 {
		title = p.Certificates[idx[0]].Number
	}
	pdf := certificate.NewDocument(title, p.Date)
	for _, i := range idx {
		if err := certificate.Draw(ts, pdf, p.Certificates[i], p.Layout); err != nil {
			return nil, err
		}
	}
	return pdfBytes(pdf)
}

func pdfBytes(pdf *fpdf.Fpdf) ([]byte, error) {
	var b bytes.Buffer
	if err := pdf.Output(&b); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// manifest lists the certificates: number, unit, level, names, rank,
// score, file (relative to the manifest) and SHA-256 of the file.
func manifest(cs []certificate.Certificate, sums []string) []byte {
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	w.Write([]string{"number", "unit", "level", "name_hi", "name_en", "rank", "score", "max_score", "file", "sha256"})
	for i, c := range cs {
		a := c.Award
		w.Write(safeCells(c.Number, a.Unit.ID, a.Unit.Level.String(), a.Unit.NameHi, a.Unit.NameEn,
			strconv.Itoa(a.Rank), number(a.Score), number(a.MaxScore), filepath.ToSlash(CertificatePath(c)), sums[i]))
	}
	w.Flush()
	return b.Bytes()
}

func number(f *float64) string {
	if f == nil {
		return ""
	}
	return strconv.FormatFloat(*f, 'f', -1, 64)
}

// safeCells keeps spreadsheet programs from running a cell as a formula:
// a cell that begins with = + - @ (or a tab or carriage return) gets a
// leading apostrophe, which Excel shows as text.
func safeCells(cells ...string) []string {
	for i, c := range cells {
		if c != "" && strings.ContainsRune("=+-@\t\r", rune(c[0])) {
			cells[i] = "'" + c
		}
	}
	return cells
}

// removeUnplanned deletes, before a run writes anything, the month's
// manifest and every certificate or bundle that this run will not write:
// files of an earlier run for units that no longer earn a certificate (a
// corrected ranking) must not lie beside the new ones. The manifest comes
// back at the end of a complete run, so a folder without one is unfinished.
func removeUnplanned(dir, month string, tasks []task) error {
	planned := map[string]bool{}
	for _, t := range tasks {
		planned[filepath.Clean(t.path)] = true
	}
	old := []string{ManifestPath}
	if !planned[CombinedPath(month)] {
		old = append(old, CombinedPath(month))
	}
	for _, name := range old {
		if err := os.Remove(filepath.Join(dir, name)); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return err
		}
	}
	for _, sub := range []string{"certificates", "by-unit"} {
		err := filepath.WalkDir(filepath.Join(dir, sub), func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			rel, _ := filepath.Rel(dir, path)
			if !d.IsDir() && !planned[rel] {
				return os.Remove(path)
			}
			return nil
		})
		if err != nil && !errors.Is(err, fs.ErrNotExist) {
			return err
		}
	}
	return nil
}

// removeStale deletes the temporary files a killed run may have left in dir.
func removeStale(dir string) error {
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() && output.IsTemp(d.Name()) {
			return os.Remove(path)
		}
		return nil
	})
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	return err
}

func sortedKeys(m map[string][]int) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
