package load

import (
	"context"
	"fmt"
	"sync"
	"sync/atomic"
)

// checkpointer keeps the loaded tables compressed. DuckDB stores the rows
// an INSERT appends as they are and compresses them only at a checkpoint,
// which it never runs by itself on an in-memory database: 3.1M payment
// rows take 620 MiB as appended, 56 MiB after a checkpoint, and the rules
// scan them about four times as fast (measured). So every Options.
// CheckpointEvery bytes of rows loaded, a checkpoint runs beside the
// loading (FORCE CHECKPOINT waits for the INSERTs in flight rather than
// failing), and Finish runs a last one: a county far bigger than the memory
// limit then stays in memory, compressed.
type checkpointer struct {
	db      *DB
	every   int64 // bytes loaded between checkpoints; 0 = only the last one
	pending atomic.Int64
	running atomic.Bool
	wg      sync.WaitGroup
	err     atomic.Pointer[error]
}

// loaded counts n bytes of rows inserted, starting a checkpoint when enough
// have gathered and none is running.
func (c *checkpointer) loaded(n int64) {
	if c.every <= 0 || c.pending.Add(n) < c.every || !c.running.CompareAndSwap(false, true) {
		return
	}
	c.pending.Store(0)
	c.wg.Add(1)
	go func() {
		defer c.wg.Done()
		defer c.running.Store(false)
		if err := c.run(c.db.ctx); err != nil {
			c.err.CompareAndSwap(nil, &err)
		}
	}()
}

func (c *checkpointer) run(ctx context.Context) error {
	if _, err := c.db.SQL.ExecContext(ctx, "FORCE CHECKPOINT"); err != nil {
		return fmt.Errorf("load: checkpoint: %w", err)
	}
	return nil
}

// last waits for a checkpoint that is running and runs the last one.
func (c *checkpointer) last(ctx context.Context) error {
	c.wg.Wait()
	if err := c.err.Load(); err != nil {
		return *err
	}
	return c.run(ctx)
}
