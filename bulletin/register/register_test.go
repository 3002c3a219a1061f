package register_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/igrs-pro/bulletin/bulletin/register"
)

var ctx = context.Background()

func open(t testing.TB, path string) *register.Register {
	t.Helper()
	r, err := register.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { r.Close() })
	return r
}

// format is a number template as the office writes it: month, level, serial.
func format(month string) register.NumberFunc {
	return func(c register.Claim, serial int) (string, error) {
		return fmt.Sprintf("KZ/%s/%s/%04d", month, strings.ToUpper(c.Level), serial), nil
	}
}

func claims(units ...string) []register.Claim {
	var out []register.Claim
	for _, u := range units {
		level := "thana"
		if strings.HasPrefix(u, "d-") {
			level = "district"
		}
		out = append(out, register.Claim{Unit: u, Level: level})
	}
	return out
}

func numbers(as []register.Assigned) []string {
	var out []string
	for _, a := range as {
		out = append(out, a.Number)
	}
	return out
}

// A number is given once per (scope, month, unit): a rerun keeps it, and
// so does a unit added above the others; serials count per month and
// level in issue order.
func TestAssignKeepsNumbers(t *testing.T) {
	r := open(t, filepath.Join(t.TempDir(), "register.db"))
	first, err := r.Assign(ctx, "z", "2024-11", claims("t-a", "t-b", "d-x", "t-c"), format("2024-11"))
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"KZ/2024-11/THANA/0001", "KZ/2024-11/THANA/0002", "KZ/2024-11/DISTRICT/0001", "KZ/2024-11/THANA/0003"}
	if got := numbers(first); !slices.Equal(got, want) {
		t.Errorf("numbers %v, want %v", got, want)
	}
	// t-new comes first in units.csv now: it gets the next serial, the
	// others keep theirs.
	again, err := r.Assign(ctx, "z", "2024-11", claims("t-new", "t-a", "t-b", "d-x", "t-c"), format("2024-11"))
	if err != nil {
		t.Fatal(err)
	}
	want = append([]string{"KZ/2024-11/THANA/0004"}, want...)
	if got := numbers(again); !slices.Equal(got, want) {
		t.Errorf("after a unit was added: %v, want %v", got, want)
	}
	if !again[0].New || again[1].New {
		t.Errorf("New flags %v %v", again[0].New, again[1].New)
	}
	// Another month counts from 1.
	dec, err := r.Assign(ctx, "z", "2024-12", claims("t-c"), format("2024-12"))
	if err != nil || dec[0].Number != "KZ/2024-12/THANA/0001" {
		t.Errorf("next month: %v %v", dec, err)
	}
}

// A template that would give one number to two units is refused and gives
// nothing.
func TestAssignRefusesASharedNumber(t *testing.T) {
	r := open(t, filepath.Join(t.TempDir(), "register.db"))
	same := func(c register.Claim, serial int) (string, error) { return "KZ/" + c.Level, nil }
	_, err := r.Assign(ctx, "z", "2024-11", claims("t-a", "t-b"), same)
	if err == nil || !strings.Contains(err.Error(), "certificates.number gives KZ/thana to t-b of 2024-11, but the register gave it to t-a of 2024-11 already") {
		t.Fatalf("err = %v", err)
	}
	var n int
	r.DB().QueryRow("SELECT COUNT(*) FROM certificates").Scan(&n)
	if n != 0 {
		t.Errorf("%d numbers given by a failed Assign", n)
	}
}

func issue(a register.Assigned, unit, sum string) register.Issue {
	return register.Issue{Number: a.Number, NameHi: "थाना " + unit, NameEn: "Thana " + unit, Rank: 1, SHA256: sum,
		IssueDate: "2024-12-01", Code: "CODE", File: "certificates/thana/" + unit + ".pdf"}
}

