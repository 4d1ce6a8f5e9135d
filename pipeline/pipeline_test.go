package pipeline_test

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/paicha/paicha/pipeline"
	"github.com/paicha/paicha/pipeline/discover"
	"github.com/paicha/paicha/pipeline/read"
	"github.com/paicha/paicha/pipeline/write"
	"github.com/paicha/paicha/rules"
)

// The public conformance set lives beside the repository (../shared) on the
// developers' machines and in CI.
func conformanceDir(t *testing.T) string {
	t.Helper()
	dir, err := filepath.Abs("../../shared/conformance")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dir, "check.py")); err != nil {
		t.Skip("no conformance set at ../shared/conformance")
	}
	return dir
}

func run(t *testing.T, cfg pipeline.Config) *pipeline.Report {
	t.Helper()
	rep, err := pipeline.Run(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	return rep
}

func check(t *testing.T, conf, expected, out string) {
	t.Helper()
	if _, err := exec.LookPath("python3"); err != nil {
		t.Skip("python3 not installed: the checker cannot run")
	}
	cmd := exec.Command("python3", filepath.Join(conf, "check.py"), filepath.Join(conf, expected), out)
	b, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("conformance %s failed:\n%s", expected, b)
	}
	lines := strings.Split(strings.TrimSpace(string(b)), "\n")
	t.Log(lines[len(lines)-1])
}

func TestConformance(t *testing.T) {
	conf := conformanceDir(t)
	in := filepath.Join(conf, "inputs")
	t.Run("scenario 1: defaults, files by kind", func(t *testing.T) {
		out := filepath.Join(t.TempDir(), "out")
		rep := run(t, pipeline.Config{
			Inputs: []discover.Spec{{Path: filepath.Join(in, "survey"), Kind: "survey"},
				{Path: filepath.Join(in, "card"), Kind: "card"}, {Path: filepath.Join(in, "medical"), Kind: "medical"}},
			Out: out, Params: rules.Defaults(), Formats: write.Formats{CSV: true, XLSX: true},
		})
		if rep.InputFailed() {
			t.Errorf("input failure reported: %v", rep.Notices)
		}
		check(t, conf, "expected.json", out)
	})
	t.Run("scenario 2: --in, as of 2023-03-01, params.toml", func(t *testing.T) {
		p := rules.Defaults()
		text, err := os.ReadFile(filepath.Join(conf, "params.toml"))
		if err != nil {
			t.Fatal(err)
		}
		if err := p.LoadTOML(string(text), "params.toml"); err != nil {
			t.Fatal(err)
		}
		p.AsOf, _ = rules.ParseDate("2023-03-01")
		out := filepath.Join(t.TempDir(), "out")
		run(t, pipeline.Config{Inputs: []discover.Spec{{Path: in}}, Out: out, Params: p, Formats: write.Formats{CSV: true}})
		check(t, conf, "expected-asof-20230301.json", out)
	})
}

// Same inputs and parameters → byte-identical CSV outputs (SPEC §7), whatever
// the number of parallel readers.
// The same inputs give byte-identical outputs however many workers read
// them, and whether the run's database is held in memory or, as for inputs
// bigger than the memory limit, in a file under the temporary folder (which
// is left empty afterwards), and when the CSV files are parsed in chunks of
// a few kilobytes, each chunk's buffer read into again once its rows are
// loaded (scrubbed first, TestMain).
func TestDeterministic(t *testing.T) {
	conf := conformanceDir(t)
	var outs []string
	for _, tc := range []struct {
		workers int
		disk    bool
		chunk   int // bytes; 0: read.ChunkSize as it is
	}{{1, false, 0}, {4, false, 0}, {2, true, 0}, {2, false, 8 << 10}} {
		func() {
			if tc.disk {
				defer pipeline.ForceDiskDB()()
			}
			if tc.chunk > 0 {
				defer func(old int) { read.ChunkSize = old }(read.ChunkSize)
				read.ChunkSize = tc.chunk
			}
			out, tmp := filepath.Join(t.TempDir(), "out"), t.TempDir()
			run(t, pipeline.Config{Inputs: []discover.Spec{{Path: filepath.Join(conf, "inputs")}}, Out: out,
				Params: rules.Defaults(), Formats: write.Formats{CSV: true}, Workers: tc.workers, TempDir: tmp})
			if left, _ := os.ReadDir(tmp); len(left) > 0 {
				t.Errorf("workers %d, disk %v: the temporary folder still holds %v", tc.workers, tc.disk, left)
			}
			outs = append(outs, out)
		}()
	}
	for _, f := range []string{"candidates.csv", "elimination.csv", "discrepancies.csv", "rejects.csv", "summary.json"} {
		a, err := os.ReadFile(filepath.Join(outs[0], f))
		if err != nil {
			t.Fatal(err)
		}
		for i, o := range outs[1:] {
			b, err := os.ReadFile(filepath.Join(o, f))
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(a, b) {
				t.Errorf("%s differs between runs 1 and %d", f, i+2)
			}
		}
	}
}
