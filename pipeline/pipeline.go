// Package pipeline wires the stages of `paicha compare` together:
// discover → read → normalise → load → run rules → write. Data flows one way,
// through the DuckDB tables the load stage owns.
package pipeline

import (
	"context"
	"fmt"
	"os"
	"runtime"
	"runtime/debug"
	"sort"
	"sync/atomic"
	"time"

	"golang.org/x/sync/errgroup"

	"github.com/paicha/paicha/pipeline/changes"
	"github.com/paicha/paicha/pipeline/discover"
	"github.com/paicha/paicha/pipeline/ingest"
	"github.com/paicha/paicha/pipeline/load"
	"github.com/paicha/paicha/pipeline/normalize"
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

	DBPath      string // keep the run's database here (rundb.go); "" = in memory, dropped
	Threads     int    // DuckDB threads; 0 = all cores
	MemoryLimit string // DuckDB memory_limit, e.g. "4GB"; "" = load.DefaultMemoryLimit
	TempDir     string // DuckDB spill folder

	// Limits that protect the machine: an input file bigger than MaxFileSize
	// bytes, or a sheet with more than MaxCells cells, is that file's failure
	// (exit 3) and the other files are still read. 0 = the default, < 0 =
	// no limit.
	MaxFileSize int64
	MaxCells    int64

	// Settings name, for the notices, the settings that raise those limits
	// and say what kind a file is, as the command spells them.
	Settings ingest.Settings

	// Progress, if set, is told what each stage is doing.
	Progress func(stage string, done, total int)

	// Changes adds changes.csv and the 变化 sheet (`paicha nightly`): what is
	// new, resolved or changed since the run in the folder Previous, whose
	// CSV lists are compared with this run's. Previous "" with Changes set is
	// a first run: an empty changes list. Previous set implies Changes.
	Changes  bool
	Previous string
}

// Stage timings, for the log and `make bench`.
type Timing struct {
	Stage    string        `json:"stage"`
	Duration time.Duration `json:"duration_ns"`
	CPU      time.Duration `json:"cpu_ns"` // CPU time of the whole process during the stage; 0 = not measured
}

