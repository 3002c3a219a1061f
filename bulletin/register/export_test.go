package register

import "fmt"

// LimitPages caps the pages the database may hold (PRAGMA max_page_count),
// on the register's one connection: SQLite then fails a write that would
// grow it with SQLITE_FULL, as on a full disk.
func LimitPages(r *Register, extra int) error {
	r.db.SetMaxOpenConns(1)
	var pages int
	if err := r.db.QueryRow("PRAGMA page_count").Scan(&pages); err != nil {
		return err
	}
	_, err := r.db.Exec(fmt.Sprintf("PRAGMA max_page_count = %d", pages+extra))
	return err
}
