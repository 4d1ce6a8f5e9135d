package write

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"sync"
)

// townships writes townships/<乡镇>.xlsx and public/<乡镇>-公示.xlsx from the
// rows of the main pass (writeMain), which reads each list once: every row
// goes to the worker that owns its township. Reading each list again for
// each township cost a scan of the whole list per township (at 1.3M
// households, 434 townships: about 20 s of the write stage's CPU).
//
// The townships are dealt out to a worker per core; a worker keeps its
// townships' books open until every list has passed, a list's sheet at a
// time, and saves them at the end.
type townships struct {
	cancel  context.CancelFunc
	workers []*townWorker
	owner   map[string]*townWorker
	pending map[*townWorker][][]string // rows not yet sent
	wg      sync.WaitGroup
	towns   []*township // in order, for the errors
	dirs    []string    // to sync once the books are saved
}

// routeBatch is how many rows travel to a worker at a time.
const routeBatch = 256

type townMsg struct {
	list int
	rows [][]string // nil: the list is over
}

type townWorker struct {
	ctx    context.Context
	o      *Output
	in     chan townMsg
	towns  []*township
	byName map[string]*township
}

// township is one township's two workbooks.
type township struct {
	name, tpath, ppath string
	tb, pb             *book
	cnt                *counter
	list               int // the list whose sheets ts and ps are; -1 none
	ts, ps             *sheetStream
	spec               *countSpec
	err                error
}

func newTownships(ctx context.Context, tmp, scratch string, o *Output) (*townships, error) {
	public := false
	for _, l := range o.Lists {
		public = public || l.Public
	}
	tdir, pdir := filepath.Join(tmp, TownshipsDir), filepath.Join(tmp, PublicDir)
	if err := os.Mkdir(tdir, 0o700); err != nil {
		return nil, err
	}
	if public {
		if err := os.Mkdir(pdir, 0o700); err != nil {
			return nil, err
		}
	}
	order, stems := uniqueNames(o.Townships)
	ctx, cancel := context.WithCancel(ctx)
	r := &townships{cancel: cancel, owner: map[string]*townWorker{}, pending: map[*townWorker][][]string{}, dirs: []string{tdir}}
	if public {
		r.dirs = append(r.dirs, pdir)
	}
	for range min(runtime.GOMAXPROCS(0), len(order)) {
		r.workers = append(r.workers, &townWorker{ctx: ctx, o: o, in: make(chan townMsg, 4), byName: map[string]*township{}})
	}
	for i, name := range order {
		t := &township{name: name, tpath: filepath.Join(tdir, stems[name]+".xlsx"), list: -1}
		if public {
			t.ppath = filepath.Join(pdir, stems[name]+"-公示.xlsx")
		}
		w := r.workers[i%len(r.workers)]
		w.towns = append(w.towns, t)
		w.byName[name] = t
		r.owner[name] = w
		r.towns = append(r.towns, t)
	}
	for _, w := range r.workers {
		r.wg.Go(func() { w.run(scratch) })
	}
	return r, nil
}

// row hands one row of list i to its township's worker; the row is copied.
// A row of no township the output has is in no township workbook.
func (r *townships) row(i, townCol int, row []string) {
	w := r.owner[row[townCol]]
	if w == nil {
		return
	}
	batch := append(r.pending[w], append([]string(nil), row...))
	if len(batch) == routeBatch {
		w.in <- townMsg{list: i, rows: batch}
		batch = nil
	}
	r.pending[w] = batch
}

// end says that list i is over.
func (r *townships) end(i int) {
	for _, w := range r.workers {
		if batch := r.pending[w]; len(batch) > 0 {
			w.in <- townMsg{list: i, rows: batch}
		}
		r.pending[w] = nil
		w.in <- townMsg{list: i}
	}
}

// finish waits for the workers to save every workbook (abort: to stop). An
// error is the first township's, in order, that failed: what writing them
// one after another would have reported.
func (r *townships) finish(abort bool) error {
	if abort {
		r.cancel()
	}
	for _, w := range r.workers {
		close(w.in)
	}
	r.wg.Wait()
	r.cancel()
	for _, t := range r.towns {
		if t.err != nil {
			return t.err
		}
	}
	for _, d := range r.dirs {
		if err := syncDir(d); err != nil {
			return err
		}
	}
	return nil
}

func (w *townWorker) run(scratch string) {
	for _, t := range w.towns {
		t.cnt = newCounter()
		if t.tb, t.err = newBook(scratch, true); t.err == nil && t.ppath != "" {
			t.pb, t.err = newBook(scratch, false)
		}
	}
	for msg := range w.in {
		if err := w.ctx.Err(); err != nil {
			w.fail(err)
			continue // drain, so that the main pass never blocks
		}
		l := &w.o.Lists[msg.list]
		if msg.rows == nil {
			for _, t := range w.towns {
				t.do(func() error {
					t.open(msg.list, l)
					return t.closeList()
				})
			}
			continue
		}
		ti := colIndex(l.Columns, colTownship)
		for _, row := range msg.rows {
			t := w.byName[row[ti]]
			t.do(func() error {
				t.open(msg.list, l)
				return t.add(row)
			})
		}
	}
	if err := w.ctx.Err(); err != nil {
		w.fail(err)
	}
	for _, t := range w.towns {
		t.do(t.save)
		if t.tb != nil {
			t.tb.close()
		}
		if t.pb != nil {
			t.pb.close()
		}
	}
}

func (w *townWorker) fail(err error) {
	for _, t := range w.towns {
		if t.err == nil {
			t.err = err
		}
	}
}

// do runs f unless the township has failed already, and keeps f's error.
func (t *township) do(f func() error) {
	if t.err != nil {
		return
	}
	if err := f(); err != nil {
		t.err = fmt.Errorf("%w (township %s)", err, t.name)
	}
}

// open starts list i's sheets, unless they are started.
func (t *township) open(i int, l *List) {
	if t.list == i {
		return
	}
	t.list, t.ts, t.ps, t.spec = i, nil, nil, nil
	if l.InTownships {
		t.ts = newSheetStream(t.tb, l, false, "")
		t.spec = t.cnt.spec(l)
	}
	if l.Public && t.pb != nil {
		title := l.PublicTitle
		if title == "" {
			title = l.Sheet + "名单公示"
		}
		t.ps = newSheetStream(t.pb, l, true, t.name+title)
	}
}

func (t *township) add(row []string) error {
	if t.spec != nil {
		t.cnt.add(t.spec, row)
	}
	if t.ts != nil {
		if err := t.ts.add(row); err != nil {
			return err
		}
	}
	if t.ps != nil {
		return t.ps.add(row)
	}
	return nil
}

// closeList finishes the current list's sheets (a list without rows still
// gets its header).
func (t *township) closeList() error {
	for _, s := range []*sheetStream{t.ts, t.ps} {
		if s != nil {
			if err := s.close(); err != nil {
				return err
			}
		}
	}
	t.list, t.ts, t.ps, t.spec = -1, nil, nil, nil
	return nil
}

func (t *township) save() error {
	if err := t.cnt.writeSummary(t.tb, t.name+"各村监测对象候选户数"); err != nil {
		return err
	}
	if err := t.tb.save(t.tpath); err != nil {
		return err
	}
	if t.pb != nil {
		return t.pb.save(t.ppath)
	}
	return nil
}
