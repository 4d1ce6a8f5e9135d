package pipeline_test

import (
	"bufio"
	"context"
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/paicha/paicha/pipeline"
	"github.com/paicha/paicha/pipeline/discover"
	"github.com/paicha/paicha/pipeline/write"
	"github.com/paicha/paicha/rules"
)

// badCorpus lists testdata/bad/CORPUS.tsv: file → kind, and whether the
// file fails (exit 3). cmd/paicha's tests run the binary over it; these run
// the pipeline in process, under the race detector in `make test-race`.
func badCorpus(t *testing.T) (dir string, files []string, kind map[string]string, fails map[string]bool) {
	t.Helper()
	dir = filepath.Join("testdata", "bad")
	f, err := os.Open(filepath.Join(dir, "CORPUS.tsv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	kind, fails = map[string]string{}, map[string]bool{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if l := sc.Text(); l != "" && !strings.HasPrefix(l, "#") {
			p := strings.Split(l, "\t")
			files = append(files, p[0])
			kind[p[0]], fails[p[0]] = p[1], p[2] == "3"
		}
	}
	return dir, files, kind, fails
}

// settled waits for the goroutines started by a run to end.
func settled(t *testing.T, before int) {
	t.Helper()
	for end := time.Now().Add(5 * time.Second); time.Now().Before(end); time.Sleep(10 * time.Millisecond) {
		if runtime.NumGoroutine() <= before {
			return
		}
	}
	buf := make([]byte, 1<<20)
	t.Errorf("%d goroutines left behind:\n%s", runtime.NumGoroutine()-before, buf[:runtime.Stack(buf, true)])
}

// Each bad file alone, and all together: no panic, no error, the failure
// reported as a notice (exit 3) or not, no goroutine left behind.
func TestBadCorpusInProcess(t *testing.T) {
	dir, files, kind, fails := badCorpus(t)
	one := func(t *testing.T, names ...string) *pipeline.Report {
		var specs []discover.Spec
		for _, n := range names {
			specs = append(specs, discover.Spec{Path: filepath.Join(dir, n), Kind: kind[n]})
		}
		before := runtime.NumGoroutine()
		rep, err := pipeline.Run(context.Background(), pipeline.Config{Inputs: specs, Out: filepath.Join(t.TempDir(), "out"),
			Params: rules.Defaults(), Formats: write.Formats{CSV: true, XLSX: true}, Workers: 2})
		if err != nil {
			t.Fatal(err)
		}
		settled(t, before)
		return rep
	}
	for _, n := range files {
		t.Run(n, func(t *testing.T) {
			if rep := one(t, n); rep.InputFailed() != fails[n] {
				t.Errorf("InputFailed = %v, want %v: %v", rep.InputFailed(), fails[n], rep.Notices)
			}
		})
	}
	t.Run("all", func(t *testing.T) {
		if rep := one(t, files...); !rep.InputFailed() {
			t.Error("no failure reported")
		}
	})
}

// A cancelled run returns the context's error, writes nothing and leaves
// no goroutine behind, wherever the cancellation lands.
func TestCancel(t *testing.T) {
	dir, files, kind, _ := badCorpus(t)
	var specs []discover.Spec
	for _, n := range files {
		specs = append(specs, discover.Spec{Path: filepath.Join(dir, n), Kind: kind[n]})
	}
	for _, after := range []time.Duration{0, time.Millisecond, 5 * time.Millisecond, 20 * time.Millisecond, 50 * time.Millisecond} {
		before := runtime.NumGoroutine()
		ctx, cancel := context.WithTimeout(context.Background(), after)
		out := filepath.Join(t.TempDir(), "out")
		_, err := pipeline.Run(ctx, pipeline.Config{Inputs: specs, Out: out, Params: rules.Defaults(),
			Formats: write.Formats{CSV: true, XLSX: true}, Workers: 2})
		cancel()
		if err == nil {
			continue // finished first
		}
		if !errors.Is(err, context.DeadlineExceeded) && ctx.Err() == nil {
			t.Errorf("after %v: %v", after, err)
		}
		if _, serr := os.Stat(out); !errors.Is(serr, os.ErrNotExist) {
			t.Errorf("after %v: output folder written by a cancelled run", after)
		}
		ents, _ := os.ReadDir(filepath.Dir(out))
		if len(ents) != 0 {
			t.Errorf("after %v: left behind %v", after, ents)
		}
		settled(t, before)
	}
}
