// Package pipeline wires the stages of `paicha compare` together:
// discover → read → normalise → load → run rules → write. Data flows one way,
// through the DuckDB tables the load stage owns.
package pipeline

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"sort"
	"sync"
	"sync/atomic"
	"time"

	"golang.org/x/sync/errgroup"

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
	MemoryLimit string // DuckDB memory_limit, e.g. "4GB"; "" = DefaultMemoryLimit
	TempDir     string // DuckDB spill folder

	// Limits that protect the machine: an input file bigger than MaxFileSize
	// bytes, or a sheet with more than MaxCells cells, is that file's failure
	// (exit 3) and the other files are still read. 0 = the default, < 0 =
	// no limit.
	MaxFileSize int64
	MaxCells    int64

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

// DefaultMemoryLimit keeps a county's run within an office machine's means:
// DuckDB spills what does not fit. Measured with it: a 130,000-household
// county peaks at 1.2-1.45 GiB resident, a 1.3M-household one (5.1 GB of
// input, its tables in memory, compressed) at 2.4 GiB; with 1GB the large
// county's tables outgrow memory and its run database is a file, 15-40%
// slower.
const DefaultMemoryLimit = "2GB"

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

// ErrNoInput is returned when the PATHs hold no input file at all.
var ErrNoInput = errors.New("在给出的路径下没有找到 .xlsx、.xlsm、.xls 或 .csv 文件")

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

func (e maskedError) Error() string { return normalize.MaskIDsIn(e.err.Error()) }
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

	kept, err := newKeptDB(cfg.DBPath, cfg.Out)
	if err != nil {
		return nil, err
	}
	defer kept.discard()
	if cfg.MemoryLimit == "" {
		cfg.MemoryLimit = DefaultMemoryLimit
	}
	// Spilled rows are personal data: a private folder of the run's own, in
	// --temp-dir or the system's, removed after the run (also when it is
	// interrupted), whatever DuckDB leaves in it.
	if cfg.TempDir != "" {
		if err := os.MkdirAll(cfg.TempDir, 0o700); err != nil {
			return nil, fmt.Errorf("临时文件夹 %s（--temp-dir）无法创建，请换一个有写权限的文件夹: %w", cfg.TempDir, err)
		}
	}
	spill, err := os.MkdirTemp(cfg.TempDir, "paicha-spill-")
	if err != nil {
		return nil, fmt.Errorf("pipeline: spill folder: %w", err)
	}
	defer os.RemoveAll(spill)
	cfg.TempDir = spill
	dbPath := kept.tmp
	sizes := fileSizes(files)
	if dbPath == "" && sum(sizes) > diskThreshold(cfg.MemoryLimit) {
		// Inputs far bigger than the memory limit: the tables would not fit
		// in memory even compressed. A database file lets DuckDB page them
		// out; held in memory, they crowd out the rules' working memory until
		// a query fails. Other counties stay in memory, which is faster.
		dir, err := os.MkdirTemp(cfg.TempDir, "paicha-db-")
		if err != nil {
			return nil, fmt.Errorf("pipeline: run database folder: %w", err)
		}
		defer os.RemoveAll(dir)
		dbPath = filepath.Join(dir, DBFile)
	}
	db, err := load.Open(ctx, load.Options{Path: dbPath, Threads: cfg.Threads, MemoryLimit: cfg.MemoryLimit, TempDir: cfg.TempDir,
		CheckpointEvery: checkpointEvery(cfg.MemoryLimit), CompressFrom: compressFrom(cfg.MemoryLimit, dbPath)})
	if err != nil {
		return nil, err
	}
	closeDB := sync.OnceValue(db.Close)
	defer closeDB()
	if err := kept.private(); err != nil {
		return nil, err
	}

	t = begin()
	results, err := readAll(ctx, db, files, sizes, cfg)
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
	for _, r := range results {
		rep.Sheets = append(rep.Sheets, r.Sheets...)
		rep.Notices = append(rep.Notices, r.Notices...)
	}
	settleRepeats(rep.Sheets, repeats)
	for _, s := range rep.Sheets {
		rep.Rows += s.Read
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
		if rep.Changes, err = changes(ctx, conn, cfg.Previous); err != nil {
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
	if err := closeDB(); err != nil {
		return nil, fmt.Errorf("pipeline: close database: %w", err)
	}
	if err := kept.keep(); err != nil {
		return nil, err
	}
	return rep, nil
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
					OpenSink: openSink})
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

// diskThreshold is the input size above which the run's database is a file
// (a variable so that tests can make every run use one): four times the
// memory limit. The loaded tables, compressed (load/checkpoint.go), take
// about an eighth of their input files; measured at 1.3M households (5.1 GB
// of input), the rules ran in memory with a limit of 1 GB and ran out of
// one of 640 MB, so four times leaves them twice the room they need.
var diskThreshold = func(memoryLimit string) int64 {
	n := memoryBytes(memoryLimit)
	return min(n, math.MaxInt64/4) * 4
}

// memoryBytes reads a --memory-limit such as "1GB"; a form it does not know
// counts as unlimited (DuckDB itself still checks the value).
func memoryBytes(limit string) int64 {
	if n, ok := parseSize(limit); ok && n > 0 {
		return n
	}
	return math.MaxInt64
}

// checkpointEvery is how much loading passes between two checkpoints
// (load/checkpoint.go): an eighth of the memory limit, in Arrow bytes,
// which DuckDB holds in about twice that until a checkpoint compresses
// them.
func checkpointEvery(memoryLimit string) int64 {
	return checkpointMemory(memoryLimit) / 8
}

// compressFrom is how much loading passes before the first checkpoint: a
// quarter of the memory limit, in Arrow bytes, leaving the rules the rest
// (the 130k county's 465 MB of rows, kept as appended, raised its peak RSS
// by 280 MiB). A database file is always compressed: its checkpoints
// write the tables out.
func compressFrom(memoryLimit, dbPath string) int64 {
	if dbPath != "" {
		return 0
	}
	return checkpointMemory(memoryLimit) / 4
}

// checkpointMemory is the memory limit that checkpointEvery and
// compressFrom divide, at most 8 GB: a run with no limit (or one it cannot
// read) still compresses its tables as they grow.
func checkpointMemory(memoryLimit string) int64 {
	return min(memoryBytes(memoryLimit), 8<<30)
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
			msg := []rune(normalize.MaskIDsIn(fmt.Sprint(p)))
			if len(msg) > 200 {
				msg = append(msg[:200], '…')
			}
			r, err = &ingest.Result{Notices: []ingest.Notice{{File: in.Path, Failed: true,
				Message: "读取这个文件时程序出错（" + string(msg) + "），文件可能已损坏；请用Excel打开后另存为.xlsx再试，并把这个文件报告给维护人员"}}}, nil
		}
	}()
	return ingest.File(ctx, sink, in)
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
	Changes     *summaryChange `json:"changes,omitempty"` // only when the run compares with a previous one
}

type summaryChange struct {
	Previous string         `json:"previous"` // "" = no previous run
	Counts   map[string]int `json:"counts"`
	Note     string         `json:"note,omitempty"`
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
	if rep.Changes != nil {
		s.Changes = &summaryChange{Previous: rep.Previous, Counts: rep.Changes}
		if rep.Previous == "" {
			s.Changes.Note = NoPreviousRun
		}
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
