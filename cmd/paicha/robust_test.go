package main

// Reliability tests that run the real `paicha` binary: the bad-input corpus
// (pipeline/testdata/bad, described in its CORPUS.tsv), input limits,
// SIGINT/SIGTERM, kill -9 and a failing disk, and a scan of everything the
// program prints for full ID numbers.

import (
	"bufio"
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/paicha/paicha/fixtures"
)

var (
	buildOnce sync.Once
	binPath   string
	buildErr  error
	scratch   string // removed by TestMain
)

func TestMain(m *testing.M) {
	code := m.Run()
	if scratch != "" {
		os.RemoveAll(scratch)
	}
	os.Exit(code)
}

func scratchDir(t *testing.T) string {
	t.Helper()
	if scratch == "" {
		d, err := os.MkdirTemp("", "paicha-robust-")
		if err != nil {
			t.Fatal(err)
		}
		scratch = d
	}
	return scratch
}

// paichaBin builds ./cmd/paicha once per test run, with the Makefile's tags.
func paichaBin(t *testing.T) string {
	t.Helper()
	if testing.Short() {
		t.Skip("builds and runs the paicha binary")
	}
	dir := scratchDir(t)
	buildOnce.Do(func() {
		binPath = filepath.Join(dir, "paicha")
		cmd := exec.Command("go", "build", "-tags", os.Getenv("TAGS"), "-o", binPath, ".")
		if out, err := cmd.CombinedOutput(); err != nil {
			buildErr = fmt.Errorf("go build: %v\n%s", err, out)
		}
	})
	if buildErr != nil {
		t.Fatal(buildErr)
	}
	return binPath
}

type result struct {
	exit           int
	stdout, stderr string
}

func (r result) String() string {
	return fmt.Sprintf("exit %d\nstdout:\n%s\nstderr:\n%s", r.exit, r.stdout, r.stderr)
}

func runPaicha(t *testing.T, args ...string) result {
	t.Helper()
	cmd := exec.Command(paichaBin(t), args...)
	var so, se bytes.Buffer
	cmd.Stdout, cmd.Stderr = &so, &se
	err := cmd.Run()
	r := result{stdout: so.String(), stderr: se.String()}
	var ee *exec.ExitError
	switch {
	case errors.As(err, &ee):
		r.exit = ee.ExitCode()
	case err != nil:
		t.Fatal(err)
	}
	checkPrinted(t, r)
	return r
}

// idPattern is a full resident ID: 18 characters (17 digits and a check
// digit or X) or the old 15 digits, not part of a longer run of digits.
var idPattern = regexp.MustCompile(`(^|[^0-9])([0-9]{17}[0-9Xx]|[0-9]{15})([^0-9Xx]|$)`)

// checkPrinted: nothing the program prints holds a full ID number, a panic
// or a Go stack trace (SPEC §7).
func checkPrinted(t *testing.T, r result) {
	t.Helper()
	for _, s := range []string{r.stdout, r.stderr} {
		if m := idPattern.FindString(s); m != "" {
			t.Errorf("printed output holds a full ID number %q:\n%s", m, r)
		}
		if strings.Contains(s, "panic:") || strings.Contains(s, "goroutine ") {
			t.Errorf("printed output holds a panic:\n%s", r)
		}
	}
}

var (
	goodOnce sync.Once
	goodArgs []string
	goodErr  error
)

// good is the sample county, given by kind: the good files of every run.
func good(t *testing.T) []string {
	t.Helper()
	goodOnce.Do(func() {
		s, c, m, err := fixtures.ExtractSample(filepath.Join(scratchDir(t), "good"))
		goodErr = err
		goodArgs = []string{"--survey", s, "--card", c, "--medical", m}
	})
	if goodErr != nil {
		t.Fatal(goodErr)
	}
	return goodArgs
}

var (
	baseOnce sync.Once
	baseOut  string
	baseRes  result
)

