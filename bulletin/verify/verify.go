// Package verify checks certificates against the register: a certificate
// file (its SHA-256, and the number it carries), a number read off paper,
// and the verification page that the office serves from the register
// (Handler), read-only.
package verify

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"net/url"
	"strings"
	"unicode/utf8"

	"github.com/igrs-pro/bulletin/bulletin/certificate"
	"github.com/igrs-pro/bulletin/bulletin/register"
)

// Status is what a check found.
type Status int

const (
	Genuine    Status = iota // the latest file issued under its number, not revoked
	Modified                 // carries a registered number, but its bytes are no file issued under it
	Unknown                  // neither its bytes nor its number are in the register (or the code is wrong)
	Revoked                  // issued, then revoked
	Superseded               // an earlier revision, replaced by a later file under the same number
)

func (s Status) String() string {
	return [...]string{"genuine", "modified", "unknown", "revoked", "superseded"}[s]
}

// Result is a check's finding: the status and, unless Unknown, the
// register's entry (for Modified, the number's latest revision).
type Result struct {
	Status Status
	Entry  register.Entry
	SHA256 string // of the file checked
	Number string // the number the file carries, when found
}

// File checks a certificate file's bytes against the register.
func File(ctx context.Context, reg *register.Register, data []byte) (Result, error) {
	sum := sha256.Sum256(data)
	res := Result{SHA256: hex.EncodeToString(sum[:])}
	e, err := reg.BySHA256(ctx, res.SHA256)
	switch {
	case err == nil:
		res.Entry, res.Number = e, e.Number
		res.Status = status(e)
		return res, nil
	case !errors.Is(err, register.ErrNotFound):
		return res, err
	}
	n, _, ok := certificate.ReadVerification(data)
	if !ok {
		res.Status = Unknown
		return res, nil
	}
	res.Number = n
	if e, err = reg.Lookup(ctx, n); errors.Is(err, register.ErrNotFound) {
		res.Status = Unknown
		return res, nil
	} else if err != nil {
		return res, err
	}
	res.Entry, res.Status = e, Modified
	return res, nil
}

// Number checks a number read off paper, and its code when one is given
// (a wrong code is Unknown, as a number not in the register).
func Number(ctx context.Context, reg *register.Register, number, code string) (Result, error) {
	res := Result{Number: number}
	e, err := reg.Lookup(ctx, number)
	if errors.Is(err, register.ErrNotFound) || (err == nil && code != "" && !reg.CodeMatches(e, code)) {
		res.Status = Unknown
		return res, nil
	}
	if err != nil {
		return res, err
	}
	res.Entry, res.Status = e, status(e)
	return res, nil
}

func status(e register.Entry) Status {
	switch {
	case e.Revoked:
		return Revoked
	case e.Revision < e.Revisions:
		return Superseded
	}
	return Genuine
}

// Query limits: a number is at most MaxNumber bytes; a code is
// register.CodeLen characters once spaces and dashes are dropped.
const MaxNumber = 200

// ParseQuery reads the number and code of a verification request's query
// (n=...&c=..., as the QR code has them). ok is false unless both are
// given once each, the number is valid UTF-8 without control characters
// and at most MaxNumber bytes, and the code has the code's length and
// letters (A-Z, 2-7, any case).
func ParseQuery(raw string) (number, code string, ok bool) {
	if len(raw) > 4*MaxNumber {
		return "", "", false
	}
	v, err := url.ParseQuery(raw)
	if err != nil || len(v["n"]) != 1 || len(v["c"]) != 1 {
		return "", "", false
	}
	number = strings.TrimSpace(v["n"][0])
	if number == "" || len(number) > MaxNumber || !utf8.ValidString(number) || strings.ContainsFunc(number, isControl) {
		return "", "", false
	}
	code = strings.ToUpper(strings.NewReplacer(" ", "", "-", "").Replace(v["c"][0]))
	if len(code) != register.CodeLen || strings.Trim(code, "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567") != "" {
		return "", "", false
	}
	return number, code, true
}

func isControl(r rune) bool { return r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0) }
