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
// (payments and settlements), with a worker per core: a county's payment
// export is one file of millions of rows, the longest part of the run when
// read on one core. A CSV file is cut into chunks that the workers parse
// themselves (runChunks); any other sheet is read by this goroutine, which
// hands the rows to the workers (runStreamed). Either way the sheet reads,
// loads, rejects and counts exactly what run does.
//
// Each worker has its own copy of the sheetReader with its own counts, added
// up at the end, and its own sink where the input can open more (OpenSink);
// else they share the sink through a lock.
func (s *sheetReader) runParallel(ctx context.Context, wb read.Workbook, sheet string, rowFn func(*sheetReader, []string, int) error) (err error) {
	workers := runtime.GOMAXPROCS(0)
	if workers < 2 {
		return s.run(ctx, wb, sheet, func(cells []string, num int) error { return rowFn(s, cells, num) })
	}
	sinks, closeSinks, err := s.workerSinks(ctx, workers)
	if err != nil {
		return err
	}
	copies := make([]*sheetReader, workers)
	for i := range copies {
		w := *s
		w.sink = sinks[i]
		w.memo = nil // its own: the workers' rows are not each other's
		w.acc = &Sheet{File: s.acc.File, Sheet: s.acc.Sheet, Kind: s.acc.Kind, Skipped: map[string]int{}}
		copies[i] = &w
	}
	defer func() {
		if cerr := closeSinks(); err == nil {
			err = cerr
		}
		for _, w := range copies {
			s.acc.Loaded += w.acc.Loaded
			s.acc.Rejected += w.acc.Rejected
			for k, v := range w.acc.Skipped {
				s.acc.Skipped[k] += v
			}
		}
	}()
	if cb, ok := wb.(read.Chunked); ok {
		return s.runChunks(ctx, cb, sheet, copies, rowFn)
	}
	return s.runStreamed(ctx, wb, sheet, copies, rowFn)
}

// workerSinks gives each of n workers a sink: the sheet's own and n-1 more
// from OpenSink, or the sheet's own behind a lock for all of them.
func (s *sheetReader) workerSinks(ctx context.Context, n int) ([]Sink, func() error, error) {
	sinks := make([]Sink, n)
	if s.openSink == nil {
		shared := &lockedSink{sink: s.sink}
		for i := range sinks {
			sinks[i] = shared
		}
		return sinks, func() error { return nil }, nil
	}
	var closers []func() error
	closeAll := func() error {
		var errs []error
		for _, c := range closers {
			errs = append(errs, c())
		}
		return errors.Join(errs...)
	}
	sinks[0] = s.sink
	for i := 1; i < n; i++ {
		sink, closeSink, err := s.openSink(ctx)
		if err != nil {
			return nil, nil, errors.Join(err, closeAll())
		}
		sinks[i] = sink
		closers = append(closers, closeSink)
	}
	return sinks, closeAll, nil
}

