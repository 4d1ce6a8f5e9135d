package load

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/duckdb/duckdb-go/v2"
)

// EngineVersion is the version of the DuckDB library the program runs on,
// asked of the library itself: on Windows that is duckdb.dll, which must be
// the version the program was built against.
func EngineVersion(ctx context.Context) (string, error) {
	c, err := duckdb.NewConnector("", nil)
	if err != nil {
		return "", fmt.Errorf("load: open database: %w", err)
	}
	db := sql.OpenDB(c)
	defer db.Close()
	var v string
	if err := db.QueryRowContext(ctx, "SELECT version()").Scan(&v); err != nil {
		return "", fmt.Errorf("load: DuckDB version: %w", err)
	}
	return v, nil
}
