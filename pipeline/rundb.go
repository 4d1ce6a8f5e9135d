package pipeline

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sync"

	"github.com/paicha/paicha/pipeline/load"
	"github.com/paicha/paicha/pipeline/osfs"
)

// runDB is the run's database, with the folders it needs while the run
// works and, for `compare --db`, the file it is kept as.
type runDB struct {
	*load.DB
	kept    *keptDB
	close   func() error // db.Close, once
	folders []string     // removed after the run
}

// diskThreshold is load.DiskThreshold, a variable so that tests can make
// every run keep its database in a file.
var diskThreshold = load.DiskThreshold

// openRunDB opens the run's database for inputs of inputBytes, filling in
// cfg's memory limit and spill folder where it gives none.
func openRunDB(ctx context.Context, cfg *Config, inputBytes int64) (_ *runDB, err error) {
	r := &runDB{close: func() error { return nil }}
	defer func() {
		if err != nil {
			r.cleanup()
		}
	}()
	if r.kept, err = newKeptDB(cfg.DBPath, cfg.Out); err != nil {
		return nil, err
	}
	if cfg.MemoryLimit == "" {
		cfg.MemoryLimit = load.DefaultMemoryLimit
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
	r.folders = append(r.folders, spill)
	cfg.TempDir = spill
	dbPath := r.kept.tmp
	if dbPath == "" && inputBytes > diskThreshold(cfg.MemoryLimit) {
		// Inputs far bigger than the memory limit: the tables would not fit
		// in memory even compressed. A database file lets DuckDB page them
		// out; held in memory, they crowd out the rules' working memory until
		// a query fails. Other counties stay in memory, which is faster.
		dir, err := os.MkdirTemp(cfg.TempDir, "paicha-db-")
		if err != nil {
			return nil, fmt.Errorf("pipeline: run database folder: %w", err)
		}
		r.folders = append(r.folders, dir)
		dbPath = filepath.Join(dir, load.DBFile)
	}
	if r.DB, err = load.Open(ctx, load.Options{Path: dbPath, Threads: cfg.Threads, MemoryLimit: cfg.MemoryLimit, TempDir: cfg.TempDir}.Tuned()); err != nil {
		return nil, err
	}
	r.close = sync.OnceValue(r.DB.Close)
	if err := r.kept.private(); err != nil {
		return nil, err
	}
	return r, nil
}

// keep closes the database and, for `compare --db`, moves it into place.
func (r *runDB) keep() error {
	if err := r.close(); err != nil {
		return fmt.Errorf("pipeline: close database: %w", err)
	}
	return r.kept.keep()
}

// cleanup closes the database and removes what the run leaves behind (the
// database kept already moved away).
func (r *runDB) cleanup() {
	r.close()
	if r.kept != nil {
		r.kept.discard()
	}
	// Newest first: the database folder lies inside the spill folder.
	for i := len(r.folders) - 1; i >= 0; i-- {
		osfs.RemoveAll(r.folders[i])
	}
}

// keptDB is the run database that `compare --db FILE` keeps. It is built
// under a temporary name and renamed over FILE only once the run succeeded,
// so a failed run leaves the previous database intact; an old FILE's .wal
// goes with it. The temporary name lives beside FILE, or beside the output
// folder where FILE is inside it (the output folder is swapped whole).
type keptDB struct {
	path string // FILE; "" = in memory, nothing kept
	tmp  string // what the run opens
}

func newKeptDB(path, out string) (*keptDB, error) {
	if path == "" {
		return &keptDB{}, nil
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, fmt.Errorf("pipeline: run database %s: %w", path, err)
	}
	if fi, err := os.Stat(abs); err == nil && fi.IsDir() {
		return nil, &DBPathError{Path: path}
	}
	dir := filepath.Dir(abs)
	if out != "" {
		if o, err := filepath.Abs(out); err == nil && inside(dir, o) {
			dir = filepath.Dir(o)
		}
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, fmt.Errorf("pipeline: run database: %w", err)
	}
	k := &keptDB{path: abs, tmp: filepath.Join(dir, fmt.Sprintf(".%s.%d.partial", filepath.Base(abs), os.Getpid()))}
	k.discard() // a leftover of an earlier run with the same process id
	return k, nil
}

// private makes the database file readable by its owner only (SPEC §7: personal data).
func (k *keptDB) private() error {
	if k.path == "" {
		return nil
	}
	if err := os.Chmod(k.tmp, 0o600); err != nil && !os.IsNotExist(err) {
		return fmt.Errorf("pipeline: run database: %w", err)
	}
	return nil
}

// keep moves the closed database into place.
func (k *keptDB) keep() error {
	if k.path == "" {
		return nil
	}
	if err := k.private(); err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(k.path), 0o700); err != nil {
		return fmt.Errorf("pipeline: run database: %w", err)
	}
	// A .wal of the old file would be replayed into the new one: remove it first.
	if err := os.Remove(k.path + ".wal"); err != nil && !os.IsNotExist(err) {
		return fmt.Errorf("pipeline: run database: %w", err)
	}
	if _, err := os.Stat(k.tmp + ".wal"); err == nil {
		if err := os.Rename(k.tmp+".wal", k.path+".wal"); err != nil {
			return fmt.Errorf("pipeline: run database: %w", err)
		}
	}
	if err := os.Rename(k.tmp, k.path); err != nil {
		return fmt.Errorf("pipeline: run database: %w", err)
	}
	return nil
}

// discard removes the temporary database (nothing once kept).
func (k *keptDB) discard() {
	if k.path == "" {
		return
	}
	os.Remove(k.tmp)
	os.Remove(k.tmp + ".wal")
}

// inside reports whether dir is folder or below it.
func inside(dir, folder string) bool {
	rel, err := filepath.Rel(folder, dir)
	return err == nil && rel != ".." && (len(rel) < 3 || rel[:3] != ".."+string(filepath.Separator))
}
