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
	"github.com/apache/arrow-go/v18/arrow/decimal128"
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
// no text to parse again. Use one per goroutine and Close it to make its
// rows visible.
//
// Each record's columns go straight into typed Arrow builders. A full batch
// is inserted by a goroutine of the session's own, overlapping the
// caller's parsing; once NewSession returns, only that goroutine uses the
// connection.
type Session struct {
	ctx     context.Context
	conn    driver.Conn
	arrow   *duckdb.Arrow
	db      *DB
	batches map[string]*batch
	id      int64 // names this session's views: the catalog is shared between connections
	jobs    chan *filled
	done    chan struct{}
	failed  atomic.Pointer[error] // the inserter's first error
}

var sessions atomic.Int64

// batch gathers one table's rows: a columnWriter over Arrow builders.
type batch struct {
	table    string
	cols     []column
	schema   *arrow.Schema // file_ord, sheet_ord, src_row, then cols[5:]
	builders []array.Builder
	col      int // the next column of the current row
	rows     int
	dataSize []int // bytes of text per column in the last full batch, to reserve
	sources  sourceSet
	view     string
}

// filled is a batch on its way to the inserter.
type filled struct {
	table  string
	cols   []column
	schema *arrow.Schema
	arrays []arrow.Array
	rows   int
	view   string
	insert string
}

// NewSession opens a connection for one ingest worker.
func (db *DB) NewSession(ctx context.Context) (*Session, error) {
	conn, err := db.connector.Connect(ctx)
	if err != nil {
		return nil, fmt.Errorf("load: connect: %w", err)
	}
	ar, err := duckdb.NewArrowFromConn(conn)
	if err != nil {
		conn.Close()
		return nil, fmt.Errorf("load: arrow: %w", err)
	}
	s := &Session{ctx: ctx, conn: conn, arrow: ar, db: db, batches: map[string]*batch{},
		id: sessions.Add(1), jobs: make(chan *filled, 1), done: make(chan struct{})}
	go s.inserter()
	return s, nil
}

