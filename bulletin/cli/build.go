package cli

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/signal"
	"path/filepath"
	"runtime/debug"
	"strings"
	"syscall"
	"time"

	"github.com/schollz/progressbar/v3"
	"github.com/spf13/cobra"

	"github.com/igrs-pro/bulletin/bulletin/build"
	"github.com/igrs-pro/bulletin/bulletin/certificate"
	"github.com/igrs-pro/bulletin/bulletin/dataset"
	"github.com/igrs-pro/bulletin/bulletin/facts"
	"github.com/igrs-pro/bulletin/bulletin/l10n"
	"github.com/igrs-pro/bulletin/bulletin/notedoc"
	"github.com/igrs-pro/bulletin/bulletin/output"
	"github.com/igrs-pro/bulletin/bulletin/press"
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
	fl.StringVar(&opts.Date, "date", "", "date printed on the documents as YYYY-MM-DD (default: the 1st of the next month)")
	fl.BoolVarP(&opts.Quiet, "quiet", "q", false, "print nothing but errors")
	fl.IntVar(&opts.Workers, "workers", 0, "PDFs drawn at once (default: one per CPU)")
}

func buildRun(ctx context.Context, opts *BuildOptions) error {
	start := time.Now()
	env, err := opts.Globals.Load()
	if err != nil {
		return err
	}
	if env.Config.Out == "-" {
		return errors.New("--out -: build writes a folder; name one")
	}
	m, err := env.Month(opts.Month)
	if err != nil {
		return err
	}
	date, err := noteDate(opts.Date, m)
	if err != nil {
		return err
	}
	set, err := env.FontSet()
	if err != nil {
		return err
	}
	plan, err := env.plan(m, date, !opts.CertificatesOnly)
	if err != nil {
		return err
	}
	if err := checkDrawable(set, env.Data, plan); err != nil {
		return err
	}

	if ctx == nil {
		ctx = context.Background()
	}
	ctx, stop := signal.NotifyContext(ctx, os.Interrupt, syscall.SIGTERM)
	defer stop()
	var bo build.Options
	bo.Workers = opts.Workers
	var bar *progressbar.ProgressBar
	if !opts.Quiet && opts.IO.Terminal {
		bo.Progress = func(done, total int, path string) {
			if bar == nil {
				bar = progressbar.NewOptions(total, progressbar.OptionSetWriter(opts.IO.ErrOut),
					progressbar.OptionSetDescription(m.String()), progressbar.OptionShowCount(),
					progressbar.OptionSetWidth(30), progressbar.OptionClearOnFinish(),
					progressbar.OptionThrottle(100*time.Millisecond))
			}
			bar.Add(1)
		}
	}
	// A batch allocates large short-lived buffers per document (fpdf's
	// font tables and zlib writers): collect less often, but keep the heap
	// under a ceiling, which keeps peak memory near 130 MB for the state's
	// 1,850 certificates at about 10% less CPU than the default.
	defer debug.SetGCPercent(debug.SetGCPercent(200))
	defer debug.SetMemoryLimit(debug.SetMemoryLimit(110 << 20))
	res, err := build.Run(ctx, set, plan, bo)
	if bar != nil {
		bar.Finish()
	}
	if err != nil {
		if ctx.Err() != nil {
			return fmt.Errorf("interrupted after %d files; every file in %s is complete; run the same command again to complete the month", res.Files, plan.Dir)
		}
		return err
	}
	if !opts.Quiet {
		fmt.Fprintf(opts.IO.ErrOut, "%s: %d files (%.1f MB) in %s: %d certificates, %d bundles, %d press notes; %.1fs\n",
			m, res.Files, float64(res.Bytes)/1e6, plan.Dir, res.Certificates, len(plan.Bundles),
			len(plan.Files)+len(plan.PDFs), time.Since(start).Seconds())
	}
	return nil
}