// baseline is the run over the good files alone.
func baseline(t *testing.T) string {
	t.Helper()
	args := good(t)
	baseOnce.Do(func() {
		baseOut = filepath.Join(scratchDir(t), "baseline")
		baseRes = runPaicha(t, append([]string{"compare", "--format", "csv", "--out", baseOut}, args...)...)
	})
	if baseRes.exit != 0 {
		t.Fatalf("baseline run: %s", baseRes)
	}
	return baseOut
}

type corpusEntry struct {
	file, kind string
	exit       int
	message    string // "" = no line about the file
	reject     string // "" = no reject expected
}

func corpus(t *testing.T) (dir string, entries []corpusEntry) {
	t.Helper()
	dir, err := filepath.Abs("../../pipeline/testdata/bad")
	if err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(filepath.Join(dir, "CORPUS.tsv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		p := strings.Split(line, "\t")
		if len(p) != 5 {
			t.Fatalf("CORPUS.tsv: bad line %q", line)
		}
		e := corpusEntry{file: p[0], kind: p[1], message: p[3], reject: p[4]}
		if e.exit, err = strconv.Atoi(p[2]); err != nil {
			t.Fatalf("CORPUS.tsv: bad exit in %q", line)
		}
		if e.message == "-" {
			e.message = ""
		}
		if e.reject == "-" {
			e.reject = ""
		}
		if _, err := os.Stat(filepath.Join(dir, e.file)); err != nil {
			t.Fatalf("CORPUS.tsv: %v", err)
		}
		entries = append(entries, e)
	}
	// every file of the corpus is in the table
	ents, _ := os.ReadDir(dir)
	listed := map[string]bool{}
	for _, e := range entries {
		listed[e.file] = true
	}
	for _, e := range ents {
		if n := e.Name(); n != "CORPUS.tsv" && n != "gen.go" && !listed[n] {
			t.Errorf("%s is not in CORPUS.tsv", n)
		}
	}
	return dir, entries
}

// readCSV reads an output CSV (BOM, header) into rows.
func readCSV(t *testing.T, path string) [][]string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(b, []byte("\xEF\xBB\xBF")))).ReadAll()
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return rows
}

// sameGoodOutputs: the lists equal the baseline's, and rejects.csv holds the
// baseline's rows plus only rows of the bad files.
func sameGoodOutputs(t *testing.T, out string, bad map[string]bool) {
	t.Helper()
	base := baseline(t)
	for _, f := range []string{"candidates.csv", "elimination.csv", "discrepancies.csv"} {
		a, _ := os.ReadFile(filepath.Join(base, f))
		b, err := os.ReadFile(filepath.Join(out, f))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(a, b) {
			t.Errorf("%s differs from the run without the bad files", f)
		}
	}
	var kept [][]string
	for _, r := range readCSV(t, filepath.Join(out, "rejects.csv")) {
		if !bad[r[0]] {
			kept = append(kept, r)
		}
	}
	if want := readCSV(t, filepath.Join(base, "rejects.csv")); fmt.Sprint(kept) != fmt.Sprint(want) {
		t.Errorf("rejects.csv of the good files differs from the run without the bad files")
	}
}

// checkPerms: the output folder is 0700 and every file in it 0600 (SPEC §7).
func checkPerms(t *testing.T, out string) {
	t.Helper()
	filepath.WalkDir(out, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			t.Error(err)
			return nil
		}
		fi, _ := d.Info()
		want := fs.FileMode(0o600)
		if d.IsDir() {
			want = 0o700 | fs.ModeDir
		}
		if fi.Mode() != want {
			t.Errorf("%s: mode %v, want %v", p, fi.Mode(), want)
		}
		return nil
	})
}

