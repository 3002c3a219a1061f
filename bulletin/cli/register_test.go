package cli

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// certNumbers reads the month's manifest: unit -> certificate number.
func certNumbers(t *testing.T, month string) map[string]string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(month, "manifest.csv"))
	if err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(bytes.NewReader(b)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for _, r := range rows[1:] {
		out[r[1]] = r[0]
	}
	return out
}

// A build records every certificate in the register; verify tells a
// genuine file from a modified, an unknown and a revoked one; a rerun with
// other bytes is a new revision under the same number; the register lists
// and exports them.
func TestRegisterAndVerify(t *testing.T) {
	out := t.TempDir()
	buildMonth(t, out, "--set", "register=") // the register in the output folder
	reg := filepath.Join(out, "register.db")
	if _, err := os.Stat(reg); err != nil {
		t.Fatal(err)
	}
	month := filepath.Join(out, "2024-11")
	file := filepath.Join(month, "certificates", "thana", "t-auraiya-bidhuna.pdf")
	number := certNumbers(t, month)["t-auraiya-bidhuna"]
	verifyCmd := func(arg ...string) (int, string, string) {
		return run(t, append([]string{"--config", repoConfig, "--out", out, "verify"}, arg...)...)
	}
	if code, stdout, stderr := verifyCmd(file); code != 0 || !strings.HasPrefix(stdout, "genuine: "+number) {
		t.Errorf("genuine file: exit %d, %q %q", code, stdout, stderr)
	}
	if code, stdout, _ := verifyCmd(number); code != 0 || !strings.Contains(stdout, "बिधूना / Bidhuna") {
		t.Errorf("number: exit %d, %q", code, stdout)
	}
	b, _ := os.ReadFile(file)
	modified := filepath.Join(t.TempDir(), "modified.pdf")
	// An edit as PDF editors save one: an incremental update appended.
	os.WriteFile(modified, append(bytes.Clone(b), "\n1 0 obj\n<< /Title (edited) >>\nendobj\n%%EOF\n"...), 0o644)
	if code, _, stderr := verifyCmd(modified); code != 1 || !strings.Contains(stderr, "modified: ") || !strings.Contains(stderr, number) {
		t.Errorf("modified file: exit %d, %q", code, stderr)
	}
	other := filepath.Join(t.TempDir(), "other.pdf")
	os.WriteFile(other, []byte("%PDF-1.4\n%%EOF\n"), 0o644)
	if code, _, stderr := verifyCmd(other); code != 1 || !strings.Contains(stderr, "unknown: ") {
		t.Errorf("unknown file: exit %d, %q", code, stderr)
	}
	if code, _, stderr := verifyCmd("KZ/NOPE/1"); code != 1 || !strings.Contains(stderr, "unknown: ") {
		t.Errorf("unknown number: exit %d, %q", code, stderr)
	}
	code, stdout, stderr := run(t, "--config", repoConfig, "--out", out, "register", "revoke", number, "--reason", "ranking corrected")
	if code != 0 || !strings.Contains(stdout, "revoked "+number) {
		t.Fatalf("revoke: exit %d %q %q", code, stdout, stderr)
	}
	if code, _, stderr := verifyCmd(file); code != 1 || !strings.Contains(stderr, "revoked on ") || !strings.Contains(stderr, "ranking corrected") {
		t.Errorf("revoked file: exit %d, %q", code, stderr)
	}
	if code, _, _ := run(t, "--config", repoConfig, "--out", out, "register", "revoke", number); code != 1 {
		t.Errorf("revoke without a reason: exit %d", code)
	}

	// A rerun with another date: every file changes, every number stays,
	// each gets revision 2; the first file is superseded.
	before := certNumbers(t, month)
	buildMonth(t, out, "--set", "register=", "--date", "2024-12-05")
	after := certNumbers(t, month)
	for u, n := range before {
		if after[u] != n {
			t.Errorf("%s: number %s became %s", u, n, after[u])
		}
	}
	other2 := filepath.Join(month, "certificates", "thana", "t-auraiya-sahar.pdf")
	if code, stdout, _ := verifyCmd(other2); code != 0 || !strings.Contains(stdout, "revision 2 of 2") {
		t.Errorf("rerun: exit %d %q", code, stdout)
	}
	code, stdout, _ = run(t, "--config", repoConfig, "--out", out, "register", "list", "--month", "2024-11")
	if code != 0 || strings.Count(stdout, "\n") != len(before)+1 || !strings.Contains(stdout, "revoked ") {
		t.Errorf("list: exit %d, %d lines", code, strings.Count(stdout, "\n"))
	}
	code, stdout, _ = run(t, "--config", repoConfig, "--out", out, "register", "export")
	rows, err := csv.NewReader(strings.NewReader(stdout)).ReadAll()
	if code != 0 || err != nil || len(rows) != 2*len(before)+1 {
		t.Errorf("export: exit %d, %d rows, %v", code, len(rows), err)
	}
	xlsx := filepath.Join(t.TempDir(), "register.xlsx")
	if code, _, stderr := run(t, "--config", repoConfig, "--out", out, "register", "export", xlsx); code != 0 {
		t.Fatalf("export xlsx: %s", stderr)
	}
	f, err := excelize.OpenFile(xlsx)
	if err != nil {
		t.Fatal(err)
	}
	if xr, _ := f.GetRows("register"); len(xr) != len(rows) {
		t.Errorf("workbook: %d rows, CSV %d", len(xr), len(rows))
	}
}

// A unit added above the others in units.csv, earning a certificate too,
// gets the next serial; every other certificate keeps its number.
func TestNumbersStableWhenAUnitIsAdded(t *testing.T) {
	dir := t.TempDir()
	units, err := os.ReadFile("../../examples/units.csv")
	if err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "out")
	buildMonth(t, out, "--set", "register=")
	before := certNumbers(t, filepath.Join(out, "2024-11"))
	// A new thana as the first row after the header, ranked first.
	lines := strings.SplitN(string(units), "\n", 2)
	added := lines[0] + "\nt-aaa-new,thana,d-auraiya,नया थाना,New Thana\n" + lines[1]
	os.WriteFile(filepath.Join(dir, "units.csv"), []byte(added), 0o644)
	rdir := filepath.Join(dir, "rankings")
	os.MkdirAll(rdir, 0o755)
	entries, _ := os.ReadDir("../../examples/rankings")
	for _, e := range entries {
		b, _ := os.ReadFile(filepath.Join("../../examples/rankings", e.Name()))
		if strings.Contains(e.Name(), "2024-11") {
			b = append(b, []byte("2024-11,t-aaa-new,1,125,125\n")...)
		}
		os.WriteFile(filepath.Join(rdir, e.Name()), b, 0o644)
	}
	buildMonth(t, out, "--set", "register=", "--units", filepath.Join(dir, "units.csv"), "--rankings", rdir)
	after := certNumbers(t, filepath.Join(out, "2024-11"))
	for u, n := range before {
		if after[u] != n {
			t.Errorf("%s: number %s became %s", u, n, after[u])
		}
	}
	thanas := 0
	for _, n := range before {
		if strings.Contains(n, "/THANA/") {
			thanas++
		}
	}
	if want := fmt.Sprintf("KZ/IGRS/2024-11/THANA/%04d", thanas+1); after["t-aaa-new"] != want {
		t.Errorf("the new unit's number is %q, want %q", after["t-aaa-new"], want)
	}
}
