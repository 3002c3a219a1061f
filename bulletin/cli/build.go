package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime"
	"runtime/debug"
	"slices"
	"syscall"
	"time"

	"github.com/schollz/progressbar/v3"
	"github.com/spf13/cobra"

	"github.com/igrs-pro/bulletin/bulletin/build"
	"github.com/igrs-pro/bulletin/bulletin/dataset"
	"github.com/igrs-pro/bulletin/bulletin/plan"
	"github.com/igrs-pro/bulletin/bulletin/register"
	"github.com/igrs-pro/bulletin/bulletin/typeset"
)

// BuildOptions are the options of `bulletin build` and `bulletin certificates`.
type BuildOptions struct {
	IO      *IOStreams
	Globals *Globals
	Month   string
	Date    string
	Quiet   bool
	Workers int
	// CertificatesOnly leaves out the press notes (`bulletin certificates`).
	CertificatesOnly bool
}

// NewCmdBuild builds `bulletin build`. runF replaces the command's work in tests.
func NewCmdBuild(f *Factory, runF func(*BuildOptions) error) *cobra.Command {
	opts := &BuildOptions{IO: f.IO, Globals: f.Globals}
	cmd := &cobra.Command{
		Use:   "build",
		Short: "Write everything for a month: press notes and certificates",
		Long: `Write the month's whole output folder, OUT/<month>/:

  press-note.{hi,en}.{txt,md,html,pdf}   the press notes
  press-note.{hi,en}.docx                the press notes as Word files
  press-note.{hi,en}.whatsapp.txt        the press notes as WhatsApp messages
  annexure.pdf, annexure.xlsx            every evaluated unit under the scope: rank, marks, previous rank
  card.{hi,en}.{square,wide}.png         social-media cards
  trend.{hi,en}.{png,svg}                the scope's rank month by month
  certificates/<level>/<unit-id>.pdf     one certificate per unit that earned one
  certificates-<month>.pdf               all certificates, to print in one go
  by-unit/<unit-id>.pdf                  the certificates each office forwards
  manifest.csv                           number, unit, rank, file and SHA-256 of each

Every file is written to a temporary name and renamed when complete, so an
interrupted run leaves no half-written file; run it again to complete the
month. The same input always gives the same bytes.`,
		Example: `  bulletin build
  bulletin build --month 2024-11 --date 2024-12-02 --out /srv/press
  bulletin build --quiet > build.log`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if runF != nil {
				return runF(opts)
			}
			return buildRun(cmd.Context(), opts)
		},
	}
	addBuildFlags(cmd, opts)
	return cmd
}

// NewCmdCertificates builds `bulletin certificates`.
func NewCmdCertificates(f *Factory, runF func(*BuildOptions) error) *cobra.Command {
	opts := &BuildOptions{IO: f.IO, Globals: f.Globals, CertificatesOnly: true}
	cmd := &cobra.Command{
		Use:   "certificates",
		Short: "Write the month's certificates only",
		Long: `Write the month's certificates, print file, bundles and manifest, as
bulletin build does, without the press notes.`,
		Example: `  bulletin certificates --month 2024-11`,
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if runF != nil {
				return runF(opts)
			}
			return buildRun(cmd.Context(), opts)
		},
	}
	addBuildFlags(cmd, opts)
	return cmd
}

func addBuildFlags(cmd *cobra.Command, opts *BuildOptions) {
	fl := cmd.Flags()
	fl.StringVar(&opts.Month, "month", "", "ranking month as YYYY-MM (default: the latest in the data)")
	fl.StringVar(&opts.Date, "date", "", "date printed on the documents: YYYY-MM-DD, DD.MM.YYYY, DD/MM/YYYY or DD-MM-YYYY, from the 1st of the next month on (default: that 1st)")
	fl.BoolVarP(&opts.Quiet, "quiet", "q", false, "print nothing but errors")
	fl.IntVar(&opts.Workers, "workers", 0, "PDFs drawn at once (default: one per CPU)")
}

// MaxWorkers is the most PDFs drawn at once: each worker holds a
// typesetter and a drawn document (a few MB).
const MaxWorkers = 64

// pauseAfter is set by tests only: called after each file a build writes,
// with the run's context, it lets a test stop a run at a known point (it
// blocks until the context is done) and signal it there.
var pauseAfter func(ctx context.Context, files int)

