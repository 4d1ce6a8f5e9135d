package nightly

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/paicha/paicha/pipeline"
	"github.com/paicha/paicha/pipeline/ingest"
	"github.com/paicha/paicha/pipeline/load"
	"github.com/paicha/paicha/pipeline/normalize"
	"github.com/paicha/paicha/pipeline/write"
)

// Names inside the root and inside a run folder.
const (
	RunsDir   = "runs"       // <root>/runs/<stamp>/
	LatestDir = "latest"     // <root>/latest → runs/<stamp>
	RunsLog   = "runs.jsonl" // <root>/runs.jsonl, one line per run
	RunLog    = "run.log"    // <root>/runs/<stamp>/run.log, JSON lines
	// StampLayout names run folders: local time, sortable.
	StampLayout = "2006-01-02T150405"
	// FailedSuffix marks the folder of a run that failed: it holds only run.log.
	FailedSuffix = "-failed"
)

// Statuses in runs.jsonl.
const (
	StatusOK          = "ok"           // exit 0
	StatusInputFailed = "input_failed" // exit 3: written and published, some input file unreadable
	StatusFailed      = "failed"       // exit 1: nothing published
	StatusInterrupted = "interrupted"  // exit 1: stopped by a signal, nothing published
	StatusLocked      = "locked"       // exit 1: another run held the lock, nothing done
	StatusAbandoned   = "abandoned"    // a run that died without finishing, found by a later run
)

// Options are the run's machine settings.
type Options struct {
	Now         func() time.Time // the clock; nil = time.Now
	Workers     int
	Threads     int
	MemoryLimit string
	TempDir     string
	Version     string

	// Settings name, in the input notices, what the user changes: the
	// config file's keys (cmd/paicha words them).
	Settings ingest.Settings
	// ExitCode is the command's exit status for a run's outcome, which
	// runs.jsonl records (cmd/paicha decides it, SPEC §1).
	ExitCode func(status string, err error) int
}

// Result is what one nightly run did.
type Result struct {
	Run      string // the run's name (its folder under runs/)
	Dir      string // the published run folder; "" when nothing was published
	Previous string // the run folder compared with; "" on a first run
	Status   string
	Err      error // why the run failed (Status failed, interrupted or locked)
	Report   *pipeline.Report
	Stale    *Holder  // a lock left by a dead run, taken over
	Pruned   []string // run folders removed by the retention
	Warnings []string // things the log records as warnings
	Start    time.Time
	End      time.Time

	exitCode func(status string, err error) int
}

// Exit is the command's exit status for the run (Options.ExitCode); -1
// when no ExitCode was given.
func (r *Result) Exit() int {
	if r.exitCode == nil {
		return -1
	}
	return r.exitCode(r.Status, r.Err)
}

