package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestPrepareCommand: --help says when in the season each output is used;
// a missing input or a bad flag is a usage error (exit 2), a file that
// cannot be read exits 3 (SPEC §1, as compare); the sample
// county gives a form and a statement per village, in a private folder.
func TestPrepareCommand(t *testing.T) {
	dir := t.TempDir()
	for _, tc := range []struct {
		name string
		args []string
		code int
		say  []string
	}{
		{"help", []string{"prepare", "--help"}, exitOK, []string{"5月16日—17日", "forms/<乡镇>/<村>-入户排查表.xlsx", "statements/<乡镇>/<村>-一卡通明细.xlsx", "6月11日—15日", "system_ops.csv"}},
		{"no card", []string{"prepare", "--survey", dir, "--out", filepath.Join(dir, "o")}, exitUsage, []string{"需要 --survey", "--card"}},
		{"bad --as-of", []string{"prepare", "--as-of", "明天"}, exitUsage, []string{"--as-of"}},
		{"an unreadable survey file", []string{"prepare", "--survey", writeFile(t, dir, "坏.xlsx", "不是工作簿"), "--card", writeFile(t, dir, "card.csv", "身份证号,发放金额,发放日期\n"), "--out", filepath.Join(dir, "o3"), "-q"}, exitInputFail, []string{"坏.xlsx"}},
		{"an input path that is not there", []string{"prepare", "--survey", filepath.Join(dir, "无"), "--card", dir, "-q"}, exitUsage, []string{"找不到输入路径"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var out, errb bytes.Buffer
			code := run(tc.args, &out, &errb)
			all := out.String() + errb.String()
			if code != tc.code {
				t.Errorf("exit %d, want %d\n%s", code, tc.code, all)
			}
			for _, s := range tc.say {
				if !strings.Contains(all, s) {
					t.Errorf("output lacks %q:\n%s", s, all)
				}
			}
		})
	}

	out := filepath.Join(dir, "prep")
	var stdout, stderr bytes.Buffer
	if code := run([]string{"prepare", "--out", out, "-q"}, &stdout, &stderr); code != exitOK {
		t.Fatalf("prepare on the sample county: exit %d\n%s", code, stderr.String())
	}
	forms, _ := filepath.Glob(filepath.Join(out, "forms", "*", "*-入户排查表.xlsx"))
	statements, _ := filepath.Glob(filepath.Join(out, "statements", "*", "*-一卡通明细.xlsx"))
	if len(forms) == 0 || len(forms) != len(statements) {
		t.Errorf("%d forms and %d statements, want one of each per village", len(forms), len(statements))
	}
	for _, p := range append([]string{out}, forms...) {
		fi, err := os.Stat(p)
		if err != nil {
			t.Fatal(err)
		}
		want := os.FileMode(0o600)
		if fi.IsDir() {
			want = 0o700
		}
		if fi.Mode().Perm() != want {
			t.Errorf("%s: mode %v, want %v", p, fi.Mode().Perm(), want)
		}
	}
}
