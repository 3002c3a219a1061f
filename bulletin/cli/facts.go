package cli

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/igrs-pro/bulletin/bulletin/facts"
)

// FactsOptions are the options of `bulletin facts`.
type FactsOptions struct {
	IO      *IOStreams
	Globals *Globals
	Month   string
	JSON    bool
}

// NewCmdFacts builds `bulletin facts`. runF replaces the command's work in tests.
func NewCmdFacts(f *Factory, runF func(*FactsOptions) error) *cobra.Command {
	opts := &FactsOptions{IO: f.IO, Globals: f.Globals}
	cmd := &cobra.Command{
		Use:   "facts",
		Short: "Print what the press note may claim for a month",
		Long: `Print the facts of a month for the scope unit: its rank, previous rank,
first-rank streak and this year's tally, and for each level below it how
many units were evaluated and which came first.`,
		Example: `  bulletin facts
  bulletin facts --month 2024-11 --json
  bulletin facts --scope r-jhansi --month 2024-06`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if runF != nil {
				return runF(opts)
			}
			return factsRun(opts)
		},
	}
	cmd.Flags().StringVar(&opts.Month, "month", "", "ranking month as YYYY-MM (default: the latest in the data)")
	cmd.Flags().BoolVar(&opts.JSON, "json", false, "print the facts as JSON")
	return cmd
}

func factsRun(opts *FactsOptions) error {
	env, err := opts.Globals.Load()
	if err != nil {
		return err
	}
	m, err := env.Month(opts.Month)
	if err != nil {
		return err
	}
	fs, err := env.Facts(m)
	if err != nil {
		return err
	}
	if opts.JSON {
		enc := json.NewEncoder(opts.IO.Out)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		return enc.Encode(fs)
	}
	printFacts(opts.IO.Out, fs)
	return nil
}

// printFacts writes the facts as short lines for a person at a terminal.
func printFacts(w io.Writer, f *facts.Facts) {
	s := f.Scope
	fmt.Fprintf(w, "%s %s (%s), %s\n", s.NameEn, s.Level, s.ID, f.Month)
	if s.Rank != nil {
		fmt.Fprintf(w, "  rank %d of %d %s units ranked", *s.Rank, s.UnitsRanked, s.Level)
		if s.Score != nil {
			fmt.Fprintf(w, ", score %g", *s.Score)
			if s.MaxScore != nil {
				fmt.Fprintf(w, "/%g", *s.MaxScore)
			}
		}
		fmt.Fprintln(w)
		if s.SharingRank > 1 {
			fmt.Fprintf(w, "  rank shared by %d units\n", s.SharingRank)
		}
		prev := "not known"
		if s.PreviousMonth != nil {
			prev = "not ranked in " + s.PreviousMonth.String()
			if s.PreviousRank != nil {
				prev = fmt.Sprintf("%d (%s)", *s.PreviousRank, s.PreviousMonth)
			}
		}
		whole := ""
		if !s.Year.Whole {
			whole = " (history from " + f.HistoryFrom.String() + ": not the whole year)"
		}
		fmt.Fprintf(w, "  previous ranking: %s; first in %d published ranking(s) in a row; %d: first in %d of %d rankings published (ranked in %d)%s\n",
			prev, s.FirstStreak, s.Year.Year, s.Year.MonthsFirst, s.Year.MonthsPublished, s.Year.MonthsRanked, whole)
	}
	for _, l := range f.Levels {
		names := make([]string, len(l.FirstUnits))
		for i, u := range l.FirstUnits {
			names[i] = u.NameEn
		}
		fmt.Fprintf(w, "  %-8s %3d evaluated, %3d first", l.Level, l.Evaluated, l.First)
		if len(names) > 0 && len(names) <= 12 {
			fmt.Fprintf(w, ": %s", strings.Join(names, ", "))
		}
		fmt.Fprintln(w)
	}
}