// Run performs one nightly run. Its outcome, also on failure, is in the
// Result, the run log and runs.jsonl.
func Run(ctx context.Context, cfg *Config, o Options) *Result {
	now := o.Now
	if now == nil {
		now = time.Now
	}
	res := &Result{Start: now(), exitCode: o.ExitCode}
	root := cfg.Root
	runs := filepath.Join(root, RunsDir)
	if err := os.MkdirAll(runs, 0o700); err != nil {
		res.fail(StatusFailed, fmt.Errorf("nightly: 无法创建 %s: %w", runs, err))
		res.End = now()
		_ = appendRunLine(root, res)
		return res
	}
	res.Run = uniqueStamp(runs, res.Start)

	lock, stale, err := Acquire(root, Holder{PID: os.Getpid(), Run: res.Run, Started: res.Start})
	if err != nil {
		status := StatusFailed
		var le *LockedError
		if errors.As(err, &le) {
			status = StatusLocked
		}
		res.fail(status, err)
		res.End = now()
		_ = appendRunLine(root, res)
		return res
	}
	defer lock.Release()
	res.Stale = stale

	// The log is written beside the run folder while the run works, and moved
	// into it once the folder is there (or into <stamp>-failed/).
	logPath := filepath.Join(runs, "."+res.Run+".log")
	logFile, err := os.OpenFile(logPath, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		res.fail(StatusFailed, fmt.Errorf("nightly: 运行日志: %w", err))
		res.End = now()
		_ = appendRunLine(root, res)
		return res
	}
	defer logFile.Close()
	log := slog.New(slog.NewJSONHandler(logFile, &slog.HandlerOptions{Level: slog.LevelInfo}))
	log.Info("run start", "run", res.Run, "pid", os.Getpid(), "version", o.Version, "config", cfg.Path,
		"root", root, "keep", cfg.Keep, "inputs", inputList(cfg), "parameters", cfg.Params.Summary())
	if stale != nil {
		res.warn(log, "took over a lock left by a run that is no longer running", "pid", stale.PID, "stale_run", stale.Run, "started", stale.Started)
	}
	for _, a := range recoverAbandoned(runs, res.Run) {
		res.warn(log, "found an earlier run that died without finishing", "abandoned_run", a)
		_ = appendRunLine(root, &Result{Run: a, Status: StatusAbandoned, exitCode: o.ExitCode,
			Err: errors.New("运行中途终止（进程被杀死或机器重启），没有发布结果")})
	}

	prev, why := previousRun(root)
	res.Previous = prev
	if prev == "" {
		log.Info("no previous run: the changes list is empty", "reason", why)
	} else {
		log.Info("previous run", "previous", filepath.Base(prev))
	}

	dir := filepath.Join(runs, res.Run)
	t := now()
	rep, err := pipeline.Run(ctx, pipeline.Config{
		Inputs: cfg.Inputs, Out: dir, Params: cfg.Params, Formats: write.Formats{CSV: true, XLSX: true},
		Workers: o.Workers, Threads: o.Threads, MemoryLimit: o.MemoryLimit, TempDir: o.TempDir,
		DBPath: filepath.Join(dir, load.DBFile), Changes: true, Previous: prev,
		MaxFileSize: cfg.MaxFileSize, MaxCells: cfg.MaxCells, Settings: o.Settings,
	})
	if err != nil {
		status := StatusFailed
		if ctx.Err() != nil {
			status, err = StatusInterrupted, fmt.Errorf("已中断（%v），没有发布结果", context.Cause(ctx))
		}
		res.fail(status, err)
		log.Error("run failed", "error", normalize.MaskIDs(err.Error()), "seconds", since(now, t))
		res.End = now()
		res.finishLog(log, now)
		// The log goes where people look: runs/<stamp>-failed/run.log.
		failed := filepath.Join(runs, res.Run+FailedSuffix)
		if os.Mkdir(failed, 0o700) == nil {
			_ = os.Rename(logPath, filepath.Join(failed, RunLog))
		}
		_ = appendRunLine(root, res)
		return res
	}
	res.Report = rep
	res.Dir = dir
	// From here the log lives in the run folder (the open file moves with it).
	if err := os.Rename(logPath, filepath.Join(dir, RunLog)); err != nil {
		res.warn(log, "could not move the run log into the run folder", "error", err.Error())
	}
	for _, tm := range rep.Timings {
		log.Info("stage", "stage", tm.Stage, "seconds", tm.Duration.Seconds())
	}
	logCounts(log, rep)
	for _, n := range rep.Notices {
		lvl := slog.LevelWarn
		if n.Failed {
			lvl = slog.LevelError
		}
		log.Log(ctx, lvl, "input notice", "file", n.File, "sheet", n.Sheet, "row", n.Row, "message", normalize.MaskIDs(n.Message), "failed", n.Failed)
		if n.Failed {
			res.Warnings = append(res.Warnings, normalize.MaskIDs(n.String()))
		}
	}
	res.Status = StatusOK
	if rep.InputFailed() {
		res.Status = StatusInputFailed
		res.warn(log, "some input files could not be read: their rows are missing from this run, and the changes list shows them as 已解决")
	}

	t = now()
	if err := pointLatest(root, res.Run); err != nil {
		res.fail(StatusFailed, err)
		log.Error("could not point latest at the run", "error", err.Error())
	} else {
		log.Info("stage", "stage", "publish", "seconds", since(now, t), "latest", res.Run)
	}

	t = now()
	pruned, err := prune(runs, cfg.Keep, res.Run)
	res.Pruned = pruned
	for _, p := range pruned {
		log.Info("pruned run", "run", p)
	}
	if err != nil {
		res.warn(log, "retention could not remove every old run", "error", err.Error())
	}
	log.Info("stage", "stage", "prune", "seconds", since(now, t), "kept", cfg.Keep, "removed", len(pruned))
	_ = syncDir(dir)

	res.End = now()
	res.finishLog(log, now)
	if err := appendRunLine(root, res); err != nil {
		// the monitoring line is part of the contract: a run that cannot
		// record itself has failed
		res.fail(StatusFailed, fmt.Errorf("nightly: %s: %w", RunsLog, err))
	}
	return res
}

