package cli

import (
	"context"
	"errors"
	"fmt"
	htmltemplate "html/template"
	"io/fs"
	"log"
	"net"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/spf13/cobra"

	"github.com/igrs-pro/bulletin/bulletin/internal/readfile"
	"github.com/igrs-pro/bulletin/bulletin/l10n"
	"github.com/igrs-pro/bulletin/bulletin/verify"
	"github.com/igrs-pro/bulletin/templates"
)

// verifyPage is the verification page's template in the templates folder.
const verifyPage = "verify.html.tmpl"

// NewCmdServe builds `bulletin serve`.
func NewCmdServe(f *Factory) *cobra.Command {
	var addr string
	var rate float64
	cmd := &cobra.Command{
		Use:   "serve",
		Short: "Serve the verification page from the register, read-only",
		Long: `Serve GET /verify?n=NUMBER&c=CODE (what the certificates' QR codes open when
certificates.verify_base is set) from the register, read-only, with a form
at / and a health check at /healthz. A genuine certificate's page (unit,
level, month, rank, marks, issue date) answers 200; a revoked one 410, with
the date and reason; an unknown number or a wrong code the same "not found"
page, 404, so numbers cannot be enumerated. Each client is limited to
--rate requests a second; one log line per request goes to standard error.
Run it behind the office's web server (HTTPS) or on its own.`,
		Example: `  bulletin serve --addr 127.0.0.1:8080`,
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			h, err := f.Globals.verifyHandler(rate, log.New(f.IO.ErrOut, "", 0))
			if err != nil {
				return err
			}
			defer h.close()
			ln, err := net.Listen("tcp", addr)
			if err != nil {
				return fmt.Errorf("--addr %s: %v", addr, err)
			}
			fmt.Fprintf(f.IO.ErrOut, "serving the verification page on http://%s/ (register %s)\n", ln.Addr(), h.path)
			return serve(ctxOf(cmd.Context()), verify.Server(addr, h.Handler), ln)
		},
	}
	cmd.Flags().StringVar(&addr, "addr", "127.0.0.1:8080", "address to listen on, HOST:PORT")
	cmd.Flags().Float64Var(&rate, "rate", 2, "requests a second each client may make (bursts of 20)")
	return cmd
}

// serve runs srv on ln until ctx is done or the process is interrupted,
// then shuts it down, letting requests in flight finish.
func serve(ctx context.Context, srv *http.Server, ln net.Listener) error {
	ctx, stop := signal.NotifyContext(ctx, os.Interrupt, syscall.SIGTERM)
	defer stop()
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	sctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := srv.Shutdown(sctx); err != nil {
		return err
	}
	if err := <-errc; !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// verifyServer is the handler with its register, to close after serving.
type verifyServer struct {
	*verify.Handler
	path  string
	close func() error
}

// verifyHandler loads what the verification page needs: the register
// (read-only), the catalogs and the page template (the office's, when its
// templates folder has one), in the certificates' languages.
func (g *Globals) verifyHandler(rate float64, logger *log.Logger) (*verifyServer, error) {
	c, _, err := g.officeConfig()
	if err != nil {
		return nil, err
	}
	if g.Out != "" {
		c.Out = g.Out
	}
	cat, err := loadCatalog(c.Locales)
	if err != nil {
		return nil, err
	}
	var langs []*l10n.Lang
	for _, tag := range c.Certs.Languages {
		l, err := cat.Lang(tag, l10n.Options{MonthSpelling: c.Hindi.MonthSpelling, Digits: c.Hindi.Digits, PadCounts: c.Hindi.PadCounts})
		if err != nil {
			return nil, err
		}
		langs = append(langs, l)
	}
	tfs, err := overlay(templates.FS, "templates", c.Templates, readfile.MaxTemplate)
	if err != nil {
		return nil, err
	}
	b, err := fs.ReadFile(tfs, verifyPage)
	if err != nil {
		return nil, fmt.Errorf("template %s: %v", verifyPage, err)
	}
	page, err := htmltemplate.New(verifyPage).Parse(string(b))
	if err != nil {
		return nil, fmt.Errorf("template %s: %v", verifyPage, err)
	}
	reg, err := g.openRegister(false)
	if err != nil {
		return nil, err
	}
	h := verify.NewHandler(reg, langs, page, verify.Options{Rate: rate, Log: logger})
	return &verifyServer{Handler: h, path: reg.Path(), close: reg.Close}, nil
}
