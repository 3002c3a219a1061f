package verify_test

import (
	"bytes"
	"context"
	"html/template"
	"io"
	"log"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/igrs-pro/bulletin/bulletin/certificate"
	"github.com/igrs-pro/bulletin/bulletin/internal/testtools"
	"github.com/igrs-pro/bulletin/bulletin/l10n"
	"github.com/igrs-pro/bulletin/bulletin/register"
	"github.com/igrs-pro/bulletin/bulletin/verify"
	"github.com/igrs-pro/bulletin/locales"
	"github.com/igrs-pro/bulletin/templates"
)

var ctx = context.Background()

type fixture struct {
	reg     *register.Register
	numbers map[string]string // unit -> number
	codes   map[string]string // unit -> code
}

// newRegister makes a register holding three thanas' certificates of
// 2024-11; t-revoked's is revoked.
func newRegister(t testing.TB) fixture {
	t.Helper()
	reg, err := register.Open(filepath.Join(t.TempDir(), "register.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { reg.Close() })
	units := []string{"t-auraiya-bidhuna", "t-revoked", "t-markup"}
	var claims []register.Claim
	for _, u := range units {
		claims = append(claims, register.Claim{Unit: u, Level: "thana"})
	}
	as, err := reg.Assign(ctx, "z-kanpur", "2024-11", claims, func(c register.Claim, serial int) (string, error) {
		return "KZ/IGRS/2024-11/THANA/" + string(rune('0'+serial)), nil
	})
	if err != nil {
		t.Fatal(err)
	}
	f := fixture{reg: reg, numbers: map[string]string{}, codes: map[string]string{}}
	names := map[string][2]string{"t-auraiya-bidhuna": {"बिधूना", "Bidhuna"}, "t-revoked": {"सहार", "Sahar"}, "t-markup": {"<script>alert(1)</script>", "<b>Bold</b> & co"}}
	var is []register.Issue
	score, max := 118.0, 125.0
	for i, a := range as {
		u := units[i]
		code := reg.Code(a.Number, u, "2024-11", 1)
		f.numbers[u], f.codes[u] = a.Number, code
		is = append(is, register.Issue{Number: a.Number, NameHi: names[u][0], NameEn: names[u][1], Rank: 1, Score: &score, MaxScore: &max,
			SHA256: strings.Repeat(string(rune('a'+i)), 64), IssueDate: "2024-12-01", Code: code, File: "certificates/thana/" + u + ".pdf"})
	}
	if _, err := reg.Record(ctx, is); err != nil {
		t.Fatal(err)
	}
	if err := reg.Revoke(ctx, f.numbers["t-revoked"], "ranking corrected by IGRS"); err != nil {
		t.Fatal(err)
	}
	return f
}

func handler(t testing.TB, reg *register.Register, logTo io.Writer, o verify.Options) *verify.Handler {
	t.Helper()
	cat, err := l10n.Load(locales.FS, nil)
	if err != nil {
		t.Fatal(err)
	}
	var langs []*l10n.Lang
	for _, tag := range []string{"hi", "en"} {
		l, err := cat.Lang(tag, l10n.Options{MonthSpelling: "office", Digits: "latin", PadCounts: true})
		if err != nil {
			t.Fatal(err)
		}
		langs = append(langs, l)
	}
	b, err := templates.FS.ReadFile("verify.html.tmpl")
	if err != nil {
		t.Fatal(err)
	}
	page := template.Must(template.New("verify.html.tmpl").Parse(string(b)))
	if logTo != nil {
		o.Log = log.New(logTo, "", 0)
	}
	return verify.NewHandler(reg, langs, page, o)
}

func get(h http.Handler, target string) *httptest.ResponseRecorder {
	w := httptest.NewRecorder()
	r := httptest.NewRequest("GET", target, nil)
	h.ServeHTTP(w, r)
	return w
}

func verifyURL(number, code string) string {
	return "/" + strings.TrimPrefix(certificate.QRPayload("http://x", number, code), "http://x/")
}

func TestHandler(t *testing.T) {
	f := newRegister(t)
	var logs bytes.Buffer
	h := handler(t, f.reg, &logs, verify.Options{})
	ok := get(h, verifyURL(f.numbers["t-auraiya-bidhuna"], f.codes["t-auraiya-bidhuna"]))
	body := ok.Body.String()
	if ok.Code != 200 || !strings.Contains(body, "थाना बिधूना") || !strings.Contains(body, "Bidhuna Police Station") ||
		!strings.Contains(body, "नवम्बर-2024") || !strings.Contains(body, "<dt>स्तर</dt><dd>थाना</dd>") || !strings.Contains(body, "<dt>Level</dt><dd>Police Station</dd>") || !strings.Contains(body, "118 out of 125") || !strings.Contains(body, "2024-12-01") ||
		!strings.Contains(body, "मान्य है") {
		t.Errorf("genuine: %d\n%s", ok.Code, body)
	}
	// Lowercase, grouped codes as people type them are the same code.
	c := strings.ToLower(f.codes["t-auraiya-bidhuna"])
	if w := get(h, "/verify?n="+url.QueryEscape(f.numbers["t-auraiya-bidhuna"])+"&c="+c[:5]+"-"+c[5:]); w.Code != 200 {
		t.Errorf("code as typed: %d", w.Code)
	}
	rev := get(h, verifyURL(f.numbers["t-revoked"], f.codes["t-revoked"]))
	if rev.Code != 410 || !strings.Contains(rev.Body.String(), "ranking corrected by IGRS") || !strings.Contains(rev.Body.String(), time.Now().UTC().Format("2006-01-02")) {
		t.Errorf("revoked: %d\n%s", rev.Code, rev.Body.String())
	}
	// A wrong code and an unknown number give the same page, byte for byte.
	wrong := get(h, verifyURL(f.numbers["t-auraiya-bidhuna"], "AAAAAAAAAA"))
	unknown := get(h, verifyURL("KZ/IGRS/2024-11/THANA/9", "AAAAAAAAAA"))
	garbled := get(h, "/verify?n=&c=x")
	if wrong.Code != 404 || unknown.Code != 404 || garbled.Code != 404 || wrong.Body.String() != unknown.Body.String() || wrong.Body.String() != garbled.Body.String() {
		t.Errorf("not found: %d %d %d; same page: %v", wrong.Code, unknown.Code, garbled.Code, wrong.Body.String() == unknown.Body.String())
	}
	// Names are escaped.
	mk := get(h, verifyURL(f.numbers["t-markup"], f.codes["t-markup"]))
	if mk.Code != 200 || strings.Contains(mk.Body.String(), "<script>") || strings.Contains(mk.Body.String(), "<b>") || !strings.Contains(mk.Body.String(), "&lt;script&gt;") {
		t.Errorf("markup: %d\n%s", mk.Code, mk.Body.String())
	}
	// Security headers on every answer.
	for _, w := range []*httptest.ResponseRecorder{ok, rev, wrong, get(h, "/"), get(h, "/healthz"), get(h, "/admin")} {
		csp := w.Header().Get("Content-Security-Policy")
		if !strings.Contains(csp, "default-src 'none'") || !strings.Contains(csp, "style-src 'sha256-") || w.Header().Get("X-Content-Type-Options") != "nosniff" {
			t.Errorf("headers %v", w.Header())
		}
	}
	if w := get(h, "/"); w.Code != 200 || !strings.Contains(w.Body.String(), `<form method="get" action="/verify">`) {
		t.Errorf("form: %d", w.Code)
	}
	if w := get(h, "/healthz"); w.Code != 200 || w.Body.String() != "ok\n" {
		t.Errorf("healthz: %d %q", w.Code, w.Body.String())
	}
	for _, path := range []string{"/admin", "/verify/x", "/register.db", "/../register.db"} {
		if w := get(h, path); w.Code != 404 {
			t.Errorf("%s: %d, want 404", path, w.Code)
		}
	}
	w := httptest.NewRecorder()
	h.ServeHTTP(w, httptest.NewRequest("POST", "/verify", strings.NewReader("n=1")))
	if w.Code == 200 {
		t.Errorf("POST: %d", w.Code)
	}
	// One log line per request, without the query (number and code).
	lines := strings.Split(strings.TrimSpace(logs.String()), "\n")
	if len(lines) != 17 {
		t.Errorf("%d log lines for 17 requests:\n%s", len(lines), logs.String())
	}
	if strings.Contains(logs.String(), f.codes["t-auraiya-bidhuna"]) || !strings.Contains(lines[0], " GET /verify 200 ") {
		t.Errorf("log: %s", logs.String())
	}
}

// A client that asks too often is told to wait (429); another client is not.
func TestRateLimit(t *testing.T) {
	f := newRegister(t)
	h := handler(t, f.reg, nil, verify.Options{Rate: 0.001, Burst: 5})
	target := verifyURL("KZ/1", "AAAAAAAAAA")
	codes := map[int]int{}
	for range 8 {
		codes[get(h, target).Code]++
	}
	if codes[404] != 5 || codes[429] != 3 {
		t.Errorf("answers %v; want 5 x 404 then 3 x 429", codes)
	}
	w := httptest.NewRecorder()
	r := httptest.NewRequest("GET", target, nil)
	r.RemoteAddr = "203.0.113.9:4000"
	h.ServeHTTP(w, r)
	if w.Code != 404 {
		t.Errorf("another client: %d", w.Code)
	}
}

func TestServerTimeouts(t *testing.T) {
	s := verify.Server("127.0.0.1:0", http.NotFoundHandler())
	if s.ReadHeaderTimeout == 0 || s.ReadTimeout == 0 || s.WriteTimeout == 0 || s.IdleTimeout == 0 || s.MaxHeaderBytes == 0 {
		t.Errorf("server without limits: %+v", s)
	}
}

// Headless Chromium (a real browser) loads the page and its DOM holds the
// unit's Hindi name; the CSP lets the page's style apply.
func TestChromium(t *testing.T) {
	chromium := testtools.RequireTool(t, "chromium")
	f := newRegister(t)
	srv := httptest.NewServer(handler(t, f.reg, nil, verify.Options{}))
	defer srv.Close()
	target := srv.URL + verifyURL(f.numbers["t-auraiya-bidhuna"], f.codes["t-auraiya-bidhuna"])
	cmd := exec.Command(chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
		"--user-data-dir="+t.TempDir(), "--virtual-time-budget=3000", "--dump-dom", target)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("chromium: %v\n%s", err, stderr.String())
	}
	dom := string(out)
	if !strings.Contains(dom, "थाना बिधूना") || !strings.Contains(dom, `<section lang="hi" class="genuine">`) {
		t.Errorf("the DOM lacks the unit's Hindi name:\n%s", dom)
	}
	if strings.Contains(stderr.String(), "Content Security Policy") {
		t.Errorf("the page breaks its own CSP:\n%s", stderr.String())
	}
}

func TestFileAndNumber(t *testing.T) {
	f := newRegister(t)
	// A file whose SHA-256 is registered: made here by recording a file's sum.
	as, _ := f.reg.Assign(ctx, "z-kanpur", "2024-11", []register.Claim{{Unit: "t-file", Level: "district"}},
		func(c register.Claim, serial int) (string, error) { return "KZ/D/1", nil })
	c := certificate.Certificate{Number: as[0].Number, Verification: certificate.Verification{Code: "ABCDEFGHIJ"}}
	pdf := certificate.NewDocument(c.Number, time.Now())
	certificate.MarkVerification(pdf, c)
	pdf.AddPage()
	var b bytes.Buffer
	pdf.Output(&b)
	genuine := b.Bytes()
	res, _ := verify.File(ctx, f.reg, genuine)
	if res.Status != verify.Unknown {
		t.Errorf("a file not yet recorded: %v", res.Status)
	}
	rec := func(data []byte) {
		res, _ := verify.File(ctx, f.reg, data)
		if _, err := f.reg.Record(ctx, []register.Issue{{Number: as[0].Number, NameHi: "क", NameEn: "K", Rank: 1, SHA256: res.SHA256, IssueDate: "2024-12-01", Code: "ABCDEFGHIJ", File: "x.pdf"}}); err != nil {
			t.Fatal(err)
		}
	}
	rec(genuine)
	for _, tc := range []struct {
		name string
		data []byte
		want verify.Status
	}{
		{"genuine", genuine, verify.Genuine},
		{"modified", bytes.Replace(genuine, []byte("%%EOF"), []byte("%%EOF\n% edited"), 1), verify.Modified},
		{"unknown", []byte("%PDF-1.4 another document"), verify.Unknown},
	} {
		res, err := verify.File(ctx, f.reg, tc.data)
		if err != nil || res.Status != tc.want {
			t.Errorf("%s: %v %v", tc.name, res.Status, err)
		}
	}
	// A second file under the number: the first is superseded.
	second := append(bytes.Clone(genuine), '\n')
	rec(second)
	if res, _ := verify.File(ctx, f.reg, genuine); res.Status != verify.Superseded {
		t.Errorf("first file after a second: %v", res.Status)
	}
	f.reg.Revoke(ctx, as[0].Number, "wrong unit")
	if res, _ := verify.File(ctx, f.reg, second); res.Status != verify.Revoked || res.Entry.RevokeReason != "wrong unit" {
		t.Errorf("revoked: %+v", res)
	}
	if res, _ := verify.Number(ctx, f.reg, f.numbers["t-auraiya-bidhuna"], ""); res.Status != verify.Genuine {
		t.Errorf("number: %v", res.Status)
	}
	if res, _ := verify.Number(ctx, f.reg, f.numbers["t-auraiya-bidhuna"], "AAAAAAAAAA"); res.Status != verify.Unknown {
		t.Errorf("number, wrong code: %v", res.Status)
	}
}

func TestParseQuery(t *testing.T) {
	for q, want := range map[string]bool{
		"n=KZ%2FIGRS%2F2024-11%2FTHANA%2F0023&c=ACJ2BD52X3": true,
		"n=KZ/1&c=acj2b-d52x3":                              true,
		"n=KZ/1&c=ACJ2BD52X":                                false, // short
		"n=KZ/1&c=ACJ2BD52X1":                               false, // 1 is not base32
		"n=KZ/1":                                            false,
		"n=KZ/1&n=KZ/2&c=ACJ2BD52X3":                        false,
		"n=%00&c=ACJ2BD52X3":                                false,
		"n=" + strings.Repeat("x", 201) + "&c=ACJ2BD52X3":   false,
		"n=%zz&c=ACJ2BD52X3":                                false,
	} {
		if _, _, ok := verify.ParseQuery(q); ok != want {
			t.Errorf("ParseQuery(%q) ok = %v, want %v", q, ok, want)
		}
	}
}

// FuzzParseQuery: any query parses or is refused without a panic; what
// parses is within the limits, and a payload the certificates print parses
// back to its number and code.
func FuzzParseQuery(f *testing.F) {
	f.Add("n=KZ%2FIGRS%2F2024-11%2FTHANA%2F0023&c=ACJ2BD52X3", "KZ/IGRS/2024-11/THANA/0023")
	f.Add("n=&c=", "थाना/1")
	f.Add("c=AAAAAAAAAA&n=a;b", "a b")
	f.Fuzz(func(t *testing.T, raw, number string) {
		n, c, ok := verify.ParseQuery(raw)
		if ok && (n == "" || len(n) > verify.MaxNumber || len(c) != register.CodeLen) {
			t.Errorf("ParseQuery(%q) = %q, %q", raw, n, c)
		}
		q := strings.TrimPrefix(certificate.QRPayload("https://x", number, "ABCDEFGH23"), "https://x/verify?")
		n, c, ok = verify.ParseQuery(q)
		trimmed := strings.TrimSpace(number)
		if ok && (n != trimmed || c != "ABCDEFGH23") {
			t.Errorf("payload of %q parsed as %q %q", number, n, c)
		}
	})
}