// A rerun with the same bytes records nothing; other bytes are a new
// revision, and the history stays.
func TestRecordRevisions(t *testing.T) {
	r := open(t, filepath.Join(t.TempDir(), "register.db"))
	as, _ := r.Assign(ctx, "z", "2024-11", claims("t-a", "t-b"), format("2024-11"))
	res, err := r.Record(ctx, []register.Issue{issue(as[0], "t-a", "aa"), issue(as[1], "t-b", "bb")})
	if err != nil || res != (register.Recorded{New: 2}) {
		t.Fatalf("first run: %+v %v", res, err)
	}
	res, err = r.Record(ctx, []register.Issue{issue(as[0], "t-a", "aa"), issue(as[1], "t-b", "b2")})
	if err != nil || res != (register.Recorded{Revised: 1, Unchanged: 1}) {
		t.Fatalf("rerun: %+v %v", res, err)
	}
	h, err := r.History(ctx, as[1].Number)
	if err != nil || len(h) != 2 || h[0].SHA256 != "bb" || h[1].SHA256 != "b2" || h[1].Revision != 2 || h[1].Revisions != 2 {
		t.Errorf("history %+v %v", h, err)
	}
	e, err := r.BySHA256(ctx, "bb")
	if err != nil || e.Revision != 1 || e.Revisions != 2 {
		t.Errorf("old revision by SHA-256: %+v %v", e, err)
	}
	if _, err := r.Record(ctx, []register.Issue{{Number: "never/given", SHA256: "x"}}); err == nil {
		t.Error("a number the register did not give was recorded")
	}
	if err := r.Check(ctx); err != nil {
		t.Error(err)
	}
}

func TestRevoke(t *testing.T) {
	r := open(t, filepath.Join(t.TempDir(), "register.db"))
	as, _ := r.Assign(ctx, "z", "2024-11", claims("t-a", "t-b"), format("2024-11"))
	if err := r.Revoke(ctx, as[0].Number, "issued in error"); !errors.Is(err, register.ErrNotFound) {
		t.Errorf("revoking a number with no file: %v", err)
	}
	r.Record(ctx, []register.Issue{issue(as[0], "t-a", "aa")})
	if err := r.Revoke(ctx, as[0].Number, ""); err == nil {
		t.Error("revoked without a reason")
	}
	if err := r.Revoke(ctx, as[0].Number, "ranking corrected"); err != nil {
		t.Fatal(err)
	}
	if err := r.Revoke(ctx, as[0].Number, "again"); err == nil || !strings.Contains(err.Error(), "revoked already") {
		t.Errorf("second revoke: %v", err)
	}
	e, err := r.Lookup(ctx, as[0].Number)
	if err != nil || !e.Revoked || e.RevokeReason != "ranking corrected" || e.RevokedAt.IsZero() {
		t.Errorf("lookup: %+v %v", e, err)
	}
	if _, err := r.Lookup(ctx, "nope"); !errors.Is(err, register.ErrNotFound) {
		t.Errorf("unknown number: %v", err)
	}
}

// The verification code depends on the secret and on every field it
// covers; it is CodeLen base32 characters, checked in any case.
func TestCode(t *testing.T) {
	dir := t.TempDir()
	a, b := open(t, filepath.Join(dir, "a.db")), open(t, filepath.Join(dir, "b.db"))
	c := a.Code("N/1", "t-a", "2024-11", 1)
	if len(c) != register.CodeLen || strings.Trim(c, "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567") != "" {
		t.Errorf("code %q", c)
	}
	if c != a.Code("N/1", "t-a", "2024-11", 1) {
		t.Error("the code changes")
	}
	for _, other := range []string{b.Code("N/1", "t-a", "2024-11", 1), a.Code("N/2", "t-a", "2024-11", 1),
		a.Code("N/1", "t-b", "2024-11", 1), a.Code("N/1", "t-a", "2024-10", 1), a.Code("N/1", "t-a", "2024-11", 2)} {
		if other == c {
			t.Errorf("two certificates share the code %s", c)
		}
	}
	e := register.Entry{Number: "N/1", Unit: "t-a", Month: "2024-11", Rank: 1}
	if !a.CodeMatches(e, strings.ToLower(c[:5])+"-"+c[5:]) || a.CodeMatches(e, c[:9]) || b.CodeMatches(e, c) {
		t.Error("CodeMatches")
	}
}