// plan composes everything for month m: press notes (when notes is set)
// and certificates, checked and ready to draw.
func (e *Env) plan(m dataset.Month, date time.Time, notes bool) (build.Plan, error) {
	c := e.Config
	p := build.Plan{Dir: filepath.Join(c.Out, m.String()), Month: m.String(), Date: date}
	f, err := facts.Compute(e.Data, c.Scope, m)
	if err != nil {
		return p, err
	}
	if notes {
		for _, tag := range c.Press.Languages {
			lang, err := e.Lang(tag)
			if err != nil {
				return p, err
			}
			note, err := e.Templates.Compose(lang, press.Input{Facts: f, Office: c.Office, Signatory: c.Signatory, Date: date})
			if err != nil {
				return p, e.renderErr(err)
			}
			for _, format := range press.Formats {
				b, err := e.Templates.Render(format, note)
				if err != nil {
					return p, e.renderErr(err)
				}
				p.Files = append(p.Files, output.File{Path: fmt.Sprintf("press-note.%s.%s", tag, format), Data: b})
			}
			doc, err := e.pressDocument(note) // reads the emblem, before anything is drawn
			if err != nil {
				return p, err
			}
			p.PDFs = append(p.PDFs, build.PDF{
				Path: "press-note." + tag + ".pdf",
				Draw: func(ts *typeset.Typesetter) ([]byte, error) {
					return notedoc.Draw(ts, doc, notedoc.Options{CreationDate: date})
				},
			})
		}
	}

	var levels []dataset.Level
	for _, name := range c.Certs.Levels {
		l, _ := dataset.ParseLevel(name)
		levels = append(levels, l)
	}
	awards, err := facts.Awards(e.Data, c.Scope, m, facts.AwardRule{Levels: levels, BestRank: c.Certs.BestRank})
	if err != nil {
		return p, err
	}
	num, err := certificate.NewNumberer(c.Certs.Number)
	if err != nil {
		return p, err
	}
	var langs []*l10n.Lang
	for _, tag := range c.Certs.Languages {
		l, err := e.Lang(tag)
		if err != nil {
			return p, err
		}
		langs = append(langs, l)
	}
	scope, _ := e.Data.Unit(c.Scope)
	p.Bundles = map[string][]int{}
	numbers := map[string]string{}
	for _, a := range awards {
		n, err := num.Number(a)
		if err != nil {
			return p, err
		}
		if other, dup := numbers[n]; dup {
			return p, fmt.Errorf("certificates.number gives %s to both %s and %s; include .Seq or .Unit in it", n, other, a.Unit.ID)
		}
		numbers[n] = a.Unit.ID
		cert, err := certificate.Compose(langs, a, n, date, c.Signatory)
		if err != nil {
			return p, e.renderErr(err)
		}
		if a.Parent != nil && e.Data.Contains(scope, a.Parent.ID) {
			p.Bundles[a.Parent.ID] = append(p.Bundles[a.Parent.ID], len(p.Certificates))
		}
		p.Certificates = append(p.Certificates, cert)
	}
	if p.Layout, err = e.CertificateLayout(); err != nil {
		return p, err
	}
	return p, nil
}

// checkDrawable finds, before anything is written, any character that no
// bundled font can draw.
func checkDrawable(set *typeset.FontSet, d *dataset.Data, p build.Plan) error {
	var ps dataset.Problems
	for _, u := range d.Units {
		for _, n := range []struct{ col, name string }{{"name_hi", u.NameHi}, {"name_en", u.NameEn}} {
			var ce *typeset.CharError
			if err := set.Check(n.name); errors.As(err, &ce) {
				ps = append(ps, dataset.Problem{Pos: u.Pos.At(n.col), Msg: fmt.Sprintf("%s of unit %q has %U %q, which no bundled font can draw; remove it or replace it with a letter the fonts have", n.col, u.ID, ce.Char, string(ce.Char))})
			}
		}
	}
	if len(ps) > 0 {
		return ps
	}
	for _, f := range p.Files {
		if strings.HasSuffix(f.Path, ".txt") {
			if err := set.Check(string(f.Data)); err != nil {
				return fmt.Errorf("%s: %w", f.Path, err)
			}
		}
	}
	for _, c := range p.Certificates {
		for _, s := range c.Lines(p.Layout) {
			if err := set.Check(s); err != nil {
				return fmt.Errorf("certificate of %s: %w", c.Award.Unit.ID, err)
			}
		}
	}
	return nil
}
