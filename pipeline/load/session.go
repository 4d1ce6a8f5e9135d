//go:build !duckdb_arrow

package load

import (
	"context"
	"database/sql/driver"
	"errors"
	"fmt"

	"github.com/duckdb/duckdb-go/v2"
)

// Session appends rows on a connection of its own; use one per goroutine and
// Close it to make its rows visible.
type Session struct {
	conn      driver.Conn
	appenders map[string]*duckdb.Appender
}

// NewSession opens a connection for one ingest worker.
func (db *DB) NewSession(ctx context.Context) (*Session, error) {
	conn, err := db.connector.Connect(ctx)
	if err != nil {
		return nil, fmt.Errorf("load: connect: %w", err)
	}
	return &Session{conn: conn, appenders: map[string]*duckdb.Appender{}}, nil
}

func (s *Session) append(table string, values []driver.Value) error {
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

// Close flushes every appender and closes the connection.
func (s *Session) Close() error {
	var errs []error
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
