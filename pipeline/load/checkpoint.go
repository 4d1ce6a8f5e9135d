package load

import (
	"context"
	"fmt"
	"sync"
	"sync/atomic"
)

// checkpointer keeps the loaded tables compressed once they are big
// enough to need it. DuckDB stores the rows an INSERT appends as they are
// and compresses them only at a checkpoint, which it never runs by itself
// on an in-memory database: 3.1M payment rows take 620 MiB as appended,
// 56 MiB after a checkpoint (the schema of then; card_labels and the
// serials kept uncompressed have changed both), and the rules scan them
// about four times as fast (measured). So once Options.CompressFrom bytes
// of rows are loaded, and every Options.CheckpointEvery bytes after that,
// a checkpoint runs beside the loading (FORCE CHECKPOINT waits for the
// INSERTs in flight rather than failing), and Finish runs a last one: a
// county far bigger than the memory limit then stays in memory, compressed.
//
// Below CompressFrom no checkpoint runs at all. Compressing costs more than
// it saves while the tables are small beside the memory limit: on the 130k
// county (465 MB of rows; seven runs alternating) the loading took 0.7-3 s
// less without it, the rules 0.2-0.9 s more, the whole run 11.25 s against
// 11.93 (medians) and the peak RSS 280 MiB more (about 750 → 1,040 MiB).
//
// No INSERT runs while a checkpoint does, so a checkpoint beside the loading
// gets the queries' threads, which the INSERTs leave at one (load.go):
// alone it would leave the other core idle (measured: two checkpoints of
// 3.1M payment rows held the loading for 1.9 s of its 4.6).
type checkpointer struct {
	db      *DB
	every   int64 // bytes loaded between checkpoints; 0 = only the last one
	from    int64 // bytes loaded before the first; 0 = from the start
	total   atomic.Int64
	pending atomic.Int64
	running atomic.Bool
	wg      sync.WaitGroup
	err     atomic.Pointer[error]
}

// loaded counts n bytes of rows inserted, starting a checkpoint when enough
// have gathered and none is running.
func (c *checkpointer) loaded(n int64) {
	pending := c.pending.Add(n)
	if c.total.Add(n) < c.from || c.every <= 0 || pending < c.every || !c.running.CompareAndSwap(false, true) {
		return
	}
	c.pending.Store(0)
	c.wg.Add(1)
	go func() {
		defer c.wg.Done()
		defer c.running.Store(false)
		if err := c.beside(c.db.ctx); err != nil {
			c.err.CompareAndSwap(nil, &err)
		}
	}()
}

// last runs the checkpoint that ends the loading, when the tables are big
// enough to compress.
func (c *checkpointer) last(ctx context.Context) error {
	if c.total.Load() < c.from {
		return nil
	}
	return c.run(ctx)
}

// counted counts n bytes of rows that Finish inserted, before it runs the
// last checkpoint.
func (c *checkpointer) counted(n int64) { c.total.Add(n) }

// beside runs a checkpoint while the sessions load.
func (c *checkpointer) beside(ctx context.Context) error {
	if _, err := c.db.SQL.ExecContext(ctx, c.db.threads); err != nil {
		return fmt.Errorf("load: checkpoint: %s: %w", c.db.threads, err)
	}
	err := c.run(ctx)
	if _, serr := c.db.SQL.ExecContext(ctx, loadingThreads); serr != nil && err == nil {
		err = fmt.Errorf("load: checkpoint: %s: %w", loadingThreads, serr)
	}
	return err
}

func (c *checkpointer) run(ctx context.Context) error {
	if _, err := c.db.SQL.ExecContext(ctx, "FORCE CHECKPOINT"); err != nil {
		return fmt.Errorf("load: checkpoint: %w", err)
	}
	return nil
}

// wait waits for a checkpoint that is running, returning the first error
// of those beside the loading.
func (c *checkpointer) wait() error {
	c.wg.Wait()
	if err := c.err.Load(); err != nil {
		return *err
	}
	return nil
}
