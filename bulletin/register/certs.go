package register

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// Claim is a unit that earned a certificate in a month, asking for its number.
type Claim struct {
	Unit  string
	Level string
}

// Assigned is the number a claim holds.
type Assigned struct {
	Number string
	Serial int  // the number's place among the month's numbers of its level, in issue order
	New    bool // given by this call
}

// NumberFunc writes the number of a claim's certificate, the serial-th of
// its month and level.
type NumberFunc func(c Claim, serial int) (string, error)

// Assign returns the number of every claim of scope's month, in one
// transaction: the number it already has, or a new one made by format from
// the next serial of its month and level. A number once given never
// changes, whatever else changes in units.csv. A new number that is
// already another unit's is an error (the number template lacks .Serial or
// .Unit), and nothing is given.
func (r *Register) Assign(ctx context.Context, scope, month string, claims []Claim, format NumberFunc) ([]Assigned, error) {
	out := make([]Assigned, len(claims))
	err := r.write(ctx, func(tx *sql.Tx) error {
		q := prepared(tx)
		defer q.close()
		for i, c := range claims {
			a, err := assign(ctx, q, scope, month, c, format)
			if err != nil {
				return err
			}
			out[i] = a
		}
		return nil
	})
	return out, err
}

func assign(ctx context.Context, tx querier, scope, month string, c Claim, format NumberFunc) (Assigned, error) {
	var a Assigned
	err := tx.QueryRowContext(ctx, "SELECT number, serial FROM certificates WHERE scope = ? AND month = ? AND unit = ?",
		scope, month, c.Unit).Scan(&a.Number, &a.Serial)
	if err == nil {
		return a, nil
	}
	if !errors.Is(err, sql.ErrNoRows) {
		return a, err
	}
	if err := tx.QueryRowContext(ctx, "SELECT COALESCE(MAX(serial), 0) + 1 FROM certificates WHERE month = ? AND level = ?",
		month, c.Level).Scan(&a.Serial); err != nil {
		return a, err
	}
	if a.Number, err = format(c, a.Serial); err != nil {
		return a, err
	}
	var other, otherMonth string
	err = tx.QueryRowContext(ctx, "SELECT unit, month FROM certificates WHERE number = ?", a.Number).Scan(&other, &otherMonth)
	if err == nil {
		return a, fmt.Errorf("certificates.number gives %s to %s of %s, but the register gave it to %s of %s already; include .Month and .Serial (or .Unit) in it", a.Number, c.Unit, month, other, otherMonth)
	}
	if !errors.Is(err, sql.ErrNoRows) {
		return a, err
	}
	_, err = tx.ExecContext(ctx, `INSERT INTO certificates (number, scope, month, unit, level, serial, assigned_at)
		VALUES (?, ?, ?, ?, ?, ?, ?)`, a.Number, scope, month, c.Unit, c.Level, a.Serial, stamp(now()))
	a.New = true
	return a, err
}

// Issue is a certificate file written under a number.
type Issue struct {
	Number         string
	NameHi, NameEn string
	Rank           int
	Score          *float64
	MaxScore       *float64
	SHA256         string // of the file as written
	IssueDate      string // YYYY-MM-DD, as printed
	Code           string
	File           string // path of the file in the month's folder
}

// Recorded counts what Record did.
type Recorded struct {
	New       int // first revisions
	Revised   int // new revisions of numbers issued before
	Unchanged int // files equal to the latest revision
}

