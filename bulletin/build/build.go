// Package build writes a month's output folder: the press notes in every
// format and the certificates (one PDF per unit, one combined print file,
// one bundle per parent unit) with their manifest. PDFs are drawn by a pool
// of workers, one typesetter each, and every file is written atomically as
// soon as it is ready, by a few writer goroutines so that the workers do
// not wait for the disk; an interrupted run leaves only complete files. The
// files reach the disk together (output.Batch) before the manifest is
// written.
//
// Each certificate is drawn once: its own PDF is made from it at once, and
// its page's compressed content stream is copied (package pdfjoin) into
// the print file and its bundle, which are written as the pages come, in
// the certificates' order. What the print file and bundles share (fonts cut
// to the codes their pages drew, with /ToUnicode maps; the emblem) is
// written after their last page. Memory does not grow with the number of
// certificates but by a few hundred bytes each (their plan, checksums and
// page offsets).
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

	"github.com/igrs-pro/bulletin/bulletin/certificate"
	"github.com/igrs-pro/bulletin/bulletin/output"
	"github.com/igrs-pro/bulletin/bulletin/register"
	"github.com/igrs-pro/bulletin/bulletin/typeset"
)

// Plan is everything to write for a month, composed but not yet drawn.
type Plan struct {
	Dir   string        // the month's folder, OUT/<month>
	Scope string        // the unit announced: the month's folder is its own (output.Claim)
	Month string        // YYYY-MM
	Date  time.Time     // the documents' date (also the PDFs' creation date)
	Files []output.File // ready files (press notes as text), paths relative to Dir
	// PDFs are other PDF documents to draw (the press notes), paths relative to Dir.
	PDFs []PDF
	// Certificates to draw, in order, each by its award, number and code:
	// Composer writes each one's wording when it is counted for the fonts
	// and again when it is drawn, so that what a batch holds per
	// certificate is small (issue 14). Layout is their page design.
	Certificates []certificate.Ref
	Composer     *certificate.Composer
	Layout       *certificate.Layout
	// Bundles groups the certificates by the unit that forwards them (a
	// district for its thanas): file name (without .pdf) -> indexes into
	// Certificates, drawn into by-unit/<name>.pdf.
	Bundles map[string][]int
	// Notices are lines for the office that are not errors (a sentence
	// left out for want of history); the CLI prints them, Run ignores them.
	Notices []string
	// Number, when set, gives the certificates their numbers and codes
	// from the register (and sets Register): Run calls it once it holds the
	// month folder, so a run that may not write the month leaves the
	// register alone.
	Number func(p *Plan) error
	// Register, when set, records every certificate file once the files
	// are on disk (see Run).
	Register *register.Register
	// Restrictor, when set, counts ahead the texts of the certificates
	// but their numbers and codes (those of plan.FixedRuns) for the fonts
	// they are drawn with (made from the set given to Run, with Layout's
	// styles; see typeset.Restrictor.AddEachAhead): Run adds those of
	// the numbers and codes (certificate.Certificate.NumberRuns).
	Restrictor *typeset.Restrictor
}

// PDF is a document drawn by Draw with a worker's typesetter.
type PDF struct {
	Path string
	Draw func(ts *typeset.Typesetter) ([]byte, error)
	// Texts are the words it draws that no text note or certificate
	// carries (catalog headings, card lines, chart labels), so that a
	// character no font has is found before anything is drawn or written.
	Texts []string
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
	Recorded     register.Recorded
}

// Paths of a month's certificate outputs, relative to its folder.
func CertificatePath(c certificate.Ref) string {
	return filepath.Join("certificates", c.Award.Unit.Level.String(), c.Award.Unit.ID+".pdf")
}

// CombinedPath is the print file holding every certificate of the month.
func CombinedPath(month string) string { return "certificates-" + month + ".pdf" }

// BundlePath is the file of the certificates a unit forwards.
func BundlePath(unit string) string { return filepath.Join("by-unit", unit+".pdf") }

// ManifestPath is the list of certificates with their checksums.
const ManifestPath = "manifest.csv"

// writers is the number of goroutines writing files: enough that files
// being synced to disk do not hold up the drawing.
const writers = 4

type task struct {
	path string
	draw func(ts *typeset.Typesetter) ([]byte, error) // a press note's PDF
	cert int                                          // or the index of a certificate (-1 for none)
}

// certTask is the task of drawing certificate i of p.
func (p Plan) certTask(i int) task {
	return task{path: CertificatePath(p.Certificates[i]), cert: i}
}

// drawn is a task's file, drawn, for the writers.
type drawn struct {
	t task
	b []byte
}

