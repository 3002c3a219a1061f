package cli

import (
	"fmt"
	"path/filepath"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/igrs-pro/bulletin/bulletin/build"
	"github.com/igrs-pro/bulletin/bulletin/facts"
	"github.com/igrs-pro/bulletin/bulletin/l10n"
	"github.com/igrs-pro/bulletin/bulletin/output"
	"github.com/igrs-pro/bulletin/bulletin/plan"
	"github.com/igrs-pro/bulletin/bulletin/press"
	"github.com/igrs-pro/bulletin/bulletin/typeset"
)

// PressOptions are the options of `bulletin press`.
type PressOptions struct {
	IO      *IOStreams
	Globals *Globals
	Month   string
	Date    string
	Langs   []string
	Formats []string
}

// NewCmdPress builds `bulletin press`. runF replaces the command's work in tests.
func NewCmdPress(f *Factory, runF func(*PressOptions) error) *cobra.Command {
	opts := &PressOptions{IO: f.IO, Globals: f.Globals}
	cmd := &cobra.Command{
		Use:   "press",
		Short: "Write the month's press notes in Hindi and English",
		Long: `Write the press note of a month for the scope unit, one file per language
and format: OUT/<month>/press-note.<lang>.<format>. With --out - the notes
are printed instead. Every sentence comes from the catalogs in locales/ and
appears only when the data supports it.`,
		Example: `  bulletin press
  bulletin press --month 2024-11 --lang hi --format txt --out -
  bulletin press --month 2024-06 --date 2024-07-02 --out press/`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if runF != nil {
				return runF(opts)
			}
			return pressRun(opts)
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&opts.Month, "month", "", "ranking month as YYYY-MM (default: the latest in the data)")
	fl.StringVar(&opts.Date, "date", "", "date printed on the note: YYYY-MM-DD, DD.MM.YYYY, DD/MM/YYYY or DD-MM-YYYY, from the 1st of the next month on (default: that 1st)")
	fl.StringSliceVar(&opts.Langs, "lang", nil, "languages to write, from hi,en (default: press.languages in config.toml)")
	fl.StringSliceVar(&opts.Formats, "format", nil, "formats to write, from txt,md,html,pdf (default: press.formats)")
	return cmd
}

func pressRun(opts *PressOptions) error {
	env, err := opts.Globals.Load()
	if err != nil {
		return err
	}
	langs := pick(opts.Langs, env.Config.Press.Languages)
	formats := pick(opts.Formats, env.Config.Press.Formats)
	if err := oneOf("--lang", langs, l10n.Languages); err != nil {
		return err
	}
	if err := env.Config.Required(env.ConfigPath, langs); err != nil {
		return err
	}
	if err := oneOf("--format", formats, slices.Concat(press.Formats, []string{"pdf"})); err != nil {
		return err
	}
	m, err := env.Month(opts.Month)
	if err != nil {
		return err
	}
	date, err := plan.Date(opts.Date, m)
	if err != nil {
		return err
	}
	f, err := env.Facts(m)
	if err != nil {
		return err
	}
	notes, err := env.Notes(f, date, langs)
	if err != nil {
		return env.renderErr(err)
	}
	printLines(opts.IO.ErrOut, plan.Notices(f))
	// Render everything before writing anything.
	var files []output.File
	var ts *typeset.Typesetter // made when a PDF is asked for
	for _, note := range notes {
		for _, format := range formats {
			b := note.Text[format]
			if format == "pdf" {
				if ts == nil {
					if ts, err = env.typesetter(); err != nil {
						return err
					}
				}
				if b, err = env.pressPDF(ts, note, f); err != nil {
					return err
				}
			}
			files = append(files, output.File{Path: filepath.Join(env.Config.Out, m.String(), note.FileName(format)), Data: b})
		}
	}
	if env.Config.Out == "-" {
		for i, file := range files {
			if i > 0 {
				fmt.Fprintln(opts.IO.Out)
			}
			if _, err := opts.IO.Out.Write(file.Data); err != nil {
				return err
			}
		}
		return nil
	}
	// The same lock as build's: never two runs writing one month at once.
	unlock, err := output.Lock(filepath.Join(env.Config.Out, m.String()))
	if err != nil {
		return err
	}
	defer unlock()
	if err := output.Claim(filepath.Join(env.Config.Out, m.String()), env.Config.Scope); err != nil {
		return err
	}
	if err := output.WriteAll(files); err != nil {
		return err
	}
	for _, file := range files {
		fmt.Fprintln(opts.IO.ErrOut, "wrote", file.Path)
	}
	return nil
}

func pick(flag, config []string) []string {
	if len(flag) > 0 {
		return flag
	}
	return config
}

func oneOf(flag string, got, allowed []string) error {
	if len(got) == 0 {
		return fmt.Errorf("%s: name at least one of %s", flag, strings.Join(allowed, ","))
	}
	for _, g := range got {
		if !slices.Contains(allowed, g) {
			return fmt.Errorf("%s: unknown value %q; use one or more of %s", flag, g, strings.Join(allowed, ","))
		}
	}
	return nil
}

// typesetter loads the fonts and returns a typesetter for this goroutine.
func (e *Env) typesetter() (*typeset.Typesetter, error) {
	set, err := e.FontSet()
	if err != nil {
		return nil, err
	}
	return typeset.NewTypesetter(set, "mm")
}

// pressPDF draws a press note as a PDF on the office's letterhead, with
// the trend chart as its second page when press.trend_page is set.
func (e *Env) pressPDF(ts *typeset.Typesetter, n plan.Note, f *facts.Facts) ([]byte, error) {
	pdf, err := e.PDF(n)
	if err != nil {
		return nil, err
	}
	if e.Config.Press.TrendPage {
		layout, err := e.CardLayout()
		if err != nil {
			return nil, err
		}
		h, err := e.History(f)
		if err != nil {
			return nil, err
		}
		if len(h.Months) > 0 {
			if pdf, err = e.TrendPDF(n, f, h, layout); err != nil {
				return nil, e.renderErr(err)
			}
		}
	}
	// The note's words (by its text) and the chart's, before drawing.
	txt := output.File{Path: n.FileName("txt"), Data: n.Text["txt"]}
	if err := plan.Drawable(ts.FontSet(), e.Data, build.Plan{Files: []output.File{txt}, PDFs: []build.PDF{pdf}}); err != nil {
		return nil, err
	}
	b, err := pdf.Draw(ts)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", pdf.Path, err)
	}
	return b, nil
}
