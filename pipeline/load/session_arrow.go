//go:build duckdb_arrow

package load

import (
	"context"
	"database/sql/driver"
	"errors"
	"fmt"
	"strings"
	"sync/atomic"
	"time"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/decimal128"
	"github.com/apache/arrow-go/v18/arrow/memory/mallocator"
	"github.com/duckdb/duckdb-go/v2"
)

// batchRows is how many rows are gathered before one INSERT … SELECT from an
// Arrow view: one cgo crossing per batch instead of per value.
const batchRows = 1 << 16

// Session appends rows on a connection of its own, in Arrow record batches;
// use one per goroutine and Close it to make its rows visible.
type Session struct {
	ctx     context.Context
	conn    driver.Conn
	arrow   *duckdb.Arrow
	schemas map[string]*arrow.Schema
	batches map[string]*batch
	id      int64 // names this session's views: the catalog is shared between connections

	// Full batches are inserted by a goroutine of the session's own, so that
	// DuckDB's insert of one batch overlaps parsing the next; once NewSession
	// returns, only that goroutine uses the connection.
	jobs     chan flushJob
	done     chan struct{}
	failed   atomic.Bool
	flushErr error
}

type flushJob struct {
	b   *batch
	rec arrow.RecordBatch
}

var sessions atomic.Int64

type batch struct {
	table   string
	schema  *arrow.Schema
	builder *array.RecordBuilder
	rows    int
	view    string
	insert  string
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
	s := &Session{ctx: ctx, conn: conn, arrow: ar, schemas: map[string]*arrow.Schema{}, batches: map[string]*batch{},
		id: sessions.Add(1), jobs: make(chan flushJob, 1), done: make(chan struct{})}
	if err := s.readSchemas(); err != nil {
		conn.Close()
		return nil, err
	}
	go s.inserter()
	return s, nil
}

// readSchemas reads every table's columns from the catalog, so schema.sql
// stays the one place that defines them.
func (s *Session) readSchemas() error {
	rr, err := s.arrow.QueryContext(s.ctx, `SELECT table_name, column_name, data_type FROM information_schema.columns
		WHERE table_schema = 'main' ORDER BY table_name, ordinal_position`)
	if err != nil {
		return fmt.Errorf("load: schema: %w", err)
	}
	defer rr.Release()
	fields := map[string][]arrow.Field{}
	for rr.Next() {
		rec := rr.RecordBatch()
		tabs, names, types := rec.Column(0).(*array.String), rec.Column(1).(*array.String), rec.Column(2).(*array.String)
		for i := 0; i < int(rec.NumRows()); i++ {
			var t arrow.DataType
			switch types.Value(i) {
			case "VARCHAR":
				t = arrow.BinaryTypes.String
			case "BOOLEAN":
				t = arrow.FixedWidthTypes.Boolean
			case "INTEGER":
				t = arrow.PrimitiveTypes.Int32
			case "DECIMAL(18,2)":
				t = &arrow.Decimal128Type{Precision: 18, Scale: 2}
			case "DATE":
				t = arrow.FixedWidthTypes.Date32
			default:
				return fmt.Errorf("load: %s.%s: type %s has no Arrow mapping", tabs.Value(i), names.Value(i), types.Value(i))
			}
			// Value points into the batch, which is released below: copy it.
			table := strings.Clone(tabs.Value(i))
			fields[table] = append(fields[table], arrow.Field{Name: strings.Clone(names.Value(i)), Type: t, Nullable: true})
		}
	}
	if err := rr.Err(); err != nil {
		return fmt.Errorf("load: schema: %w", err)
	}
	for table, fs := range fields {
		s.schemas[table] = arrow.NewSchema(fs, nil)
	}
	return nil
}

func (s *Session) inserter() {
	defer close(s.done)
	for j := range s.jobs {
		if s.flushErr == nil {
			if s.flushErr = s.insert(j.b, j.rec); s.flushErr != nil {
				s.failed.Store(true)
			}
		}
		j.rec.Release()
	}
}

