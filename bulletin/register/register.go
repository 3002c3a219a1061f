// Package register keeps the office's certificate register: an SQLite
// database (modernc.org/sqlite, pure Go) in WAL mode that holds every
// certificate number ever given, every revision of every certificate file
// issued under it (with its SHA-256), revocations, and the secret that keys
// the verification codes printed on the certificates.
//
// The promises it keeps: a number is given once per (scope, month, unit)
// and never changes (Assign); no number names two awards (a UNIQUE
// constraint); a file is recorded only after it is on disk (Record, called
// by the batch after its sync), all of a run's files in one transaction, so
// an interrupted run, a concurrent run or a full disk leaves the register as
// it was before the run or with the whole run recorded.
package register

import (
	"context"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"database/sql"
	"encoding/base32"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"strconv"
	"strings"
	"time"

	_ "modernc.org/sqlite" // registers the "sqlite" driver
)

// CodeLen is the number of characters of the verification code shown on
// a certificate and asked for by the verification page.
const CodeLen = 10

// ErrNotFound is returned for a number the register does not hold.
var ErrNotFound = errors.New("not in the register")

// Register is an open certificate register.
type Register struct {
	db       *sql.DB
	path     string
	secret   []byte
	readOnly bool
}

// Open opens the register at path for writing, creating it (with a new
// secret) when it does not exist and bringing its schema up to date. A
// symlink at path is refused: the register is written only in place.
func Open(path string) (*Register, error) {
	if fi, err := os.Lstat(path); err == nil && fi.Mode()&fs.ModeSymlink != 0 {
		return nil, fmt.Errorf("register %s is a symbolic link; bulletin writes the register only in place: point the register setting at the real file", path)
	}
	r, err := open(path, false)
	if err != nil {
		return nil, err
	}
	if err := r.migrate(context.Background()); err != nil {
		r.db.Close()
		return nil, fmt.Errorf("register %s: %w", path, err)
	}
	if err := r.loadSecret(context.Background()); err != nil {
		r.db.Close()
		return nil, fmt.Errorf("register %s: %w", path, err)
	}
	return r, nil
}

// OpenReadOnly opens an existing register for reading only (verify,
// serve): it is never created or changed.
func OpenReadOnly(path string) (*Register, error) {
	if _, err := os.Stat(path); err != nil {
		return nil, fmt.Errorf("register %s: %w; build the certificates first, or point the register setting at the office's register", path, errors.Unwrap(err))
	}
	r, err := open(path, true)
	if err != nil {
		return nil, err
	}
	var v int
	if err := r.db.QueryRow("PRAGMA user_version").Scan(&v); err != nil {
		r.db.Close()
		return nil, fmt.Errorf("register %s: %w", path, err)
	}
	if v != len(migrations) {
		r.db.Close()
		return nil, fmt.Errorf("register %s has schema version %d, this bulletin reads version %d; open it once with this bulletin's build or register command", path, v, len(migrations))
	}
	if err := r.loadSecret(context.Background()); err != nil {
		r.db.Close()
		return nil, fmt.Errorf("register %s: %w", path, err)
	}
	return r, nil
}

func open(path string, readOnly bool) (*Register, error) {
	if strings.ContainsAny(path, "?#") {
		return nil, fmt.Errorf("register %q: the path may not hold ? or #; rename the file", path)
	}
	q := "_pragma=busy_timeout(15000)&_pragma=foreign_keys(1)"
	if readOnly {
		q += "&mode=ro"
	} else {
		// Writes take the lock at BEGIN, so concurrent runs queue instead of
		// failing halfway; FULL sync makes a commit durable on return.
		q += "&_pragma=journal_mode(WAL)&_pragma=synchronous(FULL)&_txlock=immediate"
	}
	db, err := sql.Open("sqlite", "file:"+path+"?"+q)
	if err != nil {
		return nil, fmt.Errorf("register %s: %w", path, err)
	}
	if err := db.Ping(); err != nil {
		db.Close()
		return nil, fmt.Errorf("register %s: %w", path, err)
	}
	return &Register{db: db, path: path, readOnly: readOnly}, nil
}

// Close closes the register.
func (r *Register) Close() error { return r.db.Close() }

// Path is the register's file.
func (r *Register) Path() string { return r.path }

// DB is the register's database, for tests and tools.
func (r *Register) DB() *sql.DB { return r.db }

func (r *Register) loadSecret(ctx context.Context) error {
	err := r.db.QueryRowContext(ctx, "SELECT value FROM meta WHERE key = 'secret'").Scan(&r.secret)
	if err != nil || len(r.secret) < 16 {
		return fmt.Errorf("the register holds no secret (%v); it is damaged: restore it from the backup", err)
	}
	return nil
}

// newSecret is the key of a new register's verification codes.
func newSecret() []byte {
	b := make([]byte, 32)
	rand.Read(b)
	return b
}

// Code is the verification code of a certificate: an HMAC-SHA256, keyed by
// the register's secret, of its number, unit, month and rank, written in
// base32 and cut to CodeLen characters.
func (r *Register) Code(number, unit, month string, rank int) string {
	m := hmac.New(sha256.New, r.secret)
	for _, s := range []string{number, unit, month, strconv.Itoa(rank)} {
		m.Write([]byte(s))
		m.Write([]byte{0})
	}
	return base32.StdEncoding.EncodeToString(m.Sum(nil))[:CodeLen]
}

// CodeMatches reports, in constant time, whether code (any case, spaces and
// dashes ignored) is the verification code of e.
func (r *Register) CodeMatches(e Entry, code string) bool {
	code = strings.ToUpper(strings.NewReplacer(" ", "", "-", "").Replace(code))
	want := r.Code(e.Number, e.Unit, e.Month, e.Rank)
	return hmac.Equal([]byte(code), []byte(want))
}

// now is the clock of the register's time stamps (issue dates come from
// the plan, not from it).
var now = func() time.Time { return time.Now().UTC() }

func stamp(t time.Time) string { return t.UTC().Format(time.RFC3339) }

// write runs fn in one transaction, taken at once (BEGIN IMMEDIATE).
func (r *Register) write(ctx context.Context, fn func(tx *sql.Tx) error) error {
	if r.readOnly {
		return errors.New("register opened read-only")
	}
	tx, err := r.db.BeginTx(ctx, nil)
	if err != nil {
		return r.wrap(err)
	}
	if err := fn(tx); err != nil {
		tx.Rollback()
		return r.wrap(err)
	}
	if err := tx.Commit(); err != nil {
		tx.Rollback()
		return r.wrap(err)
	}
	return nil
}

// wrap names the register in an error and says what a full disk means.
func (r *Register) wrap(err error) error {
	if strings.Contains(err.Error(), "disk is full") || strings.Contains(err.Error(), "SQLITE_FULL") {
		return fmt.Errorf("register %s: the disk is full; nothing of this run was recorded; free space and run again: %w", r.path, err)
	}
	return fmt.Errorf("register %s: %w", r.path, err)
}
