package certificate

import (
	"net/url"
	"regexp"

	"codeberg.org/go-pdf/fpdf"
)

// verifyMark prefixes the certificate's number and code in the keywords
// of its own PDF, where `bulletin verify FILE.pdf` finds them when the
// file's bytes are not a registered file's: the number then tells a
// modified certificate from an unknown one.
const verifyMark = "bulletin-verify:"

// MarkVerification writes c's number and code into the keywords of pdf,
// URL-escaped (so the PDF string holds no character that needs escaping).
func MarkVerification(pdf *fpdf.Fpdf, c Certificate) {
	v := url.Values{"n": {c.Number}, "c": {c.Verification.Code}}
	pdf.SetKeywords(verifyMark+v.Encode(), false)
}

var markRe = regexp.MustCompile(regexp.QuoteMeta(verifyMark) + `([A-Za-z0-9%._~+=&-]{1,600})`)

// ReadVerification finds the number and code that MarkVerification wrote
// into a PDF's bytes; ok is false when there are none (the PDF is not a
// certificate of bulletin's, or its keywords were rewritten).
func ReadVerification(pdf []byte) (number, code string, ok bool) {
	m := markRe.FindSubmatch(pdf)
	if m == nil {
		return "", "", false
	}
	v, err := url.ParseQuery(string(m[1]))
	if err != nil || v.Get("n") == "" {
		return "", "", false
	}
	return v.Get("n"), v.Get("c"), true
}