func buildRun(ctx context.Context, opts *BuildOptions) error {
	start := time.Now()
	defer limitMemory(opts.Workers)() // before the data is read: reading and planning run under it too
	env, err := opts.Globals.Load()
	if err != nil {
		return err
	}
	if opts.Workers < 0 || opts.Workers > MaxWorkers {
		return fmt.Errorf("--workers %d: use 1 to %d PDFs drawn at once, or 0 for one per CPU", opts.Workers, MaxWorkers)
	}
	if env.Config.Out == "-" {
		return errors.New("--out -: build writes a folder; name one")
	}
	env.printWarnings(opts.IO.ErrOut)
	m, err := env.Month(opts.Month)
	if err != nil {
		return err
	}
	// The month's facts, awards and trend are made from its rankings, the
	// month's before and the scope's: the rest (five in six of a year's
	// rows) is not kept while the plan is made.
	env.Data = env.Data.For(env.Config.Scope, m)
	date, err := plan.Date(opts.Date, m)
	if err != nil {
		return err
	}
	set, err := env.FontSet()
	if err != nil {
		return err
	}
	p, err := env.plan(m, date, !opts.CertificatesOnly)
	if err != nil {
		return err
	}
	p.Restrictor = restrictAhead(set, p)
	defer p.Restrictor.Stop() // if the batch is not drawn, counting for it stops
	if err := plan.Drawable(set, env.Data, p); err != nil {
		return env.renderErr(err)
	}
	if err := env.checkSettings(set); err != nil {
		return err
	}
	if !opts.Quiet {
		printLines(opts.IO.ErrOut, p.Notices)
	}
	// The plan holds what the batch draws; the data set (all units and
	// rankings: ~8 MB live for the state, growing with it) is not read
	// again (numbering needs the plan, the config and the catalogs).
	env.Data = nil
	var closeRegister func()
	p.Number, closeRegister = env.numberer(m, date)
	defer closeRegister()

	if ctx == nil {
		ctx = context.Background()
	}
	ctx, stop := signal.NotifyContext(ctx, os.Interrupt, syscall.SIGTERM)
	defer stop()
	progress, finish := opts.progress(ctx, m.String())
	bo := build.Options{Workers: opts.Workers, Progress: progress}
	// p is not used once build.Run has it: the certificates as planned,
	// before the register numbers them anew, are then no longer live.
	dir, bundles, notes := p.Dir, len(p.Bundles), len(p.Files)+len(p.PDFs)
	res, err := build.Run(ctx, set, p, bo)
	finish()
	if err != nil {
		if ctx.Err() != nil {
			return fmt.Errorf("interrupted after %d files; every file in %s is complete; run the same command again to complete the month", res.Files, dir)
		}
		return err
	}
	if !opts.Quiet {
		fmt.Fprintf(opts.IO.ErrOut, "%s: %d files (%.1f MB) in %s: %d certificates, %d bundles, %d notes, cards and charts; %.1fs\n",
			m, res.Files, float64(res.Bytes)/1e6, dir, res.Certificates, bundles,
			notes, time.Since(start).Seconds())
	}
	return nil
}

// numberer returns what gives a plan of month m, dated date, the
// register's numbers (build.Plan.Number: the register is opened once
// build.Run holds the month folder) and what closes the register then.
func (e *Env) numberer(m dataset.Month, date time.Time) (number func(p *build.Plan) error, close func()) {
	var reg *register.Register
	number = func(p *build.Plan) error {
		var err error
		if reg, err = e.OpenRegister(); err != nil {
			return err
		}
		return e.renderErr(e.Inputs.Register(p, plan.Options{Month: m, Date: date, Layout: p.Layout, Register: reg}))
	}
	return number, func() {
		if reg != nil {
			reg.Close()
		}
	}
}

// restrictAhead starts counting, on goroutines of its own, the texts of
// p's certificates that numbering leaves as they are (plan.FixedRuns) for
// the fonts the batch draws them with: most of the work before the batch
// then runs beside the checks and the register's numbering, and build.Run
// adds only the numbers and codes (build.Plan.Restrictor).
func restrictAhead(set *typeset.FontSet, p build.Plan) *typeset.Restrictor {
	if len(p.Certificates) == 0 {
		return nil
	}
	r, err := set.Restrictor(p.Layout.Styles())
	if err != nil {
		return nil // build.Run meets it again and reports it
	}
	// An error comes back from build.Run's Restricted.
	r.AddEachAhead(len(p.Certificates), func(lo, hi int) ([]string, error) { return plan.FixedRuns(p, lo, hi) })
	return r
}