// Record records the files of a run, in one transaction: a file whose
// SHA-256 differs from its number's latest revision becomes a new revision
// (the history is kept); an unchanged one is left. Every number must have
// been given by Assign.
func (r *Register) Record(ctx context.Context, issues []Issue) (Recorded, error) {
	var res Recorded
	err := r.write(ctx, func(sqlTx *sql.Tx) error {
		tx := prepared(sqlTx)
		defer tx.close()
		res = Recorded{}
		at := stamp(now())
		for _, is := range issues {
			if !exists(ctx, tx, is.Number) {
				return fmt.Errorf("number %s was not given by the register", is.Number)
			}
			var rev int
			var sum sql.NullString
			err := tx.QueryRowContext(ctx, "SELECT revision, sha256 FROM revisions WHERE number = ? ORDER BY revision DESC LIMIT 1",
				is.Number).Scan(&rev, &sum)
			if err != nil && !errors.Is(err, sql.ErrNoRows) {
				return err
			}
			if sum.Valid && sum.String == is.SHA256 {
				res.Unchanged++
				continue
			}
			if rev == 0 {
				res.New++
			} else {
				res.Revised++
			}
			_, err = tx.ExecContext(ctx, `INSERT INTO revisions (number, revision, name_hi, name_en, rank, score, max_score,
				sha256, issue_date, code, file, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
				is.Number, rev+1, is.NameHi, is.NameEn, is.Rank, is.Score, is.MaxScore, is.SHA256, is.IssueDate, is.Code, is.File, at)
			if err != nil {
				return err
			}
		}
		return nil
	})
	return res, err
}

func exists(ctx context.Context, tx querier, number string) bool {
	var n int
	tx.QueryRowContext(ctx, "SELECT COUNT(*) FROM certificates WHERE number = ?", number).Scan(&n)
	return n > 0
}

// Revoke marks a number revoked, with the reason, now. Revoking a revoked
// number or one never issued is an error.
func (r *Register) Revoke(ctx context.Context, number, reason string) error {
	if reason == "" {
		return errors.New("revoking needs a reason (--reason)")
	}
	return r.write(ctx, func(tx *sql.Tx) error {
		var revoked sql.NullString
		var revs int
		err := tx.QueryRowContext(ctx, `SELECT revoked_at, (SELECT COUNT(*) FROM revisions WHERE number = c.number)
			FROM certificates c WHERE number = ?`, number).Scan(&revoked, &revs)
		if errors.Is(err, sql.ErrNoRows) || (err == nil && revs == 0) {
			return fmt.Errorf("%s: %w", number, ErrNotFound)
		}
		if err != nil {
			return err
		}
		if revoked.Valid {
			return fmt.Errorf("%s was revoked already, on %s", number, revoked.String)
		}
		_, err = tx.ExecContext(ctx, "UPDATE certificates SET revoked_at = ?, revoke_reason = ? WHERE number = ?", stamp(now()), reason, number)
		return err
	})
}

// Entry is a certificate as the register knows it: its number and the
// revision asked for (by default the latest).
type Entry struct {
	Number, Scope, Month, Unit, Level string
	Serial                            int
	Revision, Revisions               int // this revision, and how many there are
	NameHi, NameEn                    string
	Rank                              int
	Score, MaxScore                   *float64
	SHA256, IssueDate, Code, File     string
	RecordedAt                        time.Time
	Revoked                           bool
	RevokedAt                         time.Time
	RevokeReason                      string
}

const entryColumns = `c.number, c.scope, c.month, c.unit, c.level, c.serial, r.revision,
	(SELECT MAX(revision) FROM revisions WHERE number = c.number), r.name_hi, r.name_en, r.rank, r.score, r.max_score,
	r.sha256, r.issue_date, r.code, r.file, r.recorded_at, c.revoked_at, c.revoke_reason
	FROM certificates c JOIN revisions r ON r.number = c.number`

func scanEntry(row interface{ Scan(...any) error }) (Entry, error) {
	var e Entry
	var score, max sql.NullFloat64
	var recorded string
	var revokedAt, reason sql.NullString
	err := row.Scan(&e.Number, &e.Scope, &e.Month, &e.Unit, &e.Level, &e.Serial, &e.Revision, &e.Revisions,
		&e.NameHi, &e.NameEn, &e.Rank, &score, &max, &e.SHA256, &e.IssueDate, &e.Code, &e.File, &recorded, &revokedAt, &reason)
	if err != nil {
		return e, err
	}
	if score.Valid {
		e.Score = &score.Float64
	}
	if max.Valid {
		e.MaxScore = &max.Float64
	}
	e.RecordedAt, _ = time.Parse(time.RFC3339, recorded)
	if revokedAt.Valid {
		e.Revoked = true
		e.RevokedAt, _ = time.Parse(time.RFC3339, revokedAt.String)
		e.RevokeReason = reason.String
	}
	return e, nil
}

// Lookup returns the latest revision of number, or ErrNotFound when no
// file was issued under it.
func (r *Register) Lookup(ctx context.Context, number string) (Entry, error) {
	e, err := scanEntry(r.db.QueryRowContext(ctx, "SELECT "+entryColumns+
		" WHERE c.number = ? ORDER BY r.revision DESC LIMIT 1", number))
	if errors.Is(err, sql.ErrNoRows) {
		return e, ErrNotFound
	}
	return e, err
}

// BySHA256 returns the revision whose file has the SHA-256 sum (hex), or
// ErrNotFound.
func (r *Register) BySHA256(ctx context.Context, sum string) (Entry, error) {
	e, err := scanEntry(r.db.QueryRowContext(ctx, "SELECT "+entryColumns+
		" WHERE r.sha256 = ? ORDER BY r.revision DESC LIMIT 1", sum))
	if errors.Is(err, sql.ErrNoRows) {
		return e, ErrNotFound
	}
	return e, err
}

// List returns the latest revision of every certificate issued, of one
// month ("" for all), by month, level and serial.
func (r *Register) List(ctx context.Context, month string) ([]Entry, error) {
	return r.query(ctx, " WHERE r.revision = (SELECT MAX(revision) FROM revisions WHERE number = c.number)"+
		" AND (? = '' OR c.month = ?) ORDER BY c.month, c.level, c.serial", month, month)
}

// History returns every revision of number, oldest first.
func (r *Register) History(ctx context.Context, number string) ([]Entry, error) {
	return r.query(ctx, " WHERE c.number = ? ORDER BY r.revision", number)
}

func (r *Register) query(ctx context.Context, where string, args ...any) ([]Entry, error) {
	rows, err := r.db.QueryContext(ctx, "SELECT "+entryColumns+where, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Entry
	for rows.Next() {
		e, err := scanEntry(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, e)
	}
	return out, rows.Err()
}

// Check runs SQLite's integrity check and the register's own: every
// revision under a given number, revisions numbered 1, 2, ... without gaps.
func (r *Register) Check(ctx context.Context) error {
	var res string
	if err := r.db.QueryRowContext(ctx, "PRAGMA integrity_check").Scan(&res); err != nil {
		return err
	}
	if res != "ok" {
		return fmt.Errorf("register %s: integrity check: %s", r.path, res)
	}
	var bad int
	err := r.db.QueryRowContext(ctx, `SELECT COUNT(*) FROM (SELECT number, COUNT(*) n, MAX(revision) m FROM revisions
		GROUP BY number HAVING n != m)`).Scan(&bad)
	if err == nil && bad > 0 {
		err = fmt.Errorf("register %s: %d numbers have gaps in their revisions", r.path, bad)
	}
	return err
}

// Revisions returns every revision of every certificate, of one month (""
// for all), by month, level, serial and revision: the register's history.
func (r *Register) Revisions(ctx context.Context, month string) ([]Entry, error) {
	return r.query(ctx, " WHERE (? = '' OR c.month = ?) ORDER BY c.month, c.level, c.serial, r.revision", month, month)
}

// querier runs statements in a transaction: a *sql.Tx, or a stmtCache
// over one.
type querier interface {
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
}

// stmtCache prepares each statement once per transaction: Assign and
// Record run the same few statements for each of a state's ~1,850
// certificates, and preparing them was half of the register's time.
type stmtCache struct {
	tx *sql.Tx
	m  map[string]*sql.Stmt
}

func prepared(tx *sql.Tx) *stmtCache { return &stmtCache{tx: tx, m: map[string]*sql.Stmt{}} }

func (c *stmtCache) stmt(ctx context.Context, query string) (*sql.Stmt, error) {
	if st, ok := c.m[query]; ok {
		return st, nil
	}
	st, err := c.tx.PrepareContext(ctx, query)
	if err == nil {
		c.m[query] = st
	}
	return st, err
}

// QueryRowContext runs query prepared; a statement that does not prepare
// runs unprepared, so that its Row carries the error.
func (c *stmtCache) QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row {
	st, err := c.stmt(ctx, query)
	if err != nil {
		return c.tx.QueryRowContext(ctx, query, args...)
	}
	return st.QueryRowContext(ctx, args...)
}

func (c *stmtCache) ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error) {
	st, err := c.stmt(ctx, query)
	if err != nil {
		return nil, err
	}
	return st.ExecContext(ctx, args...)
}

func (c *stmtCache) close() {
	for _, st := range c.m {
		st.Close()
	}
}