func (r *Result) fail(status string, err error) {
	r.Status, r.Err = status, err
}

func (r *Result) warn(log *slog.Logger, msg string, args ...any) {
	r.Warnings = append(r.Warnings, msg)
	log.Warn(msg, args...)
}

func (r *Result) finishLog(log *slog.Logger, now func() time.Time) {
	args := []any{"run", r.Run, "status", r.Status, "exit", r.Exit(), "seconds", r.End.Sub(r.Start).Seconds()}
	if r.Err != nil {
		args = append(args, "error", normalize.MaskIDs(r.Err.Error()))
	}
	log.Info("run end", args...)
}

func since(now func() time.Time, t time.Time) float64 { return now().Sub(t).Seconds() }

func inputList(cfg *Config) []string {
	out := make([]string, len(cfg.Inputs))
	for i, in := range cfg.Inputs {
		k := in.Kind
		if k == "" {
			k = "in"
		}
		out[i] = k + ":" + in.Path
	}
	return out
}

func logCounts(log *slog.Logger, rep *pipeline.Report) {
	loaded, rejected := 0, 0
	files := map[string]bool{}
	for _, s := range rep.Sheets {
		loaded += s.Loaded
		rejected += s.Rejected
		files[s.File] = true
	}
	log.Info("rows", "files", len(files), "sheets", len(rep.Sheets), "read", rep.Rows, "loaded", loaded, "rejected", rejected)
	c := rep.Counts
	log.Info("lists", "households", c.Households, "candidates", c.Candidates, "elimination", c.Elimination,
		"discrepancies", c.Discrepancies)
	log.Info("changes", "previous", filepath.Base(rep.Previous), "counts", rep.Changes)
}

// uniqueStamp names the run after its start, with "-2", "-3"… when a run of
// the same second exists.
func uniqueStamp(runs string, t time.Time) string {
	base := t.Format(StampLayout)
	name := base
	for i := 2; ; i++ {
		if !exists(filepath.Join(runs, name)) && !exists(filepath.Join(runs, name+FailedSuffix)) &&
			!exists(filepath.Join(runs, "."+name+".log")) {
			return name
		}
		name = base + "-" + strconv.Itoa(i)
	}
}

func exists(p string) bool {
	_, err := os.Lstat(p)
	return err == nil
}

// previousRun is the run folder latest points at, when it holds the lists
// the changes are computed from; else "" and why.
func previousRun(root string) (string, string) {
	link := filepath.Join(root, LatestDir)
	target, err := os.Readlink(link)
	if errors.Is(err, fs.ErrNotExist) {
		return "", "没有上次成功的运行（" + LatestDir + " 不存在）"
	}
	if err != nil {
		return "", fmt.Sprintf("%s 不是符号链接: %v", link, err)
	}
	if !filepath.IsAbs(target) {
		target = filepath.Join(root, target)
	}
	for _, f := range []string{"candidates.csv", "elimination.csv", "discrepancies.csv"} {
		if _, err := os.Stat(filepath.Join(target, f)); err != nil {
			return "", fmt.Sprintf("上次运行 %s 缺少 %s", target, f)
		}
	}
	return target, ""
}