// TestBadCorpus runs each bad file beside the good ones, then all of them at
// once: the message, the exit status, and the good files' outputs unchanged.
func TestBadCorpus(t *testing.T) {
	dir, entries := corpus(t)
	args := good(t)
	baseline(t)
	check := func(t *testing.T, r result, e corpusEntry, path string) {
		t.Helper()
		var line string
		for _, l := range strings.Split(r.stderr, "\n") {
			if strings.HasPrefix(l, path) {
				if line != "" {
					t.Errorf("more than one line about %s:\n%s\n%s", e.file, line, l)
				}
				line = l
			}
		}
		switch {
		case e.message == "" && line != "":
			t.Errorf("unexpected message about %s: %s", e.file, line)
		case e.message != "" && !strings.Contains(line, e.message):
			t.Errorf("message about %s = %q, want it to hold %q\n%s", e.file, line, e.message, r)
		}
	}
	for _, e := range entries {
		t.Run(e.file, func(t *testing.T) {
			path := filepath.Join(dir, e.file)
			out := filepath.Join(t.TempDir(), "out")
			r := runPaicha(t, append(append([]string{"compare", "--format", "csv", "--out", out}, args...), "--"+e.kind, path)...)
			if r.exit != e.exit {
				t.Fatalf("exit %d, want %d\n%s", r.exit, e.exit, r)
			}
			check(t, r, e, path)
			sameGoodOutputs(t, out, map[string]bool{path: true})
			var rejects []string
			for _, row := range readCSV(t, filepath.Join(out, "rejects.csv")) {
				if row[0] == path {
					rejects = append(rejects, row[4])
				}
			}
			if e.reject != "" && !strings.Contains(strings.Join(rejects, "\n"), e.reject) {
				t.Errorf("rejects of %s = %q, want one holding %q", e.file, rejects, e.reject)
			}
			if e.reject == "" && len(rejects) > 0 {
				t.Errorf("unexpected rejects of %s: %q", e.file, rejects)
			}
			summary, _ := os.ReadFile(filepath.Join(out, "summary.json"))
			if !bytes.Contains(summary, []byte(strconv.Quote(path))) {
				t.Errorf("summary.json has no line for %s", e.file)
			}
			checkPerms(t, out)
		})
	}
	t.Run("all at once", func(t *testing.T) {
		out := filepath.Join(t.TempDir(), "out")
		cmd := append([]string{"compare", "--out", out}, args...)
		bad := map[string]bool{}
		for _, e := range entries {
			p := filepath.Join(dir, e.file)
			cmd = append(cmd, "--"+e.kind, p)
			bad[p] = true
		}
		r := runPaicha(t, cmd...)
		if r.exit != 3 {
			t.Fatalf("exit %d, want 3\n%s", r.exit, r)
		}
		for _, e := range entries {
			check(t, r, e, filepath.Join(dir, e.file))
		}
		sameGoodOutputs(t, out, bad)
		checkPerms(t, out)
		if _, err := os.Stat(filepath.Join(out, "report.xlsx")); err != nil {
			t.Error(err)
		}
	})
}

// TestInputLimits: --max-file-size and --max-cells fail the file over the
// limit, and only that file.
func TestInputLimits(t *testing.T) {
	dir, _ := corpus(t)
	big, wide, small := filepath.Join(dir, "zipbomb.xlsx"), filepath.Join(dir, "cols_16384.xlsx"), filepath.Join(dir, "ragged.csv")
	for _, tt := range []struct {
		name string
		args []string
		bad  string
		want string
	}{
		{"file size", []string{"--max-file-size", "100KB", "--card", big, "--card", small}, big, "文件大小201KB，超过上限100KB（--max-file-size）"},
		{"cells", []string{"--max-cells", "1000", "--card", wide, "--card", small}, wide, "第1行：工作表的单元格超过上限1000个（--max-cells）"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "out")
			r := runPaicha(t, append([]string{"compare", "--format", "csv", "--out", out}, tt.args...)...)
			if r.exit != 3 || !strings.Contains(r.stderr, tt.bad) || !strings.Contains(r.stderr, tt.want) {
				t.Fatalf("want exit 3 and %q\n%s", tt.want, r)
			}
			rows := 0
			for _, row := range readCSV(t, filepath.Join(out, "rejects.csv")) {
				if row[0] == small {
					rows++
				}
			}
			if rows != 2 {
				t.Errorf("the file within the limits was not read: %d rejects", rows)
			}
		})
	}
	r := runPaicha(t, "compare", "--max-file-size", "lots", "--out", filepath.Join(t.TempDir(), "out"))
	if r.exit != 2 || !strings.Contains(r.stderr, "--max-file-size") {
		t.Errorf("bad --max-file-size: %s", r)
	}
}

