//go:build !duckdb_arrow

package load

const batchRowsForTest = 3000
