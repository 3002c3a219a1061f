package cli

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"

	"github.com/igrs-pro/bulletin/bulletin/config"
	"github.com/igrs-pro/bulletin/bulletin/dataset"
	"github.com/igrs-pro/bulletin/bulletin/output"
	"github.com/igrs-pro/bulletin/bulletin/register"
	"github.com/igrs-pro/bulletin/bulletin/verify"
)

// registerPath returns the register's file from the settings: the
// register setting, or register.db in the output folder.
func registerPath(c config.Config) string {
	if c.Register != "" {
		return c.Register
	}
	return filepath.Join(c.Out, "register.db")
}

// OpenRegister opens (and when new, creates) the certificate register for
// writing.
func (e *Env) OpenRegister() (*register.Register, error) {
	path := registerPath(e.Config)
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return nil, fmt.Errorf("register %s: cannot create its folder: %v", path, errText(err))
	}
	return register.Open(path)
}

// openRegister opens the register named by the settings (no data needed):
// for writing, or read-only.
func (g *Globals) openRegister(write bool) (*register.Register, error) {
	c, _, err := g.officeConfig()
	if err != nil {
		return nil, err
	}
	if g.Out != "" {
		c.Out = g.Out
	}
	if write {
		if _, err := os.Stat(registerPath(c)); err != nil {
			return nil, fmt.Errorf("register %s: %v; build the certificates first, or set register in config.toml", registerPath(c), errText(err))
		}
		return register.Open(registerPath(c))
	}
	return register.OpenReadOnly(registerPath(c))
}

// NewCmdRegister builds `bulletin register` and its subcommands.
func NewCmdRegister(f *Factory) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "register",
		Short: "List, export or revoke the certificates in the register",
		Long: `The register (register.db in the output folder, or the register setting)
holds every certificate number given, every file issued under it with its
SHA-256, and revocations. It is one SQLite file: back it up like any file
(copy it while no build runs, or use sqlite3's .backup).`,
	}
	var month string
	list := &cobra.Command{
		Use:   "list",
		Short: "List the certificates issued (the latest file of each)",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return registerList(cmd.Context(), f, month)
		},
	}
	list.Flags().StringVar(&month, "month", "", "only this month (YYYY-MM)")
	var exportMonth string
	export := &cobra.Command{
		Use:   "export [FILE.csv|FILE.xlsx]",
		Short: "Export every revision of every certificate as CSV (default: to standard output) or Excel",
		Args:  cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return registerExport(cmd.Context(), f, exportMonth, args)
		},
	}
	export.Flags().StringVar(&exportMonth, "month", "", "only this month (YYYY-MM)")
	var reason string
	revoke := &cobra.Command{
		Use:     "revoke NUMBER --reason TEXT",
		Short:   "Revoke a certificate: verify and the verification page then say so, with the date and reason",
		Example: `  bulletin register revoke KZ/IGRS/2024-11/THANA/0042 --reason "ranking corrected by IGRS on 05.12.2024"`,
		Args:    cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			reg, err := f.Globals.openRegister(true)
			if err != nil {
				return err
			}
			defer reg.Close()
			if err := reg.Revoke(ctxOf(cmd.Context()), args[0], strings.TrimSpace(reason)); err != nil {
				return err
			}
			fmt.Fprintf(f.IO.Out, "revoked %s: %s\n", args[0], reason)
			return nil
		},
	}
	revoke.Flags().StringVar(&reason, "reason", "", "why the certificate is revoked (required)")
	cmd.AddCommand(list, export, revoke)
	return cmd
}

func ctxOf(ctx context.Context) context.Context {
	if ctx == nil {
		return context.Background()
	}
	return ctx
}

func checkMonth(m string) error {
	if m == "" {
		return nil
	}
	_, err := dataset.ParseMonth(m)
	if err != nil {
		return fmt.Errorf("--month: %v", err)
	}
	return nil
}

func registerList(ctx context.Context, f *Factory, month string) error {
	if err := checkMonth(month); err != nil {
		return err
	}
	reg, err := f.Globals.openRegister(false)
	if err != nil {
		return err
	}
	defer reg.Close()
	es, err := reg.List(ctxOf(ctx), month)
	if err != nil {
		return err
	}
	w := tabwriter.NewWriter(f.IO.Out, 0, 4, 2, ' ', 0)
	fmt.Fprintln(w, "number\tmonth\tlevel\tunit\trank\tissued\trevision\tstatus")
	for _, e := range es {
		status := "issued"
		if e.Revoked {
			status = "revoked " + e.RevokedAt.Format("2006-01-02") + ": " + e.RevokeReason
		}
		fmt.Fprintf(w, "%s\t%s\t%s\t%s\t%d\t%s\t%d\t%s\n", e.Number, e.Month, e.Level, e.Unit, e.Rank, e.IssueDate, e.Revision, status)
	}
	return w.Flush()
}

