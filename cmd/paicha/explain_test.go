package main

import (
	"bytes"
	"encoding/json"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/creack/pty"

	"github.com/paicha/paicha/fixtures"
)

// compareSample runs `paicha compare` on the sample county with extra args.
func compareSample(t *testing.T, stderr io.Writer, args ...string) (out, db string) {
	t.Helper()
	dir := t.TempDir()
	out, db = filepath.Join(dir, "out"), filepath.Join(dir, "paicha.duckdb") // load.DBFile: --run finds it
	var stdout bytes.Buffer
	if code := run(append([]string{"compare", "--out", out, "--format", "csv", "--db", db}, args...), &stdout, stderr); code != exitOK {
		t.Fatalf("compare exit %d", code)
	}
	return out, db
}

func TestExplainCommand(t *testing.T) {
	_, db := compareSample(t, io.Discard, "-q")
	// --db overwrites an existing database (and drops its stale .wal).
	if err := os.WriteFile(db+".wal", []byte("stale"), 0o600); err != nil {
		t.Fatal(err)
	}
	var stderr bytes.Buffer
	if code := run([]string{"compare", "-q", "--out", filepath.Join(filepath.Dir(db), "out"), "--format", "csv", "--db", db}, io.Discard, &stderr); code != exitOK {
		t.Fatalf("compare over an existing --db: exit %d: %s", code, stderr.String())
	}
	if _, err := os.Stat(db + ".wal"); !os.IsNotExist(err) {
		t.Errorf("stale .wal left beside the database: %v", err)
	}
	tests := []struct {
		name   string
		args   []string
		code   int
		stdout string // substring
		stderr string // substring
	}{
		{"by ID, text", []string{"150525199211231019", "--db", db}, exitOK, "未计入（发放失败）", ""},
		{"by run folder, json", []string{"150525199211231019", "--run", filepath.Dir(db), "--format", "json"}, exitOK, `"why": "failed"`, ""},
		{"masked ID refused", []string{"150525********1019", "--db", db}, exitUsage, "", "打码的身份证号"},
		{"no database given", []string{"150525199211231019"}, exitUsage, "", "--db FILE 或 --run DIR"},
		{"unknown key", []string{"110101199003074514", "--db", db}, exitFailure, "", "没有找到户编号或身份证号 110101********4514"},
		{"missing database", []string{"1", "--db", filepath.Join(t.TempDir(), "none.duckdb")}, exitFailure, "", "找不到运行数据库"},
		{"help", []string{"--help"}, exitOK, "", "例如:"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			code := run(append([]string{"explain"}, tc.args...), &stdout, &stderr)
			if code != tc.code || !strings.Contains(stdout.String(), tc.stdout) || !strings.Contains(stderr.String(), tc.stderr) {
				t.Errorf("exit %d (want %d)\nstdout: %.300s\nstderr: %s", code, tc.code, stdout.String(), stderr.String())
			}
			if strings.Contains(stderr.String(), "110101199003074514") {
				t.Errorf("full ID number in an error message")
			}
			if strings.Contains(strings.Join(tc.args, " "), "json") {
				var v map[string]any
				if err := json.Unmarshal(stdout.Bytes(), &v); err != nil {
					t.Errorf("json output: %v", err)
				}
			}
		})
	}
}

// Progress bars appear only on a terminal; elsewhere plain log lines; -q silences both.
func TestProgressOnlyOnTerminal(t *testing.T) {
	ptmx, tty, err := pty.Open()
	if err != nil {
		t.Skipf("no pseudo-terminal: %v", err)
	}
	defer ptmx.Close()
	var onTerm bytes.Buffer
	done := make(chan struct{})
	go func() {
		io.Copy(&onTerm, ptmx)
		close(done)
	}()
	compareSample(t, tty)
	tty.Close()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		t.Fatal("pty reader did not finish")
	}

	pr, pw, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	var piped bytes.Buffer
	pdone := make(chan struct{})
	go func() {
		io.Copy(&piped, pr)
		close(pdone)
	}()
	compareSample(t, pw)
	pw.Close()
	<-pdone

	var quiet bytes.Buffer
	compareSample(t, &quiet, "-q")

	// every file of the sample's input folders is read (the [[lists]]
	// files after them, apart)
	n := 0
	for _, kind := range []string{"survey", "card", "medical", "police", "aid", "disability", "school"} {
		fs.WalkDir(fixtures.SampleFS(), kind, func(_ string, d fs.DirEntry, err error) error {
			if err == nil && !d.IsDir() {
				n++
			}
			return nil
		})
	}
	files := strconv.Itoa(n) + "/" + strconv.Itoa(n)
	tests := []struct {
		name       string
		got        string
		want, deny []string
	}{
		{"terminal", onTerm.String(), []string{"\r", "读取文件 (read)", "100%", "(" + files + ")", "运行规则 (rules)", "|"}, nil},
		{"pipe", piped.String(), []string{"paicha: 读取文件 (read)：" + files + " 个文件", "paicha: 运行规则 (rules)："}, []string{"\r", "%", "\x1b"}},
		{"quiet", quiet.String(), nil, []string{"paicha: ", "\r", "%"}},
	}
	for _, tc := range tests {
		for _, w := range tc.want {
			if !strings.Contains(tc.got, w) {
				t.Errorf("%s: stderr lacks %q:\n%q", tc.name, w, tc.got)
			}
		}
		for _, d := range tc.deny {
			if strings.Contains(tc.got, d) {
				t.Errorf("%s: stderr has %q:\n%q", tc.name, d, tc.got)
			}
		}
	}
	// Every rule file that runs is counted, however many the inputs leave to run.
	if m := regexp.MustCompile(`运行规则 \(rules\)：(\d+)/(\d+)`).FindStringSubmatch(piped.String()); m == nil || m[1] != m[2] {
		t.Errorf("pipe: the rules' progress does not end at all of them: %q", m)
	}
}