// run is one Run: what it writes and how far it is.
type run struct {
	p       Plan
	opts    Options
	set     *typeset.FontSet // the press notes' fonts
	certSet *typeset.FontSet // the certificates': restricted to their texts
	tasks   []task           // the press notes' PDFs; then one a certificate (certTask)
	planned int              // PDFs to write, joined ones included
	batch   output.Batch
	workers int
	join    *joiner             // the print file and bundles, made when drawing starts
	bufs    buffers             // the certificates' PDFs' storage, reused
	sums    [][sha256.Size]byte // of the certificates' PDFs

	ctx      context.Context
	cancel   context.CancelCauseFunc
	finished atomic.Int64 // PDFs written

	mu    sync.Mutex // guards res and the progress calls
	res   Result
	total int
}

// Run draws and writes everything in p. It holds the lock of p.Dir while
// it writes, so a second run on the same month stops at once with a message
// naming the first. It stops at the first error or when ctx is done; files
// already written stay (each is complete), temporary files are removed, and
// a new run writes the month again.
func Run(ctx context.Context, set *typeset.FontSet, p Plan, opts Options) (Result, error) {
	unlock, err := output.Lock(p.Dir)
	if err != nil {
		return Result{}, err
	}
	defer unlock()
	r := &run{p: p, opts: opts, set: set}
	if err := r.prepare(); err != nil {
		return r.res, err
	}
	// Files reach the disk together (output.Batch), before the manifest
	// that lists them is written.
	for _, f := range r.p.Files {
		if err := ctx.Err(); err != nil {
			return r.res, err
		}
		if err := r.batch.WriteFile(filepath.Join(r.p.Dir, f.Path), f.Data); err != nil {
			return r.res, err
		}
		r.wrote(f.Path, len(f.Data))
	}
	r.ctx, r.cancel = context.WithCancelCause(ctx)
	defer r.cancel(nil)
	if err := r.drawAll(); err != nil {
		return r.res, err
	}
	return r.res, r.record()
}

// prepare numbers the certificates, removes what an earlier run left that
// this one will not write, lists the tasks and restricts the fonts of the
// certificates to their texts.
func (r *run) prepare() error {
	p := &r.p
	if err := output.Claim(p.Dir, p.Scope); err != nil {
		return err
	}
	if p.Number != nil && len(p.Certificates) > 0 {
		if err := p.Number(p); err != nil {
			return err
		}
	}
	if err := removeStale(p.Dir); err != nil {
		return err
	}
	r.tasks = p.tasks()
	planned := p.plannedPaths()
	if err := removeUnplanned(p.Dir, p.Month, planned); err != nil {
		return err
	}
	r.planned = len(planned)
	// Certificates are drawn with the fonts restricted to their text and
	// the layout's families (see typeset.FontSet.RestrictTo): a
	// certificate then needs one sub-font per weight.
	r.certSet = r.set
	if len(p.Certificates) > 0 {
		var err error
		if r.certSet, err = p.restrict(r.set); err != nil {
			return err
		}
		r.total++ // the manifest
	}
	r.total += len(p.Files) + r.planned
	r.workers = r.opts.Workers
	if r.workers <= 0 {
		r.workers = runtime.GOMAXPROCS(0)
	}
	r.sums = make([][sha256.Size]byte, len(p.Certificates))
	return nil
}

// wrote counts a file written and reports it.
func (r *run) wrote(path string, n int) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.res.Files++
	r.res.Bytes += int64(n)
	if r.opts.Progress != nil {
		r.opts.Progress(r.res.Files, r.total, path)
	}
}

// drawAll draws every PDF and writes it. Every certificate is drawn once,
// into its own PDF, and its page goes into the print file and its bundle
// as it comes; they are finished once the last page is in. The files are
// then made durable.
func (r *run) drawAll() error {
	if len(r.p.Certificates) > 0 {
		window := 4 * max(r.workers, writers)
		var err error
		if r.join, err = newJoiner(r.p, r.batch, window); err != nil {
			return err
		}
		defer r.join.abort()
	}
	r.draw()
	if r.join != nil && r.ctx.Err() == nil {
		finishJoined(r.ctx, r.cancel, r.p, r.join, r.workers, func(d int, n int64) {
			r.finished.Add(1)
			r.wrote(r.join.docs[d].path, int(n))
		})
	}
	syncErr := r.batch.Sync(r.p.Dir)
	// An interrupt that comes after the last file is no reason to stop.
	if err := context.Cause(r.ctx); err != nil && r.finished.Load() < int64(r.planned) {
		return err
	}
	return syncErr
}

