package register

import (
	"context"
	"database/sql"
	"fmt"
)

// migrations bring a register from one schema version (PRAGMA user_version)
// to the next: migrations[i] takes version i to i+1. A released migration
// is never changed; a new schema is a new migration at the end.
var migrations = []func(ctx context.Context, tx *sql.Tx) error{
	migrate1,
}

// migrate applies the migrations a register lacks, each in a transaction
// with its new version number, so an interrupted migration leaves the old
// schema.
func (r *Register) migrate(ctx context.Context) error {
	for {
		var v int
		if err := r.db.QueryRowContext(ctx, "PRAGMA user_version").Scan(&v); err != nil {
			return err
		}
		if v > len(migrations) {
			return fmt.Errorf("schema version %d is newer than this bulletin knows (%d); use the bulletin that wrote it, or a newer one", v, len(migrations))
		}
		if v == len(migrations) {
			return nil
		}
		err := r.write(ctx, func(tx *sql.Tx) error {
			// Another process may have migrated meanwhile: read again
			// inside the transaction.
			var cur int
			if err := tx.QueryRowContext(ctx, "PRAGMA user_version").Scan(&cur); err != nil {
				return err
			}
			if cur != v {
				return nil
			}
			if err := migrations[v](ctx, tx); err != nil {
				return fmt.Errorf("migrating the schema to version %d: %w", v+1, err)
			}
			_, err := tx.ExecContext(ctx, fmt.Sprintf("PRAGMA user_version = %d", v+1))
			return err
		})
		if err != nil {
			return err
		}
	}
}

// migrate1 is the first schema: the numbers given (certificates), the
// files issued under them (revisions) and the secret (meta).
func migrate1(ctx context.Context, tx *sql.Tx) error {
	for _, s := range []string{
		`CREATE TABLE meta (
			key   TEXT PRIMARY KEY,
			value BLOB NOT NULL
		)`,
		// One row per number ever given. serial counts the numbers given
		// per month and level, in issue order.
		`CREATE TABLE certificates (
			number        TEXT PRIMARY KEY,
			scope         TEXT NOT NULL,
			month         TEXT NOT NULL,
			unit          TEXT NOT NULL,
			level         TEXT NOT NULL,
			serial        INTEGER NOT NULL CHECK (serial > 0),
			assigned_at   TEXT NOT NULL,
			revoked_at    TEXT,
			revoke_reason TEXT,
			UNIQUE (scope, month, unit),
			UNIQUE (month, level, serial)
		)`,
		// One row per distinct file issued under a number.
		`CREATE TABLE revisions (
			number      TEXT NOT NULL REFERENCES certificates (number),
			revision    INTEGER NOT NULL CHECK (revision > 0),
			name_hi     TEXT NOT NULL,
			name_en     TEXT NOT NULL,
			rank        INTEGER NOT NULL,
			score       REAL,
			max_score   REAL,
			sha256      TEXT NOT NULL,
			issue_date  TEXT NOT NULL,
			code        TEXT NOT NULL,
			file        TEXT NOT NULL,
			recorded_at TEXT NOT NULL,
			PRIMARY KEY (number, revision)
		)`,
		`CREATE INDEX revisions_sha256 ON revisions (sha256)`,
	} {
		if _, err := tx.ExecContext(ctx, s); err != nil {
			return err
		}
	}
	_, err := tx.ExecContext(ctx, "INSERT INTO meta (key, value) VALUES ('secret', ?)", newSecret())
	return err
}