// insertSQL copies an Arrow view into the table, turning the NULLs that stand
// for empty text back into ”. A string column whose values are all empty
// would otherwise cross the C data interface without a data buffer, which
// DuckDB rejects as invalid unicode.
func insertSQL(table, view string, schema *arrow.Schema) string {
	cols := make([]string, len(schema.Fields()))
	for i, f := range schema.Fields() {
		cols[i] = f.Name
		if f.Type.ID() == arrow.STRING {
			cols[i] = "coalesce(" + f.Name + ", '')"
		}
	}
	return "INSERT INTO " + table + " SELECT " + strings.Join(cols, ", ") + " FROM " + view
}

func (s *Session) append(table string, src Source, rec record) error {
	vals := values(rec, src)
	if s.failed.Load() {
		return errors.New("load: an earlier batch failed")
	}
	b := s.batches[table]
	if b == nil {
		schema := s.schemas[table]
		if schema == nil {
			return fmt.Errorf("load: %s: not a table of the schema", table)
		}
		b = &batch{table: table, schema: schema, builder: array.NewRecordBuilder(cAlloc, schema),
			view: fmt.Sprintf("arrow_%s_%d", table, s.id)}
		b.insert = insertSQL(table, b.view, schema)
		s.batches[table] = b
	}
	if len(vals) != b.schema.NumFields() {
		return fmt.Errorf("load: %s: %d values for %d columns", table, len(vals), b.schema.NumFields())
	}
	for i, v := range vals {
		f := b.builder.Field(i)
		if v == nil {
			f.AppendNull()
			continue
		}
		switch fb := f.(type) {
		case *array.StringBuilder:
			// Empty text travels as NULL and is restored by the INSERT (see insertSQL).
			if str := v.(string); str == "" {
				fb.AppendNull()
			} else {
				fb.Append(str)
			}
		case *array.BooleanBuilder:
			fb.Append(v.(bool))
		case *array.Int32Builder:
			fb.Append(v.(int32))
		case *array.Decimal128Builder:
			fb.Append(decimal128.FromI64(v.(int64)))
		case *array.Date32Builder:
			fb.Append(arrow.Date32FromTime(v.(time.Time)))
		default:
			return fmt.Errorf("load: %s: column %d: unexpected builder %T", table, i, f)
		}
	}
	b.rows++
	if b.rows >= batchRows {
		return s.flush(b)
	}
	return nil
}

// flush hands the gathered rows to the inserter.
func (s *Session) flush(b *batch) error {
	if b.rows == 0 {
		return nil
	}
	rec := b.builder.NewRecordBatch()
	b.rows = 0
	select {
	case s.jobs <- flushJob{b, rec}:
		return nil
	case <-s.ctx.Done():
		rec.Release()
		return s.ctx.Err()
	}
}

// insert copies one batch into its table through an Arrow view.
func (s *Session) insert(b *batch, rec arrow.RecordBatch) error {
	reader, err := array.NewRecordReader(b.schema, []arrow.RecordBatch{rec})
	if err != nil {
		return fmt.Errorf("load: %s: %w", b.table, err)
	}
	defer reader.Release()
	release, err := s.arrow.RegisterView(reader, b.view)
	if err != nil {
		return fmt.Errorf("load: %s: %w", b.table, err)
	}
	defer release()
	if _, err = s.conn.(driver.ExecerContext).ExecContext(s.ctx, b.insert, nil); err != nil {
		return fmt.Errorf("load: %s: %w", b.table, err)
	}
	return nil
}

// Close inserts what is left, waits for the inserter and closes the connection.
func (s *Session) Close() error {
	var errs []error
	for _, b := range s.batches {
		if err := s.flush(b); err != nil {
			errs = append(errs, err)
		}
	}
	close(s.jobs)
	<-s.done
	for _, b := range s.batches {
		b.builder.Release()
	}
	if s.flushErr != nil {
		errs = append(errs, s.flushErr)
	}
	if err := s.conn.Close(); err != nil {
		errs = append(errs, err)
	}
	return errors.Join(errs...)
}

// Batches live in C memory: DuckDB reads them from its own threads after they
// cross the C data interface.
var cAlloc = mallocator.NewMallocator()
