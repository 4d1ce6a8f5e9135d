//go:build duckdb_arrow

package load

const batchRowsForTest = batchRows
