package register

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
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
//
// It reads what it needs in a few queries and writes the new numbers
// many rows a statement (the state's ~1,850 claims took ~7,400 statements).
func (r *Register) Assign(ctx context.Context, scope, month string, claims []Claim, format NumberFunc) ([]Assigned, error) {
	var out []Assigned
	err := r.write(ctx, func(tx *sql.Tx) error {
		var err error
		out, err = assign(ctx, tx, scope, month, claims, format)
		return err
	})
	return out, err
}

func assign(ctx context.Context, tx *sql.Tx, scope, month string, claims []Claim, format NumberFunc) ([]Assigned, error) {
	given, serials, err := monthNumbers(ctx, tx, scope, month)
	if err != nil {
		return nil, err
	}
	out := make([]Assigned, len(claims))
	var fresh []int // the claims given a number here
	var formatErr error
	for i, c := range claims {
		if a, ok := given[c.Unit]; ok {
			out[i] = a
			continue
		}
		serials[c.Level]++
		a := Assigned{Serial: serials[c.Level], New: true}
		if a.Number, formatErr = format(c, a.Serial); formatErr != nil {
			claims = claims[:i] // the claims before it are checked first
			break
		}
		out[i] = a
		given[c.Unit] = Assigned{Number: a.Number, Serial: a.Serial}
		fresh = append(fresh, i)
	}
	if err := checkFresh(ctx, tx, month, claims, out, fresh); err != nil {
		return nil, err
	}
	if formatErr != nil {
		return nil, formatErr
	}
	return out, insertNumbers(ctx, tx, scope, month, claims, out, fresh)
}

// monthNumbers reads the numbers given in scope's month, by unit, and the
// last serial of each level in the month (of any scope).
func monthNumbers(ctx context.Context, tx *sql.Tx, scope, month string) (map[string]Assigned, map[string]int, error) {
	given := map[string]Assigned{}
	err := eachRow(ctx, tx, "SELECT unit, number, serial FROM certificates WHERE scope = ? AND month = ?", []any{scope, month}, func(rows *sql.Rows) error {
		var unit string
		var a Assigned
		err := rows.Scan(&unit, &a.Number, &a.Serial)
		given[unit] = a
		return err
	})
	if err != nil {
		return nil, nil, err
	}
	serials := map[string]int{}
	err = eachRow(ctx, tx, "SELECT level, MAX(serial) FROM certificates WHERE month = ? GROUP BY level", []any{month}, func(rows *sql.Rows) error {
		var level string
		var n int
		err := rows.Scan(&level, &n)
		serials[level] = n
		return err
	})
	return given, serials, err
}

// checkFresh refuses a new number (claims[i] for i in fresh, numbered in
// out) that the register gave already or that an earlier claim was given
// here, naming the first in the claims' order.
func checkFresh(ctx context.Context, tx *sql.Tx, month string, claims []Claim, out []Assigned, fresh []int) error {
	type holder struct{ unit, month string }
	taken := map[string]holder{}
	nums := make([]any, len(fresh))
	for k, i := range fresh {
		nums[k] = out[i].Number
	}
	err := inChunks(len(nums), 500, func(lo, hi int) error {
		return eachRow(ctx, tx, "SELECT number, unit, month FROM certificates WHERE number IN ("+marks(hi-lo, 1)+")", nums[lo:hi], func(rows *sql.Rows) error {
			var n string
			var h holder
			err := rows.Scan(&n, &h.unit, &h.month)
			taken[n] = h
			return err
		})
	})
	if err != nil {
		return err
	}
	for _, i := range fresh {
		n, c := out[i].Number, claims[i]
		if h, ok := taken[n]; ok {
			return fmt.Errorf("certificates.number gives %s to %s of %s, but the register gave it to %s of %s already; include .Month and .Serial (or .Unit) in it", n, c.Unit, month, h.unit, h.month)
		}
		taken[n] = holder{c.Unit, month}
	}
	return nil
}