func registerExport(ctx context.Context, f *Factory, month string, args []string) error {
	if err := checkMonth(month); err != nil {
		return err
	}
	dest := "-"
	if len(args) == 1 {
		dest = args[0]
	}
	ext := strings.ToLower(filepath.Ext(dest))
	if dest != "-" && ext != ".csv" && ext != ".xlsx" {
		return fmt.Errorf("register export %s: name a .csv or .xlsx file, or - for CSV on standard output", dest)
	}
	reg, err := f.Globals.openRegister(false)
	if err != nil {
		return err
	}
	defer reg.Close()
	es, err := reg.Revisions(ctxOf(ctx), month)
	if err != nil {
		return err
	}
	var b strings.Builder
	if ext == ".xlsx" {
		err = register.WriteXLSX(&b, es)
	} else {
		err = register.WriteCSV(&b, es)
	}
	if err != nil {
		return err
	}
	if dest == "-" {
		_, err = fmt.Fprint(f.IO.Out, b.String())
		return err
	}
	return output.WriteFile(dest, []byte(b.String()))
}

// NewCmdVerify builds `bulletin verify`.
func NewCmdVerify(f *Factory) *cobra.Command {
	var code string
	cmd := &cobra.Command{
		Use:   "verify FILE.pdf|NUMBER",
		Short: "Check a certificate file, or a number read off paper, against the register",
		Long: `Check a certificate against the register. A file is genuine when its bytes
are those of the latest file issued under its number and the number is not
revoked; a number is checked for being issued and not revoked (and, with
--code, for its verification code). Exit 0: genuine; 1: modified, unknown,
revoked or superseded, with the reason.`,
		Example: `  bulletin verify out/2024-11/certificates/thana/t-auraiya-bidhuna.pdf
  bulletin verify KZ/IGRS/2024-11/THANA/0023 --code 3F2DELCZHV`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return verifyRun(ctxOf(cmd.Context()), f, args[0], code)
		},
	}
	cmd.Flags().StringVar(&code, "code", "", "the verification code printed beside the QR code")
	return cmd
}

func verifyRun(ctx context.Context, f *Factory, arg, code string) error {
	reg, err := f.Globals.openRegister(false)
	if err != nil {
		return err
	}
	defer reg.Close()
	var res verify.Result
	if strings.EqualFold(filepath.Ext(arg), ".pdf") {
		data, err := os.ReadFile(arg)
		if err != nil {
			return fmt.Errorf("%s: %v", arg, errText(err))
		}
		res, err = verify.File(ctx, reg, data)
		if err != nil {
			return err
		}
	} else if res, err = verify.Number(ctx, reg, arg, code); err != nil {
		return err
	}
	e := res.Entry
	what := fmt.Sprintf("%s: %s %s (%s / %s), %s, rank %d, issued %s, revision %d of %d", e.Number, e.Level, e.Unit, e.NameHi, e.NameEn, e.Month, e.Rank, e.IssueDate, e.Revision, e.Revisions)
	switch res.Status {
	case verify.Genuine:
		fmt.Fprintln(f.IO.Out, "genuine: "+what)
		return nil
	case verify.Revoked:
		return fmt.Errorf("revoked on %s: %s; %s", e.RevokedAt.Format(time.DateOnly), e.RevokeReason, what)
	case verify.Superseded:
		return fmt.Errorf("superseded: %s; a later file was issued under the number (revision %d)", what, e.Revisions)
	case verify.Modified:
		return fmt.Errorf("modified: %s carries number %s, but its SHA-256 %s is no file the register issued under it (the latest is %s)", arg, res.Number, res.SHA256, e.SHA256)
	}
	if res.Number != "" && !strings.EqualFold(filepath.Ext(arg), ".pdf") {
		return fmt.Errorf("unknown: %s is not a certificate number in the register%s", arg, map[bool]string{true: ", or the code does not match it", false: ""}[code != ""])
	}
	return errors.New("unknown: " + arg + " is not a certificate in the register (SHA-256 " + res.SHA256 + ")")
}
