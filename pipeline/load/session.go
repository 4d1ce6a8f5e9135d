//go:build !duckdb_arrow

package load

import (
	"bufio"
	"context"
	"database/sql/driver"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"sync/atomic"
	"unicode/utf8"

	"github.com/paicha/paicha/pipeline/normalize"
	"github.com/paicha/paicha/pipeline/osfs"
)

// batchRows is how many rows travel to the session's goroutine at a time.
const batchRows = 1024

// chunkRows is how many rows of one table a chunk file holds before DuckDB
// inserts it: large enough for DuckDB's CSV reader to split it between its
// threads, small enough that the loading overlaps the reading. (A variable
// so that tests can cross chunk boundaries with few rows.)
var chunkRows = 1 << 18

// Session loads rows on a connection of its own; use one per goroutine and
// Close it; every session's rows are in the tables once the DB's Finish
// has run (here already when it closes).
//
// Rows are written as CSV text into chunk files in a private folder, and
// each full chunk is inserted by DuckDB's own parallel CSV reader. On a
// county's 3 million payment rows that costs less than half the CPU of the
// Appender, whose cgo call per text value made loading the bottleneck
// (README, Performance). The writing and inserting run in a goroutine of
// the session's own, overlapping the caller's parsing; once NewSession
// returns, only that goroutine uses the connection.
type Session struct {
	ctx        context.Context
	conn       driver.Conn
	db         *DB
	dir        string // the chunk files: personal data, so 0700 and removed on Close
	chunks     map[string]*chunk
	serial     int
	pending    []pendingRow
	jobs       chan []pendingRow
	done       chan struct{}
	failed     atomic.Pointer[error] // the session goroutine's first error
	cardLabels labelCache
	// The fingerprints of the serials loaded, handed to the DB on Close.
	cardSerials, medicalSerials serialLog
}

// own copies rec: the caller reuses its record for the next row
// (ingest.Sink), and this session writes the row later, on its goroutine.
// Every record is a pointer to a struct of plain values.
func own(rec record) record {
	v := reflect.ValueOf(rec).Elem()
	c := reflect.New(v.Type())
	c.Elem().Set(v)
	return c.Interface().(record)
}

// pendingRow is a record not yet written.
type pendingRow struct {
	table string
	src   Source
	rec   record
}

// NewSession opens a connection for one ingest worker.
func (db *DB) NewSession(ctx context.Context) (*Session, error) {
	dir, err := os.MkdirTemp(db.tempDir, "paicha-load-")
	if err != nil {
		return nil, chunkError(err)
	}
	conn, err := db.connector.Connect(ctx)
	if err != nil {
		osfs.RemoveAll(dir)
		return nil, fmt.Errorf("load: connect: %w", err)
	}
	s := &Session{ctx: ctx, conn: conn, db: db, dir: dir, chunks: map[string]*chunk{},
		pending: make([]pendingRow, 0, batchRows), jobs: make(chan []pendingRow, 16), done: make(chan struct{}), cardLabels: labelCache{run: &db.cardLabels}}
	go s.loop()
	return s, nil
}

func (s *Session) loop() {
	defer close(s.done)
	for batch := range s.jobs {
		for _, r := range batch {
			if s.failed.Load() != nil {
				break // keep draining so that senders never block
			}
			if err := s.write(r); err != nil {
				s.failed.Store(&err)
			}
		}
	}
}

func (s *Session) write(r pendingRow) error {
	c := s.chunks[r.table]
	if c == nil {
		cols := s.db.columns[r.table]
		if cols == nil {
			return fmt.Errorf("load: %s: not a table of the schema", r.table)
		}
		s.serial++
		path := filepath.Join(s.dir, fmt.Sprintf("%s-%d.csv", r.table, s.serial))
		f, err := os.OpenFile(path, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o600)
		if err != nil {
			return chunkError(err)
		}
		c = &chunk{table: r.table, cols: cols, path: path, f: f, w: bufio.NewWriterSize(f, 256<<10), sources: sourceNote{set: &s.db.sources}}
		s.chunks[r.table] = c
	}
	c.line.reset(c)
	r.rec.columns(&c.line, r.src)
	if !utf8.Valid(c.line.buf) {
		// DuckDB takes only valid UTF-8. The readers already replace bad
		// bytes, so this one check per line is a guard: rarely, the line is
		// written again with the bad bytes of its texts replaced.
		c.line.reset(c)
		c.line.repair = true
		r.rec.columns(&c.line, r.src)
		c.line.repair = false
	}
	c.line.buf = append(c.line.buf, '\n')
	if _, err := c.w.Write(c.line.buf); err != nil {
		return chunkError(err)
	}
	c.bytes += int64(len(c.line.buf))
	if c.rows++; c.rows >= chunkRows {
		delete(s.chunks, r.table)
		return s.insert(c)
	}
	return nil
}

