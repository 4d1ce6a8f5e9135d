package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/paicha/paicha/fixtures"
)

// TestUsageExit: a usage error exits 2 whichever stage finds it (SPEC §1),
// named as the user gave it.
func TestUsageExit(t *testing.T) {
	dir := t.TempDir()
	for _, tc := range []struct {
		name string
		args []string
		say  string
	}{
		{"--db names a folder", []string{"compare", "--db", dir, "--out", filepath.Join(dir, "out"), "--format", "csv", "-q"}, "--db " + dir + " 是文件夹"},
		{"an input path that is not there", []string{"compare", "--card", filepath.Join(dir, "无此文件夹"), "-q"}, "找不到输入路径 " + filepath.Join(dir, "无此文件夹") + "（--card）"},
		{"bad --max-file-size", []string{"compare", "--max-file-size", "lots"}, "--max-file-size \"lots\""},
		{"bad max_file_size in the config", []string{"compare", "--config", writeFile(t, dir, "c.toml", "max_file_size = \"lots\"\n")}, "max_file_size \"lots\""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var out, errb bytes.Buffer
			code := run(tc.args, &out, &errb)
			if code != exitUsage || !strings.Contains(errb.String(), tc.say) {
				t.Errorf("exit %d, want %d; stderr lacks %q:\n%s", code, exitUsage, tc.say, errb.String())
			}
		})
	}
}

// TestNightlyNamesItsKeys: nightly's notices name its config keys, never a
// flag it does not have; the limit comes from the config file.
func TestNightlyNamesItsKeys(t *testing.T) {
	base := t.TempDir()
	data := filepath.Join(base, "data")
	if _, err := fixtures.Generate(context.Background(), data, fixtures.Options{Households: 30, Seed: 2}); err != nil {
		t.Fatal(err)
	}
	conf := writeFile(t, base, "county.toml", "max_file_size = \"1KB\"\n[inputs]\nsurvey = [\"data/survey\"]\ncard = [\"data/card\"]\n[output]\nroot = \"out\"\n")
	var out, errb bytes.Buffer
	code := run([]string{"nightly", "--config", conf, "-q"}, &out, &errb)
	if code != exitInputFail {
		t.Fatalf("exit %d, want %d\n%s", code, exitInputFail, errb.String())
	}
	if s := errb.String(); !strings.Contains(s, "超过上限1KB（配置文件的 max_file_size）") || strings.Contains(s, "--max-file-size") {
		t.Errorf("stderr names the limit wrongly:\n%s", s)
	}
}

func writeFile(t *testing.T, dir, name, text string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}
