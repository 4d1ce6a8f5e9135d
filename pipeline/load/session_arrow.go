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
	batches map[string]*batch
	id      int64 // names this session's views: the catalog is shared between connections
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
	return &Session{ctx: ctx, conn: conn, arrow: ar, batches: map[string]*batch{}, id: sessions.Add(1)}, nil
}

// schemaOf reads a table's columns from the catalog, so schema.sql stays the
// one place that defines them.
func (s *Session) schemaOf(table string) (*arrow.Schema, error) {
	rr, err := s.arrow.QueryContext(s.ctx, `SELECT column_name, data_type FROM information_schema.columns
		WHERE table_name = '`+table+`' ORDER BY ordinal_position`)
	if err != nil {
		return nil, err
	}
	defer rr.Release()
	var fields []arrow.Field
	for rr.Next() {
		rec := rr.RecordBatch()
		names, types := rec.Column(0).(*array.String), rec.Column(1).(*array.String)
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
				return nil, fmt.Errorf("load: %s.%s: type %s has no Arrow mapping", table, names.Value(i), types.Value(i))
			}
			// Value points into the batch, which is released below: copy it.
			fields = append(fields, arrow.Field{Name: strings.Clone(names.Value(i)), Type: t, Nullable: true})
		}
	}
	if err := rr.Err(); err != nil {
		return nil, err
	}
	return arrow.NewSchema(fields, nil), nil
}

func (s *Session) append(table string, values []driver.Value) error {
	b := s.batches[table]
	if b == nil {
		schema, err := s.schemaOf(table)
		if err != nil {
			return fmt.Errorf("load: %s: %w", table, err)
		}
		b = &batch{table: table, schema: schema, builder: array.NewRecordBuilder(cAlloc, schema)}
		b.view = fmt.Sprintf("arrow_%s_%d", table, s.id)
		b.insert = insertSQL(table, b.view, schema)
		s.batches[table] = b
	}
	if len(values) != len(b.schema.Fields()) {
		return fmt.Errorf("load: %s: %d values for %d columns", table, len(values), len(b.schema.Fields()))
	}
	for i, v := range values {
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

// flush inserts the gathered rows through an Arrow view.
func (s *Session) flush(b *batch) error {
	if b.rows == 0 {
		return nil
	}
	rec := b.builder.NewRecordBatch()
	defer rec.Release()
	b.rows = 0
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
	_, err = s.conn.(driver.ExecerContext).ExecContext(s.ctx, b.insert, nil)
	if err != nil {
		return fmt.Errorf("load: %s: %w", b.table, err)
	}
	return nil
}

func (s *Session) Card(src Source, r *Card) error       { return s.append("card", r.values(src)) }
func (s *Session) Medical(src Source, r *Medical) error { return s.append("medical", r.values(src)) }
func (s *Session) Household(src Source, r *Household) error {
	return s.append("household", r.values(src))
}
func (s *Session) Person(src Source, r *Person) error { return s.append("person", r.values(src)) }
func (s *Session) Reject(src Source, r *Reject) error { return s.append("reject", r.values(src)) }

// Close inserts what is left and closes the connection.
func (s *Session) Close() error {
	var errs []error
	for _, b := range s.batches {
		if err := s.flush(b); err != nil {
			errs = append(errs, err)
		}
		b.builder.Release()
	}
	if err := s.conn.Close(); err != nil {
		errs = append(errs, err)
	}
	return errors.Join(errs...)
}

// Batches live in C memory: DuckDB reads them from its own threads after they
// cross the C data interface, where Go-managed buffers are not safe to hand.
var cAlloc = mallocator.NewMallocator()
