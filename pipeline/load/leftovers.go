//go:build duckdb_arrow

package load

import (
	"cmp"
	"context"
	"fmt"
	"runtime"
	"slices"
	"sync"

	"golang.org/x/sync/errgroup"
)

// leftovers are the part-filled batches that the sessions leave as they
// close, gathered by table, which Finish inserts, a table's in one INSERT.
//
// Every session ends with a part-filled batch of each table it loaded,
// and the workers' sessions all close at once, when the last file is
// read. Inserted by each session, those batches are a dozen INSERTs of
// fewer rows than a row group, which DuckDB copies into the table's last
// row group while it commits, and it commits one transaction at a time:
// on the 130k county they took the loading's last 0.4 s, with one core
// mostly idle. Gathered, a table's batches make one INSERT of about a row
// group or more, which DuckDB moves into the table whole, and Finish
// inserts the tables side by side on both cores.
//
// Once a table's leftovers hold two batches' worth of rows, the session
// that brought them that far inserts them itself, so they never take more
// memory than that.
type leftovers struct {
	mu     sync.Mutex
	tables map[string]batchGroup
}

// add keeps a closing session's part-filled batch, or returns its table's
// leftovers for the session to insert.
func (l *leftovers) add(f *filled) batchGroup {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.tables == nil {
		l.tables = map[string]batchGroup{}
	}
	g := append(l.tables[f.table], f)
	if g.rows() >= 2*batchRows {
		delete(l.tables, f.table)
		return g
	}
	l.tables[f.table] = g
	return nil
}

// take returns the leftovers, the most rows first, and forgets them.
func (l *leftovers) take() []batchGroup {
	l.mu.Lock()
	defer l.mu.Unlock()
	var groups []batchGroup
	for _, g := range l.tables {
		groups = append(groups, g)
	}
	clear(l.tables)
	slices.SortFunc(groups, func(a, b batchGroup) int { return cmp.Compare(b.rows(), a.rows()) })
	return groups
}

// release frees the C memory of leftovers never inserted (a run that
// failed before Finish).
func (l *leftovers) release() {
	for _, g := range l.take() {
		g.release()
	}
}

// insertLeftovers inserts the leftovers, a table on each connection of its
// own at a time, one per core.
func (db *DB) insertLeftovers(ctx context.Context) error {
	groups := db.leftovers.take()
	defer func() {
		for _, g := range groups {
			g.release()
		}
	}()
	next := make(chan batchGroup, len(groups))
	for _, g := range groups {
		next <- g
	}
	close(next)
	eg, ctx := errgroup.WithContext(ctx)
	for range min(runtime.GOMAXPROCS(0), len(groups)) {
		eg.Go(func() error {
			c, err := db.connectArrow(ctx)
			if err != nil {
				return fmt.Errorf("load: finish: %w", err)
			}
			defer c.conn.Close()
			for g := range next {
				if err := c.insert(ctx, g); err != nil {
					return err
				}
				db.ckpt.counted(g.bytes())
			}
			return nil
		})
	}
	return eg.Wait()
}
