package write

import (
	"bufio"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"sync"
)

// The workbooks are written from one read of each list. The main pass
// (writeLists) writes the CSV files, hands every row to report.xlsx, which
// a goroutine of its own builds meanwhile (pipeRows), and appends it to the
// spool of its township; then a worker per core builds the township
// workbooks from their spools, a township at a time (buildBooks).
//
// Before, each township workbook queried every list again for its rows: a
// scan of the whole list per township (1.3M households, 434 townships:
// about 20 s of the write stage's CPU); holding every township's workbook
// open while the lists passed instead took a gigabyte. A spool is the
// rows of one workbook in the order they came, in a file in the private
// scratch folder, written a buffer at a time.

// spool is one workbook's rows on their way to it.
type spool struct {
	path string
	buf  []byte
	err  error
}

// spoolFlush is how many bytes a spool gathers before it appends them to
// its file: hundreds of townships hold that much each at most.
const spoolFlush = 64 << 10

// add appends row of list i.
func (s *spool) add(i int, row []string) {
	s.buf = binary.AppendUvarint(s.buf, uint64(i))
	s.buf = binary.AppendUvarint(s.buf, uint64(len(row)))
	for _, v := range row {
		s.buf = binary.AppendUvarint(s.buf, uint64(len(v)))
		s.buf = append(s.buf, v...)
	}
	if len(s.buf) >= spoolFlush {
		s.sync()
	}
}

// sync appends what is gathered to the file, opening and closing it each
// time: a county of hundreds of townships must not hold a file open each.
func (s *spool) sync() {
	if s.err != nil || len(s.buf) == 0 {
		return
	}
	f, err := os.OpenFile(s.path, os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o600)
	if err == nil {
		_, err = f.Write(s.buf)
		if cerr := f.Close(); err == nil {
			err = cerr
		}
	}
	s.err, s.buf = err, s.buf[:0]
}

// spoolReader reads a spool back, a list at a time.
type spoolReader struct {
	r    *bufio.Reader
	f    *os.File
	next int // the list of the record read ahead; -1 at the end
	row  []string
	err  error
}

func openSpool(path string) (*spoolReader, error) {
	sr := &spoolReader{next: -1}
	f, err := os.Open(path)
	if errors.Is(err, os.ErrNotExist) {
		return sr, nil // no rows at all
	}
	if err != nil {
		return nil, err
	}
	sr.f, sr.r = f, bufio.NewReaderSize(f, 256<<10)
	sr.advance()
	return sr, sr.err
}

func (sr *spoolReader) close() {
	if sr.f != nil {
		sr.f.Close()
	}
}

// advance reads the next record into row.
func (sr *spoolReader) advance() {
	list, err := binary.ReadUvarint(sr.r)
	if err == io.EOF {
		sr.next = -1
		return
	}
	n, err2 := binary.ReadUvarint(sr.r)
	if err = errors.Join(err, err2); err != nil {
		sr.fail(err)
		return
	}
	sr.row = sr.row[:0]
	for range n {
		size, err := binary.ReadUvarint(sr.r)
		if err != nil {
			sr.fail(err)
			return
		}
		b := make([]byte, size)
		if _, err := io.ReadFull(sr.r, b); err != nil {
			sr.fail(err)
			return
		}
		sr.row = append(sr.row, string(b))
	}
	sr.next = int(list)
}

func (sr *spoolReader) fail(err error) {
	sr.err, sr.next = fmt.Errorf("write: spool %s: %w", sr.f.Name(), err), -1
}

// rowSource gives a workbook its rows, a list at a time, the lists in order.
type rowSource interface {
	rows(i int, fn func([]string) error) error
}

// rows hands fn the rows of list i.
func (sr *spoolReader) rows(i int, fn func([]string) error) error {
	for sr.next == i {
		if err := fn(sr.row); err != nil {
			return err
		}
		sr.advance()
	}
	return sr.err
}

// bookJob is a township's pair of workbooks, to build from its spool.
type bookJob struct {
	name  string // for errors
	spool *spool
	build func(ctx context.Context, src rowSource) error
}

// buildBooks runs the jobs on a worker per core. An error is the first
// job's, in order, that failed: what building them one after another would
// have reported.
func buildBooks(ctx context.Context, jobs []*bookJob) error {
	errs := make([]error, len(jobs))
	next := make(chan int)
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(jobs)) {
		wg.Go(func() {
			for i := range next {
				errs[i] = jobs[i].run(ctx)
			}
		})
	}
	for i := range jobs {
		next <- i
	}
	close(next)
	wg.Wait()
	return firstError(errs)
}

