//go:build !duckdb_arrow

package load

import (
	"context"
	"database/sql/driver"
	"errors"
	"fmt"
	"sync/atomic"

	"github.com/duckdb/duckdb-go/v2"
)

// batchRows is how many rows travel to the appending goroutine at a time.
const batchRows = 1024

// Session appends rows on a connection of its own; use one per goroutine and
// Close it to make its rows visible.
//
// The Appender's work (a cgo call per text value) runs in a goroutine of the
// session's own, so that it overlaps the caller's parsing and normalising on
// the other core; once NewSession returns, only that goroutine uses the
// connection.
type Session struct {
	ctx       context.Context
	conn      driver.Conn
	appenders map[string]*duckdb.Appender
	pending   []pendingRow
	jobs      chan []pendingRow
	done      chan struct{}
	failed    atomic.Bool
	err       error // the appending goroutine's first error; read after done
}

type pendingRow struct {
	table  string
	values []driver.Value
}

// NewSession opens a connection for one ingest worker.
func (db *DB) NewSession(ctx context.Context) (*Session, error) {
	conn, err := db.connector.Connect(ctx)
	if err != nil {
		return nil, fmt.Errorf("load: connect: %w", err)
	}
	s := &Session{ctx: ctx, conn: conn, appenders: map[string]*duckdb.Appender{},
		pending: make([]pendingRow, 0, batchRows), jobs: make(chan []pendingRow, 2), done: make(chan struct{})}
	go s.appendLoop()
	return s, nil
}

func (s *Session) appendLoop() {
	defer close(s.done)
	for batch := range s.jobs {
		for _, r := range batch {
			if s.err != nil {
				break // keep draining so that senders never block
			}
			if s.err = s.appendRow(r.table, r.values); s.err != nil {
				s.failed.Store(true)
			}
		}
	}
}

func (s *Session) appendRow(table string, values []driver.Value) error {
	a := s.appenders[table]
	if a == nil {
		var err error
		if a, err = duckdb.NewAppenderFromConn(s.conn, "", table); err != nil {
			return fmt.Errorf("load: appender %s: %w", table, err)
		}
		s.appenders[table] = a
	}
	if err := a.AppendRow(values...); err != nil {
		return fmt.Errorf("load: %s: %w", table, err)
	}
	return nil
}

func (s *Session) append(table string, values []driver.Value) error {
	if s.failed.Load() {
		return errors.New("load: an earlier row failed to load")
	}
	s.pending = append(s.pending, pendingRow{table, values})
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

// Close loads what is pending, flushes every appender and closes the connection.
func (s *Session) Close() error {
	errs := []error{s.send()}
	close(s.jobs)
	<-s.done
	errs = append(errs, s.err)
	for table, a := range s.appenders {
		if err := a.Close(); err != nil {
			errs = append(errs, fmt.Errorf("load: flush %s: %w", table, err))
		}
	}
	if err := s.conn.Close(); err != nil {
		errs = append(errs, err)
	}
	return errors.Join(errs...)
}
