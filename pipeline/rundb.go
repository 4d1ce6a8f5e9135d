package pipeline

import (
	"fmt"
	"os"
	"path/filepath"
)

// DBFile is the name of the run database inside a run folder: `paicha nightly`
// keeps it there and `paicha explain --run DIR` reads it.
const DBFile = "paicha.duckdb"

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