func firstError(errs []error) error {
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

func (j *bookJob) run(ctx context.Context) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	if err := j.spool.err; err != nil {
		return fmt.Errorf("write: spool of %s: %w", j.name, err)
	}
	sr, err := openSpool(j.spool.path)
	if err != nil {
		return fmt.Errorf("write: spool of %s: %w", j.name, err)
	}
	defer sr.close()
	return j.build(ctx, sr)
}

// pipeRows hands report.xlsx the main pass's rows as they are read, so that
// the biggest workbook is built beside the main pass rather than after it.
type pipeRows struct {
	in   chan []listRow
	cur  []listRow // received, not yet handed on
	done bool      // in is closed and drained
}

// pipeBatch is how many rows travel to report.xlsx at a time.
const pipeBatch = 256

type listRow struct {
	list int
	row  []string
}

func newPipeRows() *pipeRows { return &pipeRows{in: make(chan []listRow, 8)} }

// send is the main pass's side: it hands on a batch of rows.
func (p *pipeRows) send(batch []listRow) { p.in <- batch }

func (p *pipeRows) rows(i int, fn func([]string) error) error {
	for {
		if len(p.cur) == 0 {
			if p.done {
				return nil
			}
			batch, ok := <-p.in
			if !ok {
				p.done = true
				return nil
			}
			p.cur = batch
		}
		for len(p.cur) > 0 && p.cur[0].list == i {
			if err := fn(p.cur[0].row); err != nil {
				return err
			}
			p.cur = p.cur[1:]
		}
		if len(p.cur) > 0 {
			return nil // the next list's rows
		}
	}
}

// drain reads what the main pass still sends after the build has stopped.
func (p *pipeRows) drain() {
	for range p.in {
	}
}

// fillList hands the rows of list i to the sheets and to the counter
// (spec, nil: the list is not counted), then finishes the sheets.
func fillList(src rowSource, i int, cnt *counter, spec *countSpec, sheets ...*sheetStream) error {
	err := src.rows(i, func(row []string) error {
		if spec != nil {
			cnt.add(spec, row)
		}
		for _, s := range sheets {
			if err := s.add(row); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	for _, s := range sheets {
		if err := s.close(); err != nil {
			return err
		}
	}
	return nil
}

// buildReport builds report.xlsx: every list, and the 汇总 of all.
func buildReport(o *Output, src rowSource, scratch, path string) error {
	rb, err := newBook(scratch, true)
	if err != nil {
		return err
	}
	defer rb.close()
	cnt := newCounter()
	for i := range o.Lists {
		l := &o.Lists[i]
		if l.NotInReport {
			continue
		}
		if err := fillList(src, i, cnt, cnt.spec(l), newSheetStream(rb, l)); err != nil {
			return err
		}
	}
	if err := cnt.writeSummary(rb, "各村监测对象候选户数"); err != nil {
		return err
	}
	return rb.save(path)
}

// townshipJob builds townships/<乡镇>.xlsx: the lists InTownships and their
// 汇总.
func townshipJob(o *Output, scratch, t, tpath string, n int) *bookJob {
	return &bookJob{name: "township " + t, spool: &spool{path: filepath.Join(scratch, fmt.Sprintf("township-%d.spool", n))},
		build: func(ctx context.Context, src rowSource) error {
			err := buildTownship(ctx, o, src, t, tpath, scratch)
			if err != nil {
				err = fmt.Errorf("%w (township %s)", err, t)
			}
			return err
		}}
}

func buildTownship(ctx context.Context, o *Output, src rowSource, t, tpath, scratch string) error {
	tb, err := newBook(scratch, true)
	if err != nil {
		return err
	}
	defer tb.close()
	cnt := newCounter()
	for i := range o.Lists {
		l := &o.Lists[i]
		if !l.InTownships {
			continue
		}
		if err := fillList(src, i, cnt, cnt.spec(l), newSheetStream(tb, l)); err != nil {
			return err
		}
		if err := ctx.Err(); err != nil {
			return err
		}
	}
	if err := cnt.writeSummary(tb, t+"各村监测对象候选户数"); err != nil {
		return err
	}
	return tb.save(tpath)
}
