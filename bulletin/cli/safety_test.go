package cli

import (
	"bytes"
	"context"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/igrs-pro/bulletin/bulletin/output"
)

// A safety case runs bulletin as a process (the test binary standing in for
// it, see TestMain) in a folder of its own, base, that setup fills: the
// output folder and files outside it. The run must end with code and a
// message holding msg, and leave every file and link under base as it was
// (the content of the lock file, which a run writes and empties, aside).
type safetyCase struct {
	name  string
	setup func(t *testing.T, base string) []string // returns the arguments
	code  int
	msg   string
}

// entry is what a snapshot records of one path: its type, and its content
// (regular file) or target (link).
type entry struct {
	mode fs.FileMode
	data string
}

// tree records every path under base without following links or
// reading anything but regular files.
func tree(t *testing.T, base string) map[string]entry {
	t.Helper()
	out := map[string]entry{}
	err := filepath.WalkDir(base, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(base, path)
		e := entry{mode: d.Type()}
		switch {
		case d.Type()&fs.ModeSymlink != 0:
			e.data, _ = os.Readlink(path)
		case d.Type().IsRegular() && d.Name() != output.LockName:
			b, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			e.data = string(b)
		}
		out[rel] = e
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func diffSnapshots(before, after map[string]entry) []string {
	var d []string
	for p, e := range before {
		a, ok := after[p]
		switch {
		case !ok:
			d = append(d, p+" was removed")
		case a.mode != e.mode:
			d = append(d, fmt.Sprintf("%s changed from %v to %v", p, e.mode, a.mode))
		case a.data != e.data:
			d = append(d, p+" changed")
		}
	}
	for p := range after {
		if _, ok := before[p]; !ok {
			d = append(d, p+" was made")
		}
	}
	return d
}

// bulletinProcess runs the bulletin command as a process in dir.
func bulletinProcess(t *testing.T, dir string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, exe, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "BULLETIN_TEST_MAIN=1")
	var o, e bytes.Buffer
	cmd.Stdout, cmd.Stderr = &o, &e
	err = cmd.Run()
	if ee, ok := err.(*exec.ExitError); ok {
		return ee.ExitCode(), o.String(), e.String()
	} else if err != nil {
		t.Fatal(err)
	}
	return 0, o.String(), e.String()
}

func runSafetyCases(t *testing.T, cases []safetyCase) {
	t.Helper()
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			base := t.TempDir()
			args := c.setup(t, base)
			before := tree(t, base)
			code, stdout, stderr := bulletinProcess(t, base, args...)
			if code != c.code || !strings.Contains(stderr+stdout, c.msg) {
				t.Errorf("exit %d, stderr %q; want exit %d and %q", code, stderr, c.code, c.msg)
			}
			d := diffSnapshots(before, tree(t, base))
			slices.Sort(d)
			if len(d) > 10 {
				d = append(d[:10], fmt.Sprintf("and %d more changes", len(d)-10))
			}
			for _, d := range d {
				t.Error(d)
			}
		})
	}
}

// repoArgs are the arguments that run a command on the example data with
// the output folder base/out.
func repoArgs(t *testing.T, base string, cmd ...string) []string {
	abs, err := filepath.Abs(repoConfig)
	if err != nil {
		t.Fatal(err)
	}
	args := append(cmd, "--config", abs, "--month", "2024-11", "--out", filepath.Join(base, "out"))
	if cmd[0] == "build" || cmd[0] == "certificates" {
		args = append(args, "--quiet")
	}
	return args
}