// insert loads a chunk into its table and removes its file.
func (s *Session) insert(c *chunk) error {
	defer os.Remove(c.path)
	err := c.w.Flush()
	if cerr := c.f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return chunkError(err)
	}
	if _, err := s.conn.(driver.ExecerContext).ExecContext(s.ctx, c.insertSQL(), nil); err != nil {
		return fmt.Errorf("load: %s: %w", c.table, err)
	}
	s.db.ckpt.loaded(c.bytes)
	return nil
}

func (s *Session) append(table string, src Source, rec record) error {
	if err := s.failed.Load(); err != nil {
		return *err
	}
	s.pending = append(s.pending, pendingRow{table, src, own(rec)})
	if len(s.pending) == batchRows {
		return s.send()
	}
	return nil
}

func (s *Session) send() error {
	if len(s.pending) == 0 {
		return nil
	}
	select {
	case s.jobs <- s.pending:
		s.pending = make([]pendingRow, 0, batchRows)
		return nil
	case <-s.ctx.Done():
		return s.ctx.Err()
	}
}

// Close loads what is pending, waits for the session's goroutine and closes
// the connection.
func (s *Session) Close() error {
	errs := []error{s.send()}
	close(s.jobs)
	<-s.done
	failed := s.failed.Load()
	if failed != nil {
		errs = append(errs, *failed)
	}
	for _, c := range s.chunks {
		if failed == nil {
			errs = append(errs, s.insert(c))
		} else {
			c.f.Close()
		}
	}
	if err := s.conn.Close(); err != nil {
		errs = append(errs, err)
	}
	if err := osfs.RemoveAll(s.dir); err != nil {
		errs = append(errs, fmt.Errorf("load: chunk folder: %w", err))
	}
	s.keepSerials()
	return errors.Join(errs...)
}

// chunk is one table's rows on their way into DuckDB.
type chunk struct {
	table string
	cols  []column
	path  string
	f     *os.File
	w     *bufio.Writer
	rows  int
	bytes int64 // written so far
	line  csvLine

	sources sourceNote
}

// csvOptions read back exactly what csvLine writes: every text quoted (so
// "" is the empty string), NULL as an unquoted \N.
const csvOptions = `auto_detect=false, header=false, delim=',', quote='"', escape='"', nullstr='\N', allow_quoted_nulls=false, max_line_size=4194304, buffer_size=8388608`

// insertSQL copies the chunk's file into its table.
func (c *chunk) insertSQL() string {
	var b strings.Builder
	b.WriteString("read_csv(" + sqlString(c.path) + ", " + csvOptions + ", columns={")
	for i, col := range c.cols {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(sqlString(col.name) + ": " + sqlString(col.typ))
	}
	b.WriteString("})")
	return insertFrom(c.table, b.String())
}

// chunkError explains a failure to write the chunk files, which is most
// often a full disk under the temporary folder.
func chunkError(err error) error {
	return fmt.Errorf("load: 写入临时文件失败，请检查临时文件夹所在磁盘是否已满，或用 --temp-dir 指定空间更大的文件夹: %w", err)
}

// csvLine formats one row of a chunk: a columnWriter.
type csvLine struct {
	c      *chunk
	buf    []byte
	first  bool
	repair bool // replace bytes that are not UTF-8 in texts
}

func (l *csvLine) reset(c *chunk) { l.c, l.buf, l.first = c, l.buf[:0], true }

func (l *csvLine) sep() {
	if !l.first {
		l.buf = append(l.buf, ',')
	}
	l.first = false
}

func (l *csvLine) source(src Source, row int) {
	l.c.sources.note(src)
	l.integer(src.FileOrd)
	l.integer(src.SheetOrd)
	l.integer(row)
}

func (l *csvLine) text(s string) {
	l.sep()
	if l.repair {
		s = validUTF8(s)
	}
	l.buf = append(l.buf, '"')
	for {
		i := strings.IndexByte(s, '"')
		if i < 0 {
			break
		}
		l.buf = append(l.buf, s[:i+1]...)
		l.buf = append(l.buf, '"')
		s = s[i+1:]
	}
	l.buf = append(l.buf, s...)
	l.buf = append(l.buf, '"')
}

func (l *csvLine) boolean(b bool) {
	l.sep()
	l.buf = strconv.AppendBool(l.buf, b)
}

func (l *csvLine) integer(i int) {
	l.sep()
	l.buf = strconv.AppendInt(l.buf, int64(i), 10)
}

func (l *csvLine) fen(f normalize.Fen) {
	l.sep()
	l.buf = f.Append(l.buf)
}

func (l *csvLine) date(d normalize.Date) {
	l.sep()
	l.buf = d.Append(l.buf)
}

func (l *csvLine) null() {
	l.sep()
	l.buf = append(l.buf, `\N`...)
}

// CopiesRows reports that the session keeps a record's strings (in pending
// rows written by its goroutine) after Card, Medical and the others return.
func (s *Session) CopiesRows() bool { return false }

// leftovers: the sessions here insert their last chunks as they close
// (leftovers.go is the Arrow sessions').
type leftovers struct{}

func (*leftovers) release() {}

func (*DB) insertLeftovers(context.Context) error { return nil }
