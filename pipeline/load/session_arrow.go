//go:build duckdb_arrow

package load

import (
	"context"
	"database/sql/driver"
	"errors"
	"fmt"
	"strconv"
	"sync/atomic"
	"unicode/utf8"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory/mallocator"
	"github.com/duckdb/duckdb-go/v2"

	"github.com/paicha/paicha/pipeline/normalize"
)

// batchRows is DuckDB's row group size. A batch of whole row groups goes
// into the table as it is; a part-filled one is merged row by row into the
// table's last row group, which costs several times as much (measured: 3.1M
// payment rows took 7.1 s to insert in batches of 65,536 rows, 1.3 s in
// batches of 122,880).
const batchRows = 122880

// Session loads rows on a connection of its own, in Arrow record batches
// that DuckDB reads through the C data interface: no cgo call per value,
// no text to parse again. Use one per goroutine and Close it; every
// session's rows are in the tables once the DB's Finish has run.
//
// Each record's columns go straight into the batch's Arrow columns
// (arrowcols.go). A full batch is inserted by a goroutine of the session's
// own, overlapping the caller's parsing; once NewSession returns, only that
// goroutine uses the connection.
type Session struct {
	ctx        context.Context
	out        arrowConn
	mem        *cPool // the batches' C memory
	db         *DB
	batches    map[string]*batch
	jobs       chan batchGroup
	done       chan struct{}
	failed     atomic.Pointer[error] // the inserter's first error
	cardLabels labelCache
	// The fingerprints of the serials loaded, handed to the DB on Close.
	cardSerials, medicalSerials serialLog
}

var sessions atomic.Int64

// batch gathers one table's rows: a columnWriter over Arrow columns.
type batch struct {
	table    string
	cols     []column
	schema   *arrow.Schema // the table's columns
	columns  []*arrowColumn
	col      int   // the next column of the current row
	err      error // a value of the wrong kind for its column
	rows     int
	textSize []int // bytes of text per column in the last full batch, to reserve
	sources  sourceNote
}

// filled is a batch on its way to the inserter.
type filled struct {
	table  string
	schema *arrow.Schema
	arrays []arrow.Array
	rows   int
}

// batchGroup is one INSERT's batches, of one table.
type batchGroup []*filled

// NewSession opens a connection for one ingest worker.
func (db *DB) NewSession(ctx context.Context) (*Session, error) {
	out, err := db.connectArrow(ctx)
	if err != nil {
		return nil, err
	}
	s := &Session{ctx: ctx, out: out, mem: newCPool(cAlloc, poolBytes), db: db, batches: map[string]*batch{},
		jobs: make(chan batchGroup, 1), done: make(chan struct{}), cardLabels: labelCache{run: &db.cardLabels}}
	go s.inserter()
	return s, nil
}

// arrowConn is a connection that inserts groups of batches through Arrow
// views, which its id names: the catalog is shared between connections.
type arrowConn struct {
	conn  driver.Conn
	arrow *duckdb.Arrow
	id    int64
}

func (db *DB) connectArrow(ctx context.Context) (arrowConn, error) {
	conn, err := db.connector.Connect(ctx)
	if err != nil {
		return arrowConn{}, fmt.Errorf("load: connect: %w", err)
	}
	ar, err := duckdb.NewArrowFromConn(conn)
	if err != nil {
		conn.Close()
		return arrowConn{}, fmt.Errorf("load: arrow: %w", err)
	}
	return arrowConn{conn: conn, arrow: ar, id: sessions.Add(1)}, nil
}

func (s *Session) inserter() {
	defer close(s.done)
	for g := range s.jobs {
		if s.failed.Load() == nil {
			if err := s.insert(g); err != nil {
				s.failed.Store(&err)
			}
		}
		g.release()
	}
}

func (s *Session) append(table string, src Source, rec record) error {
	if err := s.failed.Load(); err != nil {
		return *err
	}
	b := s.batches[table]
	if b == nil {
		var err error
		if b, err = s.newBatch(table); err != nil {
			return err
		}
		s.batches[table] = b
	}
	b.col = 0
	rec.columns(b, src)
	if b.col != len(b.columns) && b.err == nil {
		b.err = fmt.Errorf("load: %s: %d values for %d columns", table, b.col, len(b.columns))
	}
	if b.err != nil {
		return b.err
	}
	if b.rows++; b.rows == batchRows {
		return s.flush(b)
	}
	return nil
}

