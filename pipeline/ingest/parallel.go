package ingest

import (
	"context"
	"errors"
	"runtime"
	"sync"

	"golang.org/x/sync/errgroup"

	"github.com/paicha/paicha/pipeline/load"
	"github.com/paicha/paicha/pipeline/read"
)

// rowBatch is how many rows travel to a normalising worker at a time.
const rowBatch = 512

type numberedRow struct {
	num   int
	cells []string
}

// runParallel is run for sheets whose rows are independent of each other
// (payments and settlements): this goroutine reads and accounts for the
// rows as run does, and workers normalise them. A county's payment export
// is one file of millions of rows; read row by row on one core, it was the
// longest part of the run.
//
// Each worker has its own copy of the sheetReader and its own counts,
// added up at the end; they share the sink through a lock.
func (s *sheetReader) runParallel(ctx context.Context, wb read.Workbook, sheet string, rowFn func(*sheetReader, []string, int) error) error {
	workers := runtime.GOMAXPROCS(0)
	if workers < 2 {
		return s.run(ctx, wb, sheet, func(cells []string, num int) error { return rowFn(s, cells, num) })
	}
	g, gctx := errgroup.WithContext(ctx)
	batches := make(chan []numberedRow, workers*2)
	sink := &lockedSink{sink: s.sink}
	copies := make([]*sheetReader, workers)
	for i := range copies {
		w := *s
		w.sink = sink
		w.acc = &Sheet{File: s.acc.File, Sheet: s.acc.Sheet, Kind: s.acc.Kind, Skipped: map[string]int{}}
		copies[i] = &w
		fn := func(cells []string, num int) error { return rowFn(&w, cells, num) }
		g.Go(func() error {
			for batch := range batches {
				for _, r := range batch {
					if err := w.dataRow(r.cells, r.num, fn); err != nil {
						return err
					}
				}
			}
			return nil
		})
	}
	var readErr error
	g.Go(func() error {
		defer close(batches)
		batch := make([]numberedRow, 0, rowBatch)
		readErr = s.scan(gctx, wb, sheet, func(cells []string, num int) error {
			// The reader may reuse the slice (not the strings) for its next row.
			batch = append(batch, numberedRow{num, append([]string(nil), cells...)})
			if len(batch) < rowBatch {
				return nil
			}
			select {
			case batches <- batch:
			case <-gctx.Done():
				return gctx.Err()
			}
			batch = make([]numberedRow, 0, rowBatch)
			return nil
		})
		var fe *read.FileError
		fileFailed := errors.As(readErr, &fe)
		if readErr != nil && !fileFailed {
			return readErr
		}
		// The rows read so far still count when the file breaks off part-way
		// (its own failure, reported by File).
		if len(batch) > 0 {
			select {
			case batches <- batch:
			case <-gctx.Done():
				return gctx.Err()
			}
		}
		return nil
	})
	err := g.Wait()
	for _, w := range copies {
		s.acc.Loaded += w.acc.Loaded
		s.acc.Rejected += w.acc.Rejected
		for k, v := range w.acc.Skipped {
			s.acc.Skipped[k] += v
		}
	}
	if err != nil {
		return err
	}
	return readErr
}

// lockedSink lets the workers of one sheet share the session.
type lockedSink struct {
	mu   sync.Mutex
	sink Sink
}

func (l *lockedSink) Card(src load.Source, r *load.Card) error { return locked(l, l.sink.Card, src, r) }
func (l *lockedSink) Medical(src load.Source, r *load.Medical) error {
	return locked(l, l.sink.Medical, src, r)
}
func (l *lockedSink) Household(src load.Source, r *load.Household) error {
	return locked(l, l.sink.Household, src, r)
}
func (l *lockedSink) Person(src load.Source, r *load.Person) error {
	return locked(l, l.sink.Person, src, r)
}
func (l *lockedSink) Reject(src load.Source, r *load.Reject) error {
	return locked(l, l.sink.Reject, src, r)
}

func (l *lockedSink) CardSkipped(src load.Source, r *load.CardSkipped) error {
	fs, ok := l.sink.(failedSink)
	if !ok {
		return nil
	}
	return locked(l, fs.CardSkipped, src, r)
}

func locked[R any](l *lockedSink, put func(load.Source, R) error, src load.Source, r R) error {
	l.mu.Lock()
	defer l.mu.Unlock()
	return put(src, r)
}