// The schema is versioned: a new register is at the latest version, a
// register from a newer bulletin is refused, and a read-only open never
// creates a register.
func TestSchemaVersion(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "register.db")
	if _, err := register.OpenReadOnly(path); err == nil {
		t.Error("OpenReadOnly of a missing register: no error")
	}
	if _, err := os.Stat(path); !os.IsNotExist(err) {
		t.Error("OpenReadOnly created the register")
	}
	r, err := register.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	var v int
	r.DB().QueryRow("PRAGMA user_version").Scan(&v)
	var mode string
	r.DB().QueryRow("PRAGMA journal_mode").Scan(&mode)
	if v < 1 || mode != "wal" {
		t.Errorf("user_version %d, journal_mode %s", v, mode)
	}
	r.DB().Exec(fmt.Sprintf("PRAGMA user_version = %d", v+1))
	r.Close()
	if _, err := register.Open(path); err == nil || !strings.Contains(err.Error(), "newer than this bulletin knows") {
		t.Errorf("newer schema: %v", err)
	}
	if _, err := register.OpenReadOnly(path); err == nil {
		t.Error("OpenReadOnly of a newer schema: no error")
	}
	link := filepath.Join(dir, "link.db")
	os.Symlink(path, link)
	if _, err := register.Open(link); err == nil || !strings.Contains(err.Error(), "symbolic link") {
		t.Errorf("symlink: %v", err)
	}
}

// A read-only register reads but does not write.
func TestReadOnly(t *testing.T) {
	path := filepath.Join(t.TempDir(), "register.db")
	w := open(t, path)
	as, _ := w.Assign(ctx, "z", "2024-11", claims("t-a"), format("2024-11"))
	w.Record(ctx, []register.Issue{issue(as[0], "t-a", "aa")})
	r, err := register.OpenReadOnly(path)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	if e, err := r.Lookup(ctx, as[0].Number); err != nil || e.Code != "CODE" {
		t.Errorf("lookup %+v %v", e, err)
	}
	if r.Code("a", "b", "c", 1) != w.Code("a", "b", "c", 1) {
		t.Error("the read-only register has another secret")
	}
	if err := r.Revoke(ctx, as[0].Number, "x"); err == nil {
		t.Error("a read-only register was written")
	}
}

func TestExport(t *testing.T) {
	r := open(t, filepath.Join(t.TempDir(), "register.db"))
	as, _ := r.Assign(ctx, "z", "2024-11", claims("t-a", "t-b"), format("2024-11"))
	is := issue(as[1], "t-b", "bb")
	is.NameEn = "=HYPERLINK(\"x\")"
	r.Record(ctx, []register.Issue{issue(as[0], "t-a", "aa"), is})
	r.Record(ctx, []register.Issue{issue(as[0], "t-a", "a2")})
	r.Revoke(ctx, as[0].Number, "wrong rank")
	all, err := r.Revisions(ctx, "")
	if err != nil || len(all) != 3 {
		t.Fatalf("%d revisions, %v", len(all), err)
	}
	var b bytes.Buffer
	if err := register.WriteCSV(&b, all); err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(&b).ReadAll()
	if err != nil || len(rows) != 4 {
		t.Fatalf("%d rows, %v", len(rows), err)
	}
	if rows[0][0] != "number" || rows[1][0] != "KZ/2024-11/THANA/0001" || rows[2][6] != "2" || rows[2][18] != "wrong rank" || rows[3][8] != `'=HYPERLINK("x")` {
		t.Errorf("rows %q", rows)
	}
	b.Reset()
	if err := register.WriteXLSX(&b, all); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&b)
	if err != nil {
		t.Fatal(err)
	}
	xrows, _ := f.GetRows("register")
	if len(xrows) != 4 || xrows[1][0] != "KZ/2024-11/THANA/0001" || xrows[1][7] != "थाना t-a" {
		t.Errorf("workbook rows %q", xrows)
	}
	list, _ := r.List(ctx, "2024-11")
	if len(list) != 2 || list[0].Revision != 2 {
		t.Errorf("list %+v", list)
	}
	if list, _ := r.List(ctx, "2024-10"); len(list) != 0 {
		t.Errorf("list of another month: %d", len(list))
	}
}