// pointLatest points <root>/latest at runs/<run>: a new symbolic link beside
// it renamed over it, so latest is always a whole run.
func pointLatest(root, run string) error {
	link := filepath.Join(root, LatestDir)
	tmp := filepath.Join(root, fmt.Sprintf(".%s.tmp-%d", LatestDir, os.Getpid()))
	_ = os.Remove(tmp)
	if err := os.Symlink(filepath.Join(RunsDir, run), tmp); err != nil {
		return fmt.Errorf("nightly: %s: %w", link, err)
	}
	if fi, err := os.Lstat(link); err == nil && fi.Mode()&fs.ModeSymlink == 0 {
		_ = os.Remove(tmp)
		return fmt.Errorf("nightly: %s 已存在且不是符号链接，请移走它", link)
	}
	if err := os.Rename(tmp, link); err != nil {
		_ = os.Remove(tmp)
		return fmt.Errorf("nightly: %s: %w", link, err)
	}
	return syncDir(root)
}

// prune keeps the newest keep published runs and the failed runs' folders
// no older than the oldest of them; the current run and the one latest
// points at are never removed.
func prune(runs string, keep int, current string) ([]string, error) {
	ents, err := os.ReadDir(runs)
	if err != nil {
		return nil, err
	}
	var published, failed []string
	for _, e := range ents {
		switch n := e.Name(); {
		case !e.IsDir() || strings.HasPrefix(n, "."):
		case strings.HasSuffix(n, FailedSuffix):
			failed = append(failed, n)
		default:
			published = append(published, n)
		}
	}
	sort.Strings(published)
	latest := ""
	if t, err := os.Readlink(filepath.Join(filepath.Dir(runs), LatestDir)); err == nil {
		latest = filepath.Base(t)
	}
	var drop []string
	if len(published) > keep {
		drop = append(drop, published[:len(published)-keep]...)
	}
	if len(published) > 0 {
		oldest := published[max(0, len(published)-keep)]
		for _, n := range failed {
			if strings.TrimSuffix(n, FailedSuffix) < oldest {
				drop = append(drop, n)
			}
		}
	}
	sort.Strings(drop)
	var removed []string
	var errs []error
	for _, n := range drop {
		if n == current || n == latest {
			continue
		}
		if err := os.RemoveAll(filepath.Join(runs, n)); err != nil {
			errs = append(errs, err)
			continue
		}
		removed = append(removed, n)
	}
	return removed, errors.Join(errs...)
}

// recoverAbandoned finds the logs of runs that died before finishing (only
// one run holds the lock, so any left now is abandoned), moves each into
// runs/<stamp>-failed/ and removes their partial databases.
func recoverAbandoned(runs, current string) []string {
	ents, err := os.ReadDir(runs)
	if err != nil {
		return nil
	}
	var found []string
	for _, e := range ents {
		name := e.Name()
		switch {
		case strings.HasPrefix(name, ".") && strings.HasSuffix(name, ".log") && !e.IsDir():
			run := strings.TrimSuffix(strings.TrimPrefix(name, "."), ".log")
			if run == current {
				continue
			}
			failed := filepath.Join(runs, run+FailedSuffix)
			if os.MkdirAll(failed, 0o700) == nil && os.Rename(filepath.Join(runs, name), filepath.Join(failed, RunLog)) == nil {
				found = append(found, run)
			}
		case strings.HasPrefix(name, "."+load.DBFile+".") && strings.Contains(name, ".partial"):
			_ = os.Remove(filepath.Join(runs, name))
		case strings.HasPrefix(name, ".") && strings.Contains(name, ".tmp-") && e.IsDir():
			// a half-written run folder (write.Write only cleans its own name's)
			_ = os.RemoveAll(filepath.Join(runs, name))
		}
	}
	return found
}

func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	_ = d.Sync()
	return d.Close()
}