// draw draws the tasks with the pool of workers. A file is written (and
// synced to disk) by one of the writers while the workers go on drawing;
// a worker waits when workers drawn files are queued already.
func (r *run) draw() {
	writes := make(chan drawn, r.workers)
	var wwg sync.WaitGroup
	for range writers {
		wwg.Add(1)
		go func() {
			defer wwg.Done()
			r.write(writes)
		}()
	}
	queue := make(chan task)
	var wg sync.WaitGroup
	for range r.workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			r.work(queue, writes)
		}()
	}
	r.feed(queue)
	close(queue)
	wg.Wait()
	close(writes)
	wwg.Wait()
}

// feed queues the tasks: the press notes' PDFs, then the certificates,
// each once the joiner has room for its page.
func (r *run) feed(queue chan<- task) {
	n := len(r.p.Certificates)
	for i := range len(r.tasks) + n {
		var t task
		if i < len(r.tasks) {
			t = r.tasks[i]
		} else {
			t = r.p.certTask(i - len(r.tasks))
			if r.join.wait(r.ctx) != nil {
				return
			}
		}
		select {
		case queue <- t:
		case <-r.ctx.Done():
			return
		}
	}
}

// work draws the tasks of queue, each with a typesetter of its fonts, and
// hands them to the writers.
func (r *run) work(queue <-chan task, writes chan<- drawn) {
	var tsFull, tsCert *typeset.Typesetter // made when first needed
	for t := range queue {
		if r.ctx.Err() != nil {
			continue
		}
		ts, s := &tsFull, r.set
		if t.cert >= 0 {
			ts, s = &tsCert, r.certSet
		}
		if *ts == nil {
			n, err := typeset.NewTypesetter(s, "mm")
			if err != nil {
				r.cancel(err)
				continue
			}
			*ts = n
		}
		var b []byte
		var err error
		if t.cert >= 0 {
			b, err = r.drawCertificate(*ts, t.cert)
		} else {
			b, err = t.draw(*ts)
		}
		if err != nil {
			r.cancel(fmt.Errorf("%s: %w", t.path, err))
			continue
		}
		select {
		case writes <- drawn{t, b}:
		case <-r.ctx.Done():
		}
	}
}

// write writes the files drawn, and keeps each certificate's checksum.
func (r *run) write(writes <-chan drawn) {
	for d := range writes {
		if r.ctx.Err() != nil {
			continue
		}
		if err := r.batch.WriteFile(filepath.Join(r.p.Dir, d.t.path), d.b); err != nil {
			r.cancel(fmt.Errorf("%s: %w", d.t.path, err))
			continue
		}
		if d.t.cert >= 0 {
			r.sums[d.t.cert] = sha256.Sum256(d.b)
			r.bufs.put(docBuf, d.b)
		}
		r.finished.Add(1)
		r.wrote(d.t.path, len(d.b))
	}
}

// drawCertificate draws certificate i into its own PDF and hands its page
// to the joiner.
func (r *run) drawCertificate(ts *typeset.Typesetter, i int) ([]byte, error) {
	pg, b, err := drawCertificate(ts, r.p, i, &r.bufs)
	if err != nil {
		return nil, err
	}
	return b, r.join.put(i, pg)
}

// record records the certificates in the register, once the files are
// durable, and writes the manifest.
func (r *run) record() error {
	p := r.p
	r.res.Certificates = len(p.Certificates)
	if len(p.Certificates) == 0 {
		return nil
	}
	if p.Register != nil {
		// In one transaction: a run that stops before here records
		// nothing, and its rerun does.
		var err error
		if r.res.Recorded, err = p.Register.Record(context.WithoutCancel(r.ctx), p.issues(r.sums)); err != nil {
			return err
		}
	}
	m := manifest(p.Certificates, r.sums)
	if err := output.WriteFile(filepath.Join(p.Dir, ManifestPath), m); err != nil {
		return err
	}
	r.wrote(ManifestPath, len(m))
	return nil
}

// tasks lists the press notes' PDFs to draw; the certificates' tasks
// (certTask) follow them, each drawn into its own PDF and its page into
// the print file and its bundle.
func (p Plan) tasks() []task {
	var tasks []task
	for _, d := range p.PDFs {
		tasks = append(tasks, task{path: d.Path, draw: d.Draw, cert: -1})
	}
	return tasks
}

// plannedPaths lists every PDF p writes: the print file and bundles, the
// press notes' and the certificates'.
func (p Plan) plannedPaths() []string {
	paths := p.joinedPaths()
	for _, d := range p.PDFs {
		paths = append(paths, d.Path)
	}
	for _, c := range p.Certificates {
		paths = append(paths, CertificatePath(c))
	}
	return paths
}