func write(t *testing.T, path, content string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

func symlink(t *testing.T, target, link string) {
	t.Helper()
	os.MkdirAll(filepath.Dir(link), 0o755)
	if err := os.Symlink(target, link); err != nil {
		t.Skipf("cannot make a symbolic link here: %v", err)
	}
}

// Cases 1 and 2 of issue 10: a lock file or a month folder that is a link
// is refused; nothing outside the output folder is touched.
func TestSafetyLinksInTheOutputFolder(t *testing.T) {
	var cases []safetyCase
	for _, cmd := range [][]string{{"build"}, {"certificates"}, {"press"}} {
		name := cmd[0]
		args := func(t *testing.T, base string) []string {
			return repoArgs(t, base, name)
		}
		cases = append(cases,
			safetyCase{name: name + "/lock symlink to a file", code: 1, msg: "it is a symbolic link",
				setup: func(t *testing.T, base string) []string {
					write(t, filepath.Join(base, "precious.txt"), "the office's own file")
					symlink(t, filepath.Join(base, "precious.txt"), filepath.Join(base, "out", "2024-11", output.LockName))
					return args(t, base)
				}},
			safetyCase{name: name + "/lock symlink to no file", code: 1, msg: "it is a symbolic link",
				setup: func(t *testing.T, base string) []string {
					symlink(t, filepath.Join(base, "made-through-link"), filepath.Join(base, "out", "2024-11", output.LockName))
					return args(t, base)
				}},
			safetyCase{name: name + "/lock hard link", code: 1, msg: "hard link",
				setup: func(t *testing.T, base string) []string {
					write(t, filepath.Join(base, "precious.txt"), "the office's own file")
					os.MkdirAll(filepath.Join(base, "out", "2024-11"), 0o755)
					if err := os.Link(filepath.Join(base, "precious.txt"), filepath.Join(base, "out", "2024-11", output.LockName)); err != nil {
						t.Skip(err)
					}
					return args(t, base)
				}},
			safetyCase{name: name + "/lock fifo", code: 1, msg: "FIFO",
				setup: func(t *testing.T, base string) []string {
					os.MkdirAll(filepath.Join(base, "out", "2024-11"), 0o755)
					if err := mkfifo(filepath.Join(base, "out", "2024-11", output.LockName)); err != nil {
						t.Skip(err)
					}
					return args(t, base)
				}},
			safetyCase{name: name + "/month folder symlink", code: 1, msg: "is a symbolic link to",
				setup: func(t *testing.T, base string) []string {
					write(t, filepath.Join(base, "elsewhere", "certificates", "thana", "t-x.pdf"), "%PDF- someone else's")
					write(t, filepath.Join(base, "elsewhere", "manifest.csv"), "someone else's")
					symlink(t, filepath.Join(base, "elsewhere"), filepath.Join(base, "out", "2024-11"))
					return args(t, base)
				}},
		)
	}
	runSafetyCases(t, cases)
}

// Cases 3 and 4 of issue 10: note --out never replaces the note itself,
// by whatever name, nor anything that is not a regular file.
func TestSafetyNoteOut(t *testing.T) {
	note := func(t *testing.T, base string, out string) []string {
		write(t, filepath.Join(base, "a.txt"), "# सूचना\n\nThe note the office wrote.\n")
		abs, _ := filepath.Abs(repoConfig)
		return []string{"note", "a.txt", "--config", abs, "--out", out}
	}
	same := "is the note a.txt itself"
	cases := []safetyCase{
		{name: "same name", code: 1, msg: same, setup: func(t *testing.T, base string) []string { return note(t, base, "a.txt") }},
		{name: "./name", code: 1, msg: same, setup: func(t *testing.T, base string) []string { return note(t, base, "./a.txt") }},
		{name: "absolute path", code: 1, msg: same, setup: func(t *testing.T, base string) []string {
			return note(t, base, filepath.Join(base, "a.txt"))
		}},
		{name: "through a folder link", code: 1, msg: same, setup: func(t *testing.T, base string) []string {
			symlink(t, base, filepath.Join(base, "here"))
			return note(t, base, filepath.Join("here", "a.txt"))
		}},
		{name: "hard link", code: 1, msg: same, setup: func(t *testing.T, base string) []string {
			args := note(t, base, "b.pdf")
			if err := os.Link(filepath.Join(base, "a.txt"), filepath.Join(base, "b.pdf")); err != nil {
				t.Skip(err)
			}
			return args
		}},
		{name: "symlink to the note", code: 1, msg: "is a symbolic link", setup: func(t *testing.T, base string) []string {
			args := note(t, base, "b.pdf")
			symlink(t, "a.txt", filepath.Join(base, "b.pdf"))
			return args
		}},
		{name: "symlink to another file", code: 1, msg: "is a symbolic link", setup: func(t *testing.T, base string) []string {
			args := note(t, base, "b.pdf")
			write(t, filepath.Join(base, "other.pdf"), "%PDF- not this note's")
			symlink(t, "other.pdf", filepath.Join(base, "b.pdf"))
			return args
		}},
		{name: "fifo", code: 1, msg: "is a FIFO", setup: func(t *testing.T, base string) []string {
			args := note(t, base, "b.pdf")
			if err := mkfifo(filepath.Join(base, "b.pdf")); err != nil {
				t.Skip(err)
			}
			return args
		}},
		{name: "device", code: 1, msg: "is a device", setup: func(t *testing.T, base string) []string {
			args := note(t, base, "null")
			if err := mknodNull(filepath.Join(base, "null")); err != nil {
				t.Skipf("cannot make a device node here (not root?): %v", err)
			}
			return args
		}},
		{name: "folder", code: 1, msg: "is a folder", setup: func(t *testing.T, base string) []string {
			args := note(t, base, "b.pdf")
			os.Mkdir(filepath.Join(base, "b.pdf"), 0o755)
			return args
		}},
	}
	runSafetyCases(t, cases)
}

// Case 5 of issue 10: a month folder belongs to the scope that made it;
// another scope's run there is refused and deletes nothing.
func TestSafetyMonthFolderOfAnotherScope(t *testing.T) {
	var cases []safetyCase
	for _, name := range []string{"build", "certificates", "press"} {
		cases = append(cases, safetyCase{name: name, code: 1, msg: "holds the outputs of scope z-kanpur, and this run is for scope r-jhansi",
			setup: func(t *testing.T, base string) []string {
				if code, _, stderr := bulletinProcess(t, base, repoArgs(t, base, "build")...); code != 0 {
					t.Fatalf("first build: exit %d: %s", code, stderr)
				}
				return append(repoArgs(t, base, name), "--scope", "r-jhansi")
			}})
	}
	runSafetyCases(t, cases)
}

// Case 6 of issue 10 (and the small ones of 16 about files): only regular
// files are read, each kind with a size cap, and the message names the
// file and says why; nothing hangs or runs out of memory.
func TestSafetyInputFiles(t *testing.T) {
	abs, _ := filepath.Abs(repoConfig)
	examples, _ := filepath.Abs("../../examples")
	data := func(base, units, rankings string, cmd ...string) []string {
		return append(cmd, "--config", abs, "--units", units, "--rankings", rankings, "--out", filepath.Join(base, "out"))
	}
	units := filepath.Join(examples, "units.csv")
	rankings := filepath.Join(examples, "rankings")
	copyRankings := func(t *testing.T, base string) string {
		dir := filepath.Join(base, "rankings")
		entries, _ := os.ReadDir(rankings)
		for _, e := range entries {
			b, _ := os.ReadFile(filepath.Join(rankings, e.Name()))
			write(t, filepath.Join(dir, e.Name()), string(b))
		}
		return dir
	}
	fifo := func(t *testing.T, path string) {
		os.MkdirAll(filepath.Dir(path), 0o755)
		if err := mkfifo(path); err != nil {
			t.Skip(err)
		}
	}
	cases := []safetyCase{
		{name: "fifo in the rankings folder", code: 1, msg: "2099-01.csv: cannot read the rankings file (not a regular file: it is a FIFO (named pipe))",
			setup: func(t *testing.T, base string) []string {
				dir := copyRankings(t, base)
				fifo(t, filepath.Join(dir, "2099-01.csv"))
				return data(base, units, dir, "build")
			}},
		{name: "--units fifo", code: 1, msg: "cannot read the units file (not a regular file: it is a FIFO (named pipe))",
			setup: func(t *testing.T, base string) []string {
				fifo(t, filepath.Join(base, "fifo.csv"))
				return data(base, filepath.Join(base, "fifo.csv"), rankings, "validate")
			}},
		{name: "--units /dev/zero", code: 1, msg: "/dev/zero: cannot read the units file (not a regular file: it is a device)",
			setup: func(t *testing.T, base string) []string {
				return data(base, "/dev/zero", rankings, "validate")
			}},
		{name: "units over the cap", code: 1, msg: "cannot read the units file (file too large: 65 MB, over the limit of 64 MB",
			setup: func(t *testing.T, base string) []string {
				big := filepath.Join(base, "big.csv")
				write(t, big, "id,level,parent,name_hi,name_en\n")
				os.Truncate(big, 65<<20)
				return data(base, big, rankings, "validate")
			}},
		{name: "office.emblem=/dev/zero", code: 1, msg: "office.emblem: cannot read /dev/zero: not a regular file: it is a device",
			setup: func(t *testing.T, base string) []string {
				write(t, filepath.Join(base, "a.txt"), "A note.\n")
				return []string{"note", "a.txt", "--config", abs, "--set", "office.emblem=/dev/zero", "--out", "a.pdf"}
			}},
		{name: "note text is a fifo", code: 1, msg: "a.txt: cannot read the note: not a regular file: it is a FIFO",
			setup: func(t *testing.T, base string) []string {
				fifo(t, filepath.Join(base, "a.txt"))
				return []string{"note", "a.txt", "--config", abs, "--out", "a.pdf"}
			}},
		{name: "config is a fifo", code: 1, msg: "c.toml: cannot read the config file: not a regular file: it is a FIFO",
			setup: func(t *testing.T, base string) []string {
				fifo(t, filepath.Join(base, "c.toml"))
				return []string{"validate", "--config", "c.toml"}
			}},
		{name: "templates is a file", code: 1, msg: "t.txt: it is a regular file, not a folder; set templates in config.toml",
			setup: func(t *testing.T, base string) []string {
				write(t, filepath.Join(base, "t.txt"), "not a folder")
				return append(data(base, units, rankings, "validate"), "--set", "templates="+filepath.Join(base, "t.txt"))
			}},
		{name: "macOS ._ file in the rankings folder is skipped", code: 0, msg: "ok: ",
			setup: func(t *testing.T, base string) []string {
				dir := copyRankings(t, base)
				write(t, filepath.Join(dir, "._2024-11.csv"), "\x00\x05\x16\x07 Mac OS X resource fork")
				return data(base, units, dir, "validate")
			}},
	}
	runSafetyCases(t, cases)
}

// Cases 9 and 13 of issue 10: every setting has a length cap, refused
// with the key's name; the settings the documents print are required.
func TestSafetySettings(t *testing.T) {
	long := strings.Repeat("Kanpur ", 14_000) // 98,000 characters: an argument may have 128 KB
	var cases []safetyCase
	for _, cmd := range []string{"validate", "build", "press", "note"} {
		cases = append(cases, safetyCase{name: cmd + "/long office.name_en", code: 1, msg: "office.name_en is 98000 characters long; the most it may have is 200",
			setup: func(t *testing.T, base string) []string {
				if cmd == "note" {
					write(t, filepath.Join(base, "a.txt"), "A note.\n")
					abs, _ := filepath.Abs(repoConfig)
					return []string{"note", "a.txt", "--config", abs, "--lang", "en", "--set", "office.name_en=" + long}
				}
				return append(repoArgs(t, base, cmd), "--set", "office.name_en="+long)
			}})
	}
	for _, cmd := range []string{"validate", "build", "certificates", "press"} {
		cases = append(cases, safetyCase{name: cmd + "/no place or signatory", code: 1, msg: "office.place_hi, signatory.name_en are not set",
			setup: func(t *testing.T, base string) []string {
				return append(repoArgs(t, base, cmd), "--set", "office.place_hi=", "--set", "signatory.name_en=")
			}})
	}
	runSafetyCases(t, cases)
}

// Case 15 of issue 10: a write to standard output that fails is a failure.
func TestSafetyStdoutFull(t *testing.T) {
	full, err := os.OpenFile("/dev/full", os.O_WRONLY, 0)
	if err != nil {
		t.Skipf("no /dev/full here: %v", err)
	}
	defer full.Close()
	abs, _ := filepath.Abs(repoConfig)
	dir := t.TempDir()
	write(t, filepath.Join(dir, "a.txt"), "A note.\n")
	exe, _ := os.Executable()
	for _, args := range [][]string{
		{"facts", "--config", abs, "--month", "2024-11"},
		{"facts", "--config", abs, "--month", "2024-11", "--json"},
		{"press", "--config", abs, "--month", "2024-11", "--out", "-", "--format", "txt"},
		{"validate", "--config", abs},
		{"note", "a.txt", "--config", abs, "--out", "-"},
	} {
		cmd := exec.Command(exe, args...)
		cmd.Dir = dir
		cmd.Env = append(os.Environ(), "BULLETIN_TEST_MAIN=1")
		cmd.Stdout = full
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		err := cmd.Run()
		if ee, ok := err.(*exec.ExitError); !ok || ee.ExitCode() != 1 || !strings.Contains(stderr.String(), "writing to standard output") || !strings.Contains(stderr.String(), "no space left on device") {
			t.Errorf("%v >/dev/full: %v, stderr %q; want exit 1 saying the output could not be written", args, err, stderr.String())
		}
	}
}

// --workers is capped (one of issue 10's small cases).
func TestWorkersCapped(t *testing.T) {
	for _, w := range []string{"100000", "-1"} {
		code, _, stderr := run(t, "build", "--config", repoConfig, "--out", t.TempDir(), "--workers", w)
		if code != 1 || !strings.Contains(stderr, "--workers "+w+": use 1 to 64") {
			t.Errorf("--workers %s: exit %d, stderr %q", w, code, stderr)
		}
	}
}

// Case 11 of issue 10: validate draws everything build draws, settings
// included, and names the data row or the setting at fault.
func TestSafetyValidateIsBuild(t *testing.T) {
	abs, _ := filepath.Abs(repoConfig)
	longName := func(t *testing.T, base string) string {
		b, err := os.ReadFile("../../examples/units.csv")
		if err != nil {
			t.Fatal(err)
		}
		units := strings.Replace(string(b), "z-kanpur,zone,up,कानपुर,", "z-kanpur,zone,up,"+strings.Repeat("कानपुर", 55)+"ककक,", 1)
		if units == string(b) {
			t.Fatal("no z-kanpur row to change")
		}
		write(t, filepath.Join(base, "units.csv"), units)
		return filepath.Join(base, "units.csv")
	}
	cases := []safetyCase{
		{name: "validate/333-character Hindi name", code: 1, msg: `units.csv:11: the certificate of unit "r-kanpur" does not fit its page`,
			setup: func(t *testing.T, base string) []string {
				return []string{"validate", "--config", abs, "--units", longName(t, base)}
			}},
	}
	for _, cmd := range []string{"validate", "build", "certificates"} {
		cases = append(cases, safetyCase{name: cmd + "/emoji in office.email", code: 1, msg: `office.email holds U+1F600 "😀", which no bundled font can draw`,
			setup: func(t *testing.T, base string) []string {
				return append(repoArgs(t, base, cmd), "--set", "office.email=pro😀@example.org")
			}})
	}
	runSafetyCases(t, cases)
}

// Case 12 of issue 10: an office's catalog is checked at load.
func TestSafetyCatalogFields(t *testing.T) {
	runSafetyCases(t, []safetyCase{{name: "validate/{{.Scor}}", code: 1, msg: "message Press.Score uses {{.Scor}}, which bulletin does not pass to it",
		setup: func(t *testing.T, base string) []string {
			write(t, filepath.Join(base, "locales", "active.en.toml"), "[\"Press.Score\"]\nother = \"{{.Unit}} scored {{.Scor}} out of {{.Max}} marks.\"\n")
			return append(repoArgs(t, base, "validate"), "--set", "locales="+filepath.Join(base, "locales"))
		}}})
}

// Cases 8, 10, 14 and 16 of issue 10 through the binary: the data is
// refused with the row and the fix, and nothing is written.
func TestSafetyData(t *testing.T) {
	abs, _ := filepath.Abs(repoConfig)
	examples, _ := filepath.Abs("../../examples")
	units := func(t *testing.T, base, extra string) string {
		b, _ := os.ReadFile(filepath.Join(examples, "units.csv"))
		write(t, filepath.Join(base, "units.csv"), string(b)+extra)
		return filepath.Join(base, "units.csv")
	}
	args := func(base, units, rankings string, cmd string) []string {
		a := []string{cmd, "--config", abs, "--units", units, "--rankings", rankings, "--out", filepath.Join(base, "out")}
		if cmd == "build" {
			a = append(a, "--quiet")
		}
		return a
	}
	rankings := filepath.Join(examples, "rankings")
	var cases []safetyCase
	for _, cmd := range []string{"validate", "build"} {
		cases = append(cases,
			safetyCase{name: cmd + "/id of 227 characters", code: 1, msg: "is 227 characters long; the most it may have is 100",
				setup: func(t *testing.T, base string) []string {
					return args(base, units(t, base, "t-"+strings.Repeat("x", 225)+",thana,d-auraiya,अजीतमल,Ajitmal\n"), rankings, cmd)
				}},
			safetyCase{name: cmd + "/rank 0_1", code: 1, msg: `rank "0_1" is not a positive whole number`,
				setup: func(t *testing.T, base string) []string {
					write(t, filepath.Join(base, "r.csv"), "month,unit,rank\n2024-11,z-kanpur,0_1\n")
					return args(base, filepath.Join(examples, "units.csv"), filepath.Join(base, "r.csv"), cmd)
				}},
			safetyCase{name: cmd + "/name of a bidi control", code: 1, msg: "holds the bidi control U+202E",
				setup: func(t *testing.T, base string) []string {
					return args(base, units(t, base, "t-ajitmal,thana,d-auraiya,अजीतमल,\u202eAjitmal\n"), rankings, cmd)
				}},
			safetyCase{name: cmd + "/reserved id", code: 1, msg: `e.g. "nul-1.x"`,
				setup: func(t *testing.T, base string) []string {
					return args(base, units(t, base, "nul.x,thana,d-auraiya,अजीतमल,Ajitmal\n"), rankings, cmd)
				}},
			safetyCase{name: cmd + "/a CSV of 250,001 rows", code: 1, msg: "more than 250000 rows",
				setup: func(t *testing.T, base string) []string {
					var b strings.Builder
					b.WriteString("month,unit,rank\n")
					for range 250_001 {
						b.WriteString("2024-11,z-kanpur,1\n")
					}
					write(t, filepath.Join(base, "r.csv"), b.String())
					return args(base, filepath.Join(examples, "units.csv"), filepath.Join(base, "r.csv"), cmd)
				}},
		)
	}
	runSafetyCases(t, cases)
}

// Case 9 of issue 10: SIGTERM and SIGINT stop a run within a second in any
// phase, here while the data is read and checked.
func TestSafetySignalWhileReading(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("no SIGTERM on Windows")
	}
	base := t.TempDir()
	var b strings.Builder
	b.WriteString("month,unit,rank\n")
	for i := range 240_000 {
		fmt.Fprintf(&b, "2024-11,t-unknown-%d,1\n", i)
	}
	write(t, filepath.Join(base, "r.csv"), b.String())
	abs, _ := filepath.Abs(repoConfig)
	exe, _ := os.Executable()
	for _, sig := range []os.Signal{syscall.SIGTERM, os.Interrupt} {
		cmd := exec.Command(exe, "validate", "--config", abs, "--rankings", filepath.Join(base, "r.csv"))
		cmd.Env = append(os.Environ(), "BULLETIN_TEST_MAIN=1")
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		time.Sleep(150 * time.Millisecond)
		start := time.Now()
		cmd.Process.Signal(sig)
		err := cmd.Wait()
		if d := time.Since(start); d > time.Second {
			t.Errorf("%v: stopped after %v", sig, d)
		}
		if err == nil {
			t.Errorf("%v: validate finished before the signal (make the input larger)", sig)
		}
	}
}
