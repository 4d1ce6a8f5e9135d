package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// TestSpillStaysInTempDir: with a memory limit small enough that DuckDB
// spills, its temporary files go only into --temp-dir (the system's
// temporary folder, TMPDIR, stays empty) and are gone after the run, also
// after Ctrl+C while it spills (issue #30).
func TestSpillStaysInTempDir(t *testing.T) {
	for _, interrupt := range []bool{false, true} {
		name := "finished"
		if interrupt {
			name = "Ctrl+C while spilling"
		}
		t.Run(name, func(t *testing.T) {
			temp, sysTemp := t.TempDir(), t.TempDir()
			out := filepath.Join(t.TempDir(), "out")
			// 100MB is a quarter of what the county needs: the rules spill.
			args := append([]string{"compare", "--format", "csv", "--threads", "2", "--memory-limit", "100MB", "--temp-dir", temp, "--out", out}, bigCounty(t)...)
			cmd := exec.Command(paichaBin(t), args...)
			cmd.Env = append(os.Environ(), "TMPDIR="+sysTemp)
			var stderr bytes.Buffer
			cmd.Stderr = &stderr
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			spilled := waitFor(func() bool { return len(spillFiles(temp)) > 0 })
			if interrupt && spilled {
				if err := cmd.Process.Signal(syscall.SIGINT); err != nil {
					t.Fatal(err)
				}
			}
			err := cmd.Wait()
			if !spilled {
				t.Fatalf("DuckDB never spilled into --temp-dir: the test tests nothing (%v)\n%s", err, stderr.String())
			}
			exit := cmd.ProcessState.ExitCode()
			if interrupt && (exit != 1 || !strings.Contains(stderr.String(), "已中断")) {
				t.Fatalf("exit %d, want 1 and 已中断\n%s", exit, stderr.String())
			}
			if !interrupt && exit != 0 {
				t.Fatalf("exit %d\n%s", exit, stderr.String())
			}
			if left := allFiles(temp); len(left) > 0 {
				t.Errorf("left in --temp-dir: %v", left)
			}
			if left := allFiles(sysTemp); len(left) > 0 {
				t.Errorf("written to the system temporary folder: %v", left)
			}
		})
	}
}

// spillFiles are DuckDB's temporary files under dir.
func spillFiles(dir string) []string {
	var fs []string
	for _, f := range allFiles(dir) {
		if strings.HasPrefix(filepath.Base(f), "duckdb_temp") {
			fs = append(fs, f)
		}
	}
	return fs
}

// allFiles is every file and folder under dir.
func allFiles(dir string) []string {
	var fs []string
	filepath.Walk(dir, func(p string, _ os.FileInfo, err error) error {
		if err == nil && p != dir {
			fs = append(fs, p)
		}
		return nil
	})
	return fs
}