func (s *Session) newBatch(table string) (*batch, error) {
	cols := s.db.columns[table]
	if cols == nil {
		return nil, fmt.Errorf("load: %s: not a table of the schema", table)
	}
	b := &batch{table: table, cols: cols, sources: sourceNote{set: &s.db.sources}}
	var fields []arrow.Field
	for _, c := range cols {
		ac, err := newArrowColumn(s.mem, c.typ)
		if err != nil {
			return nil, fmt.Errorf("load: %s.%s: %w", table, c.name, err)
		}
		b.columns = append(b.columns, ac)
		fields = append(fields, arrow.Field{Name: c.name, Type: ac.typ, Nullable: true})
	}
	b.schema = arrow.NewSchema(fields, nil)
	b.textSize = make([]int, len(b.columns))
	b.start()
	return b, nil
}

// start gives the columns buffers for a whole batch, so that they do not
// grow (and copy) while it fills.
func (b *batch) start() {
	for i, c := range b.columns {
		c.start(batchRows, b.textSize[i]+b.textSize[i]/8)
	}
}

// flush hands the gathered rows to the inserter.
func (s *Session) flush(b *batch) error {
	if b.rows == 0 {
		return nil
	}
	f := b.fill()
	b.start()
	return s.send(batchGroup{f})
}

// fill takes the gathered rows out of the batch, which is left empty and
// without buffers until started again.
func (b *batch) fill() *filled {
	f := &filled{table: b.table, schema: b.schema, rows: b.rows}
	for i, c := range b.columns {
		if c.kind == kindText {
			b.textSize[i] = c.used
		}
		f.arrays = append(f.arrays, c.finish())
	}
	b.rows = 0
	return f
}

func (s *Session) send(g batchGroup) error {
	select {
	case s.jobs <- g:
		return nil
	case <-s.ctx.Done():
		g.release()
		return s.ctx.Err()
	}
}

// insert copies a group of batches into their table and counts them
// towards the next checkpoint.
func (s *Session) insert(g batchGroup) error {
	if err := s.out.insert(s.ctx, g); err != nil {
		return err
	}
	s.db.ckpt.loaded(g.bytes())
	return nil
}

// insert copies a group of batches into their table.
func (c arrowConn) insert(ctx context.Context, g batchGroup) error {
	view := "arrow_" + g[0].table + "_" + strconv.FormatInt(c.id, 10)
	err := c.insertView(ctx, view, g)
	if err != nil && g.repairText() {
		// DuckDB takes only valid UTF-8 and says so by failing the INSERT
		// (which leaves the table as it was). The readers already replace
		// bad bytes, so this is a guard that costs nothing until needed.
		err = c.insertView(ctx, view, g)
	}
	if err != nil {
		return fmt.Errorf("load: %s: %w", g[0].table, err)
	}
	return nil
}

func (c arrowConn) insertView(ctx context.Context, view string, g batchGroup) error {
	recs := make([]arrow.RecordBatch, len(g))
	for i, f := range g {
		recs[i] = array.NewRecordBatch(f.schema, f.arrays, int64(f.rows))
		defer recs[i].Release()
	}
	reader, err := array.NewRecordReader(g[0].schema, recs)
	if err != nil {
		return err
	}
	defer reader.Release()
	release, err := c.arrow.RegisterView(reader, view)
	if err != nil {
		return err
	}
	defer release()
	_, err = c.conn.(driver.ExecerContext).ExecContext(ctx, insertFrom(g[0].table, view), nil)
	return err
}

func (g batchGroup) rows() int {
	n := 0
	for _, f := range g {
		n += f.rows
	}
	return n
}

// bytes is the size of the batches' buffers.
func (g batchGroup) bytes() int64 {
	var n int64
	for _, f := range g {
		for _, a := range f.arrays {
			for _, b := range a.Data().Buffers() {
				if b != nil {
					n += int64(b.Len())
				}
			}
		}
	}
	return n
}

func (g batchGroup) release() {
	for _, f := range g {
		for _, a := range f.arrays {
			a.Release()
		}
	}
}

