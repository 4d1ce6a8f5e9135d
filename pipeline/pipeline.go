// Package pipeline wires the stages of `paicha compare` together:
// discover → read → normalise → load → run rules → write. Data flows one way,
// through the DuckDB tables the load stage owns.
package pipeline

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"runtime"
	"sort"
	"time"

	"golang.org/x/sync/errgroup"

	"github.com/paicha/paicha/pipeline/discover"
	"github.com/paicha/paicha/pipeline/ingest"
	"github.com/paicha/paicha/pipeline/load"
	"github.com/paicha/paicha/pipeline/write"
	"github.com/paicha/paicha/rules"
)

// Config is one comparison run.
type Config struct {
	Inputs  []discover.Spec
	Out     string
	Params  rules.Params
	Formats write.Formats
	Workers int // parallel readers; 0 = number of CPUs

	DBPath      string // keep the run's database here; "" = in memory
	Threads     int    // DuckDB threads; 0 = all cores
	MemoryLimit string // DuckDB memory_limit, e.g. "4GB"
	TempDir     string // DuckDB spill folder

	// Progress, if set, is told what each stage is doing.
	Progress func(stage string, done, total int)
}

// Stage timings, for the log and `make bench`.
type Timing struct {
	Stage    string        `json:"stage"`
	Duration time.Duration `json:"duration_ns"`
}

// Report is what a run did.
type Report struct {
	Sheets  []ingest.Sheet
	Notices []ingest.Notice
	Counts  *rules.Counts
	Timings []Timing
	Rows    int // input rows read
}

// InputFailed reports whether some input file (or a sheet that looks like an
// input) could not be read: the run then exits 3 (SPEC §1).
func (r *Report) InputFailed() bool {
	for _, n := range r.Notices {
		if n.Failed {
			return true
		}
	}
	return false
}

// ErrNoInput is returned when the PATHs hold no input file at all.
var ErrNoInput = errors.New("在给出的路径下没有找到 .xlsx、.xlsm、.xls 或 .csv 文件")

// Run performs the comparison and writes the outputs into cfg.Out atomically.
func Run(ctx context.Context, cfg Config) (*Report, error) {
	rep := &Report{}
	stage := func(name string, start time.Time) {
		rep.Timings = append(rep.Timings, Timing{name, time.Since(start)})
	}

	t := time.Now()
	files, err := discover.Find(cfg.Inputs)
	if err != nil {
		return nil, err
	}
	if len(files) == 0 {
		return nil, ErrNoInput
	}
	stage("discover", t)

	db, err := load.Open(ctx, load.Options{Path: cfg.DBPath, Threads: cfg.Threads, MemoryLimit: cfg.MemoryLimit, TempDir: cfg.TempDir})
	if err != nil {
		return nil, err
	}
	defer db.Close()

	t = time.Now()
	results, err := readAll(ctx, db, files, cfg)
	if err != nil {
		return nil, err
	}
	repeats, err := db.Finish(ctx)
	if err != nil {
		return nil, err
	}
	for _, r := range results {
		rep.Sheets = append(rep.Sheets, r.Sheets...)
		rep.Notices = append(rep.Notices, r.Notices...)
	}
	settleRepeats(rep.Sheets, repeats)
	for _, s := range rep.Sheets {
		rep.Rows += s.Read
	}
	stage("read+load", t)

	t = time.Now()
	conn, err := db.SQL.Conn(ctx)
	if err != nil {
		return nil, fmt.Errorf("pipeline: %w", err)
	}
	defer conn.Close()
	if rep.Counts, err = rules.Run(ctx, conn, cfg.Params); err != nil {
		return nil, err
	}
	stage("rules", t)

	t = time.Now()
	out, err := outputs(ctx, conn, cfg, rep)
	if err != nil {
		return nil, err
	}
	if err := write.Write(ctx, out); err != nil {
		return nil, err
	}
	stage("write", t)
	return rep, nil
}

// readAll reads the files in parallel, cfg.Workers at a time, each worker on
// its own database connection. Results come back in input order.
func readAll(ctx context.Context, db *load.DB, files []discover.File, cfg Config) ([]*ingest.Result, error) {
	workers := cfg.Workers
	if workers <= 0 {
		workers = runtime.NumCPU()
	}
	workers = min(workers, len(files))
	results := make([]*ingest.Result, len(files))
	next := make(chan int)
	g, gctx := errgroup.WithContext(ctx)
	g.Go(func() error {
		defer close(next)
		for i := range files {
			select {
			case next <- i:
			case <-gctx.Done():
				return gctx.Err()
			}
		}
		return nil
	})
	done := make(chan struct{}, len(files))
	for w := 0; w < workers; w++ {
		g.Go(func() (err error) {
			sess, err := db.NewSession(gctx)
			if err != nil {
				return err
			}
			defer func() {
				if cerr := sess.Close(); err == nil {
					err = cerr
				}
			}()
			for i := range next {
				f := files[i]
				r, err := ingest.File(gctx, sess, ingest.Input{Path: f.Path, Kind: ingest.Kind(f.Kind), Ord: i})
				if err != nil {
					return fmt.Errorf("%s: %w", f.Path, err)
				}
				results[i] = r
				done <- struct{}{}
				if cfg.Progress != nil {
					cfg.Progress("read", len(done), len(files))
				}
			}
			return nil
		})
	}
	if err := g.Wait(); err != nil {
		return nil, err
	}
	return results, nil
}

// settleRepeats moves rows dropped as repeated serials from loaded to skipped.
func settleRepeats(sheets []ingest.Sheet, repeats []load.Repeat) {
	for _, r := range repeats {
		for i := range sheets {
			if sheets[i].File == r.File && sheets[i].Sheet == r.Sheet {
				sheets[i].Loaded -= r.Rows
				sheets[i].Skipped[ingest.SkipDuplicate] += r.Rows
			}
		}
	}
}

// summary is summary.json (SPEC §6).
type summary struct {
	Files       []summaryFile  `json:"files"`
	Rules       map[string]int `json:"rules"`
	Candidates  map[string]int `json:"candidates"`
	Elimination map[string]int `json:"elimination"`
	Households  int            `json:"households"`
	Parameters  map[string]any `json:"parameters"`
	Notices     []string       `json:"notices"`
}

type summaryFile struct {
	ingest.Sheet
	Error string `json:"error,omitempty"`
}

func summaryJSON(rep *Report, p rules.Params) ([]byte, error) {
	s := summary{
		Files:       []summaryFile{},
		Rules:       rep.Counts.Discrepancies,
		Candidates:  rep.Counts.Candidates,
		Elimination: rep.Counts.Elimination,
		Households:  rep.Counts.Households,
		Parameters:  p.Summary(),
		Notices:     []string{},
	}
	for _, sh := range rep.Sheets {
		s.Files = append(s.Files, summaryFile{Sheet: sh})
	}
	// A file that could not be read at all still gets its line.
	withSheets := map[string]bool{}
	for _, sh := range rep.Sheets {
		withSheets[sh.File] = true
	}
	for _, n := range rep.Notices {
		s.Notices = append(s.Notices, n.String())
		if n.Failed && !withSheets[n.File] {
			withSheets[n.File] = true
			s.Files = append(s.Files, summaryFile{Sheet: ingest.Sheet{File: n.File, Sheet: n.Sheet, Skipped: map[string]int{}}, Error: n.Message})
		}
	}
	sort.SliceStable(s.Files, func(i, j int) bool { return s.Files[i].File < s.Files[j].File })
	b, err := json.MarshalIndent(s, "", "  ")
	if err != nil {
		return nil, err
	}
	return append(b, '\n'), nil
}
