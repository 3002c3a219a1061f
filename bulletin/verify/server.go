package verify

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/base64"
	"fmt"
	"html/template"
	"log"
	"net"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/igrs-pro/bulletin/bulletin/dataset"
	"github.com/igrs-pro/bulletin/bulletin/facts"
	"github.com/igrs-pro/bulletin/bulletin/l10n"
	"github.com/igrs-pro/bulletin/bulletin/register"
)

// PageCSS is the verification page's only style; the Content-Security-
// Policy allows it by its hash and nothing else (no script, no image, no
// other origin).
const PageCSS = `body{font-family:"Noto Sans Devanagari","Nirmala UI",sans-serif;max-width:40em;margin:2em auto;padding:0 1em;color:#222}` +
	`h1{font-size:1.4em;color:#801818}section{margin:1em 0;padding:.5em 1em;border-left:4px solid #102060}` +
	`.genuine{border-color:#1a7f37}.revoked,.notfound{border-color:#b00020}dt{font-weight:bold}dd{margin:0 0 .4em 0}`

// Handler serves the verification page from the register, read-only.
type Handler struct {
	reg   *register.Register
	langs []*l10n.Lang
	page  *template.Template
	csp   string
	limit *limiter
	log   *log.Logger
	mux   *http.ServeMux
}

// Options of a Handler.
type Options struct {
	// Rate and Burst limit each client (by IP address) to Rate requests a
	// second, with bursts of Burst; 0 takes 2 and 20.
	Rate  float64
	Burst int
	Log   *log.Logger // one line per request; nil logs nothing
}

// NewHandler serves GET /verify?n=&c= (and /, a form, and /healthz) from
// reg, in langs (the first is the page's language), with page, the
// html/template of templates/verify.html.tmpl.
func NewHandler(reg *register.Register, langs []*l10n.Lang, page *template.Template, o Options) *Handler {
	if o.Rate <= 0 {
		o.Rate = 2
	}
	if o.Burst <= 0 {
		o.Burst = 20
	}
	sum := sha256.Sum256([]byte(PageCSS))
	h := &Handler{reg: reg, langs: langs, page: page, limit: newLimiter(o.Rate, o.Burst), log: o.Log, mux: http.NewServeMux(),
		csp: "default-src 'none'; style-src 'sha256-" + base64.StdEncoding.EncodeToString(sum[:]) + "'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"}
	h.mux.HandleFunc("GET /{$}", h.form)
	h.mux.HandleFunc("GET /verify", h.verify)
	h.mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		fmt.Fprintln(w, "ok")
	})
	return h
}

// ServeHTTP sets the security headers, limits the client's rate, routes,
// and logs the request in one line.
func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	start := time.Now()
	rec := &recorder{ResponseWriter: w, status: http.StatusOK}
	hd := w.Header()
	hd.Set("Content-Security-Policy", h.csp)
	hd.Set("X-Content-Type-Options", "nosniff")
	hd.Set("Referrer-Policy", "no-referrer")
	hd.Set("X-Frame-Options", "DENY")
	hd.Set("Cache-Control", "no-store")
	client := clientIP(r)
	switch {
	case !h.limit.allow(client, start):
		hd.Set("Retry-After", "1")
		h.render(rec, http.StatusTooManyRequests, pageData{Kind: "toomany"})
	default:
		if _, pattern := h.mux.Handler(r); pattern == "" {
			h.render(rec, http.StatusNotFound, pageData{Kind: "notfound"})
		} else {
			h.mux.ServeHTTP(rec, r)
		}
	}
	if h.log != nil {
		// The path only: the query holds the number and code asked for.
		h.log.Printf("%s %s %s %s %d %dB %s", start.UTC().Format(time.RFC3339), client, r.Method, r.URL.Path, rec.status, rec.n, time.Since(start).Round(time.Microsecond))
	}
}

func (h *Handler) form(w http.ResponseWriter, r *http.Request) {
	h.render(w, http.StatusOK, pageData{Kind: "form"})
}

func (h *Handler) verify(w http.ResponseWriter, r *http.Request) {
	n, c, ok := ParseQuery(r.URL.RawQuery)
	if !ok {
		h.render(w, http.StatusNotFound, pageData{Kind: "notfound"})
		return
	}
	ctx, cancel := context.WithTimeout(r.Context(), 5*time.Second)
	defer cancel()
	res, err := Number(ctx, h.reg, n, c)
	switch {
	case err != nil:
		h.render(w, http.StatusInternalServerError, pageData{Kind: "error"})
	case res.Status == Unknown:
		// A wrong code and an unknown number look the same: numbers cannot
		// be enumerated.
		h.render(w, http.StatusNotFound, pageData{Kind: "notfound"})
	case res.Status == Revoked:
		h.render(w, http.StatusGone, pageData{Kind: "revoked", Entry: &res.Entry})
	case res.Status == Superseded:
		// A code matches the number's latest revision only (the code does
		// not change with the file), so this does not happen here.
		h.render(w, http.StatusOK, pageData{Kind: "genuine", Entry: &res.Entry})
	default:
		h.render(w, http.StatusOK, pageData{Kind: "genuine", Entry: &res.Entry})
	}
}

// pageData is what a page shows: its kind and, for a certificate, its
// entry, written out in each language.
type pageData struct {
	Kind  string // form, genuine, revoked, notfound, toomany, error
	Entry *register.Entry
}

// langBlock is a page's words in one language.
type langBlock struct {
	Lang   string
	Title  string
	Text   string
	Fields []field
	Form   map[string]string
}

type field struct{ Label, Value string }