// TestNoIDPrinted runs the conformance scenarios verbosely and scans what
// paicha prints (runPaicha scans every run of these tests).
func TestNoIDPrinted(t *testing.T) {
	conf, err := filepath.Abs("../../../shared/conformance")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(conf, "inputs")); err != nil {
		t.Skip("no conformance set at ../shared/conformance")
	}
	in := filepath.Join(conf, "inputs")
	r := runPaicha(t, "compare", "-v", "--survey", filepath.Join(in, "survey"), "--card", filepath.Join(in, "card"),
		"--medical", filepath.Join(in, "medical"), "--out", filepath.Join(t.TempDir(), "out"))
	if r.exit != 0 {
		t.Errorf("scenario 1: %s", r)
	}
	r = runPaicha(t, "compare", "-v", "--in", in, "--as-of", "2023-03-01", "--config", filepath.Join(conf, "params.toml"),
		"--out", filepath.Join(t.TempDir(), "out"))
	if r.exit != 0 {
		t.Errorf("scenario 2: %s", r)
	}
}

var (
	bigOnce sync.Once
	bigArgs []string
	bigErr  error
)

// bigCounty is generated data big enough that a run takes a few seconds.
func bigCounty(t *testing.T) []string {
	t.Helper()
	bigOnce.Do(func() {
		dir := filepath.Join(scratchDir(t), "big")
		_, bigErr = fixtures.Generate(context.Background(), dir, fixtures.Options{Households: 8000, Seed: 7})
		bigArgs = []string{"--survey", filepath.Join(dir, "survey"), "--card", filepath.Join(dir, "card"), "--medical", filepath.Join(dir, "medical")}
	})
	if bigErr != nil {
		t.Fatal(bigErr)
	}
	return bigArgs
}

