package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/paicha/paicha/fixtures"
	"github.com/paicha/paicha/pipeline/nightly"
)

// The exit statuses a scheduler acts on (SPEC §1).
func TestNightlyExitStatus(t *testing.T) {
	base := t.TempDir()
	data := filepath.Join(base, "data")
	if _, err := fixtures.Generate(context.Background(), data, fixtures.Options{Households: 60, Seed: 1}); err != nil {
		t.Fatal(err)
	}
	conf := filepath.Join(base, "county.toml")
	if err := os.WriteFile(conf, []byte("[inputs]\nin = [\"data\"]\n[output]\nroot = \"out\"\nkeep = 3\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	root := filepath.Join(base, "out")
	nightlyRun := func(args ...string) (int, string, string) {
		var out, errb bytes.Buffer
		code := run(append([]string{"nightly"}, args...), &out, &errb)
		return code, out.String(), errb.String()
	}
	for _, tc := range []struct {
		name  string
		setup func()
		args  []string
		code  int
		say   string // in stdout or stderr
	}{
		{"no config", nil, nil, exitUsage, "--config"},
		{"missing config file", nil, []string{"--config", filepath.Join(base, "none.toml")}, exitUsage, "无法读取配置文件"},
		{"first run", nil, []string{"--config", conf}, exitOK, "第一次运行"},
		{"second run", nil, []string{"--config", conf}, exitOK, "新增 0 条"},
		{"unreadable input file", func() {
			if err := os.WriteFile(filepath.Join(data, "card", "坏文件.xlsx"), []byte("not a workbook"), 0o600); err != nil {
				t.Fatal(err)
			}
		}, []string{"--config", conf}, exitInputFail, "坏文件.xlsx"},
		{"locked", func() {
			l, _, err := nightly.Acquire(root, nightly.Holder{PID: os.Getpid(), Run: "x", Started: time.Now()})
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { l.Release() })
		}, []string{"--config", conf}, exitFailure, "正在进行"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if tc.setup != nil {
				tc.setup()
			}
			code, out, errs := nightlyRun(tc.args...)
			if code != tc.code || !strings.Contains(out+errs, tc.say) {
				t.Errorf("exit %d, want %d; output lacks %q:\n%s%s", code, tc.code, tc.say, out, errs)
			}
		})
	}
	lines, err := nightly.ReadRunLines(root)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, l := range lines {
		got = append(got, l.Status)
	}
	if strings.Join(got, " ") != "ok ok input_failed locked" {
		t.Errorf("runs.jsonl statuses %v", got)
	}
}