func (h *Handler) render(w http.ResponseWriter, status int, d pageData) {
	var blocks []langBlock
	for _, l := range h.langs {
		b, err := h.block(l, d)
		if err != nil {
			http.Error(w, "internal error", http.StatusInternalServerError)
			return
		}
		blocks = append(blocks, b)
	}
	var buf bytes.Buffer
	err := h.page.Execute(&buf, map[string]any{"Lang": h.langs[0].Tag, "Kind": d.Kind, "Blocks": blocks, "CSS": template.CSS(PageCSS)})
	if err != nil {
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	w.Write(buf.Bytes())
}

// block writes d in language l, every sentence and label from the catalog.
func (h *Handler) block(l *l10n.Lang, d pageData) (langBlock, error) {
	b := langBlock{Lang: l.Tag}
	var err error
	msg := func(id string, kv ...any) string {
		s, e := l.Msg(id, kv...)
		if err == nil {
			err = e
		}
		return s
	}
	b.Title = msg("Verify.Title")
	switch d.Kind {
	case "form":
		b.Text = msg("Verify.Form")
		b.Form = map[string]string{"Number": msg("Verify.Number"), "Code": msg("Verify.Code"), "Check": msg("Verify.Check")}
	case "notfound":
		b.Text = msg("Verify.NotFound")
	case "toomany":
		b.Text = msg("Verify.TooMany")
	case "error":
		b.Text = msg("Verify.Error")
	case "genuine", "revoked":
		e := d.Entry
		if d.Kind == "genuine" {
			b.Text = msg("Verify.Genuine")
		} else {
			b.Text = msg("Verify.Revoked", "Date", e.RevokedAt.Format("2006-01-02"), "Reason", e.RevokeReason)
		}
		fs, ferr := fields(l, e)
		if ferr != nil {
			return b, ferr
		}
		b.Fields = fs
	}
	return b, err
}

// fields are the entry's details as the page lists them.
func fields(l *l10n.Lang, e *register.Entry) ([]field, error) {
	level, ok := dataset.ParseLevel(e.Level)
	if !ok {
		return nil, fmt.Errorf("register: level %q of %s", e.Level, e.Number)
	}
	unit, err := l.Unit(facts.UnitRef{ID: e.Unit, Level: level, NameHi: e.NameHi, NameEn: e.NameEn})
	if err != nil {
		return nil, err
	}
	m, err := dataset.ParseMonth(e.Month)
	if err != nil {
		return nil, err
	}
	month, err := l.MonthYear(m)
	if err != nil {
		return nil, err
	}
	rank, err := l.Ordinal(e.Rank)
	if err != nil {
		return nil, err
	}
	// The level's word as the catalog writes it around a unit's name
	// (Unit.thana: "थाना {{.Name}}", "{{.Name}} Police Station").
	lv, err := l.Msg("Unit."+e.Level, "Name", "")
	if err != nil {
		return nil, err
	}
	marks := "—"
	if e.Score != nil && e.MaxScore != nil {
		if marks, err = l.Msg("Verify.MarksValue", "Score", l.Num(*e.Score), "Max", l.Num(*e.MaxScore)); err != nil {
			return nil, err
		}
	}
	var out []field
	for _, f := range []struct{ id, value string }{
		{"Verify.Number", e.Number}, {"Verify.Unit", unit}, {"Verify.Level", strings.TrimSpace(lv)}, {"Verify.Month", month}, {"Verify.Rank", rank},
		{"Verify.Marks", marks}, {"Verify.IssueDate", e.IssueDate},
	} {
		label, err := l.Msg(f.id)
		if err != nil {
			return nil, err
		}
		out = append(out, field{label, f.value})
	}
	return out, nil
}

// recorder remembers the status and size of a response, for the log.
type recorder struct {
	http.ResponseWriter
	status int
	n      int
}

func (r *recorder) WriteHeader(code int) { r.status = code; r.ResponseWriter.WriteHeader(code) }
func (r *recorder) Write(b []byte) (int, error) {
	n, err := r.ResponseWriter.Write(b)
	r.n += n
	return n, err
}

func clientIP(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}

// limiter is a token bucket per client.
type limiter struct {
	mu      sync.Mutex
	rate    float64
	burst   float64
	clients map[string]*bucket
}

type bucket struct {
	tokens float64
	last   time.Time
}

func newLimiter(rate float64, burst int) *limiter {
	return &limiter{rate: rate, burst: float64(burst), clients: map[string]*bucket{}}
}

// allow takes a token of client's bucket at now, if it has one.
func (l *limiter) allow(client string, now time.Time) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	if len(l.clients) > 10000 {
		// Forget the clients whose buckets have filled up again.
		for k, b := range l.clients {
			if now.Sub(b.last).Seconds()*l.rate >= l.burst {
				delete(l.clients, k)
			}
		}
	}
	b, ok := l.clients[client]
	if !ok {
		b = &bucket{tokens: l.burst, last: now}
		l.clients[client] = b
	}
	b.tokens = min(l.burst, b.tokens+now.Sub(b.last).Seconds()*l.rate)
	b.last = now
	if b.tokens < 1 {
		return false
	}
	b.tokens--
	return true
}

// Server is an http.Server for h with timeouts, so that slow clients
// cannot hold connections open.
func Server(addr string, h http.Handler) *http.Server {
	return &http.Server{
		Addr:              addr,
		Handler:           h,
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       10 * time.Second,
		WriteTimeout:      10 * time.Second,
		IdleTimeout:       60 * time.Second,
		MaxHeaderBytes:    8 << 10,
	}
}