// limitMemory sets the soft memory ceiling of a batch drawn by workers
// goroutines (0: one per CPU; see memoryLimit) and returns what restores
// the one before.
func limitMemory(workers int) (restore func()) {
	if workers <= 0 || workers > MaxWorkers {
		workers = runtime.GOMAXPROCS(0)
	}
	prev := debug.SetMemoryLimit(memoryLimit(debug.SetMemoryLimit(-1), workers)) // -1 reads it: GOMEMLIMIT, if set
	return func() { debug.SetMemoryLimit(prev) }
}

// memoryLimit is the soft ceiling on the memory of a batch drawn by
// workers goroutines (see debug.SetMemoryLimit), never above prev (the
// limit already set: GOMEMLIMIT, for a container). It does not grow with
// the batch, because the live data hardly does (issue 14): the data set
// keeps the month's rankings, the month before's and the scope's; the plan
// keeps a certificate as its award, number and code (~200 bytes) and
// composes its texts when the fonts' counting and the drawing need them;
// the counting keeps hashes and counts by glyph between its parts of 256
// certificates; each certificate is drawn straight into its own PDF, and
// the print file and the bundles are written as their pages come. So the
// live data is ~28-34 MB (fonts, catalogs, the data while it is planned)
// and a few MB a worker (its typesetter's bounded caches, the document it
// draws, the queued files): at most 33, 35 and 40 MB for the state's 1,851
// certificates, twice and four times as many on 2 workers (gctrace), 44
// MB for the state's press notes and certificates together. At its default
// pace (GOGC 100) the collector would let the heap reach twice the live
// data; the ceiling, which also counts the runtime's own memory (~6 MB),
// holds the state on 2 workers at 70 MiB: 87-90 MB of memory in all (it
// was 92 at 2 KiB a certificate over 70 MiB), 93-94 MB at four times the
// state (was 106-108). A batch whose live data passed the ceiling would
// not stop: the collector then takes at most half the CPU and lets the
// heap grow (runtime/debug: the memory limit is soft).
func memoryLimit(prev int64, workers int) int64 {
	return min(prev, 54<<20+int64(workers)*8<<20)
}

// progress is what build reports after each file it writes: a progress
// bar on a terminal (none with --quiet or when piped), and the tests'
// pauseAfter; finish ends the bar.
func (opts *BuildOptions) progress(ctx context.Context, month string) (progress func(done, total int, path string), finish func()) {
	var bar *progressbar.ProgressBar
	finish = func() {
		if bar != nil {
			bar.Finish()
		}
	}
	if !opts.Quiet && opts.IO.Terminal {
		progress = func(done, total int, path string) {
			if bar == nil {
				bar = progressbar.NewOptions(total, progressbar.OptionSetWriter(opts.IO.ErrOut),
					progressbar.OptionSetDescription(month), progressbar.OptionShowCount(),
					progressbar.OptionSetWidth(30), progressbar.OptionClearOnFinish(),
					progressbar.OptionThrottle(100*time.Millisecond))
			}
			bar.Add(1)
		}
	}
	if pauseAfter != nil {
		shown := progress
		progress = func(done, total int, path string) {
			if shown != nil {
				shown(done, total, path)
			}
			pauseAfter(ctx, done)
		}
	}
	return progress, finish
}

// plan composes everything for month m: press notes (when notes is set)
// and certificates, checked and ready to draw.
func (e *Env) plan(m dataset.Month, date time.Time, notes bool) (build.Plan, error) {
	langs := e.Config.Certs.Languages
	if notes {
		langs = append(slices.Clip(langs), e.Config.Press.Languages...)
	}
	if err := e.Config.Required(e.ConfigPath, langs); err != nil {
		return build.Plan{}, err
	}
	layout, err := e.CertificateLayout()
	if err != nil {
		return build.Plan{}, err
	}
	o := plan.Options{Month: m, Date: date, Notes: notes, Layout: layout}
	if notes {
		if o.Cards, err = e.CardLayout(); err != nil {
			return build.Plan{}, err
		}
	}
	p, err := e.Inputs.Month(o)
	return p, e.renderErr(err)
}

// printLines prints notices or warnings, one a line.
func printLines(w io.Writer, lines []string) {
	for _, l := range lines {
		fmt.Fprintln(w, l)
	}
}
