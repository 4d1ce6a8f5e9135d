package rules

import (
	"context"
	"database/sql"
	"testing"

	"github.com/paicha/paicha/pipeline/load"
)

// OpenTestDB opens an empty run database (the load schema, nothing loaded)
// and a connection to it, both closed when the test ends. Exported for the
// rules_test files, which share this test binary.
func OpenTestDB(t *testing.T) (*load.DB, *sql.Conn) {
	t.Helper()
	ctx := context.Background()
	db, err := load.Open(ctx, load.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	conn, err := db.SQL.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.Close() })
	return db, conn
}