// runStreamed: this goroutine reads and accounts for the rows as run does,
// the workers normalise them.
func (s *sheetReader) runStreamed(ctx context.Context, wb read.Workbook, sheet string, copies []*sheetReader, rowFn func(*sheetReader, []string, int) error) error {
	g, gctx := errgroup.WithContext(ctx)
	batches := make(chan []numberedRow, len(copies)*2)
	for _, w := range copies {
		fn := func(cells []string, num int) error { return rowFn(w, cells, num) }
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
		if readErr != nil && !brokenFile(readErr) {
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
	if err := g.Wait(); err != nil {
		return err
	}
	return readErr
}

// runChunks: this goroutine cuts the file into chunks of whole records,
// and each worker parses a chunk, settles its place in the sheet with the
// chunks before it (chunkLedger), then normalises and loads its rows.
func (s *sheetReader) runChunks(ctx context.Context, cb read.Chunked, sheet string, copies []*sheetReader, rowFn func(*sheetReader, []string, int) error) error {
	g, gctx := errgroup.WithContext(ctx)
	led := newChunkLedger(gctx, s.maxCells)
	chunks := make(chan *read.Chunk, len(copies))
	// A chunk's buffer is read into again once its rows are loaded, when
	// every sink has copied what it keeps of them by then.
	release := true
	for _, w := range copies {
		release = release && copiesRows(w.sink)
	}
	for _, w := range copies {
		fn := func(cells []string, num int) error { return rowFn(w, cells, num) }
		g.Go(func() error {
			rows := &parsedChunk{}
			for c := range chunks {
				if err := w.chunkRows(gctx, c, rows); err != nil {
					return err
				}
				keep, ok := led.settle(rows)
				if !ok {
					return gctx.Err()
				}
				for _, r := range rows.rows[:keep] {
					if err := w.dataRow(rows.cells[r.from:r.to], r.num, fn); err != nil {
						return err
					}
				}
				if release {
					w.forgetCells()
					c.Release()
				}
			}
			return nil
		})
	}
	var splitErr error
	g.Go(func() error {
		defer close(chunks)
		splitErr = cb.Chunks(gctx, sheet, func(c *read.Chunk) error {
			if led.stopped() {
				return errChunksDone
			}
			select {
			case chunks <- c:
				return nil
			case <-gctx.Done():
				return gctx.Err()
			}
		})
		if splitErr == nil || errors.Is(splitErr, errChunksDone) || brokenFile(splitErr) {
			return nil // the rows before a broken part of the file still count
		}
		return splitErr
	})
	if err := g.Wait(); err != nil {
		return err
	}
	if last, seen := led.last, led.seen; last > s.layout.LastRow {
		s.acc.Read = last - s.layout.LastRow
		if gaps := s.acc.Read - seen; gaps > 0 {
			s.acc.Skipped[SkipBlank] += gaps
		}
	}
	s.damage = &[2]int{led.damaged, led.firstDamaged}
	if led.err != nil {
		return led.err
	}
	if errors.Is(splitErr, errChunksDone) {
		return nil
	}
	return splitErr
}

var errChunksDone = errors.New("ingest: the sheet stopped before its end")

// parsedChunk is a chunk's data rows (below the header, not blank), their
// cells back to back in one slice. A worker reuses its parsedChunk from one
// chunk to the next: the strings point into the chunks, not into it.
type parsedChunk struct {
	seq     int
	cells   []string
	rows    []cellRange
	err     error // the chunk's own *read.FileError, after its rows
	damaged []int
}

type cellRange struct{ num, from, to int }

// chunkRows parses one chunk into p.
func (s *sheetReader) chunkRows(ctx context.Context, c *read.Chunk, p *parsedChunk) error {
	p.seq, p.cells, p.rows = c.Seq, p.cells[:0], p.rows[:0]
	err := c.Rows(ctx, func(num int, cells []string) error {
		if num > s.layout.LastRow && !blank(cells) {
			from := len(p.cells)
			p.cells = append(p.cells, cells...)
			p.rows = append(p.rows, cellRange{num, from, len(p.cells)})
		}
		return nil
	})
	if err != nil && !brokenFile(err) {
		return err
	}
	p.err, p.damaged = err, c.Damaged
	return nil
}

// brokenFile reports whether err is the file's own failure part-way
// (*read.FileError), after which the rows before it still count.
func brokenFile(err error) bool {
	var fe *read.FileError
	return errors.As(err, &fe)
}

// chunkLedger settles, in file order, what each chunk contributes to its
// sheet: the rows a serial read would have loaded (none after a row that
// brings the sheet over --max-cells, or a part of the file that cannot be
// read), the rows read and the damage counted.
type chunkLedger struct {
	mu       sync.Mutex
	turn     *sync.Cond
	next     int // the chunk whose turn it is
	aborted  bool
	maxCells int64
	cells    int64
	done     bool  // a chunk stopped the sheet
	err      error // why

	last, seen            int
	damaged, firstDamaged int
}

func newChunkLedger(ctx context.Context, maxCells int64) *chunkLedger {
	l := &chunkLedger{maxCells: maxCells}
	l.turn = sync.NewCond(&l.mu)
	// A worker that fails before its chunk's turn would leave the others
	// waiting: the failure cancels ctx, which wakes them.
	context.AfterFunc(ctx, func() {
		l.mu.Lock()
		l.aborted = true
		l.mu.Unlock()
		l.turn.Broadcast()
	})
	return l
}

// settle waits for the chunk's turn and returns how many of its rows to
// load; ok is false when the run was cancelled meanwhile.
func (l *chunkLedger) settle(p *parsedChunk) (keep int, ok bool) {
	l.mu.Lock()
	defer l.mu.Unlock()
	for l.next != p.seq && !l.aborted {
		l.turn.Wait()
	}
	if l.aborted {
		return 0, false
	}
	l.next++
	defer l.turn.Broadcast()
	if l.done {
		return 0, true
	}
	keep = len(p.rows)
	damageTo := -1 // the last line whose damage counts; -1 = all of the chunk's
	if l.maxCells > 0 {
		for i, r := range p.rows {
			if l.cells += int64(r.to - r.from); l.cells > l.maxCells {
				keep, damageTo = i, r.num
				l.done, l.err = true, tooManyCells(r.num, l.maxCells)
				break
			}
		}
	}
	if !l.done && p.err != nil {
		l.done, l.err = true, p.err
	}
	if keep > 0 {
		l.last = p.rows[keep-1].num
		l.seen += keep
	}
	for _, line := range p.damaged {
		if damageTo >= 0 && line > damageTo {
			break
		}
		if l.damaged++; l.firstDamaged == 0 {
			l.firstDamaged = line
		}
	}
	return keep, true
}

func (l *chunkLedger) stopped() bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.done
}

// rowCopier is a Sink that has copied what it keeps of a row's strings by
// the time its method returns (*load.Session does, with Arrow batches).
type rowCopier interface{ CopiesRows() bool }

func copiesRows(s Sink) bool {
	c, ok := s.(rowCopier)
	return ok && c.CopiesRows()
}

func (l *lockedSink) CopiesRows() bool { return copiesRows(l.sink) }

// lockedSink lets the workers of one sheet share a sink.
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