// finishJoined finishes the print file and the bundles on workers
// goroutines (each cuts and compresses its fonts), calling done for each.
func finishJoined(ctx context.Context, cancel context.CancelCauseFunc, p Plan, join *joiner, workers int, done func(d int, n int64)) {
	next := make(chan int)
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for d := range next {
				if ctx.Err() != nil {
					continue
				}
				n, err := join.finish(p, d)
				if err != nil {
					cancel(err)
					continue
				}
				done(d, n)
			}
		}()
	}
	for d := range join.docs {
		next <- d
	}
	close(next)
	wg.Wait()
}

// restrict returns set restricted to the certificates' texts and the
// layout's styles (typeset.FontSet.RestrictTo): with p.Restrictor, which
// counts the others ahead, their numbers' and codes' alone.
func (p Plan) restrict(set *typeset.FontSet) (*typeset.FontSet, error) {
	rs, texts := p.Restrictor, p.Composer.NumberRuns
	if rs == nil {
		var err error
		if rs, err = set.Restrictor(p.Layout.Styles()); err != nil {
			return nil, err
		}
		texts = p.runs
	}
	if err := rs.AddEach(len(p.Certificates), p.textsOf(texts)); err != nil {
		return nil, err
	}
	return rs.Restricted()
}

// textsOf returns what lists the texts certificates lo to hi-1 draw, as
// texts gives them for one.
func (p Plan) textsOf(texts func(certificate.Ref) ([]string, error)) func(lo, hi int) ([]string, error) {
	return func(lo, hi int) ([]string, error) {
		var out []string
		for _, r := range p.Certificates[lo:hi] {
			t, err := texts(r)
			if err != nil {
				return nil, err
			}
			out = append(out, t...)
		}
		return out, nil
	}
}

// runs is every text r's certificate draws (see
// certificate.Certificate.Runs); Composer.NumberRuns those of its number
// and code.
func (p Plan) runs(r certificate.Ref) ([]string, error) {
	c, err := p.Composer.Compose(r)
	if err != nil {
		return nil, err
	}
	return c.Runs(p.Layout), nil
}

// DrawCertificate draws certificate i of p once, as the batch does: its
// own PDF and its page, for the print file and its bundle.
func DrawCertificate(ts *typeset.Typesetter, p Plan, i int) (*certificate.Page, []byte, error) {
	return drawCertificate(ts, p, i, nil)
}

// drawCertificate is DrawCertificate with the documents' storage taken
// from bufs (nil: none) and given back but for the PDF's bytes.
func drawCertificate(ts *typeset.Typesetter, p Plan, i int, bufs *buffers) (*certificate.Page, []byte, error) {
	c, err := p.Composer.Compose(p.Certificates[i])
	if err != nil {
		return nil, nil, err
	}
	pdf := certificate.NewDocument(c.Number, p.Date)
	certificate.MarkVerification(pdf, c)
	pdf.SetBuffers(bufs.get(docBuf), bufs.get(pageBuf))
	pg, err := certificate.DrawPage(ts, pdf, c, p.Layout)
	if err != nil {
		return nil, nil, err
	}
	out := bytes.NewBuffer(bufs.get(docBuf))
	if err := typeset.Output(pdf, out); err != nil {
		return nil, nil, err
	}
	doc, page := pdf.Buffers()
	bufs.put(docBuf, doc)
	bufs.put(pageBuf, page)
	return pg, out.Bytes(), nil
}

// issues are the certificate files as the register records them, with the
// SHA-256 of each file as written.
func (p Plan) issues(sums [][sha256.Size]byte) []register.Issue {
	out := make([]register.Issue, len(p.Certificates))
	for i, c := range p.Certificates {
		a := c.Award
		out[i] = register.Issue{Number: c.Number, NameHi: a.Unit.NameHi, NameEn: a.Unit.NameEn, Rank: a.Rank,
			Score: a.Score, MaxScore: a.MaxScore, SHA256: hex.EncodeToString(sums[i][:]), IssueDate: p.Date.Format("2006-01-02"),
			Code: c.Code, File: filepath.ToSlash(CertificatePath(c))}
	}
	return out
}

// manifest lists the certificates: number, unit, level, names, rank,
// score, file (relative to the manifest) and SHA-256 of the file.
func manifest(cs []certificate.Ref, sums [][sha256.Size]byte) []byte {
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	w.Write([]string{"number", "unit", "level", "name_hi", "name_en", "rank", "score", "max_score", "file", "sha256"})
	for i, c := range cs {
		a := c.Award
		w.Write(safeCells(c.Number, a.Unit.ID, a.Unit.Level.String(), a.Unit.NameHi, a.Unit.NameEn,
			strconv.Itoa(a.Rank), number(a.Score), number(a.MaxScore), filepath.ToSlash(CertificatePath(c)), hex.EncodeToString(sums[i][:])))
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
func removeUnplanned(dir, month string, paths []string) error {
	planned := map[string]bool{}
	for _, p := range paths {
		planned[filepath.Clean(p)] = true
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