// repairText replaces, in each text column of the batches that holds
// bytes that are not UTF-8, those bytes; it reports whether there were any.
func (g batchGroup) repairText() bool {
	repaired := false
	for _, f := range g {
		repaired = f.repairText() || repaired
	}
	return repaired
}

func (f *filled) repairText() bool {
	repaired := false
	for i, a := range f.arrays {
		str, ok := a.(*array.String)
		if !ok || wholeUTF8(str) {
			continue
		}
		bl := array.NewStringBuilder(cAlloc)
		bl.Reserve(str.Len())
		for j := 0; j < str.Len(); j++ {
			if str.IsNull(j) {
				bl.AppendNull()
			} else {
				bl.Append(validUTF8(str.Value(j)))
			}
		}
		f.arrays[i] = bl.NewArray()
		bl.Release()
		str.Release()
		repaired = true
	}
	return repaired
}

// wholeUTF8 reports whether every value of a is valid UTF-8: the bytes of
// all values are, and each value starts at the start of a character.
func wholeUTF8(a *array.String) bool {
	data := a.ValueBytes()
	if !utf8.Valid(data) {
		return false
	}
	offsets := a.ValueOffsets()
	base := int(offsets[0])
	for _, o := range offsets {
		if i := int(o) - base; i < len(data) && !utf8.RuneStart(data[i]) {
			return false
		}
	}
	return true
}

// Close leaves its part-filled batches to Finish (leftovers.go), waits for
// the inserter and closes the connection.
func (s *Session) Close() error {
	var errs []error
	for _, b := range s.batches {
		if s.failed.Load() == nil && b.rows > 0 {
			if g := s.db.leftovers.add(b.fill()); g != nil {
				errs = append(errs, s.send(g))
			}
		}
	}
	close(s.jobs)
	<-s.done
	for _, b := range s.batches {
		for _, c := range b.columns {
			c.release()
		}
	}
	s.mem.drain()
	if err := s.failed.Load(); err != nil {
		errs = append(errs, *err)
	}
	if err := s.out.conn.Close(); err != nil {
		errs = append(errs, err)
	}
	s.keepSerials()
	return errors.Join(errs...)
}

// Batches live in C memory: DuckDB reads them from its own threads after they
// cross the C data interface.
var cAlloc = mallocator.NewMallocator()

// poolBytes is the C memory a session keeps for its next batches: the batch
// filling, the one queued and the one inserting, of a table or two.
const poolBytes = 96 << 20

// The columnWriter of a batch: each call appends the next column's value.

// next returns the next column if it holds values of kind k.
func (b *batch) next(k columnKind) *arrowColumn {
	if b.col >= len(b.columns) {
		b.col++
		return nil
	}
	c := b.columns[b.col]
	b.col++
	if c.kind != k {
		if b.err == nil {
			b.err = fmt.Errorf("load: %s: column %d holds %s, not %s", b.table, b.col, c.kind, k)
		}
		return nil
	}
	return c
}

func (b *batch) source(src Source, row int) {
	b.sources.note(src)
	b.integer(src.FileOrd)
	b.integer(src.SheetOrd)
	b.integer(row)
}

func (b *batch) text(v string) {
	if c := b.next(kindText); c != nil {
		c.appendText(v)
	}
}

func (b *batch) boolean(v bool) {
	if c := b.next(kindBool); c != nil {
		c.appendBool(v)
	}
}

func (b *batch) integer(v int) {
	if c := b.next(kindInt32); c != nil {
		c.appendInt32(int32(v))
	}
}

func (b *batch) fen(v normalize.Fen) {
	if c := b.next(kindFen); c != nil {
		c.appendFen(v)
	}
}

func (b *batch) date(v normalize.Date) {
	if c := b.next(kindDate); c != nil {
		c.appendInt32(int32(v))
	}
}

func (b *batch) null() {
	if b.col < len(b.columns) {
		b.columns[b.col].appendNull()
	}
	b.col++
}

// CopiesRows reports that a record's strings have been copied into the
// batch by the time Card, Medical and the others return: the reader may
// fill the buffer they pointed into again.
func (s *Session) CopiesRows() bool { return true }