// Concurrent runs (each with its own connection, as two bulletin
// processes) give each unit one number, serials without gaps or repeats,
// and record every file.
func TestConcurrentRuns(t *testing.T) {
	path := filepath.Join(t.TempDir(), "register.db")
	open(t, path) // created once; the runs open it themselves
	var units []string
	for i := range 60 {
		units = append(units, fmt.Sprintf("t-%02d", i))
	}
	const runs = 6
	got := make([][]string, runs)
	var wg sync.WaitGroup
	for i := range runs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			r, err := register.Open(path)
			if err != nil {
				t.Error(err)
				return
			}
			defer r.Close()
			// Each run sees the units in another order.
			us := slices.Clone(units)
			if i%2 == 1 {
				slices.Reverse(us)
			}
			as, err := r.Assign(ctx, "z", "2024-11", claims(us...), format("2024-11"))
			if err != nil {
				t.Error(err)
				return
			}
			var is []register.Issue
			for j, a := range as {
				is = append(is, issue(a, us[j], fmt.Sprintf("run%d-%s", i, us[j])))
			}
			if _, err := r.Record(ctx, is); err != nil {
				t.Error(err)
			}
			m := map[string]string{}
			for j, a := range as {
				m[us[j]] = a.Number
			}
			for _, u := range units {
				got[i] = append(got[i], m[u])
			}
		}()
	}
	wg.Wait()
	for i := 1; i < runs; i++ {
		if !slices.Equal(got[i], got[0]) {
			t.Errorf("run %d gave other numbers than run 0", i)
		}
	}
	r := open(t, path)
	var n, maxSerial, revs int
	r.DB().QueryRow("SELECT COUNT(*), MAX(serial) FROM certificates").Scan(&n, &maxSerial)
	r.DB().QueryRow("SELECT COUNT(*) FROM revisions").Scan(&revs)
	if n != len(units) || maxSerial != len(units) || revs != runs*len(units) {
		t.Errorf("%d numbers (max serial %d), %d revisions; want %d, %d, %d", n, maxSerial, revs, len(units), len(units), runs*len(units))
	}
	if err := r.Check(ctx); err != nil {
		t.Error(err)
	}
}

// Assign reads and writes many claims at once (issue 14): a month's
// claims beyond its chunks keep the numbers they had, the new ones count
// on from the month's last serial of their level (whatever the scope),
// and a unit claimed twice gets one number.
func TestAssignMany(t *testing.T) {
	r := open(t, filepath.Join(t.TempDir(), "register.db"))
	var units []string
	for i := range 1234 {
		u := fmt.Sprintf("t-%04d", i)
		if i%3 == 0 {
			u = fmt.Sprintf("d-%04d", i)
		}
		units = append(units, u)
	}
	// Another scope's district took serial 1 of the month; some units
	// have numbers already.
	if _, err := r.Assign(ctx, "other", "2024-11", claims("d-other"), format("2024-11")); err != nil {
		t.Fatal(err)
	}
	before, err := r.Assign(ctx, "z", "2024-11", claims(units[600:700]...), format("2024-11"))
	if err != nil {
		t.Fatal(err)
	}
	kept := map[string]string{}
	serial := map[string]int{}
	for j, a := range before {
		kept[units[600+j]] = a.Number
		serial[claims(units[600+j])[0].Level]++
	}
	serial["district"]++ // d-other
	cs := claims(append(slices.Clone(units), units[5])...)
	as, err := r.Assign(ctx, "z", "2024-11", cs, format("2024-11"))
	if err != nil {
		t.Fatal(err)
	}
	given := map[string]string{}
	for i, c := range cs {
		want, old := kept[c.Unit]
		if n, ok := given[c.Unit]; ok {
			want, old = n, true
		} else if !old {
			serial[c.Level]++
			want = fmt.Sprintf("KZ/2024-11/%s/%04d", strings.ToUpper(c.Level), serial[c.Level])
		}
		given[c.Unit] = want
		if as[i].Number != want || as[i].New == old {
			t.Fatalf("claim %d (%s): %+v, want %s (new: %v)", i, c.Unit, as[i], want, !old)
		}
	}
	var n int
	r.DB().QueryRow("SELECT COUNT(*) FROM certificates").Scan(&n)
	if n != len(units)+1 {
		t.Errorf("%d numbers in the register, want %d", n, len(units)+1)
	}
}

