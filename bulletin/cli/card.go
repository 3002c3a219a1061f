package cli

import (
	"errors"
	"fmt"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/igrs-pro/bulletin/bulletin/build"
	"github.com/igrs-pro/bulletin/bulletin/l10n"
	"github.com/igrs-pro/bulletin/bulletin/output"
	"github.com/igrs-pro/bulletin/bulletin/plan"
)

// CardOptions are the options of `bulletin card`.
type CardOptions struct {
	IO      *IOStreams
	Globals *Globals
	Month   string
	Langs   []string
}

// NewCmdCard builds `bulletin card`. runF replaces the command's work in tests.
func NewCmdCard(f *Factory, runF func(*CardOptions) error) *cobra.Command {
	opts := &CardOptions{IO: f.IO, Globals: f.Globals}
	cmd := &cobra.Command{
		Use:   "card",
		Short: "Write the month's social-media cards",
		Long: `Write the month's cards, as bulletin build does, and nothing else:
OUT/<month>/card.<lang>.square.png (1080 x 1080, for WhatsApp) and
card.<lang>.wide.png (1200 x 675, for X and Facebook). A card shows the
office (and office.emblem), the month, the scope's rank in the state, the
facts the press note states and the scope's rank over the last 12 months of
known history. templates/card-layout.toml sets the design.`,
		Example: `  bulletin card
  bulletin card --month 2024-11 --lang hi`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if runF != nil {
				return runF(opts)
			}
			return cardRun(opts)
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&opts.Month, "month", "", "ranking month as YYYY-MM (default: the latest in the data)")
	fl.StringSliceVar(&opts.Langs, "lang", nil, "languages to write, from hi,en (default: press.languages in config.toml)")
	return cmd
}

func cardRun(opts *CardOptions) error {
	env, err := opts.Globals.Load()
	if err != nil {
		return err
	}
	langs := pick(opts.Langs, env.Config.Press.Languages)
	if err := oneOf("--lang", langs, l10n.Languages); err != nil {
		return err
	}
	if env.Config.Out == "-" {
		return errors.New("--out -: card writes images into a folder; name one")
	}
	m, err := env.Month(opts.Month)
	if err != nil {
		return err
	}
	f, err := env.Facts(m)
	if err != nil {
		return err
	}
	layout, err := env.CardLayout()
	if err != nil {
		return err
	}
	h, err := env.History(f)
	if err != nil {
		return err
	}
	ts, err := env.typesetter()
	if err != nil {
		return err
	}
	// Check and draw everything before writing anything.
	var draws []build.PDF
	for _, tag := range langs {
		ds, err := env.Cards(f, tag, h, layout)
		if err != nil {
			return env.renderErr(err)
		}
		draws = append(draws, ds...)
	}
	if err := plan.Drawable(ts.FontSet(), env.Data, build.Plan{PDFs: draws}); err != nil {
		return err
	}
	dir := filepath.Join(env.Config.Out, m.String())
	var files []output.File
	for _, d := range draws {
		b, err := d.Draw(ts)
		if err != nil {
			return fmt.Errorf("%s: %w", d.Path, err)
		}
		files = append(files, output.File{Path: filepath.Join(dir, d.Path), Data: b})
	}
	unlock, err := output.Lock(dir)
	if err != nil {
		return err
	}
	defer unlock()
	if err := output.Claim(dir, env.Config.Scope); err != nil {
		return err
	}
	if err := output.WriteAll(files); err != nil {
		return err
	}
	for _, file := range files {
		printLines(opts.IO.ErrOut, []string{"wrote " + file.Path})
	}
	return nil
}
