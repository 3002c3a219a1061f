package cli

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/igrs-pro/bulletin/bulletin/plan"
)

// ValidateOptions are the options of `bulletin validate`.
type ValidateOptions struct {
	IO      *IOStreams
	Globals *Globals
	Month   string
}

// NewCmdValidate builds `bulletin validate`. runF replaces the command's work in tests.
func NewCmdValidate(f *Factory, runF func(*ValidateOptions) error) *cobra.Command {
	opts := &ValidateOptions{IO: f.IO, Globals: f.Globals}
	cmd := &cobra.Command{
		Use:   "validate",
		Short: "Check the data, settings, templates and catalogs; change nothing",
		Long: `Read everything bulletin would read and report every problem found, each
as file:line: what is wrong; how to fix it. Then compose the month's press
notes and certificates and check that the fonts can draw every character
of them. Nothing is written.`,
		Example: `  bulletin validate
  bulletin validate --units units.csv --rankings rankings/ --month 2024-11`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if runF != nil {
				return runF(opts)
			}
			return validateRun(opts)
		},
	}
	cmd.Flags().StringVar(&opts.Month, "month", "", "month whose notes and certificates are checked (default: the latest)")
	return cmd
}

func validateRun(opts *ValidateOptions) error {
	env, err := opts.Globals.Load()
	if err != nil {
		return err
	}
	env.printWarnings(opts.IO.ErrOut)
	m, err := env.Month(opts.Month)
	if err != nil {
		return err
	}
	// Compose everything the month's build would write, and check that the
	// fonts can draw every character of it.
	set, err := env.FontSet()
	if err != nil {
		return err
	}
	date, err := plan.Date("", m)
	if err != nil {
		return err
	}
	p, err := env.plan(m, date, true)
	if err != nil {
		return err
	}
	if err := plan.Drawable(set, env.Data, p); err != nil {
		return env.renderErr(err)
	}
	if err := env.checkSettings(set); err != nil {
		return err
	}
	// Everything must fit its layout: draw it all as build does (the
	// certificates, notes, cards and charts), writing nothing.
	if err := drawAll(set, env.Data, p); err != nil {
		return err
	}
	printLines(opts.IO.ErrOut, p.Notices)
	ms := env.Data.Months()
	fmt.Fprintf(opts.IO.Out, "ok: %d units, %d ranking rows in %d months (%s to %s); %s for %s: %d certificates, press notes in %d languages\n",
		len(env.Data.Units), env.Data.NumRankings(), len(ms), ms[0], ms[len(ms)-1], env.Config.Scope, m, len(p.Certificates), len(env.Config.Press.Languages))
	return nil
}