// insertNumbers writes the new numbers, 100 a statement.
func insertNumbers(ctx context.Context, tx *sql.Tx, scope, month string, claims []Claim, out []Assigned, fresh []int) error {
	at := stamp(now())
	return inChunks(len(fresh), 100, func(lo, hi int) error {
		args := make([]any, 0, 7*(hi-lo))
		for _, i := range fresh[lo:hi] {
			args = append(args, out[i].Number, scope, month, claims[i].Unit, claims[i].Level, out[i].Serial, at)
		}
		_, err := tx.ExecContext(ctx, "INSERT INTO certificates (number, scope, month, unit, level, serial, assigned_at) VALUES "+marks(hi-lo, 7), args...)
		return err
	})
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
// been given by Assign. Like Assign, it reads in a few queries and writes
// many rows a statement.
func (r *Register) Record(ctx context.Context, issues []Issue) (Recorded, error) {
	var res Recorded
	err := r.write(ctx, func(tx *sql.Tx) error {
		latest, err := latestRevisions(ctx, tx, issues)
		if err != nil {
			return err
		}
		res = Recorded{}
		var rows []any
		for _, is := range issues {
			l, ok := latest[is.Number]
			if !ok {
				return fmt.Errorf("number %s was not given by the register", is.Number)
			}
			if l.sum.Valid && l.sum.String == is.SHA256 {
				res.Unchanged++
				continue
			}
			if l.rev == 0 {
				res.New++
			} else {
				res.Revised++
			}
			latest[is.Number] = revision{l.rev + 1, sql.NullString{String: is.SHA256, Valid: true}}
			rows = append(rows, is.Number, l.rev+1, is.NameHi, is.NameEn, is.Rank, is.Score, is.MaxScore, is.SHA256, is.IssueDate, is.Code, is.File)
		}
		return insertRevisions(ctx, tx, rows, stamp(now()))
	})
	return res, err
}

// revision is a number's latest revision and its SHA-256 (0 and none
// before its first).
type revision struct {
	rev int
	sum sql.NullString
}

// latestRevisions reads the latest revision of the number of each of
// issues; a number the register did not give has none in the map.
func latestRevisions(ctx context.Context, tx *sql.Tx, issues []Issue) (map[string]revision, error) {
	nums := make([]any, len(issues))
	for i, is := range issues {
		nums[i] = is.Number
	}
	out := map[string]revision{}
	// The sha256 of a MAX() query is that of the row with the maximum
	// (SQLite's rule for a bare column beside one max()).
	err := inChunks(len(nums), 500, func(lo, hi int) error {
		return eachRow(ctx, tx, `SELECT c.number, COALESCE(MAX(r.revision), 0), r.sha256 FROM certificates c
			LEFT JOIN revisions r ON r.number = c.number WHERE c.number IN (`+marks(hi-lo, 1)+`) GROUP BY c.number`,
			nums[lo:hi], func(rows *sql.Rows) error {
				var n string
				var l revision
				err := rows.Scan(&n, &l.rev, &l.sum)
				out[n] = l
				return err
			})
	})
	return out, err
}

// insertRevisions writes rows (11 values each: a revision without its
// time), 100 a statement, recorded at at.
func insertRevisions(ctx context.Context, tx *sql.Tx, rows []any, at string) error {
	const cols = 11
	return inChunks(len(rows)/cols, 100, func(lo, hi int) error {
		args := make([]any, 0, (cols+1)*(hi-lo))
		for i := lo; i < hi; i++ {
			args = append(append(args, rows[i*cols:(i+1)*cols]...), at)
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO revisions (number, revision, name_hi, name_en, rank, score, max_score,
			sha256, issue_date, code, file, recorded_at) VALUES `+marks(hi-lo, cols+1), args...)
		return err
	})
}

// inChunks calls fn for [lo, hi) chunks of at most size of [0, n).
func inChunks(n, size int, fn func(lo, hi int) error) error {
	for lo := 0; lo < n; lo += size {
		if err := fn(lo, min(lo+size, n)); err != nil {
			return err
		}
	}
	return nil
}

// marks is the placeholders of rows rows of cols values: "(?, ?), (?, ?)";
// for one column, "?, ?" (a list for IN).
func marks(rows, cols int) string {
	row := "(" + strings.Repeat("?, ", cols-1) + "?)"
	if cols == 1 {
		row = "?"
	}
	return strings.Repeat(row+", ", rows-1) + row
}

// eachRow runs query and calls fn for each row.
func eachRow(ctx context.Context, tx *sql.Tx, query string, args []any, fn func(rows *sql.Rows) error) error {
	rows, err := tx.QueryContext(ctx, query, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		if err := fn(rows); err != nil {
			return err
		}
	}
	return rows.Err()
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