// Report is what a run did.
type Report struct {
	Sheets  []ingest.Sheet
	Notices []ingest.Notice
	Counts  *rules.Counts
	Timings []Timing
	Rows    int // input rows read

	// Changes counts the changes list per kind (新增, 已解决, 有变化); nil
	// when the run did not compute changes.
	Changes  map[string]int
	Previous string // the run compared with ("" = none: a first run)
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

// Default input limits: far above any real export (a county's whole 一卡通
// year is a few hundred MB and tens of millions of cells), far below what
// would exhaust a bureau's machine.
const (
	DefaultMaxFileSize = 2 << 30
	DefaultMaxCells    = 200_000_000
)

// Run performs the comparison and writes the outputs into cfg.Out atomically.
// Its errors never carry a full ID number (SPEC §7).
func Run(ctx context.Context, cfg Config) (*Report, error) {
	rep, err := run(ctx, cfg)
	if err != nil {
		return nil, maskedError{err}
	}
	return rep, nil
}

// maskedError shows an error with every ID number in its text masked (a
// database or library error may quote a value); errors.Is/As still see the
// original.
type maskedError struct{ err error }

func (e maskedError) Error() string { return normalize.MaskIDs(e.err.Error()) }
func (e maskedError) Unwrap() error { return e.err }

func run(ctx context.Context, cfg Config) (*Report, error) {
	rep := &Report{}
	var cpu time.Duration
	begin := func() time.Time {
		cpu = processCPU()
		return time.Now()
	}
	stage := func(name string, start time.Time) {
		rep.Timings = append(rep.Timings, Timing{name, time.Since(start), processCPU() - cpu})
	}

	t := begin()
	files, err := discover.Find(cfg.Inputs)
	if err != nil {
		return nil, err
	}
	if len(files) == 0 {
		return nil, ErrNoInput
	}
	stage("discover", t)
	cfg.report("discover", len(files), len(files))

	sizes := fileSizes(files)
	db, err := openRunDB(ctx, &cfg, sum(sizes))
	if err != nil {
		return nil, err
	}
	defer db.cleanup()

	t = begin()
	results, err := readAll(ctx, db.DB, files, sizes, cfg)
	if err != nil {
		return nil, err
	}
	cfg.report("finish", 0, 1)
	repeats, err := db.Finish(ctx)
	if err != nil {
		return nil, err
	}
	cfg.report("finish", 1, 1)
	// The Go memory of the loading (the serials' fingerprints, 4 bytes a
	// payment row, and what the GC let pile up beside them) goes back to
	// the system before the rules need DuckDB's.
	debug.FreeOSMemory()
	rep.gather(results, repeats)
	if err := db.InputKinds(ctx, rep.kinds()); err != nil {
		return nil, err
	}
	stage("read+load", t)

	t = begin()
	conn, err := db.SQL.Conn(ctx)
	if err != nil {
		return nil, fmt.Errorf("pipeline: %w", err)
	}
	defer conn.Close()
	if rep.Counts, err = rules.RunProgress(ctx, conn, cfg.Params, func(done, total int) { cfg.report("rules", done, total) }); err != nil {
		return nil, err
	}
	stage("rules", t)

	if cfg.Changes || cfg.Previous != "" {
		t = begin()
		rep.Previous = cfg.Previous
		if rep.Changes, err = changes.Compute(ctx, conn, cfg.Previous); err != nil {
			return nil, err
		}
		stage("changes", t)
	}

	t = begin()
	cfg.report("write", 0, 1)
	out, err := outputs(ctx, conn, cfg, rep)
	if err != nil {
		return nil, err
	}
	if err := write.Write(ctx, out); err != nil {
		return nil, err
	}
	cfg.report("write", 1, 1)
	stage("write", t)
	conn.Close()
	if err := db.keep(); err != nil {
		return nil, err
	}
	return rep, nil
}

// gather takes the sheets and notices of the files read, in input order,
// with the rows dropped as repeated serials moved from loaded to skipped.
func (r *Report) gather(results []*ingest.Result, repeats []load.Repeat) {
	for _, res := range results {
		r.Sheets = append(r.Sheets, res.Sheets...)
		r.Notices = append(r.Notices, res.Notices...)
	}
	for _, rp := range repeats {
		for i := range r.Sheets {
			if r.Sheets[i].File == rp.File && r.Sheets[i].Sheet == rp.Sheet {
				r.Sheets[i].Loaded -= rp.Rows
				r.Sheets[i].Skipped[ingest.SkipDuplicate] += rp.Rows
			}
		}
	}
	for _, s := range r.Sheets {
		r.Rows += s.Read
	}
}

// kinds are the kinds of the sheets read.
func (r *Report) kinds() []string {
	kinds := make([]string, len(r.Sheets))
	for i, s := range r.Sheets {
		kinds[i] = string(s.Kind)
	}
	return kinds
}

// readAll reads the files in parallel, cfg.Workers at a time, each worker on
// its own database connection. Results come back in input order.
func readAll(ctx context.Context, db *load.DB, files []discover.File, size []int64, cfg Config) ([]*ingest.Result, error) {
	workers := cfg.Workers
	if workers <= 0 {
		workers = runtime.NumCPU()
	}
	workers = min(workers, len(files))
	results := make([]*ingest.Result, len(files))
	next := make(chan int)
	g, gctx := errgroup.WithContext(ctx)
	// Largest files first: a county's one big payment export then overlaps
	// the hundreds of small workbooks instead of running alone at the end.
	// Results stay in input order whatever order they are read in.
	order := make([]int, len(files))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool { return size[order[a]] > size[order[b]] })
	g.Go(func() error {
		defer close(next)
		for _, i := range order {
			select {
			case next <- i:
			case <-gctx.Done():
				return gctx.Err()
			}
		}
		return nil
	})
	done := make(chan struct{}, len(files))
	var rows atomic.Int64
	// The workers of a big sheet load through sessions of their own.
	openSink := func(ctx context.Context) (ingest.Sink, func() error, error) {
		sess, err := db.NewSession(ctx)
		if err != nil {
			return nil, nil, err
		}
		return cfg.countRows(sess, &rows), sess.Close, nil
	}
	for w := 0; w < workers; w++ {
		g.Go(func() (err error) {
			sess, err := db.NewSession(gctx)
			if err != nil {
				return err
			}
			sink := cfg.countRows(sess, &rows)
			defer func() {
				if cerr := sess.Close(); err == nil {
					err = cerr
				}
			}()
			for i := range next {
				f := files[i]
				r, err := readFile(gctx, sink, ingest.Input{Path: f.Path, Kind: ingest.Kind(f.Kind), Ord: i,
					MaxFileSize: limit(cfg.MaxFileSize, DefaultMaxFileSize), MaxCells: limit(cfg.MaxCells, DefaultMaxCells),
					Settings: cfg.Settings, OpenSink: openSink})
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
	cfg.report("rows", int(rows.Load()), -1)
	return results, nil
}

// fileSizes are the input files' sizes in bytes (0 where unknown).
func fileSizes(files []discover.File) []int64 {
	sizes := make([]int64, len(files))
	for i, f := range files {
		if fi, err := os.Stat(f.Path); err == nil {
			sizes[i] = fi.Size()
		}
	}
	return sizes
}

func sum(ns []int64) int64 {
	var total int64
	for _, n := range ns {
		total += n
	}
	return total
}

// limit applies the Config convention: 0 = the default, < 0 = none.
func limit(v, def int64) int64 {
	switch {
	case v == 0:
		return def
	case v < 0:
		return 0
	}
	return v
}

// readFile reads one file. A panic while reading it (a reader bug on a
// malformed file) fails that file, not the run: it becomes the file's
// notice, without a stack trace or any ID number.
func readFile(ctx context.Context, sink ingest.Sink, in ingest.Input) (r *ingest.Result, err error) {
	defer func() {
		if p := recover(); p != nil {
			msg := []rune(normalize.MaskIDs(fmt.Sprint(p)))
			if len(msg) > 200 {
				msg = append(msg[:200], '…')
			}
			r, err = &ingest.Result{Notices: []ingest.Notice{{File: in.Path, Failed: true,
				Message: "读取这个文件时程序出错（" + string(msg) + "），文件可能已损坏；请用Excel打开后另存为.xlsx再试，并把这个文件报告给维护人员"}}}, nil
		}
	}()
	return ingest.File(ctx, sink, in)
}