func (s *Session) inserter() {
	defer close(s.done)
	for f := range s.jobs {
		if s.failed.Load() == nil {
			if err := s.insert(f); err != nil {
				s.failed.Store(&err)
			}
		}
		for _, a := range f.arrays {
			a.Release()
		}
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
	if b.col != len(b.builders) {
		return fmt.Errorf("load: %s: %d values for %d columns", table, b.col, len(b.builders))
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
	fields := []arrow.Field{
		{Name: "file_ord", Type: arrow.PrimitiveTypes.Int32},
		{Name: "sheet_ord", Type: arrow.PrimitiveTypes.Int32},
		{Name: "src_row", Type: arrow.PrimitiveTypes.Int32},
	}
	for _, c := range cols[5:] {
		t, err := arrowType(c.typ)
		if err != nil {
			return nil, fmt.Errorf("load: %s.%s: %w", table, c.name, err)
		}
		fields = append(fields, arrow.Field{Name: c.name, Type: t, Nullable: true})
	}
	b := &batch{table: table, cols: cols, schema: arrow.NewSchema(fields, nil), dataSize: make([]int, len(fields)),
		view: "arrow_" + table + "_" + strconv.FormatInt(s.id, 10)}
	for _, f := range fields {
		b.builders = append(b.builders, array.NewBuilder(cAlloc, f.Type))
	}
	b.reserve()
	return b, nil
}

func arrowType(sqlType string) (arrow.DataType, error) {
	switch sqlType {
	case "VARCHAR":
		return arrow.BinaryTypes.String, nil
	case "BOOLEAN":
		return arrow.FixedWidthTypes.Boolean, nil
	case "INTEGER":
		return arrow.PrimitiveTypes.Int32, nil
	case "DECIMAL(18,2)":
		return &arrow.Decimal128Type{Precision: 18, Scale: 2}, nil
	case "DATE":
		return arrow.FixedWidthTypes.Date32, nil
	}
	return nil, fmt.Errorf("type %s has no Arrow mapping", sqlType)
}

// reserve sizes the builders for a whole batch, so that they do not grow
// (and copy) while it fills.
func (b *batch) reserve() {
	for i, bl := range b.builders {
		bl.Reserve(batchRows)
		if sb, ok := bl.(*array.StringBuilder); ok && b.dataSize[i] > 0 {
			sb.ReserveData(b.dataSize[i] + b.dataSize[i]/8)
		}
	}
}

// flush hands the gathered rows to the inserter.
func (s *Session) flush(b *batch) error {
	if b.rows == 0 {
		return nil
	}
	f := &filled{table: b.table, cols: b.cols, schema: b.schema, rows: b.rows, view: b.view,
		insert: insertFrom(b.table, b.cols, b.sources.list, b.view)}
	for i, bl := range b.builders {
		if sb, ok := bl.(*array.StringBuilder); ok {
			b.dataSize[i] = sb.DataLen()
		}
		f.arrays = append(f.arrays, bl.NewArray())
	}
	b.rows = 0
	b.sources.reset()
	b.reserve()
	select {
	case s.jobs <- f:
		return nil
	case <-s.ctx.Done():
		for _, a := range f.arrays {
			a.Release()
		}
		return s.ctx.Err()
	}
}

// insert copies one batch into its table through an Arrow view.
func (s *Session) insert(f *filled) error {
	err := s.insertView(f)
	if err != nil && repairText(f) {
		// DuckDB takes only valid UTF-8 and says so by failing the INSERT
		// (which leaves the table as it was). The readers already replace
		// bad bytes, so this is a guard that costs nothing until needed.
		err = s.insertView(f)
	}
	if err != nil {
		return fmt.Errorf("load: %s: %w", f.table, err)
	}
	return nil
}

func (s *Session) insertView(f *filled) error {
	rec := array.NewRecordBatch(f.schema, f.arrays, int64(f.rows))
	defer rec.Release()
	reader, err := array.NewRecordReader(f.schema, []arrow.RecordBatch{rec})
	if err != nil {
		return err
	}
	defer reader.Release()
	release, err := s.arrow.RegisterView(reader, f.view)
	if err != nil {
		return err
	}
	defer release()
	_, err = s.conn.(driver.ExecerContext).ExecContext(s.ctx, f.insert, nil)
	return err
}

// repairText replaces, in each text column that holds bytes that are not
// UTF-8, those bytes; it reports whether there were any.
func repairText(f *filled) bool {
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

// Close inserts what is left, waits for the inserter and closes the connection.
func (s *Session) Close() error {
	var errs []error
	for _, b := range s.batches {
		if s.failed.Load() == nil {
			errs = append(errs, s.flush(b))
		}
	}
	close(s.jobs)
	<-s.done
	for _, b := range s.batches {
		for _, bl := range b.builders {
			bl.Release()
		}
	}
	if err := s.failed.Load(); err != nil {
		errs = append(errs, *err)
	}
	if err := s.conn.Close(); err != nil {
		errs = append(errs, err)
	}
	return errors.Join(errs...)
}

// Batches live in C memory: DuckDB reads them from its own threads after they
// cross the C data interface.
var cAlloc = mallocator.NewMallocator()

// The columnWriter of a batch: each call appends the next column's value.

func (b *batch) source(src Source, row int) {
	b.sources.note(src)
	b.builders[0].(*array.Int32Builder).Append(int32(src.FileOrd))
	b.builders[1].(*array.Int32Builder).Append(int32(src.SheetOrd))
	b.builders[2].(*array.Int32Builder).Append(int32(row))
	b.col = 3
}

func (b *batch) text(v string) {
	b.builders[b.col].(*array.StringBuilder).Append(v)
	b.col++
}

func (b *batch) boolean(v bool) {
	b.builders[b.col].(*array.BooleanBuilder).Append(v)
	b.col++
}

func (b *batch) integer(v int) {
	b.builders[b.col].(*array.Int32Builder).Append(int32(v))
	b.col++
}

func (b *batch) fen(v normalize.Fen) {
	b.builders[b.col].(*array.Decimal128Builder).Append(decimal128.FromI64(int64(v)))
	b.col++
}

func (b *batch) date(v normalize.Date) {
	b.builders[b.col].(*array.Date32Builder).Append(arrow.Date32(v))
	b.col++
}

func (b *batch) null() {
	b.builders[b.col].AppendNull()
	b.col++
}