// previousOutput makes an --out folder holding a marker, as a previous run
// left it.
func previousOutput(t *testing.T) (out, marker string) {
	t.Helper()
	out = filepath.Join(t.TempDir(), "out")
	if err := os.Mkdir(out, 0o700); err != nil {
		t.Fatal(err)
	}
	marker = filepath.Join(out, "candidates.csv")
	if err := os.WriteFile(marker, []byte("previous run\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	return out, marker
}

func assertPrevious(t *testing.T, out, marker string) {
	t.Helper()
	b, err := os.ReadFile(marker)
	if err != nil || string(b) != "previous run\n" {
		t.Errorf("previous output not intact: %q, %v", b, err)
	}
	ents, _ := os.ReadDir(out)
	if len(ents) != 1 {
		t.Errorf("previous output folder changed: %d entries", len(ents))
	}
}

// tempFolders lists the temporary output folders beside out.
func tempFolders(out string) []string {
	m, _ := filepath.Glob(filepath.Join(filepath.Dir(out), "."+filepath.Base(out)+".tmp-*"))
	return m
}

// startRun starts paicha compare over the big county into out.
func startRun(t *testing.T, out string, stderr *bytes.Buffer) *exec.Cmd {
	t.Helper()
	cmd := exec.Command(paichaBin(t), append([]string{"compare", "--out", out}, bigCounty(t)...)...)
	cmd.Stderr = stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	return cmd
}

// waitFor polls cond for up to 60 s.
func waitFor(cond func() bool) bool {
	for end := time.Now().Add(60 * time.Second); time.Now().Before(end); time.Sleep(2 * time.Millisecond) {
		if cond() {
			return true
		}
	}
	return false
}

// TestSignal: SIGINT or SIGTERM while reading, or while writing, stops the
// run with exit 1, leaves the previous output as it was and no temporary
// folder.
func TestSignal(t *testing.T) {
	bigCounty(t)
	for _, sig := range []syscall.Signal{syscall.SIGINT, syscall.SIGTERM} {
		for _, phase := range []string{"reading", "writing"} {
			t.Run(fmt.Sprintf("%v while %s", sig, phase), func(t *testing.T) {
				out, marker := previousOutput(t)
				var stderr bytes.Buffer
				cmd := startRun(t, out, &stderr)
				if phase == "reading" {
					time.Sleep(300 * time.Millisecond)
				} else if !waitFor(func() bool { return len(tempFolders(out)) > 0 }) {
					cmd.Process.Kill()
					cmd.Wait()
					t.Fatal("the run never started writing")
				}
				if err := cmd.Process.Signal(sig); err != nil {
					t.Fatal(err)
				}
				err := cmd.Wait()
				r := result{exit: cmd.ProcessState.ExitCode(), stderr: stderr.String()}
				checkPrinted(t, r)
				if r.exit != 1 || !strings.Contains(r.stderr, "已中断") {
					t.Fatalf("want exit 1 and 已中断 (%v)\n%s", err, r)
				}
				assertPrevious(t, out, marker)
				if tmp := tempFolders(out); len(tmp) > 0 {
					t.Errorf("temporary folders left behind: %v", tmp)
				}
			})
		}
	}
}

// TestKill9: a run killed with -9 while writing leaves its temporary folder
// and the previous output; the next run removes the stale folder.
func TestKill9(t *testing.T) {
	out, marker := previousOutput(t)
	var stderr bytes.Buffer
	cmd := startRun(t, out, &stderr)
	if !waitFor(func() bool { return len(tempFolders(out)) > 0 }) {
		cmd.Process.Kill()
		cmd.Wait()
		t.Fatal("the run never started writing")
	}
	cmd.Process.Kill()
	cmd.Wait()
	assertPrevious(t, out, marker)
	if len(tempFolders(out)) == 0 {
		t.Fatal("no temporary folder after kill -9: nothing to test")
	}
	r := runPaicha(t, append([]string{"compare", "--format", "csv", "--out", out}, good(t)...)...)
	if r.exit != 0 {
		t.Fatal(r)
	}
	if tmp := tempFolders(out); len(tmp) > 0 {
		t.Errorf("stale temporary folders not removed: %v", tmp)
	}
	if b, _ := os.ReadFile(marker); string(b) == "previous run\n" {
		t.Error("the next run did not replace the output")
	}
}

// TestWriteFailure: a disk that refuses to take the output (here a file
// size limit, which stops root too: writes fail with EFBIG) fails the run
// with exit 1, the previous output intact and no temporary folder.
func TestWriteFailure(t *testing.T) {
	bash, err := exec.LookPath("bash")
	if err != nil {
		t.Skip("no bash for ulimit")
	}
	out, marker := previousOutput(t)
	args := append([]string{"compare", "--out", out}, good(t)...)
	cmd := exec.Command(bash, append([]string{"-c", `ulimit -f 16 && exec "$0" "$@"`, paichaBin(t)}, args...)...)
	var so, se bytes.Buffer
	cmd.Stdout, cmd.Stderr = &so, &se
	cmd.Run()
	r := result{exit: cmd.ProcessState.ExitCode(), stdout: so.String(), stderr: se.String()}
	checkPrinted(t, r)
	if r.exit != 1 || !strings.Contains(r.stderr, "file too large") {
		t.Fatalf("want exit 1 and a write error\n%s", r)
	}
	assertPrevious(t, out, marker)
	if tmp := tempFolders(out); len(tmp) > 0 {
		t.Errorf("temporary folders left behind: %v", tmp)
	}
}