// A new number that another month's certificate holds is refused naming
// it, and so is a template that fails; the first of them in the claims'
// order is the error, and nothing is given.
func TestAssignRefusesInOrder(t *testing.T) {
	r := open(t, filepath.Join(t.TempDir(), "register.db"))
	noMonth := func(c register.Claim, serial int) (string, error) {
		if c.Unit == "t-bad" {
			return "", errors.New("template failed")
		}
		return fmt.Sprintf("KZ/%s/%d", c.Level, serial), nil
	}
	if _, err := r.Assign(ctx, "z", "2024-10", claims("t-a", "t-b"), noMonth); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		units []string
		want  string
	}{
		{[]string{"t-x", "t-y", "t-bad"}, "certificates.number gives KZ/thana/1 to t-x of 2024-11, but the register gave it to t-a of 2024-10 already"},
		{[]string{"t-bad", "t-x"}, "template failed"},
	} {
		_, err := r.Assign(ctx, "z", "2024-11", claims(tt.units...), noMonth)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%v: err = %v, want %q", tt.units, err, tt.want)
		}
	}
	var n int
	r.DB().QueryRow("SELECT COUNT(*) FROM certificates WHERE month = '2024-11'").Scan(&n)
	if n != 0 {
		t.Errorf("%d numbers given by failed Assigns", n)
	}
}

// Record reads and writes many files at once: beyond its chunks, each
// file is new, unchanged or a revision as its number's latest revision
// says, a number recorded twice in a run gets two revisions, and a number
// the register never gave fails the whole run.
func TestRecordMany(t *testing.T) {
	r := open(t, filepath.Join(t.TempDir(), "register.db"))
	var units []string
	for i := range 1234 {
		units = append(units, fmt.Sprintf("t-%04d", i))
	}
	as, err := r.Assign(ctx, "z", "2024-11", claims(units...), format("2024-11"))
	if err != nil {
		t.Fatal(err)
	}
	run := func(sum func(j int) string) []register.Issue {
		var is []register.Issue
		for j, a := range as {
			is = append(is, issue(a, units[j], sum(j)))
		}
		return is
	}
	if res, err := r.Record(ctx, run(func(j int) string { return fmt.Sprint("a", j) })); err != nil || res != (register.Recorded{New: 1234}) {
		t.Fatalf("first run: %+v %v", res, err)
	}
	second := run(func(j int) string { return fmt.Sprint("ab"[j%2:j%2+1], j) })
	second = append(second, issue(as[7], units[7], "again"))
	if res, err := r.Record(ctx, second); err != nil || res != (register.Recorded{Revised: 618, Unchanged: 617}) {
		t.Fatalf("second run: %+v %v", res, err)
	}
	h, err := r.History(ctx, as[7].Number)
	if err != nil || len(h) != 3 || h[1].SHA256 != "b7" || h[2].SHA256 != "again" {
		t.Errorf("history of a number recorded twice in a run: %+v %v", h, err)
	}
	bad := append(run(func(j int) string { return "c" }), register.Issue{Number: "never/given", SHA256: "x"})
	if _, err := r.Record(ctx, bad); err == nil || !strings.Contains(err.Error(), "never/given was not given") {
		t.Errorf("a run with a number never given: %v", err)
	}
	var revs int
	r.DB().QueryRow("SELECT COUNT(*) FROM revisions").Scan(&revs)
	if revs != 1234+618 {
		t.Errorf("%d revisions, want %d", revs, 1234+618)
	}
	if err := r.Check(ctx); err != nil {
		t.Error(err)
	}
}
